//! The shell's dialogs: save before closing, restore recovered work, a
//! file that did not open, and the export options.

use super::Shell;
use crate::export::{Content, ExportOptions, PageSize};
use crate::session::{ConflictAnswer, DiskAnswer, ExportUnsavedAnswer, Modal, PromptAnswer};
use crate::text::{S, tr};

/// The question asked first (the others wait their turn), the offer to
/// restore recovered work, and Flowcase's own file dialog.
pub fn dialogs(shell: &mut Shell, ctx: &egui::Context, now: f64) {
    match shell.modal() {
        Some(Modal::Unsaved(_)) => unsaved_prompt(shell, ctx),
        Some(Modal::OpenFailed(_)) => open_failure(shell, ctx),
        Some(Modal::SaveFailed(_)) => save_failure(shell, ctx),
        Some(Modal::DiskChanged(_)) => disk_change(shell, ctx),
        Some(Modal::ExportUnsaved(_)) => export_unsaved(shell, ctx),
        Some(Modal::SaveConflict(_)) => save_conflict(shell, ctx),
        Some(Modal::Export(_)) => export_options(shell, ctx),
        None => {}
    }
    restore_offer(shell, ctx, now);
    // Last, so it is above a prompt that asked for it.
    super::file_window::file_window(shell, ctx);
}

/// The question before unsaved work would be lost.
fn unsaved_prompt(shell: &mut Shell, ctx: &egui::Context) {
    let lang = shell.lang;
    let t = |k| tr(lang, k);
    if let Some(prompt) = shell.prompt()
        && let Some(key) = prompt.queue.first()
    {
        let name = shell
            .docs
            .iter()
            .find(|d| &d.key == key)
            .map(|d| d.name(lang))
            .unwrap_or_default();
        let mut answer = None;
        // Several documents are asked about once, listed.
        let names: Vec<String> = prompt.queue.iter().map(|k| doc_name(shell, k)).collect();
        if names.len() > 1 {
            egui::Modal::new(egui::Id::unique("unsaved-prompt-all")).show(ctx, |ui| {
                ui.heading(t(S::UnsavedTitle));
                ui.label(t(S::UnsavedSeveral));
                for name in &names {
                    ui.label(format!("· {name}"));
                }
                ui.horizontal(|ui| {
                    if ui.button(t(S::SaveAll)).clicked() {
                        answer = Some(PromptAnswer::SaveAll);
                    }
                    if ui.button(t(S::DontSaveAll)).clicked() {
                        answer = Some(PromptAnswer::DontSaveAll);
                    }
                    if ui.button(t(S::Cancel)).clicked() {
                        answer = Some(PromptAnswer::Cancel);
                    }
                });
            });
            if let Some(a) = answer {
                shell.answer_prompt(a);
            }
            return;
        }
        egui::Modal::new(egui::Id::unique("unsaved-prompt")).show(ctx, |ui| {
            ui.heading(t(S::UnsavedTitle));
            ui.label(format!("「{name}」{}", t(S::UnsavedQuestion)));
            ui.horizontal(|ui| {
                if ui.button(t(S::Save)).clicked() {
                    answer = Some(PromptAnswer::Save);
                }
                if ui.button(t(S::DontSave)).clicked() {
                    answer = Some(PromptAnswer::DontSave);
                }
                if ui.button(t(S::Cancel)).clicked() {
                    answer = Some(PromptAnswer::Cancel);
                }
            });
        });
        if let Some(a) = answer {
            shell.answer_prompt(a);
        }
    }
}

/// The offer to restore copies left by a crash.
fn restore_offer(shell: &mut Shell, ctx: &egui::Context, now: f64) {
    let lang = shell.lang;
    let t = |k| tr(lang, k);
    if !shell.restore_offer.is_empty() {
        let mut choice = None;
        egui::Modal::new(egui::Id::unique("restore-offer")).show(ctx, |ui| {
            ui.heading(t(S::RestoreTitle));
            ui.label(t(S::RestoreQuestion));
            for found in &shell.restore_offer {
                let name = found
                    .original
                    .as_ref()
                    .and_then(|p| p.file_name())
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| found.process.overview.name.clone());
                ui.label(format!(
                    "• {name} — {} {}",
                    t(S::WrittenAt),
                    local_time(found.written)
                ));
            }
            ui.horizontal(|ui| {
                if ui.button(t(S::RestoreAll)).clicked() {
                    choice = Some(true);
                }
                if ui.button(t(S::Discard)).clicked() {
                    choice = Some(false);
                }
            });
        });
        match choice {
            Some(true) => shell.restore_all(now),
            Some(false) => shell.discard_recovered(),
            None => {}
        }
    }
}

