//! The chart layout: lane and phase bands sized to their contents, placed
//! step boxes, routed connectors, all emitted as one `Scene`.

use super::boxes::{BoxContent, centered_lines, draw_box, measure_box};
use super::geometry::{Point, Rect};
use super::route::{RouteRequest, route_connector, route_self_loop};
use super::scene::{Scene, Shape, Source, Stroke, TextLine};
use super::style::ChartStyle;
use super::text::{ascent, break_lines, line_height, text_width};
use crate::model::{
    ConnectorId, LaneId, Numbering, Orientation, PhaseId, Process, StepId, StepKind, number_steps,
};
use std::collections::BTreeMap;

/// A lane or phase band: the whole band and its header cell.
#[derive(Clone, Debug, PartialEq)]
pub struct Band<Id> {
    pub id: Id,
    pub rect: Rect,
    pub header: Rect,
}

/// A laid-out chart: the scene and the geometry behind it.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartLayout {
    pub scene: Scene,
    pub lanes: Vec<Band<LaneId>>,
    pub phases: Vec<Band<PhaseId>>,
    /// Every step's box.
    pub boxes: BTreeMap<StepId, Rect>,
    /// Every connector's route, from its start step's border to its end
    /// step's border.
    pub routes: BTreeMap<ConnectorId, Vec<Point>>,
    /// The area inside the headers, where boxes and routes live.
    pub content: Rect,
}

/// A box being placed, in flow coordinates: `along` and `across` are its
/// centre within its cell, `extent_*` its size along and across the flow.
struct Placed {
    id: StepId,
    lane: usize,
    phase: Option<usize>,
    along: f32,
    across: f32,
    extent_along: f32,
    extent_across: f32,
}

/// Lays out a whole process with the house style.
pub fn layout_chart(process: &Process) -> ChartLayout {
    let numbering = number_steps(process);
    layout_chart_with(process, &numbering, &ChartStyle::default())
}

/// What one layout keeps for the next, so an edit re-measures and re-routes
/// only what it touched: box contents by step (valid while kind and title
/// are the same), and routes by connector (valid while both end boxes stay
/// put and no box that moved comes near the route).
#[derive(Clone, Debug, Default)]
pub struct LayoutCache {
    contents: BTreeMap<StepId, (StepKind, String, BoxContent)>,
    boxes: BTreeMap<StepId, Rect>,
    routes: BTreeMap<ConnectorId, (StepId, StepId, Vec<Point>)>,
    content: Option<Rect>,
}

/// Lays out a process: box sizes from text, boxes kept inside their lane
/// and phase and clear of each other, bands grown to hold them, connectors
/// routed around the boxes.
pub fn layout_chart_with(
    process: &Process,
    numbering: &Numbering,
    style: &ChartStyle,
) -> ChartLayout {
    layout_chart_cached(process, numbering, style, &mut LayoutCache::default())
}

