//! The 流程清单's list: each category with its processes' 编号, 名称,
//! owner and status; the row under the pointer and the selected one
//! highlighted; a click selects, a double click opens a drawn process or
//! offers to draw an undrawn one; the selected entry's actions in a bar
//! above the list (and its right-click menu), with keys for them.

use crate::lang::Lang;
use crate::library::Catalogue;
use crate::session::{LibraryRename, LibraryRequest, OpenLibrary};
use crate::text::{S, tr};
use egui::{RichText, Sense};

/// The selected entry's bar, then the list; what was asked for.
pub(super) fn entry_list(
    ui: &mut egui::Ui,
    open: &mut OpenLibrary,
    lang: Lang,
) -> Option<LibraryRequest> {
    let mut dialog = None;
    let mut action = None;
    open.selected = open
        .selected
        .filter(|i| *i < open.library.catalogue.entries.len());
    action_bar(ui, open, lang, &mut dialog, &mut action);
    ui.add_space(4.0);
    egui::ScrollArea::vertical().show(ui, |ui| {
        entry_rows(ui, open, lang, &mut dialog, &mut action);
    });
    if dialog.is_none() && action.is_none() && open.rename.is_none() {
        keys(ui, open, &mut dialog, &mut action);
    }
    if dialog.is_some() {
        open.rename = dialog;
    }
    action
}

/// Opens a drawn entry, or asks whether to draw an undrawn one.
fn open_or_draw(
    c: &Catalogue,
    index: usize,
    dialog: &mut Option<LibraryRename>,
    action: &mut Option<LibraryRequest>,
) {
    match c.entries.get(index).map(|e| e.file.is_some()) {
        Some(true) => *action = Some(LibraryRequest::OpenEntry(index)),
        Some(false) => *dialog = Some(LibraryRename::Draw { entry: index }),
        None => {}
    }
}

/// The selected entry's actions as buttons, so none needs the right-click
/// menu; a hint when nothing is selected.
fn action_bar(
    ui: &mut egui::Ui,
    open: &OpenLibrary,
    lang: Lang,
    dialog: &mut Option<LibraryRename>,
    action: &mut Option<LibraryRequest>,
) {
    let c = &open.library.catalogue;
    let Some((index, entry)) = open.selected.and_then(|i| Some((i, c.entries.get(i)?))) else {
        ui.label(RichText::new(tr(lang, S::LibSelectHint)).weak());
        return;
    };
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(format!("{} {}", entry.number, entry.name)).strong());
        ui.separator();
        let (key, drawn) = match entry.file {
            Some(_) => (S::LibOpenEntry, true),
            None => (S::LibDrawEntry, false),
        };
        if ui.button(tr(lang, key)).clicked() {
            *action = Some(if drawn {
                LibraryRequest::OpenEntry(index)
            } else {
                LibraryRequest::DrawEntry(index)
            });
        }
        ui.menu_button(tr(lang, S::LibMoreActions), |ui| {
            entry_menu(ui, c, index, lang, dialog, action);
        });
    });
}

/// The grid: a row per entry, a "+ 添加流程" row under each category.
fn entry_rows(
    ui: &mut egui::Ui,
    open: &mut OpenLibrary,
    lang: Lang,
    dialog: &mut Option<LibraryRename>,
    action: &mut Option<LibraryRequest>,
) {
    let c = &open.library.catalogue;
    let by_category = c.by_category();
    // Grid row → entry (row 0 is the header; each category ends in its
    // add row).
    let mut rows: Vec<Option<usize>> = vec![None];
    for (_, entries) in &by_category {
        rows.extend(entries.iter().map(|(i, _)| Some(*i)));
        rows.push(None);
    }
    let (selected, hovered) = (open.selected, open.hovered);
    let colours = ui.visuals().selection.bg_fill;
    let row_colour = move |row: usize, _: &egui::Style| {
        let entry = rows.get(row).copied().flatten()?;
        if Some(entry) == selected {
            Some(colours)
        } else if Some(entry) == hovered {
            Some(colours.gamma_multiply(0.35))
        } else {
            None
        }
    };
    let mut hovered_now = None;
    let mut clicked = None;
    egui::Grid::new("library-entries")
        .num_columns(5)
        .spacing([18.0, 6.0])
        .with_row_color(row_colour)
        .show(ui, |ui| {
            for key in [S::LibCategory, S::Number, S::Name, S::Owner, S::LibStatus] {
                ui.label(RichText::new(tr(lang, key)).strong());
            }
            ui.end_row();
            for (category, entries) in &by_category {
                for (k, (index, entry)) in entries.iter().enumerate() {
                    let first = if k == 0 { category.name.as_str() } else { "" };
                    // Drawn processes stand out: they open with a double click.
                    let drawn = entry.file.is_some();
                    let text = |t: &str| {
                        let t = RichText::new(t);
                        if drawn { t.strong() } else { t }
                    };
                    let status = super::library_view::status_text(open, *index, lang);
                    let cells = [
                        ui.add(egui::Label::new(first).sense(Sense::click())),
                        ui.add(egui::Label::new(text(&entry.number)).sense(Sense::click())),
                        ui.add(egui::Label::new(text(&entry.name)).sense(Sense::click())),
                        ui.add(egui::Label::new(entry.owner.as_str()).sense(Sense::click())),
                        ui.add(egui::Label::new(status).sense(Sense::click())),
                    ];
                    ui.end_row();
                    if cells.iter().any(egui::Response::hovered) {
                        hovered_now = Some(*index);
                    }
                    if cells.iter().any(egui::Response::double_clicked) {
                        open_or_draw(c, *index, dialog, action);
                    } else if cells.iter().any(egui::Response::clicked)
                        || cells.iter().any(egui::Response::secondary_clicked)
                    {
                        clicked = Some(*index);
                    }
                    for cell in &cells[1..3] {
                        cell.context_menu(|ui| entry_menu(ui, c, *index, lang, dialog, action));
                    }
                }
                ui.label("");
                ui.label("");
                if ui.small_button(tr(lang, S::AddEntry)).clicked() {
                    *action = Some(LibraryRequest::AddEntry(category.id));
                }
                ui.end_row();
            }
        });
    if hovered_now != open.hovered {
        open.hovered = hovered_now;
        ui.ctx().request_repaint();
    }
    if clicked.is_some() {
        open.selected = clicked;
    }
}

