//! Where a chart is cut into pages along its flow so that step titles are
//! readable from the back of the room: at phase boundaries where they
//! fall well, else at an equal share of the flow. A box belongs to the
//! page its centre is on, and that page's window reaches far enough to
//! show all of it, so no box is ever cut.

use crate::layout::{ChartLayout, ChartStyle, Rect};
use std::ops::Range;

/// The smallest step title a deck page shows, in points.
pub const MIN_TITLE_PT: f32 = 9.0;
/// No page blows a small chart up past this.
const MAX_SCALE: f32 = 1.5;
/// Flow kept before the first box and after the last of a cut chart.
const EDGE: f32 = 24.0;

/// A chart cut for pages of `body` (width, height) points: the scale every
/// page uses, and for each page the stretch of the flow (in chart units,
/// along the flow axis) whose boxes it holds, and the window it shows
/// beside the repeated lane headers (the stretch, widened to the ends of
/// its boxes).
#[derive(Clone, Debug, PartialEq)]
pub struct ChartCuts {
    pub scale: f32,
    pub cuts: Vec<Range<f32>>,
    pub windows: Vec<Range<f32>>,
}

impl ChartCuts {
    /// The page (from 0) holding a box whose centre is `along`.
    pub fn page_of(&self, along: f32) -> usize {
        self.cuts
            .iter()
            .position(|c| along < c.end)
            .unwrap_or(self.cuts.len().saturating_sub(1))
    }

    pub fn len(&self) -> usize {
        self.cuts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cuts.is_empty()
    }
}

/// A box's extent along the flow.
pub fn along_span(rect: &Rect, vertical: bool) -> Range<f32> {
    if vertical {
        rect.min.y..rect.max.y
    } else {
        rect.min.x..rect.max.x
    }
}

/// Room kept at each end of a cut page's flow for the markers of
/// connectors that leave or enter it, in chart units: a line of marker
/// text beside a horizontal flow, a row of it above and below a vertical
/// one.
pub fn marker_gutter(vertical: bool) -> f32 {
    if vertical { 36.0 } else { 140.0 }
}

/// Cuts `layout` (its flow along x when `vertical` is false, along y when
/// true) for a page body of `body` points. A chart whose titles reach
/// `MIN_TITLE_PT` on one page stays on one page.
pub fn chart_cuts(layout: &ChartLayout, vertical: bool, body: (f32, f32)) -> ChartCuts {
    let style = ChartStyle::default();
    let (w, h) = (layout.scene.width.max(1.0), layout.scene.height.max(1.0));
    // Along the flow and across it, in chart units and on the page.
    let (along_len, across_len, page_along, page_across) = if vertical {
        (h, w, body.1, body.0)
    } else {
        (w, h, body.0, body.1)
    };
    let header = if vertical {
        layout.content.min.y
    } else {
        layout.content.min.x
    };
    let whole = (page_along / along_len)
        .min(page_across / across_len)
        .min(MAX_SCALE);
    let readable = MIN_TITLE_PT / style.title_size;
    if whole * style.title_size >= MIN_TITLE_PT || along_len <= header {
        return ChartCuts {
            scale: whole,
            cuts: vec![header..along_len],
            windows: vec![header..along_len],
        };
    }
    // Just readable, as few pages as that allows; smaller only when the
    // lanes would not fit across the page (they are never split).
    let scale = readable.min(page_across / across_len).max(whole);
    let room = (page_along / scale - header - 2.0 * marker_gutter(vertical)).max(1.0);
    let spans: Vec<Range<f32>> = layout
        .boxes
        .values()
        .map(|r| along_span(r, vertical))
        .collect();
    let phase_ends: Vec<f32> = layout
        .phases
        .iter()
        .map(|b| along_span(&b.rect, vertical).end)
        .collect();
    // Empty flow before the first box and after the last is left out.
    let first = spans.iter().map(|s| s.start).fold(along_len, f32::min);
    let last = spans.iter().map(|s| s.end).fold(header, f32::max);
    let flow = (first - EDGE).max(header)..(last + EDGE).min(along_len).max(header + 1.0);
    let cuts = cut_positions(&spans, &phase_ends, flow, room);
    let windows = windows_of(&cuts, &spans);
    // As large as the longest window and the lanes allow, the same on
    // every page.
    let scale = windows
        .iter()
        .map(|w| page_along / (header + 2.0 * marker_gutter(vertical) + w.end - w.start))
        .fold(page_across / across_len, f32::min)
        .clamp(scale, MAX_SCALE);
    ChartCuts {
        scale,
        cuts,
        windows,
    }
}

