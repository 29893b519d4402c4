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
