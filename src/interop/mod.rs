//! Other tools' formats, one room for both directions: BPMN 2.0 and Visio
//! (read and written), draw.io and responsibility tables (read), the XML escaping
//! every XML-based file shares, and what an import brings (`report`) fitted
//! to Flowcase's limits (`fit`).

pub mod bpmn;
pub mod drawio;
pub(crate) mod fit;
pub mod report;
pub mod table;
pub mod visio;
pub mod xml;
