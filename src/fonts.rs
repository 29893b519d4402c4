//! The bundled CJK font: its bytes, shared by the layout's text
//! measurement, the editor and every export.

/// Noto Sans SC Regular, subset (see `assets/fonts/README.md`).
pub static FONT_BYTES: &[u8] = include_bytes!("../assets/fonts/NotoSansSC-Regular.ttf");

/// The family name the font declares; exports refer to it by this name.
pub const FONT_FAMILY: &str = "Noto Sans SC";
