//! The chart layout keeps its promises on the samples and on generated
//! charts of 50 and 500 steps, in both orientations: boxes apart and inside
//! their bands, titles inside their boxes, connectors around boxes from
//! border to border.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

mod common;

use common::*;
use flowcase::layout::*;
use flowcase::model::*;
use std::collections::BTreeSet;

fn processes() -> Vec<(String, Process)> {
    let mut all = vec![
        ("1.9".to_owned(), sample_1_9()),
        ("purchase".to_owned(), sample_purchase()),
        ("W-50".to_owned(), synthetic_process(50, 7)),
        ("W-500".to_owned(), synthetic_process(500, 11)),
    ];
    let vertical: Vec<(String, Process)> = all
        .iter()
        .take(3)
        .map(|(n, p)| {
            let mut p = p.clone();
            p.orientation = Orientation::Vertical;
            (format!("{n} vertical"), p)
        })
        .collect();
    all.extend(vertical);
    all
}

#[test]
fn no_two_step_boxes_overlap() {
    for (name, p) in processes() {
        let layout = layout_chart(&p);
        let boxes: Vec<(&StepId, &Rect)> = layout.boxes.iter().collect();
        assert_eq!(boxes.len(), p.steps.len(), "{name}");
        for (i, (a, ra)) in boxes.iter().enumerate() {
            for (b, rb) in &boxes[i + 1..] {
                assert!(!ra.overlaps(rb), "{name}: {a} {ra:?} overlaps {b} {rb:?}");
            }
        }
    }
}

#[test]
fn every_box_lies_inside_its_lane_and_phase() {
    for (name, p) in processes() {
        let layout = layout_chart(&p);
        for step in p.steps.values() {
            let rect = layout.boxes[&step.id];
            let lane = layout.lanes.iter().find(|b| b.id == step.lane).unwrap();
            assert!(
                lane.rect.contains_rect(&rect, 0.01),
                "{name}: {} {rect:?} outside lane {:?}",
                step.id,
                lane.rect
            );
            assert!(
                !rect.overlaps(&lane.header),
                "{name}: {} covers its lane header",
                step.id
            );
            if let Some(phase) = step.phase {
                let band = layout.phases.iter().find(|b| b.id == phase).unwrap();
                assert!(
                    band.rect.contains_rect(&rect, 0.01),
                    "{name}: {} outside phase {:?}",
                    step.id,
                    band.rect
                );
                assert!(
                    !rect.overlaps(&band.header),
                    "{name}: {} covers its phase header",
                    step.id
                );
            }
        }
    }
}

#[test]
fn every_title_line_fits_inside_its_box() {
    let style = ChartStyle::default();
    for (name, p) in processes() {
        let layout = layout_chart(&p);
        for step in p.steps.values() {
            let rect = layout.boxes[&step.id];
            let title = layout
                .scene
                .items
                .iter()
                .find_map(|i| match (&i.shape, i.source) {
                    (Shape::Text { lines, size, .. }, Some(Source::Step(id))) if id == step.id => {
                        Some((i.shape.bounds(), lines.clone(), *size))
                    }
                    _ => None,
                })
                .unwrap();
            let (bounds, lines, size) = title;
            let joined: String = lines.iter().map(|l| l.text.as_str()).collect();
            assert_eq!(
                joined.replace(' ', ""),
                step.title.replace(' ', ""),
                "{name}: {}",
                step.id
            );
            assert!(
                rect.contains_rect(&bounds, 0.5),
                "{name}: {} text {bounds:?} outside {rect:?}",
                step.id
            );
            for line in &lines {
                assert!(
                    line.width <= rect.width() - 2.0 * style.padding + 0.5,
                    "{name}: {} line «{}» too wide",
                    step.id,
                    line.text
                );
                assert!(
                    (line.width - flowcase::layout::text::text_width(&line.text, size)).abs()
                        < 0.01
                );
            }
        }
    }
}

#[test]
fn connectors_go_around_boxes_from_border_to_border() {
    for (name, p) in processes() {
        let layout = layout_chart(&p);
        for c in p.connectors.values() {
            let route = &layout.routes[&c.id];
            assert!(route.len() >= 2, "{name}: {} has no route", c.id);
            let (from, to) = (layout.boxes[&c.from], layout.boxes[&c.to]);
            assert!(
                on_border(&from, &route[0]),
                "{name}: {} starts off its step's border",
                c.id
            );
            assert!(
                on_border(&to, route.last().unwrap()),
                "{name}: {} ends off its step's border",
                c.id
            );
            for w in route.windows(2) {
                let (a, b) = (w[0], w[1]);
                assert!(
                    (a.x - b.x).abs() < 0.01 || (a.y - b.y).abs() < 0.01,
                    "{name}: {} has a slanted segment",
                    c.id
                );
                for (id, r) in &layout.boxes {
                    if *id == c.from || *id == c.to {
                        continue;
                    }
                    assert!(!r.segment_enters(a, b), "{name}: {} crosses {id}", c.id);
                }
            }
        }
    }
}

