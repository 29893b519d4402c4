//! One chart page of a cut chart: the lane headers repeated, the bands and
//! phase headers of the stretch it shows, the boxes that belong to it, and
//! for every connector that leaves or enters it a marker naming the page
//! and step at the other end. Drawn from the laid-out scene, in chart units.

use super::chart_pages::{along_span, marker_gutter};
use super::page_layout::PageChart;
use crate::lang::Lang;
use crate::layout::text::{ascent, line_height, text_width};
use crate::layout::{ChartStyle, Point, Rect, Scene, Shape, Source, Stroke, TextLine};
use crate::model::{ConnectorId, Numbering, Process, StepId};
use crate::text::{S, fill};
use std::collections::BTreeMap;
use std::ops::Range;

/// Which end of a page's flow a marker sits at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum End {
    Start,
    Finish,
}

/// A connector's route cut where it leaves the window, and the end it
/// leaves by.
struct Cut {
    points: Vec<Point>,
    end: End,
}

/// The whole chart when it has one page; else page `page` (from 0) of it.
pub fn chart_page_scene(
    process: &Process,
    numbering: &Numbering,
    chart: &PageChart,
    page: usize,
    lang: Lang,
) -> Scene {
    if chart.cuts.len() <= 1 {
        return chart.layout.scene.clone();
    }
    Window::new(process, numbering, chart, page, lang).draw()
}

/// What one page shows and how its flow coordinates move onto the page.
struct Window<'a> {
    process: &'a Process,
    numbering: &'a Numbering,
    chart: &'a PageChart,
    page: usize,
    lang: Lang,
    shown: Range<f32>,
    /// Where the headers end along the flow.
    header: f32,
    gutter: f32,
    /// The page each step's box is on.
    pages: &'a BTreeMap<StepId, usize>,
    style: ChartStyle,
}

