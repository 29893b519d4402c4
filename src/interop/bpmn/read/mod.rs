//! BPMN 2.0 import: every leaf lane of every participant becomes a lane,
//! tasks, gateways, events, call activities, data objects and text
//! annotations become steps, sequence and message flows (and associations)
//! connectors. Positions come from BPMN DI, or from Flowcase's own
//! extension when the file was written by Flowcase; without either the
//! chart is laid out by tidy. What Flowcase cannot show is listed in the
//! report, never dropped silently. Read with roxmltree (namespaces
//! resolved, errors with line and column; usvg already builds it).

use super::elements::{children, event_kind, extension, ids, is, is_flow_node, name_of, number};
use super::extension::{read_overview, read_step_extension};
mod flows;
mod nested;

use super::{BPMNDI_NS, BpmnError};
use crate::interop::fit::at_most;
use crate::interop::report::{ImportNote, Imported};
use crate::layout::{Frame, Rect, holding_or_nearest};
use crate::model::limits::{Limited, MAX_LANES, MAX_STEPS};
use crate::model::{FlowPoint, Lane, LaneId, Orientation, Process, Step, StepId, StepKind};
use roxmltree::{Document, Node};
use std::collections::{BTreeMap, BTreeSet};

/// The band a modeller keeps for a lane's name, left of (or above) it.
const LANE_LABEL: f32 = 30.0;
/// Sub-processes nested deeper than this keep their insides out (noted).
const DEEPEST_SUB_PROCESS: usize = 8;
/// At most this many sub-processes of a file become processes of their own.
pub const MAX_SUB_PROCESSES: usize = 100;
/// At most this many steps in a file, its sub-processes' included: each
/// process stays within `MAX_STEPS`, and a file of many sub-processes
/// cannot make an import take minutes.
pub const MAX_FILE_STEPS: usize = 4 * MAX_STEPS;

/// What a file may still bring: sub-processes and steps.
struct Budget {
    parts: usize,
    steps: usize,
}

impl Budget {
    /// Counts `steps` more, refused past `MAX_FILE_STEPS` in all.
    fn take_steps(&mut self, steps: usize) -> Result<(), BpmnError> {
        match self.steps.checked_sub(steps) {
            Some(left) => {
                self.steps = left;
                Ok(())
            }
            None => Err(BpmnError::OverLimit(crate::model::limits::OverLimit {
                what: Limited::Steps,
                place: crate::model::limits::Place::Process,
                found: (MAX_FILE_STEPS - self.steps + steps) as u64,
                limit: MAX_FILE_STEPS as u64,
            })),
        }
    }
}

/// Reads a BPMN 2.0 document.
pub fn process_from_bpmn(text: &str, fallback_name: &str) -> Result<Imported, BpmnError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    let doc = Document::parse_with_options(text, options)
        .map_err(|e| BpmnError::Xml(crate::interop::xml::XmlError::of(&e)))?;
    let root = doc.root_element();
    if !is(root, "definitions") {
        return Err(BpmnError::NotBpmn(root.tag_name().name().to_owned()));
    }
    let mut reader = Reader::new(root, fallback_name);
    reader.read_shapes();
    let mut budget = Budget {
        parts: MAX_SUB_PROCESSES,
        steps: MAX_FILE_STEPS,
    };
    reader.read(&mut budget)
}

/// A flow read: its BPMN id, the pool whose process holds it (none for a
/// collaboration's), its ends' BPMN ids and its label.
type Flow<'i> = (&'i str, Option<usize>, &'i str, &'i str, Option<String>);

/// A lane being built: its name, BPMN id, DI bounds and listed nodes.
struct LaneDraft<'i> {
    /// The process (pool) it belongs to, by index.
    pool: usize,
    bpmn_id: &'i str,
    name: String,
    size: Option<f32>,
    refs: Vec<String>,
}

/// A step being built, before ids and lanes are settled.
struct StepDraft<'i> {
    /// The process (pool) it belongs to, by index: ids are resolved within
    /// it, never across pools.
    pool: usize,
    bpmn_id: &'i str,
    kind: StepKind,
    title: String,
    /// Index into the lanes, once known.
    lane: Option<usize>,
    node: Node<'i, 'i>,
}

