//! A process as a `.vsdx` package: content types, relationships, the
//! document (one style, the font), one page drawn from Flowcase's own chart
//! layout, and our own masters — one per kind of shape used, named as
//! Visio's flowchart and cross-functional stencils name theirs, so that
//! Visio users recognise them and an import tells them apart. Nothing is
//! copied from Microsoft's stencils.

use super::sheet_xml::MasterKind;
use super::write_shapes::page_xml;
use crate::model::{Numbering, Process};
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;

const DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
const NS: &str = "http://schemas.microsoft.com/office/visio/2012/main";
const NS_R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PACKAGE_RELS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const VISIO_REL: &str = "http://schemas.microsoft.com/visio/2010/relationships";

/// The `.vsdx` bytes of `process`; `lang` names the Shape Data rows.
pub fn process_vsdx(
    process: &Process,
    numbering: &Numbering,
    lang: crate::lang::Lang,
) -> Result<Vec<u8>, String> {
    let page = page_xml(process, numbering, lang);
    let masters: Vec<MasterKind> = page.masters.clone();
    let mut parts: Vec<(String, String)> = vec![
        ("[Content_Types].xml".into(), content_types(masters.len())),
        (
            "_rels/.rels".into(),
            rels(&[("rId1", "document", "visio/document.xml")]),
        ),
        ("visio/document.xml".into(), document()),
        (
            "visio/_rels/document.xml.rels".into(),
            rels(&[
                ("rId1", "pages", "pages/pages.xml"),
                ("rId2", "masters", "masters/masters.xml"),
            ]),
        ),
        (
            "visio/pages/pages.xml".into(),
            pages(&page.name, page.width, page.height),
        ),
        (
            "visio/pages/_rels/pages.xml.rels".into(),
            rels(&[("rId1", "page", "page1.xml")]),
        ),
        ("visio/pages/page1.xml".into(), page.xml),
        ("visio/masters/masters.xml".into(), masters_xml(&masters)),
    ];
    let master_rels: Vec<(String, String)> = (1..=masters.len())
        .map(|n| (format!("rId{n}"), format!("master{n}.xml")))
        .collect();
    let refs: Vec<(&str, &str, &str)> = master_rels
        .iter()
        .map(|(id, target)| (id.as_str(), "master", target.as_str()))
        .collect();
    parts.push(("visio/masters/_rels/masters.xml.rels".into(), rels(&refs)));
    for (n, kind) in masters.iter().enumerate() {
        parts.push((
            format!("visio/masters/master{}.xml", n + 1),
            kind.master_xml(),
        ));
    }
    zip_parts(&parts).map_err(|e| e.to_string())
}

