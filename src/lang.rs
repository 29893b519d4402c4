//! The two languages of the interface and of messages.

/// A language the user can read Flowcase in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    /// 简体中文 (the default for our users).
    #[default]
    Zh,
    En,
}

impl Lang {
    /// Chinese when the locale variables (LC_ALL, LC_MESSAGES, LANG) name a
    /// Chinese locale, English otherwise.
    pub fn from_locale_vars(get: impl Fn(&str) -> Option<String>) -> Lang {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|v| get(v))
            .find(|v| !v.is_empty())
            .unwrap_or_default();
        if locale.to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// The language of this process's environment.
    pub fn from_env() -> Lang {
        Lang::from_locale_vars(|name| std::env::var(name).ok())
    }
}
