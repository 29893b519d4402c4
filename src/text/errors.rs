//! The errors of reading other tools' files, exporting and recovery, worded
//! in either language; in English also as their `Display` (for logs and
//! `?` in tests), never as the interface's words.

use super::{S, fill, tr};
use crate::export::{Content, ExportError, FileType, PptxError, RenderError, TooManyPages};
use crate::import::{BpmnError, CellsError, DrawioError, ImportError, VisioError};
use crate::interop::xml::{XmlError, XmlProblem};
use crate::lang::Lang;
use crate::recovery::RecoveryError;
use std::fmt;

impl BpmnError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            BpmnError::Xml(e) => xml(lang, e),
            BpmnError::NotBpmn(root) => fill(lang, S::ErrNotBpmn, &[("root", root)]),
            BpmnError::NoProcess => tr(lang, S::ErrNoProcess).to_owned(),
            BpmnError::OverLimit(e) => e.message(lang),
        }
    }
}

impl DrawioError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            DrawioError::Xml(e) => xml(lang, e),
            DrawioError::NotDrawio(root) => fill(lang, S::ErrNotDrawio, &[("root", root)]),
            DrawioError::NoSuchPage { page, pages } => fill(
                lang,
                S::ErrNoSuchDrawioPage,
                &[("page", page), ("pages", pages)],
            ),
            DrawioError::Compressed(page, error) => fill(
                lang,
                S::ErrDrawioCompressed,
                &[("page", page), ("error", error)],
            ),
            DrawioError::PageTooLarge(page) => {
                fill(lang, S::ErrDrawioPageTooLarge, &[("page", page)])
            }
            DrawioError::OverLimit(e) => e.message(lang),
        }
    }
}

/// Malformed XML: where, and what is wrong there.
pub(super) fn xml(lang: Lang, e: &XmlError) -> String {
    let problem = match &e.problem {
        XmlProblem::EndsEarly => tr(lang, S::XmlEndsEarly).to_owned(),
        XmlProblem::CloseTagMismatch { open, close } => {
            fill(lang, S::XmlCloseTag, &[("open", open), ("close", close)])
        }
        XmlProblem::Namespace => tr(lang, S::XmlNamespace).to_owned(),
        XmlProblem::Entity => tr(lang, S::XmlEntity).to_owned(),
        XmlProblem::Attribute => tr(lang, S::XmlAttribute).to_owned(),
        XmlProblem::DuplicateAttribute(name) => {
            fill(lang, S::XmlDuplicateAttribute, &[("name", name)])
        }
        XmlProblem::Dtd => tr(lang, S::XmlDtd).to_owned(),
        XmlProblem::TooLarge => tr(lang, S::XmlTooLarge).to_owned(),
        XmlProblem::Character => tr(lang, S::XmlCharacter).to_owned(),
        XmlProblem::Syntax => tr(lang, S::XmlSyntax).to_owned(),
    };
    fill(
        lang,
        S::ErrXml,
        &[
            ("line", &e.line),
            ("column", &e.column),
            ("problem", &problem),
        ],
    )
}

impl ImportError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ImportError::Read(e) => e.message(lang),
            ImportError::Table(e) => e.message(lang),
            ImportError::File(e) => e.message(lang),
            ImportError::NotUtf8(e) => fill(lang, S::ErrNotUtf8, &[("error", e)]),
            ImportError::Bpmn(e) => e.message(lang),
            ImportError::Drawio(e) => e.message(lang),
            ImportError::Visio(e) => e.message(lang),
            ImportError::Invalid(e) => fill(lang, S::ErrImportInvalid, &[("error", e)]),
            ImportError::OverLimit(e) => e.message(lang),
            ImportError::NotLoadable(e) => e.message(lang),
            ImportError::Type(ext) => fill(lang, S::CliImportTypeOf, &[("ext", ext)]),
        }
    }
}

impl ExportError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ExportError::UnknownType(ext) => fill(lang, S::ErrExportUnknownType, &[("ext", ext)]),
            ExportError::Unsupported { file, content } => fill(
                lang,
                S::ErrExportUnsupported,
                &[
                    ("file", &tr(lang, file_kind(*file))),
                    ("content", &tr(lang, content_kind(*content))),
                ],
            ),
            ExportError::NoSuchPage { page, pages } => fill(
                lang,
                S::ErrExportNoSuchPage,
                &[("page", page), ("pages", pages)],
            ),
            ExportError::CompareWhat => tr(lang, S::ErrExportCompareWhat).to_owned(),
            ExportError::PageOfWhat => tr(lang, S::ErrExportPageOfWhat).to_owned(),
            ExportError::BadScale(scale) => fill(lang, S::ErrExportBadScale, &[("scale", scale)]),
            ExportError::Render(e) => e.message(lang),
            ExportError::TooManyPages(e) => e.message(lang),
            ExportError::Pptx(e) => e.message(lang),
            ExportError::Xlsx(e) => fill(lang, S::ErrExportXlsx, &[("error", e)]),
            ExportError::Vsdx(e) => fill(lang, S::ErrExportVsdx, &[("error", e)]),
            ExportError::LibraryType(ext) => fill(lang, S::ErrExportLibraryType, &[("ext", ext)]),
            ExportError::OverSource => tr(lang, S::ErrExportOverSource).to_owned(),
            ExportError::Write(e) => e.message(lang),
        }
    }
}

