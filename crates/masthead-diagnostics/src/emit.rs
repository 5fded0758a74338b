//! Text renderings of a diagnostic: one line ([`render_concise`]) or a
//! rustc-style report ([`render_human`], plain for snapshots and logs, or
//! [`render_human_colored`] for terminals).

use crate::printable::{printable, printable_lines};
use crate::{Diagnostic, Label, LineIndex, Severity, SourceLookup};
use std::fmt::Write as _;

/// `file:line:col: severity[code]: message`, one line, the format editors and
/// CI log parsers understand.
pub fn render_concise(diag: &Diagnostic, sources: &dyn SourceLookup) -> String {
    let location = location(diag, diag.primary.as_ref(), sources);
    // One line per diagnostic, whatever the message quotes.
    format!(
        "{location}: {}[{}]: {}",
        diag.severity,
        diag.code,
        printable(&diag.message)
    )
}

fn location(diag: &Diagnostic, label: Option<&Label>, sources: &dyn SourceLookup) -> String {
    let file = label
        .and_then(|l| l.file.as_deref())
        .or(diag.file.as_deref())
        .unwrap_or("<unknown>");
    let shown = printable(file);
    match (label, sources.source(file)) {
        (Some(label), Some(text)) => {
            let (line, col) = LineIndex::new(text).line_col(text, label.span.start);
            format!("{shown}:{line}:{col}")
        }
        _ => shown.into_owned(),
    }
}

/// A rustc-style report: header, location arrow, the source line with a caret
/// underline for the primary span and each label, then help, notes and the
/// fix, when there is one.
pub fn render_human(diag: &Diagnostic, sources: &dyn SourceLookup) -> String {
    human(diag, sources, Palette::PLAIN)
}

/// [`render_human`] with ANSI colours, as rustc colours its reports: the
/// severity and the primary underline in the severity's colour, the gutter
/// and secondary underlines in blue. For terminals only; callers decide
/// (a TTY, `NO_COLOR` unset, `--color`).
pub fn render_human_colored(diag: &Diagnostic, sources: &dyn SourceLookup) -> String {
    human(diag, sources, Palette::ANSI)
}

/// The escape sequences a rendering uses; all empty for plain text.
#[derive(Clone, Copy)]
struct Palette {
    error: &'static str,
    warning: &'static str,
    info: &'static str,
    gutter: &'static str,
    bold: &'static str,
    reset: &'static str,
}

impl Palette {
    const PLAIN: Palette = Palette {
        error: "",
        warning: "",
        info: "",
        gutter: "",
        bold: "",
        reset: "",
    };
    const ANSI: Palette = Palette {
        error: "\x1b[1;31m",
        warning: "\x1b[1;33m",
        info: "\x1b[1;36m",
        gutter: "\x1b[1;34m",
        bold: "\x1b[1m",
        reset: "\x1b[0m",
    };

    fn severity(&self, severity: Severity) -> &'static str {
        match severity {
            Severity::Error => self.error,
            Severity::Warning => self.warning,
            Severity::Info => self.info,
        }
    }
}

