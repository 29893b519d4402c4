//! A `.vsdx` package read safely: the zip's parts unpacked with their
//! sizes counted as they come out (never trusting what the directory says),
//! the relationships followed from the package to the document, its pages
//! and its masters.

use super::VisioError;
use roxmltree::{Document, Node};
use std::collections::BTreeMap;
use std::io::Read;

/// The most one part may unpack to.
pub const MAX_PART_BYTES: u64 = 32 << 20;
/// The most all the parts read may unpack to together.
pub const MAX_PACKAGE_BYTES: u64 = 128 << 20;
/// The most parts a package may list.
pub const MAX_PARTS: usize = 20_000;

/// The relationships' namespace on `r:id` attributes.
pub const NS_R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// An open package: its zip and what has been unpacked of it so far.
pub struct Package<'a> {
    zip: zip::ZipArchive<std::io::Cursor<&'a [u8]>>,
    unpacked: u64,
}

/// A page of the document: its name and its part.
#[derive(Clone, Debug, PartialEq)]
pub struct PagePart {
    pub name: String,
    pub part: String,
}

/// A master: its universal name (without Visio's `.12` suffix) and part.
#[derive(Clone, Debug, PartialEq)]
pub struct MasterPart {
    pub name: String,
    pub part: String,
}

impl<'a> Package<'a> {
    pub fn open(bytes: &'a [u8]) -> Result<Package<'a>, VisioError> {
        if super::is_binary_visio(bytes) {
            return Err(VisioError::Binary);
        }
        let zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
            .map_err(|e| VisioError::NotAPackage(e.to_string()))?;
        if zip.len() > MAX_PARTS {
            return Err(VisioError::TooManyParts(zip.len()));
        }
        Ok(Package { zip, unpacked: 0 })
    }

    /// Part `name` (no leading `/`) as text; `None` when the package has
    /// no such part.
    pub fn text(&mut self, name: &str) -> Result<Option<String>, VisioError> {
        let name = name.trim_start_matches('/');
        let Some(index) = self.zip.index_for_name(name) else {
            return Ok(None);
        };
        let broken = |e: String| VisioError::BrokenPart(name.to_owned(), e);
        let part = self
            .zip
            .by_index(index)
            .map_err(|e| broken(e.to_string()))?;
        let mut bytes = Vec::new();
        part.take(MAX_PART_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| broken(e.to_string()))?;
        if bytes.len() as u64 > MAX_PART_BYTES {
            return Err(VisioError::PartTooLarge(name.to_owned()));
        }
        self.unpacked += bytes.len() as u64;
        if self.unpacked > MAX_PACKAGE_BYTES {
            return Err(VisioError::PackageTooLarge);
        }
        let text = String::from_utf8(bytes).map_err(|_| broken("not UTF-8 text".to_owned()))?;
        Ok(Some(text.trim_start_matches('\u{feff}').to_owned()))
    }

    /// Part `name`, which must be there.
    pub fn needed(&mut self, name: &str) -> Result<String, VisioError> {
        self.text(name)?
            .ok_or_else(|| VisioError::MissingPart(name.to_owned()))
    }

    /// The relationships of part `name`: id → (type, target part).
    pub fn rels(&mut self, name: &str) -> Result<BTreeMap<String, (String, String)>, VisioError> {
        let (dir, file) = name.rsplit_once('/').unwrap_or(("", name));
        let rels_name = if dir.is_empty() {
            format!("_rels/{file}.rels")
        } else {
            format!("{dir}/_rels/{file}.rels")
        };
        let Some(text) = self.text(&rels_name)? else {
            return Ok(BTreeMap::new());
        };
        let doc = parse(&text, &rels_name)?;
        let mut out = BTreeMap::new();
        for r in doc
            .root_element()
            .children()
            .filter(|n| n.has_tag_name("Relationship"))
        {
            let (Some(id), Some(kind), Some(target)) = (
                r.attribute("Id"),
                r.attribute("Type"),
                r.attribute("Target"),
            ) else {
                continue;
            };
            if r.attribute("TargetMode") == Some("External") {
                continue;
            }
            out.insert(id.to_owned(), (kind.to_owned(), resolve(dir, target)));
        }
        Ok(out)
    }

    /// The document part: where the package's relationships say, else
    /// where Visio puts it.
    pub fn document(&mut self) -> Result<String, VisioError> {
        let rels = self.rels("")?;
        let by_rel = rels
            .values()
            .find(|(kind, _)| kind.ends_with("/relationships/document"))
            .map(|(_, target)| target.clone());
        Ok(by_rel.unwrap_or_else(|| "visio/document.xml".to_owned()))
    }

    /// The pages of the document, in order.
    pub fn pages(&mut self, document: &str) -> Result<Vec<PagePart>, VisioError> {
        let list = self.related(document, "/relationships/pages", "visio/pages/pages.xml")?;
        let text = self.needed(&list)?;
        let rels = self.rels(&list)?;
        let doc = parse(&text, &list)?;
        let mut pages = Vec::new();
        for (n, page) in doc
            .root_element()
            .children()
            .filter(|p| p.has_tag_name("Page"))
            .enumerate()
        {
            let part = rel_target(page, &rels).unwrap_or_else(|| {
                let dir = list.rsplit_once('/').map_or("", |(d, _)| d);
                format!("{dir}/page{}.xml", n + 1)
            });
            // A background page holds the title block, not the chart.
            if page.attribute("Background") == Some("1") {
                continue;
            }
            let name = page
                .attribute("NameU")
                .or(page.attribute("Name"))
                .unwrap_or("")
                .to_owned();
            pages.push(PagePart { name, part });
        }
        Ok(pages)
    }

    /// The masters of the document, by id.
    pub fn masters(&mut self, document: &str) -> Result<BTreeMap<u32, MasterPart>, VisioError> {
        let list = self.related(document, "/relationships/masters", "")?;
        let Some(text) = self.text(&list)? else {
            return Ok(BTreeMap::new());
        };
        let rels = self.rels(&list)?;
        let doc = parse(&text, &list)?;
        let mut out = BTreeMap::new();
        for m in doc
            .root_element()
            .children()
            .filter(|m| m.has_tag_name("Master"))
        {
            let Some(id) = m.attribute("ID").and_then(|i| i.parse().ok()) else {
                continue;
            };
            let Some(part) = rel_target(m, &rels) else {
                continue;
            };
            let name = m.attribute("NameU").or(m.attribute("Name")).unwrap_or("");
            out.insert(
                id,
                MasterPart {
                    name: universal_name(name),
                    part,
                },
            );
        }
        Ok(out)
    }

    /// The target of `from`'s relationship of type ending `kind`, else
    /// `fallback`.
    fn related(&mut self, from: &str, kind: &str, fallback: &str) -> Result<String, VisioError> {
        let rels = self.rels(from)?;
        Ok(rels
            .values()
            .find(|(k, _)| k.ends_with(kind))
            .map_or_else(|| fallback.to_owned(), |(_, t)| t.clone()))
    }
}

/// `Process.12` → `Process`: Visio numbers copies of a master.
pub fn universal_name(name: &str) -> String {
    let name = name.trim();
    match name.rsplit_once('.') {
        Some((base, n)) if !base.is_empty() && n.chars().all(|c| c.is_ascii_digit()) => {
            base.to_owned()
        }
        _ => name.to_owned(),
    }
}

/// The part a `<Rel r:id>` child of `node` points at.
fn rel_target(node: Node, rels: &BTreeMap<String, (String, String)>) -> Option<String> {
    let rel = node.children().find(|c| c.has_tag_name("Rel"))?;
    let id = rel.attribute((NS_R, "id")).or(rel.attribute("id"))?;
    rels.get(id).map(|(_, t)| t.clone())
}

/// A relationship's target, relative to the folder `dir` of its source,
/// as a part name.
fn resolve(dir: &str, target: &str) -> String {
    let mut parts: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        dir.split('/').filter(|p| !p.is_empty()).collect()
    };
    for piece in target.split('/') {
        match piece {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// The most XML nodes a part may hold: a page of the most shapes a page
/// may have needs far fewer.
const MAX_NODES: u32 = 4_000_000;

/// Parses a part's XML (no DTD: a package never needs one).
pub fn parse<'t>(text: &'t str, part: &str) -> Result<Document<'t>, VisioError> {
    let options = roxmltree::ParsingOptions {
        nodes_limit: MAX_NODES,
        ..roxmltree::ParsingOptions::default()
    };
    Document::parse_with_options(text, options)
        .map_err(|e| VisioError::Xml(part.to_owned(), crate::interop::xml::XmlError::of(&e)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_against_their_source_folder() {
        assert_eq!(resolve("visio", "pages/pages.xml"), "visio/pages/pages.xml");
        assert_eq!(
            resolve("visio/pages", "../masters/master1.xml"),
            "visio/masters/master1.xml"
        );
        assert_eq!(resolve("", "/visio/document.xml"), "visio/document.xml");
        assert_eq!(universal_name("Process.12"), "Process");
        assert_eq!(universal_name("Start/End"), "Start/End");
        assert_eq!(
            universal_name("Swimlane (vertical).57"),
            "Swimlane (vertical)"
        );
    }
}
