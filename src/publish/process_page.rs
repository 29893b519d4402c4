//! A drawn process's page: its 概要, the processes that lead into it and
//! those it leads to, the chart as linked SVG, the AECI table and the
//! rules' warnings; and what of it the search finds.

use super::SiteContext;
use super::html::{self, Frame, a, attr, text};
use super::names::link;
use super::search::{ProcessRecords, StepRecord, words};
use crate::export::{overview_rows, table_cells, table_header};
use crate::layout::{ChartStyle, Source, layout_chart_with};
use crate::library::{Entry, exit_targets, number_key};
use crate::model::{Analysis, Process, StepId, StepKind};
use crate::text::{S, fill, tr};
use std::collections::BTreeMap;
use std::fmt::Write;

/// A page and the search records of its process and steps.
pub struct ProcessPage {
    pub html: String,
    pub records: ProcessRecords,
    /// How many warnings the rules give.
    pub warnings: usize,
}

/// Where an exit leads: each target's label and its page, if drawn.
struct Target {
    label: String,
    page: Option<String>,
}

/// The page of the entry at catalogue index `index`, drawn as `process`.
pub fn process_page(
    ctx: &SiteContext,
    index: usize,
    entry: &Entry,
    process: &Process,
) -> ProcessPage {
    let lang = ctx.lang;
    let analysis = Analysis::of(process);
    let heading = format!("{} {}", entry.number, entry.name);
    let rows: BTreeMap<StepId, u32> = analysis
        .table
        .rows
        .iter()
        .flat_map(|r| r.steps.iter().map(move |s| (*s, r.number)))
        .collect();
    let exits = exits(ctx, process);
    let mut body = String::new();
    let _ = writeln!(
        body,
        r#"<nav class="crumbs"><a href="../index.html">{}</a> › {}</nav>"#,
        text(tr(lang, S::LibraryTab)),
        text(&ctx.category_name(entry.category)),
    );
    let _ = writeln!(body, "<h1>{}</h1>", text(&heading));
    overview(&mut body, process, lang);
    neighbours(&mut body, ctx, entry, &exits);
    chart(&mut body, process, &analysis, &rows, &exits, lang);
    table(&mut body, &analysis, process.scheme, lang);
    warnings(&mut body, &analysis, lang);
    let frame = Frame {
        lang,
        library: &ctx.library.catalogue.title,
        title: &heading,
        depth: 1,
        kind: "process",
    };
    let page = ctx.names.process(index).unwrap_or_default().to_owned();
    ProcessPage {
        html: html::page(&frame, &body),
        records: records(&page, &heading, entry, &analysis),
        warnings: analysis.warnings.len(),
    }
}

/// The 概要 as a two-column form.
fn overview(out: &mut String, process: &Process, lang: crate::lang::Lang) {
    let _ = writeln!(
        out,
        "<section id=\"overview\"><h2>{}</h2>\n<table class=\"overview\">",
        text(tr(lang, S::SectionOverview))
    );
    for row in overview_rows(process, lang) {
        let (label, value) = (row.first(), row.get(1));
        let _ = writeln!(
            out,
            "<tr><th>{}</th><td>{}</td></tr>",
            text(label.map_or("", String::as_str)),
            text(value.map_or("", String::as_str))
        );
    }
    out.push_str("</table></section>\n");
}

/// Each exit step with the processes it names, in step order.
fn exits(ctx: &SiteContext, process: &Process) -> BTreeMap<StepId, Vec<Target>> {
    let mut exits = BTreeMap::new();
    for (id, step) in &process.steps {
        let StepKind::ProcessExit { number, name } = &step.kind else {
            continue;
        };
        let targets = exit_targets(number)
            .into_iter()
            .map(|t| match ctx.by_number.get(number_key(t)) {
                Some(&i) => {
                    let e = &ctx.library.catalogue.entries[i];
                    Target {
                        label: format!("{} {}", e.number, e.name),
                        page: ctx.names.process(i).map(|p| link(1, p)),
                    }
                }
                None if name.trim().is_empty() => Target {
                    label: fill(ctx.lang, S::SiteUnknownTarget, &[("number", &t)]),
                    page: None,
                },
                None => Target {
                    label: format!("{t} {name}"),
                    page: None,
                },
            })
            .collect();
        exits.insert(*id, targets);
    }
    exits
}

