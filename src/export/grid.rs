//! Tables drawn as scenes: cells with wrapped text, a repeated header row,
//! and pagination by measured row heights. The AECI table and the overview
//! form are both grids.

use super::pptx_slide::{SlideTable, TableRow};
use crate::layout::text::{ascent, break_lines, line_height, text_width};
use crate::layout::{Color, Point, Rect, Scene, Shape, Stroke, TextLine};
use std::ops::Range;

/// How a column's text sits in its cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub title: String,
    pub width: f32,
    pub align: Align,
}

/// Colours and sizes of a grid.
#[derive(Clone, Debug, PartialEq)]
pub struct GridStyle {
    pub text_size: f32,
    pub padding: f32,
    pub min_row_height: f32,
    pub ink: Color,
    pub header_fill: Color,
    pub header_ink: Color,
    /// Fill of the first column when it holds labels (the overview form).
    pub label_fill: Option<Color>,
    pub row_fills: [Color; 2],
    pub rule: Color,
}

impl Default for GridStyle {
    fn default() -> Self {
        GridStyle {
            text_size: 11.0,
            padding: 5.0,
            min_row_height: 22.0,
            ink: Color::rgb(0x1f, 0x29, 0x37),
            header_fill: Color::rgb(0x1e, 0x4e, 0x8c),
            header_ink: Color::WHITE,
            label_fill: None,
            row_fills: [Color::WHITE, Color::rgb(0xf3, 0xf6, 0xfa)],
            rule: Color::rgb(0xa8, 0xb8, 0xcf),
        }
    }
}

/// How one row is drawn.
#[derive(Clone, Copy)]
struct RowLook {
    fill: Color,
    ink: Color,
    /// Shade the first column as labels.
    label_column: bool,
    /// Centre every cell vertically, at the header's text sizes (the
    /// header row).
    middle: bool,
    /// The row's index, for its own fills (none for the header).
    row: Option<usize>,
}

/// A grid with every cell's text broken into lines.
#[derive(Clone, Debug, PartialEq)]
pub struct Grid {
    pub columns: Vec<Column>,
    pub style: GridStyle,
    /// The header's lines per column and its height; `None` for no header.
    header: Option<(Vec<Vec<String>>, f32)>,
    /// The header's text size per column: smaller where a word of its title
    /// would not fit the column whole.
    header_sizes: Vec<f32>,
    rows: Vec<(Vec<Vec<String>>, f32)>,
    /// Each row's cells as given, before breaking (for a native table that
    /// breaks them itself); `None` for the pieces of a row cut in parts.
    texts: Vec<Option<Vec<String>>>,
    /// Each row's own cell fills (a heat map's), where given; empty for
    /// the style's.
    fills: Vec<Vec<Option<Color>>>,
}

/// The smallest a header's text shrinks to for its words to fit.
const MIN_HEADER_SIZE: f32 = 4.0;

/// The text size at which every word of `title` fits a column `width`
/// wide whole: the style's, or smaller (by half points, down to
/// `MIN_HEADER_SIZE`) for a word too long, so a header breaks between
/// words, never inside one.
fn whole_words_size(title: &str, style: &GridStyle, width: f32) -> f32 {
    // Words of narrow letters; wide (CJK) characters break anywhere.
    let wide = |c: char| unicode_width::UnicodeWidthChar::width(c) == Some(2);
    let words: Vec<&str> = title
        .split(|c: char| c.is_whitespace() || wide(c))
        .filter(|w| !w.is_empty())
        .collect();
    let longest = |size: f32| {
        words
            .iter()
            .map(|w| text_width(w, size))
            .fold(0.0_f32, f32::max)
    };
    let mut size = style.text_size;
    while size > MIN_HEADER_SIZE && longest(size) > width - 2.0 * style.padding {
        size -= 0.5;
    }
    size
}