/// Keys on the list: Up / Down move the selection, Enter opens (or offers
/// to draw) it, F2 renames it, Delete removes it.
fn keys(
    ui: &egui::Ui,
    open: &mut OpenLibrary,
    dialog: &mut Option<LibraryRename>,
    action: &mut Option<LibraryRequest>,
) {
    if ui.ctx().memory(|m| m.focused().is_some()) {
        return;
    }
    let c = &open.library.catalogue;
    let (up, down, enter, f2, delete) = ui.input_mut(|i| {
        let mut key = |k| i.consume_key(egui::Modifiers::NONE, k);
        (
            key(egui::Key::ArrowUp),
            key(egui::Key::ArrowDown),
            key(egui::Key::Enter),
            key(egui::Key::F2),
            key(egui::Key::Delete),
        )
    });
    if up || down {
        // In the order shown: by category.
        let order: Vec<usize> = c
            .by_category()
            .into_iter()
            .flat_map(|(_, entries)| entries.into_iter().map(|(i, _)| i))
            .collect();
        let at = open
            .selected
            .and_then(|s| order.iter().position(|i| *i == s));
        let next = match (at, down) {
            (None, _) => 0,
            (Some(at), true) => (at + 1).min(order.len().saturating_sub(1)),
            (Some(at), false) => at.saturating_sub(1),
        };
        open.selected = order.get(next).copied();
        return;
    }
    let Some(index) = open.selected else {
        return;
    };
    let Some(entry) = c.entries.get(index) else {
        return;
    };
    if enter {
        open_or_draw(c, index, dialog, action);
    } else if f2 {
        *dialog = Some(LibraryRename::Name {
            entry: index,
            text: entry.name.clone(),
        });
    } else if delete {
        *dialog = Some(LibraryRename::Remove { entry: index });
    }
}

/// The actions on an entry: renumber, rename, move, draw, remove.
fn entry_menu(
    ui: &mut egui::Ui,
    c: &Catalogue,
    index: usize,
    lang: Lang,
    dialog: &mut Option<LibraryRename>,
    action: &mut Option<LibraryRequest>,
) {
    let Some(entry) = c.entries.get(index) else {
        return;
    };
    if ui.button(tr(lang, S::RenumberEllipsis)).clicked() {
        *dialog = Some(LibraryRename::Number {
            entry: index,
            text: entry.number.clone(),
        });
        ui.close();
    }
    if ui.button(tr(lang, S::RenameEntry)).clicked() {
        *dialog = Some(LibraryRename::Name {
            entry: index,
            text: entry.name.clone(),
        });
        ui.close();
    }
    ui.menu_button(tr(lang, S::MoveToCategory), |ui| {
        for category in c.categories.iter().filter(|k| k.id != entry.category) {
            if ui.button(&category.name).clicked() {
                *action = Some(LibraryRequest::MoveEntry(index, category.id));
                ui.close();
            }
        }
    });
    if entry.file.is_none() && ui.button(tr(lang, S::NewProcessFromEntry)).clicked() {
        *action = Some(LibraryRequest::DrawEntry(index));
        ui.close();
    }
    ui.separator();
    if ui.button(tr(lang, S::RemoveEntry)).clicked() {
        *dialog = Some(LibraryRename::Remove { entry: index });
        ui.close();
    }
}
