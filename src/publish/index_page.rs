//! The start page: the 流程清单 by category (编号, 名称, owner, status; a
//! drawn process linked to its page), every department's page, and the
//! processes that could not be published.

use super::SiteContext;
use super::html::{self, Frame, a, text};
use super::names::link;
use crate::library::EntryState;
use crate::text::{S, fill, left_out_lines, tr};
use std::collections::BTreeMap;
use std::fmt::Write;

/// `index.html`.
pub fn index_page(ctx: &SiteContext, warnings: &BTreeMap<usize, usize>) -> String {
    let lang = ctx.lang;
    let c = &ctx.library.catalogue;
    let mut body = String::new();
    let _ = writeln!(body, "<h1>{}</h1>", text(&c.title));
    let drawn = ctx.library.drawn().count();
    let summary = fill(
        lang,
        S::LibSummary,
        &[("n", &c.entries.len()), ("drawn", &drawn)],
    );
    let _ = writeln!(body, "<p class=\"summary\">{}</p>", text(&summary));
    left_out(&mut body, ctx);
    departments(&mut body, ctx);
    let header =
        [S::TableNumber, S::ProcessName, S::Owner, S::LibStatus].map(|k| tr(lang, k).to_owned());
    for (category, entries) in c.by_category() {
        let _ = writeln!(
            body,
            "<section class=\"category\"><h2>{}</h2>",
            text(&category.name)
        );
        let rows: Vec<(Option<String>, Vec<String>)> = entries
            .iter()
            .map(|(i, e)| {
                let name = match ctx.names.process(*i) {
                    Some(p) => a(&link(0, p), &e.name),
                    None => text(&e.name),
                };
                let owner = match (e.owner.trim(), ctx.library.states.get(*i)) {
                    ("", Some(EntryState::Drawn(p))) => p.overview.owner.clone(),
                    (owner, _) => owner.to_owned(),
                };
                let cells = vec![
                    text(&e.number),
                    name,
                    text(&owner),
                    text(&status(ctx, warnings, *i)),
                ];
                (None, cells)
            })
            .collect();
        body.push_str(&html::table("entries", &header, &rows));
        body.push_str("</section>\n");
    }
    let frame = Frame {
        lang,
        library: &c.title,
        title: &c.title,
        depth: 0,
        kind: "index",
    };
    html::page(&frame, &body)
}

/// An entry's status as the library tab words it.
fn status(ctx: &SiteContext, warnings: &BTreeMap<usize, usize>, index: usize) -> String {
    let lang = ctx.lang;
    match ctx.library.states.get(index) {
        Some(EntryState::Drawn(p)) => {
            let n = warnings.get(&index).copied().unwrap_or(0);
            crate::text::drawn_status(lang, n, p.conflicts.len())
        }
        Some(EntryState::Missing(_)) => tr(lang, S::LibFileMissing).to_owned(),
        Some(EntryState::Broken(_)) => tr(lang, S::LibFileBroken).to_owned(),
        Some(EntryState::NotDrawn) | None => tr(lang, S::LibNotDrawn).to_owned(),
    }
}

/// The processes whose files are missing or do not load, and why.
fn left_out(out: &mut String, ctx: &SiteContext) {
    let lines = left_out_lines(ctx.library, ctx.lang);
    if lines.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "<aside class=\"checks\" id=\"not-published\"><h2>{}</h2><ul>",
        text(tr(ctx.lang, S::SiteNotPublished))
    );
    for line in lines {
        let _ = writeln!(out, "<li>{}</li>", text(&line));
    }
    out.push_str("</ul></aside>\n");
}

/// A link to every department's page, with its count of main steps.
fn departments(out: &mut String, ctx: &SiteContext) {
    if ctx.duties.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "<section id=\"departments\"><h2>{}</h2><ul class=\"chips\">",
        text(tr(ctx.lang, S::SiteDepartments))
    );
    for d in &ctx.duties {
        let Some(page) = ctx.names.department(&d.department) else {
            continue;
        };
        let _ = writeln!(
            out,
            "<li>{} <span class=\"n\">{}</span></li>",
            a(&link(0, page), &d.department),
            d.duties.len()
        );
    }
    out.push_str("</ul></section>\n");
}
