//! Changing the open library's role scheme from the 流程清单 tab: every
//! file or none, one step of the tab's undo, the open tabs read again.

use super::{DocView, Shell};
use crate::library::change_scheme;
use crate::model::scheme::SchemeName;
use crate::text::{S, fill};

impl<V: DocView> Shell<V> {
    /// Writes every process and the catalogue of the open library in
    /// scheme `to`; refused (nothing written) when a letter has no
    /// counterpart or a tab of the library has unsaved changes.
    pub fn change_library_scheme(&mut self, to: SchemeName) {
        let lang = self.lang;
        let Some(open) = &mut self.library else {
            return;
        };
        let changes = match change_scheme(&open.library, to) {
            Ok(c) if c.is_empty() => return,
            Ok(c) => c,
            Err(e) => {
                open.message = Some(e.message(lang));
                return;
            }
        };
        let Some((result, reloaded)) = self.write_library_changes(&changes, S::LibEditScheme)
        else {
            return;
        };
        let n = changes.len();
        let mut message = match result {
            Ok(()) => fill(lang, S::SchemeChanged, &[("scheme", &to.code()), ("n", &n)]),
            Err(e) => e.message(lang),
        };
        if let Err(e) = reloaded {
            message = format!("{message}; {e}");
        }
        if let Some(open) = &mut self.library {
            open.message = Some(message);
        }
    }
}
