//! Where a label is, as the 1-based lines and columns that machine formats
//! (JSON, GitHub annotations, SARIF) print.

use crate::{Diagnostic, Label, LineIndex, SourceLookup};

/// A label's place in its file, for output formats: the file (relative to
/// the site root) and 1-based start and end positions. Columns count
/// characters (Unicode scalar values), like editors; `end_column` is the
/// column just after the last character, so an empty span has
/// `end_column == column`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Position {
    /// The file, relative to the site root, `/`-separated.
    pub file: String,
    /// 1-based line of the first character.
    pub line: usize,
    /// 1-based column of the first character.
    pub column: usize,
    /// 1-based line of the end.
    pub end_line: usize,
    /// 1-based column just after the last character.
    pub end_column: usize,
}

impl Position {
    /// Where `label` of `diag` is: the label's own file when it names one,
    /// else the diagnostic's. `None` when there is no file or its text is
    /// not available (then no line can be computed).
    pub fn of_label(diag: &Diagnostic, label: &Label, sources: &dyn SourceLookup) -> Option<Self> {
        let file = label.file.as_deref().or(diag.file.as_deref())?;
        Position::of_span(file, label.span, sources)
    }

    /// Where the primary label of `diag` is, if it has one.
    pub fn of_primary(diag: &Diagnostic, sources: &dyn SourceLookup) -> Option<Self> {
        Position::of_label(diag, diag.primary.as_ref()?, sources)
    }

    /// Where `span` of `file` is.
    pub fn of_span(file: &str, span: crate::Span, sources: &dyn SourceLookup) -> Option<Self> {
        let text = sources.source(file)?;
        let index = LineIndex::new(text);
        let (line, column) = index.line_col(text, span.start);
        let (end_line, end_column) = index.line_col(text, span.end);
        Some(Position {
            file: file.to_string(),
            line,
            column,
            end_line,
            end_column,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Severity, Span};
    use std::collections::HashMap;

    #[test]
    fn positions_are_one_based_with_an_exclusive_end_in_characters() {
        let sources = HashMap::from([("a.md".to_string(), "---\ntitle: “x”\n---\n".to_string())]);
        let start = "---\ntitle: ".len();
        let end = start + "“x”".len();
        let d = Diagnostic::new("X001", Severity::Error, "m")
            .in_file("a.md")
            .with_primary(Span::new(start, end), "");
        let p = Position::of_primary(&d, &sources).unwrap();
        assert_eq!((p.line, p.column, p.end_line, p.end_column), (2, 8, 2, 11));
        assert_eq!(p.file, "a.md");
    }

    #[test]
    fn no_position_without_a_file_or_its_text() {
        let sources: HashMap<String, String> = HashMap::new();
        let d = Diagnostic::new("X001", Severity::Error, "m").with_primary(Span::new(0, 1), "");
        assert_eq!(Position::of_primary(&d, &sources), None);
        let d = d.in_file("missing.md");
        assert_eq!(Position::of_primary(&d, &sources), None);
    }
}