impl<'a> Window<'a> {
    fn new(
        process: &'a Process,
        numbering: &'a Numbering,
        chart: &'a PageChart,
        page: usize,
        lang: Lang,
    ) -> Window<'a> {
        let vertical = chart.vertical;
        let content = chart.layout.content;
        Window {
            process,
            numbering,
            chart,
            page,
            lang,
            shown: chart.cuts.windows.get(page).cloned().unwrap_or(0.0..0.0),
            header: if vertical {
                content.min.y
            } else {
                content.min.x
            },
            gutter: marker_gutter(vertical),
            pages: &chart.step_pages,
            style: ChartStyle::slide(vertical),
        }
    }

    fn vertical(&self) -> bool {
        self.chart.vertical
    }

    /// Along-the-flow coordinate of a point.
    fn along(&self, p: Point) -> f32 {
        if self.vertical() { p.y } else { p.x }
    }

    fn across(&self, p: Point) -> f32 {
        if self.vertical() { p.x } else { p.y }
    }

    fn point(&self, along: f32, across: f32) -> Point {
        if self.vertical() {
            Point::new(across, along)
        } else {
            Point::new(along, across)
        }
    }

    /// How far the flow moves: the window's start lands after the header
    /// and the marker gutter.
    fn offset(&self) -> f32 {
        self.header + self.gutter - self.shown.start
    }

    fn shifted(&self, mut shape: Shape) -> Shape {
        let d = self.offset();
        if self.vertical() {
            shape.translate(0.0, d);
        } else {
            shape.translate(d, 0.0);
        }
        shape
    }

    /// The page's length along the flow.
    fn length(&self) -> f32 {
        self.header + 2.0 * self.gutter + (self.shown.end - self.shown.start)
    }

    fn draw(&self) -> Scene {
        let layout = &self.chart.layout;
        let (w, h) = if self.vertical() {
            (layout.scene.width, self.length())
        } else {
            (self.length(), layout.scene.height)
        };
        let mut scene = Scene::new(w, h);
        let mut connectors: BTreeMap<ConnectorId, Vec<&Shape>> = BTreeMap::new();
        for item in &layout.scene.items {
            match item.source {
                Some(Source::Lane(_)) => self.lane_band(&mut scene, item),
                Some(Source::Phase(_)) => self.phase_line(&mut scene, item),
                Some(Source::PhaseHeader(_)) => self.phase_header(&mut scene, item),
                Some(Source::LaneHeader(_)) | None => scene.push(item.shape.clone(), item.source),
                Some(Source::Step(id)) => {
                    if self.pages.get(&id) == Some(&self.page) {
                        scene.push(self.shifted(item.shape.clone()), item.source);
                    }
                }
                Some(Source::Connector(id)) => connectors.entry(id).or_default().push(&item.shape),
            }
        }
        let mut markers = Markers::default();
        for (id, shapes) in connectors {
            self.connector(&mut scene, &mut markers, id, &shapes);
        }
        scene
    }

    /// A lane's band, across the whole page's flow.
    fn lane_band(&self, scene: &mut Scene, item: &crate::layout::Item) {
        let Shape::Rect {
            rect,
            radius,
            fill,
            stroke,
        } = &item.shape
        else {
            return;
        };
        let (a, b) = (self.header, self.length());
        let rect = if self.vertical() {
            Rect::from_min_size(rect.min.x, a, rect.width(), b - a)
        } else {
            Rect::from_min_size(a, rect.min.y, b - a, rect.height())
        };
        let shape = Shape::Rect {
            rect,
            radius: *radius,
            fill: *fill,
            stroke: *stroke,
        };
        scene.push(shape, item.source);
    }

    /// The dashed line between two phases, when it falls in the window.
    fn phase_line(&self, scene: &mut Scene, item: &crate::layout::Item) {
        let Shape::Polyline { points, .. } = &item.shape else {
            return;
        };
        let Some(first) = points.first() else { return };
        let at = self.along(*first);
        if at > self.shown.start + 0.5 && at < self.shown.end - 0.5 {
            scene.push(self.shifted(item.shape.clone()), item.source);
        }
    }

    /// A phase's header cell and name, cut to the window, the name centred
    /// in what shows.
    fn phase_header(&self, scene: &mut Scene, item: &crate::layout::Item) {
        match &item.shape {
            Shape::Rect {
                rect,
                radius,
                fill,
                stroke,
            } => {
                let Some(span) = self.visible(along_span(rect, self.vertical())) else {
                    return;
                };
                let rect = self.with_along(*rect, self.to_page_edges(span));
                let shape = Shape::Rect {
                    rect,
                    radius: *radius,
                    fill: *fill,
                    stroke: *stroke,
                };
                scene.push(self.shifted(shape), item.source);
            }
            Shape::Text { lines, size, color } => {
                let Some(source) = item.source else { return };
                let Some(cell) = self.phase_cell(source) else {
                    return;
                };
                let Some(span) = self.visible(along_span(&cell, self.vertical())) else {
                    return;
                };
                let text = self.recentred(lines, &cell, self.to_page_edges(span));
                let shape = Shape::Text {
                    lines: text,
                    size: *size,
                    color: *color,
                };
                scene.push(self.shifted(shape), item.source);
            }
            _ => {}
        }
    }

    /// The header cell of the phase `source` names.
    fn phase_cell(&self, source: Source) -> Option<Rect> {
        let Source::PhaseHeader(id) = source else {
            return None;
        };
        let band = self.chart.layout.phases.iter().find(|b| b.id == id)?;
        Some(band.header)
    }

    /// A visible span that reaches the window's start or end, carried on
    /// over the marker gutter to the page's edge, as the lanes below it
    /// are: a phase header is as wide as its lanes.
    fn to_page_edges(&self, span: Range<f32>) -> Range<f32> {
        let start = if span.start <= self.shown.start + 0.5 {
            self.shown.start - self.gutter
        } else {
            span.start
        };
        let end = if span.end >= self.shown.end - 0.5 {
            self.shown.end + self.gutter
        } else {
            span.end
        };
        start..end
    }

    /// The part of `span` inside the window, if any shows.
    fn visible(&self, span: Range<f32>) -> Option<Range<f32>> {
        let a = span.start.max(self.shown.start);
        let b = span.end.min(self.shown.end);
        (b - a > 1.0).then_some(a..b)
    }

    fn with_along(&self, rect: Rect, span: Range<f32>) -> Rect {
        if self.vertical() {
            Rect::from_min_size(rect.min.x, span.start, rect.width(), span.end - span.start)
        } else {
            Rect::from_min_size(span.start, rect.min.y, span.end - span.start, rect.height())
        }
    }

    /// Text lines moved along the flow so the block is centred in `span`
    /// of `cell` (a phase name whose phase shows only in part).
    fn recentred(&self, lines: &[TextLine], cell: &Rect, span: Range<f32>) -> Vec<TextLine> {
        let whole = along_span(cell, self.vertical());
        let d = (span.start + span.end) / 2.0 - (whole.start + whole.end) / 2.0;
        lines
            .iter()
            .map(|line| {
                let mut line = line.clone();
                if self.vertical() {
                    line.origin.y += d;
                } else {
                    line.origin.x += d;
                }
                line
            })
            .collect()
    }

    /// A connector: whole when both its steps are on this page; cut at the
    /// window's edge with a marker when one is; left out otherwise.
    fn connector(
        &self,
        scene: &mut Scene,
        markers: &mut Markers,
        id: ConnectorId,
        shapes: &[&Shape],
    ) {
        let Some(connector) = self.process.connectors.get(&id) else {
            return;
        };
        let page_of = |s: StepId| self.pages.get(&s).copied();
        let (from, to) = (page_of(connector.from), page_of(connector.to));
        let here = Some(self.page);
        let source = Some(Source::Connector(id));
        let route = shapes.iter().find_map(|s| match s {
            Shape::Polyline { points, stroke } => Some((points, *stroke)),
            _ => None,
        });
        if from == here && to == here {
            for shape in shapes {
                scene.push(self.shifted((*shape).clone()), source);
            }
            return;
        }
        let Some((points, stroke)) = route else {
            return;
        };
        if from == here {
            let Some(cut) = self.cut_route(points.iter().copied()) else {
                return;
            };
            let text = self.marker_text(S::MarkerTo, to, connector.to);
            self.marked_line(scene, markers, cut, stroke, &text, source);
            // The label, beside the route's first segment.
            for shape in shapes.iter().filter(|s| is_label(s)) {
                scene.push(self.shifted((*shape).clone()), source);
            }
        } else if to == here {
            let Some(cut) = self.cut_route(points.iter().rev().copied()) else {
                return;
            };
            let text = self.marker_text(S::MarkerFrom, from, connector.from);
            self.marked_line(scene, markers, cut, stroke, &text, source);
            for shape in shapes.iter().filter(|s| matches!(s, Shape::Polygon { .. })) {
                scene.push(self.shifted((*shape).clone()), source);
            }
        }
    }

    /// The route from its first point to where it first leaves the window.
    fn cut_route(&self, mut points: impl Iterator<Item = Point>) -> Option<Cut> {
        let inside = |p: Point| {
            let a = self.along(p);
            a >= self.shown.start && a <= self.shown.end
        };
        let first = points.next()?;
        let mut kept = vec![first];
        let mut last = first;
        for p in points {
            if !inside(p) {
                let leaving = self.along(p);
                let edge = if leaving < self.shown.start {
                    self.shown.start
                } else {
                    self.shown.end
                };
                let (a0, a1) = (self.along(last), leaving);
                let t = if (a1 - a0).abs() < f32::EPSILON {
                    0.0
                } else {
                    (edge - a0) / (a1 - a0)
                };
                let across = self.across(last) + t * (self.across(p) - self.across(last));
                kept.push(self.point(edge, across));
                let end = if leaving < self.shown.start {
                    End::Start
                } else {
                    End::Finish
                };
                return Some(Cut { points: kept, end });
            }
            kept.push(p);
            last = p;
        }
        // The route stays inside: leave by the nearer end.
        let a = self.along(last);
        let end = if a - self.shown.start < self.shown.end - a {
            End::Start
        } else {
            End::Finish
        };
        Some(Cut { points: kept, end })
    }

    /// `→ 第2页 步骤 6`: where a connector goes to, or comes from.
    fn marker_text(&self, key: S, page: Option<usize>, step: StepId) -> String {
        let page = page.map_or(0, |p| p + 1);
        let name = match self.numbering.of(step) {
            Some(n) => fill(self.lang, S::MarkerStep, &[("n", &n)]),
            None => self
                .process
                .steps
                .get(&step)
                .map(|s| s.title.chars().take(8).collect())
                .unwrap_or_default(),
        };
        fill(self.lang, key, &[("page", &page), ("step", &name)])
    }

    /// The cut route (from its step to the window's edge) carried on into
    /// the gutter to a tag with `text`.
    fn marked_line(
        &self,
        scene: &mut Scene,
        markers: &mut Markers,
        cut: Cut,
        stroke: Stroke,
        text: &str,
        source: Option<Source>,
    ) {
        let style = &self.style;
        let size = style.title_size;
        let tw = text_width(text, size);
        let th = line_height(size);
        let pad = 6.0;
        let Some(edge) = cut.points.last().copied() else {
            return;
        };
        // In page coordinates: where the window's edge and the gutter are.
        let o = self.offset();
        let edge_along = self.along(edge) + o;
        let (tag_along, tag_len) = if self.vertical() {
            (th + 2.0 * pad, tw + 2.0 * pad)
        } else {
            (tw + 2.0 * pad, th + 2.0 * pad)
        };
        let (along_from, line_end) = match cut.end {
            End::Finish => (edge_along + 8.0, edge_along + 8.0),
            End::Start => (edge_along - 8.0 - tag_along, edge_along - 8.0),
        };
        let content = self.chart.layout.content;
        let limits = if self.vertical() {
            content.min.x..content.max.x
        } else {
            content.min.y..content.max.y
        };
        let across = markers.place(cut.end, self.across(edge), tag_len, limits);
        let mut points: Vec<Point> = cut
            .points
            .iter()
            .map(|p| self.point(self.along(*p) + o, self.across(*p)))
            .collect();
        points.push(self.point(line_end, self.across(edge)));
        points.push(self.point(line_end, across));
        scene.push(Shape::Polyline { points, stroke }, source);
        let rect = if self.vertical() {
            Rect::from_min_size(across - tag_len / 2.0, along_from, tag_len, tag_along)
        } else {
            Rect::from_min_size(along_from, across - tag_len / 2.0, tag_along, tag_len)
        };
        scene.push(
            Shape::Rect {
                rect,
                radius: 3.0,
                fill: Some(style.box_fill),
                stroke: Some(Stroke::solid(1.0, style.connector)),
            },
            source,
        );
        let origin = Point::new(
            rect.center().x - tw / 2.0,
            rect.center().y - th / 2.0 + ascent(size),
        );
        scene.push(
            Shape::Text {
                lines: vec![TextLine {
                    text: text.to_owned(),
                    origin,
                    width: tw,
                }],
                size,
                color: style.ink,
            },
            source,
        );
    }
}

