//! The editor window (eframe/egui): canvas, inspector, overview form, live
//! AECI table, menus. The UI turns input into `Edit`s; the model does the
//! rest.

pub mod app;
pub mod canvas;
pub mod chrome;
pub mod clipboard;
pub mod dialogs;
pub mod fonts;
pub mod inspector;
pub mod overview_form;
pub mod paint;
pub mod state;
pub mod strings;
pub mod table_view;

pub use app::{FlowcaseApp, editor_ui, window_title};
pub use state::{Command, Editor, Selection, Tab, Tool};

use crate::document::Document;
use crate::lang::Lang;
use crate::model::{Lane, LaneId, Overview, Process};
use std::path::PathBuf;

/// A new, empty process: three lanes to start drawing in.
pub fn new_process(lang: Lang) -> Process {
    let names: [&str; 3] = match lang {
        Lang::Zh => ["部门一", "部门二", "部门三"],
        Lang::En => ["Department 1", "Department 2", "Department 3"],
    };
    Process {
        overview: Overview {
            name: lang.pick("新流程", "New process").to_owned(),
            ..Overview::default()
        },
        lanes: names
            .iter()
            .enumerate()
            .map(|(i, n)| Lane {
                id: LaneId(i as u32 + 1),
                name: (*n).to_owned(),
                size: 140.0,
            })
            .collect(),
        ..Process::default()
    }
}

/// An editor on a file, or on a new process when there is none. A file that
/// does not load leaves a new process open and says why.
pub fn editor_for(path: Option<PathBuf>, lang: Lang) -> Editor {
    match path {
        Some(path) => match crate::format::load(&path) {
            Ok(process) => Editor::new(Document::new(process, Some(path)), lang),
            Err(e) => {
                let mut ed = Editor::new(Document::new(new_process(lang), None), lang);
                ed.message = Some(e.to_string());
                ed
            }
        },
        None => Editor::new(Document::new(new_process(lang), None), lang),
    }
}

/// Opens the editor window and runs until it is closed.
pub fn run(path: Option<PathBuf>, lang: Lang) -> eframe::Result {
    let editor = editor_for(path, lang);
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_inner_size([1440.0, 900.0])
            .with_min_inner_size([720.0, 480.0])
            .with_title("Flowcase"),
        // The bundled font covers CJK; ask the system only where it has
        // fonts, since the provider fails on machines without any.
        system_font_fallback: fonts::system_fonts_available(),
        ..Default::default()
    };
    eframe::run_native(
        "Flowcase",
        options,
        Box::new(move |cc| {
            fonts::install_fonts(&cc.egui_ctx);
            // A document editor: light, like the slides it makes.
            cc.egui_ctx.set_theme(egui::Theme::Light);
            Ok(Box::new(FlowcaseApp::new(editor)))
        }),
    )
}
