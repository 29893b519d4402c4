//! Rows of issue 28: publishing a library as a website (the sample, L-300
//! and L-2000 through the real command), the size of what a reader
//! downloads, and a search in headless Chromium over L-2000's index.

use std::path::{Path, PathBuf};

type Push<'a> = &'a mut dyn FnMut(String, &str, Vec<f64>, String);

pub fn publish_rows(dir: &Path, push: Push) {
    let run_command = |args: &[&std::ffi::OsStr]| super::run_command(args, None);
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/library");
    let site = dir.join("site-sample");
    let library = flowcase::library::Library::open(&sample).unwrap();
    let options = flowcase::publish::PublishOptions {
        lang: flowcase::lang::Lang::Zh,
        force: false,
    };
    let s = super::measure(10, 2, || {
        super::time(|| {
            let library = flowcase::library::Library::open(&sample).unwrap();
            flowcase::publish::publish_library(&library, &site, options, &|_, _| {}).unwrap();
        })
    });
    drop(library);
    push(
        "publish the sample library".into(),
        "≤ 300 ms",
        s,
        "open, pages, write, swap".into(),
    );

    for (n, target) in [(300, "≤ 3000 ms"), (2000, "≤ 20000 ms, ≤ 1024 MB")] {
        let root = dir.join(format!("L-{n}"));
        let (_, _, said) = run_command(&[
            "generate".as_ref(),
            "--processes".as_ref(),
            n.to_string().as_ref(),
            "-o".as_ref(),
            root.as_os_str(),
        ]);
        assert!(said.starts_with("done"), "{said}");
        let site = dir.join(format!("site-{n}"));
        let (took, peak, said) = run_command(&[
            "publish".as_ref(),
            root.as_os_str(),
            "-o".as_ref(),
            site.as_os_str(),
        ]);
        push(
            format!("publish L-{n} (command)"),
            target,
            vec![took],
            format!("peak {peak} MB; {said}; {}", sizes(&site)),
        );
        if n == 2000 {
            search_rows(&site, push);
        }
    }
}

/// The start page, the largest process page and the search index, in KB.
fn sizes(site: &Path) -> String {
    let kb = |p: &Path| std::fs::metadata(p).map_or(0, |m| m.len()) / 1024;
    let largest = std::fs::read_dir(site.join("p"))
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| kb(&e.path()))
                .max()
                .unwrap_or(0)
        })
        .unwrap_or(0);
    format!(
        "index.html {} KB (≤ 300), largest process page {largest} KB (≤ 200), search index {} KB (≤ 10240), font {} KB",
        kb(&site.join("index.html")),
        kb(&site.join("assets/search-index.js")),
        kb(&site.join("assets/font.ttf")),
    )
}

/// Searches typed in the published L-2000 in headless Chromium: from the
/// last key to the list shown, with the index loaded.
fn search_rows(site: &Path, push: Push) {
    let script: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/site-check/walk.mjs");
    let queries = [
        "客户",
        "审批",
        "培训计划",
        "大区",
        "1.9",
        "记录表",
        "经销商",
        "预算",
    ];
    let mut steps = vec![serde_json::json!({"open": "index.html"})];
    steps.extend(queries.iter().map(|q| serde_json::json!({"search": q})));
    let file = site.with_extension("steps.json");
    std::fs::write(&file, serde_json::Value::from(steps).to_string()).unwrap();
    let run = std::process::Command::new("node")
        .arg(&script)
        .arg(site)
        .arg(&file)
        .output();
    let report: Option<serde_json::Value> = run
        .ok()
        .filter(|r| r.status.success())
        .and_then(|r| serde_json::from_slice(&r.stdout).ok());
    let Some(report) = report else {
        push(
            "search L-2000 in Chromium".into(),
            "≤ 100 ms",
            vec![],
            "not run: node or playwright-core missing (scripts/test.sh installs them)".into(),
        );
        return;
    };
    let ms: Vec<f64> = report["results"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| r["ms"].as_f64())
        .collect();
    push(
        "search L-2000 in Chromium".into(),
        "≤ 100 ms",
        ms,
        format!("{} queries, headless Chromium from file://", queries.len()),
    );
}
