//! The pieces every page is made of: escaped text, the page's frame (head,
//! the bar with the search field, the footer) and small tables.

use crate::interop::xml::escape;
use crate::lang::Lang;
use crate::text::{S, tr};
use std::fmt::Write;

/// Text from a file as HTML: escaped, its line breaks kept as `<br>`.
pub fn text(value: &str) -> String {
    value.lines().map(escape).collect::<Vec<_>>().join("<br>")
}

/// An attribute's value, escaped.
pub fn attr(value: &str) -> String {
    escape(value)
}

/// A link around text: `<a href="…">text</a>`.
pub fn a(href: &str, label: &str) -> String {
    format!(r#"<a href="{}">{}</a>"#, attr(href), text(label))
}

/// What a page says about itself.
pub struct Frame<'a> {
    pub lang: Lang,
    /// The library's title, shown in the bar on every page.
    pub library: &'a str,
    /// The page's own title (the window's title with the library's).
    pub title: &'a str,
    /// How many folders below the site's root the page lies.
    pub depth: usize,
    /// The page's class on `<body>`: `index`, `process`, `department`.
    pub kind: &'a str,
}

/// A whole page: `body` inside the frame every page shares.
pub fn page(frame: &Frame, body: &str) -> String {
    let root = "../".repeat(frame.depth);
    let lang = match frame.lang {
        Lang::Zh => "zh-CN",
        Lang::En => "en",
    };
    let window_title = if frame.title == frame.library || frame.title.is_empty() {
        frame.library.to_owned()
    } else {
        format!("{} · {}", frame.title, frame.library)
    };
    let mut out = String::with_capacity(body.len() + 2048);
    let _ = write!(
        out,
        r#"<!doctype html>
<html lang="{lang}" data-root="{root}" data-found="{found}" data-more="{more}" data-nothing="{nothing}" data-kind-p="{kind_p}" data-kind-s="{kind_s}" data-kind-d="{kind_d}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="stylesheet" href="{root}assets/site.css">
<script src="{root}assets/site.js" defer></script>
</head>
<body class="{kind}">
<header class="bar">
<a class="home" href="{root}index.html">{library}</a>
<form class="search" role="search" action="{root}index.html">
<input type="search" name="q" autocomplete="off" placeholder="{hint}" aria-label="{search}">
<div class="results" hidden></div>
</form>
</header>
<main>
{body}</main>
<footer>{footer}</footer>
</body>
</html>
"#,
        title = text(&window_title),
        kind = frame.kind,
        library = text(frame.library),
        hint = attr(tr(frame.lang, S::SiteSearchHint)),
        search = attr(tr(frame.lang, S::SiteSearch)),
        footer = text(tr(frame.lang, S::SiteFooter)),
        found = attr(tr(frame.lang, S::SiteFound)),
        more = attr(tr(frame.lang, S::SiteMoreFound)),
        nothing = attr(tr(frame.lang, S::SiteNothingFound)),
        kind_p = attr(tr(frame.lang, S::SiteKindProcess)),
        kind_s = attr(tr(frame.lang, S::SiteKindStep)),
        kind_d = attr(tr(frame.lang, S::SiteKindDepartment)),
    );
    out
}

/// A table: a header row (repeated on every printed page) and rows of
/// cells already in HTML; `row_ids` names rows that links lead to.
pub fn table(class: &str, header: &[String], rows: &[(Option<String>, Vec<String>)]) -> String {
    let mut out = format!("<table class=\"{class}\">\n<thead><tr>");
    for h in header {
        let _ = write!(out, "<th>{}</th>", text(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for (id, cells) in rows {
        match id {
            Some(id) => {
                let _ = write!(out, r#"<tr id="{}">"#, attr(id));
            }
            None => out.push_str("<tr>"),
        }
        for c in cells {
            let _ = write!(out, "<td>{c}</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_a_title_is_shown_as_text() {
        assert_eq!(
            text("<script>alert(1)</script>\n& more"),
            "&lt;script&gt;alert(1)&lt;/script&gt;<br>&amp; more"
        );
        assert_eq!(
            a("p/1.9.html", "\"x\""),
            r#"<a href="p/1.9.html">&quot;x&quot;</a>"#
        );
    }
}
