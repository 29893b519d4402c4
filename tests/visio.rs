//! A consultant brings a client's Visio charts into Flowcase and sends them
//! back out: cross-functional flowcharts import with their lanes, phases,
//! shapes and connectors; an export opens in LibreOffice with every step
//! and lane, and imports back as the same process; a broken or hostile file
//! is refused with what is wrong, never a panic, and nothing is written.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

mod common;

use common::{flowcase, flowcase_ok, repo_path, sample_1_9, sample_purchase};
use flowcase::import::{ImportNote, VisioError, process_from_vsdx};
use flowcase::lang::Lang;
use flowcase::model::{Orientation, Process, StepKind, synthetic_process};
use std::collections::BTreeSet;
use std::io::{Read, Write};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(repo_path(&format!("tests/fixtures/visio/{name}"))).unwrap()
}

fn titled<'a>(p: &'a Process, title: &str) -> &'a flowcase::model::Step {
    p.steps
        .values()
        .find(|s| s.title == title)
        .unwrap_or_else(|| panic!("no step “{title}”"))
}

fn lane_name(p: &Process, step: &flowcase::model::Step) -> String {
    p.lane(step.lane).unwrap().name.clone()
}

/// The connectors as (from title, to title, label).
fn flows(p: &Process) -> BTreeSet<(String, String, String)> {
    p.connectors
        .values()
        .map(|c| {
            (
                p.steps[&c.from].title.clone(),
                p.steps[&c.to].title.clone(),
                c.label.clone().unwrap_or_default(),
            )
        })
        .collect()
}

#[test]
fn a_chinese_purchase_chart_with_phases_comes_in_with_its_lanes_shapes_and_arrows() {
    let imported = process_from_vsdx(&fixture("purchase-zh.vsdx"), 1, "文件名").unwrap();
    let p = &imported.process;
    assert_eq!(p.overview.name, "采购审批", "named after its page");
    assert_eq!(p.orientation, Orientation::Horizontal);
    let lanes: Vec<&str> = p.lanes.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(lanes, ["申请部门", "采购部", "财务部"], "top to bottom");
    let phases: Vec<&str> = p.phases.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(phases, ["申请", "审批"]);
    // Shapes that give no size of their own take their master's.
    for (title, kind, lane, phase) in [
        ("开始", StepKind::Start, "申请部门", "申请"),
        ("提交申请", StepKind::Process, "申请部门", "申请"),
        ("金额超过\n5万元？", StepKind::Decision, "采购部", "申请"),
        ("采购审批", StepKind::Process, "采购部", "审批"),
        ("财务复核", StepKind::Process, "财务部", "审批"),
        ("采购单", StepKind::Document, "采购部", "审批"),
        ("结束", StepKind::End, "财务部", "审批"),
    ] {
        let s = titled(p, title);
        assert_eq!(s.kind, kind, "{title}");
        assert_eq!(lane_name(p, s), lane, "{title}");
        let in_phase = s
            .phase
            .and_then(|id| p.phase(id))
            .map(|ph| ph.name.as_str());
        assert_eq!(in_phase, Some(phase), "{title}");
    }
    assert_eq!(p.steps.len(), 7);
    // Left to right inside a lane, as drawn.
    assert!(titled(p, "开始").at.along < titled(p, "提交申请").at.along);
    let expected: BTreeSet<(String, String, String)> = [
        ("开始", "提交申请", ""),
        ("提交申请", "金额超过\n5万元？", ""),
        ("金额超过\n5万元？", "采购审批", "是"),
        ("金额超过\n5万元？", "财务复核", "否"),
        ("采购审批", "财务复核", ""),
        ("采购审批", "采购单", ""),
        ("财务复核", "结束", ""),
    ]
    .iter()
    .map(|(a, b, c)| ((*a).to_owned(), (*b).to_owned(), (*c).to_owned()))
    .collect();
    assert_eq!(flows(p), expected);
    // What could not be kept is said: the unglued line, the picture, a
    // layer, the group (its plain rectangle is nothing to keep).
    let notes = &imported.notes;
    assert!(notes.contains(&ImportNote::LooseEdge {
        label: "草稿线".into()
    }));
    assert!(notes.contains(&ImportNote::Pictures { count: 1 }));
    assert!(notes.contains(&ImportNote::Layers { count: 1 }));
    assert!(notes.contains(&ImportNote::Group {
        name: "装饰".into()
    }));
    // A work step starts with E in its own lane.
    let submit = titled(p, "提交申请");
    assert_eq!(submit.roles.get(&submit.lane).unwrap().to_string(), "E");
}

