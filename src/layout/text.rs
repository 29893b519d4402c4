//! Text measurement with the bundled font's own advances, and line breaking
//! the way egui breaks (between CJK characters, after spaces, never before
//! closing punctuation), so a title wraps the same on screen and in export.

use crate::fonts::FONT_BYTES;
use std::sync::OnceLock;
use unicode_width::UnicodeWidthChar;

/// Widths may exceed the limit by this much, as in egui.
const TOLERANCE: f32 = 0.5;

struct FontMetrics {
    face: Option<ttf_parser::Face<'static>>,
    units_per_em: f32,
    ascender: f32,
    descender: f32,
    line_gap: f32,
}

fn metrics() -> &'static FontMetrics {
    static METRICS: OnceLock<FontMetrics> = OnceLock::new();
    METRICS.get_or_init(|| match ttf_parser::Face::parse(FONT_BYTES, 0) {
        Ok(face) => FontMetrics {
            units_per_em: f32::from(face.units_per_em()),
            ascender: f32::from(face.ascender()),
            descender: f32::from(face.descender()),
            line_gap: f32::from(face.line_gap()),
            face: Some(face),
        },
        // The font is compiled in, so this cannot happen; measure with
        // typical proportions rather than fail.
        Err(_) => FontMetrics {
            face: None,
            units_per_em: 1000.0,
            ascender: 1160.0,
            descender: -288.0,
            line_gap: 0.0,
        },
    })
}

/// The advance of one character in em, looked up in the font.
fn advance_em(c: char) -> f32 {
    let m = metrics();
    let advance = m
        .face
        .as_ref()
        .and_then(|f| f.glyph_index(c).and_then(|g| f.glyph_hor_advance(g)))
        .map(f32::from);
    match advance {
        Some(units) => units / m.units_per_em,
        // Outside the subset: a fallback font will draw it; guess its width.
        None => match c.width() {
            Some(2) => 1.0,
            Some(0) | None => 0.0,
            _ => 0.55,
        },
    }
}

/// Advances of every character of the Basic Multilingual Plane, in em,
/// looked up once (text is measured on every layout, so this is hot).
fn bmp_advances() -> &'static [f32] {
    static TABLE: OnceLock<Vec<f32>> = OnceLock::new();
    TABLE.get_or_init(|| {
        (0u32..0x1_0000)
            .map(|u| char::from_u32(u).map_or(0.0, advance_em))
            .collect()
    })
}

/// The advance of one character at `size` pixels.
pub fn char_width(c: char, size: f32) -> f32 {
    let em = match bmp_advances().get(c as usize) {
        Some(em) => *em,
        None => advance_em(c),
    };
    em * size
}

/// The bundled font's glyph for a character and its advance in em; glyph 0
/// (the font's "missing" glyph) for characters outside the subset. The PDF
/// writer places glyphs with these, so PDF text matches the measured layout.
pub fn glyph_and_advance(c: char) -> (u16, f32) {
    let glyph = metrics()
        .face
        .as_ref()
        .and_then(|f| f.glyph_index(c))
        .map_or(0, |g| g.0);
    (glyph, char_width(c, 1.0))
}

/// The width of a single line of text at `size` pixels.
pub fn text_width(text: &str, size: f32) -> f32 {
    text.chars().map(|c| char_width(c, size)).sum()
}

/// Distance between baselines of consecutive lines.
pub fn line_height(size: f32) -> f32 {
    let m = metrics();
    (m.ascender - m.descender + m.line_gap) / m.units_per_em * size
}

/// Distance from the top of a line to its baseline.
pub fn ascent(size: f32) -> f32 {
    let m = metrics();
    m.ascender / m.units_per_em * size
}

/// Characters that may not start a line.
fn closes(c: char) -> bool {
    "，。、；：？！）》」』】〉〕〗”’…—·%,.;:?!)]}>".contains(c)
}

/// Characters that may not end a line.
fn opens(c: char) -> bool {
    "（《「『【〈〔〖“‘([{<".contains(c)
}

/// Characters between which a line may break: CJK and other wide
/// characters (and CJK quotes) stand alone; everything else, ASCII
/// punctuation included, forms words, so `50,000` stays whole.
fn stands_alone(c: char) -> bool {
    c.width() == Some(2) || (!c.is_ascii() && (closes(c) || opens(c)))
}

