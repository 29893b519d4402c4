//! Rendering scenes to pixels: the scene's SVG through usvg and resvg, with
//! the bundled font. (PDF pages are drawn directly, in `pdf`.)

use super::svg::scene_to_svg;
use crate::fonts::{FONT_BYTES, FONT_FAMILY};
use crate::layout::{Color, Scene};
use std::sync::{Arc, OnceLock};

/// The largest picture rendered, per side and in all.
pub const MAX_SIDE_PX: u32 = 16_384;
pub const MAX_PIXELS: u64 = 100_000_000;

/// Why a picture or document could not be made.
#[derive(Debug)]
pub enum RenderError {
    TooLarge { width: u64, height: u64 },
    Svg(String),
    Png(String),
    Pdf(String),
}

/// The font database with the bundled font, built once.
fn font_db() -> Arc<usvg::fontdb::Database> {
    static DB: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        db.load_font_data(FONT_BYTES.to_vec());
        db.set_sans_serif_family(FONT_FAMILY);
        Arc::new(db)
    })
    .clone()
}

/// Parses SVG text with the bundled font available.
pub fn svg_tree(svg: &str) -> Result<usvg::Tree, RenderError> {
    let options = usvg::Options {
        font_family: FONT_FAMILY.to_owned(),
        fontdb: font_db(),
        ..usvg::Options::default()
    };
    usvg::Tree::from_str(svg, &options).map_err(|e| RenderError::Svg(e.to_string()))
}

/// Renders a scene to PNG bytes at `scale` × its size, on `background`
/// (`None`: transparent).
pub fn scene_to_png(
    scene: &Scene,
    scale: f32,
    background: Option<Color>,
) -> Result<Vec<u8>, RenderError> {
    let width = (scene.width * scale).ceil().max(1.0) as u64;
    let height = (scene.height * scale).ceil().max(1.0) as u64;
    if width > u64::from(MAX_SIDE_PX)
        || height > u64::from(MAX_SIDE_PX)
        || width * height > MAX_PIXELS
    {
        return Err(RenderError::TooLarge { width, height });
    }
    let tree = svg_tree(&scene_to_svg(scene, background))?;
    let mut pixmap = tiny_skia::Pixmap::new(width as u32, height as u32)
        .ok_or(RenderError::TooLarge { width, height })?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| RenderError::Png(e.to_string()))
}