/// A connector's label: its background and text.
fn is_label(shape: &Shape) -> bool {
    matches!(shape, Shape::Rect { .. } | Shape::Text { .. })
}

/// The tags already placed at each end of the page, so that the next is
/// moved clear of them.
#[derive(Default)]
struct Markers {
    placed: Vec<(End, Range<f32>)>,
}

impl Markers {
    /// Where across the flow a tag `len` long goes: as near `want` as the
    /// tags already at that end allow, inside `limits`.
    fn place(&mut self, end: End, want: f32, len: f32, limits: Range<f32>) -> f32 {
        let half = len / 2.0;
        let taken: Vec<Range<f32>> = self
            .placed
            .iter()
            .filter(|(e, _)| *e == end)
            .map(|(_, r)| r.clone())
            .collect();
        let free = |c: f32| {
            c - half >= limits.start
                && c + half <= limits.end
                && taken
                    .iter()
                    .all(|r| c + half + 2.0 <= r.start || c - half - 2.0 >= r.end)
        };
        let centre = std::iter::once(want)
            .chain(
                taken
                    .iter()
                    .flat_map(|r| [r.end + 2.0 + half, r.start - 2.0 - half]),
            )
            .filter(|c| free(*c))
            .min_by(|a, b| (a - want).abs().total_cmp(&(b - want).abs()))
            .unwrap_or(want);
        self.placed.push((end, centre - half..centre + half));
        centre
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use crate::export::page_layout::page_chart;

    /// The along-the-flow span of the items from `pick` on a page.
    fn span(scene: &Scene, pick: impl Fn(Source) -> bool, vertical: bool) -> (f32, f32) {
        scene
            .items
            .iter()
            .filter(|i| i.source.is_some_and(&pick))
            .filter_map(|i| match &i.shape {
                Shape::Rect { rect, .. } => Some(along_span(rect, vertical)),
                _ => None,
            })
            .fold((f32::MAX, f32::MIN), |(a, b), s| {
                (a.min(s.start), b.max(s.end))
            })
    }

    #[test]
    fn on_every_chart_page_the_phase_headers_are_as_wide_as_the_lanes() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/samples/sales-1.9-key-customer-development.ron"
        );
        let process = crate::format::load(std::path::Path::new(path)).unwrap();
        let numbering = crate::model::number_steps(&process);
        let chart = page_chart(&process, &numbering, (700.0, 400.0));
        assert!(chart.cuts.len() > 1, "1.9 is cut into pages");
        for page in 0..chart.cuts.len() {
            let scene = chart_page_scene(&process, &numbering, &chart, page, Lang::Zh);
            let v = chart.vertical;
            let lanes = span(&scene, |s| matches!(s, Source::Lane(_)), v);
            let phases = span(&scene, |s| matches!(s, Source::PhaseHeader(_)), v);
            assert!(
                (lanes.0 - phases.0).abs() < 0.5,
                "page {page}: {lanes:?} vs {phases:?}"
            );
            assert!(
                (lanes.1 - phases.1).abs() < 0.5,
                "page {page}: {lanes:?} vs {phases:?}"
            );
        }
    }
}
