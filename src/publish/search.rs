//! The site's search index, built when publishing: every process, main
//! step and department, which the page's script matches by substring
//! (Chinese has no spaces between words). Written compact — a step names
//! its process by place — so that 2,000 processes stay within a few MB.

use serde::Serialize;

/// A process's page, heading (`1.9 关键客户开发`), owner and main steps.
#[derive(Clone, Debug, PartialEq)]
pub struct ProcessRecords {
    pub page: String,
    pub heading: String,
    pub owner: String,
    pub steps: Vec<StepRecord>,
}

/// A main step: its number (the row `#s-N` of its page), its title, and
/// the 要点 and outputs it is found by too.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StepRecord(pub u32, pub String, pub String);

/// The whole index: `{"p": [[page, heading, owner]], "s": [[process,
/// number, title, words]], "d": [[page, name, aliases]]}`.
#[derive(Debug, Default, Serialize)]
pub struct SearchIndex {
    p: Vec<(String, String, String)>,
    s: Vec<(usize, u32, String, String)>,
    d: Vec<(String, String, String)>,
}

impl SearchIndex {
    /// Adds a process and its steps.
    pub fn add_process(&mut self, records: ProcessRecords) {
        let at = self.p.len();
        self.p.push((records.page, records.heading, records.owner));
        for StepRecord(number, title, words) in records.steps {
            self.s.push((at, number, title, words));
        }
    }

    /// Adds a department's page, name and other names.
    pub fn add_department(&mut self, page: &str, name: &str, aliases: &[String]) {
        self.d
            .push((page.to_owned(), name.to_owned(), aliases.join("、")));
    }

    /// The index as a script that sets `FLOWCASE_SEARCH` (a script, not
    /// JSON fetched, so that it loads from `file://` too).
    pub fn script(&self) -> String {
        let json = serde_json::to_string(self).unwrap_or_else(|_| "{}".to_owned());
        // Nothing in a string may end a script early if pasted into a page.
        format!("window.FLOWCASE_SEARCH={};\n", json.replace("</", "<\\/"))
    }
}

/// A step's other texts as one line to match in: each text's whitespace
/// made one space, the texts apart by U+001F.
pub fn words(texts: &[&str]) -> String {
    let joined: Vec<String> = texts
        .iter()
        .filter(|t| !t.trim().is_empty())
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    joined.join("\u{1f}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_step_names_its_process_by_place_and_keeps_its_texts_on_one_line() {
        let mut index = SearchIndex::default();
        index.add_department("d/大区.html", "大区", &[]);
        index.add_process(ProcessRecords {
            page: "p/1.9.html".into(),
            heading: "1.9 关键客户开发".into(),
            owner: "特殊销售分部".into(),
            steps: vec![StepRecord(
                3,
                "拜访</script>".into(),
                words(&["要点\n第二行", "", "报告"]),
            )],
        });
        assert_eq!(
            index.script(),
            "window.FLOWCASE_SEARCH={\"p\":[[\"p/1.9.html\",\"1.9 关键客户开发\",\"特殊销售分部\"]],\
             \"s\":[[0,3,\"拜访<\\/script>\",\"要点 第二行\\u001f报告\"]],\
             \"d\":[[\"d/大区.html\",\"大区\",\"\"]]};\n"
        );
    }
}