impl Grid {
    /// Lays out the cells. `rows[i][c]` is the text of column `c`.
    pub fn new(columns: Vec<Column>, header: bool, rows: &[Vec<String>], style: GridStyle) -> Grid {
        let wrap = |cells: &[String], style: &GridStyle| -> (Vec<Vec<String>>, f32) {
            let lines: Vec<Vec<String>> = columns
                .iter()
                .enumerate()
                .map(|(c, col)| {
                    let text = cells.get(c).map(String::as_str).unwrap_or("");
                    let inner = (col.width - 2.0 * style.padding).max(style.text_size);
                    break_lines(text, style.text_size, inner)
                })
                .collect();
            let tallest = lines.iter().map(Vec::len).max().unwrap_or(0).max(1);
            let height = (tallest as f32 * line_height(style.text_size) + 2.0 * style.padding)
                .max(style.min_row_height);
            (lines, height)
        };
        let header_sizes: Vec<f32> = columns
            .iter()
            .map(|c| whole_words_size(&c.title, &style, c.width))
            .collect();
        let header = header.then(|| {
            let lines: Vec<Vec<String>> = columns
                .iter()
                .zip(&header_sizes)
                .map(|(col, size)| {
                    let inner = (col.width - 2.0 * style.padding).max(*size);
                    break_lines(&col.title, *size, inner)
                })
                .collect();
            let height = lines
                .iter()
                .zip(&header_sizes)
                .map(|(l, size)| l.len().max(1) as f32 * line_height(*size))
                .fold(0.0_f32, f32::max);
            let height = (height + 2.0 * style.padding).max(style.min_row_height);
            (lines, height)
        });
        let texts = rows.iter().map(|r| Some(r.clone())).collect();
        let fills = vec![Vec::new(); rows.len()];
        let rows = rows.iter().map(|r| wrap(r, &style)).collect();
        Grid {
            columns,
            style,
            header,
            header_sizes,
            rows,
            texts,
            fills,
        }
    }

    /// The grid with cells filled as `fills[row][column]` says (`None`:
    /// the style's), and their text white where the fill is dark.
    pub fn with_fills(mut self, fills: Vec<Vec<Option<Color>>>) -> Grid {
        for (row, given) in self.fills.iter_mut().zip(fills) {
            *row = given;
        }
        self
    }

    /// The fill and ink of cell `column` of row `row`, given the row's.
    fn cell_look(&self, row: usize, column: usize, fill: Color, ink: Color) -> (Color, Color) {
        match self.fills.get(row).and_then(|r| r.get(column)).copied() {
            Some(Some(own)) => {
                let light =
                    299 * u32::from(own.r) + 587 * u32::from(own.g) + 114 * u32::from(own.b);
                let ink = if light < 128_000 { Color::WHITE } else { ink };
                (own, ink)
            }
            _ => (fill, ink),
        }
    }

    pub fn width(&self) -> f32 {
        self.columns.iter().map(|c| c.width).sum()
    }

    pub fn row_count(&self) -> usize {
        self.rows.len()
    }

    pub fn header_height(&self) -> f32 {
        self.header.as_ref().map_or(0.0, |(_, h)| *h)
    }

    /// Height of the header and the given rows.
    pub fn height(&self, rows: Range<usize>) -> f32 {
        self.header_height() + self.rows[rows].iter().map(|(_, h)| h).sum::<f32>()
    }

