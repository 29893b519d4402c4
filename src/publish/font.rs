//! The bundled font cut down to the characters a site shows: every glyph
//! keeps its number (so the character map and the layout tables stay as
//! they are) and every glyph not needed loses its outline, which shrinks
//! the file from megabytes to what the pages use.

use std::collections::BTreeSet;

/// A composite glyph's flags (OpenType `glyf`).
const ARGS_ARE_WORDS: u16 = 0x0001;
const HAS_SCALE: u16 = 0x0008;
const MORE_COMPONENTS: u16 = 0x0020;
const HAS_XY_SCALE: u16 = 0x0040;
const HAS_TWO_BY_TWO: u16 = 0x0080;

/// How deep composite glyphs may nest before the rest is left out.
const MAX_NESTING: usize = 8;

/// `font` with only the outlines of `chars` (and of glyph 0, what a
/// missing glyph shows); `None` when the font is not a TrueType font this
/// can read.
pub fn subset(font: &[u8], chars: &BTreeSet<char>) -> Option<Vec<u8>> {
    let face = ttf_parser::Face::parse(font, 0).ok()?;
    let tables = Tables::read(font)?;
    let head = tables.get(font, b"head")?;
    let long_loca = i16::from_be_bytes([*head.get(50)?, *head.get(51)?]) == 1;
    let glyphs = usize::from(u16::from_be_bytes(
        tables.get(font, b"maxp")?.get(4..6)?.try_into().ok()?,
    ));
    let loca = loca(tables.get(font, b"loca")?, glyphs, long_loca)?;
    let glyf = tables.get(font, b"glyf")?;
    // Glyphs no character maps to are what shaping substitutes (ligatures
    // such as ﬁ, alternate digits): they are few, and all kept.
    let mut keep: BTreeSet<u16> = (0..u16::try_from(glyphs).unwrap_or(u16::MAX)).collect();
    for g in mapped_glyphs(&face) {
        keep.remove(&g);
    }
    keep.insert(0);
    keep.extend(
        chars
            .iter()
            .filter_map(|c| face.glyph_index(*c))
            .map(|g| g.0),
    );
    let keep = with_components(glyf, &loca, keep);
    let (new_glyf, new_loca) = cut(glyf, &loca, &keep)?;
    let mut new_head = head.to_vec();
    new_head.get_mut(8..12)?.copy_from_slice(&[0; 4]);
    new_head
        .get_mut(50..52)?
        .copy_from_slice(&1i16.to_be_bytes());
    let parts: Vec<([u8; 4], Vec<u8>)> = tables
        .records
        .iter()
        .map(|(tag, range)| {
            let bytes = match tag {
                b"glyf" => new_glyf.clone(),
                b"loca" => new_loca.clone(),
                b"head" => new_head.clone(),
                _ => font.get(range.clone()).unwrap_or_default().to_vec(),
            };
            (*tag, bytes)
        })
        .collect();
    Some(assemble(font.get(0..12)?, &parts))
}

/// Every glyph the font's character map reaches.
fn mapped_glyphs(face: &ttf_parser::Face) -> BTreeSet<u16> {
    let mut mapped = BTreeSet::new();
    let Some(cmap) = face.tables().cmap else {
        return mapped;
    };
    for table in cmap.subtables {
        if !table.is_unicode() {
            continue;
        }
        table.codepoints(|cp| {
            if let Some(g) = table.glyph_index(cp) {
                mapped.insert(g.0);
            }
        });
    }
    mapped
}

/// A font's table directory: each table's tag and bytes' range.
struct Tables {
    records: Vec<([u8; 4], std::ops::Range<usize>)>,
}

impl Tables {
    fn read(font: &[u8]) -> Option<Tables> {
        let count = usize::from(u16::from_be_bytes(font.get(4..6)?.try_into().ok()?));
        let mut records = Vec::with_capacity(count);
        for i in 0..count {
            let at = 12 + 16 * i;
            let record = font.get(at..at + 16)?;
            let tag: [u8; 4] = record.get(0..4)?.try_into().ok()?;
            let offset = u32::from_be_bytes(record.get(8..12)?.try_into().ok()?) as usize;
            let length = u32::from_be_bytes(record.get(12..16)?.try_into().ok()?) as usize;
            font.get(offset..offset.checked_add(length)?)?;
            records.push((tag, offset..offset + length));
        }
        Some(Tables { records })
    }

    fn get<'f>(&self, font: &'f [u8], tag: &[u8; 4]) -> Option<&'f [u8]> {
        let (_, range) = self.records.iter().find(|(t, _)| t == tag)?;
        font.get(range.clone())
    }
}

/// The glyph offsets, one more than there are glyphs.
fn loca(table: &[u8], glyphs: usize, long: bool) -> Option<Vec<usize>> {
    (0..=glyphs)
        .map(|i| {
            if long {
                let b = table.get(i * 4..i * 4 + 4)?;
                Some(u32::from_be_bytes(b.try_into().ok()?) as usize)
            } else {
                let b = table.get(i * 2..i * 2 + 2)?;
                Some(usize::from(u16::from_be_bytes(b.try_into().ok()?)) * 2)
            }
        })
        .collect()
}