#[test]
fn an_english_chart_with_vertical_lanes_and_a_second_page_without_lanes() {
    let bytes = fixture("credit-en.vsdx");
    let p = process_from_vsdx(&bytes, 1, "credit").unwrap().process;
    assert_eq!(p.orientation, Orientation::Vertical);
    let lanes: Vec<&str> = p.lanes.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(
        lanes,
        ["Sales", "Finance"],
        "left to right, names from headings"
    );
    assert!(p.phases.is_empty());
    assert_eq!(titled(&p, "Start").kind, StepKind::Start);
    assert_eq!(titled(&p, "End").kind, StepKind::End);
    assert_eq!(titled(&p, "Credit OK?").kind, StepKind::Decision);
    assert_eq!(lane_name(&p, titled(&p, "Approve credit")), "Finance");
    assert!(
        titled(&p, "Start").at.along < titled(&p, "End").at.along,
        "down the page is along the flow"
    );
    let labels: BTreeSet<String> = flows(&p).into_iter().map(|f| f.2).collect();
    assert!(labels.contains("Yes") && labels.contains("No"));
    assert_eq!(p.connectors.len(), 5);
    // Page 2 has no swimlanes: one lane named after it.
    let notes = process_from_vsdx(&bytes, 2, "credit").unwrap();
    let q = &notes.process;
    assert_eq!(q.lanes.len(), 1);
    assert_eq!(q.lanes[0].name, "Notes");
    assert!(notes.notes.contains(&ImportNote::OneLane {
        name: "Notes".into()
    }));
    assert_eq!(titled(q, "Archive the order").kind, StepKind::Process);
    assert_eq!(titled(q, "Remember the audit").kind, StepKind::Note);
    assert_eq!(
        process_from_vsdx(&bytes, 3, "credit").unwrap_err(),
        VisioError::NoSuchPage { page: 3, pages: 2 }
    );
}

/// A process as what a round trip must keep, ids aside: lanes, phases,
/// each step by its title with everything it says, the flows.
fn meaning(p: &Process) -> String {
    let lane = |id| p.lane(id).map(|l| l.name.clone()).unwrap_or_default();
    let mut steps: Vec<String> = p
        .steps
        .values()
        .map(|s| {
            let roles: Vec<String> = s
                .roles
                .iter()
                .map(|(l, set)| format!("{}={set}", lane(*l)))
                .collect();
            let group = s.group.map(|g| p.steps[&g].title.clone());
            let phase = s.phase.and_then(|id| p.phase(id)).map(|ph| ph.name.clone());
            format!(
                "{:?} {:?} in {} {:?} at {:?} roles {:?} {:?} {:?} pinned {:?} main {:?}",
                s.title,
                s.kind,
                lane(s.lane),
                phase,
                s.at,
                roles,
                s.description,
                s.outputs,
                s.pinned_number,
                group
            )
        })
        .collect();
    steps.sort();
    let lanes: Vec<String> = p
        .lanes
        .iter()
        .map(|l| format!("{} {}", l.name, l.size))
        .collect();
    let phases: Vec<String> = p
        .phases
        .iter()
        .map(|l| format!("{} {}", l.name, l.size))
        .collect();
    format!(
        "{:?}\n{:?}\n{:?}\n{:?}\n{lanes:?}\n{phases:?}\n{}\n{:?}",
        p.overview,
        p.orientation,
        p.scheme,
        flows(p),
        steps.join("\n"),
        p.rules
    )
}

