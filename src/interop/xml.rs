//! Text made safe for every XML-based file Flowcase writes (SVG, BPMN,
//! XLSX, PPTX): escaped, and the characters XML 1.0 cannot hold replaced.

/// Escapes text for XML content and attributes, as one line (line breaks
/// become spaces).
pub fn escape(text: &str) -> String {
    escape_lines(text, false)
}

/// Escapes text for XML; line breaks kept when `keep_breaks`, else spaces.
pub fn escape_lines(text: &str, keep_breaks: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' | '\r' if !keep_breaks => out.push(' '),
            c => out.push(xml_char(c)),
        }
    }
    out
}

/// A character XML 1.0 can hold: control characters other than tab and
/// line breaks become a space and the non-characters U+FFFE and U+FFFF
/// become U+FFFD, as every XML-based file (SVG, XLSX, PPTX, BPMN) needs.
pub fn xml_char(c: char) -> char {
    match c {
        '\t' | '\n' | '\r' => c,
        c if (c as u32) < 0x20 => ' ',
        '\u{FFFE}' | '\u{FFFF}' => '\u{FFFD}',
        c => c,
    }
}

/// `text` with every character XML 1.0 cannot hold replaced (see
/// `xml_char`); borrowed when nothing needed replacing.
pub fn xml_safe(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().all(|c| xml_char(c) == c) {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(text.chars().map(xml_char).collect())
    }
}

/// What is wrong where an XML file stops parsing, as the user can be
/// told it (the parser's own words are English).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum XmlProblem {
    /// The file ends before its elements are closed (or has none).
    EndsEarly,
    /// A closing tag that does not close the element open there.
    CloseTagMismatch { open: String, close: String },
    /// A namespace prefix undeclared, declared twice or misused.
    Namespace,
    /// An entity reference unknown, malformed or looping.
    Entity,
    /// An attribute's value is malformed.
    Attribute,
    /// An attribute given twice.
    DuplicateAttribute(String),
    /// A document type declaration where none is allowed.
    Dtd,
    /// More elements, attributes or namespaces than are read.
    TooLarge,
    /// A character or name XML does not allow there.
    Character,
    /// Any other breach of XML's syntax.
    Syntax,
}

/// Where an XML file stops parsing, and what is wrong there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct XmlError {
    pub line: u32,
    pub column: u32,
    pub problem: XmlProblem,
}

impl XmlError {
    /// The error roxmltree gave, as data.
    pub fn of(e: &roxmltree::Error) -> XmlError {
        use roxmltree::Error as E;
        let problem = match e {
            E::NoRootNode | E::UnclosedRootNode => XmlProblem::EndsEarly,
            E::UnexpectedCloseTag(open, close, _) => XmlProblem::CloseTagMismatch {
                open: open.clone(),
                close: close.clone(),
            },
            E::InvalidXmlPrefixUri(_)
            | E::UnexpectedXmlUri(_)
            | E::UnexpectedXmlnsUri(_)
            | E::InvalidElementNamePrefix(_)
            | E::DuplicatedNamespace(..)
            | E::UnknownNamespace(..) => XmlProblem::Namespace,
            E::UnexpectedEntityCloseTag(_)
            | E::UnknownEntityReference(..)
            | E::MalformedEntityReference(_)
            | E::EntityReferenceLoop(_)
            | E::EntityResolver(..) => XmlProblem::Entity,
            E::InvalidAttributeValue(_) => XmlProblem::Attribute,
            E::DuplicatedAttribute(name, _) => XmlProblem::DuplicateAttribute(name.clone()),
            E::DtdDetected => XmlProblem::Dtd,
            E::NodesLimitReached | E::AttributesLimitReached | E::NamespacesLimitReached => {
                XmlProblem::TooLarge
            }
            E::InvalidName(_)
            | E::NonXmlChar(..)
            | E::InvalidChar(..)
            | E::InvalidChar2(..)
            | E::InvalidString(..) => XmlProblem::Character,
            _ => XmlProblem::Syntax,
        };
        let pos = e.pos();
        XmlError {
            line: pos.row,
            column: pos.col,
            problem,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_characters_xml_cannot_hold_are_replaced() {
        assert_eq!(escape("A&B <是>"), "A&amp;B &lt;是&gt;");
        assert_eq!(
            escape("a\u{1}b\u{FFFE}c\u{FFFF}\td"),
            "a b\u{FFFD}c\u{FFFD}\td"
        );
        assert_eq!(escape_lines("一\n二", true), "一\n二");
        assert_eq!(escape("一\n二"), "一 二");
    }
}
