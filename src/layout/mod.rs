//! Geometry of a chart: lane and phase bands, step boxes sized to their
//! text, connector routes, hit testing; all as a `Scene` of plain shapes.
//! No egui, no files.

mod band_edges;
mod bands;
mod box_index;
mod boxes;
mod chart;
mod draw;
mod geometry;
mod hit;
mod place;
mod ports;
mod quality;
mod reroute;
mod reuse;
mod route;
mod scene;
mod style;
pub mod text;
mod tidy;

pub use bands::{Frame, Located, holding_or_nearest};
pub use boxes::{BoxContent, centered_lines, measure_box};
pub use chart::{
    Band, ChartLayout, LayoutCache, Reuse, layout_chart, layout_chart_cached, layout_chart_with,
};
pub use geometry::{Color, Point, Rect};
pub use hit::{distance_to_segment, hit_test};
pub use quality::{ConnectorIssues, LayoutQuality, connector_issues, layout_quality};
pub use route::{RouteRequest, Side, route_connector, route_self_loop, search_budget, simplify};
pub use scene::{Item, Scene, Shape, Source, Stroke, TextLine};
pub use style::{ARROWHEAD, ChartStyle};
pub use tidy::{TidyPlan, place_after, tidy, tidy_selection, tidy_with};
