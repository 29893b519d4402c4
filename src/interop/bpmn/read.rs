//! BPMN 2.0 import: every leaf lane of every participant becomes a lane,
//! tasks, gateways, events, call activities, data objects and text
//! annotations become steps, sequence and message flows (and associations)
//! connectors. Positions come from BPMN DI, or from Flowcase's own
//! extension when the file was written by Flowcase; without either the
//! chart is laid out by tidy. What Flowcase cannot show is listed in the
//! report, never dropped silently. Read with roxmltree (namespaces
//! resolved, errors with line and column; usvg already builds it).

use super::{BPMN_NS, BPMNDI_NS, BpmnError, FLOWCASE_NS};
use crate::interop::fit::at_most;
use crate::interop::report::{ImportNote, Imported, SubProcess};
use crate::layout::{Frame, Rect, holding_or_nearest};
use crate::model::limits::{Limited, MAX_CONNECTORS, MAX_LANES, MAX_STEPS};
use crate::model::{
    Connector, ConnectorId, FlowPoint, Lane, LaneId, Orientation, Phase, PhaseId, Process, RoleSet,
    RuleId, Step, StepId, StepKind,
};
use roxmltree::{Document, Node};
use std::collections::{BTreeMap, BTreeSet};

/// The band a modeller keeps for a lane's name, left of (or above) it.
const LANE_LABEL: f32 = 30.0;
/// Sub-processes nested deeper than this keep their insides out (noted).
const DEEPEST_SUB_PROCESS: usize = 8;
/// At most this many sub-processes of a file become processes of their own.
pub const MAX_SUB_PROCESSES: usize = 100;

/// Reads a BPMN 2.0 document.
pub fn process_from_bpmn(text: &str, fallback_name: &str) -> Result<Imported, BpmnError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    let doc = Document::parse_with_options(text, options).map_err(|e| {
        let pos = e.pos();
        BpmnError::Xml {
            line: pos.row,
            column: pos.col,
            message: e.to_string(),
        }
    })?;
    let root = doc.root_element();
    if !is(root, "definitions") {
        return Err(BpmnError::NotBpmn(root.tag_name().name().to_owned()));
    }
    let mut reader = Reader::new(root, fallback_name);
    reader.read_shapes();
    let mut parts_left = MAX_SUB_PROCESSES;
    reader.read(&mut parts_left)
}

/// Whether `n` is the BPMN (or un-namespaced) element `name`.
fn is(n: Node, name: &str) -> bool {
    n.is_element()
        && n.tag_name().name() == name
        && matches!(n.tag_name().namespace(), None | Some(BPMN_NS))
}

fn is_fc(n: Node, name: &str) -> bool {
    n.is_element() && n.tag_name().name() == name && n.tag_name().namespace() == Some(FLOWCASE_NS)
}

/// Whether `n` is an element a process flows through (an activity, a
/// gateway or an event), as a sub-process's insides are.
fn is_flow_node(n: Node) -> bool {
    let tag = n.tag_name().name();
    n.is_element()
        && (tag.ends_with("Task")
            || tag.ends_with("Gateway")
            || tag.ends_with("Event")
            || matches!(
                tag,
                "task" | "callActivity" | "subProcess" | "adHocSubProcess" | "transaction"
            ))
}

fn children<'a, 'i>(n: Node<'a, 'i>) -> impl Iterator<Item = Node<'a, 'i>> {
    n.children().filter(|c| c.is_element())
}

fn name_of(n: Node) -> String {
    n.attribute("name").unwrap_or("").trim().to_owned()
}

/// The Flowcase extension element `name` of `n`, if any.
fn extension<'a, 'i>(n: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    children(n)
        .filter(|c| is(*c, "extensionElements"))
        .flat_map(children)
        .find(|c| is_fc(*c, name))
}

