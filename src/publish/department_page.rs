//! A department's page (部门职责): every main step of every process where
//! it holds a letter, grouped by process, with a filter by letter that
//! works in the page itself.

use super::SiteContext;
use super::html::{self, Frame, a, text};
use super::names::link;
use crate::export::counts_text;
use crate::library::DepartmentDuties;
use crate::text::{S, fill, tr};
use std::fmt::Write;

/// The page of one department's duties.
pub fn department_page(ctx: &SiteContext, duties: &DepartmentDuties) -> String {
    let lang = ctx.lang;
    let name = &duties.department;
    let mut body = String::new();
    let _ = writeln!(
        body,
        r#"<nav class="crumbs"><a href="../index.html">{}</a> › <a href="../index.html#departments">{}</a></nav>"#,
        text(tr(lang, S::LibraryTab)),
        text(tr(lang, S::SiteDepartments)),
    );
    let _ = writeln!(body, "<h1>{}</h1>", text(name));
    let aliases = ctx.aliases(name);
    if !aliases.is_empty() {
        let also = fill(lang, S::SiteAlso, &[("names", &aliases.join("、"))]);
        let _ = writeln!(body, "<p class=\"also\">{}</p>", text(&also));
    }
    let mut entries: Vec<usize> = duties.duties.iter().map(|d| d.entry).collect();
    entries.dedup();
    let count = fill(
        lang,
        S::SiteDutyCount,
        &[("n", &duties.duties.len()), ("p", &entries.len())],
    );
    let _ = writeln!(body, "<p class=\"summary\">{}</p>", text(&count));
    letter_filter(&mut body, ctx.library.catalogue.scheme, lang);
    for entry in entries {
        process_duties(&mut body, ctx, duties, entry);
    }
    let frame = Frame {
        lang,
        library: &ctx.library.catalogue.title,
        title: name,
        depth: 1,
        kind: "department",
    };
    html::page(&frame, &body)
}

/// A box per letter; a step shows while one of its letters is ticked.
fn letter_filter(
    out: &mut String,
    scheme: crate::model::scheme::SchemeName,
    lang: crate::lang::Lang,
) {
    let _ = write!(
        out,
        "<div class=\"filter\">{}",
        text(tr(lang, S::SiteLetterFilter))
    );
    for letter in scheme.scheme().letters {
        let name = match lang {
            crate::lang::Lang::Zh => letter.zh,
            crate::lang::Lang::En => letter.en,
        };
        let _ = write!(
            out,
            r#" <label class="letter-{r}"><input type="checkbox" value="{r}" checked> {r} {}</label>"#,
            text(name),
            r = letter.role.letter(),
        );
    }
    out.push_str("</div>\n");
}

/// The department's steps in one process, each linked to its row.
fn process_duties(out: &mut String, ctx: &SiteContext, duties: &DepartmentDuties, entry: usize) {
    let lang = ctx.lang;
    let Some(e) = ctx.library.catalogue.entries.get(entry) else {
        return;
    };
    let heading = format!("{} {}", e.number, e.name);
    let page = ctx.names.process(entry).map(|p| link(1, p));
    let title = match &page {
        Some(p) => a(p, &heading),
        None => text(&heading),
    };
    let _ = writeln!(
        out,
        "<section class=\"duties\"><h2>{title} <span class=\"counts\">{}</span></h2>",
        text(&counts_text(duties.counts_in(entry)))
    );
    let header = [
        S::TableNumber,
        S::TableMainStep,
        S::LibLetters,
        S::TableKeyPoints,
        S::TableOutputs,
    ]
    .map(|k| tr(lang, k).to_owned());
    let _ = write!(out, "<table class=\"duties\">\n<thead><tr>");
    for h in &header {
        let _ = write!(out, "<th>{}</th>", text(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for d in duties.duties.iter().filter(|d| d.entry == entry) {
        let number = match &page {
            Some(p) => a(&format!("{p}#s-{}", d.number), &d.number.to_string()),
            None => d.number.to_string(),
        };
        let letters: String = d.letters.iter().map(|r| r.letter()).collect();
        let _ = writeln!(
            out,
            "<tr data-letters=\"{letters}\"><td>{number}</td><td>{}</td><td class=\"letters\">{}</td><td>{}</td><td>{}</td></tr>",
            text(&d.title),
            text(&d.letters.to_string()),
            text(&d.key_points),
            text(&d.outputs.join("\n")),
        );
    }
    out.push_str("</tbody>\n</table></section>\n");
}
