//! The in-window file dialog, used where no system dialog answers: the
//! listing of a folder, the name or full path typed in, and the file that
//! text names. `ui::file_window` draws it.

use std::path::{Path, PathBuf};

/// How many entries of one folder are listed at the most.
const MAX_ENTRIES: usize = 5_000;

/// Choosing a file to open, or where to write one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Choosing {
    Open,
    /// A table to import (.xlsx or .csv).
    Import,
    /// A version to compare with: a process, a table or a chart.
    Version,
    /// A folder (a library).
    Folder,
    /// A folder to write into (a website): one that is there, or a new
    /// one typed in a folder that is there.
    NewFolder,
    /// Writing a file of this type (its extension, `ron`, `pdf` …), or of
    /// one of the `also` types when the name typed ends so.
    Save {
        extension: String,
        also: Vec<String>,
    },
}

/// One thing in the folder shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FolderEntry {
    pub name: String,
    pub is_dir: bool,
}

/// Why the typed text names no file to use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileWindowError {
    NoName,
    NoSuchFile(PathBuf),
    NoSuchFolder(PathBuf),
    /// The folder could not be read (its message, then the folder).
    Unreadable(String, PathBuf),
    /// The name typed ends in a type this dialog does not write (the
    /// extension typed, then those it writes).
    WrongType(String, Vec<String>),
}

/// The state of the in-window file dialog.
#[derive(Clone, Debug, PartialEq)]
pub struct FileWindow {
    pub choosing: Choosing,
    pub folder: PathBuf,
    /// The name or path being typed.
    pub name: String,
    pub entries: Vec<FolderEntry>,
    /// More entries than are listed.
    pub truncated: bool,
    pub error: Option<FileWindowError>,
    /// The name field still has to take the keyboard focus.
    pub focus_name: bool,
    /// A file that exists, named for saving: asked about before it is
    /// replaced (choosing it again replaces it).
    pub confirm_replace: Option<PathBuf>,
}

impl FileWindow {
    /// The dialog on `folder` (or the nearest folder above it that exists),
    /// with `name` typed in.
    pub fn new(choosing: Choosing, folder: &Path, name: String) -> FileWindow {
        let mut window = FileWindow {
            choosing,
            folder: PathBuf::new(),
            name,
            entries: Vec::new(),
            truncated: false,
            error: None,
            focus_name: true,
            confirm_replace: None,
        };
        let start = folder
            .ancestors()
            .find(|f| f.is_dir())
            .unwrap_or(Path::new("/"));
        window.enter(start);
        window
    }

    /// Shows the folder `dir`; when it cannot be read, says so and keeps
    /// the folder shown before.
    pub fn enter(&mut self, dir: &Path) {
        match list_folder(dir, &self.choosing) {
            Ok((entries, truncated)) => {
                self.folder = dir.to_owned();
                self.entries = entries;
                self.truncated = truncated;
                self.error = None;
            }
            Err(e) => self.error = Some(FileWindowError::Unreadable(e.to_string(), dir.to_owned())),
        }
    }

    /// Shows the folder above.
    pub fn up(&mut self) {
        if let Some(parent) = self.folder.parent().map(Path::to_owned) {
            self.enter(&parent);
        }
    }

    /// A click on an entry: its name goes into the name field.
    pub fn pick(&mut self, index: usize) {
        if let Some(entry) = self.entries.get(index) {
            self.name = entry.name.clone();
        }
    }

    /// A double click on an entry: a folder opens, a file is chosen.
    pub fn activate(&mut self, index: usize) -> Option<PathBuf> {
        let entry = self.entries.get(index)?.clone();
        if entry.is_dir {
            self.enter(&self.folder.join(&entry.name));
            None
        } else {
            self.name = entry.name;
            self.submit()
        }
    }

