//! `masthead check --format json`: one object per finding. This shape is a
//! public interface (docs/cli.md): keys are only ever added in a major
//! version, never renamed or removed.

use masthead_diagnostics::{Diagnostic, Label, Position, Severity, SourceLookup};
use masthead_lint::{Registry, Report};
use serde::Serialize;

/// One finding.
#[derive(Debug, Serialize)]
pub(crate) struct JsonDiagnostic<'a> {
    code: &'a str,
    name: Option<&'static str>,
    severity: Severity,
    message: &'a str,
    file: Option<&'a str>,
    line: Option<usize>,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
    help: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    labels: Vec<JsonLabel<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<JsonFix<'a>>,
}

/// A secondary location.
#[derive(Debug, Serialize)]
struct JsonLabel<'a> {
    file: Option<&'a str>,
    line: Option<usize>,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
    message: &'a str,
}

/// A replacement that mends the finding, in the finding's file.
#[derive(Debug, Serialize)]
struct JsonFix<'a> {
    message: &'a str,
    safe: bool,
    replacement: &'a str,
    line: Option<usize>,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
}

/// The four numbers of a position, or four nulls.
type Numbers = (Option<usize>, Option<usize>, Option<usize>, Option<usize>);

fn numbers(position: Option<Position>) -> Numbers {
    match position {
        Some(p) => (
            Some(p.line),
            Some(p.column),
            Some(p.end_line),
            Some(p.end_column),
        ),
        None => (None, None, None, None),
    }
}

fn label<'a>(diag: &'a Diagnostic, label: &'a Label, sources: &dyn SourceLookup) -> JsonLabel<'a> {
    let (line, column, end_line, end_column) = numbers(Position::of_label(diag, label, sources));
    JsonLabel {
        file: label.file.as_deref().or(diag.file.as_deref()),
        line,
        column,
        end_line,
        end_column,
        message: &label.message,
    }
}

/// One finding as JSON; files stay relative to the site root.
pub(crate) fn diagnostic<'a>(
    diag: &'a Diagnostic,
    sources: &dyn SourceLookup,
    registry: &Registry,
) -> JsonDiagnostic<'a> {
    let (line, column, end_line, end_column) = numbers(Position::of_primary(diag, sources));
    let fix = diag.fix.as_ref().map(|fix| {
        let position = diag
            .file
            .as_deref()
            .and_then(|f| Position::of_span(f, fix.span, sources));
        let (line, column, end_line, end_column) = numbers(position);
        JsonFix {
            message: &fix.message,
            safe: fix.safe,
            replacement: &fix.replacement,
            line,
            column,
            end_line,
            end_column,
        }
    });
    JsonDiagnostic {
        code: &diag.code,
        name: registry.lookup(&diag.code).map(|m| m.name),
        severity: diag.severity,
        message: &diag.message,
        file: diag.file.as_deref(),
        line,
        column,
        end_line,
        end_column,
        help: diag.help.as_deref(),
        labels: diag
            .labels
            .iter()
            .map(|l| label(diag, l, sources))
            .collect(),
        fix,
    }
}

/// The whole report as a JSON array.
pub(crate) fn report<'a>(
    report: &'a Report,
    sources: &dyn SourceLookup,
    registry: &Registry,
) -> Vec<JsonDiagnostic<'a>> {
    report
        .diagnostics
        .iter()
        .map(|d| diagnostic(d, sources, registry))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use masthead_diagnostics::{Fix, Span};
    use std::collections::HashMap;

    #[test]
    fn labels_and_fix_appear_only_when_present() {
        let sources = HashMap::from([(
            "_news/a.md".to_string(),
            "---\ntitle: x\ntitle: y\n---\n".to_string(),
        )]);
        let registry = masthead_rules::registry();
        let plain = Diagnostic::new("FM004", Severity::Warning, "twice")
            .in_file("_news/a.md")
            .with_primary(Span::new(13, 18), "");
        let value = serde_json::to_value(diagnostic(&plain, &sources, &registry)).unwrap();
        let keys: Vec<&str> = value
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            [
                "code",
                "name",
                "severity",
                "message",
                "file",
                "line",
                "column",
                "end_line",
                "end_column",
                "help"
            ]
        );
        assert_eq!(value["name"], "duplicate-key");
        assert_eq!(
            (value["line"].clone(), value["end_column"].clone()),
            (3.into(), 6.into())
        );

        let full = plain.with_label(Span::new(4, 9), "first").with_fix(Fix {
            span: Span::new(4, 13),
            replacement: String::new(),
            message: "drop the first".into(),
            safe: false,
        });
        let value = serde_json::to_value(diagnostic(&full, &sources, &registry)).unwrap();
        assert_eq!(value["labels"][0]["line"], 2);
        assert_eq!(value["labels"][0]["file"], "_news/a.md");
        assert_eq!(value["fix"]["end_line"], 3);
        assert_eq!(value["fix"]["end_column"], 1);
        assert_eq!(value["fix"]["safe"], false);
    }
}
