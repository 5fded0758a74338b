//! GitHub Actions workflow commands: one `::error …::message` line per
//! diagnostic, which GitHub shows as an annotation on the file and line.

use crate::{Diagnostic, Position, Severity, SourceLookup};
use std::fmt::Write as _;

/// A workflow command for `diag`:
/// `::error file=F,line=L,col=C,endLine=L,endColumn=C,title=T::message`.
///
/// `title` is shown as the annotation's heading (the CLI passes
/// `CODE name`). The file is the diagnostic's as given, so callers that want
/// paths relative to the repository rewrite [`Diagnostic::file`] first.
/// Info findings become `::notice`. The help, when there is one, follows
/// the message on a line of its own. Values are escaped as GitHub's
/// toolkit escapes them, so no message can end the command early.
pub fn render_github(diag: &Diagnostic, sources: &dyn SourceLookup, title: &str) -> String {
    let command = match diag.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let mut properties: Vec<(&str, String)> = Vec::new();
    match Position::of_primary(diag, sources) {
        Some(p) => {
            properties.push(("file", p.file));
            properties.push(("line", p.line.to_string()));
            properties.push(("col", p.column.to_string()));
            properties.push(("endLine", p.end_line.to_string()));
            properties.push(("endColumn", p.end_column.to_string()));
        }
        None => {
            if let Some(file) = &diag.file {
                properties.push(("file", file.clone()));
            }
        }
    }
    properties.push(("title", title.to_string()));
    let mut out = format!("::{command}");
    for (i, (key, value)) in properties.iter().enumerate() {
        let sep = if i == 0 { ' ' } else { ',' };
        let _ = write!(out, "{sep}{key}={}", escape_property(value));
    }
    let mut message = diag.message.clone();
    if let Some(help) = &diag.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let _ = write!(out, "::{}", escape_data(&message));
    out
}

/// Escapes a workflow command's message: `%`, `\r` and `\n`; other
/// control characters (an ANSI escape, which GitHub's log viewer obeys)
/// become visible stand-ins ([`crate::printable`]).
pub fn escape_data(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => push_shown(&mut out, c),
        }
    }
    out
}

/// Pushes `c`, or its stand-in when it is a control character.
fn push_shown(out: &mut String, c: char) {
    let mut buf = [0u8; 4];
    out.push_str(&crate::printable(c.encode_utf8(&mut buf)));
}

/// Escapes a workflow command's property value: as [`escape_data`], plus
/// `:` and `,`, which would otherwise end the value.
pub fn escape_property(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            ':' => out.push_str("%3A"),
            ',' => out.push_str("%2C"),
            c => push_shown(&mut out, c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Span;
    use std::collections::HashMap;

    #[test]
    fn an_error_with_its_range_title_and_escaped_message() {
        let sources = HashMap::from([(
            "_news/a, b.md".to_string(),
            "---\ntitle: x\ntitle: y\n---\n".to_string(),
        )]);
        let d = Diagnostic::new("FM004", Severity::Error, "100% wrong:\nreally")
            .in_file("_news/a, b.md")
            .with_primary(Span::new(13, 18), "")
            .with_help("keep one");
        assert_eq!(
            render_github(&d, &sources, "FM004 duplicate-key"),
            "::error file=_news/a%2C b.md,line=3,col=1,endLine=3,endColumn=6,\
             title=FM004 duplicate-key::100%25 wrong:%0Areally%0Ahelp: keep one"
        );
    }

    #[test]
    fn info_is_a_notice_and_a_file_without_text_has_no_line() {
        let sources: HashMap<String, String> = HashMap::new();
        let d = Diagnostic::new("DT003", Severity::Info, "later").in_file("a.md");
        assert_eq!(
            render_github(&d, &sources, "DT003 future-document"),
            "::notice file=a.md,title=DT003 future-document::later"
        );
    }

    #[test]
    fn property_escaping_covers_colon_comma_percent_and_newlines() {
        assert_eq!(escape_property("a:b,c%d\r\n"), "a%3Ab%2Cc%25d%0D%0A");
        assert_eq!(escape_data("a:b,c%d\r\n"), "a:b,c%25d%0D%0A");
    }
}