    /// Cuts every row taller than `limit` (with the header above it) into
    /// rows that fit, each holding the next lines of every cell, so that no
    /// text runs off a page.
    pub fn split_tall_rows(&mut self, limit: f32) {
        let lh = line_height(self.style.text_size);
        self.cap_header(limit / 3.0);
        let room = limit - self.header_height() - 2.0 * self.style.padding;
        let per_row = ((room / lh).floor() as usize).max(1);
        let style = &self.style;
        let height = |lines: &[Vec<String>]| {
            let tallest = lines.iter().map(Vec::len).max().unwrap_or(0).max(1);
            (tallest as f32 * lh + 2.0 * style.padding).max(style.min_row_height)
        };
        let mut rows = Vec::with_capacity(self.rows.len());
        let mut texts = Vec::with_capacity(self.rows.len());
        let mut fills = Vec::with_capacity(self.rows.len());
        let given = std::mem::take(&mut self.texts);
        let own = std::mem::take(&mut self.fills);
        let old = std::mem::take(&mut self.rows);
        for (((lines, h), text), fill) in old.into_iter().zip(given).zip(own) {
            let tallest = lines.iter().map(Vec::len).max().unwrap_or(0);
            if h <= limit - self.header_height() || tallest <= per_row {
                rows.push((lines, h));
                texts.push(text);
                fills.push(fill);
                continue;
            }
            for start in (0..tallest).step_by(per_row) {
                let piece: Vec<Vec<String>> = lines
                    .iter()
                    .map(|cell| cell.iter().skip(start).take(per_row).cloned().collect())
                    .collect();
                let h = height(&piece);
                rows.push((piece, h));
                texts.push(None);
                fills.push(fill.clone());
            }
        }
        self.rows = rows;
        self.texts = texts;
        self.fills = fills;
    }

    /// Keeps the header row within `limit`: a column title too long for
    /// that (a name of a hundred characters in a narrow column) shows its
    /// first lines and ends in "…".
    fn cap_header(&mut self, limit: f32) {
        let lh = line_height(self.style.text_size);
        let padding = self.style.padding;
        let Some((lines, height)) = &mut self.header else {
            return;
        };
        if *height <= limit {
            return;
        }
        let keep = (((limit - 2.0 * padding) / lh).floor() as usize).max(1);
        for cell in lines.iter_mut().filter(|cell| cell.len() > keep) {
            cell.truncate(keep);
            if let Some(last) = cell.last_mut() {
                last.pop();
                last.push('…');
            }
        }
        *height = (keep as f32 * lh + 2.0 * padding).max(self.style.min_row_height);
    }

    /// Splits the rows into pages no taller than `first` (the first page)
    /// and `rest` (the others), each page repeating the header. A row taller
    /// than a page gets a page of its own.
    pub fn paginate(&self, first: f32, rest: f32) -> Vec<Range<usize>> {
        let mut pages = Vec::new();
        let mut start = 0;
        let mut used = self.header_height();
        let mut limit = first;
        for (i, (_, h)) in self.rows.iter().enumerate() {
            if used + h > limit && i > start {
                pages.push(start..i);
                start = i;
                used = self.header_height();
                limit = rest;
            }
            used += h;
        }
        if start < self.rows.len() || pages.is_empty() {
            pages.push(start..self.rows.len());
        }
        pages
    }

    /// The header and the given rows as a native slide table at `origin`,
    /// with the fills and inks `draw` paints.
    pub fn slide_table(&self, rows: Range<usize>, origin: Point) -> SlideTable {
        let s = &self.style;
        let cells = |lines: &[Vec<String>], fill: Color, ink: Color, row: Option<usize>| {
            let label = row.is_some() && s.label_fill.is_some();
            lines
                .iter()
                .enumerate()
                .map(|(c, l)| {
                    let fill = match (c, label, s.label_fill) {
                        (0, true, Some(label)) => label,
                        _ => fill,
                    };
                    let (fill, ink) = match row {
                        Some(row) => self.cell_look(row, c, fill, ink),
                        None => (fill, ink),
                    };
                    (l.clone(), fill, ink)
                })
                .collect()
        };
        let mut table_rows = Vec::new();
        if let Some((lines, h)) = &self.header {
            table_rows.push(TableRow {
                height: *h,
                cells: cells(lines, s.header_fill, s.header_ink, None),
                centred: true,
            });
        }
        let texts = self.texts[rows.clone()].iter();
        let first = rows.start;
        for (i, ((lines, h), text)) in self.rows[rows].iter().zip(texts).enumerate() {
            // Paragraphs as the user wrote them, where the row is whole.
            let paragraphs: Vec<Vec<String>> = match text {
                Some(cells) => cells
                    .iter()
                    .map(|t| t.split('\n').map(str::to_owned).collect())
                    .collect(),
                None => lines.clone(),
            };
            table_rows.push(TableRow {
                height: *h,
                cells: cells(&paragraphs, s.row_fills[i % 2], s.ink, Some(first + i)),
                centred: false,
            });
        }
        SlideTable {
            origin,
            widths: self.columns.iter().map(|c| c.width).collect(),
            centred: self
                .columns
                .iter()
                .map(|c| c.align == Align::Center)
                .collect(),
            rows: table_rows,
            text_size: s.text_size,
        }
    }

