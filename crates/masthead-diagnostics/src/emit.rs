//! Plain-text renderings of a diagnostic. No colour: callers that want it
//! wrap these; snapshot tests compare them as they are.

use crate::{Diagnostic, Label, LineIndex, SourceLookup};
use std::fmt::Write as _;

/// `file:line:col: severity[code]: message`, one line, the format editors and
/// CI log parsers understand.
pub fn render_concise(diag: &Diagnostic, sources: &dyn SourceLookup) -> String {
    let location = location(diag, diag.primary.as_ref(), sources);
    format!(
        "{location}: {}[{}]: {}",
        diag.severity, diag.code, diag.message
    )
}

fn location(diag: &Diagnostic, label: Option<&Label>, sources: &dyn SourceLookup) -> String {
    let file = label
        .and_then(|l| l.file.as_deref())
        .or(diag.file.as_deref())
        .unwrap_or("<unknown>");
    match (label, sources.source(file)) {
        (Some(label), Some(text)) => {
            let (line, col) = LineIndex::new(text).line_col(text, label.span.start);
            format!("{file}:{line}:{col}")
        }
        _ => file.to_string(),
    }
}

/// A rustc-style report: header, location arrow, the source line with a caret
/// underline for the primary span and each label, then help and notes.
pub fn render_human(diag: &Diagnostic, sources: &dyn SourceLookup) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}[{}]: {}", diag.severity, diag.code, diag.message);
    let mut labels: Vec<(&Label, bool)> = Vec::new();
    if let Some(p) = &diag.primary {
        labels.push((p, true));
    }
    labels.extend(diag.labels.iter().map(|l| (l, false)));
    if let (true, Some(file)) = (labels.is_empty(), &diag.file) {
        let _ = writeln!(out, "  --> {file}");
    }
    for (label, primary) in labels {
        let _ = writeln!(out, "  --> {}", location(diag, Some(label), sources));
        let file = label.file.as_deref().or(diag.file.as_deref());
        let Some(text) = file.and_then(|f| sources.source(f)) else {
            let _ = writeln!(out, "   = {}", label.message);
            continue;
        };
        let index = LineIndex::new(text);
        let (line, col) = index.line_col(text, label.span.start);
        let (end_line, end_col) = index.line_col(text, label.span.end);
        let line_text = index.line_text(text, line - 1);
        let width = line.to_string().len();
        let marker = if primary { '^' } else { '-' };
        let underline_len = if end_line == line {
            end_col.saturating_sub(col).max(1)
        } else {
            line_text.chars().count().saturating_sub(col - 1).max(1)
        };
        let _ = writeln!(out, "{:width$} |", "");
        let _ = writeln!(out, "{line} | {}", line_text.replace('\t', " "));
        let _ = writeln!(
            out,
            "{:width$} | {}{} {}",
            "",
            " ".repeat(col - 1),
            marker.to_string().repeat(underline_len),
            label.message
        );
    }
    if let Some(help) = &diag.help {
        let _ = writeln!(out, "   = help: {help}");
    }
    for note in &diag.notes {
        let _ = writeln!(out, "   = note: {note}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Severity, Span};
    use std::collections::HashMap;

    fn sources() -> HashMap<String, String> {
        HashMap::from([(
            "_news/a.md".to_string(),
            "---\ntitle: x\ntitle: y\n---\n".to_string(),
        )])
    }

    #[test]
    fn concise_names_file_line_and_column() {
        let d = Diagnostic::new("FM004", Severity::Warning, "duplicate key `title`")
            .in_file("_news/a.md")
            .with_primary(Span::new(13, 18), "this value wins");
        assert_eq!(
            render_concise(&d, &sources()),
            "_news/a.md:3:1: warning[FM004]: duplicate key `title`"
        );
    }

    #[test]
    fn human_underlines_primary_and_labels() {
        let d = Diagnostic::new("FM004", Severity::Warning, "duplicate key `title`")
            .in_file("_news/a.md")
            .with_primary(Span::new(13, 18), "this value wins")
            .with_label(Span::new(4, 9), "first written here")
            .with_help("remove one of them");
        let expected = "\
warning[FM004]: duplicate key `title`
  --> _news/a.md:3:1
  |
3 | title: y
  | ^^^^^ this value wins
  --> _news/a.md:2:1
  |
2 | title: x
  | ----- first written here
   = help: remove one of them
";
        assert_eq!(render_human(&d, &sources()), expected);
    }
}
