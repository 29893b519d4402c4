//! The application's frame: the window's close request, the document tabs,
//! the active editor and the shell's dialogs, drawn around a `Shell`.

use super::Shell;
use super::app::editor_ui;
use crate::text::{S, tr};
use std::path::PathBuf;

/// One frame of the whole application.
pub fn shell_ui(shell: &mut Shell, ui: &mut egui::Ui) {
    let ctx = ui.ctx().clone();
    let now = ctx.input(|i| i.time);

    // The window's close button, Alt+F4 and the like.
    if ctx.input(|i| i.viewport().close_requested()) && !shell.close_approved {
        ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
        if shell.prompt().is_none() {
            shell.request_close((0..shell.docs.len()).collect(), true);
        }
    }
    // Files dropped on the window.
    let dropped: Vec<PathBuf> = ctx.input(|i| {
        i.raw
            .dropped_files
            .iter()
            .map(|f| f.path().to_path_buf())
            .filter(|p| !p.as_os_str().is_empty())
            .collect()
    });
    for path in dropped {
        shell.open_path(&path);
    }
    switch_tabs(shell, &ctx);
    shell.poll_dialog();
    shell.poll_library_export();
    export_progress(shell, &ctx);
    if shell.dialog_open() {
        ctx.request_repaint_after(std::time::Duration::from_millis(100));
    }

    document_tabs(shell, ui);
    if shell.shows_library() {
        super::library_view::library_ui(shell, ui);
    } else if let Some(d) = shell.docs.get_mut(shell.active) {
        editor_ui(&mut d.editor, &mut shell.app, ui);
    }
    for request in std::mem::take(&mut shell.app.requests) {
        shell.carry_out(request);
    }
    if let Some(wait) = shell.autosave_tick(now) {
        ctx.request_repaint_after(std::time::Duration::from_secs_f64(wait));
    }
    if let Some(wait) = shell.watch_disk(now) {
        ctx.request_repaint_after(std::time::Duration::from_secs_f64(wait));
    }
    super::shell_dialogs::dialogs(shell, &ctx, now);
    if shell.close_approved {
        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
    }
}

/// Ctrl+Tab and Ctrl+PgDn show the next tab, Ctrl+Shift+Tab and Ctrl+PgUp
/// the one before, the 流程清单 among them.
fn switch_tabs(shell: &mut Shell, ctx: &egui::Context) {
    use egui::{Key, Modifiers};
    let cmd = Modifiers::COMMAND;
    let (back, on) = ctx.input_mut(|i| {
        // Shift first: Ctrl+Tab matches with Shift held too.
        let back =
            i.consume_key(cmd | Modifiers::SHIFT, Key::Tab) || i.consume_key(cmd, Key::PageUp);
        let on = i.consume_key(cmd, Key::Tab) || i.consume_key(cmd, Key::PageDown);
        (back, on)
    });
    if back {
        shell.switch_tab(-1);
    }
    if on {
        shell.switch_tab(1);
    }
}

/// The open library's 流程清单 first, then a tab per open document, with a
/// mark while unsaved and a close button.
fn document_tabs(shell: &mut Shell, ui: &mut egui::Ui) {
    let library = shell.library.is_some();
    if shell.docs.len() < 2 && !library {
        return;
    }
    let lang = shell.lang;
    let mut close = None;
    let mut show_library = shell.shows_library();
    egui::Panel::top("documents").show(ui, |ui| {
        ui.horizontal(|ui| {
            if library {
                if ui
                    .selectable_label(show_library, tr(lang, S::LibraryTab))
                    .clicked()
                {
                    show_library = true;
                }
                ui.separator();
            }
            for (i, d) in shell.docs.iter().enumerate() {
                let mark = if d.editor.doc.is_modified() {
                    "● "
                } else {
                    ""
                };
                let selected = !show_library && i == shell.active;
                if ui
                    .selectable_label(selected, format!("{mark}{}", d.name(lang)))
                    .clicked()
                {
                    shell.active = i;
                    show_library = false;
                }
                if ui
                    .small_button("×")
                    .on_hover_text(tr(lang, S::CloseTab))
                    .clicked()
                {
                    close = Some(i);
                }
                ui.separator();
            }
        });
    });
    shell.show(if show_library {
        crate::session::View::Library
    } else {
        crate::session::View::Document
    });
    if let Some(i) = close {
        shell.request_close(vec![i], false);
    }
}

/// While a library exports or publishes in the background: how far it
/// has got.
fn export_progress(shell: &Shell, ctx: &egui::Context) {
    let Some(job) = &shell.library_export else {
        return;
    };
    let values: [(&str, &dyn std::fmt::Display); 2] = [("done", &job.done), ("total", &job.total)];
    let doing = match job.job {
        crate::session::LibraryJob::Export => S::LibExporting,
        crate::session::LibraryJob::Publish => S::Publishing,
    };
    let text = crate::text::fill(shell.lang, doing, &values);
    let fraction = if job.total == 0 {
        0.0
    } else {
        job.done as f32 / job.total as f32
    };
    egui::Area::new(egui::Id::unique("library-export-progress"))
        .anchor(egui::Align2::CENTER_BOTTOM, [0.0, -40.0])
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.set_width(360.0);
                ui.add(egui::ProgressBar::new(fraction).text(text));
            });
        });
    ctx.request_repaint_after(std::time::Duration::from_millis(100));
}
