//! The patched scene equals the scene drawn afresh, edit after edit.

#![allow(clippy::unwrap_used, clippy::expect_used)]
use super::*;
use crate::layout::scene::Shape;
use crate::model::{Edit, FlowPoint, StepField, apply, synthetic_process};

/// The scene drawn from nothing with the layout's own geometry and routes.
fn drawn_afresh(layout: &ChartLayout, process: &Process, cache: &LayoutCache) -> ChartLayout {
    let style = ChartStyle::default();
    let numbering = number_steps(process);
    let contents = &cache.contents;
    let geo = place_boxes(process, &mut sizes(contents), &style);
    let routes = Routes {
        points: layout.routes.clone(),
        changed: Default::default(),
        shifted: Default::default(),
    };
    draw_afresh(process, &numbering, geo, routes, contents, &style)
}

/// The shape with coordinates rounded to 1/100 px: items moved along
/// with their box instead of redrawn may differ in the last float bits.
fn rounded(shape: &Shape) -> Shape {
    let r = |v: f32| (v * 100.0).round() / 100.0;
    let p = |q: &Point| Point::new(r(q.x), r(q.y));
    let mut shape = shape.clone();
    match &mut shape {
        Shape::Rect { rect, .. } => {
            *rect = Rect {
                min: p(&rect.min),
                max: p(&rect.max),
            }
        }
        Shape::Polygon { points, .. } | Shape::Polyline { points, .. } => {
            points.iter_mut().for_each(|q| *q = p(q));
        }
        Shape::Circle { center, .. } => *center = p(center),
        Shape::Text { lines, .. } => lines.iter_mut().for_each(|l| l.origin = p(&l.origin)),
    }
    shape
}

#[test]
fn a_patched_scene_is_the_scene_drawn_afresh() {
    let mut p = synthetic_process(60, 11);
    let connector = *p.connectors.keys().next().unwrap();
    // Labelled from the start: a label that appears adds items, and
    // then the scene is drawn afresh instead.
    apply(
        &mut p,
        Edit::SetConnectorLabel {
            id: connector,
            label: Some("否".into()),
        },
    )
    .unwrap();
    let style = ChartStyle::default();
    let mut cache = LayoutCache::default();
    let mut layout = layout_chart_cached(&p, &number_steps(&p), &style, &mut cache, None);
    let ids: Vec<StepId> = p.steps.keys().copied().collect();
    for round in 0..24 {
        let id = ids[(round * 7) % ids.len()];
        let step = p.steps[&id].clone();
        let edit = match round % 6 {
            // Along the lane, a little or far enough to grow the phase.
            0 | 1 => Edit::MoveStep {
                id,
                lane: step.lane,
                phase: step.phase,
                at: FlowPoint::new(
                    step.at.along + 30.0 + 150.0 * (round % 2) as f32,
                    step.at.across,
                ),
            },
            // Into another lane, or down far enough to grow the lane.
            2 => Edit::MoveStep {
                id,
                lane: p.lanes[round % p.lanes.len()].id,
                phase: step.phase,
                at: FlowPoint::new(step.at.along, step.at.across + 120.0),
            },
            3 => Edit::SetStep {
                id,
                field: StepField::Title(format!("{}，再加几个字", step.title)),
            },
            4 => Edit::RenameLane {
                id: p.lanes[0].id,
                name: format!("泳道{round}"),
            },
            _ => Edit::SetConnectorLabel {
                id: connector,
                label: Some(format!("是{round}")),
            },
        };
        let changes = ChangeSet::of(&p, &edit);
        let old_numbering = number_steps(&p);
        apply(&mut p, edit).unwrap();
        let numbering = number_steps(&p);
        let renumbered: BTreeSet<StepId> = p
            .steps
            .keys()
            .filter(|id| old_numbering.of(**id) != numbering.of(**id))
            .copied()
            .collect();
        let contents_before = cache.clone();
        update_contents(&p, &style, &mut cache, Some(&changes));
        let look = Look {
            numbering: &numbering,
            contents: &cache.contents,
            changes: &changes,
            renumbered: &renumbered,
            style: &style,
        };
        let geo = place_boxes(&p, &mut sizes(&cache.contents), &style);
        let routes = Routes {
            points: layout.routes.clone(),
            changed: p.connectors.keys().copied().collect(),
            shifted: BTreeMap::new(),
        };
        let patched = patch(layout.clone(), &p, &geo, &routes, &look);
        assert!(
            patched.is_some(),
            "round {round}: nothing came or went, so the scene patches"
        );
        cache = contents_before;
        let reuse = Reuse {
            layout,
            changes: &changes,
            renumbered: &renumbered,
        };
        layout = layout_chart_cached(&p, &numbering, &style, &mut cache, Some(reuse));
        let fresh = drawn_afresh(&layout, &p, &cache);
        assert_eq!(
            layout.scene.items.len(),
            fresh.scene.items.len(),
            "round {round}"
        );
        for (i, (a, b)) in layout
            .scene
            .items
            .iter()
            .zip(&fresh.scene.items)
            .enumerate()
        {
            assert_eq!(a.source, b.source, "round {round}, item {i}");
            assert_eq!(
                rounded(&a.shape),
                rounded(&b.shape),
                "round {round}, item {i}"
            );
        }
        // Bounds moved along with their items agree to 1/100 px.
        let near = |a: &Rect, b: &Rect| {
            [(a.min, b.min), (a.max, b.max)]
                .iter()
                .all(|(p, q)| (p.x - q.x).abs() < 0.01 && (p.y - q.y).abs() < 0.01)
        };
        assert_eq!(layout.item_bounds.len(), fresh.item_bounds.len());
        for (i, (a, b)) in layout
            .item_bounds
            .iter()
            .zip(&fresh.item_bounds)
            .enumerate()
        {
            assert!(near(a, b), "round {round}, item {i}: {a:?} vs {b:?}");
        }
        let scene = std::mem::take(&mut layout.scene);
        let item_bounds = std::mem::take(&mut layout.item_bounds);
        let mut same = fresh.clone();
        same.scene = Scene::default();
        same.item_bounds = Vec::new();
        assert_eq!(layout, same, "round {round}");
        layout.scene = scene;
        layout.item_bounds = item_bounds;
    }
}
