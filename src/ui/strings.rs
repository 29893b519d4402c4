//! The interface's words: the crate's key table (`crate::text`), under the
//! name the UI code has always used.

pub use crate::text::{S, tr};
