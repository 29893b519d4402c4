//! The site's search index, built when publishing: every process, main
//! step and department as a record the page's script matches by
//! substring (Chinese has no spaces between words), lower-cased once here.

use serde::Serialize;

/// What a record is, for its mark in the list of results.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Kind {
    #[serde(rename = "p")]
    Process,
    #[serde(rename = "s")]
    Step,
    #[serde(rename = "d")]
    Department,
}

/// One thing the search can find: written as
/// `[kind, page, label, context, words]`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Record(Kind, String, String, String, String);

impl Record {
    /// A process: its page, `1.9 关键客户开发`, its owner.
    pub fn process(page: &str, heading: &str, owner: &str) -> Record {
        Record(
            Kind::Process,
            page.to_owned(),
            heading.to_owned(),
            owner.to_owned(),
            words(&[heading, owner]),
        )
    }

    /// A main step: its row on its process's page, `3 title`, the
    /// process's heading, and its 要点 and outputs.
    pub fn step(page: &str, label: &str, process: &str, texts: &[&str]) -> Record {
        let mut all = vec![label];
        all.extend_from_slice(texts);
        Record(
            Kind::Step,
            page.to_owned(),
            label.to_owned(),
            process.to_owned(),
            words(&all),
        )
    }

    /// A department: its page, its name, the other names it goes by.
    pub fn department(page: &str, name: &str, aliases: &[String]) -> Record {
        let mut all = vec![name];
        all.extend(aliases.iter().map(String::as_str));
        Record(
            Kind::Department,
            page.to_owned(),
            name.to_owned(),
            aliases.join("、"),
            words(&all),
        )
    }
}

/// Texts as one lower-cased line to match in, each text's lines joined.
fn words(texts: &[&str]) -> String {
    let joined: Vec<String> = texts
        .iter()
        .filter(|t| !t.trim().is_empty())
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    joined.join("\u{1f}").to_lowercase()
}

/// The index as a script that sets `FLOWCASE_SEARCH` (a script, not JSON
/// fetched, so that it loads from `file://` too).
pub fn index_script(records: &[Record]) -> String {
    let json = serde_json::to_string(records).unwrap_or_else(|_| "[]".to_owned());
    // Nothing in a string may end the script early if pasted into a page.
    format!("window.FLOWCASE_SEARCH={};\n", json.replace("</", "<\\/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_step_is_found_by_any_of_its_texts_lower_cased() {
        let r = Record::step(
            "p/1.9.html#s-3",
            "3 Visit the Customer",
            "1.9 关键客户开发",
            &["要点\n第二行", "报告"],
        );
        assert_eq!(r.4, "3 visit the customer\u{1f}要点 第二行\u{1f}报告");
        let script = index_script(&[r]);
        assert!(script.starts_with("window.FLOWCASE_SEARCH=[[\"s\",\"p/1.9.html#s-3\""));
    }
}