fn file_kind(file: FileType) -> S {
    match file {
        FileType::Svg => S::FileKindSvg,
        FileType::Png => S::FileKindPng,
        FileType::Pdf => S::FileKindPdf,
        FileType::Csv => S::FileKindCsv,
        FileType::Xlsx => S::FileKindXlsx,
        FileType::Pptx => S::FileKindPptx,
        FileType::Bpmn => S::FileKindBpmn,
        FileType::Vsdx => S::FileKindVsdx,
    }
}

fn content_kind(content: Content) -> S {
    match content {
        Content::Chart => S::ContentKindChart,
        Content::Table => S::ContentKindTable,
        Content::Deck => S::ContentKindDeck,
    }
}

impl RenderError {
    pub fn message(&self, lang: Lang) -> String {
        use crate::export::{MAX_PIXELS, MAX_SIDE_PX};
        match self {
            RenderError::TooLarge { width, height } => fill(
                lang,
                S::ErrRenderTooLarge,
                &[
                    ("width", width),
                    ("height", height),
                    ("side", &MAX_SIDE_PX),
                    ("pixels", &MAX_PIXELS),
                ],
            ),
            RenderError::Svg(e) => fill(lang, S::ErrRenderSvg, &[("error", e)]),
            RenderError::Png(e) => fill(lang, S::ErrRenderPng, &[("error", e)]),
            RenderError::Pdf(e) => fill(lang, S::ErrRenderPdf, &[("error", e)]),
        }
    }
}

impl TooManyPages {
    pub fn message(&self, lang: Lang) -> String {
        fill(
            lang,
            S::ErrTooManyPages,
            &[("pages", &self.pages), ("limit", &self.limit)],
        )
    }
}

impl PptxError {
    pub fn message(&self, lang: Lang) -> String {
        fill(lang, S::ErrPptx, &[("error", &self.0)])
    }
}

impl RecoveryError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            RecoveryError::Read(e) => fill(lang, S::ErrRecoveryRead, &[("error", e)]),
            RecoveryError::Damaged(e) => fill(lang, S::ErrRecoveryDamaged, &[("error", e)]),
            RecoveryError::Document(e) => {
                fill(lang, S::ErrRecoveryDocument, &[("error", &e.message(lang))])
            }
        }
    }
}

/// `Display` in English and `Error` for each error worded here.
macro_rules! displayed_in_english {
    ($($error:ty),* $(,)?) => {$(
        impl fmt::Display for $error {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.message(Lang::En))
            }
        }

        impl std::error::Error for $error {}
    )*};
}

displayed_in_english!(
    BpmnError,
    DrawioError,
    VisioError,
    CellsError,
    ImportError,
    ExportError,
    RenderError,
    TooManyPages,
    PptxError,
    RecoveryError,
);

impl From<std::io::Error> for CellsError {
    fn from(e: std::io::Error) -> Self {
        CellsError::Io(e)
    }
}

impl From<CellsError> for ImportError {
    fn from(e: CellsError) -> Self {
        ImportError::Read(e)
    }
}

impl From<BpmnError> for ImportError {
    fn from(e: BpmnError) -> Self {
        ImportError::Bpmn(e)
    }
}

impl From<DrawioError> for ImportError {
    fn from(e: DrawioError) -> Self {
        ImportError::Drawio(e)
    }
}

impl From<crate::model::limits::OverLimit> for ImportError {
    fn from(e: crate::model::limits::OverLimit) -> Self {
        ImportError::OverLimit(e)
    }
}

impl From<RenderError> for ExportError {
    fn from(e: RenderError) -> Self {
        ExportError::Render(e)
    }
}

impl From<TooManyPages> for ExportError {
    fn from(e: TooManyPages) -> Self {
        ExportError::TooManyPages(e)
    }
}

impl From<PptxError> for ExportError {
    fn from(e: PptxError) -> Self {
        ExportError::Pptx(e)
    }
}

impl From<crate::format::SaveError> for ExportError {
    fn from(e: crate::format::SaveError) -> Self {
        ExportError::Write(e)
    }
}

impl From<std::io::Error> for RecoveryError {
    fn from(e: std::io::Error) -> Self {
        RecoveryError::Read(e)
    }
}