/// Breaks text into lines no wider than `max_width` (plus egui's 0.5 px
/// tolerance). Explicit newlines always break; a word longer than a line is
/// broken between characters. Leading and trailing spaces of lines are
/// dropped.
pub fn break_lines(text: &str, size: f32, max_width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        break_paragraph(paragraph, size, max_width, &mut lines);
    }
    lines
}

fn break_paragraph(text: &str, size: f32, max_width: f32, lines: &mut Vec<String>) {
    // Units are the pieces between break opportunities.
    let mut units: Vec<String> = Vec::new();
    let mut glue_next = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let mut piece = String::from(c);
        if !c.is_whitespace() && !stands_alone(c) {
            while let Some(&n) = chars.peek() {
                if n.is_whitespace() || stands_alone(n) {
                    break;
                }
                piece.push(n);
                chars.next();
            }
        }
        let first = piece.chars().next().unwrap_or(' ');
        let attach = glue_next || (closes(first) && !units.is_empty());
        glue_next = opens(c);
        match units.last_mut() {
            Some(last) if attach && !first.is_whitespace() => last.push_str(&piece),
            _ => units.push(piece),
        }
    }

    let mut line = String::new();
    let mut width = 0.0;
    for unit in units {
        let is_space = unit.chars().all(char::is_whitespace);
        if line.is_empty() && is_space {
            continue;
        }
        let w = text_width(&unit, size);
        if width + w <= max_width + TOLERANCE {
            line.push_str(&unit);
            width += w;
            continue;
        }
        if !line.is_empty() {
            lines.push(line.trim_end().to_owned());
            line.clear();
            width = 0.0;
            if is_space {
                continue;
            }
        }
        if w <= max_width + TOLERANCE {
            line.push_str(&unit);
            width = w;
            continue;
        }
        // A unit wider than a whole line: break it between characters.
        for c in unit.chars() {
            let cw = char_width(c, size);
            if width + cw > max_width + TOLERANCE && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                width = 0.0;
            }
            line.push(c);
            width += cw;
        }
    }
    let last = line.trim_end();
    if !last.is_empty() {
        lines.push(last.to_owned());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_titles_break_between_characters_within_the_width() {
        let size = 13.0;
        let max = 8.0 * size; // eight characters
        let lines = break_lines("设计关键客户确定的原则和专项商务方法", size, max);
        assert_eq!(lines, ["设计关键客户确定", "的原则和专项商务", "方法"]);
        for l in &lines {
            assert!(text_width(l, size) <= max + TOLERANCE);
        }
    }

    #[test]
    fn closing_punctuation_never_starts_a_line() {
        let size = 13.0;
        let lines = break_lines("甲乙丙丁戊己庚辛，壬癸", size, 8.0 * size);
        assert!(lines.iter().all(|l| !l.starts_with('，')), "{lines:?}");
        assert_eq!(lines[0], "甲乙丙丁戊己庚");
        assert_eq!(lines[1], "辛，壬癸");
    }

    #[test]
    fn numbers_with_commas_stay_whole() {
        let size = 12.0;
        let text = "Orders above 50,000 also need";
        let lines = break_lines(text, size, text_width("Orders above 50,", size));
        assert_eq!(lines, ["Orders above", "50,000 also need"]);
    }

    #[test]
    fn latin_words_stay_whole_where_they_fit() {
        let size = 13.0;
        let lines = break_lines(
            "Submit purchase request",
            size,
            text_width("Submit purchase", size),
        );
        assert_eq!(lines, ["Submit purchase", "request"]);
        let long = break_lines("Supercalifragilistic", size, 40.0);
        assert!(long.len() > 1);
        assert_eq!(long.concat(), "Supercalifragilistic");
    }

    #[test]
    fn mixed_text_breaks_before_a_latin_word_not_inside_it() {
        let size = 13.0;
        let lines = break_lines("提交Purchase请求", size, text_width("提交Purch", size));
        assert_eq!(lines[0], "提交");
        assert!(lines[1].starts_with("Purchase"), "{lines:?}");
        assert_eq!(lines.concat(), "提交Purchase请求");
    }

    #[test]
    fn the_font_measures_cjk_at_one_em_and_latin_narrower() {
        assert!((char_width('关', 10.0) - 10.0).abs() < 0.01);
        let i = char_width('i', 10.0);
        assert!(i > 1.0 && i < 5.0, "{i}");
        assert!(line_height(10.0) > 10.0);
    }
}