struct Reader<'i> {
    root: Node<'i, 'i>,
    fallback_name: &'i str,
    shapes: BTreeMap<&'i str, (Rect, Option<bool>)>,
    lanes: Vec<LaneDraft<'i>>,
    steps: Vec<StepDraft<'i>>,
    notes: Vec<ImportNote>,
    /// BPMN ids of the participants that have no process with lanes.
    pools: BTreeSet<&'i str>,
    /// The sub-processes with insides, by the index of their exit step.
    subs: Vec<(usize, Node<'i, 'i>)>,
    /// How deep in sub-processes this reader is (0: the file's process).
    depth: usize,
}

impl<'i> Reader<'i> {
    fn new(root: Node<'i, 'i>, fallback_name: &'i str) -> Reader<'i> {
        Reader {
            root,
            fallback_name,
            shapes: BTreeMap::new(),
            lanes: Vec::new(),
            steps: Vec::new(),
            notes: Vec::new(),
            pools: BTreeSet::new(),
            subs: Vec::new(),
            depth: 0,
        }
    }

    /// A reader for the insides of a sub-process, with the file's shapes.
    fn inside(&self) -> Reader<'i> {
        Reader {
            shapes: self.shapes.clone(),
            depth: self.depth + 1,
            ..Reader::new(self.root, self.fallback_name)
        }
    }

    fn read(mut self, budget: &mut Budget) -> Result<Imported, BpmnError> {
        let by_id: BTreeMap<&str, Node> = self
            .root
            .descendants()
            .filter(|n| n.is_element())
            .filter_map(|n| Some((n.attribute("id")?, n)))
            .collect();
        let participants: Vec<Node> = children(self.root)
            .filter(|n| is(*n, "collaboration"))
            .flat_map(children)
            .filter(|n| is(*n, "participant"))
            .collect();
        // (pool name, process) in order; a participant without a process
        // is a black-box pool.
        let mut pools: Vec<(String, Option<Node>)> = Vec::new();
        let mut used = BTreeSet::new();
        for p in &participants {
            let process = p
                .attribute("processRef")
                .and_then(|r| by_id.get(r))
                .copied();
            if let Some(process) = process {
                used.insert(process.id().get());
            } else if let Some(id) = p.attribute("id") {
                self.pools.insert(id);
            }
            pools.push((name_of(*p), process));
        }
        for process in children(self.root).filter(|n| is(*n, "process")) {
            if !used.contains(&process.id().get()) {
                pools.push((name_of(process), Some(process)));
            }
        }
        let processes: Vec<(String, Node)> = pools
            .into_iter()
            .filter_map(|(name, p)| Some((name, p?)))
            .collect();
        if processes.is_empty() {
            return Err(BpmnError::NoProcess);
        }
        let ext = children(self.root)
            .filter(|n| is(*n, "process"))
            .find_map(|p| extension(p, "process"));
        let mut colours = Vec::new();
        self.report_colours(&mut colours);
        let mut imported = self.read_pools(&processes, ext, budget)?;
        imported.notes.extend(colours);
        Ok(imported)
    }

    /// The process made of `processes` (pools, or one sub-process), and
    /// of each sub-process in them with insides, a process of its own.
    fn read_pools(
        mut self,
        processes: &[(String, Node<'i, 'i>)],
        ext: Option<Node>,
        budget: &mut Budget,
    ) -> Result<Imported, BpmnError> {
        for (pool, (pool_name, process)) in processes.iter().enumerate() {
            self.read_lanes(pool, pool_name, *process);
        }
        at_most(Limited::Lanes, self.lanes.len(), MAX_LANES).map_err(BpmnError::OverLimit)?;
        for (pool, (_, process)) in processes.iter().enumerate() {
            self.read_nodes(pool, *process);
            at_most(Limited::Steps, self.steps.len(), MAX_STEPS).map_err(BpmnError::OverLimit)?;
        }
        budget.take_steps(self.steps.len())?;
        self.settle_lanes();
        let mut process = self.build(ext, processes);
        let connectors = self.read_flows(processes, &process)?;
        process.connectors = connectors;
        let needs_layout = if self.depth == 0 {
            !self
                .steps
                .iter()
                .any(|s| self.shapes.contains_key(s.bpmn_id) || extension(s.node, "step").is_some())
        } else {
            // Inside a sub-process, places are kept only within lanes
            // drawn for it; else the steps are laid out afresh.
            !self
                .lanes
                .iter()
                .any(|l| self.shapes.contains_key(l.bpmn_id))
        };
        let sub_processes = self.read_sub_processes(&process, budget)?;
        Ok(Imported {
            process,
            notes: self.notes,
            needs_layout,
            sub_processes,
        })
    }

