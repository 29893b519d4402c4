//! Editing the library's entries from the 流程清单: adding one (its name
//! asked first), removing (with or without its file), moving to another
//! category, and drawing the process of an undrawn entry, named and laid
//! out as the library's others are.

use super::library::LibraryRename;
use super::{DocView, RemovedFile, Shell};
use crate::text::{S, fill};

impl<V: DocView> Shell<V> {
    /// Adds an entry at the end of `category`, numbered after its last one,
    /// and asks for its name.
    pub fn add_entry(&mut self, category: u32) {
        let text = crate::text::tr(self.lang, S::NewProcessName).to_owned();
        if let Some(open) = &mut self.library {
            open.rename = Some(LibraryRename::NewEntry { category, text });
        }
    }

    /// Adds an entry named `name` at the end of `category` with the
    /// category's next number; true when the catalogue was saved.
    pub fn add_entry_named(&mut self, category: u32, name: &str) -> bool {
        let Some(open) = &self.library else {
            return false;
        };
        let c = &open.library.catalogue;
        let number = next_number(c, category);
        let name = name.trim().to_owned();
        let index = c
            .entries
            .iter()
            .rposition(|e| e.category == category)
            .map_or(c.entries.len(), |i| i + 1);
        let entry = crate::library::Entry {
            number,
            name,
            category,
            owner: String::new(),
            file: None,
        };
        self.change_catalogue(S::LibEditAdd, |c| {
            c.entries.insert(index.min(c.entries.len()), entry);
        })
    }

    /// Removes entry `index` from the catalogue; its file stays or goes —
    /// only once the catalogue is saved, only a file this entry alone names
    /// (never the catalogue), and never one open in a tab.
    pub fn remove_entry(&mut self, index: usize, file: RemovedFile) {
        let lang = self.lang;
        let Some(open) = &self.library else {
            return;
        };
        let c = &open.library.catalogue;
        let Some(file_name) = c.entries.get(index).map(|e| e.file.clone()) else {
            return;
        };
        let shared = file_name.as_ref().is_some_and(|f| {
            f == crate::format::CATALOGUE_FILE
                || c.entries
                    .iter()
                    .enumerate()
                    .any(|(i, e)| i != index && e.file.as_ref() == Some(f))
        });
        let path = file_name.map(|f| open.library.root.join(f));
        let saved = self.change_catalogue(S::LibEditRemove, |c| {
            if index < c.entries.len() {
                c.entries.remove(index);
            }
        });
        let (RemovedFile::Delete, Some(path), true) = (file, path, saved) else {
            return;
        };
        let open_here = self.docs.iter().any(|d| {
            d.editor
                .doc()
                .path
                .as_ref()
                .is_some_and(|p| crate::format::same_file(p, &path))
        });
        let note = if open_here || shared {
            Some(fill(lang, S::LibFileKept, &[("path", &path.display())]))
        } else {
            // Its bytes are kept with the edit, so an undo brings it back.
            let bytes = std::fs::read(&path);
            let removed = bytes.and_then(|bytes| std::fs::remove_file(&path).map(|()| bytes));
            match removed {
                Ok(bytes) => {
                    if let Some(open) = &mut self.library {
                        open.history
                            .attach(super::FileLife::Deleted(path.clone(), bytes));
                    }
                    None
                }
                Err(e) => {
                    let values: [(&str, &dyn std::fmt::Display); 2] =
                        [("path", &path.display()), ("error", &e)];
                    Some(fill(lang, S::LibFileNotDeleted, &values))
                }
            }
        };
        if let (Some(note), Some(open)) = (note, &mut self.library) {
            let message = open.message.take().unwrap_or_default();
            open.message = Some(format!("{message}; {note}"));
        }
    }

    /// Moves entry `index` to the end of `category`.
    pub fn move_entry(&mut self, index: usize, category: u32) {
        self.change_catalogue(S::LibEditMove, |c| {
            if index < c.entries.len() {
                let mut e = c.entries.remove(index);
                e.category = category;
                let at = c
                    .entries
                    .iter()
                    .rposition(|x| x.category == category)
                    .map_or(c.entries.len(), |i| i + 1);
                c.entries.insert(at, e);
            }
        });
    }

    /// Carries out what the library tab asked.
    pub fn carry_out_library(&mut self, request: super::LibraryRequest) {
        use super::LibraryRequest as R;
        match request {
            R::OpenEntry(index) => self.open_entry(index),
            R::DrawEntry(index) => self.new_process_for_entry(index),
            R::MoveEntry(index, category) => self.move_entry(index, category),
            R::AddEntry(category) => self.add_entry(category),
            R::RemoveEntry(index, file) => self.remove_entry(index, file),
            R::MoveCategory(id, by) => self.move_category(id, by),
            R::ShowDuty(index, step) => self.show_duty(index, step),
            R::FinishRename => self.finish_library_rename(),
            R::SaveThenRename => self.save_then_rename(),
            R::ChangeScheme(to) => self.change_library_scheme(to),
            R::Undo => self.undo_library(),
            R::Redo => self.redo_library(),
        }
    }

