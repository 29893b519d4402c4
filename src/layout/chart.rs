//! The chart layout: places boxes, routes connectors and draws them all as
//! one `Scene`. A new layout patches the previous one's scene where only
//! some boxes moved or changed, redrawing just those items.

use super::boxes::{BoxContent, draw_box, measure_box};
use super::draw::{draw_bands, draw_connector};
use super::geometry::{Point, Rect};
use super::place::{Geometry, place_boxes};
use super::reuse::{PreviousRoutes, Routes, route_all};
use super::scene::{Item, Scene};
use super::style::ChartStyle;
use crate::model::{
    ChangeSet, ConnectorId, Numbering, PhaseId, Process, Step, StepId, number_steps,
};
use crate::parallel::on_all_cores;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

pub use super::place::Band;

/// A laid-out chart: the scene and the geometry behind it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ChartLayout {
    pub scene: Scene,
    pub lanes: Vec<Band<crate::model::LaneId>>,
    pub phases: Vec<Band<PhaseId>>,
    /// Every step's box.
    pub boxes: BTreeMap<StepId, Rect>,
    /// Every connector's route, from its start step's border to its end
    /// step's border.
    pub routes: BTreeMap<ConnectorId, Vec<Point>>,
    /// The area inside the headers, where boxes and routes live.
    pub content: Rect,
    /// The bounds of each item of the scene, in item order, for culling.
    pub item_bounds: Vec<Rect>,
    /// Which items of the scene draw what, and from what.
    drawn: Drawn,
}

/// How the scene was drawn: the bands first, then each connector's items,
/// then each step's, with what each was drawn from.
#[derive(Clone, Debug, Default, PartialEq)]
struct Drawn {
    /// Items `0..bands_end` are the bands and their headers.
    bands_end: usize,
    steps: BTreeMap<StepId, DrawnStep>,
    connectors: BTreeMap<ConnectorId, DrawnConnector>,
}

#[derive(Clone, Debug, PartialEq)]
struct DrawnStep {
    items: Range<usize>,
}

/// A connector's items and the ends it was routed between (the route
/// reuse compares them with the connector's ends now).
#[derive(Clone, Debug, PartialEq)]
struct DrawnConnector {
    items: Range<usize>,
    from: StepId,
    to: StepId,
}

/// Measured box contents by step; the change set passed with each layout
/// says which to measure again.
#[derive(Clone, Debug, Default)]
pub struct LayoutCache {
    contents: BTreeMap<StepId, BoxContent>,
}

/// The last layout of a process and what changed since, for the next
/// layout to keep what it can.
pub struct Reuse<'a> {
    pub layout: ChartLayout,
    pub changes: &'a ChangeSet,
    /// Steps whose number changed.
    pub renumbered: &'a BTreeSet<StepId>,
}

/// Lays out a whole process with the house style.
impl ChartLayout {
    /// The items that draw the lanes, the phases and their headers (the
    /// scene's first items), with their bounds.
    pub fn band_items(&self) -> impl Iterator<Item = (&Item, &Rect)> {
        let end = self.drawn.bands_end.min(self.item_bounds.len());
        self.scene.items[..end].iter().zip(&self.item_bounds[..end])
    }
}

pub fn layout_chart(process: &Process) -> ChartLayout {
    let numbering = number_steps(process);
    layout_chart_with(process, &numbering, &ChartStyle::default())
}

/// Lays out a process: box sizes from text, boxes kept inside their lane
/// and phase and clear of each other, bands grown to hold them, connectors
/// routed around the boxes.
pub fn layout_chart_with(
    process: &Process,
    numbering: &Numbering,
    style: &ChartStyle,
) -> ChartLayout {
    layout_chart_cached(process, numbering, style, &mut LayoutCache::default(), None)
}

/// `layout_chart_with`, reusing measured text from `cache` and, from
/// `reuse` (the last layout of the same process and what changed since),
/// routes that are still good and every drawn item whose inputs did not
/// change. The result is the same as without them, but for routes kept
/// from before.
pub fn layout_chart_cached(
    process: &Process,
    numbering: &Numbering,
    style: &ChartStyle,
    cache: &mut LayoutCache,
    reuse: Option<Reuse<'_>>,
) -> ChartLayout {
    update_contents(process, style, cache, reuse.as_ref().map(|r| r.changes));
    let geo = place_boxes(process, &mut sizes(&cache.contents), style);
    let Some(mut reuse) = reuse else {
        let routes = route_all(process, numbering, &geo, None, style);
        return draw_afresh(process, numbering, geo, routes, &cache.contents, style);
    };
    let prev = &mut reuse.layout;
    let old_routes = std::mem::take(&mut prev.routes);
    let mut ends = prev
        .drawn
        .connectors
        .iter()
        .map(|(id, d)| (*id, (d.from, d.to)));
    let previous = PreviousRoutes {
        lanes: &prev.lanes,
        phases: &prev.phases,
        boxes: &prev.boxes,
        routes: old_routes,
        ends: &mut ends,
    };
    let routes = route_all(process, numbering, &geo, Some(previous), style);
    let look = Look {
        numbering,
        contents: &cache.contents,
        changes: reuse.changes,
        renumbered: reuse.renumbered,
        style,
    };
    match patch(reuse.layout, process, &geo, &routes, &look) {
        Some(patched) => finish(patched, geo, routes),
        None => draw_afresh(process, numbering, geo, routes, &cache.contents, style),
    }
}

