//! The 流程清单 merged: categories by id, entries by number, departments by
//! name (each alias kept or dropped as the side that changed it says),
//! the title a field; additions on both sides all kept (two entries given
//! one new number stay two, and the library's checks name them). What both
//! changed differently keeps OURS and is reported.

use super::order::merged_order;
use super::pick;
use crate::model::catalogue::{Catalogue, Category, Department, Entry};
use std::collections::{BTreeMap, BTreeSet};

/// A field of the catalogue both sides changed differently; the merge
/// holds OURS.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CatalogueConflict {
    /// The entry's number, the category's or the department's name, or
    /// empty for the title.
    pub what: String,
    /// `title`, `name`, `category`, `owner`, `file`, `exists`.
    pub field: &'static str,
    pub base: String,
    pub ours: String,
    pub theirs: String,
}

/// The merged catalogue and what it could not decide.
pub fn merge_catalogue(
    base: &Catalogue,
    ours: &Catalogue,
    theirs: &Catalogue,
) -> (Catalogue, Vec<CatalogueConflict>) {
    let mut conflicts = Vec::new();
    let c = &mut conflicts;
    let title = field(c, "", "title", [&base.title, &ours.title, &theirs.title]);
    let theirs = fresh_categories(base, ours, theirs);
    let mut categories = merge_categories(base, ours, &theirs, c);
    let entries = merge_entries(base, ours, &theirs, c);
    // A category one side deleted while the other kept entries in it stays.
    for e in &entries {
        if !categories.iter().any(|k| k.id == e.category)
            && let Some(k) = [ours, &theirs]
                .iter()
                .find_map(|s| s.categories.iter().find(|k| k.id == e.category))
        {
            categories.push(k.clone());
        }
    }
    let departments = merge_departments(base, ours, &theirs);
    let scheme = pick(&base.scheme, &ours.scheme, &theirs.scheme).unwrap_or(ours.scheme);
    let merged = Catalogue {
        title,
        categories,
        entries,
        departments,
        scheme,
    };
    (merged, conflicts)
}

/// The value the sides agree on or the one that changed; OURS and a
/// conflict when both changed it differently.
fn field(
    conflicts: &mut Vec<CatalogueConflict>,
    what: &str,
    name: &'static str,
    [b, o, t]: [&String; 3],
) -> String {
    pick(b, o, t).unwrap_or_else(|| {
        conflicts.push(CatalogueConflict {
            what: what.to_owned(),
            field: name,
            base: b.clone(),
            ours: o.clone(),
            theirs: t.clone(),
        });
        o.clone()
    })
}

/// THEIRS with each category it added under an id OURS gave another name
/// moved to a fresh id (its entries follow).
fn fresh_categories(base: &Catalogue, ours: &Catalogue, theirs: &Catalogue) -> Catalogue {
    let find = |c: &Catalogue, id: u32| c.categories.iter().find(|k| k.id == id).cloned();
    let mut next = [base, ours, theirs]
        .iter()
        .flat_map(|c| c.categories.iter().map(|k| k.id))
        .max()
        .unwrap_or(0)
        + 1;
    let mut moved = BTreeMap::new();
    for k in &theirs.categories {
        if find(base, k.id).is_none() && find(ours, k.id).is_some_and(|o| o.name != k.name) {
            moved.insert(k.id, next);
            next += 1;
        }
    }
    let mut out = theirs.clone();
    for k in &mut out.categories {
        k.id = moved.get(&k.id).copied().unwrap_or(k.id);
    }
    for e in &mut out.entries {
        e.category = moved.get(&e.category).copied().unwrap_or(e.category);
    }
    out
}

fn merge_categories(
    base: &Catalogue,
    ours: &Catalogue,
    theirs: &Catalogue,
    conflicts: &mut Vec<CatalogueConflict>,
) -> Vec<Category> {
    let find = |c: &Catalogue, id: u32| c.categories.iter().find(|k| k.id == id).cloned();
    let ids: BTreeSet<u32> = [base, ours, theirs]
        .iter()
        .flat_map(|c| c.categories.iter().map(|k| k.id))
        .collect();
    let mut kept = BTreeMap::new();
    for id in ids {
        let merged = match (find(base, id), find(ours, id), find(theirs, id)) {
            (None, Some(o), _) => Some(o),
            (None, None, Some(t)) => Some(t),
            (Some(b), Some(o), Some(t)) => Some(Category {
                id,
                name: field(conflicts, &o.name, "name", [&b.name, &o.name, &t.name]),
            }),
            // Deleted on one side: a category is only a heading, gone
            // unless its entries keep it (they are kept by the check below).
            _ => None,
        };
        if let Some(k) = merged {
            kept.insert(id, k);
        }
    }
    let ids = |c: &Catalogue| c.categories.iter().map(|k| k.id).collect::<Vec<_>>();
    let keys: BTreeSet<u32> = kept.keys().copied().collect();
    merged_order(&ids(base), &ids(ours), &ids(theirs), &keys)
        .into_iter()
        .filter_map(|id| kept.remove(&id))
        .collect()
}

