//! The files every page shares: the style sheet (with the font cut to the
//! site's characters), the script (search, the letter filter, fitting a
//! wide chart) and the search index.

use super::search::SearchIndex;
use super::{SiteFile, characters, font};
use crate::fonts::{FONT_BYTES, FONT_FAMILY};
use std::collections::BTreeSet;
use std::fmt::Write;

const STYLE: &str = include_str!("assets/site.css");
const SCRIPT: &str = include_str!("assets/site.js");
const FONT_FILE: &str = "assets/font.ttf";

/// The shared files for these pages and their search index.
pub fn asset_files(pages: &[SiteFile], search: &SearchIndex) -> Vec<SiteFile> {
    let chars = characters(pages);
    let font = font::subset(FONT_BYTES, &chars);
    let mut style = String::new();
    if font.is_some() {
        let _ = writeln!(
            style,
            "@font-face{{font-family:\"{FONT_FAMILY}\";src:url(font.ttf) format(\"truetype\");unicode-range:{};}}",
            unicode_range(&chars)
        );
    }
    style.push_str(STYLE);
    let mut files = vec![
        file("assets/site.css", style.into_bytes()),
        file("assets/site.js", SCRIPT.as_bytes().to_vec()),
        file("assets/search-index.js", search.script().into_bytes()),
    ];
    if let Some(font) = font {
        files.push(file(FONT_FILE, font));
    }
    files
}

fn file(path: &str, bytes: Vec<u8>) -> SiteFile {
    SiteFile {
        path: path.to_owned(),
        bytes,
    }
}

/// The characters as a CSS `unicode-range`: runs written `U+4E00-4E0A`.
fn unicode_range(chars: &BTreeSet<char>) -> String {
    let mut runs: Vec<(u32, u32)> = Vec::new();
    for c in chars.iter().map(|c| *c as u32).filter(|c| *c >= 0x20) {
        match runs.last_mut() {
            Some((_, end)) if *end + 1 == c => *end = c,
            _ => runs.push((c, c)),
        }
    }
    runs.iter()
        .map(|(a, b)| match a == b {
            true => format!("U+{a:X}"),
            false => format!("U+{a:X}-{b:X}"),
        })
        .collect::<Vec<_>>()
        .join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_of_characters_become_ranges() {
        let chars: BTreeSet<char> = "abcx关\n".chars().collect();
        assert_eq!(unicode_range(&chars), "U+61-63,U+78,U+5173");
    }
}
