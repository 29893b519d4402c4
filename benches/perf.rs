//! The benchmark harness: `cargo bench --bench perf [-- --quick]`.
//!
//! Each measurement runs repeatedly after a warm-up; the table gives the
//! median, p95 and p99 beside the target from the performance issue, and
//! `target/perf.json` gets the same numbers. Benchmarks measure; nothing
//! here is a test, and nothing in `cargo test` asserts a time.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a harness may stop loudly

use egui::{Event, Modifiers, PointerButton, Pos2, RawInput, Rect, Vec2};
use flowcase::document::Document;
use flowcase::export::{ExportOptions, FileType, export_bytes};
use flowcase::format::{decode, encode, save};
use flowcase::lang::Lang;
use flowcase::layout::layout_chart;
use flowcase::model::{Analysis, Process, synthetic_process};
use flowcase::ui::{AppContext, Editor, editor_ui};
use std::io::Read;
use std::time::{Duration, Instant};

#[path = "perf/analysis.rs"]
mod analysis;
#[path = "../tests/common/hostile.rs"]
mod hostile;
#[path = "perf/merge.rs"]
mod merge;
#[path = "perf/publish.rs"]
mod publish;
#[path = "perf/visio.rs"]
mod visio;

const SCREEN: Vec2 = Vec2::new(1920.0, 1080.0);

struct Row {
    name: String,
    target: String,
    samples: Vec<f64>,
    note: String,
}

impl Row {
    fn quantile(&self, q: f64) -> f64 {
        let mut v = self.samples.clone();
        v.sort_by(f64::total_cmp);
        if v.is_empty() {
            return f64::NAN;
        }
        let i = ((v.len() - 1) as f64 * q).round() as usize;
        v[i]
    }
}

fn measure(reps: usize, warmup: usize, mut f: impl FnMut() -> Duration) -> Vec<f64> {
    for _ in 0..warmup {
        f();
    }
    (0..reps).map(|_| f().as_secs_f64() * 1000.0).collect()
}

fn time(f: impl FnOnce()) -> Duration {
    let t = Instant::now();
    f();
    t.elapsed()
}

/// The real editor UI driven headless, one frame at a time.
struct Headless {
    ctx: egui::Context,
    editor: Editor,
    app: AppContext,
    time: f64,
}

impl Headless {
    fn new(process: Process) -> Headless {
        let ctx = egui::Context::default();
        flowcase::ui::setup_context(&ctx);
        ctx.set_theme(egui::Theme::Light);
        Headless {
            ctx,
            editor: Editor::new(Document::new(process, None), Lang::Zh),
            app: AppContext::default(),
            time: 0.0,
        }
    }

    /// One frame with these events: `run_ui` plus `tessellate`. Returns the
    /// CPU time and how soon egui asked for the next frame.
    fn frame(&mut self, events: Vec<Event>) -> (Duration, Duration) {
        self.time += 1.0 / 60.0;
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, SCREEN)),
            time: Some(self.time),
            events,
            ..RawInput::default()
        };
        let start = Instant::now();
        let (editor, app) = (&mut self.editor, &mut self.app);
        let mut output = self.ctx.run_ui(input, |ui| editor_ui(editor, app, ui));
        let shapes = std::mem::take(&mut output.shapes);
        let _ = self.ctx.tessellate(shapes, output.pixels_per_point);
        let took = start.elapsed();
        output.textures_delta.clear();
        let repaint = output
            .viewport_output
            .get(&egui::ViewportId::ROOT)
            .map_or(Duration::MAX, |v| v.repaint_delay);
        (took, repaint)
    }

    fn settle(&mut self) {
        for _ in 0..8 {
            self.frame(Vec::new());
        }
    }

    /// The editor opened on `process` at 100 %, scrolled to its `nth` step,
    /// with the pointer resting on that step's centre (returned).
    fn pointing_at_step(process: &Process, nth: usize) -> (Headless, Pos2) {
        let mut h = Headless::new(process.clone());
        h.settle();
        let step = *h.editor.doc.process().steps.keys().nth(nth).unwrap();
        h.editor.camera.zoom = 1.0;
        let target = h.editor.doc.refresh().layout.boxes[&step];
        if let Some(canvas) = h.editor.canvas.rect {
            flowcase::ui::canvas::scroll_into_view(&mut h.editor.camera, canvas, &target);
        }
        h.frame(Vec::new());
        let canvas = h.editor.canvas.rect.unwrap_or(Rect::ZERO);
        let camera = h.editor.camera;
        let c = target.center();
        let at = canvas.min + camera.offset + Vec2::new(c.x, c.y) * camera.zoom;
        h.frame(vec![Event::PointerMoved(at)]);
        (h, at)
    }
}

