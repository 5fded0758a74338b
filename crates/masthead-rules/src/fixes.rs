//! Fixes for the problems the loader reports itself.
//!
//! The loader finds these while reading and knows nothing of editing, so
//! [`loader_fix`] (registered with [`masthead_lint::Registry::with_loader_fixer`])
//! works each fix out from the finding's spans and the file's text. Every
//! fix changes only the bytes of the problem:
//!
//! - FM005: the whitespace between the text and the closing quote (or the
//!   opening quote and the text) is removed;
//! - URL001: a `/` is inserted before a redirect path;
//! - DT001: the malformed date is replaced by the time Jekyll used;
//! - FM004 (same value only): the earlier line(s) of the duplicate are removed.

use masthead_diagnostics::{Diagnostic, Fix, Severity, Span};
use masthead_edit::{Change, Edit, FrontMatterEditor};
use masthead_lint::FixAvailability;
use masthead_model::date::Instant;

/// Whether the loader code `code` has fixes, for its metadata.
pub(crate) const fn availability(code: &str) -> FixAvailability {
    match code.as_bytes() {
        b"FM004" | b"FM005" | b"DT001" | b"URL001" => FixAvailability::Safe,
        _ => FixAvailability::None,
    }
}

/// The fix for a loader finding `diag` in a file whose text is `source`.
pub(crate) fn loader_fix(diag: &Diagnostic, source: &str) -> Option<Fix> {
    let span = diag.primary.as_ref()?.span;
    match diag.code.as_ref() {
        "FM005" => stray_whitespace(source, span),
        "URL001" => redirect_slash(source, span),
        "DT001" => malformed_date(diag, source, span),
        // Only the duplicate with the same value: removing either changes nothing.
        "FM004" if diag.severity == Severity::Warning => duplicate_key(diag, source),
        _ => None,
    }
}

/// The quote character of a quoted scalar at `span`, and its inner text range.
fn quoted(source: &str, span: Span) -> Option<(char, Span)> {
    let raw = source.get(span.start..span.end)?;
    let quote = raw.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    (raw.len() >= 2 && raw.ends_with(quote))
        .then(|| (quote, Span::new(span.start + 1, span.end - 1)))
}

const BLANK: [char; 4] = [' ', '\t', '\r', '\n'];

fn stray_whitespace(source: &str, span: Span) -> Option<Fix> {
    let (quote, inner) = quoted(source, span)?;
    let text = &source[inner.start..inner.end];
    let kept = text.trim_end_matches(BLANK);
    // `"a\ "`: the space is escaped; trimming would eat the escape's target
    // and leave the backslash escaping the closing quote.
    if kept.is_empty() || (quote == '"' && kept.ends_with('\\')) {
        return None;
    }
    if kept.len() < text.len() {
        return Some(Fix {
            span: Span::new(inner.start + kept.len(), inner.end),
            replacement: String::new(),
            message: format!("move the closing {quote} to the end of the text"),
            safe: true,
        });
    }
    let lead = text.len() - text.trim_start_matches(BLANK).len();
    (lead > 0).then(|| Fix {
        span: Span::new(inner.start, inner.start + lead),
        replacement: String::new(),
        message: format!("move the opening {quote} to the start of the text"),
        safe: true,
    })
}

fn redirect_slash(source: &str, span: Span) -> Option<Fix> {
    let (at, text) = match quoted(source, span) {
        Some((_, inner)) => (inner.start, source.get(inner.start..inner.end)?),
        None => (span.start, source.get(span.start..span.end)?),
    };
    // The loader falls back to the fence when it has no span for the item.
    let first = text.chars().next()?;
    if first == '/' || text.starts_with("---") || BLANK.contains(&first) || first == '-' {
        return None;
    }
    Some(Fix {
        span: Span::point(at),
        replacement: "/".into(),
        message: "add the leading `/`".into(),
        safe: true,
    })
}

fn malformed_date(diag: &Diagnostic, source: &str, span: Span) -> Option<Fix> {
    // The loader's help names the time Jekyll used: "write `…`".
    let wanted = diag
        .help
        .as_deref()?
        .strip_prefix("write `")?
        .strip_suffix('`')?;
    Instant::parse(wanted).ok()?;
    if span.is_empty() || source.get(span.start..span.end)?.contains('\n') {
        return None;
    }
    // Keep the quoting the file used.
    let span = quoted(source, span).map_or(span, |(_, inner)| inner);
    Some(Fix {
        span,
        replacement: wanted.to_string(),
        message: format!("write `{wanted}`, the time Jekyll reads"),
        safe: true,
    })
}