    fn read_shapes(&mut self) {
        for n in self.root.descendants().filter(|n| {
            n.is_element()
                && n.tag_name().name() == "BPMNShape"
                && n.tag_name().namespace() == Some(BPMNDI_NS)
        }) {
            let Some(element) = n.attribute("bpmnElement") else {
                continue;
            };
            let Some(b) = children(n).find(|c| c.tag_name().name() == "Bounds") else {
                continue;
            };
            let (Some(x), Some(y), Some(w), Some(h)) = (
                number(b, "x"),
                number(b, "y"),
                number(b, "width"),
                number(b, "height"),
            ) else {
                continue;
            };
            let horizontal = n.attribute("isHorizontal").map(|v| v.trim() == "true");
            self.shapes
                .insert(element, (Rect::from_min_size(x, y, w, h), horizontal));
        }
    }

    /// The leaf lanes of `process`, named `Parent / Child` when nested; one
    /// lane named after the pool when it has none.
    fn read_lanes(&mut self, pool: usize, pool_name: &str, process: Node<'i, 'i>) {
        let before = self.lanes.len();
        for set in children(process).filter(|n| is(*n, "laneSet")) {
            self.read_lane_set(pool, set, "", 0);
        }
        if self.lanes.len() == before {
            let name = if pool_name.is_empty() {
                let own = name_of(process);
                if own.is_empty() {
                    self.fallback_name.to_owned()
                } else {
                    own
                }
            } else {
                pool_name.to_owned()
            };
            // Inside a sub-process this is the lane of who performs it.
            if self.depth == 0 {
                self.notes.push(ImportNote::OneLane { name: name.clone() });
            }
            // A sub-process's shape is not a lane's: its insides are laid out.
            let bpmn_id = if self.depth == 0 {
                process.attribute("id").unwrap_or("")
            } else {
                ""
            };
            self.lanes.push(LaneDraft {
                pool,
                bpmn_id,
                name,
                size: None,
                refs: children(process)
                    .filter_map(|n| n.attribute("id").map(str::to_owned))
                    .collect(),
            });
        }
    }

    fn read_lane_set(&mut self, pool: usize, set: Node<'i, 'i>, parent: &str, depth: usize) {
        // Lanes nested deeper than any chart has are read as leaves, so a
        // hostile file cannot exhaust the stack.
        const DEEPEST: usize = 16;
        for lane in children(set).filter(|n| is(*n, "lane")) {
            let own = name_of(lane);
            let name = match (parent.is_empty(), own.is_empty()) {
                (true, _) => own,
                (false, true) => parent.to_owned(),
                (false, false) => format!("{parent} / {own}"),
            };
            let nested: Vec<Node> = children(lane).filter(|n| is(*n, "childLaneSet")).collect();
            if depth < DEEPEST && nested.iter().any(|s| children(*s).any(|l| is(l, "lane"))) {
                for s in nested {
                    self.read_lane_set(pool, s, &name, depth + 1);
                }
                continue;
            }
            let size = extension(lane, "lane").and_then(|e| number(e, "size"));
            let refs = children(lane)
                .filter(|n| is(*n, "flowNodeRef"))
                .filter_map(|n| n.text().map(|t| t.trim().to_owned()))
                .collect();
            self.lanes.push(LaneDraft {
                pool,
                bpmn_id: lane.attribute("id").unwrap_or(""),
                name,
                size,
                refs,
            });
        }
    }

