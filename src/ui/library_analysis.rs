//! The 流程清单 tab's 分析 page: the hand-off matrix and each department's
//! load as heat maps (hover for the number, click a hand-off cell for its
//! steps, click a step to open it), and what stands out.

use crate::lang::Lang;
use crate::library::LibraryAnalysis;
use crate::model::StepId;
use crate::session::OpenLibrary;
use crate::text::{S, fill, tr};
use egui::{Color32, RichText};

/// White for none, deep blue for the most.
fn heat(n: usize, max: usize) -> Color32 {
    let [r, g, b] = crate::library::heat_rgb(n, max);
    Color32::from_rgb(r, g, b)
}

/// One coloured cell with its number; hovering shows, and screen readers
/// (and tests) hear, `label` — worded only when asked for.
fn cell(ui: &mut egui::Ui, n: usize, max: usize, label: &dyn Fn() -> String) -> egui::Response {
    let fill = heat(n, max);
    let ink = if n * 2 > max {
        Color32::WHITE
    } else {
        Color32::from_gray(40)
    };
    let button = egui::Button::new(RichText::new(n.to_string()).color(ink))
        .fill(fill)
        .min_size(egui::vec2(44.0, 22.0));
    let response = ui.add(button).on_hover_ui(|ui| {
        ui.label(label());
    });
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, label()));
    response
}

/// The page; a step clicked in a hand-off's list (its entry and id).
pub fn analysis_page(
    ui: &mut egui::Ui,
    open: &mut OpenLibrary,
    lang: Lang,
) -> Option<(usize, StepId)> {
    open.analysis();
    // Taken out while the page reads the library beside it, put back after.
    let a = open.analysis.take()?;
    let mut picked = None;
    egui::ScrollArea::vertical().show(ui, |ui| {
        handoff_matrix(ui, &a, open, lang);
        picked = handoff_steps(ui, &a, open, lang);
        load_map(ui, &a, open, lang);
        picked = picked.or(process_map(ui, &a, open, lang));
        ui.add_space(8.0);
        ui.label(RichText::new(tr(lang, S::AnalysisFlags)).strong());
        if a.flags.is_empty() {
            ui.label(tr(lang, S::AnalysisNoFlags));
        }
        for f in &a.flags {
            ui.colored_label(
                Color32::from_rgb(0xb4, 0x53, 0x09),
                format!("▲ {}", f.message(lang)),
            );
        }
    });
    open.analysis = Some(a);
    picked
}

fn handoff_matrix(ui: &mut egui::Ui, a: &LibraryAnalysis, open: &mut OpenLibrary, lang: Lang) {
    let names = a.department_names();
    let max = a.handoffs.iter().map(|h| h.count).max().unwrap_or(0);
    ui.label(RichText::new(tr(lang, S::AnalysisHandoffs)).strong());
    ui.label(RichText::new(tr(lang, S::AnalysisMatrixHint)).weak());
    let mut clicked = None;
    egui::Grid::new("handoff-matrix")
        .spacing([4.0, 4.0])
        .show(ui, |ui| {
            ui.label("");
            for to in &names {
                ui.label(RichText::new(to).small());
            }
            ui.end_row();
            for from in &names {
                ui.label(from);
                for to in &names {
                    let n = a
                        .handoffs
                        .iter()
                        .find(|h| &h.from == from && &h.to == to)
                        .map_or(0, |h| h.count);
                    let label = || {
                        fill(
                            lang,
                            S::AnalysisCell,
                            &[("from", from), ("to", to), ("n", &n)],
                        )
                    };
                    if cell(ui, n, max, &label).clicked() && n > 0 {
                        clicked = Some((from.clone(), to.clone()));
                    }
                }
                ui.end_row();
            }
        });
    if clicked.is_some() {
        open.analysis_cell = clicked;
    }
}

/// The steps of the hand-off clicked, each a link to its process.
fn handoff_steps(
    ui: &mut egui::Ui,
    a: &LibraryAnalysis,
    open: &OpenLibrary,
    lang: Lang,
) -> Option<(usize, StepId)> {
    let pair = open.analysis_cell.as_ref()?;
    let steps = a.handoff_steps.get(pair)?;
    let mut picked = None;
    ui.add_space(6.0);
    ui.label(RichText::new(format!("{} → {}", pair.0, pair.1)).strong());
    for (entry, step) in steps {
        let Some(e) = open.library.catalogue.entries.get(*entry) else {
            continue;
        };
        let title = open
            .library
            .states
            .get(*entry)
            .and_then(|s| s.process())
            .and_then(|p| p.steps.get(step))
            .map(|s| s.title.clone())
            .unwrap_or_default();
        let process = format!("{} {}", e.number, e.name);
        let label = fill(
            lang,
            S::AnalysisStep,
            &[("process", &process), ("step", &title)],
        );
        if ui.link(label).clicked() {
            picked = Some((*entry, *step));
        }
    }
    picked
}

