//! A process from a responsibility table, shaped like the AECI table
//! export: 编号, 主要步骤, 要点, 输出, then one column per department with
//! letters such as `A,E`, and an optional 下一步 column. Each row becomes a
//! step in the lane of its E, each department column a lane; the steps
//! follow in number order (or as 下一步 says) and tidy layout places them.

use super::cells::Cells;
use crate::layout::tidy;
use crate::model::limits::{
    MAX_CONNECTORS, MAX_ENTRIES, MAX_LANES, MAX_NAME, MAX_STEPS, MAX_TEXT, MAX_TITLE,
};
use crate::model::{
    Connector, ConnectorId, FlowPoint, Lane, LaneId, Process, Role, RoleSet, Step, StepId,
    StepKind, apply,
};
use std::collections::{BTreeMap, BTreeSet};

/// What a table's columns hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ColumnKind {
    Number,
    Title,
    Description,
    Outputs,
    Next,
    Department,
}

/// The column names read, Chinese and English, compared without case and
/// surrounding spaces.
fn column_kind(name: &str) -> ColumnKind {
    let name = name.trim().to_lowercase();
    match name.as_str() {
        "编号" | "序号" | "no." | "no" | "number" | "#" => ColumnKind::Number,
        "主要步骤" | "步骤" | "main step" | "step" | "title" => ColumnKind::Title,
        "要点" | "key points" | "description" => ColumnKind::Description,
        "输出" | "outputs" | "output" => ColumnKind::Outputs,
        "下一步" | "next" | "next step" | "next steps" => ColumnKind::Next,
        _ => ColumnKind::Department,
    }
}

/// Where in the table something is wrong: a row as the spreadsheet
/// numbers it (from 1) and a column by its letter and title.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    pub row: usize,
    pub column: Option<(String, String)>,
}

/// Why a table cannot be imported; nothing is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TableError {
    /// No row names both a number and a main step column.
    NoHeader,
    Empty,
    TooManyRows(usize),
    TooManyDepartments(usize),
    NotANumber {
        at: Place,
        text: String,
    },
    DuplicateNumber {
        at: Place,
        number: u32,
        first: usize,
    },
    UnknownLetters {
        at: Place,
        text: String,
    },
    NoSuchNext {
        at: Place,
        number: String,
    },
    EmptyTitle {
        at: Place,
    },
    /// A cell lists more entries (outputs) than a step may have.
    TooManyEntries {
        at: Place,
        found: usize,
        limit: usize,
    },
    /// The 下一步 column asks for more connectors than a process may have.
    TooManyConnectors {
        at: Place,
        limit: usize,
    },
    /// A column with letters under a header cell that names no
    /// department (empty, or the tail of a merged cell).
    UnnamedDepartment {
        at: Place,
    },
    /// Two department columns with the same name.
    DuplicateDepartment {
        at: Place,
        first: String,
    },
    /// The process could not be built (a bug if it happens).
    Build(String),
}

/// Something imported that a consultant should check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TableWarning {
    /// A row with no E goes to the lane of its A (or the first lane).
    NoExecutor {
        row: usize,
        number: u32,
        lane: String,
    },
    /// A text longer than the limit was shortened, ending in "…".
    Shortened { at: Place, limit: usize },
}

/// The columns of a table: which holds what, and the header's row.
struct Columns {
    header_row: usize,
    kinds: Vec<ColumnKind>,
    names: Vec<String>,
}

impl Columns {
    fn find(cells: &Cells) -> Result<Columns, TableError> {
        // The header is the first row (of the first ten) naming both a
        // number and a main step column.
        for (r, row) in cells.rows.iter().enumerate().take(10) {
            let kinds: Vec<ColumnKind> = row.iter().map(|c| column_kind(c)).collect();
            let has = |k| kinds.contains(&k);
            if has(ColumnKind::Number) && has(ColumnKind::Title) {
                let names = row.iter().map(|c| c.trim().to_owned()).collect();
                return Ok(Columns {
                    header_row: r,
                    kinds,
                    names,
                });
            }
        }
        Err(TableError::NoHeader)
    }

