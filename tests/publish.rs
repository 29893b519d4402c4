//! A library published as a website: the department heads of a client
//! read it offline in a browser (headless Chromium here, from file://),
//! find their processes and duties, search, and never meet a script from
//! a file's text; the folder is replaced whole, and only where Flowcase
//! wrote it.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

mod common;

use common::{edit_catalogue, flowcase, flowcase_ok, library_copy, repo_path};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Publishes the library at `dir` to `site` in `lang`.
fn publish(dir: &Path, site: &Path, lang: &str) -> std::process::Output {
    flowcase(&[
        "publish",
        dir.to_str().unwrap(),
        "-o",
        site.to_str().unwrap(),
        "--lang",
        lang,
    ])
}

/// Walks `site` in headless Chromium through `steps` (see
/// scripts/site-check/walk.mjs); the results, one per step. Every walk
/// also asserts that no script failed and nothing left file://.
fn walk(site: &Path, steps: Value) -> Vec<Value> {
    let file = site.parent().unwrap().join("steps.json");
    std::fs::write(&file, steps.to_string()).unwrap();
    let script = repo_path("scripts/site-check/walk.mjs");
    let run = std::process::Command::new("node")
        .arg(script)
        .arg(site)
        .arg(&file)
        .output()
        .expect("node runs (scripts/test.sh installs it, with Chromium and playwright-core)");
    assert!(
        run.status.success(),
        "the walk failed: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    let report: Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(report["errors"], json!([]), "script errors: {report}");
    assert_eq!(report["requests"], json!([]), "requests outside file://");
    report["results"].as_array().unwrap().clone()
}

fn texts(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap().to_owned())
        .collect()
}

/// Every file below `dir` with its bytes.
fn folder(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    common::files_below(dir)
}

#[test]
fn a_department_head_reads_the_published_sample_library_offline() {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("手册");
    let said = publish(&repo_path("samples/library"), &site, "zh");
    assert_eq!(
        said.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&said.stderr)
    );
    let r = walk(
        &site,
        json!([
            {"open": "index.html"},
            {"count": "table.entries tbody tr"},
            {"texts": "#departments a"},
            {"click": "table.entries a:text-is('关键客户开发')"},
            {"url": true},
            {"texts": "table.aeci thead th"},
            {"texts": ".chart svg text"},
            {"count": "table.aeci tbody tr"},
            {"click": ".chart svg a[href$='1.10.html']"},
            {"url": true},
            {"texts": "#links li"},
            {"open": "index.html"},
            {"click": "#departments a:text-is('大区')"},
            {"texts": "section.duties h2 a"},
            {"count": "tr[data-letters]"},
            {"click": ".filter input[value=A]"},
            {"click": ".filter input[value=E]"},
            {"click": ".filter input[value=C]"},
            {"eval": "[...document.querySelectorAll('tr[data-letters]')].filter(r => !r.hidden).map(r => r.dataset.letters)"},
            {"search": "拜访关键"},
        ]),
    );
    assert_eq!(
        r[1], 44,
        "the start page lists every entry of the catalogue"
    );
    let departments = texts(&r[2]);
    for d in ["特殊销售分部", "大区", "经销商"] {
        assert!(departments.contains(&d.to_owned()), "{departments:?}");
    }
    assert_eq!(r[4], "p/1.9.html");
    let header = texts(&r[5]);
    for lane in ["特殊商务分部", "商务行动与方法分部", "大区", "经销商"] {
        assert!(
            header.contains(&lane.to_owned()),
            "the table's lanes: {header:?}"
        );
    }
    let chart = texts(&r[6]).join("");
    assert!(
        chart.contains("确定关键客户获取策略"),
        "the chart's text is text: {chart}"
    );
    assert!(chart.contains("大区"), "and names the lanes");
    assert_eq!(r[7], 9, "one row per main step of 1.9");
    assert_eq!(r[9], "p/1.10.html", "1.9's exit leads to 1.10's page");
    assert!(
        texts(&r[10]).iter().any(|l| l.contains("1.9 关键客户开发")),
        "1.10 lists 1.9 among the processes that lead into it: {:?}",
        r[10]
    );
    let processes = texts(&r[13]);
    for p in ["1.9", "1.10", "1.12", "1.13"] {
        assert!(
            processes.iter().any(|t| t.starts_with(&format!("{p} "))),
            "大区 in {p}: {processes:?}"
        );
    }
    assert_eq!(r[14], 24, "大区 holds a letter on 24 main steps");
    let left: Vec<String> = texts(&r[18]);
    assert!(
        !left.is_empty() && left.iter().all(|l| l.contains('I')),
        "only I left: {left:?}"
    );
    let found = r[19]["items"].as_array().unwrap();
    assert!(
        found.iter().any(|i| i["href"] == "../p/1.10.html#s-2"
            && i["text"].as_str().unwrap().contains("定期拜访关键客户")),
        "a step of 1.10 found by part of its title: {found:?}"
    );
}

