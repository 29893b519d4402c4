//! Stable typed ids for lanes, phases, steps and connectors.
//!
//! Ids never change when things are reordered, renamed or renumbered; every
//! reference in the model and in the file goes through them.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! define_id {
    ($(#[$doc:meta])* $name:ident, $prefix:literal) => {
        $(#[$doc])*
        #[derive(
            Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(pub u32);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!($prefix, "{}"), self.0)
            }
        }
    };
}

define_id!(
    /// A swimlane (a department or position).
    LaneId,
    "lane "
);
define_id!(
    /// A phase band across all lanes.
    PhaseId,
    "phase "
);
define_id!(
    /// A step box of any kind.
    StepId,
    "step #"
);
define_id!(
    /// An arrow between two steps.
    ConnectorId,
    "connector #"
);
