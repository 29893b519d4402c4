//! `flowcase publish`: a library as a website, and what was left out.

use crate::lang::Lang;
use crate::publish::{PublishOptions, publish_library};
use crate::text::{S, fill, left_out_lines};
use std::io::Write;
use std::path::Path;

/// Publishes the library in `dir` to `site`; says how many pages, and
/// each process left out, on `err`.
pub fn publish_command(
    dir: &Path,
    site: &Path,
    force: bool,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let Some(library) = super::library::open_library(dir, lang, err) else {
        return 2;
    };
    let options = PublishOptions { lang, force };
    match publish_library(&library, site, options, &|_, _| {}) {
        Ok(published) => {
            for line in left_out_lines(&library, lang) {
                let _ = writeln!(err, "{line}");
            }
            let done = fill(
                lang,
                S::Published,
                &[("pages", &published.pages), ("path", &site.display())],
            );
            let _ = writeln!(out, "{done}");
            0
        }
        Err(e) => {
            let _ = writeln!(
                err,
                "{}",
                fill(lang, S::PublishFailed, &[("error", &e.message(lang))])
            );
            2
        }
    }
}