    /// Enter or the Open/Save button: the file the typed text names, when
    /// it can be used. A folder typed in is opened instead; what is wrong
    /// with the text is kept in `error` for the dialog to show.
    pub fn submit(&mut self) -> Option<PathBuf> {
        let typed = self.name.trim();
        let folder = matches!(self.choosing, Choosing::Folder | Choosing::NewFolder);
        if typed.is_empty() && folder {
            return Some(self.folder.clone());
        }
        if typed.is_empty() {
            self.error = Some(FileWindowError::NoName);
            return None;
        }
        let path = self.folder.join(expand_home(typed));
        if folder {
            return self.choose_folder(path);
        }
        if path.is_dir() {
            self.name.clear();
            self.enter(&path);
            return None;
        }
        match &self.choosing {
            Choosing::Folder | Choosing::NewFolder => None,
            Choosing::Open | Choosing::Import | Choosing::Version if path.is_file() => Some(path),
            Choosing::Open | Choosing::Import | Choosing::Version => {
                self.error = Some(FileWindowError::NoSuchFile(path));
                None
            }
            Choosing::Save { extension, also } => {
                let parent = path.parent().unwrap_or(Path::new("/"));
                if !parent.is_dir() {
                    self.error = Some(FileWindowError::NoSuchFolder(parent.to_owned()));
                    return None;
                }
                let path = match saved_as(&path, extension, also) {
                    Ok(path) => path,
                    Err(typed) => {
                        let writes = std::iter::once(extension).chain(also).cloned().collect();
                        self.error = Some(FileWindowError::WrongType(typed, writes));
                        return None;
                    }
                };
                // An existing file is replaced only once the user said so.
                if path.exists() && self.confirm_replace.as_ref() != Some(&path) {
                    self.confirm_replace = Some(path);
                    return None;
                }
                Some(path)
            }
        }
    }
}

impl FileWindow {
    /// A folder typed or picked while choosing a folder: that folder.
    fn choose_folder(&mut self, path: PathBuf) -> Option<PathBuf> {
        let parent_is_there = path.parent().is_some_and(Path::is_dir);
        if path.is_dir()
            || (self.choosing == Choosing::NewFolder && !path.exists() && parent_is_there)
        {
            Some(path)
        } else {
            self.error = Some(FileWindowError::NoSuchFolder(path));
            None
        }
    }
}

/// The file a typed `path` names when saving as `extension` (or one of
/// `also`): as typed when it ends in one of them, with `.extension` added
/// when it ends in no type at all; the extension typed, when it is another
/// type (the file would not be what its name says).
pub fn saved_as(path: &Path, extension: &str, also: &[String]) -> Result<PathBuf, String> {
    let typed = path.extension().map(|e| e.to_string_lossy().into_owned());
    match typed {
        Some(ext)
            if std::iter::once(extension)
                .chain(also.iter().map(String::as_str))
                .any(|e| e.eq_ignore_ascii_case(&ext)) =>
        {
            Ok(path.to_owned())
        }
        Some(ext) if looks_like_a_type(&ext) => Err(ext),
        _ => Ok(with_extension(path, extension)),
    }
}

/// Whether the text after a name's last dot is a file type (`docx`, `PDF`)
/// rather than part of the name (`1.10 新流程`, `v1.2`).
fn looks_like_a_type(ext: &str) -> bool {
    (1..=5).contains(&ext.len())
        && ext.chars().all(|c| c.is_ascii_alphanumeric())
        && ext.chars().any(|c| c.is_ascii_alphabetic())
}

/// `path` ending in `.extension`: added unless it ends so already (any
/// case) — `1.10 新流程` gets `.ron`, its dot is not an extension.
pub fn with_extension(path: &Path, extension: &str) -> PathBuf {
    let has = path
        .extension()
        .is_some_and(|e| e.to_string_lossy().eq_ignore_ascii_case(extension));
    if has {
        path.to_owned()
    } else {
        let mut name = path.as_os_str().to_owned();
        name.push(".");
        name.push(extension);
        PathBuf::from(name)
    }
}

/// `~/x` as the home folder's `x`; anything else as typed.
fn expand_home(typed: &str) -> PathBuf {
    match (typed.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(typed),
    }
}