#[test]
fn a_title_holding_markup_shows_as_text_and_never_runs() {
    let (_keep, root) = library_copy();
    let evil = "<script>window.PWNED=1</script><img src=x onerror=\"window.PWNED=2\">";
    edit_catalogue(&root, |c| {
        let e = c.entries.iter_mut().find(|e| e.number == "1.9").unwrap();
        e.name = format!("关键客户开发{evil}");
        c.title = format!("手册{evil}");
    });
    let file = root.join("销售1.9 关键客户开发.ron");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replacen(
            "设计关键客户确定的原则和专项商务方法",
            "设计<b onclick=x>原则</b>&amp;",
            1,
        ),
    )
    .unwrap();
    let site = root.parent().unwrap().join("site");
    flowcase_ok(&[
        "publish",
        root.to_str().unwrap(),
        "-o",
        site.to_str().unwrap(),
        "--lang",
        "zh",
    ]);
    let r = walk(
        &site,
        json!([
            {"open": "p/1.9.html"},
            {"eval": "window.PWNED === undefined && document.querySelectorAll('img, b').length === 0"},
            {"texts": "h1"},
            {"texts": "table.aeci tbody tr:first-child td:nth-child(2)"},
            {"search": "<script>"},
        ]),
    );
    assert_eq!(r[1], true, "no markup from a file ran or became an element");
    assert!(
        texts(&r[2])[0].contains(evil),
        "shown as its text: {:?}",
        r[2]
    );
    assert_eq!(texts(&r[3])[0], "设计<b onclick=x>原则</b>&amp;");
    assert!(
        !r[4]["items"].as_array().unwrap().is_empty(),
        "and found as text"
    );
}

#[test]
fn publishing_twice_gives_the_same_bytes() {
    let out = tempfile::tempdir().unwrap();
    let (a, b) = (out.path().join("a"), out.path().join("b"));
    let library = repo_path("samples/library");
    flowcase_ok(&[
        "publish",
        library.to_str().unwrap(),
        "-o",
        a.to_str().unwrap(),
    ]);
    flowcase_ok(&[
        "publish",
        library.to_str().unwrap(),
        "-o",
        b.to_str().unwrap(),
    ]);
    let first = folder(&a);
    assert!(first.len() > 10, "{:?}", first.keys());
    assert_eq!(first, folder(&b));
    // Over itself: the same again, and nothing left beside it.
    flowcase_ok(&[
        "publish",
        library.to_str().unwrap(),
        "-o",
        a.to_str().unwrap(),
    ]);
    assert_eq!(first, folder(&a));
    let beside: Vec<_> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(beside.len(), 2, "{beside:?}");
}

#[test]
fn a_folder_holding_other_files_is_refused_unless_forced_and_they_are_kept() {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("share");
    std::fs::create_dir_all(site.join("old")).unwrap();
    std::fs::write(site.join("readme.txt"), "kept").unwrap();
    std::fs::write(site.join("old/index.html"), "someone's page").unwrap();
    let before = folder(&site);
    let library = repo_path("samples/library");
    let refused = publish(&library, &site, "en");
    assert_eq!(refused.status.code(), Some(2));
    let message = String::from_utf8_lossy(&refused.stderr);
    assert!(
        message.contains("did not publish") && message.contains("old/index.html"),
        "{message}"
    );
    assert_eq!(folder(&site), before, "nothing changed");
    flowcase_ok(&[
        "publish",
        library.to_str().unwrap(),
        "-o",
        site.to_str().unwrap(),
        "--force",
    ]);
    let after = folder(&site);
    assert_eq!(after[Path::new("readme.txt")], b"kept");
    assert_eq!(after[Path::new("old/index.html")], b"someone's page");
    assert!(after.contains_key(Path::new("index.html")));
    // They are still not Flowcase's: the next publish asks again.
    assert_eq!(publish(&library, &site, "en").status.code(), Some(2));
}

