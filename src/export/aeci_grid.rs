//! The AECI table as grids: its cells and header, one grid as wide as it
//! needs (pictures), or grids fitted to a page width, the lane columns
//! shrunk and then split across pages so that no department is dropped.

use super::grid::{Align, Column, Grid, GridStyle};
use crate::lang::Lang;
use crate::layout::text::text_width;
use crate::model::AeciTable;
use crate::text::{S, tr};
use std::ops::Range;

/// The number column.
const NUMBER: f32 = 40.0;
/// A lane column is as wide as its name within these bounds …
const LANE_NATURAL: (f32, f32) = (56.0, 96.0);
/// … and no narrower than this on a page (room for `A,E,C`; the name
/// wraps), before the lanes are split across pages.
const MIN_LANE: f32 = 48.0;
/// The main step, key point and output columns together, at least.
const MIN_TEXT: f32 = 180.0;
/// The share of a page the text columns keep when lanes must be split.
const TEXT_SHARE_WHEN_SPLIT: f32 = 0.45;
/// The main step column on pages that continue the lane columns.
const MAIN_ON_LANE_PAGES: f32 = 160.0;

/// The column titles of the AECI table before the lane columns.
fn table_titles(lang: Lang) -> [&'static str; 4] {
    [
        S::TableNumber,
        S::TableMainStep,
        S::TableKeyPoints,
        S::TableOutputs,
    ]
    .map(|k| tr(lang, k))
}

/// The AECI table's text, row by row: number, main step, key points,
/// outputs, then one cell per lane. CSV, XLSX and the drawn table all use it.
pub fn table_cells(table: &AeciTable) -> Vec<Vec<String>> {
    table
        .rows
        .iter()
        .map(|row| {
            let mut cells = vec![
                row.number.to_string(),
                row.title.clone(),
                row.description.clone(),
                row.outputs.join("\n"),
            ];
            cells.extend(row.cells.iter().map(|c| c.to_string()));
            cells
        })
        .collect()
}

/// The header row of the AECI table.
pub fn table_header(table: &AeciTable, lang: Lang) -> Vec<String> {
    let mut header: Vec<String> = table_titles(lang).iter().map(|s| (*s).to_owned()).collect();
    header.extend(table.lanes.iter().map(|l| l.name.clone()));
    header
}

/// Which columns one grid shows and how wide they are.
struct Slice {
    /// Widths of number, main step, key points and outputs; the last two
    /// are left out when `None` (pages that continue the lanes).
    text: (f32, Option<(f32, f32)>),
    lanes: Range<usize>,
    lane_width: Vec<f32>,
}

/// Lane columns on a page: their cells hold a few letters, so a column is
/// as wide as half its name (the name wraps to two lines in the header),
/// leaving the width to the text columns.
fn compact_lane_widths(table: &AeciTable, style: &GridStyle) -> Vec<f32> {
    table
        .lanes
        .iter()
        .map(|l| {
            let half = text_width(&l.name, style.text_size) / 2.0 + 2.0 * style.padding;
            half.clamp(MIN_LANE, LANE_NATURAL.1)
        })
        .collect()
}

fn natural_lane_widths(table: &AeciTable, style: &GridStyle) -> Vec<f32> {
    let (lo, hi) = LANE_NATURAL;
    table
        .lanes
        .iter()
        .map(|l| (text_width(&l.name, style.text_size) + 2.0 * style.padding).clamp(lo, hi))
        .collect()
}

/// How wide the text of each row's main step, key points and outputs is
/// when set on one line (outputs: their widest line), for sizing columns.
struct TextDemand {
    rows: Vec<[f32; 3]>,
    /// The column titles' widths, which a column never goes below.
    titles: [f32; 3],
}

impl TextDemand {
    fn of(cells: &[Vec<String>], lang: Lang, style: &GridStyle) -> TextDemand {
        let width = |t: &str| {
            t.lines()
                .map(|l| text_width(l, style.text_size))
                .fold(0.0, f32::max)
                + 2.0 * style.padding
        };
        let titles = table_titles(lang);
        TextDemand {
            rows: cells
                .iter()
                .map(|r| [width(&r[1]), width(&r[2]), width(&r[3])])
                .collect(),
            titles: [width(titles[1]), width(titles[2]), width(titles[3])],
        }
    }

    /// Lines the rows take in total with these column widths (a row is
    /// as tall as its tallest cell).
    fn lines(&self, widths: [f32; 3]) -> f32 {
        self.rows
            .iter()
            .map(|r| {
                (0..3)
                    .map(|c| (r[c] / widths[c].max(1.0)).ceil().max(1.0))
                    .fold(1.0, f32::max)
            })
            .sum()
    }
}

/// The shares of `free` width tried for the outputs column and for the
/// main step (of what the outputs leave).
const OUTPUT_SHARES: [f32; 5] = [0.12, 0.16, 0.2, 0.25, 0.3];
const MAIN_SHARES: [f32; 9] = [0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65];

/// Main step, key points and outputs sharing `free` width so that the
/// rows wrap to as few lines as they can: the outputs column as wide as
/// its widest item needs (within bounds), 主要步骤 and 要点 sharing the rest
/// by what their text asks for. An empty column keeps its title's width.
fn text_widths(free: f32, demand: &TextDemand) -> (f32, Option<(f32, f32)>) {
    let mut best = (f32::INFINITY, [free * 0.32, free * 0.43, free * 0.25]);
    for out_share in OUTPUT_SHARES {
        let outputs = (free * out_share).max(demand.titles[2]);
        let rest = free - outputs;
        for main_share in MAIN_SHARES {
            let widths = [rest * main_share, rest * (1.0 - main_share), outputs];
            if widths[0] < demand.titles[0] || widths[1] < demand.titles[1] {
                continue;
            }
            // Fewer lines first; then rounder shares, so ties keep a
            // balanced look.
            let score = demand.lines(widths) + (main_share - 0.45).abs() * 0.01;
            if score < best.0 {
                best = (score, widths);
            }
        }
    }
    let [main, points, outputs] = best.1;
    (main, Some((points, outputs)))
}

