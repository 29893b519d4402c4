//! A library analysis's flags, worded.

use super::{S, fill};
use crate::lang::Lang;
use crate::library::{DesignChange, Flag};

impl Flag {
    /// The flag as a sentence in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Flag::ApprovesMost {
                department,
                approves,
                steps,
            } => fill(
                lang,
                S::FlagApprovesMost,
                &[
                    ("department", department),
                    ("approves", approves),
                    ("steps", steps),
                ],
            ),
            Flag::ToldEverything {
                department,
                steps,
                of,
            } => fill(
                lang,
                S::FlagToldEverything,
                &[("department", department), ("steps", steps), ("of", of)],
            ),
            Flag::BackAndForth { process, a, b } => fill(
                lang,
                S::FlagBackAndForth,
                &[("process", process), ("a", a), ("b", b)],
            ),
            Flag::NoOwner { process, holders } => fill(
                lang,
                S::FlagNoOwner,
                &[("process", process), ("holders", holders)],
            ),
            Flag::LongChain {
                process,
                lane,
                connectors,
            } => fill(
                lang,
                S::FlagLongChain,
                &[
                    ("process", process),
                    ("lane", lane),
                    ("connectors", connectors),
                ],
            ),
            Flag::LoopsBack { process, count } => fill(
                lang,
                S::FlagLoopsBack,
                &[("process", process), ("count", count)],
            ),
        }
    }
}

impl DesignChange {
    /// `大区 A:5 → 3`, `经销商 → 大区 交接:4 → 2`.
    pub fn words(&self, lang: Lang) -> String {
        match self {
            DesignChange::Load {
                department,
                letter,
                before,
                after,
            } => fill(
                lang,
                S::DesignLoad,
                &[
                    ("department", department),
                    ("letter", letter),
                    ("before", before),
                    ("after", after),
                ],
            ),
            DesignChange::Handoffs {
                from,
                to,
                before,
                after,
            } => fill(
                lang,
                S::DesignHandoffs,
                &[
                    ("from", from),
                    ("to", to),
                    ("before", before),
                    ("after", after),
                ],
            ),
        }
    }
}