/// What a patched scene is drawn with, and what changed since the last.
struct Look<'a> {
    numbering: &'a Numbering,
    contents: &'a BTreeMap<StepId, BoxContent>,
    changes: &'a ChangeSet,
    renumbered: &'a BTreeSet<StepId>,
    style: &'a ChartStyle,
}

impl Look<'_> {
    /// Whether a step's box looks as it did (its kind, title and number).
    fn same_look(&self, id: &StepId) -> bool {
        let c = self.changes;
        !(c.retitled.contains(id) || c.reshaped.contains(id) || self.renumbered.contains(id))
    }
}

/// A layout whose scene is drawn from nothing.
fn draw_afresh(
    process: &Process,
    numbering: &Numbering,
    geo: Geometry,
    routes: Routes,
    contents: &BTreeMap<StepId, BoxContent>,
    style: &ChartStyle,
) -> ChartLayout {
    let (scene, drawn) = draw_all(process, numbering, &geo, &routes, contents, style);
    let item_bounds = scene.items.iter().map(|i| i.shape.bounds()).collect();
    finish(
        ChartLayout {
            scene,
            item_bounds,
            lanes: Vec::new(),
            phases: Vec::new(),
            boxes: BTreeMap::new(),
            routes: BTreeMap::new(),
            content: geo.content,
            drawn,
        },
        geo,
        routes,
    )
}

/// Measures the boxes the change set names (new steps, new titles, new
/// kinds), or every box when there is none, and forgets steps that are
/// gone.
fn update_contents(
    process: &Process,
    style: &ChartStyle,
    cache: &mut LayoutCache,
    changes: Option<&ChangeSet>,
) {
    let stale: Vec<&Step> = match changes {
        // Moves and renames of bands or connectors change no box.
        Some(c) if !c.structure && c.retitled.is_empty() && c.reshaped.is_empty() => return,
        Some(c) => {
            if c.structure {
                cache
                    .contents
                    .retain(|id, _| process.steps.contains_key(id));
            }
            let named = c.retitled.iter().chain(&c.reshaped);
            let mut ids: BTreeSet<StepId> = named.copied().collect();
            if c.structure {
                let missing = process
                    .steps
                    .keys()
                    .filter(|id| !cache.contents.contains_key(id));
                ids.extend(missing);
            }
            ids.iter().filter_map(|id| process.steps.get(id)).collect()
        }
        None => {
            cache.contents.clear();
            process.steps.values().collect()
        }
    };
    // A first layout measures every box: on every core.
    let measured = on_all_cores(&stale, 64, |s| measure_box(s, style));
    for (s, content) in stale.into_iter().zip(measured) {
        cache.contents.insert(s.id, content);
    }
}

/// Each measured box's (id, width, height), in id order.
fn sizes(contents: &BTreeMap<StepId, BoxContent>) -> impl Iterator<Item = (StepId, f32, f32)> + '_ {
    contents.iter().map(|(id, c)| (*id, c.width, c.height))
}

/// Puts the geometry and routes into the layout.
fn finish(mut layout: ChartLayout, geo: Geometry, routes: Routes) -> ChartLayout {
    layout.scene.width = geo.width;
    layout.scene.height = geo.height;
    layout.lanes = geo.lanes;
    layout.phases = geo.phases;
    layout.boxes = geo.boxes;
    layout.routes = routes.points;
    layout.content = geo.content;
    layout
}

/// Draws everything: bands, then connectors under the boxes, then boxes.
fn draw_all(
    process: &Process,
    numbering: &Numbering,
    geo: &Geometry,
    routes: &Routes,
    contents: &BTreeMap<StepId, BoxContent>,
    style: &ChartStyle,
) -> (Scene, Drawn) {
    let mut scene = Scene::new(geo.width, geo.height);
    draw_bands(&mut scene, process, geo, style);
    let mut drawn = Drawn {
        bands_end: scene.items.len(),
        ..Drawn::default()
    };
    for c in process.connectors.values() {
        if let Some(points) = routes.points.get(&c.id) {
            let start = scene.items.len();
            draw_connector(&mut scene, c.id, points, c.label.as_deref(), style);
            drawn.connectors.insert(
                c.id,
                DrawnConnector {
                    items: start..scene.items.len(),
                    from: c.from,
                    to: c.to,
                },
            );
        }
    }
    for step in process.steps.values() {
        if let (Some(rect), Some(content)) = (geo.boxes.get(&step.id), contents.get(&step.id)) {
            let start = scene.items.len();
            let number = numbering.of(step.id);
            draw_box(&mut scene, step, content, *rect, number, style);
            let items = start..scene.items.len();
            drawn.steps.insert(step.id, DrawnStep { items });
        }
    }
    (scene, drawn)
}