fn exported(p: &Process, dir: &std::path::Path, name: &str) -> std::path::PathBuf {
    let file = dir.join(format!("{name}.ron"));
    flowcase::format::save(p, &file).unwrap();
    let out = dir.join(format!("{name}.vsdx"));
    flowcase_ok(&[
        "export",
        file.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    out
}

#[test]
fn the_samples_and_w200_go_to_visio_and_come_back_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let mut vertical = sample_purchase();
    vertical.orientation = Orientation::Vertical;
    for (name, p) in [
        ("1.9", sample_1_9()),
        ("purchase", sample_purchase()),
        ("vertical", vertical),
        ("W-200", synthetic_process(200, 7)),
    ] {
        let file = dir.path().join(format!("{name}.ron"));
        flowcase::format::save(&p, &file).unwrap();
        let q = common::round_trip(&file, &dir.path().join(format!("{name}.vsdx")));
        assert_eq!(meaning(&q), meaning(&p), "{name}");
    }
}

#[test]
fn a_moved_shape_lands_where_it_now_stands_and_a_visio_user_reads_the_roles() {
    let dir = tempfile::tempdir().unwrap();
    let p = sample_1_9();
    let out = exported(&p, dir.path(), "1.9");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let mut page = String::new();
    zip.by_name("visio/pages/page1.xml")
        .unwrap()
        .read_to_string(&mut page)
        .unwrap();
    // The Shape Data window shows a lane's letters under its name.
    let doc = roxmltree::Document::parse(&page).unwrap();
    let step = doc
        .descendants()
        .find(|n| {
            n.has_tag_name("Shape")
                && n.children().any(|t| {
                    t.has_tag_name("Text") && t.text().is_none() && {
                        t.descendants()
                            .any(|d| d.text() == Some("确定目标关键客户名单并按重要性排序"))
                    }
                })
        })
        .unwrap();
    let rows: Vec<(String, String)> = step
        .descendants()
        .filter(|r| {
            r.has_tag_name("Row") && r.attribute("N").is_some_and(|n| n.starts_with("Role_"))
        })
        .map(|r| {
            let cell = |n: &str| {
                r.children()
                    .find(|c| c.attribute("N") == Some(n))
                    .and_then(|c| c.attribute("V"))
                    .unwrap_or("")
                    .to_owned()
            };
            (cell("Label"), cell("Value"))
        })
        .collect();
    assert!(
        rows.contains(&("特殊商务分部".to_owned(), "A,E".to_owned())),
        "{rows:?}"
    );
    assert!(
        rows.contains(&("大区".to_owned(), "C".to_owned())),
        "{rows:?}"
    );
    // A Visio user drags that step down one lane: it comes back there.
    let id = step.attribute("ID").unwrap();
    let pin_y = step
        .children()
        .find(|c| c.attribute("N") == Some("PinY"))
        .unwrap()
        .attribute("V")
        .unwrap();
    let lowered: f64 = pin_y.parse::<f64>().unwrap() - 3.0;
    let moved_page = page.replacen(
        &format!("<Cell N=\"PinY\" V=\"{pin_y}\"/>"),
        &format!("<Cell N=\"PinY\" V=\"{lowered}\"/>"),
        1,
    );
    assert_ne!(moved_page, page, "shape {id} moved");
    let moved = dir.path().join("moved.vsdx");
    rezip(&out, &moved, "visio/pages/page1.xml", &moved_page);
    let q = process_from_vsdx(&std::fs::read(&moved).unwrap(), 1, "x")
        .unwrap()
        .process;
    let before = lane_name(&p, titled(&p, "确定目标关键客户名单并按重要性排序"));
    let after = lane_name(&q, titled(&q, "确定目标关键客户名单并按重要性排序"));
    assert_ne!(before, after, "it stands in the lane it was dragged to");
}

/// A copy of package `from` with part `name` replaced by `text`.
fn rezip(from: &std::path::Path, to: &std::path::Path, name: &str, text: &str) {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(from).unwrap()).unwrap();
    let mut out = zip::ZipWriter::new(std::fs::File::create(to).unwrap());
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        let part_name = part.name().to_owned();
        let mut bytes = Vec::new();
        part.read_to_end(&mut bytes).unwrap();
        out.start_file(part_name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        if part_name == name {
            out.write_all(text.as_bytes()).unwrap();
        } else {
            out.write_all(&bytes).unwrap();
        }
    }
    out.finish().unwrap();
}

