//! What is kept between runs: recent files, language, theme, panels.

use crate::lang::Lang;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// How many recent files the File menu keeps.
pub const RECENT_LIMIT: usize = 10;

/// Light, dark, or as the system says.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeChoice {
    #[default]
    Light,
    Dark,
    System,
}

/// What is kept between runs (in eframe's storage, never in documents).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub recent: Vec<PathBuf>,
    /// `zh` or `en`; none: from the locale.
    pub language: Option<String>,
    pub theme: ThemeChoice,
    pub grid: bool,
    pub hide_table: bool,
    /// The folder of the last file chosen in a file dialog.
    pub last_folder: Option<PathBuf>,
}

impl Settings {
    pub fn lang(&self) -> Lang {
        match self.language.as_deref() {
            Some("zh") => Lang::Zh,
            Some("en") => Lang::En,
            _ => Lang::from_env(),
        }
    }

    /// Keeps `lang` as the interface language.
    pub fn set_lang(&mut self, lang: Lang) {
        self.language = Some(if lang == Lang::Zh { "zh" } else { "en" }.to_owned());
    }

    /// Puts a file at the top of the recent list.
    pub fn remember(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        self.recent.retain(|p| *p != path);
        self.recent.insert(0, path);
        self.recent.truncate(RECENT_LIMIT);
    }
}
