//! The shapes of a page or a master as Visio writes them: each shape's
//! cells, its User and Shape Data rows, its text and its sub-shapes, in one
//! flat list (walked without recursion, so a file nesting groups ten
//! thousand deep cannot exhaust the stack); and what a shape inherits from
//! its master.

use roxmltree::Node;
use std::collections::BTreeMap;

/// Groups nested deeper than this are not read (and said so).
pub const MAX_DEPTH: usize = 32;

/// The farthest a number of a sheet may be from zero (inches): past the
/// positions a process may have, so that no product of it overflows.
pub const MAX_INCHES: f64 = 25_000.0;

/// One shape's sheet.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sheet {
    pub id: u32,
    /// The master of a shape on the page.
    pub master: Option<u32>,
    /// The shape of its master a sub-shape stands for.
    pub master_shape: Option<u32>,
    pub name: String,
    /// `Group`, `Shape`, `Foreign` (a picture) …
    pub kind: String,
    /// Cell name → value as written (`V`).
    pub cells: BTreeMap<String, String>,
    /// User row name → its value.
    pub user: BTreeMap<String, String>,
    /// Shape Data rows: name → (label, value).
    pub data: BTreeMap<String, (String, String)>,
    pub text: Option<String>,
    pub has_geometry: bool,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
}

impl Sheet {
    /// A cell's value as a number: `None` when it is not one, or is past
    /// `MAX_INCHES` either way.
    pub fn number(&self, cell: &str) -> Option<f64> {
        self.cells
            .get(cell)?
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite() && v.abs() <= MAX_INCHES)
    }
}

/// A page's (or a master's) shapes, and how many lay too deep to read.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sheets {
    pub all: Vec<Sheet>,
    /// The shapes directly on the page.
    pub top: Vec<usize>,
    pub too_deep: usize,
    /// Shape id → its first sheet.
    pub by_id: BTreeMap<u32, usize>,
}

/// The shapes under `root`'s `Shapes` element (a `PageContents` or a
/// `MasterContents`), at most `limit` of them.
pub fn read_sheets(root: Node, limit: usize) -> Result<Sheets, usize> {
    let mut out = Sheets::default();
    let Some(shapes) = root.children().find(|c| c.has_tag_name("Shapes")) else {
        return Ok(out);
    };
    // (node, parent index, depth)
    let mut todo: Vec<(Node, Option<usize>, usize)> = shapes
        .children()
        .filter(|c| c.has_tag_name("Shape"))
        .map(|c| (c, None, 0))
        .collect();
    todo.reverse();
    while let Some((node, parent, depth)) = todo.pop() {
        if depth >= MAX_DEPTH {
            out.too_deep += 1;
            continue;
        }
        if out.all.len() >= limit {
            return Err(out.all.len() + 1 + todo.len());
        }
        let index = out.all.len();
        let mut sheet = sheet_of(node);
        sheet.parent = parent;
        out.by_id.entry(sheet.id).or_insert(index);
        out.all.push(sheet);
        match parent {
            Some(p) => out.all[p].children.push(index),
            None => out.top.push(index),
        }
        if let Some(kids) = node.children().find(|c| c.has_tag_name("Shapes")) {
            let mut kids: Vec<_> = kids
                .children()
                .filter(|c| c.has_tag_name("Shape"))
                .map(|c| (c, Some(index), depth + 1))
                .collect();
            kids.reverse();
            todo.extend(kids);
        }
    }
    Ok(out)
}

fn sheet_of(node: Node) -> Sheet {
    let number = |a: &str| node.attribute(a).and_then(|v| v.trim().parse().ok());
    let mut sheet = Sheet {
        id: number("ID").unwrap_or(0),
        master: number("Master"),
        master_shape: number("MasterShape"),
        name: node
            .attribute("NameU")
            .or(node.attribute("Name"))
            .map(super::package::universal_name)
            .unwrap_or_default(),
        kind: node.attribute("Type").unwrap_or("Shape").to_owned(),
        ..Sheet::default()
    };
    for child in node.children().filter(|c| c.is_element()) {
        match child.tag_name().name() {
            "Cell" => {
                if let (Some(n), Some(v)) = (child.attribute("N"), child.attribute("V")) {
                    sheet.cells.insert(n.to_owned(), v.to_owned());
                }
            }
            "Section" => read_section(&mut sheet, child),
            "Text" => sheet.text = Some(text_of(child)),
            _ => {}
        }
    }
    sheet
}