fn pointer(pos: Pos2, pressed: bool) -> Event {
    Event::PointerButton {
        pos,
        button: PointerButton::Primary,
        pressed,
        modifiers: Modifiers::NONE,
    }
}

/// Runs `flowcase export FILE -o OUT` in a process of its own: its time
/// in ms, its peak memory in MB and what it said.
fn run_measured(file: &std::path::Path, out: &std::path::Path) -> (f64, u64, String) {
    let args = [
        "export".as_ref(),
        "--lang".as_ref(),
        "en".as_ref(),
        file.as_os_str(),
        "-o".as_ref(),
        out.as_os_str(),
    ];
    run_command(&args, Some(out))
}

/// Runs `flowcase ARGS` in a process of its own: its time in ms, its peak
/// memory in MB (the kernel's high-water mark, read every 5 ms while it
/// runs, so only a peak in its last 5 ms could be missed) and what it said
/// (the size of `out` when it succeeded).
fn run_command(args: &[&std::ffi::OsStr], out: Option<&std::path::Path>) -> (f64, u64, String) {
    let started = Instant::now();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_flowcase"))
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Read as it comes, so a long report never fills the pipe and stops it.
    let drain = |pipe: Option<Box<dyn std::io::Read + Send>>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut bytes);
            }
            bytes
        })
    };
    let stdout = drain(child.stdout.take().map(|p| Box::new(p) as _));
    let stderr = drain(child.stderr.take().map(|p| Box::new(p) as _));
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak_kb = 0u64;
    while child.try_wait().unwrap().is_none() {
        let status = std::fs::read_to_string(&status_file).unwrap_or_default();
        let hwm = status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or(0);
        peak_kb = peak_kb.max(hwm);
        std::thread::sleep(Duration::from_millis(5));
    }
    let took = started.elapsed().as_secs_f64() * 1000.0;
    let status = child.wait().unwrap();
    let printed = stdout.join().unwrap_or_default().len();
    let stderr = stderr.join().unwrap_or_default();
    let said = if status.success() {
        match out.and_then(|o| std::fs::metadata(o).ok()) {
            Some(m) => format!("done, {:.1} MB written", m.len() as f64 / 1e6),
            None => format!("done, {:.1} MB printed", printed as f64 / 1e6),
        }
    } else {
        let err = String::from_utf8_lossy(&stderr);
        format!(
            "refused: {}",
            err.trim().chars().take(90).collect::<String>()
        )
    };
    (took, peak_kb / 1024, said)
}

/// Lanes that give the W-5000 table a deck of just under 1,000 pages.
const LANES_FOR_1000_PAGES: usize = 20;
/// Steps with L-wordy's texts that give a deck of just under 1,000 pages.
const STEPS_FOR_1000_WORDY_PAGES: usize = 100;