    /// Steps from the flow elements of `process`; what cannot be a step is
    /// noted.
    fn read_nodes(&mut self, pool: usize, process: Node<'i, 'i>) {
        for n in children(process) {
            let tag = n.tag_name().name();
            let name = name_of(n);
            let kind = match tag {
                "task" | "userTask" | "serviceTask" | "sendTask" | "receiveTask" | "manualTask"
                | "businessRuleTask" | "scriptTask" => Some(StepKind::Process),
                "exclusiveGateway" | "inclusiveGateway" | "parallelGateway"
                | "eventBasedGateway" | "complexGateway" => Some(StepKind::Decision),
                "startEvent" => Some(StepKind::Start),
                "endEvent" => Some(StepKind::End),
                "intermediateThrowEvent" | "intermediateCatchEvent" => Some(StepKind::Process),
                "callActivity" | "subProcess" | "adHocSubProcess" | "transaction" => {
                    if tag != "callActivity" && children(n).any(is_flow_node) {
                        self.subs.push((self.steps.len(), n));
                    }
                    let exit_name = extension(n, "step")
                        .and_then(|e| e.attribute("exitName"))
                        .map(str::to_owned)
                        .unwrap_or_else(|| name.clone());
                    Some(StepKind::ProcessExit {
                        number: n.attribute("calledElement").unwrap_or("").trim().to_owned(),
                        name: exit_name,
                    })
                }
                "dataObjectReference" | "dataStoreReference" => Some(StepKind::Document),
                "textAnnotation" => Some(StepKind::Note),
                "boundaryEvent" => {
                    self.notes
                        .push(ImportNote::BoundaryEvent { name: name.clone() });
                    None
                }
                "extensionElements" | "laneSet" | "sequenceFlow" | "association" | "dataObject"
                | "dataStore" | "documentation" | "ioSpecification" | "property" | "category" => {
                    None
                }
                other => {
                    // Unnamed, it is named by its id.
                    let shown = if name.is_empty() {
                        n.attribute("id").unwrap_or("").to_owned()
                    } else {
                        name.clone()
                    };
                    self.notes.push(ImportNote::NotKept {
                        kind: other.to_owned(),
                        name: shown,
                    });
                    None
                }
            };
            let Some(kind) = kind else {
                continue;
            };
            let title = match tag {
                "textAnnotation" => children(n)
                    .find(|c| is(*c, "text"))
                    .and_then(|t| t.text())
                    .unwrap_or("")
                    .trim()
                    .to_owned(),
                "intermediateThrowEvent" | "intermediateCatchEvent" if name.is_empty() => {
                    event_kind(n)
                }
                _ => name,
            };
            self.steps.push(StepDraft {
                pool,
                bpmn_id: n.attribute("id").unwrap_or(""),
                kind,
                title,
                lane: None,
                node: n,
            });
        }
    }

    /// Puts each step in a lane: the lane that lists it, else the lane its
    /// shape lies in, else the nearest lane, else the first.
    fn settle_lanes(&mut self) {
        let listed: BTreeMap<(usize, &str), usize> = self
            .lanes
            .iter()
            .enumerate()
            .flat_map(|(i, l)| l.refs.iter().map(move |r| ((l.pool, r.as_str()), i)))
            .collect();
        // The lanes drawn, by their index among all lanes.
        let (drawn, rects): (Vec<usize>, Vec<Rect>) = self
            .lanes
            .iter()
            .enumerate()
            .filter_map(|(i, l)| Some((i, self.shapes.get(l.bpmn_id)?.0)))
            .unzip();
        for step in &mut self.steps {
            let pool = step.pool;
            let by_ext = extension(step.node, "step")
                .and_then(|e| e.attribute("lane"))
                .and_then(|id| {
                    self.lanes
                        .iter()
                        .position(|l| l.bpmn_id == id && l.pool == pool)
                });
            let by_list = listed.get(&(pool, step.bpmn_id)).copied();
            let by_shape = self
                .shapes
                .get(step.bpmn_id)
                .and_then(|(b, _)| holding_or_nearest(&rects, b.center()).map(|i| drawn[i]));
            let first_of_pool = self.lanes.iter().position(|l| l.pool == pool);
            step.lane = by_list
                .or(by_ext)
                .or(by_shape)
                .or(first_of_pool)
                .or(Some(0));
        }
    }

    fn orientation(&self, ext: Option<Node>) -> Orientation {
        if let Some(o) = ext.and_then(|e| e.attribute("orientation")) {
            return if o == "vertical" {
                Orientation::Vertical
            } else {
                Orientation::Horizontal
            };
        }
        let vertical = self
            .lanes
            .iter()
            .filter_map(|l| self.shapes.get(l.bpmn_id))
            .any(|(_, h)| *h == Some(false));
        if vertical {
            Orientation::Vertical
        } else {
            Orientation::Horizontal
        }
    }

