//! Tidy layout (整理布局): a messy chart laid out again from its flow, every
//! step in its lane and phase, nothing overlapping, every route legal, and
//! a tidy chart left as it is.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

mod common;

use common::*;
use flowcase::layout::{ChartLayout, layout_chart, layout_quality, tidy};
use flowcase::model::*;
use proptest::prelude::*;

/// `process` tidied by the plan's one edit.
fn tidied(process: &Process) -> Process {
    let mut after = process.clone();
    if let Some(edit) = tidy(process).edit(process) {
        apply(&mut after, edit).unwrap();
    }
    after
}

/// Every connector runs from its step's border to the other's, in
/// horizontal and vertical segments, through no other box.
fn routes_are_legal(name: &str, p: &Process, layout: &ChartLayout) -> Result<(), String> {
    for c in p.connectors.values() {
        let route = &layout.routes[&c.id];
        let (from, to) = (layout.boxes[&c.from], layout.boxes[&c.to]);
        if route.len() < 2
            || !on_border(&from, &route[0])
            || !on_border(&to, &route[route.len() - 1])
        {
            return Err(format!("{name}: {} does not run border to border", c.id));
        }
        for w in route.windows(2) {
            if (w[0].x - w[1].x).abs() >= 0.01 && (w[0].y - w[1].y).abs() >= 0.01 {
                return Err(format!("{name}: {} has a slanted segment", c.id));
            }
        }
    }
    let quality = layout_quality(p, layout);
    if quality.overlapping_boxes > 0 || quality.segments_through_boxes > 0 {
        return Err(format!("{name}: {quality:?}"));
    }
    Ok(())
}

/// What tidy must keep: every step's lane and phase, and nothing else of
/// the model but positions and band sizes.
fn same_but_positions(before: &Process, after: &Process) -> Result<(), String> {
    let strip = |p: &Process| {
        let mut p = p.clone();
        for s in p.steps.values_mut() {
            s.at = FlowPoint::new(0.0, 0.0);
        }
        for l in &mut p.lanes {
            l.size = 0.0;
        }
        for ph in &mut p.phases {
            ph.size = 0.0;
        }
        p
    };
    if strip(before) == strip(after) {
        Ok(())
    } else {
        Err("tidy changed more than positions and band sizes".to_owned())
    }
}

fn check_tidy(name: &str, process: &Process) -> Result<(), String> {
    let after = tidied(process);
    same_but_positions(process, &after)?;
    let layout = layout_chart(&after);
    routes_are_legal(name, &after, &layout)?;
    if let Some(edit) = tidy(&after).edit(&after) {
        return Err(format!(
            "{name}: tidy of a tidy chart moves things: {edit:?}"
        ));
    }
    Ok(())
}

#[test]
fn tidy_keeps_lanes_and_phases_overlaps_nothing_and_moves_nothing_twice() {
    let cases = [
        ("1.9", sample_1_9()),
        ("purchase", sample_purchase()),
        ("W-50", synthetic_process(50, 3)),
        ("W-200", synthetic_process(200, 7)),
    ];
    for (name, process) in cases {
        check_tidy(name, &process).unwrap();
    }
}

#[test]
fn the_tidy_1_9_chart_crosses_and_bends_no_more_than_the_hand_drawn_one() {
    let hand = sample_1_9();
    let before = layout_quality(&hand, &layout_chart(&hand));
    let after_process = tidied(&hand);
    let after = layout_quality(&after_process, &layout_chart(&after_process));
    assert!(
        after.crossings <= before.crossings && after.bends <= before.bends,
        "hand {before:?}, tidy {after:?}"
    );
}

#[test]
fn a_hand_off_to_another_lane_is_a_straight_arrow_in_the_same_column() {
    let mut p = lanes(&["大区", "经销商"]);
    let a = put_step(&mut p, StepKind::Process, "提交申请", LaneId(1), 400.0);
    let b = put_step(&mut p, StepKind::Process, "审核申请", LaneId(2), 90.0);
    put_connector(&mut p, a, b);
    let after = tidied(&p);
    let layout = layout_chart(&after);
    let (ra, rb) = (layout.boxes[&a], layout.boxes[&b]);
    assert_eq!(ra.center().x, rb.center().x, "one column");
    let route = &layout.routes[&p.connectors.keys().next().copied().unwrap()];
    assert_eq!(route.len(), 2, "a straight arrow: {route:?}");
}