/// Processes at the limits (src/model/limits.rs): every step stacked on
/// one point; 100 lanes with roles in each and 15,000 connectors; long
/// titles and key points filling most of the 64 MiB a file may have; and
/// a deck just within the PDF page limit.
fn limit_processes() -> Vec<(&'static str, Process)> {
    use flowcase::model::limits::{MAX_CONNECTORS, MAX_LANES, MAX_STEPS};
    use flowcase::model::{Connector, ConnectorId, FlowPoint, Lane, LaneId, Role, RoleSet, StepId};
    let mut stacked = synthetic_process(MAX_STEPS, 7);
    for step in stacked.steps.values_mut() {
        step.lane = LaneId(1);
        step.phase = None;
        step.at = FlowPoint::new(100.0, 70.0);
    }
    let wide = |lanes: usize| {
        let mut wide = synthetic_process(MAX_STEPS, 8);
        for i in wide.lanes.len()..lanes {
            wide.lanes.push(Lane {
                id: LaneId(i as u32 + 1),
                name: format!("部门{i}"),
                size: 140.0,
            });
        }
        for (i, step) in wide.steps.values_mut().enumerate() {
            for lane in 0..lanes {
                let role = [Role::A, Role::E, Role::C, Role::I][(i + lane) % 4];
                step.roles
                    .insert(LaneId(lane as u32 + 1), RoleSet::of(&[role]));
            }
        }
        let steps = wide.steps.len() as u32;
        let mut id = wide.connectors.len() as u32;
        while wide.connectors.len() < MAX_CONNECTORS {
            id += 1;
            let (from, to) = (StepId(id % steps + 1), StepId((id * 7) % steps + 1));
            let c = Connector {
                id: ConnectorId(id),
                from,
                to,
                label: None,
            };
            wide.connectors.insert(c.id, c);
        }
        wide
    };
    let wordy = |steps: usize| {
        let mut wordy = synthetic_process(steps, 9);
        for step in wordy.steps.values_mut() {
            step.title = step.title.repeat(30).chars().take(500).collect();
            step.description = step.title.repeat(6);
        }
        wordy
    };
    vec![
        ("L-stacked", stacked),
        ("L-wide", wide(MAX_LANES)),
        ("L-wordy", wordy(MAX_STEPS)),
        // Just within the PDF page limit: many lanes, or long texts.
        ("L-1000-pages", wide(LANES_FOR_1000_PAGES)),
        ("L-1000-wordy-pages", wordy(STEPS_FOR_1000_WORDY_PAGES)),
    ]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let quick = args.iter().any(|a| a == "--quick");
    // `--only WORD` runs the measurements whose name contains WORD.
    let only = args
        .iter()
        .position(|a| a == "--only")
        .and_then(|i| args.get(i + 1))
        .cloned();
    let want = |name: &str| only.as_deref().is_none_or(|o| name.contains(o));
    // Quick mode: W-1000, and at W-4000 only the rows with a target there.
    let sizes: Vec<usize> = if quick {
        vec![1000, 4000]
    } else {
        vec![100, 1000, 4000]
    };
    let reps = if quick { 12 } else { 40 };
    // A p99 needs a couple of hundred frames even in quick mode; frames are
    // cheap. `FRAMES=N` overrides (for profiling).
    let frame_reps = std::env::var("FRAMES")
        .ok()
        .and_then(|f| f.parse().ok())
        .unwrap_or(200);
    let mut rows: Vec<Row> = Vec::new();
    let mut push = |name: String, target: &str, samples: Vec<f64>, note: String| {
        let row = Row {
            name,
            target: target.to_owned(),
            samples,
            note,
        };
        println!(
            "{:<44} median {:>9.2} ms  p95 {:>9.2} ms  p99 {:>9.2} ms  target {:<18} {}",
            row.name,
            row.quantile(0.5),
            row.quantile(0.95),
            row.quantile(0.99),
            row.target,
            row.note
        );
        rows.push(row);
    };

    let dir = std::env::temp_dir().join(format!("flowcase-bench-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);

    for &n in &sizes {
        let process = synthetic_process(n, 42);
        let bytes = encode(&process).unwrap().into_bytes();
        let w = format!("W-{n}");
        let targeted = ["load", "save", "pan", "fit-all", "idle"];
        let want = |name: &str| want(name) && (!quick || n != 4000 || targeted.contains(&name));

        if want("load") {
            let s = measure(reps, 2, || time(|| drop(decode(&bytes).unwrap())));
            push(
                format!("load {w} (parse + validate)"),
                if n == 4000 { "≤ 150 ms" } else { "" },
                s,
                format!("{} KB", bytes.len() / 1024),
            );
        }
        if want("save") {
            let path = dir.join(format!("w{n}.ron"));
            let s = measure(reps, 2, || time(|| save(&process, &path).unwrap()));
            push(
                format!("save {w} (serialise + atomic write)"),
                if n == 4000 { "≤ 60 ms" } else { "" },
                s,
                String::new(),
            );
        }
        if want("layout") {
            let s = measure(reps.min(20), 1, || time(|| drop(layout_chart(&process))));
            push(
                format!("layout {w} (text, boxes, routes)"),
                "",
                s,
                String::new(),
            );
        }
        if want("analysis") {
            let s = measure(reps.min(20), 1, || time(|| drop(Analysis::of(&process))));
            push(
                format!("analysis {w} (numbers, table, rules)"),
                "",
                s,
                String::new(),
            );
        }
        if want("open") {
            // Open to first tessellated frame: parse, derive, lay out, paint.
            let s = measure(reps.min(10), 1, || {
                time(|| {
                    let p = decode(&bytes).unwrap();
                    let mut h = Headless::new(p);
                    h.frame(Vec::new());
                })
            });
            push(
                format!("open {w} to first tessellated frame"),
                if n == 1000 { "≤ 80 ms" } else { "" },
                s,
                String::new(),
            );
        }
        if want("drag") {
            // A frame while dragging one step.
            // Drag at 100 %, where a user moves a step by hand.
            let (mut h, start) = Headless::pointing_at_step(&process, n / 2);
            h.frame(vec![pointer(start, true)]);
            let mut pos = start;
            let s = measure(frame_reps, 5, || {
                pos += Vec2::new(3.0, 0.5);
                h.frame(vec![Event::PointerMoved(pos)]).0
            });
            h.frame(vec![pointer(pos, false)]);
            push(
                format!("drag frame {w}"),
                if n == 1000 { "p99 ≤ 3 ms" } else { "" },
                s,
                String::new(),
            );
        }
        if want("typing") {
            // A frame while typing one character into a title (table shown).
            // Double-click the step at 100 %, as a user would, to edit its title.
            let (mut h, c) = Headless::pointing_at_step(&process, n / 3);
            h.frame(vec![pointer(c, true), pointer(c, false)]);
            h.frame(vec![pointer(c, true), pointer(c, false)]);
            h.settle();
            let s = measure(frame_reps, 5, || h.frame(vec![Event::Text("字".into())]).0);
            push(
                format!("typing frame {w} (table shown)"),
                if n == 1000 { "≤ 8 ms" } else { "" },
                s,
                format!("inline editor open: {}", h.editor.canvas.inline.is_some()),
            );
        }
        if want("pan") {
            // Pan at 100 %.
            let mut h = Headless::new(process.clone());
            h.settle();
            h.editor.camera.zoom = 1.0;
            h.editor.camera.offset = Vec2::new(-2000.0, 0.0);
            h.frame(vec![Event::PointerMoved(Pos2::new(900.0, 400.0))]);
            let s = measure(frame_reps, 5, || {
                h.frame(vec![Event::MouseWheel {
                    unit: egui::MouseWheelUnit::Point,
                    delta: Vec2::new(-6.0, 0.0),
                    modifiers: Modifiers::NONE,
                    phase: egui::TouchPhase::Move,
                    source: egui::MouseWheelSource::Wheel,
                }])
                .0
            });
            push(
                format!("pan frame at 100% {w}"),
                if n == 4000 { "p95 ≤ 3 ms" } else { "" },
                s,
                String::new(),
            );
        }
        if want("fit-all") {
            // Fit-all: the whole chart in view, panned a little each frame.
            let mut h = Headless::new(process.clone());
            h.settle();
            h.frame(vec![Event::PointerMoved(Pos2::new(900.0, 400.0))]);
            let s = measure(frame_reps, 5, || {
                h.frame(vec![Event::MouseWheel {
                    unit: egui::MouseWheelUnit::Point,
                    delta: Vec2::new(-1.0, 0.0),
                    modifiers: Modifiers::NONE,
                    phase: egui::TouchPhase::Move,
                    source: egui::MouseWheelSource::Wheel,
                }])
                .0
            });
            push(
                format!("fit-all frame {w}"),
                if n == 4000 { "p95 ≤ 12 ms" } else { "" },
                s,
                format!("zoom {:.3}", h.editor.camera.zoom),
            );
        }
        if want("idle") {
            // Idle: after open, 60 simulated seconds without input. egui itself
            // asks for about a dozen frames in the first 0.2 s after start
            // (sizing panels on the first passes); the count starts after the
            // first second, when the app is up.
            let mut h = Headless::new(process.clone());
            for _ in 0..60 {
                h.frame(Vec::new());
            }
            let mut asked = 0;
            let mut t = 0.0;
            while t < 60.0 {
                let (_, repaint) = h.frame(Vec::new());
                if repaint == Duration::ZERO {
                    asked += 1;
                    t += 1.0 / 60.0;
                } else if repaint == Duration::MAX {
                    break; // nothing more will be asked for
                } else {
                    asked += 1;
                    t += repaint.as_secs_f64().max(1.0 / 60.0);
                }
            }
            push(
                format!("frames asked for while idle 60 s, {w}"),
                "0",
                vec![asked as f64],
                "(a count, not ms)".into(),
            );
        }
    }

    // Tidy layout: the plan, its one edit applied, and the chart laid out
    // again (boxes placed, connectors re-routed), as the editor does.
    if want("tidy") {
        for (n, target) in [(200, "≤ 50 ms"), (1000, "≤ 400 ms")] {
            let process = synthetic_process(n, 42);
            let s = measure(reps.min(20), 1, || {
                time(|| {
                    let mut p = process.clone();
                    if let Some(edit) = flowcase::layout::tidy(&p).edit(&p) {
                        flowcase::model::apply(&mut p, edit).unwrap();
                    }
                    drop(flowcase::layout::layout_chart(&p));
                })
            });
            push(format!("tidy W-{n}"), target, s, String::new());
        }
    }

    // A 1,000-row responsibility table imported from XLSX: read, checked,
    // built and tidied.
    if want("import") {
        let w1000 = synthetic_process(1000, 42);
        let table = flowcase::model::Analysis::of(&w1000).table;
        let xlsx = flowcase::export::table_xlsx(&w1000, &table, Lang::Zh).unwrap();
        let rows = table.rows.len();
        let s = measure(reps.min(10), 1, || {
            time(|| {
                let cells = flowcase::import::xlsx_cells(&xlsx).unwrap();
                drop(flowcase::import::process_from_table(&cells, "W-1000").unwrap());
            })
        });
        push(
            "import 1,000-row XLSX table".into(),
            "≤ 300 ms",
            s,
            format!("{rows} rows"),
        );
    }

    if want("interop") {
        let w1000 = synthetic_process(1000, 42);
        let numbering = flowcase::model::number_steps(&w1000);
        let mut bpmn = String::new();
        let s = measure(reps.min(10), 1, || {
            time(|| bpmn = flowcase::interop::bpmn::process_bpmn(&w1000, &numbering))
        });
        push(
            "export W-1000 to BPMN (layout, XML, DI)".into(),
            "≤ 100 ms",
            s,
            format!("{:.2} MB", bpmn.len() as f64 / 1e6),
        );
        let s = measure(reps.min(10), 1, || {
            time(|| {
                let i = flowcase::import::process_from_bpmn(&bpmn, "W-1000").unwrap();
                flowcase::model::validate(&i.process).unwrap();
            })
        });
        push(
            "import 1,000-task BPMN (Flowcase's own)".into(),
            "≤ 150 ms",
            s,
            String::new(),
        );
        // As another modeller writes it: no Flowcase extensions, so lanes
        // from flowNodeRef and positions from DI.
        let plain = strip_extensions(&bpmn);
        let s = measure(reps.min(10), 1, || {
            time(|| {
                let i = flowcase::import::process_from_bpmn(&plain, "W-1000").unwrap();
                flowcase::model::validate(&i.process).unwrap();
            })
        });
        push(
            "import 1,000-task BPMN (DI only, no extensions)".into(),
            "≤ 150 ms",
            s,
            String::new(),
        );
    }

    if want("diff") {
        // W-1000 against a copy with 50 random edits: role toggles, moves
        // to other lanes, retitles, added steps.
        let w1000 = synthetic_process(1000, 42);
        let mut edited = w1000.clone();
        let mut seed: u64 = 7;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize
        };
        for i in 0..50 {
            let ids: Vec<_> = edited.steps.keys().copied().collect();
            let step = ids[next() % ids.len()];
            let lane = edited.lanes[next() % edited.lanes.len()].id;
            let edit = match i % 4 {
                0 => flowcase::model::Edit::SetRole {
                    step,
                    lane,
                    roles: flowcase::model::RoleSet::of(&[flowcase::model::Role::C]),
                },
                1 => {
                    let s = &edited.steps[&step];
                    flowcase::model::Edit::MoveStep {
                        id: step,
                        lane,
                        phase: s.phase,
                        at: s.at,
                    }
                }
                2 => flowcase::model::Edit::SetStep {
                    id: step,
                    field: flowcase::model::StepField::Title(format!("改名 {i}")),
                },
                _ => {
                    let id = edited.next_step_id();
                    flowcase::model::Edit::AddStep(flowcase::model::Step::new(
                        id,
                        flowcase::model::StepKind::Process,
                        &format!("新步骤 {i}"),
                        lane,
                        flowcase::model::FlowPoint::new(100.0, 60.0),
                    ))
                }
            };
            let _ = flowcase::model::apply(&mut edited, edit);
        }
        let mut changes = 0;
        let s = measure(reps.min(20), 1, || {
            time(|| changes = flowcase::model::diff(&w1000, &edited).changes.len())
        });
        push(
            "diff W-1000 against a copy with 50 edits".into(),
            "≤ 30 ms",
            s,
            format!("{changes} changes"),
        );
        // Starting the editor's compare view: the other version's chart laid
        // out (removed steps are drawn from it), then the changes.
        let s = measure(reps.min(10), 1, || {
            time(|| {
                let mut view = flowcase::ui::Comparison::new(
                    w1000.clone(),
                    flowcase::ui::Against::Saved,
                    flowcase::model::Carried::ALL,
                );
                view.refresh(1, &edited);
                changes = view.changes().map_or(0, |d| d.changes.len());
            })
        });
        push(
            "compare view started on W-1000 (other chart laid out, diff)".into(),
            "≤ 100 ms",
            s,
            format!("{changes} changes"),
        );
    }

    // Exports.
    if want("export") {
        let sample = flowcase::format::load(std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/samples/sales-1.9-key-customer-development.ron"
        )))
        .unwrap();
        let opts = ExportOptions {
            lang: Lang::Zh,
            ..ExportOptions::default()
        };
        let s = measure(reps.min(10), 1, || {
            time(|| drop(export_bytes(&sample, FileType::Pdf, &opts).unwrap()))
        });
        push("export 1.9 deck PDF".into(), "", s, String::new());
        let w1000 = synthetic_process(1000, 42);
        let mut size = 0;
        let s = measure(reps.min(5), 1, || {
            time(|| size = export_bytes(&w1000, FileType::Pdf, &opts).unwrap().len())
        });
        push(
            "export W-1000 deck PDF".into(),
            "≤ 500 ms, ≤ 2 MB",
            s,
            format!("{:.2} MB", size as f64 / 1e6),
        );
        // Slides: the chart cut into pages at 9 pt, and PowerPoint.
        let w60 = synthetic_process(60, 42);
        let s = measure(reps.min(10), 1, || {
            time(|| drop(export_bytes(&w60, FileType::Pdf, &opts).unwrap()))
        });
        push("export W-60 deck PDF".into(), "≤ 300 ms", s, String::new());
        let s = measure(reps.min(10), 1, || {
            time(|| drop(export_bytes(&w60, FileType::Pptx, &opts).unwrap()))
        });
        push("export W-60 deck PPTX".into(), "≤ 300 ms", s, String::new());
        let s = measure(reps.min(5), 1, || {
            time(|| size = export_bytes(&w1000, FileType::Pptx, &opts).unwrap().len())
        });
        push(
            "export W-1000 deck PPTX".into(),
            "≤ 2 s, ≤ 5 MB",
            s,
            format!("{:.2} MB", size as f64 / 1e6),
        );
        let png = ExportOptions { scale: 2.0, ..opts };
        let s = measure(reps.min(10), 1, || {
            time(|| drop(export_bytes(&sample, FileType::Png, &png).unwrap()))
        });
        push("export 1.9 chart PNG at 2x".into(), "", s, String::new());
    }

    // Files at the limits a process may have: the editor opens each within
    // a second, and every export (the command, in a process of its own)
    // finishes within 5 s and 1 GB or refuses.
    if want("limits") {
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/limits");
        let _ = std::fs::create_dir_all(&folder);
        for (name, process) in limit_processes() {
            let bytes = encode(&process).unwrap().into_bytes();
            let file = folder.join(format!("{name}.ron"));
            std::fs::write(&file, &bytes).unwrap();
            let took = time(|| {
                let p = decode(&bytes).unwrap();
                let mut h = Headless::new(p);
                h.frame(Vec::new());
            });
            push(
                format!("open {name} to first frame"),
                "≤ 1000 ms",
                vec![took.as_secs_f64() * 1000.0],
                format!("{:.1} MB file", bytes.len() as f64 / 1e6),
            );
            for ext in ["svg", "png", "pdf", "pptx", "csv", "xlsx"] {
                let out = folder.join(format!("{name}.{ext}"));
                let (took, peak, said) = run_measured(&file, &out);
                push(
                    format!("export {name} {ext} (command)"),
                    "≤ 5000 ms, ≤ 1024 MB",
                    vec![took],
                    format!("peak {peak} MB; {said}"),
                );
            }
        }
    }

    if want("library") {
        library_rows(&dir, &mut push);
    }

    if want("hostile") {
        hostile_rows(&mut push);
    }

    if want("analy") || want("scheme") {
        analysis::analysis_rows(&dir, &mut push);
    }

    if want("merge") {
        merge::merge_rows(&dir, &mut push);
    }

    if want("publish") {
        publish::publish_rows(&dir, &mut push);
    }

    if want("visio") {
        visio::visio_rows(&dir, &mut push);
    }

    // Same viewport, 10x the chart: how much slower is a frame?
    if want("ratio") {
        let frame_at = |n: usize| {
            let mut h = Headless::new(synthetic_process(n, 42));
            h.settle();
            h.editor.camera.zoom = 1.0;
            h.editor.camera.offset = Vec2::new(0.0, 0.0);
            h.frame(vec![Event::PointerMoved(Pos2::new(900.0, 400.0))]);
            let s = measure(100, 5, || {
                h.frame(vec![Event::MouseWheel {
                    unit: egui::MouseWheelUnit::Point,
                    delta: Vec2::new(0.0, 0.0),
                    modifiers: Modifiers::NONE,
                    phase: egui::TouchPhase::Move,
                    source: egui::MouseWheelSource::Wheel,
                }])
                .0
            });
            let mut v = s.clone();
            v.sort_by(f64::total_cmp);
            v[v.len() / 2]
        };
        let ratio = frame_at(4000) / frame_at(400);
        push(
            "frame time W-4000 ÷ W-400, same viewport".into(),
            "≤ 1.5",
            vec![ratio],
            "(a ratio, not ms)".into(),
        );
    }

    let json: Vec<serde_json::Value> = rows
        .iter()
        .map(|r| {
            serde_json::json!({
                "name": r.name,
                "target": r.target,
                "median_ms": r.quantile(0.5),
                "p95_ms": r.quantile(0.95),
                "p99_ms": r.quantile(0.99),
                "samples": r.samples.len(),
                "note": r.note,
            })
        })
        .collect();
    // Always the repository's target/perf.json, wherever the build lives.
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
    let _ = std::fs::create_dir_all(&out);
    let path = out.join("perf.json");
    let _ = std::fs::write(
        &path,
        serde_json::to_string_pretty(&json).unwrap_or_default(),
    );
    println!("\nwrote {}", path.display());
    let _ = std::fs::remove_dir_all(&dir);
}

