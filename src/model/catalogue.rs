//! The catalogue of a library (流程清单): its categories in order, its
//! entries (编号, 名称, category, owner, file), and its departments with
//! their aliases. Data only: reading and writing it is `format::catalogue`.

use crate::model::limits::MAX_NAME;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Entries in one catalogue (a company has a few hundred processes).
pub const MAX_CATALOGUE_ENTRIES: usize = 10_000;
/// Categories in one catalogue.
pub const MAX_CATEGORIES: usize = 1_000;
/// Departments in one catalogue.
pub const MAX_DEPARTMENTS: usize = 1_000;
/// Other names of one department.
pub const MAX_ALIASES: usize = 100;
/// Characters of a file name an entry gives.
pub const MAX_FILE_NAME: usize = 1_000;

/// A category of processes (分类), such as 销售.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    pub id: u32,
    pub name: String,
}

/// One process of the collection, drawn or not yet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// 编号, such as `1.9`.
    pub number: String,
    /// 流程名称.
    pub name: String,
    /// The category's id.
    pub category: u32,
    /// The owning department (流程负责部门); empty when not known.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    /// The process file, relative to the library's folder; none until the
    /// process is drawn.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
}

/// A department (部门) of the company, and other names it goes by.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Department {
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}

/// The whole catalogue.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Catalogue {
    /// The library's title, for the deck's cover.
    pub title: String,
    pub categories: Vec<Category>,
    pub entries: Vec<Entry>,
    pub departments: Vec<Department>,
    /// The role scheme the library's processes are written in.
    pub scheme: super::scheme::SchemeName,
}

/// What makes a catalogue inconsistent (named by `crate::text`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CatalogueError {
    /// Two categories with one id.
    DuplicateCategory(u32),
    /// An entry in a category the catalogue does not have.
    UnknownCategory { entry: String, category: u32 },
    /// An entry whose number is empty.
    EmptyNumber { name: String },
    /// A file outside the library's folder (absolute, or climbing out).
    FileOutside { entry: String, file: String },
    /// An alias that is the name, or an alias, of another department:
    /// whose steps are whose could not be told.
    AliasTaken {
        alias: String,
        department: String,
        other: String,
    },
    /// More of something than a catalogue may have.
    TooMany {
        what: CatalogueCount,
        found: usize,
        limit: usize,
    },
    /// A name or text longer than it may be; `at` is how it begins.
    TooLong {
        what: CatalogueText,
        at: String,
        limit: usize,
    },
}

/// What a catalogue limit counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CatalogueCount {
    Entries,
    Categories,
    Departments,
    /// The aliases of one department.
    Aliases,
}

/// Which text of a catalogue is too long.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CatalogueText {
    Title,
    CategoryName,
    EntryNumber,
    EntryName,
    EntryOwner,
    EntryFile,
    DepartmentName,
    Alias,
}

impl Catalogue {
    /// Checks what every reader relies on; the first problem found. Every
    /// check is linear (or n log n) in the catalogue's size.
    pub fn validate(&self) -> Result<(), CatalogueError> {
        self.check_limits()?;
        self.check_aliases()?;
        let mut ids = std::collections::BTreeSet::new();
        for c in &self.categories {
            if !ids.insert(c.id) {
                return Err(CatalogueError::DuplicateCategory(c.id));
            }
        }
        for e in &self.entries {
            if e.number.trim().is_empty() {
                return Err(CatalogueError::EmptyNumber {
                    name: e.name.clone(),
                });
            }
            if !ids.contains(&e.category) {
                return Err(CatalogueError::UnknownCategory {
                    entry: e.number.clone(),
                    category: e.category,
                });
            }
            if let Some(file) = &e.file
                && !stays_inside(file)
            {
                return Err(CatalogueError::FileOutside {
                    entry: e.number.clone(),
                    file: file.clone(),
                });
            }
        }
        Ok(())
    }

    /// The counts and text lengths, before anything else is looked at.
    fn check_limits(&self) -> Result<(), CatalogueError> {
        use CatalogueCount as C;
        use CatalogueText as T;
        let count = |what, found: usize, limit| {
            if found > limit {
                return Err(CatalogueError::TooMany { what, found, limit });
            }
            Ok(())
        };
        count(C::Entries, self.entries.len(), MAX_CATALOGUE_ENTRIES)?;
        count(C::Categories, self.categories.len(), MAX_CATEGORIES)?;
        count(C::Departments, self.departments.len(), MAX_DEPARTMENTS)?;
        too_long(T::Title, &self.title, MAX_NAME)?;
        for c in &self.categories {
            too_long(T::CategoryName, &c.name, MAX_NAME)?;
        }
        for e in &self.entries {
            too_long(T::EntryNumber, &e.number, MAX_NAME)?;
            too_long(T::EntryName, &e.name, MAX_NAME)?;
            too_long(T::EntryOwner, &e.owner, MAX_NAME)?;
            too_long(T::EntryFile, e.file.as_deref().unwrap_or(""), MAX_FILE_NAME)?;
        }
        for d in &self.departments {
            too_long(T::DepartmentName, &d.name, MAX_NAME)?;
            count(C::Aliases, d.aliases.len(), MAX_ALIASES)?;
            for a in &d.aliases {
                too_long(T::Alias, a, MAX_NAME)?;
            }
        }
        Ok(())
    }

