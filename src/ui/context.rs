//! The session's side of a frame, as the editor of the frame sees it.

pub use crate::library::LibraryLinks;
pub use crate::session::{AppContext, AppRequest};