fn load_map(ui: &mut egui::Ui, a: &LibraryAnalysis, open: &OpenLibrary, lang: Lang) {
    let letters = open.library.catalogue.scheme.scheme().letter_chars();
    let max = a
        .departments
        .iter()
        .flat_map(|d| d.letters.values().copied())
        .max()
        .unwrap_or(0);
    ui.add_space(8.0);
    ui.label(RichText::new(tr(lang, S::AnalysisLoad)).strong());
    egui::Grid::new("load-map")
        .spacing([4.0, 4.0])
        .show(ui, |ui| {
            ui.label("");
            for l in open.library.catalogue.scheme.scheme().letters {
                let [r, g, b] = l.colour;
                let text = RichText::new(l.role.letter().to_string()).strong();
                ui.label(text.color(Color32::from_rgb(r, g, b)))
                    .on_hover_text(match lang {
                        Lang::Zh => l.zh,
                        Lang::En => l.en,
                    });
            }
            ui.label(tr(lang, S::ColProcesses));
            ui.end_row();
            for d in &a.departments {
                ui.label(&d.name);
                for c in &letters {
                    let n = d.letters.get(c).copied().unwrap_or(0);
                    cell(ui, n, max, &|| format!("{} {c}: {n}", d.name));
                }
                ui.label(d.processes.to_string());
                ui.end_row();
            }
        });
}

/// Processes × departments: the main steps of each process each
/// department holds a letter on; a click opens the process on the first.
/// Only the rows in view are laid out (a library may hold thousands).
fn process_map(
    ui: &mut egui::Ui,
    a: &LibraryAnalysis,
    open: &OpenLibrary,
    lang: Lang,
) -> Option<(usize, StepId)> {
    let max = a
        .departments
        .iter()
        .flat_map(|d| d.process_steps.values().copied())
        .max()
        .unwrap_or(0);
    let mut picked = None;
    ui.add_space(8.0);
    ui.label(RichText::new(tr(lang, S::AnalysisMap)).strong());
    ui.label(RichText::new(tr(lang, S::AnalysisMapHint)).weak());
    let row_height = 26.0;
    egui::ScrollArea::both()
        .id_salt("process-map")
        .max_height(420.0)
        // The departments' names are the first row, then one per process.
        .show_rows(ui, row_height, a.processes.len() + 1, |ui, rows| {
            egui::Grid::new("process-map-grid")
                .spacing([4.0, 4.0])
                .min_row_height(row_height - 4.0)
                .show(ui, |ui| {
                    if rows.start == 0 {
                        ui.label("");
                        for d in &a.departments {
                            ui.label(RichText::new(&d.name).small());
                        }
                        ui.end_row();
                    }
                    let processes = rows.start.saturating_sub(1)..rows.end.saturating_sub(1);
                    for p in a.processes.get(processes).unwrap_or_default() {
                        if let Some(step) = map_row(ui, a, p, (max, lang), open) {
                            picked = Some(step);
                        }
                        ui.end_row();
                    }
                });
        });
    picked
}

/// One process's row of the map; the step a clicked cell opens.
fn map_row(
    ui: &mut egui::Ui,
    a: &LibraryAnalysis,
    p: &crate::library::ProcessFacts,
    (max, lang): (usize, Lang),
    open: &OpenLibrary,
) -> Option<(usize, StepId)> {
    let letters = open.library.catalogue.scheme.scheme().letter_chars();
    let process = format!("{} {}", p.number, p.name);
    ui.label(&process);
    let mut picked = None;
    for d in &a.departments {
        let n = d.process_steps.get(&p.number).copied().unwrap_or(0);
        let label = || {
            let held = d.per_process.get(&p.number);
            let said: Vec<String> = letters
                .iter()
                .filter_map(|c| Some(format!("{c} {}", held?.get(c)?)))
                .collect();
            fill(
                lang,
                S::AnalysisMapCell,
                &[
                    ("department", &d.name),
                    ("process", &process),
                    ("letters", &said.join(" · ")),
                ],
            )
        };
        if cell(ui, n, max, &label).clicked() && n > 0 {
            picked = first_duty(open, &d.name, p.entry);
        }
    }
    picked
}

/// The first step of entry `entry` that `department` holds a letter on.
fn first_duty(open: &OpenLibrary, department: &str, entry: usize) -> Option<(usize, StepId)> {
    open.duties
        .iter()
        .find(|d| d.department == department)?
        .duties
        .iter()
        .find(|d| d.entry == entry)
        .map(|d| (entry, d.step))
}
