//! Rows of issue 31: W-1000 written as a `.vsdx`, and that drawing (over a
//! thousand shapes) imported through the whole import (read, fitted,
//! checked to load as saved).

use flowcase::model::{Analysis, synthetic_process};
use std::path::Path;

type Push<'a> = &'a mut dyn FnMut(String, &str, Vec<f64>, String);

pub fn visio_rows(dir: &Path, push: Push) {
    let process = synthetic_process(1000, 42);
    let numbering = Analysis::of(&process).numbering;
    let lang = flowcase::lang::Lang::Zh;
    let mut bytes = Vec::new();
    let s = super::measure(10, 2, || {
        super::time(|| {
            bytes = flowcase::interop::visio::process_vsdx(&process, &numbering, lang).unwrap();
        })
    });
    let shapes = bytes.len();
    push(
        "export W-1000 to .vsdx".into(),
        "≤ 300 ms, ≤ 5 MB",
        s,
        format!("{:.2} MB", shapes as f64 / 1e6),
    );
    let file = dir.join("W-1000.vsdx");
    std::fs::write(&file, &bytes).unwrap();
    let mut steps = 0;
    let s = super::measure(10, 2, || {
        super::time(|| {
            steps = flowcase::import::import_visio(&file, 1)
                .unwrap()
                .process
                .steps
                .len();
        })
    });
    let count = shape_count(&bytes);
    push(
        "import a .vsdx of W-1000".into(),
        "≤ 300 ms",
        s,
        format!("{count} shapes on the page, {steps} steps"),
    );
}

/// How many shapes the drawing's page holds.
fn shape_count(bytes: &[u8]) -> usize {
    use std::io::Read;
    let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return 0;
    };
    let mut page = String::new();
    if let Ok(mut part) = zip.by_name("visio/pages/page1.xml") {
        let _ = part.read_to_string(&mut page);
    }
    page.matches("<Shape ").count()
}