    fn first(&self, kind: ColumnKind) -> Option<usize> {
        self.kinds.iter().position(|k| *k == kind)
    }

    /// The department columns: non-empty titles that name nothing else.
    fn departments(&self) -> Vec<usize> {
        (0..self.kinds.len())
            .filter(|c| self.kinds[*c] == ColumnKind::Department && !self.names[*c].is_empty())
            .collect()
    }

    fn place(&self, row: usize, column: usize) -> Place {
        Place {
            row: row + 1,
            column: Some((
                column_letter(column),
                self.names.get(column).cloned().unwrap_or_default(),
            )),
        }
    }
}

/// `A`, `B`, … `Z`, `AA`, … for column `index` (from 0).
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        letters.push(char::from(b'A' + r as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// One row read: its number, text, letters per department and next steps.
struct Row {
    at: usize,
    number: u32,
    title: String,
    description: String,
    outputs: Vec<String>,
    roles: Vec<RoleSet>,
    /// The numbers 下一步 lists, and where the cell is.
    next: Option<(Vec<u32>, Place)>,
}

/// Builds the process a table describes, named `name`, laid out by tidy.
pub fn process_from_table(
    cells: &Cells,
    name: &str,
) -> Result<(Process, Vec<TableWarning>), TableError> {
    let columns = Columns::find(cells)?;
    let departments = columns.departments();
    if departments.len() > MAX_LANES {
        return Err(TableError::TooManyDepartments(departments.len()));
    }
    let mut warnings = Vec::new();
    let mut names = Vec::with_capacity(departments.len());
    for &c in &departments {
        let at = columns.place(columns.header_row, c);
        names.push(shorten(&columns.names[c], MAX_NAME, &at, &mut warnings));
    }
    check_departments(&columns, &departments, &names)?;
    unnamed_department(cells, &columns)?;
    let rows = read_rows(cells, &columns, &departments, &mut warnings)?;
    if rows.is_empty() {
        return Err(TableError::Empty);
    }
    let mut process = Process::default();
    process.overview.name = name.to_owned();
    for (i, name) in names.iter().enumerate() {
        process.lanes.push(Lane {
            id: LaneId(i as u32 + 1),
            name: name.clone(),
            size: Lane::DEFAULT_SIZE,
        });
    }
    if process.lanes.is_empty() {
        process.lanes.push(Lane {
            id: LaneId(1),
            name: name.chars().take(MAX_NAME).collect(),
            size: Lane::DEFAULT_SIZE,
        });
    }
    let mut by_number: BTreeMap<u32, StepId> = BTreeMap::new();
    for (i, row) in rows.iter().enumerate() {
        let id = StepId(i as u32 + 1);
        let (lane, warned) = lane_of(row, &process.lanes);
        if warned {
            warnings.push(TableWarning::NoExecutor {
                row: row.at,
                number: row.number,
                lane: process.lanes[lane].name.clone(),
            });
        }
        let lane_id = process.lanes[lane].id;
        let mut step = Step::new(
            id,
            StepKind::Process,
            &row.title,
            lane_id,
            FlowPoint::new(100.0 + i as f32 * 150.0, 60.0),
        );
        step.description = row.description.clone();
        step.outputs = row.outputs.clone();
        step.pinned_number = Some(row.number);
        step.roles.clear();
        for (l, roles) in row.roles.iter().enumerate() {
            if !roles.is_empty()
                && let Some(lane) = process.lanes.get(l)
            {
                step.roles.insert(lane.id, *roles);
            }
        }
        by_number.insert(row.number, id);
        process.steps.insert(id, step);
    }
    connect(&mut process, &rows, &by_number)?;
    if let Some(edit) = tidy(&process).edit(&process) {
        apply(&mut process, edit).map_err(|e| TableError::Build(format!("{e:?}")))?;
    }
    crate::model::validate(&process).map_err(|e| TableError::Build(format!("{e:?}")))?;
    Ok((process, warnings))
}

/// `text`, or its first `limit - 1` characters and "…" when it is longer
/// (with a warning naming the cell).
fn shorten(text: &str, limit: usize, at: &Place, warnings: &mut Vec<TableWarning>) -> String {
    match crate::model::limits::shortened(text, limit) {
        Some(short) => {
            warnings.push(TableWarning::Shortened {
                at: at.clone(),
                limit,
            });
            short
        }
        None => text.to_owned(),
    }
}

/// Refuses two department columns of one name: whose letters are whose
/// could not be told apart.
fn check_departments(
    columns: &Columns,
    departments: &[usize],
    names: &[String],
) -> Result<(), TableError> {
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for (&c, name) in departments.iter().zip(names) {
        if let Some(&first) = seen.get(name.as_str()) {
            return Err(TableError::DuplicateDepartment {
                at: columns.place(columns.header_row, c),
                first: column_letter(first),
            });
        }
        seen.insert(name, c);
    }
    Ok(())
}

/// Refuses letters under a header cell that names nothing (empty, or the
/// tail of a merged cell): they would belong to no department.
fn unnamed_department(cells: &Cells, columns: &Columns) -> Result<(), TableError> {
    for (r, row) in cells.rows.iter().enumerate().skip(columns.header_row + 1) {
        for (c, text) in row.iter().enumerate() {
            let unnamed = columns.names.get(c).is_none_or(|n| n.is_empty());
            if unnamed && !text.trim().is_empty() && RoleSet::parse(text).is_ok() {
                return Err(TableError::UnnamedDepartment {
                    at: columns.place(r, c),
                });
            }
        }
    }
    Ok(())
}

/// The lane of a row's first E; else of its first A (warned); else the
/// first lane (warned).
fn lane_of(row: &Row, lanes: &[Lane]) -> (usize, bool) {
    let first = |role: Role| row.roles.iter().position(|r| r.contains(role));
    match (first(Role::E), first(Role::A)) {
        (Some(l), _) if l < lanes.len() => (l, false),
        (_, Some(l)) if l < lanes.len() => (l, true),
        _ => (0, true),
    }
}

/// Connectors: from each row to the rows its 下一步 names, or (without
/// that column) from each row to the next in number order.
fn connect(
    process: &mut Process,
    rows: &[Row],
    by_number: &BTreeMap<u32, StepId>,
) -> Result<(), TableError> {
    let mut pairs: BTreeSet<(StepId, StepId)> = BTreeSet::new();
    let has_next = rows.iter().any(|r| r.next.is_some());
    if has_next {
        for row in rows {
            let Some(from) = by_number.get(&row.number) else {
                continue;
            };
            let Some((numbers, place)) = &row.next else {
                continue;
            };
            for number in numbers {
                let Some(to) = by_number.get(number) else {
                    return Err(TableError::NoSuchNext {
                        at: place.clone(),
                        number: number.to_string(),
                    });
                };
                pairs.insert((*from, *to));
                if pairs.len() > MAX_CONNECTORS {
                    return Err(TableError::TooManyConnectors {
                        at: place.clone(),
                        limit: MAX_CONNECTORS,
                    });
                }
            }
        }
    } else {
        let ordered: Vec<StepId> = by_number.values().copied().collect();
        for pair in ordered.windows(2) {
            pairs.insert((pair[0], pair[1]));
        }
    }
    for (i, (from, to)) in pairs.into_iter().enumerate() {
        let id = ConnectorId(i as u32 + 1);
        process.connectors.insert(
            id,
            Connector {
                id,
                from,
                to,
                label: None,
            },
        );
    }
    Ok(())
}

/// The rows under the header, every cell checked.
fn read_rows(
    cells: &Cells,
    columns: &Columns,
    departments: &[usize],
    warnings: &mut Vec<TableWarning>,
) -> Result<Vec<Row>, TableError> {
    let number_col = columns.first(ColumnKind::Number).unwrap_or(0);
    let title_col = columns.first(ColumnKind::Title).unwrap_or(1);
    let get = |row: &[String], c: Option<usize>| -> String {
        c.and_then(|c| row.get(c))
            .map(|s| s.trim().to_owned())
            .unwrap_or_default()
    };
    let mut rows: Vec<Row> = Vec::new();
    let mut seen: BTreeMap<u32, usize> = BTreeMap::new();
    let mut next_count = 0_usize;
    for (r, row) in cells.rows.iter().enumerate().skip(columns.header_row + 1) {
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if rows.len() >= MAX_STEPS {
            return Err(TableError::TooManyRows(MAX_STEPS));
        }
        let number_text = get(row, Some(number_col));
        let number = parse_number(&number_text).ok_or_else(|| TableError::NotANumber {
            at: columns.place(r, number_col),
            text: number_text.clone(),
        })?;
        if let Some(first) = seen.insert(number, r + 1) {
            return Err(TableError::DuplicateNumber {
                at: columns.place(r, number_col),
                number,
                first,
            });
        }
        let title = get(row, Some(title_col));
        if title.is_empty() {
            return Err(TableError::EmptyTitle {
                at: columns.place(r, title_col),
            });
        }
        let mut fit = |text: &str, c: usize, limit: usize| {
            shorten(text, limit, &columns.place(r, c), warnings)
        };
        let title = fit(&title, title_col, MAX_TITLE);
        let description_col = columns.first(ColumnKind::Description);
        let description = get(row, description_col);
        let description = match description_col {
            Some(c) => fit(&description, c, MAX_TEXT),
            None => description,
        };
        let outputs_col = columns.first(ColumnKind::Outputs);
        let outputs: Vec<String> = match outputs_col {
            Some(c) => get(row, Some(c))
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(|l| fit(l, c, MAX_NAME))
                .collect(),
            None => Vec::new(),
        };
        if let Some(c) = outputs_col
            && outputs.len() > MAX_ENTRIES
        {
            return Err(TableError::TooManyEntries {
                at: columns.place(r, c),
                found: outputs.len(),
                limit: MAX_ENTRIES,
            });
        }
        let mut roles = Vec::with_capacity(departments.len());
        for &c in departments {
            let text = get(row, Some(c));
            let set = RoleSet::parse(&text).map_err(|_| TableError::UnknownLetters {
                at: columns.place(r, c),
                text: text.clone(),
            })?;
            roles.push(set);
        }
        let next = match columns.first(ColumnKind::Next) {
            Some(c) => {
                let place = columns.place(r, c);
                let numbers = next_numbers(&get(row, Some(c)), &place)?;
                next_count += numbers.len();
                if next_count > MAX_CONNECTORS {
                    return Err(TableError::TooManyConnectors {
                        at: place,
                        limit: MAX_CONNECTORS,
                    });
                }
                Some((numbers, place))
            }
            None => None,
        };
        rows.push(Row {
            at: r + 1,
            number,
            title,
            description,
            outputs,
            roles,
            next,
        });
    }
    Ok(rows)
}

/// A step number: a whole number from 1, written `3` or (by a
/// spreadsheet) `3.0`.
fn parse_number(text: &str) -> Option<u32> {
    let text = text.trim();
    if let Ok(n) = text.parse::<u32>() {
        return (n > 0).then_some(n);
    }
    let f: f64 = text.parse().ok()?;
    (f.fract() == 0.0 && f >= 1.0 && f <= f64::from(u32::MAX)).then_some(f as u32)
}

/// The numbers a 下一步 cell lists, separated by commas, 、 or spaces.
fn next_numbers(text: &str, place: &Place) -> Result<Vec<u32>, TableError> {
    text.split(|c: char| c == ',' || c == '，' || c == '、' || c == ';' || c.is_whitespace())
        .filter(|t| !t.is_empty())
        .map(|t| {
            parse_number(t).ok_or_else(|| TableError::NotANumber {
                at: place.clone(),
                text: t.to_owned(),
            })
        })
        .collect()
}