impl From<crate::format::DecodeError> for RecoveryError {
    fn from(e: crate::format::DecodeError) -> Self {
        RecoveryError::Document(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::limits::{Limited, OverLimit, Place};

    /// An error by its name, and its wording in a language.
    type Worded = (String, Box<dyn Fn(Lang) -> String>);

    /// One of every kind of error a user can meet reading, exporting or
    /// recovering.
    fn every_error() -> Vec<Worded> {
        let over = OverLimit {
            what: Limited::Steps,
            place: Place::Process,
            found: 20_001,
            limit: 20_000,
        };
        let io = || std::io::Error::other("disk gone");
        let decode = || crate::format::decode(b"(").expect_err("not a process");
        let bpmn = vec![
            BpmnError::Xml(XmlError {
                line: 3,
                column: 7,
                problem: XmlProblem::CloseTagMismatch {
                    open: "task".into(),
                    close: "process".into(),
                },
            }),
            BpmnError::Xml(XmlError {
                line: 1,
                column: 1,
                problem: XmlProblem::EndsEarly,
            }),
            BpmnError::NotBpmn("html".into()),
            BpmnError::NoProcess,
            BpmnError::OverLimit(over.clone()),
        ];
        let drawio = vec![
            DrawioError::NotDrawio("svg".into()),
            DrawioError::NoSuchPage { page: 4, pages: 2 },
            DrawioError::Compressed(1, "bad deflate".into()),
            DrawioError::PageTooLarge(2),
        ];
        let visio = vec![
            VisioError::Binary,
            VisioError::NotAPackage("invalid Zip archive".into()),
            VisioError::TooManyParts(30_000),
            VisioError::BrokenPart("visio/pages/page1.xml".into(), "deflate".into()),
            VisioError::PartTooLarge("visio/pages/page1.xml".into()),
            VisioError::PackageTooLarge,
            VisioError::MissingPart("visio/pages/pages.xml".into()),
            VisioError::Xml(
                "visio/pages/page1.xml".into(),
                XmlError {
                    line: 2,
                    column: 9,
                    problem: XmlProblem::EndsEarly,
                },
            ),
            VisioError::NoPages,
            VisioError::NoSuchPage { page: 3, pages: 2 },
            VisioError::TooManyShapes(60_000),
            VisioError::OverLimit(over.clone()),
        ];
        let import = vec![
            ImportError::NotUtf8("byte 12".into()),
            ImportError::Invalid("a step in no lane".into()),
            ImportError::Read(CellsError::NoSheet),
            ImportError::Read(CellsError::Io(io())),
        ];
        let export = vec![
            ExportError::UnknownType(".doc".into()),
            ExportError::Unsupported {
                file: FileType::Pptx,
                content: Content::Chart,
            },
            ExportError::NoSuchPage { page: 9, pages: 3 },
            ExportError::CompareWhat,
            ExportError::PageOfWhat,
            ExportError::BadScale(12.0),
            ExportError::Xlsx("sheet name".into()),
            ExportError::Vsdx("zip".into()),
            ExportError::LibraryType(".svg".into()),
            ExportError::OverSource,
            ExportError::Render(RenderError::TooLarge {
                width: 90_000,
                height: 2_000,
            }),
            ExportError::Render(RenderError::Svg("x".into())),
            ExportError::Render(RenderError::Png("x".into())),
            ExportError::Render(RenderError::Pdf("x".into())),
            ExportError::TooManyPages(TooManyPages {
                pages: 1_200,
                limit: 1_000,
            }),
            ExportError::Pptx(PptxError("zip".into())),
        ];
        let recovery = vec![
            RecoveryError::Read(io()),
            RecoveryError::Damaged("no header".into()),
            RecoveryError::Document(decode()),
        ];
        let mut all: Vec<Worded> = Vec::new();
        for e in bpmn {
            all.push((format!("{e:?}"), Box::new(move |l| e.message(l))));
        }
        for e in drawio {
            all.push((format!("{e:?}"), Box::new(move |l| e.message(l))));
        }
        use crate::model::scheme::CustomError;
        let schemes = vec![
            CustomError::UnknownLetter('X'),
            CustomError::TwiceLetter('A'),
            CustomError::BadLike('R'),
            CustomError::NoExecutor,
            CustomError::BadWords,
            CustomError::BadThresholds,
            CustomError::TooMany,
            CustomError::AtMostNone,
        ];
        for e in schemes {
            all.push((format!("{e:?}"), Box::new(move |l| e.message(l))));
        }
        for e in visio {
            all.push((format!("{e:?}"), Box::new(move |l| e.message(l))));
        }
        for e in import {
            all.push((format!("{e:?}"), Box::new(move |l| e.message(l))));
        }
        for e in export {
            all.push((format!("{e:?}"), Box::new(move |l| e.message(l))));
        }
        for e in recovery {
            all.push((format!("{e:?}"), Box::new(move |l| e.message(l))));
        }
        all
    }

    #[test]
    fn every_error_reads_in_chinese_and_in_english_with_every_slot_filled() {
        let has_han = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        for (name, message) in every_error() {
            let (zh, en) = (message(Lang::Zh), message(Lang::En));
            assert!(has_han(&zh), "{name} in Chinese: {zh}");
            assert!(!has_han(&en) || en.contains("“"), "{name} in English: {en}");
            for text in [&zh, &en] {
                assert!(!text.contains('{'), "{name}: a slot left empty: {text}");
            }
            assert_ne!(zh, en, "{name}");
        }
    }
}
