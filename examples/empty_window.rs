//! The smallest eframe app, built with the same eframe as Flowcase: what
//! `scripts/cold-start.sh` measures Flowcase's start against.

fn main() -> eframe::Result {
    eframe::run_native(
        "empty",
        eframe::NativeOptions::default(),
        Box::new(|_| Ok(Box::new(Empty))),
    )
}

struct Empty;

impl eframe::App for Empty {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        ui.label("empty");
    }
}
