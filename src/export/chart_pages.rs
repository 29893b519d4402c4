//! Where a chart is cut into pages along its flow so that step titles are
//! readable from the back of the room: at phase boundaries first, then in
//! the gaps between boxes, never through a box.

use crate::layout::{ChartLayout, ChartStyle};
use std::ops::Range;

/// The smallest step title a deck page shows, in points.
pub const MIN_TITLE_PT: f32 = 9.0;
/// No page blows a small chart up past this.
const MAX_SCALE: f32 = 1.5;

/// A chart cut for pages of `body` (width, height) points: the scale every
/// page uses, and for each page the stretch of the flow (in chart units,
/// along the flow axis) it shows beside the repeated lane headers.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartCuts {
    pub scale: f32,
    pub pages: Vec<Range<f32>>,
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
    let (header, start) = if vertical {
        (layout.content.min.y, layout.content.min.y)
    } else {
        (layout.content.min.x, layout.content.min.x)
    };
    let whole = (page_along / along_len)
        .min(page_across / across_len)
        .min(MAX_SCALE);
    let readable = MIN_TITLE_PT / style.title_size;
    if whole * style.title_size >= MIN_TITLE_PT || along_len <= header {
        return ChartCuts {
            scale: whole,
            pages: vec![start..along_len],
        };
    }
    // Just readable, as few pages as that allows; smaller only when the
    // lanes would not fit across the page (they are never split).
    let scale = readable.min(page_across / across_len).max(whole);
    let room = (page_along / scale - header).max(1.0);
    ChartCuts {
        scale,
        pages: cut_positions(layout, vertical, start, along_len, room),
    }
}

/// The stretches of the flow from `start` to `end`, each at most `room`
/// long where the boxes allow: ending at the last phase boundary that fits
/// (when it is past half the room), else at the last gap between boxes.
fn cut_positions(
    layout: &ChartLayout,
    vertical: bool,
    start: f32,
    end: f32,
    room: f32,
) -> Vec<Range<f32>> {
    let span = |r: &crate::layout::Rect| {
        if vertical {
            (r.min.y, r.max.y)
        } else {
            (r.min.x, r.max.x)
        }
    };
    let boxes: Vec<(f32, f32)> = layout.boxes.values().map(span).collect();
    let phase_ends: Vec<f32> = layout.phases.iter().map(|b| span(&b.rect).1).collect();
    let free = |x: f32| boxes.iter().all(|(a, b)| x <= *a || x >= *b);
    let mut gaps: Vec<f32> = boxes
        .iter()
        .flat_map(|(a, b)| [*a - 1.0, *b + 1.0])
        .filter(|x| *x > start && *x < end && free(*x))
        .collect();
    gaps.sort_by(f32::total_cmp);
    let mut pages = Vec::new();
    let mut from = start;
    while end - from > room {
        let limit = from + room;
        let phase = phase_ends
            .iter()
            .copied()
            .filter(|x| *x > from + room * 0.5 && *x <= limit && free(*x))
            .fold(None, |best: Option<f32>, x| {
                Some(best.map_or(x, |b| b.max(x)))
            });
        let gap = gaps.iter().copied().rfind(|x| *x > from && *x <= limit);
        // A box longer than the room is cut after it rather than through it.
        let to = phase.or(gap).unwrap_or_else(|| {
            boxes
                .iter()
                .filter(|(a, b)| *a < limit && *b > limit)
                .map(|(_, b)| *b + 1.0)
                .fold(limit, f32::max)
        });
        pages.push(from..to);
        from = to;
    }
    pages.push(from..end);
    pages
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::layout_chart;
    use crate::model::synthetic_process;

    /// A 16:9 page's body, as the deck lays it out.
    const WIDE_BODY: (f32, f32) = (904.0, 452.0);

    /// Every box on exactly one page, the pages one after another.
    fn assert_clean_cuts(layout: &ChartLayout, cuts: &ChartCuts, what: &str) {
        for r in layout.boxes.values() {
            let holding = cuts
                .pages
                .iter()
                .filter(|p| r.min.x >= p.start && r.max.x <= p.end)
                .count();
            assert_eq!(holding, 1, "{what}: a box cut or lost: {r:?}");
        }
        for pair in cuts.pages.windows(2) {
            assert_eq!(
                pair[0].end, pair[1].start,
                "{what}: pages follow each other"
            );
        }
    }

    #[test]
    fn a_long_chart_is_cut_never_through_a_box_as_large_as_its_lanes_allow() {
        for steps in [40, 60, 120] {
            let layout = layout_chart(&synthetic_process(steps, 1));
            let cuts = chart_cuts(&layout, false, WIDE_BODY);
            assert!(cuts.pages.len() > 1, "{steps} steps on one page");
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
        assert!(cuts.pages.len() > 1);
        let phase_ends: Vec<f32> = layout.phases.iter().map(|b| b.rect.max.x).collect();
        assert!(
            cuts.pages[..cuts.pages.len() - 1]
                .iter()
                .any(|p| phase_ends.contains(&p.end)),
            "a cut at a phase boundary: {:?} vs {phase_ends:?}",
            cuts.pages
        );
        assert_clean_cuts(&layout, &cuts, "three lanes");
    }

    #[test]
    fn a_chart_readable_on_one_page_stays_on_one_page() {
        let layout = layout_chart(&synthetic_process(6, 1));
        let cuts = chart_cuts(&layout, false, WIDE_BODY);
        assert_eq!(cuts.pages.len(), 1);
    }
}
