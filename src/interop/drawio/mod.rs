//! draw.io (diagrams.net), read: a page's swimlane pool or free-standing
//! lanes become lanes, its shapes steps and its edges connectors.

mod cells;
mod read;

pub use read::{DrawioError, is_drawio, process_from_drawio};