fn duplicate_key(diag: &Diagnostic, source: &str) -> Option<Fix> {
    let first = diag.labels.iter().find(|l| l.file.is_none())?.span;
    let line_start = source[..first.start].rfind('\n').map_or(0, |i| i + 1);
    let indent = &source[line_start..first.start];
    // Block mappings only: a key alone at the start of its line.
    if !indent.chars().all(|c| c == ' ') {
        return None;
    }
    let key_line_end = line_end(source, first.start);
    let after_colon = source
        .get(first.end..key_line_end)?
        .trim_start_matches([' ', '\t'])
        .strip_prefix(':')?;
    let empty_value = after_colon.trim_matches(BLANK).is_empty()
        || after_colon.trim_start_matches([' ', '\t']).starts_with('#');
    // The entry runs on over the lines indented deeper (and, for a key with
    // its value on the next lines, a block list at the key's own indent).
    let mut end = key_line_end;
    let mut at = key_line_end;
    while at < source.len() {
        let next = line_end(source, at);
        let line = &source[at..next];
        let content = line.trim_end_matches(BLANK);
        let depth = content.len() - content.trim_start_matches(' ').len();
        let rest = &content[depth..];
        if rest.is_empty() || rest.starts_with('#') {
            at = next;
            continue;
        }
        let list_item = empty_value && depth == indent.len() && rest.starts_with('-');
        if depth > indent.len() || list_item {
            end = next;
            at = next;
        } else {
            break;
        }
    }
    let edit = Edit::new(line_start..end, "");
    // Removing the first of two equal entries must leave every value as it
    // was; the editor re-parses and says so (or refuses).
    let mut editor = FrontMatterEditor::new(source).ok()?;
    editor.apply(&Change::new(vec![edit], Vec::new())).ok()?;
    Some(Fix {
        span: Span::new(line_start, end),
        replacement: String::new(),
        message: "remove the earlier, identical entry".into(),
        safe: true,
    })
}

/// The offset just past the line break of the line holding `at` (or the
/// end of the text).
fn line_end(source: &str, at: usize) -> usize {
    source[at..].find('\n').map_or(source.len(), |i| at + i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(source: &str, fix: &Fix) -> String {
        let mut s = source.to_string();
        s.replace_range(fix.span.start..fix.span.end, &fix.replacement);
        s
    }

    #[test]
    fn stray_whitespace_moves_the_closing_quote_up() {
        let src = "excerpt: \"Some staff.\n\"\ndate: 2021-11-22\n";
        let fix = stray_whitespace(src, Span::new(9, 23)).unwrap();
        assert_eq!(fix.span, Span::new(21, 22));
        assert_eq!(
            apply(src, &fix),
            "excerpt: \"Some staff.\"\ndate: 2021-11-22\n"
        );
    }

    #[test]
    fn stray_whitespace_leaves_escaped_spaces_alone() {
        let src = "a: \"x\\ \"\n";
        assert_eq!(stray_whitespace(src, Span::new(3, 8)), None);
        let lead = "a: '  x'\n";
        let fix = stray_whitespace(lead, Span::new(3, 8)).unwrap();
        assert_eq!(apply(lead, &fix), "a: 'x'\n");
    }

    #[test]
    fn redirect_slash_goes_inside_quotes() {
        let src = "- \"old/page\"\n";
        let fix = redirect_slash(src, Span::new(2, 12)).unwrap();
        assert_eq!(apply(src, &fix), "- \"/old/page\"\n");
        assert_eq!(redirect_slash("---\n", Span::new(0, 3)), None);
    }

    #[test]
    fn duplicate_key_removes_the_earlier_block_and_only_it() {
        let src = "---\ntags:\n- a\n- b\ntitle: T\ntags:\n  - a\n  - b\n---\nbody\n";
        let first = src.find("tags").unwrap();
        let later = src.rfind("tags").unwrap();
        let d = Diagnostic::new("FM004", Severity::Warning, "m")
            .with_primary(Span::new(later, later + 4), "")
            .with_label(Span::new(first, first + 4), "");
        let fix = duplicate_key(&d, src).unwrap();
        assert_eq!(
            apply(src, &fix),
            "---\ntitle: T\ntags:\n  - a\n  - b\n---\nbody\n"
        );
    }

    #[test]
    fn duplicate_key_with_a_value_the_lines_cannot_hold_is_not_fixed() {
        // The first value's closing quote sits at column 0: removing only the
        // key line would break the YAML, and the editor refuses.
        let src = "---\nx: \"a\n\"\nx: \"a \"\n---\n";
        let d = Diagnostic::new("FM004", Severity::Warning, "m")
            .with_primary(Span::new(13, 14), "")
            .with_label(Span::new(4, 5), "");
        assert_eq!(duplicate_key(&d, src), None);
    }

    #[test]
    fn crlf_files_lose_the_whole_line_break() {
        let src = "---\r\nexcerpt: \"Staff.\r\n\"\r\nx: 1\r\nx: 1\r\n---\r\n";
        let start = src.find('"').unwrap();
        let end = src[start + 1..].find('"').unwrap() + start + 2;
        let fix = stray_whitespace(src, Span::new(start, end)).unwrap();
        let once = apply(src, &fix);
        assert_eq!(
            once,
            "---\r\nexcerpt: \"Staff.\"\r\nx: 1\r\nx: 1\r\n---\r\n"
        );
        let first = once.find("x:").unwrap();
        let later = once.rfind("x:").unwrap();
        let d = Diagnostic::new("FM004", Severity::Warning, "m")
            .with_primary(Span::new(later, later + 1), "")
            .with_label(Span::new(first, first + 1), "");
        let fix = duplicate_key(&d, &once).unwrap();
        assert_eq!(
            apply(&once, &fix),
            "---\r\nexcerpt: \"Staff.\"\r\nx: 1\r\n---\r\n"
        );
    }
}