/// The stretches of the flow `whole`, each page's window (its stretch
/// widened to its boxes) at most `room` long, in about as few pages as
/// that takes and about equally long: each stretch ends at a phase
/// boundary near an equal share of what is left when one is there, else
/// between two boxes nearest that share. One pass over the boxes sorted
/// along the flow, however many pages.
fn cut_positions(
    spans: &[Range<f32>],
    phase_ends: &[f32],
    whole: Range<f32>,
    room: f32,
) -> Vec<Range<f32>> {
    // (centre, start, end) of each box, by centre.
    let mut boxes: Vec<(f32, f32, f32)> = spans
        .iter()
        .map(|s| ((s.start + s.end) / 2.0, s.start, s.end))
        .collect();
    boxes.sort_by(|a, b| a.0.total_cmp(&b.0));
    // The earliest start of the boxes from each one on.
    let mut later_start = vec![f32::INFINITY; boxes.len() + 1];
    for i in (0..boxes.len()).rev() {
        later_start[i] = later_start[i + 1].min(boxes[i].1);
    }
    let first_from = |x: f32| boxes.partition_point(|b| b.0 < x);
    // Between two boxes' centres, and the phase boundaries.
    let mut candidates: Vec<f32> = boxes
        .windows(2)
        .map(|pair| (pair[0].0 + pair[1].0) / 2.0)
        .chain(phase_ends.iter().copied())
        .filter(|x| *x > whole.start && *x < whole.end)
        .collect();
    candidates.sort_by(f32::total_cmp);
    candidates.dedup();
    let longest = spans.iter().map(|s| s.end - s.start).fold(0.0, f32::max);
    let share_room = (room - longest / 2.0).max(room / 2.0);
    let mut pages = Vec::new();
    let mut from = whole.start;
    loop {
        let start = later_start[first_from(from)].min(from);
        if whole.end - start <= room {
            break;
        }
        let left = ((whole.end - from) / share_room).ceil().max(2.0);
        let share = (whole.end - from) / left;
        let target = from + share;
        let near = |x: f32| (x - target).abs();
        // Walk the cuts after `from` while the window still fits.
        let (mut phase, mut between): (Option<f32>, Option<f32>) = (None, None);
        let mut next = first_from(from);
        let mut window_end = f32::MIN;
        let first = candidates.partition_point(|c| *c <= from);
        for &x in &candidates[first..] {
            while next < boxes.len() && boxes[next].0 < x {
                window_end = window_end.max(boxes[next].2);
                next += 1;
            }
            if window_end.max(x) - start > room {
                break;
            }
            if between.is_none_or(|b| near(x) < near(b)) {
                between = Some(x);
            }
            let is_phase = phase_ends.contains(&x) && near(x) <= share / 3.0;
            if is_phase && phase.is_none_or(|p| near(x) < near(p)) {
                phase = Some(x);
            }
        }
        // A box longer than the room gets a page of its own.
        let Some(to) = phase.or(between).or_else(|| candidates.get(first).copied()) else {
            break;
        };
        pages.push(from..to);
        from = to;
    }
    pages.push(from..whole.end);
    pages
}