    /// Refuses a name or alias that two departments both go by.
    fn check_aliases(&self) -> Result<(), CatalogueError> {
        let mut owner: BTreeMap<&str, &str> = BTreeMap::new();
        let names = self
            .departments
            .iter()
            .map(|d| (d.name.trim(), d.name.trim()));
        let aliases = self
            .departments
            .iter()
            .flat_map(|d| d.aliases.iter().map(|a| (a.trim(), d.name.trim())));
        for (name, department) in names.chain(aliases) {
            match owner.get(name) {
                Some(other) if *other != department => {
                    return Err(CatalogueError::AliasTaken {
                        alias: name.to_owned(),
                        department: department.to_owned(),
                        other: (*other).to_owned(),
                    });
                }
                _ => {
                    owner.insert(name, department);
                }
            }
        }
        Ok(())
    }

    /// Each entry by its number's key (the first entry of a key), for
    /// finding many exits' targets without a walk through every entry.
    pub fn number_index(&self) -> BTreeMap<&str, usize> {
        let mut index = BTreeMap::new();
        for (i, e) in self.entries.iter().enumerate() {
            index.entry(number_key(&e.number)).or_insert(i);
        }
        index
    }

    /// The entries of each category with their places in the catalogue,
    /// categories in their order, entries in catalogue order.
    pub fn by_category(&self) -> Vec<(&Category, Vec<(usize, &Entry)>)> {
        self.categories
            .iter()
            .map(|c| {
                let entries = self
                    .entries
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| e.category == c.id)
                    .collect();
                (c, entries)
            })
            .collect()
    }

    /// The entry a process number refers to (`销售1.9` and `1.9` both find
    /// entry `1.9`).
    pub fn entry_by_number(&self, number: &str) -> Option<&Entry> {
        let key = number_key(number);
        self.entries.iter().find(|e| number_key(&e.number) == key)
    }

    /// Every department name and alias, each with the department it names.
    pub fn department_names(&self) -> BTreeMap<&str, &str> {
        let mut names = BTreeMap::new();
        for d in &self.departments {
            names.insert(d.name.as_str(), d.name.as_str());
            for a in &d.aliases {
                names.insert(a.as_str(), d.name.as_str());
            }
        }
        names
    }
}

/// Refuses `text` longer than `limit` characters.
fn too_long(what: CatalogueText, text: &str, limit: usize) -> Result<(), CatalogueError> {
    if text.len() <= limit || text.chars().count() <= limit {
        return Ok(());
    }
    Err(CatalogueError::TooLong {
        what,
        at: text.chars().take(20).collect(),
        limit,
    })
}

/// The part of a process number that identifies it: the trailing digits
/// and dots (`销售1.9` → `1.9`), or the whole trimmed text when it has none.
pub fn number_key(number: &str) -> &str {
    let t = number.trim();
    let start = t
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit() || *c == '.')
        .last()
        .map_or(t.len(), |(i, _)| i);
    let key = t[start..].trim_start_matches('.');
    if key.is_empty() { t } else { key }
}

/// The numbers an exit names: `1.12、1.13` names two.
pub fn exit_targets(number: &str) -> Vec<&str> {
    number
        .split(['、', ',', '，', ';', '；', '/', ' '])
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .collect()
}

/// Whether a relative path stays inside the folder it is relative to.
fn stays_inside(file: &str) -> bool {
    let path = std::path::Path::new(file);
    !path.is_absolute()
        && path.components().all(|c| {
            matches!(
                c,
                std::path::Component::Normal(_) | std::path::Component::CurDir
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_match_by_their_numeric_part() {
        assert_eq!(number_key("销售1.9"), "1.9");
        assert_eq!(number_key(" 1.10 "), "1.10");
        assert_eq!(number_key("采购"), "采购");
        assert_eq!(exit_targets("1.12、1.13"), ["1.12", "1.13"]);
    }

    #[test]
    fn a_file_that_climbs_out_of_the_folder_is_refused() {
        let catalogue = Catalogue {
            categories: vec![Category {
                id: 1,
                name: "销售".into(),
            }],
            entries: vec![Entry {
                number: "1.1".into(),
                name: "年度商务政策调整".into(),
                category: 1,
                owner: String::new(),
                file: Some("../别处.ron".into()),
            }],
            ..Catalogue::default()
        };
        assert!(matches!(
            catalogue.validate(),
            Err(CatalogueError::FileOutside { .. })
        ));
    }
}
