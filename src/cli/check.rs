//! `flowcase check`: load files and report steps, the AECI table and
//! warnings, as text or JSON.

use super::text_table::render_table;
use crate::format::load_or_stdin;
use crate::lang::Lang;
use crate::model::{Analysis, Process, Step, StepKind, Subject};
use crate::text::{S, fill, tr};
use clap::ValueEnum;
use serde_json::{Value, json};
use std::io::Write;
use std::path::PathBuf;

/// How `check` prints its report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Text,
    Json,
}

/// Checks every file; returns 0 when all load and 2 when one does not.
/// Load errors go to `err`, reports to `out`.
pub fn check_files(
    files: &[PathBuf],
    format: CheckFormat,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let mut code = 0;
    let mut reports = Vec::new();
    // The first failure to write the report (a closed pipe, a full disk).
    let mut written = Ok(());
    for (i, path) in files.iter().enumerate() {
        match load_or_stdin(path) {
            Ok(process) => {
                let analysis = Analysis::of(&process);
                match format {
                    CheckFormat::Text => {
                        let separator = if i > 0 { "\n" } else { "" };
                        let report = text_report(path, &process, &analysis, lang);
                        written = written.and_then(|()| write!(out, "{separator}{report}"));
                    }
                    CheckFormat::Json => {
                        reports.push(json_report(path, &process, &analysis, lang));
                    }
                }
            }
            Err(e) => {
                code = 2;
                let _ = writeln!(err, "{}", e.message(lang));
                if format == CheckFormat::Json {
                    reports.push(json!({
                        "path": path.display().to_string(),
                        "ok": false,
                        "error": e.message(lang),
                    }));
                }
            }
        }
    }
    if format == CheckFormat::Json {
        let doc = json!({ "files": reports });
        let text = serde_json::to_string_pretty(&doc).unwrap_or_else(|_| "{}".to_owned());
        written = written.and_then(|()| writeln!(out, "{text}"));
    }
    if let Err(e) = written.and_then(|()| out.flush()) {
        let _ = writeln!(err, "{}: {e}", tr(lang, S::CheckWriteFailed));
        return 2;
    }
    code
}

/// The name of a step kind in the user's language.
pub fn kind_name(kind: &StepKind, lang: Lang) -> &'static str {
    let key = match kind {
        StepKind::Process => S::CodeProcess,
        StepKind::Decision => S::CodeDecision,
        StepKind::Start => S::CodeStart,
        StepKind::End => S::CodeEnd,
        StepKind::Document => S::CodeDocument,
        StepKind::ProcessExit { .. } => S::CodeExit,
        StepKind::Note => S::CodeNote,
    };
    tr(lang, key)
}

/// Steps in report order: numbered ones by number, then the rest by id.
fn steps_in_order<'a>(process: &'a Process, analysis: &Analysis) -> Vec<(Option<u32>, &'a Step)> {
    let mut steps: Vec<(Option<u32>, &Step)> = process
        .steps
        .values()
        .map(|s| (analysis.numbering.of(s.id), s))
        .collect();
    steps.sort_by_key(|(n, s)| (n.is_none(), *n, s.id));
    steps
}

fn lane_name(process: &Process, step: &Step) -> String {
    process
        .lane(step.lane)
        .map(|l| l.name.clone())
        .unwrap_or_default()
}

fn step_title(step: &Step) -> String {
    match &step.kind {
        StepKind::ProcessExit { number, name } if !number.is_empty() || !name.is_empty() => {
            format!("{} → {number} {name}", step.title)
        }
        _ => step.title.clone(),
    }
}

fn text_report(
    path: &std::path::Path,
    process: &Process,
    analysis: &Analysis,
    lang: Lang,
) -> String {
    let mut out = String::new();
    let numbered = analysis.numbering.len();
    out.push_str(&format!("{}\n", path.display()));
    out.push_str(&format!(
        "{} {}\n",
        process.overview.number, process.overview.name
    ));
    let values: [(&str, &dyn std::fmt::Display); 5] = [
        ("lanes", &process.lanes.len()),
        ("phases", &process.phases.len()),
        ("numbered", &numbered),
        ("shapes", &process.steps.len()),
        ("connectors", &process.connectors.len()),
    ];
    out.push_str(&fill(lang, S::CheckSummary, &values));
    out.push_str("\n\n");

    out.push_str(tr(lang, S::CheckSteps));
    out.push('\n');
    let mut rows = vec![vec![
        tr(lang, S::TableNumber).to_owned(),
        tr(lang, S::ColKind).to_owned(),
        tr(lang, S::ColLane).to_owned(),
        tr(lang, S::ColStep).to_owned(),
    ]];
    for (number, step) in steps_in_order(process, analysis) {
        rows.push(vec![
            number
                .map(|n| n.to_string())
                .unwrap_or_else(|| "-".to_owned()),
            kind_name(&step.kind, lang).to_owned(),
            lane_name(process, step),
            step_title(step),
        ]);
    }
    out.push_str(&render_table(&rows));

    out.push('\n');
    out.push_str(&crate::text::table_title(lang, process.scheme));
    out.push('\n');
    let table = &analysis.table;
    let mut header = vec![
        tr(lang, S::TableNumber).to_owned(),
        tr(lang, S::TableMainStep).to_owned(),
    ];
    header.extend(table.lanes.iter().map(|l| l.name.clone()));
    header.push(tr(lang, S::TableOutputs).to_owned());
    let mut rows = vec![header];
    for row in &table.rows {
        let mut cells = vec![row.number.to_string(), row.title.clone()];
        cells.extend(row.cells.iter().map(|c| c.to_string()));
        cells.push(row.outputs.join("、"));
        rows.push(cells);
    }
    out.push_str(&render_table(&rows));

    if !process.conflicts.is_empty() {
        let n = process.conflicts.len();
        out.push_str(&format!(
            "\n{}\n",
            fill(lang, S::CheckConflicts, &[("n", &n)])
        ));
        for c in &process.conflicts {
            out.push_str(&format!(
                "  ! {}\n",
                crate::text::conflict_words(process, c, lang)
            ));
        }
    }
    if analysis.warnings.is_empty() {
        out.push_str(&format!("\n{}\n", tr(lang, S::CheckNoWarnings)));
    } else {
        let n = analysis.warnings.len();
        out.push_str(&format!(
            "\n{}\n",
            fill(lang, S::CheckWarnings, &[("n", &n)])
        ));
        for w in &analysis.warnings {
            out.push_str(&format!("  ! {}\n", w.message(lang)));
        }
    }
    out
}