    fn build(&self, ext: Option<Node>, processes: &[(String, Node)]) -> Process {
        let mut process = Process {
            orientation: self.orientation(ext),
            ..Process::default()
        };
        let lane_ids = ids(self.lanes.iter().map(|l| l.bpmn_id));
        for (lane, id) in self.lanes.iter().zip(&lane_ids) {
            let drawn = self
                .shapes
                .get(lane.bpmn_id)
                .map(|(b, _)| match process.orientation {
                    Orientation::Horizontal => b.height(),
                    Orientation::Vertical => b.width(),
                });
            let size = lane
                .size
                .or(drawn)
                .filter(|s| *s >= 40.0 && *s <= 10_000.0)
                .unwrap_or(Lane::DEFAULT_SIZE);
            process.lanes.push(Lane {
                id: LaneId(*id),
                name: lane.name.clone(),
                size,
            });
        }
        read_overview(&mut process, ext, processes, self.fallback_name);
        let step_ids = ids(self.steps.iter().map(|s| s.bpmn_id));
        let by_bpmn = self.step_ids();
        for (draft, id) in self.steps.iter().zip(&step_ids) {
            let lane_index = draft.lane.unwrap_or(0).min(process.lanes.len() - 1);
            let lane = process.lanes[lane_index].id;
            let at = self.position(draft, lane_index, process.orientation);
            let mut step = Step::new(StepId(*id), draft.kind.clone(), &draft.title, lane, at);
            if let Some(e) = extension(draft.node, "step") {
                let own = |bpmn: &str| by_bpmn.get(&(draft.pool, bpmn)).copied();
                let lane_of = |bpmn: &str| {
                    let i = self.lanes.iter().position(|l| l.bpmn_id == bpmn)?;
                    Some(LaneId(lane_ids[i]))
                };
                read_step_extension(&mut step, e, &process, &own, &lane_of);
            }
            process.steps.insert(step.id, step);
        }
        process
    }

    /// The centre of a step's box within its lane: Flowcase's own numbers
    /// when written by Flowcase, else from the DI shape.
    fn position(&self, draft: &StepDraft, lane: usize, orientation: Orientation) -> FlowPoint {
        if let Some(e) = extension(draft.node, "step")
            && let (Some(along), Some(across)) = (number(e, "along"), number(e, "across"))
        {
            return FlowPoint::new(along, across);
        }
        let Some((b, _)) = self.shapes.get(draft.bpmn_id) else {
            return FlowPoint::new(0.0, 0.0);
        };
        let frame = Frame {
            orientation,
            label: LANE_LABEL,
        };
        // A lane not drawn is read from the page's corner.
        let lane = self.shapes.get(self.lanes[lane].bpmn_id).map(|s| s.0);
        let lane = lane.unwrap_or_default();
        let at = frame.place_in(b.center(), &lane, frame.along(lane.min) + LANE_LABEL);
        FlowPoint::new(at.along.max(0.0), at.across.max(0.0))
    }

    /// Each step's Flowcase id by its pool and BPMN id, as `build` gives
    /// them (in the drafts' order).
    fn step_ids(&self) -> BTreeMap<(usize, &'i str), StepId> {
        self.steps
            .iter()
            .zip(ids(self.steps.iter().map(|s| s.bpmn_id)))
            .map(|(s, id)| ((s.pool, s.bpmn_id), StepId(id)))
            .collect()
    }

    /// One line for all colours set on shapes (bpmn.io's `bioc:` and the
    /// OMG `color:` attributes): Flowcase draws in its own colours.
    fn report_colours(&self, notes: &mut Vec<ImportNote>) {
        let coloured = self
            .root
            .descendants()
            .filter(|n| n.is_element() && n.tag_name().name() == "BPMNShape")
            .filter(|n| {
                n.attributes().any(|a| {
                    matches!(
                        a.name(),
                        "fill" | "stroke" | "background-color" | "border-color"
                    )
                })
            })
            .count();
        if coloured > 0 {
            notes.push(ImportNote::Colours { count: coloured });
        }
    }
}