fn human(diag: &Diagnostic, sources: &dyn SourceLookup, p: Palette) -> String {
    let mut out = String::new();
    let sev = p.severity(diag.severity);
    let (bold, blue, reset) = (p.bold, p.gutter, p.reset);
    let _ = writeln!(
        out,
        "{sev}{}[{}]{reset}{bold}: {}{reset}",
        diag.severity,
        diag.code,
        printable(&diag.message)
    );
    let mut labels: Vec<(&Label, bool)> = Vec::new();
    if let Some(primary) = &diag.primary {
        labels.push((primary, true));
    }
    labels.extend(diag.labels.iter().map(|l| (l, false)));
    if let (true, Some(file)) = (labels.is_empty(), &diag.file) {
        let _ = writeln!(out, "  {blue}-->{reset} {}", printable(file));
    }
    // Each label with its file's text and line index, when the source is known.
    let located: Vec<_> = labels
        .into_iter()
        .map(|(label, primary)| {
            let file = label.file.as_deref().or(diag.file.as_deref());
            let source = file
                .and_then(|f| sources.source(f))
                .map(|text| (text, LineIndex::new(text)));
            (label, primary, source)
        })
        .collect();
    // One gutter for the whole report, as wide as its longest line number,
    // so that every `|` of the report stands in one column.
    let width = located
        .iter()
        .filter_map(|(label, _, source)| {
            let (text, index) = source.as_ref()?;
            Some(index.line_col(text, label.span.start).0.to_string().len())
        })
        .max()
        .unwrap_or(1);
    for (label, primary, source) in located {
        let _ = writeln!(
            out,
            "  {blue}-->{reset} {}",
            location(diag, Some(label), sources)
        );
        let Some((text, index)) = source else {
            let _ = writeln!(out, "   {blue}={reset} {}", printable(&label.message));
            continue;
        };
        let (line, col) = index.line_col(text, label.span.start);
        let (end_line, end_col) = index.line_col(text, label.span.end);
        let line_text = index.line_text(text, line - 1);
        let (marker, mark) = if primary { ('^', sev) } else { ('-', blue) };
        let underline_len = if end_line == line {
            end_col.saturating_sub(col).max(1)
        } else {
            line_text.chars().count().saturating_sub(col - 1).max(1)
        };
        let _ = writeln!(out, "{:width$} {blue}|{reset}", "");
        let _ = writeln!(
            out,
            "{blue}{line:<width$} |{reset} {}",
            printable(&line_text.replace('\t', " "))
        );
        let _ = writeln!(
            out,
            "{:width$} {blue}|{reset} {}{mark}{} {}{reset}",
            "",
            " ".repeat(col - 1),
            marker.to_string().repeat(underline_len),
            printable(&label.message)
        );
    }
    if let Some(help) = &diag.help {
        let help = printable_lines(help);
        let _ = writeln!(out, "   {blue}={reset} {bold}help{reset}: {help}");
    }
    for note in &diag.notes {
        let note = printable_lines(note);
        let _ = writeln!(out, "   {blue}={reset} {bold}note{reset}: {note}");
    }
    if let Some(fix) = &diag.fix {
        // Which flag applies it, so the reader knows what `--fix` would do.
        let how = if fix.safe { "--fix" } else { "--unsafe-fixes" };
        let _ = writeln!(
            out,
            "   {blue}={reset} {bold}fix{reset}: {} (`{how}`)",
            printable_lines(&fix.message)
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Span;
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

    #[test]
    fn one_gutter_width_for_labels_on_lines_of_different_digit_counts() {
        let text = format!("---\ntitle: x\n{}title: y\n---\n", "k: v\n".repeat(8));
        let sources = HashMap::from([("_news/a.md".to_string(), text)]);
        let d = Diagnostic::new("FM004", Severity::Warning, "duplicate key `title`")
            .in_file("_news/a.md")
            .with_primary(Span::new(53, 58), "this value wins")
            .with_label(Span::new(4, 9), "first written here");
        let expected = "\
warning[FM004]: duplicate key `title`
  --> _news/a.md:11:1
   |
11 | title: y
   | ^^^^^ this value wins
  --> _news/a.md:2:1
   |
2  | title: x
   | ----- first written here
";
        assert_eq!(render_human(&d, &sources), expected);
    }

    #[test]
    fn colored_human_is_plain_human_with_escapes() {
        let d = Diagnostic::new("FM004", Severity::Error, "duplicate key `title`")
            .in_file("_news/a.md")
            .with_primary(Span::new(13, 18), "this value wins")
            .with_label(Span::new(4, 9), "first written here")
            .with_help("remove one of them")
            .with_note("Jekyll keeps the last");
        let colored = render_human_colored(&d, &sources());
        assert!(
            colored.starts_with("\x1b[1;31merror[FM004]\x1b[0m"),
            "{colored}"
        );
        let mut stripped = String::new();
        let mut rest = colored.as_str();
        while let Some(i) = rest.find('\x1b') {
            stripped.push_str(&rest[..i]);
            rest = &rest[i..];
            rest = rest.find('m').map_or("", |m| &rest[m + 1..]);
        }
        stripped.push_str(rest);
        assert_eq!(stripped, render_human(&d, &sources()));
    }

    #[test]
    fn human_names_the_fix_and_the_flag_that_applies_it() {
        let base = Diagnostic::new("FM005", Severity::Warning, "stray space")
            .in_file("_news/a.md")
            .with_primary(Span::new(4, 9), "here");
        let fix = |safe| crate::Fix {
            span: Span::new(8, 9),
            replacement: String::new(),
            message: "move the quote".into(),
            safe,
        };
        let safe = render_human(&base.clone().with_fix(fix(true)), &sources());
        assert!(
            safe.ends_with("   = fix: move the quote (`--fix`)\n"),
            "{safe}"
        );
        let unsafe_ = render_human(&base.clone().with_fix(fix(false)), &sources());
        assert!(
            unsafe_.ends_with("   = fix: move the quote (`--unsafe-fixes`)\n"),
            "{unsafe_}"
        );
        assert!(!render_human(&base, &sources()).contains("= fix"));
    }
}