fn merge_entries(
    base: &Catalogue,
    ours: &Catalogue,
    theirs: &Catalogue,
    conflicts: &mut Vec<CatalogueConflict>,
) -> Vec<Entry> {
    let find = |c: &Catalogue, n: &str| c.entries.iter().find(|e| e.number == n).cloned();
    let numbers: BTreeSet<String> = [base, ours, theirs]
        .iter()
        .flat_map(|c| c.entries.iter().map(|e| e.number.clone()))
        .collect();
    let mut kept: BTreeMap<String, Entry> = BTreeMap::new();
    let mut twins: Vec<Entry> = Vec::new();
    for n in numbers {
        let merged = match (find(base, &n), find(ours, &n), find(theirs, &n)) {
            (None, Some(o), Some(t)) if o != t => {
                // One new number given to two processes: both kept.
                twins.push(t);
                Some(o)
            }
            (None, Some(o), _) => Some(o),
            (None, None, Some(t)) => Some(t),
            (Some(b), Some(o), Some(t)) => Some(merge_entry(&b, &o, &t, conflicts)),
            // Deleted on one side: gone, unless the other changed it
            // (a conflict; OURS stays, deleted or kept).
            (Some(b), o, t) => {
                let changed = |e: &Option<Entry>| e.as_ref().is_some_and(|e| *e != b);
                if changed(&o) || changed(&t) {
                    let shown =
                        |e: &Option<Entry>| e.as_ref().map_or_else(String::new, |e| e.name.clone());
                    conflicts.push(CatalogueConflict {
                        what: n.clone(),
                        field: "exists",
                        base: b.name.clone(),
                        ours: shown(&o),
                        theirs: shown(&t),
                    });
                }
                o
            }
            (None, None, None) => None,
        };
        if let Some(e) = merged {
            kept.insert(n, e);
        }
    }
    let numbers = |c: &Catalogue| {
        c.entries
            .iter()
            .map(|e| e.number.clone())
            .collect::<Vec<_>>()
    };
    let keys: BTreeSet<String> = kept.keys().cloned().collect();
    let mut out: Vec<Entry> = merged_order(&numbers(base), &numbers(ours), &numbers(theirs), &keys)
        .into_iter()
        .filter_map(|n| kept.remove(&n))
        .collect();
    for twin in twins {
        let at = out
            .iter()
            .position(|e| e.number == twin.number)
            .map_or(out.len(), |i| i + 1);
        out.insert(at, twin);
    }
    out
}

fn merge_entry(b: &Entry, o: &Entry, t: &Entry, conflicts: &mut Vec<CatalogueConflict>) -> Entry {
    let what = o.number.clone();
    let category = pick(&b.category, &o.category, &t.category).unwrap_or_else(|| {
        let [cb, co, ct] = [b, o, t].map(|e| e.category.to_string());
        field(conflicts, &what, "category", [&cb, &co, &ct]);
        o.category
    });
    let file = pick(&b.file, &o.file, &t.file).unwrap_or_else(|| {
        let [fb, fo, ft] = [b, o, t].map(|e| e.file.clone().unwrap_or_default());
        field(conflicts, &what, "file", [&fb, &fo, &ft]);
        o.file.clone()
    });
    Entry {
        number: o.number.clone(),
        name: field(conflicts, &what, "name", [&b.name, &o.name, &t.name]),
        category,
        owner: field(conflicts, &what, "owner", [&b.owner, &o.owner, &t.owner]),
        file,
    }
}

/// Departments by name, in ours' order with theirs' new ones after; each
/// alias kept or dropped as the side that changed it says.
fn merge_departments(base: &Catalogue, ours: &Catalogue, theirs: &Catalogue) -> Vec<Department> {
    let find = |c: &Catalogue, n: &str| c.departments.iter().find(|d| d.name == n).cloned();
    let names: BTreeSet<String> = [base, ours, theirs]
        .iter()
        .flat_map(|c| c.departments.iter().map(|d| d.name.clone()))
        .collect();
    let mut kept = BTreeMap::new();
    for n in names {
        let merged = match (find(base, &n), find(ours, &n), find(theirs, &n)) {
            (b, Some(o), Some(t)) => {
                let b = b.map(|b| b.aliases).unwrap_or_default();
                let all: BTreeSet<&String> = b.iter().chain(&o.aliases).chain(&t.aliases).collect();
                let has = |list: &[String], a: &String| list.contains(a);
                let aliases = all
                    .into_iter()
                    .filter(|a| {
                        pick(&has(&b, a), &has(&o.aliases, a), &has(&t.aliases, a)).unwrap_or(true)
                    })
                    .cloned()
                    .collect();
                Some(Department {
                    name: n.clone(),
                    aliases,
                })
            }
            (None, Some(o), None) => Some(o),
            (None, None, Some(t)) => Some(t),
            // Deleted on one side: kept only if the other changed it.
            (Some(b), Some(o), None) => (o != b).then_some(o),
            (Some(b), None, Some(t)) => (t != b).then_some(t),
            _ => None,
        };
        if let Some(d) = merged {
            kept.insert(n, d);
        }
    }
    let names = |c: &Catalogue| {
        c.departments
            .iter()
            .map(|d| d.name.clone())
            .collect::<Vec<_>>()
    };
    let keys: BTreeSet<String> = kept.keys().cloned().collect();
    merged_order(&names(base), &names(ours), &names(theirs), &keys)
        .into_iter()
        .filter_map(|n| kept.remove(&n))
        .collect()
}