fn number(n: Node, attr: &str) -> Option<f32> {
    n.attribute(attr)?
        .trim()
        .parse::<f32>()
        .ok()
        .filter(|v| v.is_finite())
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

    fn read(mut self, parts_left: &mut usize) -> Result<Imported, BpmnError> {
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
        let mut imported = self.read_pools(&processes, ext, parts_left)?;
        imported.notes.extend(colours);
        Ok(imported)
    }

    /// The process made of `processes` (pools, or one sub-process), and
    /// of each sub-process in them with insides, a process of its own.
    fn read_pools(
        mut self,
        processes: &[(String, Node<'i, 'i>)],
        ext: Option<Node>,
        parts_left: &mut usize,
    ) -> Result<Imported, BpmnError> {
        for (pool, (pool_name, process)) in processes.iter().enumerate() {
            self.read_lanes(pool, pool_name, *process);
        }
        at_most(Limited::Lanes, self.lanes.len(), MAX_LANES).map_err(BpmnError::OverLimit)?;
        for (pool, (_, process)) in processes.iter().enumerate() {
            self.read_nodes(pool, *process);
            at_most(Limited::Steps, self.steps.len(), MAX_STEPS).map_err(BpmnError::OverLimit)?;
        }
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
        let sub_processes = self.read_sub_processes(&process, parts_left)?;
        Ok(Imported {
            process,
            notes: self.notes,
            needs_layout,
            sub_processes,
        })
    }

    /// Each sub-process with insides as a process of its own, the department
    /// of its exit's lane as its lane when it has none; past the depth or
    /// count allowed, its insides are noted and left out.
    fn read_sub_processes(
        &mut self,
        process: &Process,
        parts_left: &mut usize,
    ) -> Result<Vec<SubProcess>, BpmnError> {
        let by_bpmn = self.step_ids();
        let mut parts = Vec::new();
        for (index, node) in std::mem::take(&mut self.subs) {
            let draft = &self.steps[index];
            let exit = by_bpmn.get(&(draft.pool, draft.bpmn_id)).copied();
            // Unnamed, it is named by its BPMN id.
            let name = if draft.title.is_empty() {
                draft.bpmn_id.to_owned()
            } else {
                draft.title.clone()
            };
            if self.depth + 1 > DEEPEST_SUB_PROCESS || *parts_left == 0 {
                let count = children(node)
                    .filter(|c| c.attribute("id").is_some())
                    .count();
                self.notes
                    .push(ImportNote::SubProcessInside { name, count });
                continue;
            }
            let Some(exit) = exit else {
                continue;
            };
            *parts_left -= 1;
            let lane = process
                .steps
                .get(&exit)
                .and_then(|s| process.lane(s.lane))
                .map(|l| l.name.clone())
                .unwrap_or_default();
            let mut imported = self
                .inside()
                .read_pools(&[(lane, node)], None, parts_left)?;
            imported.process.overview.name = name.clone();
            self.notes.push(ImportNote::SubProcessApart {
                name,
                steps: imported.process.steps.len(),
            });
            parts.push(SubProcess { exit, imported });
        }
        Ok(parts)
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
                read_step_extension(&mut step, e, &process, &own, &lane_ids, &self.lanes);
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

    /// Connectors from sequence flows, message flows, associations and
    /// data associations whose both ends became steps.
    fn read_flows(
        &mut self,
        processes: &[(String, Node)],
        process: &Process,
    ) -> Result<BTreeMap<ConnectorId, Connector>, BpmnError> {
        let by_bpmn = self.step_ids();
        debug_assert!(by_bpmn.values().all(|id| process.steps.contains_key(id)));
        // A flow in a collaboration (a message flow) may join pools: its
        // ends are found by an id that only one pool uses.
        let mut anywhere: BTreeMap<&str, Option<StepId>> = BTreeMap::new();
        for ((_, bpmn), id) in &by_bpmn {
            anywhere
                .entry(*bpmn)
                .and_modify(|seen| *seen = None)
                .or_insert(Some(*id));
        }
        // A flow of a process finds its ends within that process.
        let mut flows: Vec<Flow> = Vec::new();
        let mut scopes: Vec<(Option<usize>, Node)> = processes
            .iter()
            .enumerate()
            .map(|(pool, (_, p))| (Some(pool), *p))
            .collect();
        scopes.extend(
            children(self.root)
                .filter(|n| is(*n, "collaboration"))
                .map(|n| (None, n)),
        );
        for (pool, scope) in scopes {
            for n in children(scope) {
                let tag = n.tag_name().name();
                if !matches!(tag, "sequenceFlow" | "messageFlow" | "association") {
                    if let Some(owner) = n.attribute("id") {
                        for (id, from, to) in children(n).flat_map(|a| data_association(a, owner)) {
                            flows.push((id, pool, from, to, None));
                        }
                    }
                    continue;
                }
                let (Some(from), Some(to)) = (n.attribute("sourceRef"), n.attribute("targetRef"))
                else {
                    continue;
                };
                let label = name_of(n);
                let label = if label.is_empty() {
                    extension(n, "label")
                        .and_then(|e| e.attribute("text"))
                        .map(str::to_owned)
                } else {
                    Some(label)
                };
                flows.push((
                    n.attribute("id").unwrap_or(""),
                    pool,
                    from.trim(),
                    to.trim(),
                    label,
                ));
            }
        }
        at_most(Limited::Connectors, flows.len(), MAX_CONNECTORS).map_err(BpmnError::OverLimit)?;
        let flow_ids = ids(flows.iter().map(|f| f.0));
        let mut connectors = BTreeMap::new();
        let end = |pool: Option<usize>, bpmn: &str| match pool {
            Some(pool) => by_bpmn.get(&(pool, bpmn)).copied(),
            None => anywhere.get(bpmn).copied().flatten(),
        };
        for ((bpmn_id, pool, from, to, label), id) in flows.into_iter().zip(flow_ids) {
            match (end(pool, from), end(pool, to)) {
                (Some(f), Some(t)) => {
                    let id = ConnectorId(id);
                    connectors.insert(
                        id,
                        Connector {
                            id,
                            from: f,
                            to: t,
                            label: label.filter(|l| !l.is_empty()),
                        },
                    );
                }
                _ => {
                    let pool = self.pools.contains(from) || self.pools.contains(to);
                    self.notes.push(ImportNote::FlowNotKept {
                        id: bpmn_id.to_owned(),
                        to_pool: pool,
                    });
                }
            }
        }
        Ok(connectors)
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

/// A data association inside an activity: from the activity to a data
/// object (output), or from a data object to it (input).
/// The (id, from, to) of a data association inside element `owner`.
fn data_association<'i>(a: Node<'i, 'i>, owner: &'i str) -> Vec<(&'i str, &'i str, &'i str)> {
    let mut flows = Vec::new();
    let text = |tag: &str| {
        children(a)
            .find(|c| is(*c, tag))
            .and_then(|c| c.text())
            .map(str::trim)
    };
    let id = a.attribute("id").unwrap_or("");
    if is(a, "dataOutputAssociation") {
        if let Some(to) = text("targetRef") {
            flows.push((id, owner, to));
        }
    } else if is(a, "dataInputAssociation") {
        for from in children(a)
            .filter(|c| is(*c, "sourceRef"))
            .filter_map(|c| c.text())
        {
            flows.push((id, from.trim(), owner));
        }
    }
    flows
}

/// An unnamed intermediate event's title: its kind.
fn event_kind(n: Node) -> String {
    let definition = children(n)
        .map(|c| c.tag_name().name())
        .find(|t| t.ends_with("EventDefinition"))
        .map(|t| t.trim_end_matches("EventDefinition"));
    let way = if n.tag_name().name() == "intermediateThrowEvent" {
        "throw"
    } else {
        "catch"
    };
    match definition {
        Some(d) => format!("{d} ({way})"),
        None => format!("intermediate event ({way})"),
    }
}

/// Flowcase ids for BPMN ids: the number in `Step_12` (any prefix ending in
/// `_` and digits) when every one has a distinct such number, else 1, 2, 3…
fn ids<'a>(bpmn: impl Iterator<Item = &'a str>) -> Vec<u32> {
    let bpmn: Vec<&str> = bpmn.collect();
    let numbers: Vec<Option<u32>> = bpmn
        .iter()
        .map(|id| {
            let (_, n) = id.rsplit_once('_')?;
            n.parse::<u32>().ok().filter(|n| *n > 0)
        })
        .collect();
    let distinct: BTreeSet<u32> = numbers.iter().flatten().copied().collect();
    if numbers.iter().all(Option::is_some) && distinct.len() == numbers.len() {
        numbers.into_iter().flatten().collect()
    } else {
        (1..=bpmn.len() as u32).collect()
    }
}

fn read_overview(
    process: &mut Process,
    ext: Option<Node>,
    processes: &[(String, Node)],
    fallback: &str,
) {
    let first_name = processes
        .iter()
        .map(|(pool, p)| {
            if pool.is_empty() {
                name_of(*p)
            } else {
                pool.clone()
            }
        })
        .find(|n| !n.is_empty())
        .unwrap_or_else(|| fallback.to_owned());
    process.overview.name = first_name;
    let Some(ext) = ext else {
        return;
    };
    if let Some(o) = children(ext).find(|c| is_fc(*c, "overview")) {
        let field = |a: &str| o.attribute(a).unwrap_or("").to_owned();
        let ov = &mut process.overview;
        ov.name = field("name");
        ov.number = field("number");
        ov.definition = field("definition");
        ov.purpose = field("purpose");
        ov.participants = field("participants");
        ov.cycle = field("cycle");
        ov.owner = field("owner");
        let items = |tag: &str| -> Vec<String> {
            children(o)
                .filter(|c| is_fc(*c, tag))
                .map(|c| c.text().unwrap_or("").to_owned())
                .collect()
        };
        ov.key_points = items("keyPoint");
        ov.related_processes = items("relatedProcess");
        ov.related_documents = items("relatedDocument");
    }
    for ph in children(ext).filter(|c| is_fc(*c, "phase")) {
        let Some(id) = ph.attribute("id").and_then(|v| v.parse::<u32>().ok()) else {
            continue;
        };
        process.phases.push(Phase {
            id: PhaseId(id),
            name: ph.attribute("name").unwrap_or("").to_owned(),
            size: number(ph, "size").unwrap_or(Phase::DEFAULT_SIZE),
        });
    }
    if let Some(rules) = children(ext).find(|c| is_fc(*c, "rules")) {
        let disabled = rules.attribute("disabled").unwrap_or("");
        for rule in RuleId::ALL {
            if disabled.split(',').any(|d| d.trim() == format!("{rule:?}")) {
                process.rules.set_enabled(rule, false);
            }
        }
    }
}

fn read_step_extension(
    step: &mut Step,
    e: Node,
    process: &Process,
    by_bpmn: &dyn Fn(&str) -> Option<StepId>,
    lane_ids: &[u32],
    lanes: &[LaneDraft],
) {
    let lane_of = |bpmn: &str| {
        lanes
            .iter()
            .position(|l| l.bpmn_id == bpmn)
            .map(|i| LaneId(lane_ids[i]))
    };
    step.phase = e
        .attribute("phase")
        .and_then(|p| p.parse::<u32>().ok())
        .map(PhaseId)
        .filter(|p| process.phase(*p).is_some());
    step.pinned_number = e.attribute("pinned").and_then(|p| p.parse().ok());
    step.group = e.attribute("group").and_then(by_bpmn);
    let roles: Vec<(LaneId, RoleSet)> = children(e)
        .filter(|c| is_fc(*c, "role"))
        .filter_map(|r| {
            let lane = lane_of(r.attribute("lane")?)?;
            let set = RoleSet::parse(r.attribute("letters")?).ok()?;
            Some((lane, set))
        })
        .collect();
    if !roles.is_empty() || children(e).any(|c| is_fc(c, "role")) {
        step.roles = roles.into_iter().filter(|(_, s)| !s.is_empty()).collect();
    } else if extension_written_by_flowcase(e) {
        step.roles.clear();
    }
    step.description = children(e)
        .find(|c| is_fc(*c, "description"))
        .and_then(|d| d.text())
        .unwrap_or("")
        .to_owned();
    step.outputs = children(e)
        .filter(|c| is_fc(*c, "output"))
        .map(|o| o.text().unwrap_or("").to_owned())
        .collect();
}

/// A Flowcase step extension always carries its place; one that does, with
/// no roles listed, means the step had none.
fn extension_written_by_flowcase(e: Node) -> bool {
    e.attribute("along").is_some() && e.attribute("across").is_some()
}