fn read_section(sheet: &mut Sheet, section: Node) {
    let rows = section.children().filter(|r| r.has_tag_name("Row"));
    let cell = |row: Node, n: &str| {
        row.children()
            .find(|c| c.has_tag_name("Cell") && c.attribute("N") == Some(n))
            .and_then(|c| c.attribute("V"))
            .unwrap_or("")
            .to_owned()
    };
    match section.attribute("N") {
        Some("User") => {
            for row in rows {
                if let Some(n) = row.attribute("N") {
                    sheet.user.insert(n.to_owned(), cell(row, "Value"));
                }
            }
        }
        Some("Property") => {
            for row in rows {
                if let Some(n) = row.attribute("N") {
                    sheet
                        .data
                        .insert(n.to_owned(), (cell(row, "Label"), cell(row, "Value")));
                }
            }
        }
        Some("Geometry") => {
            let hidden = section
                .children()
                .any(|c| c.attribute("N") == Some("NoShow") && c.attribute("V") == Some("1"));
            sheet.has_geometry |= !hidden && rows.count() > 0;
        }
        _ => {}
    }
}

/// A `Text` element's words: its text and its fields' text, runs joined,
/// paragraph and line breaks as line ends, the ends trimmed.
fn text_of(text: Node) -> String {
    let mut out = String::new();
    for piece in text.descendants().filter(|d| d.is_text()) {
        out.push_str(piece.text().unwrap_or(""));
    }
    out.replace("\r\n", "\n")
        .replace(['\r', '\u{2028}', '\u{2029}', '\u{b}'], "\n")
        .lines()
        .map(str::trim)
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_owned()
}

/// A page's shapes with their masters: what a shape does not say itself
/// it inherits from the master shape it stands for.
pub struct Inherit<'a> {
    pub page: &'a Sheets,
    /// Master id → its shapes (the first top shape is the master's own).
    pub masters: &'a BTreeMap<u32, (String, Sheets)>,
}

impl Inherit<'_> {
    /// The master shape `i` stands for: its own master's first shape, or
    /// for a sub-shape the shape of its group's master it names.
    fn master_sheet(&self, i: usize) -> Option<&Sheet> {
        let sheet = self.page.all.get(i)?;
        if let Some(m) = sheet.master {
            let (_, shapes) = self.masters.get(&m)?;
            return shapes.top.first().and_then(|t| shapes.all.get(*t));
        }
        let wanted = sheet.master_shape?;
        let mut at = sheet.parent;
        while let Some(p) = at {
            if let Some(m) = self.page.all[p].master {
                let (_, shapes) = self.masters.get(&m)?;
                return shapes.by_id.get(&wanted).and_then(|i| shapes.all.get(*i));
            }
            at = self.page.all[p].parent;
        }
        None
    }

    /// The name of the master of shape `i` (its group's, for a sub-shape),
    /// else its own name.
    pub fn master_name(&self, i: usize) -> String {
        let sheet = &self.page.all[i];
        sheet
            .master
            .and_then(|m| self.masters.get(&m))
            .map(|(name, _)| name.clone())
            .unwrap_or_else(|| sheet.name.clone())
    }

    pub fn cell(&self, i: usize, name: &str) -> Option<f64> {
        self.page.all[i]
            .number(name)
            .or_else(|| self.master_sheet(i)?.number(name))
    }

    pub fn text(&self, i: usize) -> String {
        match &self.page.all[i].text {
            Some(t) => t.clone(),
            None => self
                .master_sheet(i)
                .and_then(|m| m.text.clone())
                .unwrap_or_default(),
        }
    }

    pub fn user(&self, i: usize, row: &str) -> Option<String> {
        self.page.all[i]
            .user
            .get(row)
            .or_else(|| self.master_sheet(i)?.user.get(row))
            .cloned()
    }

    pub fn has_cell(&self, i: usize, name: &str) -> bool {
        self.cell(i, name).is_some()
    }

    pub fn has_geometry(&self, i: usize) -> bool {
        self.page.all[i].has_geometry || self.master_sheet(i).is_some_and(|m| m.has_geometry)
    }
}