/// A file that did not open, with its backup offered.
fn open_failure(shell: &mut Shell, ctx: &egui::Context) {
    let lang = shell.lang;
    let t = |k| tr(lang, k);
    if let Some(failure) = shell.open_failure().cloned() {
        let mut done = false;
        egui::Modal::new(egui::Id::unique("open-failure")).show(ctx, |ui| {
            ui.heading(t(S::OpenFailedTitle));
            ui.label(&failure.message);
            ui.horizontal(|ui| {
                if let Some(bak) = &failure.backup
                    && ui
                        .button(format!("{} ({})", t(S::OpenBackup), bak.display()))
                        .clicked()
                {
                    shell.open_backup(&failure);
                    done = true;
                }
                if ui.button(t(S::Close)).clicked() {
                    done = true;
                }
            });
        });
        if done {
            shell.take_open_failure();
        }
    }
}

/// A save that failed, with Save As offered.
fn save_failure(shell: &mut Shell, ctx: &egui::Context) {
    let lang = shell.lang;
    let t = |k| tr(lang, k);
    if let Some(failure) = shell.save_failure().cloned() {
        let mut answer = None;
        egui::Modal::new(egui::Id::unique("save-failure")).show(ctx, |ui| {
            ui.heading(t(S::SaveFailedTitle));
            ui.label(&failure.message);
            ui.horizontal(|ui| {
                if ui.button(t(S::SaveAs)).clicked() {
                    answer = Some(true);
                }
                if ui.button(t(S::Close)).clicked() {
                    answer = Some(false);
                }
            });
        });
        match answer {
            Some(true) => shell.save_failed_doc_elsewhere(),
            Some(false) => {
                shell.take_save_failure();
            }
            None => {}
        }
    }
}

/// The name of the document with `key`, for a question about it.
fn doc_name(shell: &Shell, key: &str) -> String {
    shell
        .docs
        .iter()
        .find(|d| d.key == key)
        .map(|d| d.name(shell.lang))
        .unwrap_or_default()
}

/// An open document's file changed on disk: reload, compare or keep.
fn disk_change(shell: &mut Shell, ctx: &egui::Context) {
    let lang = shell.lang;
    let t = |k| tr(lang, k);
    let Some(change) = shell.disk_change().cloned() else {
        return;
    };
    let name = doc_name(shell, &change.key);
    let mut answer = None;
    egui::Modal::new(egui::Id::unique("disk-change")).show(ctx, |ui| {
        ui.heading(t(S::DiskChangedTitle));
        ui.label(crate::text::fill(lang, S::DiskChanged, &[("name", &name)]));
        if change.unsaved {
            ui.label(t(S::DiskChangedUnsaved));
        }
        ui.horizontal(|ui| {
            if change.unsaved && ui.button(t(S::DiskCompare)).clicked() {
                answer = Some(DiskAnswer::Compare);
            }
            if ui.button(t(S::DiskReload)).clicked() {
                answer = Some(DiskAnswer::Reload);
            }
            if ui.button(t(S::DiskKeep)).clicked() {
                answer = Some(DiskAnswer::Keep);
            }
        });
    });
    if let Some(a) = answer {
        shell.answer_disk_change(a);
    }
}

/// A library export while documents of the library have unsaved changes:
/// save them and export, export the saved files, or cancel.
fn export_unsaved(shell: &mut Shell, ctx: &egui::Context) {
    let lang = shell.lang;
    let t = |k| tr(lang, k);
    let Some(asked) = shell.export_unsaved().cloned() else {
        return;
    };
    let names: Vec<String> = asked.keys.iter().map(|k| doc_name(shell, k)).collect();
    let [question, save, saved] = match asked.job {
        crate::session::LibraryJob::Export => [
            S::ExportUnsavedQuestion,
            S::ExportUnsavedSave,
            S::ExportUnsavedSaved,
        ],
        crate::session::LibraryJob::Publish => [
            S::PublishUnsavedQuestion,
            S::PublishUnsavedSave,
            S::PublishUnsavedSaved,
        ],
    };
    let mut answer = None;
    egui::Modal::new(egui::Id::unique("export-unsaved")).show(ctx, |ui| {
        ui.heading(t(S::ExportUnsavedTitle));
        let list = names.join("、");
        ui.label(crate::text::fill(lang, question, &[("names", &list)]));
        ui.horizontal(|ui| {
            if ui.button(t(save)).clicked() {
                answer = Some(ExportUnsavedAnswer::SaveAndExport);
            }
            if ui.button(t(saved)).clicked() {
                answer = Some(ExportUnsavedAnswer::ExportSaved);
            }
            if ui.button(t(S::Cancel)).clicked() {
                answer = Some(ExportUnsavedAnswer::Cancel);
            }
        });
    });
    if let Some(a) = answer {
        shell.answer_export_unsaved(a);
    }
}

