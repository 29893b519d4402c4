//! A Visio file that could not be read, worded.

use super::{S, fill, tr};
use crate::interop::visio::VisioError;
use crate::lang::Lang;

impl VisioError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            VisioError::Binary => tr(lang, S::ErrVisioBinary).to_owned(),
            VisioError::NotAPackage(error) => {
                fill(lang, S::ErrVisioNotPackage, &[("error", error)])
            }
            VisioError::TooManyParts(n) => fill(lang, S::ErrVisioTooManyParts, &[("n", n)]),
            VisioError::BrokenPart(part, error) => fill(
                lang,
                S::ErrVisioBrokenPart,
                &[("part", part), ("error", error)],
            ),
            VisioError::PartTooLarge(part) => {
                fill(lang, S::ErrVisioPartTooLarge, &[("part", part)])
            }
            VisioError::PackageTooLarge => tr(lang, S::ErrVisioTooLarge).to_owned(),
            VisioError::MissingPart(part) => fill(lang, S::ErrVisioMissingPart, &[("part", part)]),
            VisioError::Xml(part, e) => {
                let error = super::errors::xml(lang, e);
                fill(lang, S::ErrVisioXml, &[("part", part), ("error", &error)])
            }
            VisioError::NoPages => tr(lang, S::ErrVisioNoPages).to_owned(),
            VisioError::NoSuchPage { page, pages } => fill(
                lang,
                S::ErrVisioNoSuchPage,
                &[("page", page), ("pages", pages)],
            ),
            VisioError::TooManyShapes(_) => fill(
                lang,
                S::ErrVisioTooManyShapes,
                &[("n", &crate::interop::visio::MAX_SHAPES)],
            ),
            VisioError::OverLimit(e) => e.message(lang),
        }
    }
}