#[test]
fn the_export_is_a_whole_opc_package() {
    let dir = tempfile::tempdir().unwrap();
    let out = exported(&sample_1_9(), dir.path(), "1.9");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let names: BTreeSet<String> = zip.file_names().map(str::to_owned).collect();
    let read = |zip: &mut zip::ZipArchive<std::fs::File>, name: &str| {
        let mut text = String::new();
        zip.by_name(name)
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        text
    };
    let types = read(&mut zip, "[Content_Types].xml");
    let types = roxmltree::Document::parse(&types).unwrap();
    let overrides: BTreeSet<String> = types
        .descendants()
        .filter(|n| n.has_tag_name("Override"))
        .map(|n| {
            n.attribute("PartName")
                .unwrap()
                .trim_start_matches('/')
                .to_owned()
        })
        .collect();
    let defaults: BTreeSet<&str> = types
        .descendants()
        .filter(|n| n.has_tag_name("Default"))
        .map(|n| n.attribute("Extension").unwrap())
        .collect();
    for part in &overrides {
        assert!(names.contains(part), "{part} is listed and in the package");
    }
    for name in &names {
        let ext = name.rsplit('.').next().unwrap();
        assert!(
            overrides.contains(name) || defaults.contains(ext),
            "{name} has a content type"
        );
    }
    // Every relationship's target is a part of the package.
    let rel_parts: Vec<String> = names
        .iter()
        .filter(|n| n.ends_with(".rels"))
        .cloned()
        .collect();
    for rels in rel_parts {
        let text = read(&mut zip, &rels);
        let doc = roxmltree::Document::parse(&text).unwrap();
        let base = rels
            .replace("_rels/", "")
            .trim_end_matches(".rels")
            .to_owned();
        let dir = base.rsplit_once('/').map_or("", |(d, _)| d).to_owned();
        for r in doc.descendants().filter(|n| n.has_tag_name("Relationship")) {
            let target = r.attribute("Target").unwrap();
            let full = if dir.is_empty() {
                target.to_owned()
            } else {
                format!("{dir}/{target}")
            };
            let mut parts: Vec<&str> = Vec::new();
            for piece in full.split('/') {
                match piece {
                    ".." => {
                        parts.pop();
                    }
                    p => parts.push(p),
                }
            }
            let resolved = parts.join("/");
            assert!(names.contains(&resolved), "{rels} → {resolved}");
        }
    }
    assert!(overrides.contains("visio/document.xml"));
    let page = read(&mut zip, "visio/pages/page1.xml");
    assert!(page.contains("NameU=\"Swimlane.") && page.contains("<Connects>"));
}

#[test]
fn libreoffice_opens_each_export_with_every_step_and_lane() {
    use common::pdf::{libreoffice_pdf, pdf_text};
    let dir = tempfile::tempdir().unwrap();
    for (name, p) in [
        ("1.9", sample_1_9()),
        ("purchase", sample_purchase()),
        ("W-200", synthetic_process(200, 7)),
    ] {
        let out = exported(&p, dir.path(), name);
        let pdf = libreoffice_pdf(&out, &dir.path().join(format!("lo-{name}")));
        let text: String = pdf_text(&pdf, None).split_whitespace().collect();
        let expected = p
            .steps
            .values()
            .map(|s| s.title.clone())
            .chain(p.lanes.iter().map(|l| l.name.clone()));
        for item in expected {
            let item: String = item.split_whitespace().collect();
            assert!(
                text.contains(&item),
                "{name}: “{item}” is not in LibreOffice's drawing"
            );
        }
    }
}

/// Every prefix of `bytes` at `cuts` points: an error or a process.
fn sweep(bytes: &[u8], cuts: usize) {
    let step = (bytes.len() / cuts).max(1);
    for len in (0..bytes.len())
        .step_by(step)
        .chain(bytes.len().saturating_sub(64)..bytes.len())
    {
        let _ = process_from_vsdx(&bytes[..len], 1, "cut");
    }
}