fn build(table: &AeciTable, cells: &[Vec<String>], slice: &Slice, lang: Lang) -> Grid {
    let titles = table_titles(lang);
    let column = |title: &str, width: f32, align: Align| Column {
        title: title.to_owned(),
        width,
        align,
    };
    let (main, rest) = slice.text;
    let mut columns = vec![
        column(titles[0], NUMBER, Align::Center),
        column(titles[1], main, Align::Left),
    ];
    let mut keep: Vec<usize> = vec![0, 1];
    if let Some((points, outputs)) = rest {
        columns.push(column(titles[2], points, Align::Left));
        columns.push(column(titles[3], outputs, Align::Left));
        keep.extend([2, 3]);
    }
    for (lane, width) in slice.lanes.clone().zip(&slice.lane_width) {
        columns.push(column(&table.lanes[lane].name, *width, Align::Center));
        keep.push(4 + lane);
    }
    let rows: Vec<Vec<String>> = cells
        .iter()
        .map(|row| keep.iter().map(|&c| row[c].clone()).collect())
        .collect();
    Grid::new(columns, true, &rows, GridStyle::default())
}

/// The whole table as one grid as wide as its columns (for pictures).
pub fn table_grid(table: &AeciTable, lang: Lang) -> Grid {
    let lane_width = natural_lane_widths(table, &GridStyle::default());
    let slice = Slice {
        text: (150.0, Some((230.0, 130.0))),
        lanes: 0..table.lanes.len(),
        lane_width,
    };
    build(table, &table_cells(table), &slice, lang)
}

/// The table as grids no wider than `width`: one when every lane fits
/// beside the text columns (shrunk to `MIN_LANE` if need be), otherwise
/// the first grid with the text columns and as many lanes as fit, then
/// grids of number, main step and the next lanes. Every lane is in
/// exactly one grid, in lane order.
pub fn fitted_table_grids(table: &AeciTable, width: f32, lang: Lang) -> Vec<Grid> {
    let style = GridStyle::default();
    let natural = compact_lane_widths(table, &style);
    let cells = table_cells(table);
    let demand = TextDemand::of(&cells, lang, &style);
    slices(&natural, width, &demand)
        .iter()
        .map(|slice| build(table, &cells, slice, lang))
        .collect()
}

fn slices(natural: &[f32], width: f32, demand: &TextDemand) -> Vec<Slice> {
    let n = natural.len();
    let for_lanes = width - NUMBER - MIN_TEXT;
    if natural.iter().sum::<f32>() <= for_lanes || n as f32 * MIN_LANE <= for_lanes {
        let even = for_lanes / n.max(1) as f32;
        let lane_width: Vec<f32> = natural.iter().map(|w| w.min(even)).collect();
        let free = width - NUMBER - lane_width.iter().sum::<f32>();
        return vec![Slice {
            text: text_widths(free, demand),
            lanes: 0..n,
            lane_width,
        }];
    }
    let first_room = width * (1.0 - TEXT_SHARE_WHEN_SPLIT) - NUMBER;
    let next_room = width - NUMBER - MAIN_ON_LANE_PAGES;
    let per_page = |room: f32| ((room / MIN_LANE).floor() as usize).max(1);
    let mut slices = Vec::new();
    let mut start = 0;
    while start < n {
        let first = slices.is_empty();
        let room = if first { first_room } else { next_room };
        let end = (start + per_page(room)).min(n);
        let even = room / (end - start) as f32;
        let lane_width: Vec<f32> = natural[start..end].iter().map(|w| w.min(even)).collect();
        let free = width - NUMBER - lane_width.iter().sum::<f32>();
        let text = if first {
            text_widths(free, demand)
        } else {
            (free, None)
        };
        slices.push(Slice {
            text,
            lanes: start..end,
            lane_width,
        });
        start = end;
    }
    slices
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lane_lands_in_exactly_one_slice_no_wider_than_the_page() {
        for width in [400.0, 786.0, 904.0] {
            for n in [0, 1, 4, 8, 13, 20, 100] {
                let natural: Vec<f32> = (0..n).map(|i| 56.0 + (i % 5) as f32 * 10.0).collect();
                let demand = TextDemand {
                    rows: vec![[300.0, 500.0, 80.0]; 10],
                    titles: [40.0, 40.0, 40.0],
                };
                let cut = slices(&natural, width, &demand);
                let lanes: Vec<usize> = cut.iter().flat_map(|s| s.lanes.clone()).collect();
                assert_eq!(lanes, (0..n).collect::<Vec<_>>(), "{n} lanes at {width}");
                for s in &cut {
                    let (main, rest) = s.text;
                    let text = main + rest.map_or(0.0, |(p, o)| p + o);
                    let total = NUMBER + text + s.lane_width.iter().sum::<f32>();
                    assert!(total <= width + 0.01, "{total} > {width}");
                    assert!(s.lane_width.iter().all(|w| *w >= MIN_LANE - 0.01));
                    assert!(main >= 0.3 * MIN_TEXT, "main step column {main}");
                }
                assert!(
                    cut[0].text.1.is_some(),
                    "the first grid has the text columns"
                );
            }
        }
    }
}
