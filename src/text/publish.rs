//! Publishing's refusals and failures, worded.

use super::{S, fill, tr};
use crate::lang::Lang;
use crate::publish::PublishError;

impl PublishError {
    /// What went wrong, in `lang`; the path last.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            PublishError::Load(e) => e.message(lang),
            PublishError::Nothing => tr(lang, S::ErrPublishNothing).to_owned(),
            PublishError::IntoLibrary(path) => {
                fill(lang, S::ErrPublishIntoLibrary, &[("path", &path.display())])
            }
            PublishError::NotFolder(path) => {
                fill(lang, S::ErrPublishNotFolder, &[("path", &path.display())])
            }
            PublishError::Foreign { site, file } => fill(
                lang,
                S::ErrPublishForeign,
                &[("path", &site.display()), ("file", file)],
            ),
            PublishError::Clash { site, file } => fill(
                lang,
                S::ErrPublishClash,
                &[("path", &site.display()), ("file", file)],
            ),
            PublishError::Write { path, error } => fill(
                lang,
                S::ErrPublishWrite,
                &[("error", error), ("path", &path.display())],
            ),
        }
    }
}

impl std::fmt::Display for PublishError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn every_refusal_reads_in_both_languages_with_its_slots_filled() {
        let site = || PathBuf::from("/srv/手册");
        let errors = [
            PublishError::Nothing,
            PublishError::IntoLibrary(site()),
            PublishError::NotFolder(site()),
            PublishError::Foreign {
                site: site(),
                file: "notes.txt".into(),
            },
            PublishError::Clash {
                site: site(),
                file: "index.html".into(),
            },
            PublishError::Write {
                path: site(),
                error: std::io::Error::other("disk full"),
            },
        ];
        for e in errors {
            let (zh, en) = (e.message(Lang::Zh), e.message(Lang::En));
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) && zh != en,
                "{e:?}"
            );
            for text in [zh, en] {
                assert!(!text.contains('{'), "{e:?}: {text}");
            }
        }
    }
}