/// Redraws, in the previous scene, only the bands, connectors and boxes
/// whose inputs changed. `None` when the scene must be drawn afresh (a
/// step or connector came or went, or a redrawn part needs a different
/// number of items).
fn patch(
    mut prev: ChartLayout,
    process: &Process,
    geo: &Geometry,
    routes: &Routes,
    look: &Look<'_>,
) -> Option<ChartLayout> {
    if prev.drawn.steps.len() != geo.boxes.len()
        || prev.drawn.connectors.len() != routes.points.len()
    {
        return None;
    }
    // Everything to replace or move, checked before the scene is touched.
    let mut edits = SceneEdits::default();
    if prev.lanes != geo.lanes || prev.phases != geo.phases || look.changes.bands {
        let bands = 0..prev.drawn.bands_end;
        edits.redraw(&bands, |s| draw_bands(s, process, geo, look.style))?;
    }
    patch_connectors(&prev, process, routes, look, &mut edits)?;
    patch_boxes(&prev, process, geo, look, &mut edits)?;
    edits.apply(&mut prev);
    Some(prev)
}

/// Items to replace and to move in a scene, gathered before it is touched.
#[derive(Default)]
struct SceneEdits {
    replace: Vec<(Range<usize>, Vec<Item>)>,
    translate: Vec<(Range<usize>, (f32, f32))>,
    scratch: Scene,
}

impl SceneEdits {
    /// Draws anew what `range` holds; `None` when the new drawing has a
    /// different number of items.
    fn redraw(&mut self, range: &Range<usize>, draw: impl FnOnce(&mut Scene)) -> Option<()> {
        self.scratch.items.clear();
        draw(&mut self.scratch);
        (self.scratch.items.len() == range.len()).then(|| {
            let items = std::mem::take(&mut self.scratch.items);
            self.replace.push((range.clone(), items));
        })
    }

    fn translate(&mut self, range: &Range<usize>, by: (f32, f32)) {
        self.translate.push((range.clone(), by));
    }

    fn apply(self, layout: &mut ChartLayout) {
        for (range, items) in self.replace {
            let bounds = &mut layout.item_bounds[range.clone()];
            for ((slot, b), item) in layout.scene.items[range].iter_mut().zip(bounds).zip(items) {
                *b = item.shape.bounds();
                *slot = item;
            }
        }
        for (range, (dx, dy)) in self.translate {
            let bounds = &mut layout.item_bounds[range.clone()];
            for (item, b) in layout.scene.items[range].iter_mut().zip(bounds) {
                item.shape.translate(dx, dy);
                *b = b.translate(dx, dy);
            }
        }
    }
}

/// Routed connectors, drawn before and now, walked side by side: moved
/// along with their boxes, or drawn anew when rerouted or changed.
fn patch_connectors(
    prev: &ChartLayout,
    process: &Process,
    routes: &Routes,
    look: &Look<'_>,
    edits: &mut SceneEdits,
) -> Option<()> {
    if !prev.drawn.connectors.keys().eq(routes.points.keys()) {
        return None;
    }
    let mut connectors = process.connectors.values();
    for ((id, points), d) in routes.points.iter().zip(prev.drawn.connectors.values()) {
        let c = connectors.find(|c| c.id == *id)?;
        let same = !look.changes.connectors.contains(id) && (d.from, d.to) == (c.from, c.to);
        if same && let Some(offset) = routes.shifted.get(id) {
            edits.translate(&d.items, *offset);
        } else if routes.changed.contains(id) || !same {
            let label = c.label.as_deref();
            edits.redraw(&d.items, |s| {
                draw_connector(s, c.id, points, label, look.style)
            })?;
        }
    }
    Some(())
}

/// Placed steps, drawn before and boxed now and before, all in id order,
/// walked side by side with the steps and their contents: moved along, or
/// drawn anew when their look or size changed.
fn patch_boxes(
    prev: &ChartLayout,
    process: &Process,
    geo: &Geometry,
    look: &Look<'_>,
    edits: &mut SceneEdits,
) -> Option<()> {
    if !prev.drawn.steps.keys().eq(geo.boxes.keys())
        || !prev.boxes.keys().eq(prev.drawn.steps.keys())
    {
        return None;
    }
    let mut steps = process.steps.values();
    let mut measured = look.contents.iter();
    let placed = prev.drawn.steps.iter().zip(geo.boxes.values());
    for ((id, d), (rect, old)) in placed
        .zip(prev.boxes.values())
        .map(|((a, b), c)| (a, (b, c)))
    {
        let same_look = look.same_look(id);
        if same_look && old == rect {
            continue;
        }
        let same_size = old.width() == rect.width() && old.height() == rect.height();
        if same_look && same_size {
            edits.translate(&d.items, (rect.min.x - old.min.x, rect.min.y - old.min.y));
            continue;
        }
        let step = steps.find(|s| s.id == *id)?;
        let (_, content) = measured.find(|(m, _)| *m == id)?;
        let number = look.numbering.of(*id);
        edits.redraw(&d.items, |s| {
            draw_box(s, step, content, *rect, number, look.style)
        })?;
    }
    Some(())
}

#[cfg(test)]
mod tests;
