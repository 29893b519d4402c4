//! The editor window (eframe/egui): canvas, inspector, overview form, live
//! AECI table, menus. The UI turns input into `Edit`s; the model does the
//! rest.

pub use crate::document::new_process;

/// The session, each open document shown by an `Editor`.
pub type Shell = crate::session::Shell<Editor>;
/// An open document of the window.
pub type OpenDoc = crate::session::OpenDoc<Editor>;

pub mod app;
pub mod canvas;
pub mod chrome;
pub mod clipboard;
mod command;
mod compare;
mod conflicts;
pub mod context;
pub mod dialogs;
mod doc_view;
mod file_window;
pub mod fonts;
pub mod inspector;
mod letters;
mod library_analysis;
mod library_dialogs;
mod library_list;
mod library_view;
pub mod overview_form;
pub mod paint;
pub mod shell;
pub mod shell_dialogs;
pub mod state;
pub mod table_view;

pub use crate::session::{
    LibraryRename, NativeDialogs, PromptAnswer, RemovedFile, Settings, ThemeChoice,
};
pub use app::{FlowcaseApp, editor_ui, window_title};
pub use command::Command;
pub use compare::{Against, Comparison, document_saved as compare_document_saved, start_comparing};
pub use context::{AppContext, AppRequest, LibraryLinks};
pub use shell::shell_ui;
pub use state::{Editor, Selection, Tab, Tool};

use crate::lang::Lang;
use std::path::PathBuf;

/// Zoom per point of Ctrl+wheel: egui's default (1/200) makes a wheel
/// notch (about 80 points on X11) 1.5×, which loses one's place; this
/// makes it about 1.15×.
const WHEEL_ZOOM_SPEED: f32 = 1.0 / 580.0;

/// Sets up a context for Flowcase: the fonts, and the Ctrl+wheel zoom step.
/// The window and the headless tests start with it.
pub fn setup_context(ctx: &egui::Context) {
    fonts::install_fonts(ctx);
    ctx.options_mut(|o| o.input_options.scroll_zoom_speed = WHEEL_ZOOM_SPEED);
}

/// The key settings are stored under in eframe's storage.
const SETTINGS_KEY: &str = "flowcase-settings";

/// Opens the editor window on the given files and runs until it is closed.
pub fn run(paths: Vec<PathBuf>, lang_override: Option<Lang>) -> eframe::Result {
    crate::recovery::install_panic_hook();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_inner_size([1440.0, 900.0])
            .with_min_inner_size([720.0, 480.0])
            .with_title("Flowcase")
            .with_drag_and_drop(true),
        // The bundled font covers CJK; ask the system only where it has
        // fonts, since the provider fails on machines without any.
        system_font_fallback: fonts::system_fonts_available(),
        ..Default::default()
    };
    eframe::run_native(
        "Flowcase",
        options,
        Box::new(move |cc| {
            setup_context(&cc.egui_ctx);
            let mut settings: Settings = cc
                .storage
                .and_then(|s| eframe::get_value(s, SETTINGS_KEY))
                .unwrap_or_default();
            if let Some(lang) = lang_override {
                settings.set_lang(lang);
            }
            apply_theme(&cc.egui_ctx, settings.theme);
            let recovery = crate::recovery::RecoveryStore::default_dir()
                .map(crate::recovery::RecoveryStore::new);
            let mut shell = Shell::new(paths, settings, recovery);
            let ctx = cc.egui_ctx.clone();
            shell.watch_with(move || ctx.request_repaint());
            Ok(Box::new(FlowcaseApp::new(shell)))
        }),
    )
}

/// Sets egui's theme from the setting.
pub fn apply_theme(ctx: &egui::Context, theme: crate::session::ThemeChoice) {
    ctx.options_mut(|o| {
        o.theme_preference = match theme {
            crate::session::ThemeChoice::Light => egui::ThemePreference::Light,
            crate::session::ThemeChoice::Dark => egui::ThemePreference::Dark,
            crate::session::ThemeChoice::System => egui::ThemePreference::System,
        }
    });
}
