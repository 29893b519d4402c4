//! Flowcase: swimlane process charts with a live AECI responsibility table.

pub mod cli;
pub mod format;
pub mod lang;
pub mod model;
