//! What every open document's view shares with the session, handed to the
//! one in front each frame by reference: the settings (recent files, theme, panels), the
//! clipboard between documents, and requests for the shell.

use super::Settings;
use crate::document::Clip;
use crate::lang::Lang;
use crate::library::LibraryLinks;
use std::path::PathBuf;

/// Something the editor asks the application to do after the frame
/// (menu or shortcut): files and documents belong to the shell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AppRequest {
    New,
    Open,
    OpenRecent(PathBuf),
    RemoveMissingRecent,
    Save,
    SaveAs,
    Export,
    CloseTab,
    Quit,
    /// The interface language, for every open document.
    SetLanguage(Lang),
    /// Choose a library folder and open it.
    OpenLibrary,
    /// Open the process an exit names by its number.
    OpenLinked(String),
    /// Show the open library's 流程清单.
    ShowLibrary,
    /// Choose where, then export the open library (deck or duties).
    ExportLibrary,
    /// Publish the open library as a website (into a folder).
    PublishLibrary,
    /// Choose a responsibility table (XLSX or CSV) and open it as a new
    /// process.
    ImportTable,
    /// Choose a file, then compare the document with it.
    CompareWithFile,
    /// Something asked of the open library in its tab.
    Library(LibraryRequest),
}

/// What the library tab asks of the session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LibraryRequest {
    /// Open a drawn entry's process (by its index in the catalogue).
    OpenEntry(usize),
    /// Draw an entry: a new process file.
    DrawEntry(usize),
    /// Move an entry to the end of a category.
    MoveEntry(usize, u32),
    /// Add an entry to a category (its name asked first).
    AddEntry(u32),
    /// Remove an entry, keeping or deleting its file.
    RemoveEntry(usize, super::RemovedFile),
    /// Move a category this many places up (negative) or down.
    MoveCategory(u32, isize),
    /// Open a process with one of its steps selected (a duty clicked).
    ShowDuty(usize, crate::model::StepId),
    /// Carry out the name or number typed in the library's dialog.
    FinishRename,
    /// Save the library's unsaved documents, then ask the new name.
    SaveThenRename,
    /// Write the whole library in another role scheme.
    ChangeScheme(crate::model::scheme::SchemeName),
    Undo,
    Redo,
}

/// The application's side of a frame, passed by reference to the editor.
#[derive(Debug, Default)]
pub struct AppContext {
    pub settings: Settings,
    /// Copied steps, shared by every open document.
    pub clipboard: Option<Clip>,
    /// What the shell carries out after the frame, in order.
    pub requests: Vec<AppRequest>,
    /// What the editor knows of the library open in the window, if any.
    pub library: Option<LibraryLinks>,
}

impl AppContext {
    pub fn new(settings: Settings) -> AppContext {
        AppContext {
            settings,
            clipboard: None,
            requests: Vec::new(),
            library: None,
        }
    }
}
