//! Every word Flowcase shows — the interface, warnings, refusals and
//! errors — in one key table (`keys.rs`): code names a key, `tr` picks its
//! text in a language and `fill` puts values into its `{name}` slots. The
//! model and the file format return data; this module words it.

mod analysis;
mod diff;
mod errors;
mod import;
mod keys;
mod library;
mod merge;
mod messages;
mod publish;
mod visio;

pub use keys::{S, tr};
pub use library::{drawn_status, left_out_lines, left_out_note, mentions_left};
pub use merge::{
    catalogue_conflict_words, conflict_words, field_words, note_words, subject_words, value_words,
};

use crate::lang::Lang;
use std::fmt::Display;

/// The text of `key` in `lang` with each `{name}` slot replaced by its
/// value. A slot without a value stays as it is.
pub fn fill(lang: Lang, key: S, values: &[(&str, &dyn Display)]) -> String {
    let mut text = tr(lang, key).to_owned();
    for (name, value) in values {
        let slot = format!("{{{name}}}");
        if text.contains(&slot) {
            text = text.replace(&slot, &value.to_string());
        }
    }
    text
}

/// "1 step" or "3 steps": `one` for exactly one, `many` (with an `{n}`
/// slot) otherwise.
pub fn count(lang: Lang, n: usize, one: S, many: S) -> String {
    match n {
        1 => tr(lang, one).to_owned(),
        _ => fill(lang, many, &[("n", &n)]),
    }
}

/// The responsibility table's title in a scheme: AECI表, RACI表 ….
pub fn table_title(lang: Lang, scheme: crate::model::scheme::SchemeName) -> String {
    match scheme {
        crate::model::scheme::SchemeName::AECI => tr(lang, S::SectionTable).to_owned(),
        other => fill(lang, S::SchemeTable, &[("scheme", &other.code())]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_has_text_in_both_languages() {
        for key in S::ALL {
            assert!(
                !tr(Lang::Zh, *key).is_empty(),
                "{key:?} has no Chinese text"
            );
            assert!(
                !tr(Lang::En, *key).is_empty(),
                "{key:?} has no English text"
            );
        }
        assert!(S::ALL.len() > 100);
    }

    #[test]
    fn both_languages_of_a_key_have_the_same_slots() {
        let slots = |text: &str| {
            let mut found: Vec<String> = text
                .split('{')
                .skip(1)
                .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_owned()))
                .collect();
            found.sort();
            found.dedup();
            found
        };
        for key in S::ALL {
            let (zh, en) = (slots(tr(Lang::Zh, *key)), slots(tr(Lang::En, *key)));
            // Chinese names lanes, phases and steps by number, English by id.
            let en: Vec<String> = en.into_iter().filter(|s| s != "id").collect();
            let zh: Vec<String> = zh
                .into_iter()
                .filter(|s| s != "n" || en.contains(s))
                .collect();
            assert_eq!(zh, en, "{key:?}");
        }
    }

    #[test]
    fn counts_say_one_step_and_two_warnings() {
        assert_eq!(count(Lang::En, 1, S::StepCountOne, S::StepCount), "1 step");
        assert_eq!(
            count(Lang::En, 2, S::WarningCountOne, S::WarningCount),
            "2 warnings"
        );
        assert_eq!(
            count(Lang::Zh, 1, S::WarningCountOne, S::WarningCount),
            "1 个警告"
        );
    }

    #[test]
    fn values_fill_their_slots() {
        assert_eq!(
            fill(
                Lang::En,
                S::WarnDecisionExits,
                &[("what", &"Step 3"), ("n", &1)]
            ),
            "Step 3 is a decision with 1 exit(s); it needs at least 2"
        );
    }
}
