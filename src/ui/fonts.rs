//! The bundled font in egui: first for proportional text, so the screen
//! measures text exactly as the layout did; a fallback for monospace. The
//! system font fallback is added only where the system has fonts to offer.

use crate::fonts::FONT_BYTES;
use egui::{FontData, FontDefinitions, FontFamily};
use std::path::Path;
use std::sync::Arc;

/// Installs the bundled Noto Sans SC into a context.
pub fn install_fonts(ctx: &egui::Context) {
    ctx.set_fonts(font_definitions());
}

/// egui's default fonts with the bundled font put first (proportional) and
/// last (monospace).
pub fn font_definitions() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(
        "noto_sans_sc".to_owned(),
        Arc::new(FontData::from_static(FONT_BYTES)),
    );
    if let Some(list) = fonts.families.get_mut(&FontFamily::Proportional) {
        list.insert(0, "noto_sans_sc".to_owned());
    }
    if let Some(list) = fonts.families.get_mut(&FontFamily::Monospace) {
        list.push("noto_sans_sc".to_owned());
    }
    fonts
}

/// Whether looking for system fonts can succeed here: a fontconfig
/// configuration and at least one font file in the usual folders. On a
/// machine with no fonts, the system font provider fails while starting
/// (fontique cannot read fontconfig), so it is not installed there.
pub fn system_fonts_available() -> bool {
    let home = std::env::var_os("HOME").map(std::path::PathBuf::from);
    let mut folders = vec![
        std::path::PathBuf::from("/usr/share/fonts"),
        std::path::PathBuf::from("/usr/local/share/fonts"),
    ];
    if let Some(home) = home {
        folders.push(home.join(".fonts"));
        folders.push(home.join(".local/share/fonts"));
    }
    Path::new("/etc/fonts/fonts.conf").exists() && folders.iter().any(|f| has_font_file(f, 3))
}

/// True when `folder` (or a subfolder, up to `depth` levels) holds a font.
pub fn has_font_file(folder: &Path, depth: u32) -> bool {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return false;
    };
    entries.flatten().any(|entry| {
        let path = entry.path();
        if path.is_dir() {
            depth > 0 && has_font_file(&path, depth - 1)
        } else {
            path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                matches!(
                    e.to_ascii_lowercase().as_str(),
                    "ttf" | "otf" | "ttc" | "otc"
                )
            })
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_without_font_files_offers_no_system_fonts() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("truetype/empty")).unwrap();
        std::fs::write(dir.path().join("readme.txt"), "no fonts here").unwrap();
        assert!(!has_font_file(dir.path(), 3));
        std::fs::write(dir.path().join("truetype/empty/NotoSans.TTF"), b"x").unwrap();
        assert!(has_font_file(dir.path(), 3));
        assert!(
            !has_font_file(dir.path(), 1),
            "deeper than asked is not searched"
        );
        assert!(!has_font_file(&dir.path().join("missing"), 3));
    }

    #[test]
    fn the_bundled_font_comes_first_for_proportional_text() {
        let defs = font_definitions();
        let proportional = &defs.families[&FontFamily::Proportional];
        assert_eq!(
            proportional.first().map(String::as_str),
            Some("noto_sans_sc")
        );
        assert!(defs.families[&FontFamily::Monospace].contains(&"noto_sans_sc".to_owned()));
    }
}
