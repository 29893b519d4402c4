//! Readers for older format versions, each bringing a file up to the
//! current version.
//!
//! Version 0 was the pre-release format: overview reduced to name and
//! number, lanes without sizes, steps with `text` and `x`/`y`, roles as a
//! list of `(lane, letters)` pairs, and connectors (`links`) without ids.

use super::document::{DecodeError, FileIn, ron_options, syntax_error};
use crate::model::{
    Connector, ConnectorId, FlowPoint, Lane, LaneId, Overview, RoleSet, Roles, Step, StepId,
    StepKind,
};
use serde::Deserialize;

/// One registered migration: the version it reads and its reader.
pub(crate) struct Migration {
    pub(crate) from: u32,
    pub(crate) read: fn(&str) -> Result<FileIn, DecodeError>,
}

/// Every older version Flowcase still opens.
pub(crate) const MIGRATIONS: &[Migration] = &[Migration {
    from: 0,
    read: read_v0,
}];

/// Lane thickness given to lanes of version 0 files, which had none: fixed
/// with the format, whatever the default for new lanes becomes.
const V0_LANE_SIZE: f32 = 140.0;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileV0 {
    #[allow(dead_code)]
    format: u32,
    #[serde(default)]
    name: String,
    #[serde(default)]
    number: String,
    lanes: Vec<LaneV0>,
    #[serde(default)]
    steps: Vec<StepV0>,
    #[serde(default)]
    links: Vec<LinkV0>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LaneV0 {
    id: u32,
    name: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StepV0 {
    id: u32,
    kind: StepKind,
    text: String,
    lane: u32,
    x: f32,
    y: f32,
    #[serde(default)]
    roles: Vec<(u32, String)>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LinkV0 {
    from: u32,
    to: u32,
    #[serde(default)]
    label: Option<String>,
}

fn read_v0(text: &str) -> Result<FileIn, DecodeError> {
    let v0: FileV0 = ron_options().from_str(text).map_err(syntax_error)?;
    let lanes = v0
        .lanes
        .into_iter()
        .map(|l| Lane {
            id: LaneId(l.id),
            name: l.name,
            size: V0_LANE_SIZE,
        })
        .collect();
    let mut steps = Vec::new();
    for s in v0.steps {
        let mut roles = Roles::new();
        for (lane, letters) in s.roles {
            let set = RoleSet::parse(&letters)
                .map_err(|e| DecodeError::Invalid(format!("step #{}: {e}", s.id)))?;
            let merged = roles
                .get(&LaneId(lane))
                .copied()
                .unwrap_or_default()
                .union(set);
            roles.insert(LaneId(lane), merged);
        }
        let mut step = Step::new(
            StepId(s.id),
            s.kind,
            &s.text,
            LaneId(s.lane),
            FlowPoint::new(s.x, s.y),
        );
        step.roles = roles;
        steps.push(step);
    }
    let connectors = v0
        .links
        .into_iter()
        .zip(1..)
        .map(|(link, id)| Connector {
            id: ConnectorId(id),
            from: StepId(link.from),
            to: StepId(link.to),
            label: link.label,
        })
        .collect();
    let overview = Overview {
        name: v0.name,
        number: v0.number,
        ..Overview::default()
    };
    Ok(FileIn::new(overview, lanes, steps, connectors))
}