/// `layout_chart_with`, reusing what `cache` holds from the last layout of
/// the same process (and updating it). The result is the same as without
/// the cache, but for routes kept from before.
pub fn layout_chart_cached(
    process: &Process,
    numbering: &Numbering,
    style: &ChartStyle,
    cache: &mut LayoutCache,
) -> ChartLayout {
    let vertical = process.orientation == Orientation::Vertical;
    let lane_index: BTreeMap<LaneId, usize> = process
        .lanes
        .iter()
        .enumerate()
        .map(|(i, l)| (l.id, i))
        .collect();
    let phase_index: BTreeMap<PhaseId, usize> = process
        .phases
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id, i))
        .collect();
    let margin = style.band_margin;

    let contents: BTreeMap<StepId, BoxContent> = process
        .steps
        .values()
        .map(|s| {
            let content = match cache.contents.get(&s.id) {
                Some((kind, title, content)) if *kind == s.kind && *title == s.title => {
                    content.clone()
                }
                _ => measure_box(s, style),
            };
            (s.id, content)
        })
        .collect();
    cache.contents = process
        .steps
        .values()
        .filter_map(|s| {
            Some((
                s.id,
                (
                    s.kind.clone(),
                    s.title.clone(),
                    contents.get(&s.id)?.clone(),
                ),
            ))
        })
        .collect();

    // 1. Each box inside its cell, at least `margin` from the cell's start.
    let mut placed: Vec<Placed> = Vec::new();
    for step in process.steps.values() {
        let (Some(&lane), Some(content)) = (lane_index.get(&step.lane), contents.get(&step.id))
        else {
            continue;
        };
        let (extent_along, extent_across) = if vertical {
            (content.height, content.width)
        } else {
            (content.width, content.height)
        };
        placed.push(Placed {
            id: step.id,
            lane,
            phase: step.phase.and_then(|p| phase_index.get(&p).copied()),
            along: step.at.along.max(extent_along / 2.0 + margin),
            across: step.at.across.max(extent_across / 2.0 + margin),
            extent_along,
            extent_across,
        });
    }
    placed.sort_by(|a, b| {
        a.lane
            .cmp(&b.lane)
            .then(a.phase.cmp(&b.phase))
            .then(a.along.total_cmp(&b.along))
            .then(a.across.total_cmp(&b.across))
            .then(a.id.cmp(&b.id))
    });
    // 2. Boxes in one cell that would overlap are pushed along the flow.
    separate_in_cells(&mut placed, style.box_gap);

    // 3. Bands grow to hold their boxes.
    let mut lane_size: Vec<f32> = process.lanes.iter().map(|l| l.size).collect();
    let mut phase_size: Vec<f32> = process.phases.iter().map(|p| p.size).collect();
    for p in &placed {
        if let Some(size) = lane_size.get_mut(p.lane) {
            *size = size.max(p.across + p.extent_across / 2.0 + margin);
        }
        if let Some(size) = p.phase.and_then(|i| phase_size.get_mut(i)) {
            *size = size.max(p.along + p.extent_along / 2.0 + margin);
        }
    }
    let lane_start: Vec<f32> = running_sum(&lane_size);
    let phase_start: Vec<f32> = running_sum(&phase_size);

    // 4. Absolute flow positions; boxes outside any phase are pushed clear
    //    of the boxes already in their lane.
    let mut absolute: Vec<(usize, f32, f32, f32, f32, StepId)> = placed
        .iter()
        .map(|p| {
            let base = p
                .phase
                .and_then(|i| phase_start.get(i))
                .copied()
                .unwrap_or(0.0);
            let lane_base = lane_start.get(p.lane).copied().unwrap_or(0.0);
            (
                p.lane,
                base + p.along,
                lane_base + p.across,
                p.extent_along,
                p.extent_across,
                p.id,
            )
        })
        .collect();
    separate_unphased(&mut absolute, &placed, style.box_gap);
    let flow_end = absolute
        .iter()
        .map(|a| a.1 + a.3 / 2.0 + margin)
        .fold(
            phase_start.last().copied().unwrap_or(0.0) + phase_size.last().copied().unwrap_or(0.0),
            f32::max,
        )
        .max(480.0);
    let cross_end: f32 = lane_size.iter().sum();

    // Screen frame: headers first, then content.
    let has_phases = !process.phases.is_empty();
    let phase_header = if has_phases { style.phase_header } else { 0.0 };
    let (x0, y0) = if vertical {
        (phase_header, style.lane_header)
    } else {
        (style.lane_header, phase_header)
    };
    let (width, height) = if vertical {
        (x0 + cross_end, y0 + flow_end)
    } else {
        (x0 + flow_end, y0 + cross_end)
    };
    let to_screen = |along: f32, across: f32| {
        if vertical {
            Point::new(x0 + across, y0 + along)
        } else {
            Point::new(x0 + along, y0 + across)
        }
    };
    let content = Rect::from_min_size(x0, y0, width - x0, height - y0);
    let mut scene = Scene::new(width, height);

    // Lane bands with header cells.
    let mut lanes = Vec::new();
    for (i, lane) in process.lanes.iter().enumerate() {
        let (start, size) = (lane_start[i], lane_size[i]);
        let (rect, header) = if vertical {
            (
                Rect::from_min_size(x0 + start, 0.0, size, height),
                Rect::from_min_size(x0 + start, 0.0, size, style.lane_header),
            )
        } else {
            (
                Rect::from_min_size(0.0, y0 + start, width, size),
                Rect::from_min_size(0.0, y0 + start, style.lane_header, size),
            )
        };
        scene.push(
            Shape::Rect {
                rect,
                radius: 0.0,
                fill: Some(style.lane_fills[i % 2]),
                stroke: Some(Stroke::solid(1.0, style.band_stroke)),
            },
            Some(Source::Lane(lane.id)),
        );
        lanes.push(Band {
            id: lane.id,
            rect,
            header,
        });
    }

    // Phase bands across the lanes, separated by dashed lines.
    let mut phases = Vec::new();
    for (i, phase) in process.phases.iter().enumerate() {
        let (start, size) = (phase_start[i], phase_size[i]);
        let (rect, header) = if vertical {
            (
                Rect::from_min_size(0.0, y0 + start, width, size),
                Rect::from_min_size(0.0, y0 + start, phase_header, size),
            )
        } else {
            (
                Rect::from_min_size(x0 + start, 0.0, size, height),
                Rect::from_min_size(x0 + start, 0.0, size, phase_header),
            )
        };
        if i > 0 {
            let (a, b) = if vertical {
                (Point::new(0.0, rect.min.y), Point::new(width, rect.min.y))
            } else {
                (Point::new(rect.min.x, 0.0), Point::new(rect.min.x, height))
            };
            scene.push(
                Shape::Polyline {
                    points: vec![a, b],
                    stroke: Stroke {
                        width: 1.0,
                        color: style.band_stroke,
                        dash: Some(6.0),
                    },
                },
                Some(Source::Phase(phase.id)),
            );
        }
        phases.push(Band {
            id: phase.id,
            rect,
            header,
        });
    }

    // Header cells on top of the bands.
    for (band, lane) in lanes.iter().zip(&process.lanes) {
        header_cell(
            &mut scene,
            band.header,
            &lane.name,
            style,
            true,
            Source::LaneHeader(lane.id),
        );
    }
    for (band, phase) in phases.iter().zip(&process.phases) {
        header_cell(
            &mut scene,
            band.header,
            &phase.name,
            style,
            false,
            Source::PhaseHeader(phase.id),
        );
    }
    if has_phases {
        // The corner where the two header strips meet.
        scene.push(
            Shape::Rect {
                rect: Rect::from_min_size(0.0, 0.0, x0, y0),
                radius: 0.0,
                fill: Some(style.header_fill),
                stroke: Some(Stroke::solid(1.0, style.band_stroke)),
            },
            None,
        );
    }

    // Boxes.
    let mut boxes = BTreeMap::new();
    for (_, along, across, ea, ec, id) in &absolute {
        let center = to_screen(*along, *across);
        let (w, h) = if vertical { (*ec, *ea) } else { (*ea, *ec) };
        boxes.insert(*id, Rect::from_center_size(center, w, h));
    }

    // Connectors under the boxes.
    let obstacles: Vec<Rect> = boxes.values().copied().collect();
    let (exit_cost, entry_cost) = if vertical {
        ([20.0, 0.0, 40.0, 40.0], [40.0, 20.0, 20.0, 0.0])
    } else {
        ([0.0, 20.0, 40.0, 40.0], [40.0, 20.0, 0.0, 20.0])
    };
    // How each box moved since the last layout. A route is kept when both
    // its end boxes moved by the same offset (often none) with their sizes:
    // it moves along by that offset, and is used if it still enters no box
    // and no box that moved differently comes near it (the old place
    // included, so a route can straighten when a box moves out of its way).
    let offset_of = |id: &StepId| -> Option<(f32, f32)> {
        let (old, new) = (cache.boxes.get(id)?, boxes.get(id)?);
        let same_size =
            (old.width() - new.width()).abs() < 0.01 && (old.height() - new.height()).abs() < 0.01;
        same_size.then_some((new.min.x - old.min.x, new.min.y - old.min.y))
    };
    let mut moved: Vec<((f32, f32), Rect, Option<Rect>)> = Vec::new();
    for (id, r) in &boxes {
        if cache.boxes.get(id) != Some(r) {
            moved.push((
                offset_of(id).unwrap_or((f32::NAN, f32::NAN)),
                *r,
                cache.boxes.get(id).copied(),
            ));
        }
    }
    for (id, r) in &cache.boxes {
        if !boxes.contains_key(id) {
            moved.push(((f32::NAN, f32::NAN), *r, None));
        }
    }
    let mut moved_groups: BTreeMap<(i64, i64), Vec<MovedBox>> = BTreeMap::new();
    for (d, new, old) in &moved {
        moved_groups
            .entry(offset_key(*d))
            .or_default()
            .push((*new, *old));
    }
    // Built only if some route moves along with its boxes.
    let index: std::cell::OnceCell<BoxIndex> = std::cell::OnceCell::new();
    let reuse = cache.content.is_some();
    let near = style.route_margin * 2.0;
    let mut routes = BTreeMap::new();
    for c in process.connectors.values() {
        let (Some(from), Some(to)) = (boxes.get(&c.from), boxes.get(&c.to)) else {
            continue;
        };
        let kept = cache.routes.get(&c.id).and_then(|(f, t, points)| {
            if !reuse || *f != c.from || *t != c.to {
                return None;
            }
            let (df, dt) = (offset_of(f)?, offset_of(t)?);
            let same =
                |a: (f32, f32), b: (f32, f32)| (a.0 - b.0).abs() < 0.01 && (a.1 - b.1).abs() < 0.01;
            if !same(df, dt) {
                return None;
            }
            let shifted: Vec<Point> = points
                .iter()
                .map(|p| Point::new(p.x + df.0, p.y + df.1))
                .collect();
            // Only boxes that moved differently from this route's ends count
            // (grouped by offset: after a band grows, most share one).
            let disturbed = moved_groups
                .iter()
                .filter(|(key, _)| **key != offset_key(df))
                .flat_map(|(_, group)| group.iter())
                .any(|(new, old)| {
                    route_near(&shifted, &new.expand(near))
                        || old.is_some_and(|o| route_near(points, &o.expand(near)))
                });
            // Unmoved, it entered no box before, and every box that moved
            // differently was checked just above; moved, check it again.
            let still = df.0 == 0.0 && df.1 == 0.0;
            let blocked = !still
                && index
                    .get_or_init(|| BoxIndex::new(&boxes))
                    .any_entered(&shifted, c.from, c.to);
            (!disturbed && !blocked).then_some(shifted)
        });
        let points = if let Some(points) = kept {
            points
        } else if c.from == c.to {
            route_self_loop(from, style.route_margin)
        } else {
            route_connector(&RouteRequest {
                from: *from,
                to: *to,
                obstacles: &obstacles,
                bounds: content,
                margin: style.route_margin,
                bend_penalty: style.bend_penalty,
                exit_cost,
                entry_cost,
            })
        };
        draw_connector(&mut scene, c.id, &points, c.label.as_deref(), style);
        routes.insert(c.id, points);
    }
    cache.routes = routes
        .iter()
        .filter_map(|(id, pts)| {
            let c = process.connectors.get(id)?;
            Some((*id, (c.from, c.to, pts.clone())))
        })
        .collect();
    cache.boxes = boxes.clone();
    cache.content = Some(content);

    for step in process.steps.values() {
        if let (Some(rect), Some(content)) = (boxes.get(&step.id), contents.get(&step.id)) {
            draw_box(
                &mut scene,
                step,
                content,
                *rect,
                numbering.of(step.id),
                style,
            );
        }
    }

    ChartLayout {
        scene,
        lanes,
        phases,
        boxes,
        routes,
        content,
    }
}

