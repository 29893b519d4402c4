//! The 流程清单 of the open library, like the deck's list: each category
//! with its processes' 编号, 名称, owner and status; a double click opens a
//! drawn process in a tab. Below, the library's checks.

use super::strings::{S, tr};
use crate::lang::Lang;
use crate::session::{EntryStatus, OpenLibrary, Shell};
use crate::text::fill;
use egui::{RichText, Sense};

/// The library view, filling the window below the tabs.
pub fn library_ui(shell: &mut Shell, ui: &mut egui::Ui) {
    let lang = shell.lang;
    let Some(open) = &shell.library else {
        return;
    };
    let mut chosen = None;
    egui::CentralPanel::default().show(ui, |ui| {
        let c = &open.library.catalogue;
        ui.heading(format!("{} — {}", tr(lang, S::LibraryTab), c.title));
        ui.label(RichText::new(open.library.root.display().to_string()).weak());
        ui.label(RichText::new(tr(lang, S::LibOpenHint)).weak());
        ui.add_space(6.0);
        egui::ScrollArea::vertical().show(ui, |ui| {
            chosen = entry_grid(ui, open, lang);
            problems_list(ui, open, lang);
        });
    });
    if let Some(index) = chosen {
        shell.open_entry(index);
    }
}

/// The grid of categories and entries; the entry double-clicked, if any.
fn entry_grid(ui: &mut egui::Ui, open: &OpenLibrary, lang: Lang) -> Option<usize> {
    let c = &open.library.catalogue;
    let mut chosen = None;
    egui::Grid::new("library-entries")
        .striped(true)
        .num_columns(5)
        .spacing([18.0, 6.0])
        .show(ui, |ui| {
            for key in [S::LibCategory, S::Number, S::Name, S::Owner, S::LibStatus] {
                ui.label(RichText::new(tr(lang, key)).strong());
            }
            ui.end_row();
            for (category, entries) in c.by_category() {
                for (k, entry) in entries.into_iter().enumerate() {
                    let index = c
                        .entries
                        .iter()
                        .position(|e| std::ptr::eq(e, entry))
                        .unwrap_or(0);
                    ui.label(if k == 0 { category.name.as_str() } else { "" });
                    let drawn = entry.file.is_some();
                    // Drawn processes stand out: they open with a double click.
                    let text = |t: &str| {
                        let t = RichText::new(t);
                        if drawn { t.strong() } else { t }
                    };
                    let number =
                        ui.add(egui::Label::new(text(&entry.number)).sense(Sense::click()));
                    let name = ui.add(egui::Label::new(text(&entry.name)).sense(Sense::click()));
                    ui.label(&entry.owner);
                    ui.label(status_text(open, index, lang));
                    ui.end_row();
                    if drawn && (number.double_clicked() || name.double_clicked()) {
                        chosen = Some(index);
                    }
                }
            }
        });
    chosen
}

/// An entry's status, with its library problems counted.
fn status_text(open: &OpenLibrary, index: usize, lang: Lang) -> String {
    let base = match open.statuses.get(index) {
        Some(EntryStatus::NotDrawn) | None => tr(lang, S::LibNotDrawn).to_owned(),
        Some(EntryStatus::Drawn { warnings }) => fill(lang, S::LibDrawn, &[("n", warnings)]),
        Some(EntryStatus::Missing) => tr(lang, S::LibFileMissing).to_owned(),
        Some(EntryStatus::Broken) => tr(lang, S::LibFileBroken).to_owned(),
    };
    match open.problems_of(index) {
        0 => base,
        n => format!("{base} · ▲ {n}"),
    }
}

/// The library's checks, each in a line.
fn problems_list(ui: &mut egui::Ui, open: &OpenLibrary, lang: Lang) {
    ui.add_space(12.0);
    if open.problems.is_empty() {
        ui.label(tr(lang, S::LibNoProblems));
        return;
    }
    ui.label(RichText::new(tr(lang, S::LibraryProblems)).strong());
    for p in &open.problems {
        ui.colored_label(
            egui::Color32::from_rgb(0xb4, 0x53, 0x09),
            format!("▲ {}", p.message(&open.library, lang)),
        );
    }
}