    /// Saves the library's unsaved documents, then asks the department's
    /// new name (a save reads the library again: the rename carries over).
    fn save_then_rename(&mut self) {
        use super::LibraryRename;
        let rename = self.library.as_mut().and_then(|l| l.rename.take());
        if self.save_library_docs()
            && let Some(LibraryRename::Department { old, text, .. }) = rename
            && let Some(open) = &mut self.library
        {
            let unsaved = Vec::new();
            open.rename = Some(LibraryRename::Department { old, text, unsaved });
        }
    }

    /// Adds a category named `name` after the last one.
    pub fn add_category(&mut self, name: &str) {
        if !self.category_name_free(name, None) {
            return;
        }
        let name = name.to_owned();
        self.change_catalogue(S::LibEditCategoryAdd, |c| {
            let id = c.categories.iter().map(|k| k.id).max().unwrap_or(0) + 1;
            c.categories.push(crate::library::Category { id, name });
        });
    }

    /// Renames category `id`.
    pub fn rename_category(&mut self, id: u32, name: &str) {
        if !self.category_name_free(name, Some(id)) {
            return;
        }
        let name = name.to_owned();
        self.change_catalogue(S::LibEditCategoryRename, |c| {
            if let Some(k) = c.categories.iter_mut().find(|k| k.id == id) {
                k.name = name;
            }
        });
    }

    /// Moves category `id` `by` places up (negative) or down the list.
    pub fn move_category(&mut self, id: u32, by: isize) {
        self.change_catalogue(S::LibEditCategoryMove, |c| {
            let Some(at) = c.categories.iter().position(|k| k.id == id) else {
                return;
            };
            let to = at.saturating_add_signed(by).min(c.categories.len() - 1);
            let k = c.categories.remove(at);
            c.categories.insert(to, k);
        });
    }

    /// Whether `name` can name a category (not empty, no other's); says
    /// why not in the list.
    fn category_name_free(&mut self, name: &str, own: Option<u32>) -> bool {
        let lang = self.lang;
        let Some(open) = &mut self.library else {
            return false;
        };
        let taken = open
            .library
            .catalogue
            .categories
            .iter()
            .any(|k| Some(k.id) != own && k.name.trim() == name);
        if name.is_empty() || taken {
            open.message = Some(fill(lang, S::LibRenameTaken, &[("name", &name)]));
            return false;
        }
        true
    }

    /// Draws entry `index` for the first time: a new process file named
    /// after it, its overview's number, name and owner filled in, opened
    /// in a tab.
    pub fn new_process_for_entry(&mut self, index: usize) {
        let lang = self.lang;
        let Some(open) = &self.library else {
            return;
        };
        let Some(entry) = open.library.catalogue.entries.get(index).cloned() else {
            return;
        };
        let category = open
            .library
            .catalogue
            .categories
            .iter()
            .find(|c| c.id == entry.category)
            .map(|c| c.name.clone())
            .unwrap_or_default();
        let file = file_name_for(&category, &entry);
        let path = open.library.root.join(&file);
        if path.exists() {
            if let Some(open) = &mut self.library {
                open.message = Some(fill(lang, S::LibFileExists, &[("file", &file)]));
            }
            return;
        }
        let mut process = crate::document::new_process(lang);
        process.overview.number = format!("{category}{}", entry.number);
        process.overview.name = entry.name.clone();
        process.overview.owner = entry.owner.clone();
        let departments = crate::library::lanes_for_new_process(&open.library, &entry.owner);
        if !departments.is_empty() {
            process.lanes = departments
                .into_iter()
                .enumerate()
                .map(|(i, name)| crate::model::Lane {
                    id: crate::model::LaneId(i as u32 + 1),
                    name,
                    size: crate::model::Lane::DEFAULT_SIZE,
                })
                .collect();
        }
        if let Err(e) = crate::format::save(&process, &path) {
            if let Some(open) = &mut self.library {
                open.message = Some(e.message(lang));
            }
            return;
        }
        let listed = self.change_catalogue(S::LibEditDraw, |c| {
            if let Some(e) = c.entries.get_mut(index) {
                e.file = Some(file);
            }
        });
        if listed && let (Ok(bytes), Some(open)) = (std::fs::read(&path), &mut self.library) {
            open.history
                .attach(super::FileLife::Created(path.clone(), bytes));
        }
        self.open_entry(index);
    }
}

/// The number after the last one of `category` (`1.16` → `1.17`), or the
/// category's first.
fn next_number(c: &crate::library::Catalogue, category: u32) -> String {
    let last = c
        .entries
        .iter()
        .filter(|e| e.category == category)
        .filter_map(|e| {
            let key = crate::library::number_key(&e.number);
            let (head, tail) = key.rsplit_once('.')?;
            Some((head.to_owned(), tail.parse::<u32>().ok()?))
        })
        .max_by_key(|(_, n)| *n);
    let (head, from) = last.unwrap_or_else(|| (category.to_string(), 0));
    let taken = |n: &str| {
        c.entries
            .iter()
            .any(|e| crate::library::number_key(&e.number) == n)
    };
    (from..u32::MAX)
        .filter_map(|n| n.checked_add(1))
        .map(|n| format!("{head}.{n}"))
        .find(|n| !taken(n))
        .unwrap_or_else(|| format!("{head}.new"))
}

/// The file of a new process, named like the library's files: category,
/// number, a space and the name (`销售1.17 客户回访.ron`).
fn file_name_for(category: &str, entry: &crate::library::Entry) -> String {
    crate::library::file_name(&format!("{category}{} {}", entry.number, entry.name))
}