/// A library of 300 processes (L-300): opening it to its 流程清单, checking
/// it, department duties after a role edit, and the whole deck.
fn library_rows(dir: &std::path::Path, push: &mut impl FnMut(String, &str, Vec<f64>, String)) {
    use flowcase::library::{Library, check_library, duties, synthetic_library};
    let root = dir.join("L-300");
    let _ = std::fs::create_dir_all(&root);
    let (catalogue, files) = synthetic_library(300, 7);
    for (file, process) in &files {
        save(process, &root.join(file)).unwrap();
    }
    let catalogue_path = root.join(flowcase::format::CATALOGUE_FILE);
    flowcase::format::save_catalogue(&catalogue, &catalogue_path, &mut flowcase::format::OsFs)
        .unwrap();

    let s = measure(8, 1, || {
        time(|| {
            let settings = flowcase::ui::Settings {
                language: Some("zh".into()),
                ..Default::default()
            };
            let mut shell = flowcase::ui::Shell::new(vec![root.clone()], settings, None);
            let ctx = egui::Context::default();
            flowcase::ui::setup_context(&ctx);
            let input = RawInput {
                screen_rect: Some(Rect::from_min_size(Pos2::ZERO, SCREEN)),
                ..RawInput::default()
            };
            let output = ctx.run_ui(input, |ui| flowcase::ui::shell_ui(&mut shell, ui));
            let _ = ctx.tessellate(output.shapes, output.pixels_per_point);
            assert!(shell.shows_library());
        })
    });
    push(
        "open L-300 to the 流程清单 painted".into(),
        "≤ 250 ms",
        s,
        "300 processes, 20–60 steps".into(),
    );

    let s = measure(8, 1, || {
        time(|| {
            let library = Library::open(&root).unwrap();
            let problems = check_library(&library);
            let analyses: Vec<_> = library.drawn().map(|(_, p)| Analysis::of(p)).collect();
            assert!(problems.is_empty() && analyses.len() == 300);
        })
    });
    push("library check L-300".into(), "≤ 1000 ms", s, String::new());

    let mut library = Library::open(&root).unwrap();
    let s = measure(20, 2, || {
        // One role edit in one process, then every department's duties.
        if let Some(flowcase::library::EntryState::Drawn(p)) = library.states.get_mut(150) {
            let step = *p.steps.keys().next().unwrap();
            let lane = p.lanes[0].id;
            let set = flowcase::model::role_cell(&p.steps[&step].roles, lane);
            let toggled = if set.contains(flowcase::model::Role::C) {
                set.without(flowcase::model::Role::C)
            } else {
                set.with(flowcase::model::Role::C)
            };
            flowcase::model::apply(
                p,
                flowcase::model::Edit::SetRole {
                    step,
                    lane,
                    roles: toggled,
                },
            )
            .unwrap();
        }
        time(|| drop(duties(&library)))
    });
    push(
        "duties L-300 after one role edit".into(),
        "≤ 20 ms",
        s,
        String::new(),
    );

    let s = measure(3, 0, || {
        time(|| {
            let deck = flowcase::export::LibraryDeck {
                size: flowcase::export::PageSize::Wide,
                date: "2026-11-29".into(),
                lang: Lang::Zh,
                duties: false,
            };
            let pages = flowcase::export::library_pages(&library, &deck).unwrap();
            drop(flowcase::export::scenes_to_pdf(&pages, "L-300").unwrap());
        })
    });
    push(
        "library deck PDF L-300".into(),
        "≤ 10000 ms",
        s,
        String::new(),
    );
}