#[test]
fn steps_that_follow_in_one_lane_stand_one_after_another_and_a_loop_is_kept() {
    let mut p = lanes(&["大区"]);
    // Drawn backwards: the last step first along the flow.
    let a = put_step(&mut p, StepKind::Process, "一", LaneId(1), 600.0);
    let b = put_step(&mut p, StepKind::Decision, "二", LaneId(1), 300.0);
    let c = put_step(&mut p, StepKind::Process, "三", LaneId(1), 60.0);
    put_connector(&mut p, a, b);
    put_connector(&mut p, b, c);
    put_connector(&mut p, b, a); // back to the start
    let after = tidied(&p);
    let layout = layout_chart(&after);
    let x = |s| layout.boxes[&s].center().x;
    assert!(x(a) < x(b) && x(b) < x(c), "in flow order along the lane");
    assert_eq!(after.connectors.len(), 3);
    routes_are_legal("loop", &after, &layout).unwrap();
}

/// A random process: lanes, phases, steps of every kind anywhere, and
/// connectors between any two (loops, self-loops and repeats included).
fn random_process() -> impl Strategy<Value = Process> {
    let step = (
        0u8..7,
        any::<u8>(),
        any::<u8>(),
        0u16..1200,
        0u16..300,
        0usize..30,
    );
    (
        1usize..6,
        0usize..4,
        proptest::collection::vec(step, 1..30),
        proptest::collection::vec((any::<u16>(), any::<u16>()), 0..40),
    )
        .prop_map(|(lane_count, phase_count, steps, connectors)| {
            let names: Vec<String> = (0..lane_count).map(|i| format!("部门{i}")).collect();
            let refs: Vec<&str> = names.iter().map(String::as_str).collect();
            let mut p = lanes(&refs);
            for i in 0..phase_count {
                p.phases.push(Phase {
                    id: PhaseId(i as u32 + 1),
                    name: format!("阶段{i}"),
                    size: 300.0,
                });
            }
            let mut ids = Vec::new();
            for (kind, lane, phase, along, across, len) in steps {
                let kind = match kind {
                    0 => StepKind::Decision,
                    1 => StepKind::Start,
                    2 => StepKind::End,
                    3 => StepKind::Document,
                    4 => StepKind::Note,
                    5 => StepKind::ProcessExit {
                        number: "1.10".into(),
                        name: "关键客户管理".into(),
                    },
                    _ => StepKind::Process,
                };
                let lane = LaneId(u32::from(lane) % lane_count as u32 + 1);
                let title: String = "审核经销商申请并确认".chars().cycle().take(len).collect();
                let id = put_step(&mut p, kind, &title, lane, f32::from(along));
                let step = p.steps.get_mut(&id).unwrap();
                step.at.across = f32::from(across);
                if phase_count > 0 && phase % 4 != 0 {
                    step.phase = Some(PhaseId(u32::from(phase) % phase_count as u32 + 1));
                }
                ids.push(id);
            }
            for (a, b) in connectors {
                let from = ids[usize::from(a) % ids.len()];
                let to = ids[usize::from(b) % ids.len()];
                put_connector(&mut p, from, to);
            }
            p
        })
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 200,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_process_tidies_legally_and_stays_tidy(process in random_process()) {
        prop_assert!(validate(&process).is_ok(), "{:?}", validate(&process));
        if let Err(e) = check_tidy("random", &process) {
            prop_assert!(false, "{}", e);
        }
    }
}

/// The editor, driven as a user does.
mod in_the_editor {
    use super::*;
    use common::driver::*;
    use egui_kittest::kittest::Queryable;

