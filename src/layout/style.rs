//! Sizes, fonts and colours of the chart, in one place.

use super::geometry::Color;

/// How long an arrowhead is along its line; a segment shorter than this
/// hides a bend under the head.
pub const ARROWHEAD: f32 = 9.0;

/// The look of a chart. `ChartStyle::default()` is the house style that
/// the editor and the exports share.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartStyle {
    /// Width of the lane header column (height of the header row when the
    /// lanes are vertical).
    pub lane_header: f32,
    /// Height of the phase header row (width of the column when vertical).
    pub phase_header: f32,
    pub title_size: f32,
    pub number_size: f32,
    pub header_size: f32,
    pub label_size: f32,
    pub note_size: f32,
    /// Widths titles are broken to inside a work step's box, a decision's
    /// diamond and a start or end.
    pub box_text_width: f32,
    pub decision_text_width: f32,
    pub terminal_text_width: f32,
    /// Inner padding between a box's border and its text.
    pub padding: f32,
    /// Space kept between a box and the edges of its lane or phase.
    pub band_margin: f32,
    /// Space kept between two boxes pushed apart.
    pub box_gap: f32,
    /// Distance connectors keep from boxes they pass.
    pub route_margin: f32,
    /// Extra cost of a bend, in pixels of length.
    pub bend_penalty: f32,
    pub ink: Color,
    pub box_fill: Color,
    pub box_stroke: Color,
    pub terminal_fill: Color,
    pub decision_fill: Color,
    pub exit_fill: Color,
    pub note_fill: Color,
    pub note_stroke: Color,
    pub lane_fills: [Color; 2],
    pub header_fill: Color,
    pub header_ink: Color,
    pub phase_fill: Color,
    pub band_stroke: Color,
    pub connector: Color,
    pub number_fill: Color,
    pub number_ink: Color,
}

impl Default for ChartStyle {
    fn default() -> Self {
        ChartStyle {
            lane_header: 120.0,
            phase_header: 36.0,
            title_size: 13.0,
            number_size: 11.0,
            header_size: 14.0,
            label_size: 12.0,
            note_size: 12.0,
            box_text_width: 112.0,
            decision_text_width: 84.0,
            terminal_text_width: 96.0,
            padding: 8.0,
            band_margin: 16.0,
            box_gap: 24.0,
            route_margin: 12.0,
            bend_penalty: 40.0,
            ink: Color::rgb(0x1f, 0x29, 0x37),
            box_fill: Color::rgb(0xff, 0xff, 0xff),
            box_stroke: Color::rgb(0x1e, 0x4e, 0x8c),
            terminal_fill: Color::rgb(0xe3, 0xf0, 0xe6),
            decision_fill: Color::rgb(0xff, 0xf4, 0xdc),
            exit_fill: Color::rgb(0xe8, 0xee, 0xf8),
            note_fill: Color::rgb(0xff, 0xfb, 0xe6),
            note_stroke: Color::rgb(0xb0, 0xa0, 0x60),
            lane_fills: [Color::rgb(0xf7, 0xf9, 0xfc), Color::rgb(0xee, 0xf2, 0xf8)],
            header_fill: Color::rgb(0x1e, 0x4e, 0x8c),
            header_ink: Color::rgb(0xff, 0xff, 0xff),
            phase_fill: Color::rgb(0xdb, 0xe5, 0xf3),
            band_stroke: Color::rgb(0xa8, 0xb8, 0xcf),
            connector: Color::rgb(0x33, 0x41, 0x55),
            number_fill: Color::rgb(0xc2, 0x41, 0x0c),
            number_ink: Color::rgb(0xff, 0xff, 0xff),
        }
    }
}

impl ChartStyle {
    /// The style of a chart on a slide: thinner margins, the same text
    /// sizes and colours. Beside a horizontal flow titles break to two
    /// lines where the editor breaks them to three (lanes are rows, so
    /// boxes may be wide), and the lane headers are wider; down a vertical
    /// flow the lanes are columns, so boxes are narrower (eight characters
    /// a line, diamonds five) for eight lanes to fit across an A4 page at
    /// 9 pt, and the lane header row is low.
    pub fn slide(vertical: bool) -> ChartStyle {
        let base = ChartStyle {
            phase_header: 30.0,
            padding: 6.0,
            band_margin: 8.0,
            box_gap: 20.0,
            ..ChartStyle::default()
        };
        if vertical {
            ChartStyle {
                lane_header: 44.0,
                box_text_width: 104.0,
                decision_text_width: 65.0,
                terminal_text_width: 91.0,
                ..base
            }
        } else {
            ChartStyle {
                lane_header: 150.0,
                box_text_width: 168.0,
                decision_text_width: 168.0,
                terminal_text_width: 120.0,
                ..base
            }
        }
    }
}