/// The processes whose exits lead here, and where this one's lead.
fn neighbours(
    out: &mut String,
    ctx: &SiteContext,
    entry: &Entry,
    exits: &BTreeMap<StepId, Vec<Target>>,
) {
    let lang = ctx.lang;
    let _ = writeln!(
        out,
        "<section id=\"links\" class=\"links\"><div><h2>{}</h2><ul>",
        text(tr(lang, S::SiteLeadsIn))
    );
    let from = ctx.links.referenced_by.get(number_key(&entry.number));
    match from {
        Some(list) if !list.is_empty() => {
            for (number, name) in list {
                let label = format!("{number} {name}");
                let page = ctx
                    .by_number
                    .get(number_key(number))
                    .and_then(|&i| ctx.names.process(i));
                match page {
                    Some(p) => {
                        let _ = writeln!(out, "<li>{}</li>", a(&link(1, p), &label));
                    }
                    None => {
                        let _ = writeln!(out, "<li>{}</li>", text(&label));
                    }
                }
            }
        }
        _ => {
            let _ = writeln!(
                out,
                "<li class=\"none\">{}</li>",
                text(tr(lang, S::SiteNoneLeadIn))
            );
        }
    }
    let _ = writeln!(
        out,
        "</ul></div>\n<div id=\"exits\"><h2>{}</h2><ul>",
        text(tr(lang, S::SiteLeadsOut))
    );
    // Two exits into one process: it is listed once.
    let mut listed = std::collections::BTreeSet::new();
    for targets in exits.values() {
        for t in targets.iter().filter(|t| listed.insert(t.label.as_str())) {
            match &t.page {
                Some(p) => {
                    let _ = writeln!(out, "<li>{}</li>", a(p, &t.label));
                }
                None => {
                    let _ = writeln!(out, "<li>{}</li>", text(&t.label));
                }
            }
        }
    }
    out.push_str("</ul></div></section>\n");
}

/// The chart as inline SVG: a step links to its row of the table, an
/// exit to the page it leads into (to the list of exits when it names
/// several, or none drawn).
fn chart(
    out: &mut String,
    process: &Process,
    analysis: &Analysis,
    rows: &BTreeMap<StepId, u32>,
    exits: &BTreeMap<StepId, Vec<Target>>,
    lang: crate::lang::Lang,
) {
    let chart = layout_chart_with(process, &analysis.numbering, &ChartStyle::default());
    let target = |source: &Source| -> Option<String> {
        let Source::Step(id) = source else {
            return None;
        };
        if let Some(targets) = exits.get(id) {
            return match targets.as_slice() {
                [Target { page: Some(p), .. }] => Some(p.clone()),
                _ => Some("#exits".to_owned()),
            };
        }
        rows.get(id).map(|n| format!("#s-{n}"))
    };
    let svg = crate::export::svg::scene_to_linked_svg(&chart.scene, &target);
    let _ = write!(
        out,
        "<section id=\"chart\"><h2>{} <button type=\"button\" class=\"fit\" data-fit=\"{}\" data-full=\"{}\" hidden>{}</button></h2>\n<div class=\"chart\">\n{svg}</div></section>\n",
        text(tr(lang, S::SectionChart)),
        attr(tr(lang, S::SiteFitChart)),
        attr(tr(lang, S::SiteFullChart)),
        text(tr(lang, S::SiteFitChart)),
    );
}

/// The AECI table, each row reachable as `#s-N`.
fn table(
    out: &mut String,
    analysis: &Analysis,
    scheme: crate::model::scheme::SchemeName,
    lang: crate::lang::Lang,
) {
    let header = table_header(&analysis.table, lang);
    let rows: Vec<(Option<String>, Vec<String>)> = table_cells(&analysis.table)
        .into_iter()
        .zip(&analysis.table.rows)
        .map(|(cells, row)| {
            let cells = cells.iter().map(|c| text(c)).collect();
            (Some(format!("s-{}", row.number)), cells)
        })
        .collect();
    let _ = writeln!(
        out,
        "<section id=\"table\"><h2>{}</h2>\n<div class=\"wide\">",
        text(&crate::text::table_title(lang, scheme))
    );
    out.push_str(&html::table("aeci", &header, &rows));
    out.push_str("</div></section>\n");
}

/// The rules' warnings in a quiet box, when there are any.
fn warnings(out: &mut String, analysis: &Analysis, lang: crate::lang::Lang) {
    if analysis.warnings.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "<aside class=\"checks\"><h2>{}</h2><ul>",
        text(tr(lang, S::SiteChecks))
    );
    for w in &analysis.warnings {
        let _ = writeln!(out, "<li>{}</li>", text(&w.message(lang)));
    }
    out.push_str("</ul></aside>\n");
}

/// The process and each main step, for the search.
fn records(page: &str, heading: &str, entry: &Entry, analysis: &Analysis) -> ProcessRecords {
    let steps = analysis
        .table
        .rows
        .iter()
        .map(|row| {
            let mut texts = vec![row.description.as_str()];
            texts.extend(row.outputs.iter().map(String::as_str));
            StepRecord(row.number, row.title.clone(), words(&texts))
        })
        .collect();
    ProcessRecords {
        page: page.to_owned(),
        heading: heading.to_owned(),
        owner: entry.owner.clone(),
        steps,
    }
}