    #[test]
    fn edit_tidy_layout_moves_the_steps_and_one_undo_puts_them_back() {
        let messy = sample_1_9();
        let mut h = harness(messy.clone());
        h.get_by_label("编辑").click();
        h.run_steps(2);
        h.get_by_label_contains("整理布局").click();
        h.run_steps(3);
        let after = process(&h);
        assert_eq!(after, tidied(&messy), "the chart is the tidied one");
        assert_ne!(after, messy);
        // The Edit menu names the undo step for what it was.
        h.get_by_label("编辑").click();
        h.run_steps(2);
        h.get_by_label_contains("撤销 整理布局");
        h.key_press(egui::Key::Escape);
        h.run_steps(2);
        undo(&mut h);
        assert_eq!(process(&h), messy, "one undo step");
        // And the redo item, like the command it repeats.
        h.get_by_label("编辑").click();
        h.run_steps(2);
        h.get_by_label_contains("重做 整理布局");
        h.key_press(egui::Key::Escape);
        h.run_steps(2);
        // The shortcut does the same.
        // Zoomed in on a corner, tidy shows the whole chart afterwards.
        h.state_mut().camera.zoom = 3.0;
        h.run_steps(2);
        h.key_press_modifiers(
            egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
            egui::Key::L,
        );
        h.run_steps(3);
        assert_eq!(process(&h), tidied(&messy));
        let canvas = h.state().canvas.rect.unwrap();
        let scene = layout_of(&mut h).scene;
        let camera = h.state().camera;
        assert!(camera.zoom < 3.0, "fitted, not left zoomed in");
        assert!(scene.width * camera.zoom <= canvas.width());
        assert!(scene.height * camera.zoom <= canvas.height());
    }
}

/// The connector rules: an arrow in never ends where an arrow out starts,
/// no arrowhead lies under a number badge, no segment is shorter than an
/// arrowhead, and no route runs through a box.
fn connectors_are_clean(name: &str, p: &Process, layout: &ChartLayout) -> Result<(), String> {
    let issues = flowcase::layout::connector_issues(p, layout);
    let quality = layout_quality(p, layout);
    if issues != flowcase::layout::ConnectorIssues::default() || quality.segments_through_boxes > 0
    {
        return Err(format!("{name}: {issues:?}, {quality:?}"));
    }
    Ok(())
}