#[test]
fn a_killed_publish_leaves_the_old_site_whole() {
    let out = tempfile::tempdir().unwrap();
    let big = out.path().join("L-300");
    flowcase_ok(&[
        "generate",
        "--processes",
        "300",
        "-o",
        big.to_str().unwrap(),
    ]);
    let site = out.path().join("site");
    flowcase_ok(&[
        "publish",
        repo_path("samples/library").to_str().unwrap(),
        "-o",
        site.to_str().unwrap(),
    ]);
    let before = folder(&site);
    // The whole new site, published elsewhere (the same library gives the
    // same bytes).
    let reference = out.path().join("reference");
    flowcase_ok(&[
        "publish",
        big.to_str().unwrap(),
        "-o",
        reference.to_str().unwrap(),
    ]);
    let after = folder(&reference);
    // Killed at different moments: the site is always the old one or the
    // new one, whole.
    let mut interrupted = 0;
    for wait_ms in [0, 20, 60, 150, 400, 1000, 2500] {
        flowcase_ok(&[
            "publish",
            repo_path("samples/library").to_str().unwrap(),
            "-o",
            site.to_str().unwrap(),
        ]);
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_flowcase"))
            .args([
                "publish",
                big.to_str().unwrap(),
                "-o",
                site.to_str().unwrap(),
            ])
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(wait_ms));
        child.kill().unwrap();
        if !child.wait().unwrap().success() {
            interrupted += 1;
        }
        // Killed between its two renames, the old site waits whole beside
        // the place, and the next publish puts it back.
        let now = match site.exists() {
            true => folder(&site),
            false => folder(&out.path().join(".site.flowcase-old")),
        };
        assert!(
            now == before || now == after,
            "killed after {wait_ms} ms: a site neither old nor new"
        );
    }
    assert!(
        interrupted > 0,
        "at least one publish was killed before it finished"
    );
    // The next publish clears what a killed one left beside the site.
    flowcase_ok(&[
        "publish",
        big.to_str().unwrap(),
        "-o",
        site.to_str().unwrap(),
    ]);
    assert!(!out.path().join(".site.flowcase-new").exists());
    assert_eq!(folder(&site), after);
    assert!(folder(&site).len() > 300);
}

#[test]
fn broken_process_files_are_listed_and_the_rest_published() {
    let (_keep, root) = library_copy();
    std::fs::write(
        root.join("销售1.12 特殊商务条件审批.ron"),
        "(format: 3, lanes: [",
    )
    .unwrap();
    std::fs::remove_file(root.join("销售1.13 特殊批量排产.ron")).unwrap();
    let site = root.parent().unwrap().join("site");
    let said = publish(&root, &site, "en");
    assert_eq!(said.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&said.stderr);
    assert!(
        stderr.contains("1.12") && stderr.contains("1.13"),
        "{stderr}"
    );
    let r = walk(
        &site,
        json!([{"open": "index.html"}, {"texts": "#not-published li"}, {"count": "table.entries a"}]),
    );
    let listed = texts(&r[1]);
    assert!(
        listed.iter().any(|l| l.contains("1.12")) && listed.iter().any(|l| l.contains("1.13")),
        "{listed:?}"
    );
    assert_eq!(r[2], 2, "1.9 and 1.10 are published");
    assert!(!site.join("p/1.12.html").exists());

    // Nothing readable at all: exit 2, nothing written.
    for f in ["销售1.9 关键客户开发.ron", "销售1.10 关键客户管理.ron"] {
        std::fs::remove_file(root.join(f)).unwrap();
    }
    let empty = root.parent().unwrap().join("empty");
    let said = publish(&root, &empty, "en");
    assert_eq!(said.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&said.stderr).contains("not one process file"));
    assert!(!empty.exists());
}

#[test]
fn a_site_cannot_be_published_over_its_library() {
    let (_keep, root) = library_copy();
    let before = folder(&root);
    for site in [root.clone(), root.parent().unwrap().to_owned()] {
        let said = publish(&root, &site, "zh");
        assert_eq!(said.status.code(), Some(2), "{}", site.display());
        assert!(String::from_utf8_lossy(&said.stderr).contains("流程库文件夹"));
    }
    assert_eq!(folder(&root), before);
}