/// The worst inputs of issue 25, each through the real command in a
/// process of its own: imports of huge or crafted files, and library checks
/// of huge catalogues. Target: within 5 s and 1 GB, done or refused.
fn hostile_rows(push: &mut impl FnMut(String, &str, Vec<f64>, String)) {
    use hostile::*;
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/hostile");
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder).unwrap();
    let inputs: Vec<(&str, &str, Vec<u8>)> = vec![
        ("draw.io 100,000 cells", "cells.drawio", {
            let chart = Drawio {
                shapes: 100_000,
                lanes: 10,
                ..Drawio::default()
            };
            chart.xml().into_bytes()
        }),
        ("draw.io 5,000 shapes (at the limit)", "limit.drawio", {
            let chart = Drawio {
                shapes: 5_000,
                lanes: 10,
                ..Drawio::default()
            };
            chart.xml().into_bytes()
        }),
        ("BPMN 50,000 unconnected tasks", "tasks.bpmn", {
            let chart = Bpmn {
                tasks: 50_000,
                flows_per_task: 0,
                ..Bpmn::default()
            };
            chart.xml().into_bytes()
        }),
        ("BPMN 5,000 tasks, no DI (tidy lays out)", "no-di.bpmn", {
            let chart = Bpmn {
                tasks: 5_000,
                lanes: 10,
                ..Bpmn::default()
            };
            strip_diagram(&chart.xml()).into_bytes()
        }),
        ("BPMN 15 sub-processes of 1,000 tasks", "subs.bpmn", {
            bpmn_of_sub_processes(15, 1_000).into_bytes()
        }),
        ("BPMN 30 sub-processes of 1,000 tasks", "subs-past.bpmn", {
            bpmn_of_sub_processes(30, 1_000).into_bytes()
        }),
        (
            "CSV 3,000 × 3,000 下一步 fan-out",
            "fan-out.csv",
            csv_fan_out(3_000).into_bytes(),
        ),
        ("CSV a 49 MB row of commas", "commas.csv", {
            csv_with_a_row_of_commas(49 << 20).into_bytes()
        }),
        ("draw.io 100,000 swimlanes", "lanes.drawio", {
            let chart = Drawio {
                lanes: 100_000,
                shapes: 0,
                ..Drawio::default()
            };
            chart.xml().into_bytes()
        }),
        ("CSV 49,000 rows of 1,000 commas", "comma-rows.csv", {
            csv_of_comma_rows(49_000, 999).into_bytes()
        }),
        (
            "XLSX one cell at XFD1048576",
            "far.xlsx",
            workbook_with_a_far_cell(1_048_575, 16_383),
        ),
        (
            "XLSX shared strings of 65 MiB",
            "bomb.xlsx",
            shared_strings_bomb(),
        ),
    ];
    for (name, file, bytes) in inputs {
        let input = folder.join(file);
        std::fs::write(&input, &bytes).unwrap();
        let out = folder.join(format!("{file}.ron"));
        let args = [
            "import".as_ref(),
            input.as_os_str(),
            "-o".as_ref(),
            out.as_os_str(),
        ];
        let (took, peak, said) = run_command(&args, Some(&out));
        let size = format!("{:.1} MB in", bytes.len() as f64 / 1e6);
        push(
            format!("import {name} (command)"),
            "≤ 5000 ms, ≤ 1024 MB",
            vec![took],
            format!("{size}; peak {peak} MB; {said}"),
        );
    }
    for (name, root) in hostile_libraries(&folder) {
        let args = ["library".as_ref(), "check".as_ref(), root.as_os_str()];
        let (took, peak, said) = run_command(&args, None);
        push(
            format!("library check {name} (command)"),
            "≤ 5000 ms, ≤ 1024 MB",
            vec![took],
            format!("peak {peak} MB; {said}"),
        );
    }
}