/// A box that moved: where it is now, and where it was (none if new).
type MovedBox = (Rect, Option<Rect>);

/// An offset rounded to hundredths, as a map key (`NaN`: resized or new).
fn offset_key(d: (f32, f32)) -> (i64, i64) {
    if d.0.is_finite() && d.1.is_finite() {
        ((d.0 * 100.0).round() as i64, (d.1 * 100.0).round() as i64)
    } else {
        (i64::MIN, i64::MIN)
    }
}

/// Boxes bucketed on a coarse grid, to find those near a route quickly.
struct BoxIndex<'a> {
    boxes: &'a BTreeMap<StepId, Rect>,
    cells: std::collections::HashMap<(i32, i32), Vec<StepId>>,
}

impl<'a> BoxIndex<'a> {
    const CELL: f32 = 256.0;

    fn cell(v: f32) -> i32 {
        (v / Self::CELL).floor() as i32
    }

    fn new(boxes: &'a BTreeMap<StepId, Rect>) -> BoxIndex<'a> {
        let mut cells: std::collections::HashMap<(i32, i32), Vec<StepId>> = Default::default();
        for (id, r) in boxes {
            for cx in Self::cell(r.min.x)..=Self::cell(r.max.x) {
                for cy in Self::cell(r.min.y)..=Self::cell(r.max.y) {
                    cells.entry((cx, cy)).or_default().push(*id);
                }
            }
        }
        BoxIndex { boxes, cells }
    }

    /// True when a segment of the route enters a box other than its ends.
    fn any_entered(&self, points: &[Point], from: StepId, to: StepId) -> bool {
        points.windows(2).any(|w| {
            let (a, b) = (w[0], w[1]);
            let (x0, x1) = (Self::cell(a.x.min(b.x)), Self::cell(a.x.max(b.x)));
            let (y0, y1) = (Self::cell(a.y.min(b.y)), Self::cell(a.y.max(b.y)));
            (x0..=x1).any(|cx| {
                (y0..=y1).any(|cy| {
                    self.cells.get(&(cx, cy)).is_some_and(|ids| {
                        ids.iter().any(|id| {
                            *id != from
                                && *id != to
                                && self.boxes.get(id).is_some_and(|r| r.segment_enters(a, b))
                        })
                    })
                })
            })
        })
    }
}

/// True when a route passes through or along `area`.
fn route_near(points: &[Point], area: &Rect) -> bool {
    points.windows(2).any(|w| {
        let (a, b) = (w[0], w[1]);
        let seg = Rect {
            min: Point::new(a.x.min(b.x), a.y.min(b.y)),
            max: Point::new(a.x.max(b.x), a.y.max(b.y)),
        };
        seg.min.x <= area.max.x
            && seg.max.x >= area.min.x
            && seg.min.y <= area.max.y
            && seg.max.y >= area.min.y
    })
}

fn running_sum(sizes: &[f32]) -> Vec<f32> {
    let mut acc = 0.0;
    sizes
        .iter()
        .map(|s| {
            let here = acc;
            acc += s;
            here
        })
        .collect()
}

/// Pushes boxes of the same lane and phase apart along the flow, in order
/// of their position, so that no two overlap.
fn separate_in_cells(placed: &mut [Placed], gap: f32) {
    for i in 0..placed.len() {
        let mut j = i;
        while j > 0
            && placed[j - 1].lane == placed[i].lane
            && placed[j - 1].phase == placed[i].phase
        {
            j -= 1;
        }
        let (before, rest) = placed.split_at_mut(i);
        let current = &mut rest[0];
        // Earlier boxes in the cell are final; move past any we overlap.
        let mut moved = true;
        while moved {
            moved = false;
            for other in &before[j..] {
                let along_clear = (current.along - other.along).abs()
                    >= (current.extent_along + other.extent_along) / 2.0;
                let across_clear = (current.across - other.across).abs()
                    >= (current.extent_across + other.extent_across) / 2.0;
                if !along_clear && !across_clear {
                    current.along =
                        other.along + (current.extent_along + other.extent_along) / 2.0 + gap;
                    moved = true;
                }
            }
        }
    }
}

/// Pushes boxes that belong to no phase clear of the other boxes of their
/// lane (boxes inside phases were separated already and stay put).
fn separate_unphased(
    absolute: &mut [(usize, f32, f32, f32, f32, StepId)],
    placed: &[Placed],
    gap: f32,
) {
    let unphased: Vec<usize> = (0..absolute.len())
        .filter(|i| placed[*i].phase.is_none())
        .collect();
    if unphased.len() == absolute.len() {
        return; // no phases in play: the cells did all the work
    }
    for &i in &unphased {
        let mut moved = true;
        while moved {
            moved = false;
            for k in 0..absolute.len() {
                if k == i || absolute[k].0 != absolute[i].0 {
                    continue;
                }
                if placed[k].phase.is_none() && k > i {
                    continue; // later unphased boxes move themselves
                }
                let (a, o) = (absolute[i], absolute[k]);
                let along_clear = (a.1 - o.1).abs() >= (a.3 + o.3) / 2.0;
                let across_clear = (a.2 - o.2).abs() >= (a.4 + o.4) / 2.0;
                if !along_clear && !across_clear {
                    absolute[i].1 = o.1 + (a.3 + o.3) / 2.0 + gap;
                    moved = true;
                }
            }
        }
    }
}

fn header_cell(
    scene: &mut Scene,
    rect: Rect,
    name: &str,
    style: &ChartStyle,
    lane: bool,
    source: Source,
) {
    let (fill, ink) = if lane {
        (style.header_fill, style.header_ink)
    } else {
        (style.phase_fill, style.ink)
    };
    scene.push(
        Shape::Rect {
            rect,
            radius: 0.0,
            fill: Some(fill),
            stroke: Some(Stroke::solid(1.0, style.band_stroke)),
        },
        Some(source),
    );
    let lines = break_lines(
        name,
        style.header_size,
        (rect.width() - 2.0 * style.padding).max(style.header_size),
    );
    scene.push(
        Shape::Text {
            lines: centered_lines(&lines, rect.center(), style.header_size),
            size: style.header_size,
            color: ink,
        },
        Some(source),
    );
}

fn draw_connector(
    scene: &mut Scene,
    id: ConnectorId,
    points: &[Point],
    label: Option<&str>,
    style: &ChartStyle,
) {
    let src = Some(Source::Connector(id));
    if points.len() < 2 {
        return;
    }
    scene.push(
        Shape::Polyline {
            points: points.to_vec(),
            stroke: Stroke::solid(1.5, style.connector),
        },
        src,
    );
    // Arrowhead along the last segment.
    let (a, b) = (points[points.len() - 2], points[points.len() - 1]);
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let len = (dx * dx + dy * dy).sqrt().max(0.001);
    let (ux, uy) = (dx / len, dy / len);
    let (head, half) = (9.0, 4.5);
    let base = Point::new(b.x - ux * head, b.y - uy * head);
    scene.push(
        Shape::Polygon {
            points: vec![
                b,
                Point::new(base.x - uy * half, base.y + ux * half),
                Point::new(base.x + uy * half, base.y - ux * half),
            ],
            fill: Some(style.connector),
            stroke: None,
        },
        src,
    );
    if let Some(text) = label.filter(|t| !t.trim().is_empty()) {
        // Beside the first segment, just off the line.
        let (p, q) = (points[0], points[1]);
        let size = style.label_size;
        let w = text_width(text, size);
        let origin = if (p.y - q.y).abs() < 0.01 {
            let x = if q.x >= p.x { p.x + 4.0 } else { p.x - 4.0 - w };
            Point::new(x, p.y - 4.0)
        } else {
            let y = if q.y >= p.y {
                p.y + 4.0 + ascent(size)
            } else {
                p.y - 4.0
            };
            Point::new(p.x + 4.0, y)
        };
        let top = origin.y - ascent(size);
        scene.push(
            Shape::Rect {
                rect: Rect::from_min_size(origin.x - 1.0, top, w + 2.0, line_height(size)),
                radius: 2.0,
                fill: Some(style.lane_fills[0]),
                stroke: None,
            },
            src,
        );
        scene.push(
            Shape::Text {
                lines: vec![TextLine {
                    text: text.to_owned(),
                    origin,
                    width: w,
                }],
                size,
                color: style.connector,
            },
            src,
        );
    }
}
