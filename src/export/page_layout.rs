//! The chart laid out for slides: lanes only as thick as their boxes need,
//! so that a long chart cut into pages keeps its titles large; a chart that
//! fits one page gets taller lanes to use the page's height instead.

use super::chart_pages::{ChartCuts, along_span, chart_cuts};
use crate::layout::text::line_height;
use crate::layout::{ChartLayout, ChartStyle, layout_chart_with, measure_box};
use crate::model::{LaneId, Numbering, Orientation, Process, StepId};
use std::collections::BTreeMap;

/// Lanes never grow past this many times their thin size to fill a page.
const MAX_STRETCH: f32 = 2.5;

/// A chart laid out for pages whose bodies are `body` (width, height)
/// points, and where it is cut.
pub struct PageChart {
    pub layout: ChartLayout,
    pub cuts: ChartCuts,
    pub vertical: bool,
    /// The page (from 0) each step's box is on.
    pub step_pages: BTreeMap<StepId, usize>,
}

impl PageChart {
    fn new(layout: ChartLayout, cuts: ChartCuts, vertical: bool) -> PageChart {
        let step_pages = layout
            .boxes
            .iter()
            .map(|(id, rect)| {
                let span = along_span(rect, vertical);
                (*id, cuts.page_of((span.start + span.end) / 2.0))
            })
            .collect();
        PageChart {
            layout,
            cuts,
            vertical,
            step_pages,
        }
    }
}

/// Lays `process` out for pages of `body` points and cuts it.
pub fn page_chart(process: &Process, numbering: &Numbering, body: (f32, f32)) -> PageChart {
    let vertical = process.orientation == Orientation::Vertical;
    let style = ChartStyle::slide(vertical);
    let thin = lanes_resized(process, &style, 1.0);
    let layout = layout_chart_with(&thin, numbering, &style);
    let cuts = chart_cuts(&layout, vertical, body);
    // The lanes take the height the pages leave them; boxes keep their
    // places along the flow, so the cuts stay where they are.
    let (w, h) = (layout.scene.width, layout.scene.height);
    let (across_len, page_across, header) = if vertical {
        (w, body.0, layout.content.min.x)
    } else {
        (h, body.1, layout.content.min.y)
    };
    let lanes_len = (across_len - header).max(1.0);
    let room = page_across / cuts.scale - header;
    let stretch = (room / lanes_len).clamp(1.0, MAX_STRETCH);
    if stretch < 1.05 {
        return PageChart::new(layout, cuts, vertical);
    }
    let tall = lanes_resized(process, &style, stretch);
    PageChart::new(layout_chart_with(&tall, numbering, &style), cuts, vertical)
}

/// A copy of `process` whose lanes are `stretch` times as thick as their
/// thickest box needs, each box centred across its lane.
fn lanes_resized(process: &Process, style: &ChartStyle, stretch: f32) -> Process {
    let vertical = process.orientation == Orientation::Vertical;
    let mut thickest: BTreeMap<LaneId, f32> = BTreeMap::new();
    for step in process.steps.values() {
        let content = measure_box(step, style);
        let across = if vertical {
            content.width
        } else {
            content.height
        };
        let t = thickest.entry(step.lane).or_insert(0.0);
        *t = t.max(across);
    }
    let mut copy = process.clone();
    for lane in &mut copy.lanes {
        let boxes = thickest.get(&lane.id).copied().unwrap_or(0.0);
        let header = line_height(style.header_size) + 2.0 * style.band_margin;
        let thin = (boxes + 2.0 * style.band_margin).max(header);
        lane.size = thin * stretch;
    }
    let sizes: BTreeMap<LaneId, f32> = copy.lanes.iter().map(|l| (l.id, l.size)).collect();
    for step in copy.steps.values_mut() {
        if let Some(size) = sizes.get(&step.lane) {
            step.at.across = size / 2.0;
        }
    }
    copy
}
