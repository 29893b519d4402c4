//! `flowcase check`: load files and report steps, the AECI table and
//! warnings, as text or JSON.

use super::text_table::render_table;
use crate::format::load;
use crate::lang::Lang;
use crate::model::{Analysis, Process, Step, StepKind, Subject};
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
        match load(path) {
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
                let _ = writeln!(err, "{e}");
                if format == CheckFormat::Json {
                    reports.push(json!({
                        "path": path.display().to_string(),
                        "ok": false,
                        "error": e.to_string(),
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
        let _ = writeln!(
            err,
            "{}: {e}",
            lang.pick("无法写出检查报告", "cannot write the report")
        );
        return 2;
    }
    code
}

/// The name of a step kind in the user's language.
pub fn kind_name(kind: &StepKind, lang: Lang) -> &'static str {
    match kind {
        StepKind::Process => lang.pick("步骤", "process"),
        StepKind::Decision => lang.pick("判断", "decision"),
        StepKind::Start => lang.pick("开始", "start"),
        StepKind::End => lang.pick("结束", "end"),
        StepKind::Document => lang.pick("文档", "document"),
        StepKind::ProcessExit { .. } => lang.pick("流程出口", "exit"),
        StepKind::Note => lang.pick("注释", "note"),
    }
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
    out.push_str(&match lang {
        Lang::Zh => format!(
            "{} 条泳道,{} 个阶段,{} 个编号步骤(共 {} 个图形),{} 条连线\n\n",
            process.lanes.len(),
            process.phases.len(),
            numbered,
            process.steps.len(),
            process.connectors.len()
        ),
        Lang::En => format!(
            "{} lanes, {} phases, {} numbered steps ({} shapes in all), {} connectors\n\n",
            process.lanes.len(),
            process.phases.len(),
            numbered,
            process.steps.len(),
            process.connectors.len()
        ),
    });

    out.push_str(lang.pick("步骤\n", "Steps\n"));
    let mut rows = vec![vec![
        lang.pick("编号", "No.").to_owned(),
        lang.pick("类型", "Kind").to_owned(),
        lang.pick("泳道", "Lane").to_owned(),
        lang.pick("步骤", "Step").to_owned(),
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

    out.push_str(lang.pick("\nAECI表\n", "\nAECI table\n"));
    let table = &analysis.table;
    let mut header = vec![
        lang.pick("编号", "No.").to_owned(),
        lang.pick("主要步骤", "Main step").to_owned(),
    ];
    header.extend(table.lanes.iter().map(|l| l.name.clone()));
    header.push(lang.pick("输出", "Outputs").to_owned());
    let mut rows = vec![header];
    for row in &table.rows {
        let mut cells = vec![row.number.to_string(), row.title.clone()];
        cells.extend(row.cells.iter().map(|c| c.to_string()));
        cells.push(row.outputs.join("、"));
        rows.push(cells);
    }
    out.push_str(&render_table(&rows));

    if analysis.warnings.is_empty() {
        out.push_str(lang.pick("\n没有警告\n", "\nNo warnings\n"));
    } else {
        out.push_str(&match lang {
            Lang::Zh => format!("\n警告({})\n", analysis.warnings.len()),
            Lang::En => format!("\nWarnings ({})\n", analysis.warnings.len()),
        });
        for w in &analysis.warnings {
            out.push_str(&format!("  ! {}\n", w.message(lang)));
        }
    }
    out
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
                "kind": kind_name(&step.kind, Lang::En),
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
    })
}