#[test]
fn truncated_files_are_an_error_or_a_process_never_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let out = exported(&sample_1_9(), dir.path(), "1.9");
    sweep(&std::fs::read(out).unwrap(), 400);
    sweep(&fixture("purchase-zh.vsdx"), 400);
    sweep(&fixture("credit-en.vsdx"), 400);
}

/// A package of the given parts.
fn package(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in parts {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// The purchase fixture's parts.
fn fixture_parts() -> Vec<(String, Vec<u8>)> {
    let bytes = fixture("purchase-zh.vsdx");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut part = zip.by_index(i).unwrap();
            let mut b = Vec::new();
            part.read_to_end(&mut b).unwrap();
            (part.name().to_owned(), b)
        })
        .collect()
}

/// The purchase fixture with part `name` replaced (or dropped: `None`).
fn fixture_with(name: &str, replaced: Option<&[u8]>) -> Vec<u8> {
    let kept: Vec<(String, Vec<u8>)> = fixture_parts()
        .into_iter()
        .filter_map(|(n, b)| match (n == name, replaced) {
            (false, _) => Some((n, b)),
            (true, Some(r)) => Some((n, r.to_vec())),
            (true, None) => None,
        })
        .collect();
    let refs: Vec<(&str, &[u8])> = kept
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    package(&refs)
}

#[test]
fn hostile_packages_are_refused_with_what_is_wrong() {
    // Visio's old binary format: told to save as .vsdx.
    let mut vsd = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    vsd.extend([0u8; 512]);
    let e = process_from_vsdx(&vsd, 1, "old").unwrap_err();
    assert_eq!(e, VisioError::Binary);
    assert!(
        e.message(Lang::Zh).contains(".vsdx") && e.message(Lang::En).contains("save it as .vsdx")
    );
    // Not a zip at all.
    assert!(matches!(
        process_from_vsdx(b"<html></html>", 1, "x"),
        Err(VisioError::NotAPackage(_))
    ));
    // A zip bomb: the fixture whose page unpacks past the 32 MiB a part may
    // have (any size past it is refused the same way, never unpacked
    // further), a few kilobytes packed.
    let bomb = {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(true);
        for (name, bytes) in fixture_parts() {
            zip.start_file(name.as_str(), options).unwrap();
            if name == "visio/pages/page1.xml" {
                let block = vec![b' '; 1 << 20];
                for _ in 0..40 {
                    zip.write_all(&block).unwrap();
                }
            } else {
                zip.write_all(&bytes).unwrap();
            }
        }
        zip.finish().unwrap().into_inner()
    };
    assert!(bomb.len() < 1 << 20, "{} bytes packed", bomb.len());
    assert_eq!(
        process_from_vsdx(&bomb, 1, "x").unwrap_err(),
        VisioError::PartTooLarge("visio/pages/page1.xml".into())
    );
    // A package without its page list.
    assert_eq!(
        process_from_vsdx(&fixture_with("visio/pages/pages.xml", None), 1, "x").unwrap_err(),
        VisioError::MissingPart("visio/pages/pages.xml".into())
    );
    // A page that is not XML names the part and the line.
    let e = process_from_vsdx(
        &fixture_with("visio/pages/page1.xml", Some(b"<PageContents><Shapes>")),
        1,
        "x",
    )
    .unwrap_err();
    assert!(
        e.message(Lang::En).contains("visio/pages/page1.xml"),
        "{e:?}"
    );
    // Masters that are not there: the shapes say only what they say.
    let without = fixture_with("visio/masters/masters.xml", None);
    let p = process_from_vsdx(&without, 1, "x").unwrap().process;
    assert!(p.steps.values().any(|s| s.title == "提交申请"));
}