/// A save would write over another program's change: save, compare or
/// cancel.
fn save_conflict(shell: &mut Shell, ctx: &egui::Context) {
    let lang = shell.lang;
    let t = |k| tr(lang, k);
    let Some(conflict) = shell.save_conflict().cloned() else {
        return;
    };
    let name = doc_name(shell, &conflict.key);
    let mut answer = None;
    egui::Modal::new(egui::Id::unique("save-conflict")).show(ctx, |ui| {
        ui.heading(t(S::SaveConflictTitle));
        let question = crate::text::fill(lang, S::SaveConflictQuestion, &[("name", &name)]);
        ui.label(question);
        ui.horizontal(|ui| {
            if ui.button(t(S::DiskCompare)).clicked() {
                answer = Some(ConflictAnswer::Compare);
            }
            if ui.button(t(S::SaveConflictOverwrite)).clicked() {
                answer = Some(ConflictAnswer::Overwrite);
            }
            if ui.button(t(S::Cancel)).clicked() {
                answer = Some(ConflictAnswer::Cancel);
            }
        });
    });
    if let Some(a) = answer {
        shell.answer_save_conflict(a);
    }
}

/// The export options, before the file dialog.
fn export_options(shell: &mut Shell, ctx: &egui::Context) {
    let lang = shell.lang;
    let t = |k| tr(lang, k);
    if let Some(mut choice) = shell.export_choice().cloned() {
        let mut go = None;
        egui::Modal::new(egui::Id::unique("export-options")).show(ctx, |ui| {
            ui.heading(t(S::ExportTitle));
            egui::Grid::new("export-grid")
                .num_columns(2)
                .show(ui, |ui| {
                    ui.label(t(S::ExportFormat));
                    ui.horizontal(|ui| {
                        for ext in ["pdf", "pptx", "png", "svg", "xlsx", "csv", "bpmn", "vsdx"] {
                            ui.selectable_value(&mut choice.extension, ext, ext.to_uppercase());
                        }
                    });
                    ui.end_row();
                    ui.label(t(S::ExportWhat));
                    ui.vertical(|ui| {
                        if choice.extension != "pptx" {
                            ui.radio_value(&mut choice.content, Content::Chart, t(S::ExportChart));
                        }
                        if !matches!(choice.extension, "pptx" | "bpmn" | "vsdx") {
                            ui.radio_value(&mut choice.content, Content::Table, t(S::ExportTable));
                        }
                        if matches!(choice.extension, "pdf" | "pptx") {
                            ui.radio_value(&mut choice.content, Content::Deck, t(S::ExportDeck));
                        }
                    });
                    ui.end_row();
                    match choice.extension {
                        "png" => {
                            ui.label(t(S::ExportScale));
                            ui.horizontal(|ui| {
                                for s in [1.0, 2.0, 3.0] {
                                    ui.selectable_value(&mut choice.scale, s, format!("{s}x"));
                                }
                            });
                            ui.end_row();
                        }
                        "pdf" | "pptx" => {
                            ui.label(t(S::ExportPage));
                            ui.horizontal(|ui| {
                                ui.selectable_value(
                                    &mut choice.page,
                                    PageSize::Wide,
                                    t(S::PageWide),
                                );
                                ui.selectable_value(
                                    &mut choice.page,
                                    PageSize::A4Landscape,
                                    t(S::PageA4),
                                );
                            });
                            ui.end_row();
                        }
                        _ => {}
                    }
                    if matches!(choice.extension, "png" | "svg") {
                        ui.label("");
                        ui.checkbox(&mut choice.transparent, t(S::Transparent));
                        ui.end_row();
                    }
                });
            // Keep the content valid for the format.
            match (choice.extension, choice.content) {
                ("pdf", _) => {}
                ("pptx", _) => choice.content = Content::Deck,
                ("csv" | "xlsx", _) => choice.content = Content::Table,
                ("bpmn" | "vsdx", _) => choice.content = Content::Chart,
                (_, Content::Deck) => choice.content = Content::Chart,
                _ => {}
            }
            ui.horizontal(|ui| {
                if ui.button(t(S::ExportEllipsis)).clicked() {
                    go = Some(true);
                }
                if ui.button(t(S::Cancel)).clicked() {
                    go = Some(false);
                }
            });
        });
        match go {
            Some(true) => {
                shell.ask(Modal::Export(choice.clone()));
                let options = ExportOptions {
                    content: Some(choice.content),
                    scale: choice.scale,
                    page: choice.page,
                    chart_page: None,
                    transparent: choice.transparent,
                    lang,
                };
                shell.start_export_dialog(choice.key.clone(), options, choice.extension);
                shell.take_export_choice();
            }
            Some(false) => {
                shell.take_export_choice();
            }
            None => shell.ask(Modal::Export(choice)),
        }
    }
}

/// `YYYY-MM-DD HH:MM` (UTC) of seconds since 1970.
pub fn local_time(seconds: u64) -> String {
    let days = seconds / 86_400;
    let (h, m) = ((seconds % 86_400) / 3600, (seconds % 3600) / 60);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{d:02} {h:02}:{m:02} UTC")
}