#[test]
fn connectors_keep_their_rules_on_the_samples_drawn_and_tidied_and_on_long_charts() {
    let cases = [
        ("1.9", sample_1_9()),
        ("purchase", sample_purchase()),
        ("W-40", synthetic_process(40, 1)),
        ("W-200", synthetic_process(200, 1)),
    ];
    for (name, p) in cases {
        connectors_are_clean(name, &p, &layout_chart(&p)).unwrap();
        let t = tidied(&p);
        connectors_are_clean(&format!("{name} tidied"), &t, &layout_chart(&t)).unwrap();
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 128,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Steps dragged anywhere, one after another, through the editor's
    /// document (whose layout keeps what it can of the last one), on both
    /// samples, the 1.9 sample drawn top to bottom and a 40-step chart:
    /// every connector rule holds after every drag sequence (no route
    /// through a box, in and out never on one point, no arrowhead under a
    /// badge, no segment shorter than an arrowhead), as it does on a
    /// layout made from nothing.
    #[test]
    fn after_random_drags_every_connector_keeps_its_rules(
        base in 0usize..4,
        drags in proptest::collection::vec((any::<u16>(), any::<u16>(), 0u16..2000, 0u16..400), 1..10)
    ) {
        let start = match base {
            0 => sample_1_9(),
            1 => sample_purchase(),
            2 => synthetic_process(40, 1),
            _ => {
                let mut p = sample_1_9();
                p.orientation = Orientation::Vertical;
                p
            }
        };
        let mut doc = flowcase::document::Document::new(start, None);
        doc.refresh();
        for (pick, lane, along, across) in drags {
            let p = doc.process();
            let ids: Vec<StepId> = p.steps.keys().copied().collect();
            let id = ids[usize::from(pick) % ids.len()];
            let lane = p.lanes[usize::from(lane) % p.lanes.len()].id;
            let phase = p.steps[&id].phase;
            let at = FlowPoint::new(f32::from(along), f32::from(across));
            let _ = doc.apply(Edit::MoveStep { id, lane, phase, at });
            doc.refresh();
        }
        let p = doc.process().clone();
        let layout = doc.refresh().layout.clone();
        let quality = layout_quality(&p, &layout);
        prop_assert_eq!(quality.overlapping_boxes, 0, "{:?}", quality);
        if let Err(e) = connectors_are_clean("dragged", &p, &layout) {
            prop_assert!(false, "{}", e);
        }
        if let Err(e) = connectors_are_clean("laid out afresh", &p, &layout_chart(&p)) {
            prop_assert!(false, "{}", e);
        }
    }
}

#[test]
fn flowcase_tidy_saves_a_tidy_chart_and_check_reports_its_layout() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("tidy.ron");
    flowcase_ok(&[
        "tidy",
        "--lang",
        "en",
        SAMPLE_1_9,
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(flowcase::format::load(&out).unwrap(), tidied(&sample_1_9()));
    let layout = |path: &str| -> serde_json::Value {
        let o = flowcase(&["check", "--format", "json", path]);
        let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        report["files"][0]["layout"].clone()
    };
    let hand = layout(SAMPLE_1_9);
    let tidy = layout(out.to_str().unwrap());
    for key in [
        "crossings",
        "bends",
        "overlapping_boxes",
        "shared_ports",
        "short_segments",
    ] {
        assert!(
            hand[key].is_u64() && tidy[key].is_u64(),
            "{key}: {hand} {tidy}"
        );
    }
    assert!(
        tidy["bends"].as_u64() <= hand["bends"].as_u64(),
        "{hand} vs {tidy}"
    );
    assert_eq!(tidy["overlapping_boxes"], 0);
}

#[test]
fn tidy_with_steps_selected_moves_only_those_and_leaves_them_where_they_were() {
    let p = sample_1_9();
    let second = p.phases[1].id;
    let selected: std::collections::BTreeSet<StepId> = p
        .steps
        .values()
        .filter(|s| s.phase == Some(second))
        .map(|s| s.id)
        .collect();
    assert!(selected.len() >= 3);
    let plan = flowcase::layout::tidy_selection(&p, &selected);
    let mut after = p.clone();
    apply(&mut after, plan.edit(&p).unwrap()).unwrap();
    same_but_positions(&p, &after).unwrap();
    for s in p.steps.values() {
        if !selected.contains(&s.id) {
            assert_eq!(after.steps[&s.id].at, s.at, "{} moved", s.title);
        }
    }
    let first = |q: &Process| {
        selected
            .iter()
            .map(|id| q.steps[id].at.along)
            .fold(f32::MAX, f32::min)
    };
    assert!(
        (first(&after) - first(&p)).abs() < 1.0,
        "the block stays where it began"
    );
    routes_are_legal("selection", &after, &layout_chart(&after)).unwrap();
}

#[test]
fn in_the_editor_tidy_with_two_steps_selected_moves_only_those() {
    use common::driver::*;
    use egui_kittest::kittest::Queryable;
    let p = sample_1_9();
    let mut h = harness(p.clone());
    let chosen: std::collections::BTreeSet<StepId> = [
        step_titled(&p, "初步接洽关键客户"),
        step_titled(&p, "参与接洽关键客户"),
    ]
    .into();
    h.state_mut().selection.steps = chosen.clone();
    h.get_by_label("编辑").click();
    h.run_steps(2);
    h.get_by_label_contains("整理布局").click();
    h.run_steps(3);
    let after = process(&h);
    for s in p.steps.values().filter(|s| !chosen.contains(&s.id)) {
        assert_eq!(after.steps[&s.id].at, s.at, "{} moved", s.title);
    }
    let mut want = p.clone();
    apply(
        &mut want,
        flowcase::layout::tidy_selection(&p, &chosen)
            .edit(&p)
            .unwrap(),
    )
    .unwrap();
    assert_eq!(after, want);
}

/// Runs `flowcase tidy FILE` (over the file); the exit code and what it said.
fn tidy_over(file: &std::path::Path) -> (i32, String) {
    let o = flowcase(&["tidy", "--lang", "en", file.to_str().unwrap()]);
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    (o.status.code().unwrap_or(-1), said)
}

#[test]
fn tidying_twice_keeps_the_hand_drawn_original_as_the_backup() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("1.9.ron");
    flowcase::format::save(&sample_1_9(), &file).unwrap();
    let original = std::fs::read(&file).unwrap();
    let bak = flowcase::format::backup_path(&file);
    let (code, said) = tidy_over(&file);
    assert_eq!(code, 0, "{said}");
    assert_eq!(std::fs::read(&bak).unwrap(), original);
    let tidy = std::fs::read(&file).unwrap();
    assert_ne!(tidy, original, "the first tidy moved steps");
    // The second moves nothing, so it writes nothing.
    let (code, said) = tidy_over(&file);
    assert_eq!(code, 0, "{said}");
    assert!(said.contains("not written"), "{said}");
    assert_eq!(
        std::fs::read(&bak).unwrap(),
        original,
        "the .bak is the original"
    );
    assert_eq!(std::fs::read(&file).unwrap(), tidy);
}

#[test]
fn tidy_never_writes_over_a_save_made_while_it_ran() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.ron");
    // Large enough that tidy takes a while to read, lay out and write.
    let version = |name: &str| {
        let mut p = flowcase::model::synthetic_process(3_000, 5);
        p.overview.name = name.to_owned();
        p
    };
    let mut refused = 0;
    for trial in 0..8_u64 {
        flowcase::format::save(&version("v0"), &file).unwrap();
        // A colleague's Flowcase saves the file once while tidy runs.
        let writer = {
            let (file, saved) = (file.clone(), version("v1"));
            std::thread::spawn(move || {
                std::thread::sleep(std::time::Duration::from_millis(30 + 40 * trial));
                flowcase::format::save(&saved, &file).unwrap();
            })
        };
        let (code, said) = tidy_over(&file);
        writer.join().unwrap();
        assert!(code == 0 || said.contains("changed the file"), "{said}");
        refused += usize::from(code == 2);
        // The colleague's save is in the file, tidied or not.
        let now = flowcase::format::load(&file).unwrap();
        assert_eq!(
            now.overview.name, "v1",
            "trial {trial}: tidy wrote over a save"
        );
    }
    assert!(refused > 0, "tidy never met a save while it ran");
}

