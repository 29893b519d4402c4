//! `flowcase library analyze`: hand-offs, each department's load and the
//! flags, as text or JSON.

use super::CheckFormat;
use super::text_table::render_table;
use crate::lang::Lang;
use crate::library::{LibraryAnalysis, analyze};
use crate::text::{S, tr};
use serde_json::{Value, json};
use std::io::Write;
use std::path::Path;

/// Analyses the library in `dir`; 0 on success, 2 when it does not open.
pub fn analyze_command(
    dir: &Path,
    format: CheckFormat,
    output: Option<&Path>,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let Some(library) = super::library::open_library(dir, lang, err) else {
        return 2;
    };
    let analysis = analyze(&library);
    let letters = library.catalogue.scheme.scheme().letter_chars();
    if let Some(path) = output {
        let written = crate::export::analysis_xlsx(&analysis, &letters, lang)
            .map_err(|e| e.to_string())
            .and_then(|bytes| {
                crate::format::replace_file(path, &bytes, false, &mut crate::format::OsFs)
                    .map_err(|e| e.message(lang))
            });
        if let Err(e) = written {
            let _ = writeln!(err, "{}: {e}", tr(lang, S::CliCannotExport));
            return 2;
        }
    }
    let report = match format {
        CheckFormat::Text => text(&analysis, &letters, lang),
        CheckFormat::Json => {
            serde_json::to_string_pretty(&json_report(&analysis, &letters)).unwrap_or_default()
                + "\n"
        }
    };
    match write!(out, "{report}").and_then(|()| out.flush()) {
        Ok(()) => 0,
        Err(e) => {
            let _ = writeln!(err, "{}: {e}", tr(lang, S::CheckWriteFailed));
            2
        }
    }
}

/// The JSON shape scripts read: departments with one key per letter.
pub fn json_report(a: &LibraryAnalysis, letters: &[char]) -> Value {
    let departments: Vec<Value> = a
        .departments
        .iter()
        .map(|d| {
            let mut o = serde_json::Map::new();
            o.insert("name".into(), json!(d.name));
            for c in letters {
                o.insert(c.to_string(), json!(d.letters.get(c).copied().unwrap_or(0)));
            }
            o.insert("processes".into(), json!(d.processes));
            o.insert("steps".into(), json!(d.steps));
            o.insert("per_process".into(), per_process(d, letters));
            Value::Object(o)
        })
        .collect();
    json!({
        "processes": a.processes,
        "handoffs": a.handoffs,
        "departments": departments,
        "flags": a.flags,
    })
}

/// A department's row of the department × process heat map: per process
/// it takes part in, its main steps and each letter's count.
fn per_process(d: &crate::library::Load, letters: &[char]) -> Value {
    d.process_steps
        .iter()
        .map(|(number, steps)| {
            let mut o = serde_json::Map::new();
            o.insert("number".into(), json!(number));
            o.insert("steps".into(), json!(steps));
            let held = d.per_process.get(number);
            for c in letters {
                let n = held.and_then(|h| h.get(c)).copied().unwrap_or(0);
                o.insert(c.to_string(), json!(n));
            }
            Value::Object(o)
        })
        .collect()
}

fn text(a: &LibraryAnalysis, letters: &[char], lang: Lang) -> String {
    let t = |k| tr(lang, k).to_owned();
    let mut out = String::new();
    out.push_str(&format!("{}\n", t(S::AnalysisProcesses)));
    let mut rows = vec![vec![
        t(S::TableNumber),
        t(S::ProcessName),
        t(S::ColMainSteps),
        t(S::ColDecisions),
        t(S::ColLanes),
        t(S::ColHandoffs),
        t(S::ColLoopsBack),
    ]];
    for p in &a.processes {
        rows.push(vec![
            p.number.clone(),
            p.name.clone(),
            p.steps.to_string(),
            p.decisions.to_string(),
            p.lanes.to_string(),
            p.handoffs.to_string(),
            p.loops_back.to_string(),
        ]);
    }
    out.push_str(&render_table(&rows));
    out.push_str(&format!("\n{}\n", t(S::AnalysisHandoffs)));
    let mut rows = vec![vec![t(S::ColFrom), t(S::ColTo), t(S::ColCount)]];
    let mut handoffs = a.handoffs.clone();
    handoffs.sort_by(|x, y| {
        y.count
            .cmp(&x.count)
            .then_with(|| (&x.from, &x.to).cmp(&(&y.from, &y.to)))
    });
    for h in &handoffs {
        rows.push(vec![h.from.clone(), h.to.clone(), h.count.to_string()]);
    }
    out.push_str(&render_table(&rows));
    out.push_str(&format!("\n{}\n", t(S::AnalysisLoad)));
    let mut header = vec![t(S::Departments)];
    header.extend(letters.iter().map(|c| c.to_string()));
    header.push(t(S::ColProcesses));
    let mut rows = vec![header];
    for d in &a.departments {
        let mut row = vec![d.name.clone()];
        row.extend(
            letters
                .iter()
                .map(|c| d.letters.get(c).copied().unwrap_or(0).to_string()),
        );
        row.push(d.processes.to_string());
        rows.push(row);
    }
    out.push_str(&render_table(&rows));
    out.push('\n');
    if a.flags.is_empty() {
        out.push_str(&format!("{}\n", t(S::AnalysisNoFlags)));
    } else {
        out.push_str(&format!("{}\n", t(S::AnalysisFlags)));
        for f in &a.flags {
            out.push_str(&format!("  ▲ {}\n", f.message(lang)));
        }
    }
    out
}