#[test]
fn shapes_nested_ten_thousand_deep_are_reported_not_followed() {
    let mut page = String::from(
        "<PageContents xmlns='http://schemas.microsoft.com/office/visio/2012/main'><Shapes>",
    );
    for i in 0..10_000 {
        page.push_str(&format!(
            "<Shape ID='{}' Type='Group'><Cell N='PinX' V='1'/><Cell N='PinY' V='1'/><Cell N='Width' V='1'/><Cell N='Height' V='1'/><Shapes>",
            i + 1
        ));
    }
    for _ in 0..10_000 {
        page.push_str("</Shapes></Shape>");
    }
    page.push_str("</Shapes></PageContents>");
    let bytes = fixture_with("visio/pages/page1.xml", Some(page.as_bytes()));
    // Read down to the 32nd group, the rest said, never followed further.
    let imported = process_from_vsdx(&bytes, 1, "deep").unwrap();
    assert!(
        imported.notes.contains(&ImportNote::TooDeep {
            count: 1,
            depth: 32
        }),
        "{:?}",
        imported.notes
    );
}

#[test]
fn a_failed_import_writes_nothing_and_names_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("旧图.vsd");
    let mut vsd = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    vsd.extend([0u8; 512]);
    std::fs::write(&file, vsd).unwrap();
    let out = dir.path().join("out.ron");
    let o = flowcase(&[
        "import",
        file.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--lang",
        "zh",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let said = String::from_utf8_lossy(&o.stderr);
    assert!(
        said.contains("另存为 .vsdx") && said.contains("旧图.vsd"),
        "{said}"
    );
    assert!(!out.exists(), "nothing written");
}

/// File → 导入… with a Visio drawing: a new, unsaved tab holds the chart,
/// and its status line says in Chinese what was imported and not kept.
#[test]
fn the_editor_imports_a_visio_drawing_into_a_new_tab_and_says_what_was_left() {
    let mut h = common::driver::chinese_window(Vec::new());
    let file = repo_path("tests/fixtures/visio/purchase-zh.vsdx");
    h.state_mut().import_path(&file);
    h.run_steps(4);
    let s = h.state();
    let ed = &s.docs[s.active].editor;
    let p = ed.doc.process();
    assert_eq!(p.lanes.len(), 3);
    assert_eq!(p.phases.len(), 2);
    assert!(ed.doc.path.is_none(), "not saved anywhere yet");
    let said = ed.message.clone().unwrap_or_default();
    assert!(said.contains("7"), "{said}");
    assert!(said.contains("图片") && said.contains("草稿线"), "{said}");
}

/// The page XML of an exported 1.9, and the package's path.
fn exported_page(dir: &std::path::Path, p: &Process) -> (std::path::PathBuf, String) {
    let out = exported(p, dir, "page");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let mut page = String::new();
    zip.by_name("visio/pages/page1.xml")
        .unwrap()
        .read_to_string(&mut page)
        .unwrap();
    (out, page)
}

/// `page` with the value of cell or row `name` of shape `id` set to `value`.
fn set_in_shape(page: &str, id: &str, name: &str, value: &str) -> String {
    let start = page.find(&format!("<Shape ID=\"{id}\" ")).unwrap();
    let end = start + page[start..].find("</Shape>").unwrap();
    let shape = &page[start..end];
    let at = shape.find(&format!("N=\"{name}\"")).unwrap();
    let v = at + shape[at..].find("V=\"").unwrap() + 3;
    let close = v + shape[v..].find('"').unwrap();
    format!("{}{value}{}", &page[..start + v], &page[start + close..])
}

/// The ids of the shapes whose NameU begins `master.`, in page order.
fn shapes_of(page: &str, master: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(page).unwrap();
    doc.descendants()
        .filter(|n| {
            n.has_tag_name("Shape")
                && n.attribute("NameU")
                    .is_some_and(|u| u.starts_with(&format!("{master}.")))
        })
        .map(|n| n.attribute("ID").unwrap().to_owned())
        .collect()
}

fn shape_titled(page: &str, title: &str) -> String {
    let doc = roxmltree::Document::parse(page).unwrap();
    doc.descendants()
        .find(|n| {
            n.has_tag_name("Shape")
                && n.children().any(|t| {
                    t.has_tag_name("Text") && t.descendants().any(|d| d.text() == Some(title))
                })
        })
        .map(|n| n.attribute("ID").unwrap().to_owned())
        .unwrap()
}

fn import_page(
    dir: &std::path::Path,
    out: &std::path::Path,
    page: &str,
) -> Result<flowcase::import::Imported, flowcase::import::ImportError> {
    let edited = dir.join("edited.vsdx");
    rezip(out, &edited, "visio/pages/page1.xml", page);
    flowcase::import::import_visio(&edited, 1)
}

#[test]
fn lanes_swapped_in_visio_keep_their_own_letters() {
    let dir = tempfile::tempdir().unwrap();
    let p = sample_1_9();
    let (out, page) = exported_page(dir.path(), &p);
    let lanes = shapes_of(&page, "Swimlane");
    let pin = |id: &str| {
        let doc = roxmltree::Document::parse(&page).unwrap();
        let shape = doc
            .descendants()
            .find(|n| n.attribute("ID") == Some(id))
            .unwrap();
        let cell = shape
            .children()
            .find(|c| c.attribute("N") == Some("PinY"))
            .unwrap();
        cell.attribute("V").unwrap().to_owned()
    };
    // The first two lanes trade places; their steps stay in them.
    let (a, b) = (pin(&lanes[0]), pin(&lanes[1]));
    let swapped = set_in_shape(
        &set_in_shape(&page, &lanes[0], "PinY", &b),
        &lanes[1],
        "PinY",
        &a,
    );
    let q = import_page(dir.path(), &out, &swapped).unwrap().process;
    assert_eq!(q.lanes[0].name, p.lanes[1].name, "the order is Visio's now");
    let letters = |p: &Process| -> BTreeSet<(String, String, String)> {
        p.steps
            .values()
            .flat_map(|s| {
                s.roles.iter().map(|(l, set)| {
                    (
                        s.title.clone(),
                        p.lane(*l).unwrap().name.clone(),
                        set.to_string(),
                    )
                })
            })
            .collect()
    };
    assert_eq!(
        letters(&q),
        letters(&p),
        "every letter in its lane, by name"
    );
}

#[test]
fn absurd_numbers_and_shape_data_in_a_drawing_are_shrugged_off() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = sample_1_9();
    let first = *p.steps.keys().next().unwrap();
    p.steps.get_mut(&first).unwrap().pinned_number = Some(3);
    let (out, page) = exported_page(dir.path(), &p);
    let id = shape_titled(&page, &p.steps[&first].title);
    // A coordinate past any page, a pinned number 0, and a main step that
    // is itself grouped under its own member.
    let mut edited = set_in_shape(&page, &id, "PinX", "1e300");
    edited = set_in_shape(&edited, &id, "Flowcase_Pinned", "0");
    let member = p.steps.values().find(|s| s.group.is_some()).unwrap();
    let member_id = shape_titled(&page, &member.title);
    let head_id = shape_titled(&page, &p.steps[&member.group.unwrap()].title);
    let row = format!(
        "<Row N=\"Flowcase_MainStep\"><Cell N=\"Value\" V=\"{member_id}\" U=\"STR\"/></Row></Section>"
    );
    let start = edited.find(&format!("<Shape ID=\"{head_id}\" ")).unwrap();
    let section = start + edited[start..].find("</Section>").unwrap();
    edited.replace_range(section..section + "</Section>".len(), &row);
    let imported = import_page(dir.path(), &out, &edited).unwrap();
    let q = &imported.process;
    assert!(q.steps.values().all(|s| s.pinned_number != Some(0)));
    assert!(
        q.steps
            .values()
            .all(|s| s.group.is_none_or(|g| q.steps[&g].group.is_none())),
        "main steps one level deep"
    );
}

#[test]
fn exporting_twice_writes_the_same_bytes() {
    let p = sample_1_9();
    let numbering = flowcase::model::Analysis::of(&p).numbering;
    let once = flowcase::interop::visio::process_vsdx(&p, &numbering, Lang::Zh).unwrap();
    let twice = flowcase::interop::visio::process_vsdx(&p, &numbering, Lang::Zh).unwrap();
    assert!(once == twice, "the same process, the same file");
}