/// The layout's counts: overlaps, crossings, bends, and the connector
/// rules' breaches.
fn layout_report(process: &Process) -> Value {
    let layout = crate::layout::layout_chart(process);
    let quality = crate::layout::layout_quality(process, &layout);
    let connectors = crate::layout::connector_issues(process, &layout);
    json!({
        "overlapping_boxes": quality.overlapping_boxes,
        "segments_through_boxes": quality.segments_through_boxes,
        "crossings": quality.crossings,
        "bends": quality.bends,
        "shared_ports": connectors.shared_ports,
        "heads_under_badges": connectors.heads_under_badges,
        "short_segments": connectors.short_segments,
    })
}

fn json_report(
    path: &std::path::Path,
    process: &Process,
    analysis: &Analysis,
    lang: Lang,
) -> Value {
    let steps: Vec<Value> = steps_in_order(process, analysis)
        .into_iter()
        .map(|(number, step)| {
            json!({
                "id": step.id.0,
                "number": number,
                "kind": step.kind.code(),
                "title": step.title,
                "lane": lane_name(process, step),
            })
        })
        .collect();
    let rows: Vec<Value> = analysis
        .table
        .rows
        .iter()
        .map(|row| {
            json!({
                "number": row.number,
                "steps": row.steps.iter().map(|s| s.0).collect::<Vec<_>>(),
                "title": row.title,
                "description": row.description,
                "outputs": row.outputs,
                "cells": row.cells.iter().map(|c| c.to_string()).collect::<Vec<_>>(),
            })
        })
        .collect();
    let warnings: Vec<Value> = analysis
        .warnings
        .iter()
        .map(|w| {
            let (kind, id) = match w.subject {
                Subject::Step(id) => ("step", id.0),
                Subject::Lane(id) => ("lane", id.0),
                Subject::Connector(id) => ("connector", id.0),
            };
            json!({
                "rule": format!("{:?}", w.rule()),
                "subject": { "kind": kind, "id": id },
                "number": w.number,
                "message": w.message(lang),
            })
        })
        .collect();
    json!({
        "path": path.display().to_string(),
        "ok": true,
        "process": { "number": process.overview.number, "name": process.overview.name },
        "lanes": process.lanes.iter().map(|l| l.name.clone()).collect::<Vec<_>>(),
        "steps": steps,
        "table": {
            "columns": analysis.table.lanes.iter().map(|l| l.name.clone()).collect::<Vec<_>>(),
            "rows": rows,
        },
        "warnings": warnings,
        "conflicts": process.conflicts.iter().map(|c| conflict_json(process, c, lang)).collect::<Vec<_>>(),
        "layout": layout_report(process),
    })
}

/// A merge's conflict for scripts: what and which field, each side's value
/// (text as text, letters as `A,E`, a deleted thing as null) and the line.
fn conflict_json(process: &Process, c: &crate::model::conflict::Conflict, lang: Lang) -> Value {
    use crate::model::conflict::{Field, Subject as On};
    let (kind, id) = match c.subject {
        On::Step(id) => ("step", Some(id.0)),
        On::Lane(id) => ("lane", Some(id.0)),
        On::Phase(id) => ("phase", Some(id.0)),
        On::Connector(id) => ("connector", Some(id.0)),
        On::Overview => ("overview", None),
    };
    let (field, lane) = match c.field {
        Field::Role(lane) => (
            "role".to_owned(),
            process.lane(lane).map(|l| l.name.clone()),
        ),
        Field::Overview(key) => (format!("overview.{}", snake(&format!("{key:?}"))), None),
        other => (snake(&format!("{other:?}")), None),
    };
    json!({
        "subject": { "kind": kind, "id": id },
        "field": field,
        "lane": lane,
        "base": value_json(&c.base),
        "ours": value_json(&c.ours),
        "theirs": value_json(&c.theirs),
        "message": crate::text::conflict_words(process, c, lang),
    })
}

fn value_json(value: &crate::model::conflict::Value) -> Value {
    use crate::model::conflict::Value as V;
    match value {
        V::Absent => Value::Null,
        V::Text(t) => json!(t),
        V::Texts(t) => json!(t),
        V::Letters(r) => json!(r.to_string()),
        V::Kind(k) => json!(k.code()),
        V::Number(n) => json!(n),
        V::Group(g) => json!(g.map(|g| g.0)),
        V::Label(l) => json!(l),
        V::Ends(from, to) => json!([from.0, to.0]),
        V::Step(s, _) => json!({ "id": s.id.0, "title": s.title }),
        V::Lane(l, _) => json!({ "id": l.id.0, "name": l.name }),
        V::Phase(p, _) => json!({ "id": p.id.0, "name": p.name }),
        V::Connector(c) => json!({ "id": c.id.0, "from": c.from.0, "to": c.to.0 }),
    }
}

/// `PinnedNumber` → `pinned_number`.
fn snake(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}