#[test]
fn a_forward_arrow_in_one_lane_is_straight() {
    let mut p = lanes(&["大区"]);
    let lane = p.lanes[0].id;
    let a = put_step(&mut p, StepKind::Process, "收集信息", lane, 100.0);
    let b = put_step(&mut p, StepKind::Process, "分析信息", lane, 400.0);
    let c = put_connector(&mut p, a, b);
    let layout = layout_chart(&p);
    let route = &layout.routes[&c];
    assert_eq!(route.len(), 2, "{route:?}");
    assert_eq!(route[0].x, layout.boxes[&a].max.x);
    assert_eq!(route[1].x, layout.boxes[&b].min.x);
}

#[test]
fn an_arrow_finds_its_way_around_a_box_in_between() {
    let mut p = lanes(&["大区"]);
    let lane = p.lanes[0].id;
    let a = put_step(&mut p, StepKind::Process, "甲", lane, 100.0);
    let _block = put_step(&mut p, StepKind::Process, "挡路", lane, 300.0);
    let b = put_step(&mut p, StepKind::Process, "乙", lane, 500.0);
    let c = put_connector(&mut p, a, b);
    let layout = layout_chart(&p);
    assert!(layout.routes[&c].len() > 2, "it bends around");
}

#[test]
fn two_steps_dropped_on_the_same_spot_are_pushed_apart() {
    let mut p = lanes(&["大区"]);
    let lane = p.lanes[0].id;
    let a = put_step(&mut p, StepKind::Process, "甲", lane, 100.0);
    let b = put_step(&mut p, StepKind::Process, "乙", lane, 100.0);
    let layout = layout_chart(&p);
    assert!(!layout.boxes[&a].overlaps(&layout.boxes[&b]));
}

#[test]
fn a_long_title_makes_a_taller_box_and_a_taller_lane() {
    let mut p = lanes(&["大区"]);
    let lane = p.lanes[0].id;
    let s = put_step(&mut p, StepKind::Process, "短", lane, 100.0);
    let short = layout_chart(&p);
    p.steps.get_mut(&s).unwrap().title =
        "一个非常非常长的步骤标题需要换行很多次才能放进方框里面去".into();
    let long = layout_chart(&p);
    assert!(long.boxes[&s].height() > short.boxes[&s].height());
    assert!(long.lanes[0].rect.height() >= long.boxes[&s].height());
}

#[test]
fn hit_testing_finds_steps_connectors_headers_and_lanes() {
    let p = sample_1_9();
    let layout = layout_chart(&p);
    let plan = step_titled(&p, "制定客户开发计划");
    assert_eq!(
        hit_test(&layout, layout.boxes[&plan].center(), 3.0),
        Some(Source::Step(plan))
    );
    let (cid, route) = layout
        .routes
        .iter()
        .find(|(_, r)| r.len() == 2 && (r[0].x - r[1].x).abs() > 20.0)
        .unwrap();
    let mid = Point::new((route[0].x + route[1].x) / 2.0, route[0].y + 2.0);
    assert_eq!(hit_test(&layout, mid, 3.0), Some(Source::Connector(*cid)));
    let daqu = lane_named(&p, "大区");
    let header = layout.lanes.iter().find(|b| b.id == daqu).unwrap().header;
    assert_eq!(
        hit_test(&layout, header.center(), 3.0),
        Some(Source::LaneHeader(daqu))
    );
    let phase = &layout.phases[1];
    assert_eq!(
        hit_test(&layout, phase.header.center(), 3.0),
        Some(Source::PhaseHeader(phase.id))
    );
    let lane_band = layout.lanes.iter().find(|b| b.id == daqu).unwrap().rect;
    let empty = Point::new(lane_band.max.x - 5.0, lane_band.min.y + 3.0);
    assert_eq!(hit_test(&layout, empty, 3.0), Some(Source::Lane(daqu)));
}

#[test]
fn the_layout_is_the_same_every_time() {
    let p = synthetic_process(120, 3);
    assert_eq!(layout_chart(&p), layout_chart(&p));
}

/// The steps whose number differs between two numberings of `p`.
fn renumbered(before: &Numbering, after: &Numbering, p: &Process) -> BTreeSet<StepId> {
    p.steps
        .keys()
        .filter(|id| before.of(**id) != after.of(**id))
        .copied()
        .collect()
}

