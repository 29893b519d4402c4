//! Where each page of a site lives: file names made from process numbers
//! and department names that every file system accepts, unique even where
//! case does not count, and the same for the same library.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use std::collections::{BTreeMap, BTreeSet};

/// What stays as it is in a link: letters, digits and `. - _ /`.
const KEPT_IN_LINKS: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'.')
    .remove(b'-')
    .remove(b'_')
    .remove(b'/');

/// The longest part of a page's name taken from its text, in characters.
const MAX_NAME: usize = 40;

/// The page of each drawn entry and of each department, relative to the
/// site's root (`p/1.9.html`, `d/大区.html`).
#[derive(Debug, Default)]
pub struct SiteNames {
    processes: BTreeMap<usize, String>,
    departments: BTreeMap<String, String>,
}

impl SiteNames {
    /// Names for the entries (by catalogue index, with their numbers) and
    /// the departments, each given in a fixed order.
    pub fn new<'a>(
        entries: impl IntoIterator<Item = (usize, &'a str)>,
        departments: impl IntoIterator<Item = &'a str>,
    ) -> SiteNames {
        let mut taken = BTreeSet::new();
        let processes = entries
            .into_iter()
            .map(|(i, number)| (i, unique("p", number, &mut taken)))
            .collect();
        let departments = departments
            .into_iter()
            .map(|d| (d.to_owned(), unique("d", d, &mut taken)))
            .collect();
        SiteNames {
            processes,
            departments,
        }
    }

    /// The page of the entry at catalogue index `entry`, if it has one.
    pub fn process(&self, entry: usize) -> Option<&str> {
        self.processes.get(&entry).map(String::as_str)
    }

    /// The page of a department, if it has one.
    pub fn department(&self, name: &str) -> Option<&str> {
        self.departments.get(name).map(String::as_str)
    }
}

/// `folder/NAME.html` with NAME made from `text`, not yet in `taken`
/// (compared without case).
fn unique(folder: &str, text: &str, taken: &mut BTreeSet<String>) -> String {
    let base = file_stem(text);
    let mut name = base.clone();
    let mut n = 2;
    while !taken.insert(format!("{folder}/{}", name.to_lowercase())) {
        name = format!("{base}-{n}");
        n += 1;
    }
    format!("{folder}/{name}.html")
}

/// A file name from `text`: letters (of any script), digits, `.`, `-` and
/// `_` kept, everything else `_`, at most `MAX_NAME` characters, never
/// starting with a dot and never empty.
fn file_stem(text: &str) -> String {
    let kept: String = text
        .trim()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .take(MAX_NAME)
        .collect();
    let kept = kept.trim_end_matches('.');
    match kept.strip_prefix('.') {
        _ if kept.is_empty() => "_".to_owned(),
        Some(rest) => format!("_{rest}"),
        None if reserved_on_windows(kept) => format!("_{kept}"),
        None => kept.to_owned(),
    }
}

/// Names Windows keeps for devices, whatever their extension.
fn reserved_on_windows(stem: &str) -> bool {
    let upper = stem.to_ascii_uppercase();
    let device = upper.split('.').next().unwrap_or("");
    matches!(device, "CON" | "PRN" | "AUX" | "NUL")
        || (device.len() == 4
            && (device.starts_with("COM") || device.starts_with("LPT"))
            && device.ends_with(|c: char| c.is_ascii_digit()))
}

/// A site path as a link written in a page `depth` folders below the
/// root: `../` as many times, then the path with everything but letters,
/// digits and `. - _ /` percent-encoded.
pub fn link(depth: usize, path: &str) -> String {
    let mut out = "../".repeat(depth);
    out.extend(utf8_percent_encode(path, KEPT_IN_LINKS));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_safe_on_every_file_system_and_unique_without_case() {
        let names = SiteNames::new(
            [(0, "1.9"), (1, "1.9"), (2, "a/b:c"), (3, ".."), (4, "")],
            ["大区", "Sales", "sales", "CON"],
        );
        assert_eq!(names.process(0), Some("p/1.9.html"));
        assert_eq!(names.process(1), Some("p/1.9-2.html"));
        assert_eq!(names.process(2), Some("p/a_b_c.html"));
        assert_eq!(names.process(3), Some("p/_.html"));
        assert_eq!(names.process(4), Some("p/_-2.html"));
        assert_eq!(names.department("大区"), Some("d/大区.html"));
        assert_eq!(names.department("Sales"), Some("d/Sales.html"));
        assert_eq!(names.department("sales"), Some("d/sales-2.html"));
        assert_eq!(names.department("CON"), Some("d/_CON.html"));
        assert_eq!(names.process(9), None);
    }

    #[test]
    fn links_climb_to_the_root_and_encode_what_a_url_cannot_hold() {
        assert_eq!(link(1, "d/大区.html"), "../d/%E5%A4%A7%E5%8C%BA.html");
        assert_eq!(link(0, "p/1.9.html"), "p/1.9.html");
        assert_eq!(link(1, "p/a b#c.html"), "../p/a%20b%23c.html");
    }
}