/// Libraries built to be slow: a 1,000,000-character title, and 10,000
/// entries with one process of 5,000 exits.
fn hostile_libraries(folder: &std::path::Path) -> Vec<(&'static str, std::path::PathBuf)> {
    use flowcase::library::Catalogue;
    let write = |name: &str, catalogue: &Catalogue| {
        let root = folder.join(name);
        std::fs::create_dir_all(&root).unwrap();
        let text = flowcase::format::encode_catalogue(catalogue).unwrap();
        std::fs::write(root.join(flowcase::format::CATALOGUE_FILE), text).unwrap();
        root
    };
    let titled = Catalogue {
        title: "流".repeat(1_000_000),
        ..hostile::catalogue_of(1, "大.ron")
    };
    let many_root = write("10000-entries", &hostile::catalogue_of(10_000, "大.ron"));
    save(&hostile::process_of_exits(5_000), &many_root.join("大.ron")).unwrap();
    vec![
        ("a 1,000,000-character title", write("long-title", &titled)),
        ("10,000 entries, 5,000 exits", many_root),
    ]
}

/// A BPMN text without its diagram (no positions: tidy lays it out).
fn strip_diagram(bpmn: &str) -> String {
    match (
        bpmn.find("<bpmndi:BPMNDiagram>"),
        bpmn.find("</bpmndi:BPMNDiagram>"),
    ) {
        (Some(start), Some(end)) => {
            let end = end + "</bpmndi:BPMNDiagram>".len();
            format!("{}{}", &bpmn[..start], &bpmn[end..])
        }
        _ => bpmn.to_owned(),
    }
}

/// A BPMN text without its `extensionElements`.
fn strip_extensions(bpmn: &str) -> String {
    let mut out = String::with_capacity(bpmn.len());
    let mut rest = bpmn;
    while let Some(start) = rest.find("<bpmn:extensionElements>") {
        out.push_str(&rest[..start]);
        let end_tag = "</bpmn:extensionElements>";
        match rest[start..].find(end_tag) {
            Some(end) => rest = &rest[start + end + end_tag.len()..],
            None => {
                rest = "";
                break;
            }
        }
    }
    out.push_str(rest);
    out
}