#[test]
fn a_cached_layout_after_moves_keeps_every_promise_and_matches_fresh_boxes() {
    let mut p = synthetic_process(50, 7);
    let mut cache = LayoutCache::default();
    let numbering = number_steps(&p);
    let style = ChartStyle::default();
    let mut cached = layout_chart_cached(&p, &numbering, &style, &mut cache, None);
    let ids: Vec<StepId> = p.steps.keys().copied().collect();
    for (i, id) in ids.iter().enumerate().step_by(3) {
        // Nudge a step along its lane and sometimes into the next lane.
        let step = p.steps[id].clone();
        let lane = if i % 2 == 0 {
            step.lane
        } else {
            p.lanes[(i / 7) % p.lanes.len()].id
        };
        // Some moves go far enough down to grow the lane, or along to grow
        // the phase, so routes across it are stretched.
        let down = if i % 7 == 0 { 140.0 } else { 0.0 };
        let along = if i % 5 == 0 { 320.0 } else { 35.0 };
        let at = FlowPoint::new(step.at.along + along, step.at.across + down);
        let before = number_steps(&p);
        let edit = Edit::MoveStep {
            id: *id,
            lane,
            phase: step.phase,
            at,
        };
        let mut changes = ChangeSet::of(&p, &edit);
        apply(&mut p, edit).unwrap();
        // Now and then two connected steps move together, so the route
        // between them is carried along and must be checked against the
        // boxes it now passes.
        if i % 4 == 1 {
            let pair: Vec<StepId> = p
                .connectors
                .values()
                .find(|c| c.from != c.to && p.steps[&c.from].lane == p.steps[&c.to].lane)
                .map(|c| vec![c.from, c.to])
                .unwrap_or_default();
            let moves = pair
                .iter()
                .map(|s| {
                    let step = &p.steps[s];
                    Edit::MoveStep {
                        id: *s,
                        lane: step.lane,
                        phase: step.phase,
                        at: FlowPoint::new(
                            step.at.along + 45.0 * (i % 3) as f32,
                            step.at.across + 60.0,
                        ),
                    }
                })
                .collect();
            let edit = Edit::Batch(moves);
            changes.merge(ChangeSet::of(&p, &edit));
            apply(&mut p, edit).unwrap();
        }
        let numbering = number_steps(&p);
        let renumbered = renumbered(&before, &numbering, &p);
        let reuse = Reuse {
            layout: cached,
            changes: &changes,
            renumbered: &renumbered,
        };
        cached = layout_chart_cached(&p, &numbering, &style, &mut cache, Some(reuse));
        let fresh = layout_chart_with(&p, &numbering, &style);
        assert_eq!(cached.boxes, fresh.boxes, "after moving {id}");
        assert_eq!(cached.lanes, fresh.lanes);
        for c in p.connectors.values() {
            let route = &cached.routes[&c.id];
            let (from, to) = (cached.boxes[&c.from], cached.boxes[&c.to]);
            assert!(
                from.expand(0.01).contains(route[0])
                    && to.expand(0.01).contains(*route.last().unwrap())
            );
            for w in route.windows(2) {
                for (other, r) in &cached.boxes {
                    if *other != c.from && *other != c.to {
                        assert!(
                            !r.segment_enters(w[0], w[1]),
                            "kept route of {} crosses {other} after moving {id}",
                            c.id
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn two_steps_dragged_together_get_a_new_route_when_theirs_would_cross_a_box() {
    // 收集 → 评估 along the top of lane 大区, 复核 between them lower down.
    let mut p = lanes(&["大区"]);
    let lane = p.lanes[0].id;
    p.lanes[0].size = 300.0;
    let a = put_step(&mut p, StepKind::Process, "收集", lane, 120.0);
    let b = put_step(&mut p, StepKind::Process, "评估", lane, 600.0);
    let c = put_step(&mut p, StepKind::Process, "复核", lane, 360.0);
    for (id, across) in [(a, 60.0), (b, 60.0), (c, 200.0)] {
        p.steps.get_mut(&id).unwrap().at.across = across;
    }
    let ab = put_connector(&mut p, a, b);
    let style = ChartStyle::default();
    let mut cache = LayoutCache::default();
    let before = layout_chart_cached(&p, &number_steps(&p), &style, &mut cache, None);
    assert_eq!(
        before.routes[&ab].len(),
        2,
        "a straight route to start with"
    );
    // Both move down by the same offset: carried along, the route would
    // run straight through 复核.
    let moves = [a, b]
        .iter()
        .map(|id| Edit::MoveStep {
            id: *id,
            lane,
            phase: None,
            at: FlowPoint::new(p.steps[id].at.along, 200.0),
        })
        .collect();
    let edit = Edit::Batch(moves);
    let changes = ChangeSet::of(&p, &edit);
    apply(&mut p, edit).unwrap();
    let reuse = Reuse {
        layout: before,
        changes: &changes,
        renumbered: &Default::default(),
    };
    let after = layout_chart_cached(&p, &number_steps(&p), &style, &mut cache, Some(reuse));
    let blocker = after.boxes[&c];
    for w in after.routes[&ab].windows(2) {
        assert!(
            !blocker.segment_enters(w[0], w[1]),
            "the route crosses 复核"
        );
    }
}