/// In the editor: 流程清单 → 发布网站…, a new folder typed, and the site
/// written in the background while the window goes on drawing.
mod in_the_editor {
    use super::*;
    use egui::{Event, Modifiers};
    use egui_kittest::kittest::Queryable;

    #[test]
    fn the_library_tab_publishes_its_website_into_a_new_folder_in_the_background() {
        let (dir, root) = library_copy();
        let mut h = common::driver::chinese_window(vec![root.clone()]);
        h.state_mut().native_dialogs = flowcase::ui::NativeDialogs::Unavailable;
        h.get_by_label("发布网站…").click();
        h.run_steps(3);
        assert!(h.state().file_window().is_some(), "asks where");
        let site = dir.path().join("流程手册网站");
        h.key_press_modifiers(Modifiers::COMMAND, egui::Key::A);
        h.event(Event::Text(site.display().to_string()));
        h.run_steps(1);
        h.key_press(egui::Key::Enter);
        h.run_steps(1);
        // The window keeps drawing frames while the site is written.
        let mut frames = 0;
        while h.state().library_export.is_some() && frames < 600 {
            h.run_steps(1);
            frames += 1;
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        assert!(h.state().library_export.is_none(), "the publish finished");
        h.run_steps(2);
        let said = common::library_message(h.state());
        assert!(said.starts_with("已发布 12 个页面"), "{said}");
        let index = std::fs::read_to_string(site.join("index.html")).expect("the site is there");
        assert!(index.contains("关键客户开发") && index.contains("lang=\"zh-CN\""));
        assert!(site.join("p/1.9.html").is_file() && site.join("assets/font.ttf").is_file());
    }
}

#[test]
fn a_process_page_prints_on_a4_landscape_with_the_chart_fitted_and_the_table_header_on_every_page()
{
    let out = tempfile::tempdir().unwrap();
    let library = out.path().join("L-3");
    flowcase_ok(&[
        "generate",
        "--processes",
        "3",
        "-o",
        library.to_str().unwrap(),
    ]);
    let site = out.path().join("site");
    flowcase_ok(&[
        "publish",
        library.to_str().unwrap(),
        "-o",
        site.to_str().unwrap(),
        "--lang",
        "zh",
    ]);
    let process = flowcase::format::load(&library.join("1.1 合成流程.ron")).unwrap();
    let pdf = out.path().join("1.1.pdf");
    walk(
        &site,
        json!([{"open": "p/1.1.html"}, {"pdf": pdf.to_str().unwrap()}]),
    );
    let info = common::pdf::pdf_info(&pdf);
    assert!(info.contains("841.92 x 59"), "A4 landscape: {info}");
    let pages = common::pdf::pdf_pages(&pdf);
    let text: Vec<String> = (1..=pages)
        .map(|p| common::pdf::pdf_text(&pdf, Some(p)))
        .collect();
    // The chart has a page of its own, every lane on it: fitted, not cut.
    let chart = text
        .iter()
        .position(|t| t.contains("流程图"))
        .expect("a chart page");
    // (A long lane name wraps in its header: compared without breaks.)
    let on_chart: String = text[chart].split_whitespace().collect();
    for lane in &process.lanes {
        assert!(
            on_chart.contains(lane.name.as_str()),
            "{} on the chart page",
            lane.name
        );
    }
    // The step furthest right is on it too: the chart is not cut.
    let chart_layout = flowcase::layout::layout_chart(&process);
    let (last, _) = chart_layout
        .boxes
        .iter()
        .max_by(|a, b| a.1.max.x.total_cmp(&b.1.max.x))
        .unwrap();
    let start: String = process.steps[last].title.chars().take(3).collect();
    assert!(
        on_chart.contains(&start),
        "the rightmost step, {start}…, is printed"
    );
    // The table runs over several pages, each opening with its header.
    let table: Vec<&String> = text.iter().skip(chart + 1).collect();
    assert!(table.len() >= 2, "a long table: {pages} pages");
    for (i, page) in table.iter().enumerate() {
        assert!(
            page.contains("编号") && page.contains("主要步骤"),
            "table page {i}: {page}"
        );
    }
}