/// The folders and the files of the type chosen in `dir`, folders first,
/// each by name; hidden ones left out; at most `MAX_ENTRIES`.
fn list_folder(dir: &Path, choosing: &Choosing) -> std::io::Result<(Vec<FolderEntry>, bool)> {
    let saved: Vec<&str>;
    let wanted: &[&str] = match choosing {
        Choosing::Open => &["ron"],
        Choosing::Import => crate::import::IMPORTED_EXTENSIONS,
        Choosing::Version => crate::import::VERSION_EXTENSIONS,
        Choosing::Folder | Choosing::NewFolder => &[],
        Choosing::Save { extension, also } => {
            saved = std::iter::once(extension)
                .chain(also)
                .map(String::as_str)
                .collect();
            &saved
        }
    };
    let mut entries = Vec::new();
    let mut truncated = false;
    for item in std::fs::read_dir(dir)? {
        let Ok(item) = item else { continue };
        let name = item.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        // Follows links, so a link to a folder opens like one.
        let is_dir = item.path().is_dir();
        let matches = Path::new(&name)
            .extension()
            .is_some_and(|e| wanted.iter().any(|w| e.eq_ignore_ascii_case(w)));
        if !is_dir && !matches {
            continue;
        }
        if entries.len() == MAX_ENTRIES {
            truncated = true;
            break;
        }
        entries.push(FolderEntry { name, is_dir });
    }
    entries.sort_by(|a, b| b.is_dir.cmp(&a.is_dir).then_with(|| a.name.cmp(&b.name)));
    Ok((entries, truncated))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn folder() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for name in ["b.ron", "a.ron", "notes.txt", ".hidden.ron"] {
            let _ = std::fs::write(dir.path().join(name), "");
        }
        let _ = std::fs::create_dir(dir.path().join("客户"));
        dir
    }

    #[test]
    fn a_folder_lists_folders_first_then_the_files_of_the_type_by_name() {
        let dir = folder();
        let w = FileWindow::new(Choosing::Open, dir.path(), String::new());
        let names: Vec<&str> = w.entries.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["客户", "a.ron", "b.ron"]);
    }

    #[test]
    fn a_full_path_typed_in_is_taken_as_it_is_and_gets_the_extension() {
        let dir = folder();
        let other = tempfile::tempdir().unwrap();
        let mut w = FileWindow::new(
            Choosing::Save {
                extension: "ron".into(),
                also: Vec::new(),
            },
            dir.path(),
            "新流程".into(),
        );
        w.name = other.path().join("关键客户开发").display().to_string();
        assert_eq!(w.submit(), Some(other.path().join("关键客户开发.ron")));
    }

    #[test]
    fn a_folder_typed_in_opens_and_a_missing_file_is_named() {
        let dir = folder();
        let mut w = FileWindow::new(Choosing::Open, dir.path(), "客户".into());
        assert_eq!(w.submit(), None);
        assert_eq!(w.folder, dir.path().join("客户"));
        w.name = "不存在.ron".into();
        assert_eq!(w.submit(), None);
        assert_eq!(
            w.error,
            Some(FileWindowError::NoSuchFile(
                dir.path().join("客户").join("不存在.ron")
            ))
        );
        w.up();
        w.name = "a.ron".into();
        assert_eq!(w.submit(), Some(dir.path().join("a.ron")));
    }

    #[test]
    fn saving_over_a_file_asks_first_and_a_dotted_name_gets_its_extension() {
        let dir = folder();
        let save = || Choosing::Save {
            extension: "ron".into(),
            also: Vec::new(),
        };
        let mut w = FileWindow::new(save(), dir.path(), "a".into());
        assert_eq!(w.submit(), None, "a.ron exists: asked first");
        assert_eq!(w.confirm_replace, Some(dir.path().join("a.ron")));
        assert_eq!(w.submit(), Some(dir.path().join("a.ron")), "then replaced");
        let mut w = FileWindow::new(save(), dir.path(), "1.10 新流程".into());
        assert_eq!(w.submit(), Some(dir.path().join("1.10 新流程.ron")));
        assert_eq!(
            with_extension(Path::new("x.RON"), "ron"),
            PathBuf::from("x.RON")
        );
    }

    #[test]
    fn saving_into_a_missing_folder_is_refused_with_the_folder_named() {
        let dir = folder();
        let mut w = FileWindow::new(
            Choosing::Save {
                extension: "pdf".into(),
                also: Vec::new(),
            },
            dir.path(),
            "没有/deck".into(),
        );
        assert_eq!(w.submit(), None);
        assert_eq!(
            w.error,
            Some(FileWindowError::NoSuchFolder(dir.path().join("没有")))
        );
    }

    #[test]
    fn a_library_export_is_written_as_the_type_typed_or_refused_naming_it() {
        let dir = folder();
        let library = || Choosing::Save {
            extension: "pdf".into(),
            also: vec!["pptx".into(), "xlsx".into()],
        };
        let mut w = FileWindow::new(library(), dir.path(), "deck.pptx".into());
        assert_eq!(
            w.submit(),
            Some(dir.path().join("deck.pptx")),
            "not deck.pptx.pdf"
        );
        let mut w = FileWindow::new(library(), dir.path(), "职责".into());
        assert_eq!(
            w.submit(),
            Some(dir.path().join("职责.pdf")),
            "no type: the first"
        );
        let mut w = FileWindow::new(library(), dir.path(), "deck.docx".into());
        assert_eq!(w.submit(), None);
        let writes = vec!["pdf".to_owned(), "pptx".to_owned(), "xlsx".to_owned()];
        assert_eq!(
            w.error,
            Some(FileWindowError::WrongType("docx".into(), writes))
        );
        let mut w = FileWindow::new(library(), dir.path(), "手册 v1.2".into());
        assert_eq!(
            w.submit(),
            Some(dir.path().join("手册 v1.2.pdf")),
            "a dot in a name"
        );
    }
}