/// `keep` with the glyphs its composite glyphs are made of.
fn with_components(glyf: &[u8], loca: &[usize], keep: BTreeSet<u16>) -> BTreeSet<u16> {
    let mut all = keep.clone();
    let mut todo: Vec<(u16, usize)> = keep.into_iter().map(|g| (g, 0)).collect();
    while let Some((glyph, depth)) = todo.pop() {
        if depth >= MAX_NESTING {
            continue;
        }
        for part in components(glyph_bytes(glyf, loca, glyph)) {
            if all.insert(part) {
                todo.push((part, depth + 1));
            }
        }
    }
    all
}

fn glyph_bytes<'g>(glyf: &'g [u8], loca: &[usize], glyph: u16) -> &'g [u8] {
    let i = usize::from(glyph);
    match (loca.get(i), loca.get(i + 1)) {
        (Some(&start), Some(&end)) if start < end => glyf.get(start..end).unwrap_or_default(),
        _ => &[],
    }
}

/// The glyphs a composite glyph is made of (none for a simple one).
fn components(glyph: &[u8]) -> Vec<u16> {
    let read = |at: usize| {
        glyph
            .get(at..at + 2)
            .map(|b| u16::from_be_bytes([b[0], b[1]]))
    };
    let Some(contours) = read(0) else {
        return Vec::new();
    };
    if (contours as i16) >= 0 {
        return Vec::new();
    }
    let mut parts = Vec::new();
    let mut at = 10;
    while let (Some(flags), Some(part)) = (read(at), read(at + 2)) {
        parts.push(part);
        at += 4 + if flags & ARGS_ARE_WORDS != 0 { 4 } else { 2 };
        at += match () {
            _ if flags & HAS_SCALE != 0 => 2,
            _ if flags & HAS_XY_SCALE != 0 => 4,
            _ if flags & HAS_TWO_BY_TWO != 0 => 8,
            _ => 0,
        };
        if flags & MORE_COMPONENTS == 0 {
            break;
        }
    }
    parts
}

/// The `glyf` table with only the kept glyphs' outlines, and its long
/// `loca`.
fn cut(glyf: &[u8], loca: &[usize], keep: &BTreeSet<u16>) -> Option<(Vec<u8>, Vec<u8>)> {
    let glyphs = loca.len().checked_sub(1)?;
    let mut new_glyf = Vec::new();
    let mut new_loca = Vec::with_capacity(loca.len() * 4);
    for g in 0..glyphs {
        new_loca.extend_from_slice(&u32::try_from(new_glyf.len()).ok()?.to_be_bytes());
        if u16::try_from(g).is_ok_and(|g| keep.contains(&g)) {
            new_glyf.extend_from_slice(glyph_bytes(glyf, loca, g as u16));
            while new_glyf.len() % 4 != 0 {
                new_glyf.push(0);
            }
        }
    }
    new_loca.extend_from_slice(&u32::try_from(new_glyf.len()).ok()?.to_be_bytes());
    Some((new_glyf, new_loca))
}

/// A font file from its header and tables: each table 4-byte aligned with
/// its checksum, and the whole file's in `head`.
fn assemble(header: &[u8], tables: &[([u8; 4], Vec<u8>)]) -> Vec<u8> {
    let mut out = header.to_vec();
    let mut offset = 12 + 16 * tables.len();
    let mut head_at = None;
    for (tag, bytes) in tables {
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(bytes).to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(bytes.len() as u32).to_be_bytes());
        if tag == b"head" {
            head_at = Some(offset);
        }
        offset += bytes.len().div_ceil(4) * 4;
    }
    for (_, bytes) in tables {
        out.extend_from_slice(bytes);
        out.resize(out.len().div_ceil(4) * 4, 0);
    }
    if let Some(at) = head_at {
        let adjust = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
        if let Some(slot) = out.get_mut(at + 8..at + 12) {
            slot.copy_from_slice(&adjust.to_be_bytes());
        }
    }
    out
}

/// The OpenType checksum: the sum of big-endian 32-bit words.
fn checksum(bytes: &[u8]) -> u32 {
    bytes.chunks(4).fold(0u32, |sum, chunk| {
        let mut word = [0u8; 4];
        word[..chunk.len()].copy_from_slice(chunk);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::FONT_BYTES;

    #[test]
    fn the_cut_font_draws_the_characters_kept_and_is_a_fraction_of_the_size() {
        let chars: BTreeSet<char> = "关键客户开发 Sales 1.9".chars().collect();
        let small = subset(FONT_BYTES, &chars).expect("the bundled font is TrueType");
        assert!(small.len() < FONT_BYTES.len() / 10, "{} bytes", small.len());
        let face = ttf_parser::Face::parse(&small, 0).expect("the cut font parses");
        let outline = |c: char| {
            let glyph = face.glyph_index(c).expect("the character map is kept");
            face.glyph_bounding_box(glyph).is_some()
        };
        assert!(outline('关') && outline('S') && outline('9'));
        // What shaping puts in place of characters (ligatures such as
        // "fi", alternates) is reached by no character, and stays.
        let original = ttf_parser::Face::parse(FONT_BYTES, 0).expect("the bundled font parses");
        let mapped = mapped_glyphs(&original);
        let shaped: Vec<u16> = (1..original.number_of_glyphs())
            .filter(|g| !mapped.contains(g))
            .filter(|g| {
                original
                    .glyph_bounding_box(ttf_parser::GlyphId(*g))
                    .is_some()
            })
            .collect();
        assert!(!shaped.is_empty(), "the font has ligatures");
        for g in shaped {
            assert!(
                face.glyph_bounding_box(ttf_parser::GlyphId(g)).is_some(),
                "glyph {g}"
            );
        }
        assert!(!outline('龙'), "a character not kept has no outline");
    }
}