    /// Draws the header and the given rows with the top-left at `origin`;
    /// returns the height drawn.
    pub fn draw(&self, scene: &mut Scene, rows: Range<usize>, origin: Point) -> f32 {
        let s = &self.style;
        let mut y = origin.y;
        if let Some((lines, h)) = &self.header {
            let look = RowLook {
                fill: s.header_fill,
                ink: s.header_ink,
                label_column: false,
                middle: true,
                row: None,
            };
            self.draw_row(scene, lines, origin.x, y, *h, look);
            y += h;
        }
        let first = rows.start;
        for (i, (lines, h)) in self.rows[rows].iter().enumerate() {
            let look = RowLook {
                fill: s.row_fills[i % 2],
                ink: s.ink,
                label_column: s.label_fill.is_some(),
                middle: false,
                row: Some(first + i),
            };
            self.draw_row(scene, lines, origin.x, y, *h, look);
            y += h;
        }
        y - origin.y
    }

    fn draw_row(
        &self,
        scene: &mut Scene,
        lines: &[Vec<String>],
        x0: f32,
        y: f32,
        h: f32,
        look: RowLook,
    ) {
        let RowLook {
            fill,
            ink: row_ink,
            label_column,
            middle,
            row,
        } = look;
        let s = &self.style;
        let mut x = x0;
        for (c, col) in self.columns.iter().enumerate() {
            let rect = Rect::from_min_size(x, y, col.width, h);
            let cell_fill = match (c, label_column, s.label_fill) {
                (0, true, Some(label)) => label,
                _ => fill,
            };
            let (cell_fill, ink) = match row {
                Some(row) => self.cell_look(row, c, cell_fill, row_ink),
                None => (cell_fill, row_ink),
            };
            scene.push(
                Shape::Rect {
                    rect,
                    radius: 0.0,
                    fill: Some(cell_fill),
                    stroke: Some(Stroke::solid(0.75, s.rule)),
                },
                None,
            );
            let cell = lines.get(c).map(Vec::as_slice).unwrap_or(&[]);
            // The header's titles may be set smaller to keep words whole.
            let size = match middle {
                true => self.header_sizes.get(c).copied().unwrap_or(s.text_size),
                false => s.text_size,
            };
            let lh = line_height(size);
            let top = match (col.align, middle) {
                (Align::Left, false) => y + s.padding,
                _ => y + (h - cell.len() as f32 * lh) / 2.0,
            };
            let placed: Vec<TextLine> = cell
                .iter()
                .enumerate()
                .map(|(i, text)| {
                    let width = text_width(text, size);
                    let left = match col.align {
                        Align::Left => x + s.padding,
                        Align::Center => x + (col.width - width) / 2.0,
                    };
                    TextLine {
                        text: text.clone(),
                        origin: Point::new(left, top + i as f32 * lh + ascent(size)),
                        width,
                    }
                })
                .collect();
            if !placed.is_empty() {
                scene.push(
                    Shape::Text {
                        lines: placed,
                        size,
                        color: ink,
                    },
                    None,
                );
            }
            x += col.width;
        }
    }
}
