//! A process library: a folder whose catalogue (`流程清单.ron`) lists the
//! company's processes by category, each drawn in its own `.ron` file; the
//! links between them, the library's checks, and each department's
//! responsibilities across all of them.

mod analysis;
mod duties;
mod folder;
mod generate;
mod links;
mod placing;
mod rewrite;
mod rules;
mod scheme;

pub use crate::model::catalogue::{
    Catalogue, CatalogueCount, CatalogueError, CatalogueText, Category, Department, Entry,
    MAX_ALIASES, MAX_CATALOGUE_ENTRIES, MAX_CATEGORIES, MAX_DEPARTMENTS, MAX_FILE_NAME,
    exit_targets, number_key,
};
pub use analysis::{
    DesignChange, Flag, Handoff, LibraryAnalysis, Load, ProcessFacts, analyze, design_changes,
    heat_rgb,
};
pub use duties::{DepartmentDuties, Duty, duties, lanes_for_new_process, lanes_to_departments};
pub use folder::{EntryState, Library};
pub use generate::synthetic_library;
pub use links::LibraryLinks;
pub use placing::{category_for, file_name, list_parts, number_for, path_for_part};
pub use rewrite::{
    FileChange, Mention, MentionField, RewriteError, apply_changes, department_mentions,
    rename_department, renumber_entry,
};
pub use rules::{LibraryProblem, check_library};
pub use scheme::{SchemeError, change_scheme, convert as convert_scheme};
