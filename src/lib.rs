//! Flowcase: swimlane process charts with a live AECI responsibility table.

pub mod cli;
pub mod document;
pub mod export;
pub mod fonts;
pub mod format;
pub mod import;
pub mod interop;
pub mod lang;
pub mod layout;
pub mod library;
pub mod model;
mod parallel;
pub mod publish;
pub mod recovery;
pub mod session;
pub mod text;
pub mod ui;