#[test]
fn a_read_only_file_is_not_tidied_in_place() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("1.9.ron");
    flowcase::format::save(&sample_1_9(), &file).unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = std::fs::read(&file).unwrap();
    let (code, said) = tidy_over(&file);
    assert_eq!(code, 2, "{said}");
    assert!(said.contains("read-only"), "{said}");
    assert_eq!(std::fs::read(&file).unwrap(), before);
    // Written elsewhere with -o, it is tidied.
    let out = dir.path().join("tidy.ron");
    flowcase_ok(&["tidy", file.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(flowcase::format::load(&out).is_ok());
}

/// The interior segments of `layout`'s routes that run within `gap` of a
/// line where lanes or phases meet (or of the chart's edge), as
/// (connector, the segment's line).
fn segments_on_band_edges(layout: &ChartLayout, gap: f32) -> Vec<(ConnectorId, f32)> {
    let bands = layout.lanes.iter().map(|b| b.rect);
    let bands = bands.chain(layout.phases.iter().map(|b| b.rect));
    let (mut ys, mut xs) = (Vec::new(), Vec::new());
    for r in bands.chain([layout.content]) {
        ys.extend([r.min.y, r.max.y]);
        xs.extend([r.min.x, r.max.x]);
    }
    let near = |lines: &[f32], at: f32| lines.iter().any(|l| (l - at).abs() < gap);
    let mut found = Vec::new();
    for (id, route) in &layout.routes {
        if route.len() < 4 {
            continue;
        }
        for w in route[1..route.len() - 1].windows(2) {
            let (a, b) = (w[0], w[1]);
            if (a.y - b.y).abs() < 0.01 && near(&ys, a.y) {
                found.push((*id, a.y));
            }
            if (a.x - b.x).abs() < 0.01 && near(&xs, a.x) {
                found.push((*id, a.x));
            }
        }
    }
    found
}

#[test]
fn no_connector_runs_along_a_line_between_lanes_or_phases() {
    // Tidy packs columns tight, so routes between phases and lanes once
    // ran a few pixels beside the lines between them and read as borders.
    for steps in [20, 50, 200] {
        for seed in 1..=3 {
            let p = tidied(&synthetic_process(steps, seed));
            let layout = layout_chart(&p);
            let on_edges = segments_on_band_edges(&layout, 5.0);
            assert!(on_edges.is_empty(), "{steps}/{seed}: {on_edges:?}");
            assert_eq!(
                flowcase::layout::connector_issues(&p, &layout),
                Default::default(),
                "{steps}/{seed}: moved off the lines, no route breaks a connector rule"
            );
        }
    }
}
