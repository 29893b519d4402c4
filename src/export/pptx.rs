//! The deck as a PowerPoint file: the OOXML package (content types,
//! relationships, presentation, one master, one blank layout, a theme
//! naming the CJK font, one part per slide) zipped. The slides themselves
//! are in `pptx_slide`.

use super::deck::PageSize;
use super::pptx_slide::{PPTX_FONT, SlideTable, emu, slide_xml, xml_text};
use crate::layout::Scene;
use std::fmt::Write as _;
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;

const NS: &str = concat!(
    r#"xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" "#,
    r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" "#,
    r#"xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main""#
);
const DECL: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const EMPTY_TREE: &str = r#"<p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/></p:spTree>"#;

/// Why a PowerPoint file could not be written.
#[derive(Debug)]
pub struct PptxError(pub String);

/// A deck of `pages` (each a scene and the native table it holds) of
/// `size`, titled `title`, as the bytes of a .pptx file.
pub fn deck_pptx(
    pages: &[(Scene, Option<SlideTable>)],
    size: PageSize,
    title: &str,
) -> Result<Vec<u8>, PptxError> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut put = |name: &str, text: &str| -> Result<(), PptxError> {
        zip.start_file(name, options)
            .map_err(|e| PptxError(format!("{name}: {e}")))?;
        zip.write_all(text.as_bytes())
            .map_err(|e| PptxError(format!("{name}: {e}")))
    };
    let n = pages.len();
    put("[Content_Types].xml", &content_types(n))?;
    put("_rels/.rels", &package_rels())?;
    put("docProps/core.xml", &core(title))?;
    put("docProps/app.xml", &app(n))?;
    put("ppt/presentation.xml", &presentation(n, size))?;
    put("ppt/_rels/presentation.xml.rels", &presentation_rels(n))?;
    put("ppt/slideMasters/slideMaster1.xml", &master())?;
    put(
        "ppt/slideMasters/_rels/slideMaster1.xml.rels",
        &rels(&[
            ("slideLayout", "../slideLayouts/slideLayout1.xml"),
            ("theme", "../theme/theme1.xml"),
        ]),
    )?;
    put("ppt/slideLayouts/slideLayout1.xml", &layout())?;
    put(
        "ppt/slideLayouts/_rels/slideLayout1.xml.rels",
        &rels(&[("slideMaster", "../slideMasters/slideMaster1.xml")]),
    )?;
    put("ppt/theme/theme1.xml", &theme())?;
    let slide_rels = rels(&[("slideLayout", "../slideLayouts/slideLayout1.xml")]);
    for (i, (scene, table)) in pages.iter().enumerate() {
        let tables: Vec<SlideTable> = table.iter().cloned().collect();
        put(
            &format!("ppt/slides/slide{}.xml", i + 1),
            &slide_xml(scene, &tables),
        )?;
        put(
            &format!("ppt/slides/_rels/slide{}.xml.rels", i + 1),
            &slide_rels,
        )?;
    }
    let cursor = zip.finish().map_err(|e| PptxError(e.to_string()))?;
    Ok(cursor.into_inner())
}

fn content_types(slides: usize) -> String {
    let mut s = format!(
        r#"{DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>"#
    );
    let part = |s: &mut String, name: &str, kind: &str| {
        let _ = write!(
            s,
            r#"<Override PartName="{name}" ContentType="application/vnd.openxmlformats-{kind}"/>"#
        );
    };
    part(
        &mut s,
        "/ppt/presentation.xml",
        "officedocument.presentationml.presentation.main+xml",
    );
    part(
        &mut s,
        "/ppt/slideMasters/slideMaster1.xml",
        "officedocument.presentationml.slideMaster+xml",
    );
    part(
        &mut s,
        "/ppt/slideLayouts/slideLayout1.xml",
        "officedocument.presentationml.slideLayout+xml",
    );
    part(&mut s, "/ppt/theme/theme1.xml", "officedocument.theme+xml");
    part(&mut s, "/docProps/core.xml", "package.core-properties+xml");
    part(
        &mut s,
        "/docProps/app.xml",
        "officedocument.extended-properties+xml",
    );
    for i in 1..=slides {
        part(
            &mut s,
            &format!("/ppt/slides/slide{i}.xml"),
            "officedocument.presentationml.slide+xml",
        );
    }
    s.push_str("</Types>");
    s
}