/// Each stretch widened to the whole of every box whose centre is in it.
fn windows_of(cuts: &[Range<f32>], spans: &[Range<f32>]) -> Vec<Range<f32>> {
    let mut windows = cuts.to_vec();
    let last = cuts.len().saturating_sub(1);
    for span in spans {
        let centre = (span.start + span.end) / 2.0;
        let page = cuts.iter().position(|c| centre < c.end).unwrap_or(last);
        if let Some(w) = windows.get_mut(page) {
            w.start = w.start.min(span.start);
            w.end = w.end.max(span.end);
        }
    }
    windows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::layout_chart;
    use crate::model::synthetic_process;

    /// A 16:9 page's body, as the deck lays it out.
    const WIDE_BODY: (f32, f32) = (904.0, 452.0);

    /// Every box whole in the window of the page it belongs to, the
    /// stretches one after another, no window longer than the page allows.
    fn assert_clean_cuts(layout: &ChartLayout, cuts: &ChartCuts, what: &str) {
        for r in layout.boxes.values() {
            let page = cuts.page_of(r.center().x);
            let window = &cuts.windows[page];
            assert!(
                r.min.x >= window.start && r.max.x <= window.end,
                "{what}: a box cut: {r:?} on page {page} showing {window:?}"
            );
        }
        for pair in cuts.cuts.windows(2) {
            assert_eq!(
                pair[0].end, pair[1].start,
                "{what}: pages follow each other"
            );
        }
        let room = WIDE_BODY.0 / cuts.scale - layout.content.min.x - 2.0 * marker_gutter(false);
        for window in &cuts.windows {
            assert!(
                window.end - window.start <= room + 0.5,
                "{what}: {window:?} past {room}"
            );
        }
    }

    #[test]
    fn a_long_chart_is_cut_never_through_a_box_as_large_as_its_lanes_allow() {
        for steps in [40, 60, 120] {
            let layout = layout_chart(&synthetic_process(steps, 1));
            let cuts = chart_cuts(&layout, false, WIDE_BODY);
            assert!(cuts.len() > 1, "{steps} steps on one page");
            let title = ChartStyle::default().title_size * cuts.scale;
            let lanes_fill = (layout.scene.height * cuts.scale - WIDE_BODY.1).abs() < 1.0;
            assert!(
                title >= MIN_TITLE_PT - 0.01 || lanes_fill,
                "{steps} steps: titles {title} pt while the lanes leave room"
            );
            assert_clean_cuts(&layout, &cuts, &format!("W-{steps}"));
        }
    }

    #[test]
    fn a_chart_of_three_lanes_is_cut_at_a_phase_boundary_for_9_pt_titles() {
        let mut p = synthetic_process(24, 3);
        p.lanes.truncate(3);
        let keep: Vec<_> = p.lanes.iter().map(|l| l.id).collect();
        for step in p.steps.values_mut() {
            if !keep.contains(&step.lane) {
                step.lane = keep[0];
            }
            step.roles.retain(|l, _| keep.contains(l));
        }
        let layout = layout_chart(&p);
        let cuts = chart_cuts(&layout, false, WIDE_BODY);
        let title = ChartStyle::default().title_size * cuts.scale;
        assert!(title >= MIN_TITLE_PT - 0.01, "titles {title} pt");
        assert!(cuts.len() > 1);
        let phase_ends: Vec<f32> = layout.phases.iter().map(|b| b.rect.max.x).collect();
        assert!(
            cuts.cuts[..cuts.len() - 1]
                .iter()
                .any(|p| phase_ends.contains(&p.end)),
            "a cut at a phase boundary: {:?} vs {phase_ends:?}",
            cuts.cuts
        );
        assert_clean_cuts(&layout, &cuts, "three lanes");
    }

    #[test]
    fn a_chart_readable_on_one_page_stays_on_one_page() {
        let layout = layout_chart(&synthetic_process(6, 1));
        let cuts = chart_cuts(&layout, false, WIDE_BODY);
        assert_eq!(cuts.len(), 1);
    }
}
