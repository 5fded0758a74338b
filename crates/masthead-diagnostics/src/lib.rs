//! Diagnostics for masthead: byte-range spans, line/column lookup, severities,
//! stable codes and the [`Diagnostic`] value every stage reports through.
//!
//! Spans are byte ranges into the *original* file bytes, so a diagnostic stays
//! exact whatever encoding quirks (BOM, CRLF) the file has; line and column are
//! computed only when a diagnostic is printed, from a [`LineIndex`].
//!
//! ```
//! use masthead_diagnostics::{Diagnostic, LineIndex, Severity, Span};
//!
//! let text = "---\ntitle: \n---\n";
//! let diag = Diagnostic::new("FM003", Severity::Error, "`title` is empty")
//!     .with_primary(Span::new(4, 10), "this key has no value");
//! let index = LineIndex::new(text);
//! assert_eq!(index.line_col(text, diag.primary.as_ref().unwrap().span.start), (2, 1));
//! ```

#![deny(clippy::print_stdout, clippy::print_stderr)]

mod emit;
mod github;
mod line_index;
mod position;
mod printable;

pub use emit::{render_concise, render_human, render_human_colored};
pub use github::{escape_data, escape_property, render_github};
pub use line_index::LineIndex;
pub use position::Position;
pub use printable::{printable, printable_lines};

use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt;

/// A byte range `start..end` into one file's original bytes.
///
/// Byte offsets (not characters) so that slicing the source is exact and cheap;
/// the printer converts to line and column.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct Span {
    /// First byte of the range.
    pub start: usize,
    /// One past the last byte of the range.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`; `end` is clamped to be at least `start`.
    pub fn new(start: usize, end: usize) -> Self {
        Span {
            start,
            end: end.max(start),
        }
    }

    /// An empty span at `offset`, for "something is missing here".
    pub fn point(offset: usize) -> Self {
        Span {
            start: offset,
            end: offset,
        }
    }

    /// The same range moved `by` bytes later, used when a parser saw only a
    /// slice of the file (the front matter block) and spans must refer to the
    /// whole file.
    pub fn shifted(self, by: usize) -> Self {
        Span {
            start: self.start + by,
            end: self.end + by,
        }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no bytes.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// How serious a finding is. Ordered: `Info < Warning < Error`, so a caller
/// can fail on "anything at or above".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing, never a failure by default (for example: a future post is skipped).
    Info,
    /// Probably a mistake; Jekyll would still build.
    Warning,
    /// The content is wrong: a value could not be read or a required field is missing.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// A secondary location with its own message ("first defined here").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Label {
    /// Where, in the same file as the diagnostic unless `file` says otherwise.
    pub span: Span,
    /// What this place has to do with the finding.
    pub message: String,
    /// Another file (relative to the site root), when the label points outside
    /// the diagnostic's own file (a default set in `_config.yml`, say).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
}

/// A machine-applicable replacement: put `replacement` where `span` is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fix {
    /// Bytes to replace.
    pub span: Span,
    /// New text.
    pub replacement: String,
    /// What the fix does, in a few words.
    pub message: String,
    /// Whether applying it can never change meaning unexpectedly.
    pub safe: bool,
}

/// One finding: a stable code, a severity, a message and where it is.
///
/// Built with the `with_*` methods so call sites read as sentences.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Diagnostic {
    /// Stable identifier such as `FM004`; never reused for another meaning.
    pub code: Cow<'static, str>,
    /// Severity as reported (after configuration, when a rule engine ran).
    pub severity: Severity,
    /// One sentence saying what is wrong.
    pub message: String,
    /// The file the finding is in, relative to the site root, with `/` separators.
    pub file: Option<String>,
    /// The main location and its label.
    pub primary: Option<Label>,
    /// Other locations that explain the finding.
    pub labels: Vec<Label>,
    /// How to fix it, when that can be said.
    pub help: Option<String>,
    /// Extra facts ("Jekyll reads this as 2021-03-15 10:00 UTC").
    pub notes: Vec<String>,
    /// A replacement that mends it, when one is known.
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// A diagnostic with no location yet.
    pub fn new(
        code: impl Into<Cow<'static, str>>,
        severity: Severity,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            code: code.into(),
            severity,
            message: message.into(),
            file: None,
            primary: None,
            labels: Vec::new(),
            help: None,
            notes: Vec::new(),
            fix: None,
        }
    }

    /// Sets the file (relative to the site root).
    pub fn in_file(mut self, file: impl Into<String>) -> Self {
        self.file = Some(file.into());
        self
    }

    /// Sets the primary location.
    pub fn with_primary(mut self, span: Span, message: impl Into<String>) -> Self {
        self.primary = Some(Label {
            span,
            message: message.into(),
            file: None,
        });
        self
    }

    /// Adds a secondary label in the same file.
    pub fn with_label(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: message.into(),
            file: None,
        });
        self
    }

    /// Adds a secondary label in another file.
    pub fn with_label_in(
        mut self,
        file: impl Into<String>,
        span: Span,
        message: impl Into<String>,
    ) -> Self {
        self.labels.push(Label {
            span,
            message: message.into(),
            file: Some(file.into()),
        });
        self
    }

    /// Sets the help text.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds a note.
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// Sets the fix.
    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    /// Moves every span in this diagnostic `by` bytes later (see [`Span::shifted`]).
    pub fn shifted(mut self, by: usize) -> Self {
        if let Some(p) = &mut self.primary {
            p.span = p.span.shifted(by);
        }
        for l in &mut self.labels {
            if l.file.is_none() {
                l.span = l.span.shifted(by);
            }
        }
        if let Some(f) = &mut self.fix {
            f.span = f.span.shifted(by);
        }
        self
    }
}

/// Where a caller gets a file's text back when printing a diagnostic.
///
/// The site keeps every file it read, so printing never re-reads the disk
/// (the file may have changed since).
pub trait SourceLookup {
    /// The original bytes of `file` (relative to the site root), decoded lossily.
    fn source(&self, file: &str) -> Option<&str>;
}

impl SourceLookup for std::collections::HashMap<String, String> {
    fn source(&self, file: &str) -> Option<&str> {
        self.get(file).map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severity_orders_info_below_error() {
        assert!(Severity::Info < Severity::Warning);
        assert!(Severity::Warning < Severity::Error);
    }

    #[test]
    fn shifted_moves_primary_labels_and_fix_but_not_foreign_labels() {
        let d = Diagnostic::new("X001", Severity::Error, "m")
            .with_primary(Span::new(1, 2), "p")
            .with_label(Span::new(3, 4), "l")
            .with_label_in("_config.yml", Span::new(5, 6), "elsewhere")
            .with_fix(Fix {
                span: Span::new(1, 2),
                replacement: String::new(),
                message: "drop".into(),
                safe: true,
            })
            .shifted(10);
        assert_eq!(d.primary.unwrap().span, Span::new(11, 12));
        assert_eq!(d.labels[0].span, Span::new(13, 14));
        assert_eq!(d.labels[1].span, Span::new(5, 6));
        assert_eq!(d.fix.unwrap().span, Span::new(11, 12));
    }
}