/// A relationships part: `rId1`, `rId2` … to each (type, target).
fn rels(targets: &[(&str, &str)]) -> String {
    let mut s = format!(
        r#"{DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
    );
    for (i, (kind, target)) in targets.iter().enumerate() {
        let _ = write!(
            s,
            r#"<Relationship Id="rId{}" Type="{REL}/{kind}" Target="{target}"/>"#,
            i + 1
        );
    }
    s.push_str("</Relationships>");
    s
}

fn package_rels() -> String {
    format!(
        r#"{DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="ppt/presentation.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="{REL}/extended-properties" Target="docProps/app.xml"/></Relationships>"#
    )
}

fn core(title: &str) -> String {
    format!(
        r#"{DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{}</dc:title><dc:creator>Flowcase</dc:creator></cp:coreProperties>"#,
        xml_text(title)
    )
}

fn app(slides: usize) -> String {
    format!(
        r#"{DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Flowcase</Application><Slides>{slides}</Slides></Properties>"#
    )
}

fn presentation(slides: usize, size: PageSize) -> String {
    let (w, h) = size.points();
    let mut s = format!(
        r#"{DECL}<p:presentation {NS} saveSubsetFonts="1"><p:sldMasterIdLst><p:sldMasterId id="2147483648" r:id="rId1"/></p:sldMasterIdLst><p:sldIdLst>"#
    );
    for i in 0..slides {
        let _ = write!(s, r#"<p:sldId id="{}" r:id="rId{}"/>"#, 256 + i, i + 3);
    }
    let _ = write!(
        s,
        r#"</p:sldIdLst><p:sldSz cx="{}" cy="{}"/><p:notesSz cx="6858000" cy="9144000"/></p:presentation>"#,
        emu(w),
        emu(h)
    );
    s
}

fn presentation_rels(slides: usize) -> String {
    let names: Vec<String> = (1..=slides)
        .map(|i| format!("slides/slide{i}.xml"))
        .collect();
    let mut targets = vec![
        ("slideMaster", "slideMasters/slideMaster1.xml"),
        ("theme", "theme/theme1.xml"),
    ];
    targets.extend(names.iter().map(|n| ("slide", n.as_str())));
    rels(&targets)
}

fn master() -> String {
    format!(
        r#"{DECL}<p:sldMaster {NS}><p:cSld><p:bg><p:bgRef idx="1001"><a:schemeClr val="bg1"/></p:bgRef></p:bg>{EMPTY_TREE}</p:cSld><p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"/><p:sldLayoutIdLst><p:sldLayoutId id="2147483649" r:id="rId1"/></p:sldLayoutIdLst><p:txStyles><p:titleStyle/><p:bodyStyle/><p:otherStyle/></p:txStyles></p:sldMaster>"#
    )
}

fn layout() -> String {
    format!(
        r#"{DECL}<p:sldLayout {NS} type="blank" preserve="1"><p:cSld name="Blank">{EMPTY_TREE}</p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>"#
    )
}

/// The theme: the house colours and the CJK font for headings and body.
fn theme() -> String {
    let colours = [
        ("dk1", "1F2937"),
        ("lt1", "FFFFFF"),
        ("dk2", "1E4E8C"),
        ("lt2", "DBE5F3"),
        ("accent1", "1E4E8C"),
        ("accent2", "C2410C"),
        ("accent3", "3B7A57"),
        ("accent4", "B0A060"),
        ("accent5", "6B7F99"),
        ("accent6", "A8B8CF"),
        ("hlink", "1E4E8C"),
        ("folHlink", "6B7F99"),
    ];
    let mut scheme = String::new();
    for (name, hex) in colours {
        let _ = write!(scheme, r#"<a:{name}><a:srgbClr val="{hex}"/></a:{name}>"#);
    }
    let font = format!(
        r#"<a:latin typeface="{PPTX_FONT}"/><a:ea typeface="{PPTX_FONT}"/><a:cs typeface="{PPTX_FONT}"/>"#
    );
    let fill = r#"<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>"#;
    let line = r#"<a:ln w="9525"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln>"#;
    format!(
        r#"{DECL}<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Flowcase"><a:themeElements><a:clrScheme name="Flowcase">{scheme}</a:clrScheme><a:fontScheme name="Flowcase"><a:majorFont>{font}</a:majorFont><a:minorFont>{font}</a:minorFont></a:fontScheme><a:fmtScheme name="Flowcase"><a:fillStyleLst>{fill}{fill}{fill}</a:fillStyleLst><a:lnStyleLst>{line}{line}{line}</a:lnStyleLst><a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst><a:bgFillStyleLst>{fill}{fill}{fill}</a:bgFillStyleLst></a:fmtScheme></a:themeElements></a:theme>"#
    )
}