fn zip_parts(parts: &[(String, String)]) -> Result<Vec<u8>, zip::result::ZipError> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for (name, text) in parts {
        zip.start_file(name.as_str(), options)?;
        zip.write_all(text.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}

fn content_types(masters: usize) -> String {
    let mut out = format!(
        "{DECL}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
         <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
         <Override PartName=\"/visio/document.xml\" ContentType=\"application/vnd.ms-visio.drawing.main+xml\"/>\
         <Override PartName=\"/visio/pages/pages.xml\" ContentType=\"application/vnd.ms-visio.pages+xml\"/>\
         <Override PartName=\"/visio/pages/page1.xml\" ContentType=\"application/vnd.ms-visio.page+xml\"/>\
         <Override PartName=\"/visio/masters/masters.xml\" ContentType=\"application/vnd.ms-visio.masters+xml\"/>"
    );
    for n in 1..=masters {
        out.push_str(&format!(
            "<Override PartName=\"/visio/masters/master{n}.xml\" ContentType=\"application/vnd.ms-visio.master+xml\"/>"
        ));
    }
    out.push_str("</Types>");
    out
}

/// A relationships part: (id, Visio relationship kind, target).
fn rels(items: &[(&str, &str, &str)]) -> String {
    let mut out = format!("{DECL}<Relationships xmlns=\"{PACKAGE_RELS}\">");
    for (id, kind, target) in items {
        out.push_str(&format!(
            "<Relationship Id=\"{id}\" Type=\"{VISIO_REL}/{kind}\" Target=\"{target}\"/>"
        ));
    }
    out.push_str("</Relationships>");
    out
}

/// The document: its settings, the font and one style every shape uses.
fn document() -> String {
    let font = crate::export::PPTX_FONT;
    format!(
        "{DECL}<VisioDocument xmlns=\"{NS}\" xmlns:r=\"{NS_R}\" xml:space=\"preserve\">\
         <DocumentSettings TopPage=\"0\" DefaultTextStyle=\"0\" DefaultLineStyle=\"0\" DefaultFillStyle=\"0\" DefaultGuideStyle=\"0\"/>\
         <Colors><ColorEntry IX=\"0\" RGB=\"#000000\"/><ColorEntry IX=\"1\" RGB=\"#FFFFFF\"/></Colors>\
         <FaceNames><FaceName NameU=\"{font}\"/></FaceNames>\
         <StyleSheets><StyleSheet ID=\"0\" NameU=\"No Style\" Name=\"No Style\">\
         <Cell N=\"LineWeight\" V=\"0.01041666666666667\"/><Cell N=\"LineColor\" V=\"0\"/><Cell N=\"LinePattern\" V=\"1\"/>\
         <Cell N=\"FillForegnd\" V=\"1\"/><Cell N=\"FillBkgnd\" V=\"0\"/><Cell N=\"FillPattern\" V=\"1\"/>\
         <Cell N=\"LeftMargin\" V=\"0.05555555555555555\"/><Cell N=\"RightMargin\" V=\"0.05555555555555555\"/>\
         <Cell N=\"TopMargin\" V=\"0.05555555555555555\"/><Cell N=\"BottomMargin\" V=\"0.05555555555555555\"/>\
         <Cell N=\"VerticalAlign\" V=\"1\"/>\
         <Section N=\"Character\"><Row IX=\"0\"><Cell N=\"Font\" V=\"{font}\"/><Cell N=\"Color\" V=\"0\"/>\
         <Cell N=\"Size\" V=\"0.125\" U=\"PT\"/></Row></Section>\
         <Section N=\"Paragraph\"><Row IX=\"0\"><Cell N=\"HorzAlign\" V=\"1\"/></Row></Section>\
         </StyleSheet></StyleSheets></VisioDocument>"
    )
}

fn pages(name: &str, width: f64, height: f64) -> String {
    let name = super::sheet_xml::attr(name);
    format!(
        "{DECL}<Pages xmlns=\"{NS}\" xmlns:r=\"{NS_R}\" xml:space=\"preserve\">\
         <Page ID=\"0\" NameU=\"{name}\" Name=\"{name}\"><PageSheet LineStyle=\"0\" FillStyle=\"0\" TextStyle=\"0\">\
         <Cell N=\"PageWidth\" V=\"{width}\"/><Cell N=\"PageHeight\" V=\"{height}\"/>\
         <Cell N=\"PageScale\" V=\"1\" U=\"IN_F\"/><Cell N=\"DrawingScale\" V=\"1\" U=\"IN_F\"/>\
         <Cell N=\"DrawingSizeType\" V=\"0\"/><Cell N=\"DrawingScaleType\" V=\"0\"/>\
         </PageSheet><Rel r:id=\"rId1\"/></Page></Pages>"
    )
}

fn masters_xml(masters: &[MasterKind]) -> String {
    let mut out =
        format!("{DECL}<Masters xmlns=\"{NS}\" xmlns:r=\"{NS_R}\" xml:space=\"preserve\">");
    for (n, kind) in masters.iter().enumerate() {
        let name = kind.name();
        out.push_str(&format!(
            "<Master ID=\"{}\" NameU=\"{name}\" Name=\"{name}\" IconSize=\"1\" PatternFlags=\"0\" Prompt=\"\" Hidden=\"0\" MatchByName=\"0\">\
             <Rel r:id=\"rId{}\"/></Master>",
            n + 1,
            n + 1
        ));
    }
    out.push_str("</Masters>");
    out
}

/// The namespaces every part's root declares.
pub(super) fn root_open(tag: &str) -> String {
    format!("{DECL}<{tag} xmlns=\"{NS}\" xmlns:r=\"{NS_R}\" xml:space=\"preserve\">")
}
