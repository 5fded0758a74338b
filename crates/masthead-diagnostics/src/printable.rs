//! Content shown in a terminal or a log is made harmless first: a
//! diagnostic quotes file names, values and source lines from files anyone
//! can send in a pull request, and a control character in them (an ANSI
//! escape, a carriage return, a NUL) would be acted on by the terminal or
//! the log viewer instead of shown: recolouring, erasing or faking lines.

use std::borrow::Cow;

/// `text` with every control character replaced by a visible stand-in:
/// C0 controls by their Unicode control pictures (`␀`, `␛`, `␍`, `␊`…),
/// DEL by `␡`, C1 controls and the bidirectional overrides that can hide
/// text ("Trojan Source") by `�`. Tabs stay. Every stand-in is one
/// character wide, so carets under a source line still line up.
///
/// ```
/// use masthead_diagnostics::printable;
/// assert_eq!(printable("a\x1b[31mb\r\nc"), "a␛[31mb␍␊c");
/// assert_eq!(printable("plain text"), "plain text");
/// ```
pub fn printable(text: &str) -> Cow<'_, str> {
    stand_in(text, false)
}

/// [`printable`], keeping line breaks: for the parts of a multi-line
/// report (help, notes) whose lines are the report's own.
pub fn printable_lines(text: &str) -> Cow<'_, str> {
    stand_in(text, true)
}

fn stand_in(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    let needs = |c: char| {
        (c.is_control() && c != '\t' && !(keep_newlines && c == '\n')) || is_bidi_control(c)
    };
    if !text.chars().any(needs) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| {
                if !needs(c) {
                    c
                } else if (c as u32) < 0x20 {
                    // U+2400 CONTROL PICTURE FOR NULL and the 31 after it.
                    char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}')
                } else if c == '\u{7f}' {
                    '\u{2421}'
                } else {
                    '\u{FFFD}'
                }
            })
            .collect(),
    )
}

/// The Unicode characters that reorder text as displayed: embeddings,
/// overrides and isolates.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_control_character_becomes_one_visible_character() {
        for c in (0u32..0x20).chain(0x7f..0xa0).filter_map(char::from_u32) {
            if c == '\t' {
                continue;
            }
            let shown = printable(&c.to_string()).into_owned();
            assert_eq!(shown.chars().count(), 1, "{c:?}");
            assert!(!shown.chars().any(char::is_control), "{c:?} -> {shown:?}");
        }
        assert_eq!(printable("\u{202E}evil"), "\u{FFFD}evil");
        assert_eq!(printable("tab\there"), "tab\there");
        assert_eq!(printable_lines("a\nb\x1b"), "a\nb␛");
    }

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(printable("Café – “quoted”"), Cow::Borrowed(_)));
    }
}
