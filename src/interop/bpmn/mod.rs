//! BPMN 2.0, both ways: the namespaces both directions use, reading any
//! modeller's file into a process (`read`), and writing a process with its
//! diagram and Flowcase's extension (`write`).

mod elements;
mod extension;
mod read;
mod write;

pub use read::{MAX_FILE_STEPS, MAX_SUB_PROCESSES, process_from_bpmn};
pub use write::process_bpmn;

/// BPMN 2.0's model namespace.
pub const BPMN_NS: &str = "http://www.omg.org/spec/BPMN/20100524/MODEL";
/// BPMN DI: where shapes and edges are drawn.
pub const BPMNDI_NS: &str = "http://www.omg.org/spec/BPMN/20100524/DI";
/// OMG Diagram Definition: bounds and waypoints.
pub const DC_NS: &str = "http://www.omg.org/spec/DD/20100524/DC";
pub const DI_NS: &str = "http://www.omg.org/spec/DD/20100524/DI";
/// Flowcase's namespace for what BPMN has no element for.
pub const FLOWCASE_NS: &str = "https://flowcase.dev/schema/bpmn/1";

/// Why a BPMN file could not be read.
#[derive(Debug, Clone, PartialEq)]
pub enum BpmnError {
    Xml(crate::interop::xml::XmlError),
    NotBpmn(String),
    NoProcess,
    /// More lanes, steps or flows than a process may have: refused as
    /// soon as they are counted.
    OverLimit(crate::model::limits::OverLimit),
}
