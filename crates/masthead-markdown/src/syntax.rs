//! Small scanners over the Markdown source: the parts of a link comrak does
//! not keep (where the destination is written, which form was used),
//! kramdown's `{...}` markers, HTML tag names and reference definitions.
//!
//! Every function works on byte offsets into the body, never panics, and
//! gives up (returns `None`) rather than guess when the text is not what
//! it expects.

use crate::{KramdownKind, LinkKind};
use std::ops::Range;

/// What the source of a bracketed link (`[text](dest)`, `[text][label]`,
/// `[text][]`, `[text]`) says about it.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Bracketed {
    /// Inline or reference.
    pub(crate) kind: LinkKind,
    /// Where an inline link's destination is written (inside `<...>` when
    /// angle-bracketed); empty for `[text]()`.
    pub(crate) url: Option<Range<usize>>,
    /// A reference link's label as written (without brackets).
    pub(crate) label: Option<Range<usize>>,
}

/// Reads `src[span]` as a bracketed link whose `[` is at `span.start`.
/// `None` when the text does not have that shape exactly.
pub(crate) fn bracketed(src: &str, span: Range<usize>) -> Option<Bracketed> {
    let bytes = src.as_bytes();
    if span.end > bytes.len() || bytes.get(span.start) != Some(&b'[') {
        return None;
    }
    let close = matching_bracket(src, span.start, span.end)?;
    let text = span.start + 1..close;
    let rest = span.start.max(close + 1)..span.end;
    let rest_str = src.get(rest.clone())?;
    if rest_str.is_empty() || rest_str == "[]" {
        return Some(Bracketed {
            kind: LinkKind::Reference,
            url: None,
            label: Some(text),
        });
    }
    if rest_str.starts_with('[') && rest_str.ends_with(']') {
        let label = rest.start + 1..rest.end - 1;
        if src.get(label.clone())?.contains(['[', ']']) && !has_only_escaped_brackets(src, &label) {
            return None;
        }
        return Some(Bracketed {
            kind: LinkKind::Reference,
            url: None,
            label: Some(label),
        });
    }
    if rest_str.starts_with('(') && rest_str.ends_with(')') {
        let url = destination(src, rest.start + 1, rest.end - 1)?;
        return Some(Bracketed {
            kind: LinkKind::Inline,
            url: Some(url),
            label: None,
        });
    }
    None
}

/// Where a bracketed link whose `[` is at `start` can end, read forward
/// from the source: after an inline tail `(destination "title")` when one
/// parses (CommonMark prefers it), else after `[label]`, `[]` or the text's
/// own `]`. The first is the inline end when there is one.
pub(crate) fn link_ends(src: &str, start: usize) -> Vec<usize> {
    let bytes = src.as_bytes();
    let limit = src.len().min(start.saturating_add(MAX_LINK));
    let Some(close) = matching_bracket(src, start, limit) else {
        return Vec::new();
    };
    let mut ends = Vec::new();
    match bytes.get(close + 1) {
        Some(b'(') => {
            if let Some(end) = inline_tail_end(src, close + 2, limit) {
                ends.push(end);
            }
        }
        Some(b'[') => {
            let mut i = close + 2;
            while i < limit {
                match bytes.get(i) {
                    Some(b'\\') => i += 2,
                    Some(b'[') | None => break,
                    Some(b']') => {
                        ends.push(i + 1);
                        break;
                    }
                    _ => i += 1,
                }
            }
        }
        _ => {}
    }
    ends.push(close + 1);
    ends
}

/// The longest link read forward, in bytes.
const MAX_LINK: usize = 16 * 1024;

/// The end (after `)`) of an inline link's `destination "title")` starting
/// at `from`, just after the `(`.
fn inline_tail_end(src: &str, from: usize, limit: usize) -> Option<usize> {
    let bytes = src.as_bytes();
    let skip_space = |mut i: usize| {
        while i < limit && bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        i
    };
    let mut i = skip_space(from);
    if bytes.get(i) == Some(&b')') {
        return Some(i + 1);
    }
    let dest = destination(src, i, limit)?;
    i = dest.end;
    if bytes.get(i) == Some(&b'>') && bytes.get(dest.start.wrapping_sub(1)) == Some(&b'<') {
        i += 1;
    }
    let before_title = i;
    i = skip_space(i);
    if i > before_title
        && let Some(&open) = bytes.get(i)
        && matches!(open, b'"' | b'\'' | b'(')
    {
        let close = if open == b'(' { b')' } else { open };
        let mut j = i + 1;
        loop {
            match bytes.get(j) {
                _ if j >= limit => return None,
                None => return None,
                Some(b'\\') => j += 2,
                Some(c) if *c == close => break,
                _ => j += 1,
            }
        }
        i = skip_space(j + 1);
    }
    (bytes.get(i) == Some(&b')')).then_some(i + 1)
}

/// Whether every bracket in `src[range]` is backslash-escaped.
fn has_only_escaped_brackets(src: &str, range: &Range<usize>) -> bool {
    let bytes = src.as_bytes();
    let mut i = range.start;
    while i < range.end {
        match bytes.get(i) {
            Some(b'\\') => i += 2,
            Some(b'[' | b']') => return false,
            _ => i += 1,
        }
    }
    true
}

/// The `]` closing the `[` at `open`, before `limit`: brackets nest,
/// backslash escapes and code spans hide what they contain.
pub(crate) fn matching_bracket(src: &str, open: usize, limit: usize) -> Option<usize> {
    let bytes = src.as_bytes();
    let limit = limit.min(bytes.len());
    let mut depth = 0usize;
    let mut i = open;
    while i < limit {
        match bytes.get(i)? {
            b'\\' => i += 2,
            b'`' => {
                let run = run_length(bytes, i, b'`');
                i = closing_backticks(bytes, i + run, run, limit).unwrap_or(i + run);
            }
            b'[' => {
                depth += 1;
                i += 1;
            }
            b']' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i);
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    None
}

/// How many `b` bytes start at `at`.
fn run_length(bytes: &[u8], at: usize, b: u8) -> usize {
    bytes
        .get(at..)
        .map_or(0, |rest| rest.iter().take_while(|c| **c == b).count())
}

/// The offset just past a run of exactly `run` backticks at or after
/// `from`, before `limit` (the end of a code span).
fn closing_backticks(bytes: &[u8], from: usize, run: usize, limit: usize) -> Option<usize> {
    let mut i = from;
    while i < limit {
        if bytes.get(i) == Some(&b'`') {
            let n = run_length(bytes, i, b'`');
            if n == run {
                return Some(i + n);
            }
            i += n;
        } else {
            i += 1;
        }
    }
    None
}

/// The destination of an inline link whose parentheses enclose
/// `from..to`: inside `<...>`, or up to the first unbalanced `)` or space.
fn destination(src: &str, from: usize, to: usize) -> Option<Range<usize>> {
    let bytes = src.as_bytes();
    let mut i = from;
    while i < to && bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
        i += 1;
    }
    if bytes.get(i) == Some(&b'<') {
        let start = i + 1;
        let mut j = start;
        while j < to {
            match bytes.get(j)? {
                b'\\' => j += 2,
                b'>' => return Some(start..j),
                b'\n' | b'\r' | b'<' => return None,
                _ => j += 1,
            }
        }
        return None;
    }
    let start = i;
    let mut depth = 0usize;
    while i < to {
        match bytes.get(i)? {
            b'\\' => i += 2,
            b'(' => {
                depth += 1;
                i += 1;
            }
            b')' => match depth.checked_sub(1) {
                Some(d) => {
                    depth = d;
                    i += 1;
                }
                None => break,
            },
            c if c.is_ascii_whitespace() || (c.is_ascii_control() && *c != 0) => break,
            _ => i += 1,
        }
    }
    Some(start..i.min(to))
}

/// A reference definition (`[label]: destination`) found in the source.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Definition {
    /// The label, normalised as CommonMark matches labels.
    pub(crate) label: String,
    /// Where the destination is written.
    pub(crate) url: Range<usize>,
}

/// Reference definitions at the start of lines outside `skip` (code and
/// HTML blocks), after any block-quote markers, list markers and indent.
/// A heuristic that finds the usual one-line forms: comrak drops
/// definitions from its tree, so their place has to be found again.
pub(crate) fn definitions(
    src: &str,
    lines: impl Iterator<Item = Range<usize>>,
    skip: &[Range<usize>],
) -> Vec<Definition> {
    let bytes = src.as_bytes();
    lines
        .filter(|line| !skip.iter().any(|s| s.contains(&line.start)))
        .filter_map(|line| {
            let from = skip_container_markers(bytes, line.start, line.end);
            definition_at(src, from, line.end)
        })
        .collect()
}

/// A one-line reference definition (`[label]: destination "title"`)
/// starting at `from` and filling the line up to `end`.
pub(crate) fn definition_at(src: &str, from: usize, end: usize) -> Option<Definition> {
    let bytes = src.as_bytes();
    if bytes.get(from) != Some(&b'[') || bytes.get(from + 1) == Some(&b'^') {
        return None;
    }
    let close = matching_bracket(src, from, end)?;
    if bytes.get(close + 1) != Some(&b':') || !has_only_escaped_brackets(src, &(from + 1..close)) {
        return None;
    }
    let label = src.get(from + 1..close)?;
    let mut i = close + 2;
    while i < end && matches!(bytes.get(i), Some(b' ' | b'\t')) {
        i += 1;
    }
    if i >= end {
        return None;
    }
    let url = if bytes.get(i) == Some(&b'<') {
        destination(src, i, end)?
    } else {
        let mut j = i;
        while j < end && bytes.get(j).is_some_and(|b| !b.is_ascii_whitespace()) {
            j += 1;
        }
        i..j
    };
    let after = url.end + usize::from(bytes.get(url.end) == Some(&b'>'));
    let rest = src.get(after..end)?.trim();
    (rest.is_empty() || is_title(rest)).then(|| Definition {
        label: normalize_label(label),
        url,
    })
}

/// Whether `text` is a whole link title: `"..."`, `'...'` or `(...)`,
/// with the closing character escaped wherever else it appears (and, in
/// parentheses, the opening one too).
pub(crate) fn is_title(text: &str) -> bool {
    let bytes = text.as_bytes();
    let (Some(&open), Some(&last)) = (bytes.first(), bytes.last()) else {
        return false;
    };
    let close = match open {
        b'"' | b'\'' => open,
        b'(' => b')',
        _ => return false,
    };
    if bytes.len() < 2 || last != close {
        return false;
    }
    let mut i = 1;
    while i + 1 < bytes.len() {
        match bytes.get(i) {
            Some(b'\\') => i += 2,
            Some(c) if *c == close || (open == b'(' && *c == b'(') => return false,
            _ => i += 1,
        }
    }
    i == bytes.len() - 1
}

/// How many lines at the start of a paragraph (whose text starts at
/// `start` and ends at `end`) are reference definitions. Labels and titles
/// may continue on later lines, and the destination may be on the line
/// after the label.
pub(crate) fn definition_lines(src: &str, start: usize, end: usize) -> usize {
    let mut pos = start;
    let mut consumed = start;
    while let Some(next) = definition_end(src, pos, end) {
        consumed = next;
        pos = skip_line_prefix(src, next, end);
    }
    line_breaks(src.get(start..consumed).unwrap_or(""))
}

/// The number of line endings (`\n`, `\r\n`, `\r`) in `text`.
fn line_breaks(text: &str) -> usize {
    text.matches('\n').count() + text.matches('\r').count() - text.matches("\r\n").count()
}

/// After a line break at `at`: past indentation and `>` markers.
fn skip_line_prefix(src: &str, at: usize, end: usize) -> usize {
    let bytes = src.as_bytes();
    let mut i = at;
    while i < end && matches!(bytes.get(i), Some(b' ' | b'\t' | b'>')) {
        i += 1;
    }
    i
}

/// Past spaces and tabs, and at most one line break (with the next line's
/// prefix) when `newline` allows it.
fn skip_blank(src: &str, mut i: usize, end: usize, newline: bool) -> usize {
    let bytes = src.as_bytes();
    while i < end && matches!(bytes.get(i), Some(b' ' | b'\t')) {
        i += 1;
    }
    if newline && matches!(bytes.get(i), Some(b'\n' | b'\r')) {
        i += 1 + usize::from(bytes.get(i) == Some(&b'\r') && bytes.get(i + 1) == Some(&b'\n'));
        i = skip_line_prefix(src, i, end);
    }
    i
}

/// The end of the line that ends a reference definition starting at
/// `from` (just past its line ending), reading no further than `end`.
fn definition_end(src: &str, from: usize, end: usize) -> Option<usize> {
    let bytes = src.as_bytes();
    if bytes.get(from) != Some(&b'[') {
        return None;
    }
    let close = matching_bracket(src, from, end)?;
    let label = src.get(from + 1..close)?;
    if bytes.get(close + 1) != Some(&b':')
        || label.trim().is_empty()
        || !has_only_escaped_brackets(src, &(from + 1..close))
    {
        return None;
    }
    let mut i = skip_blank(src, close + 2, end, true);
    let dest = destination(src, i, end)?;
    if dest.is_empty() && bytes.get(i) != Some(&b'<') {
        return None;
    }
    i = dest.end + usize::from(bytes.get(dest.end) == Some(&b'>'));
    let line_end = |at: usize| {
        let mut j = at;
        while j < end && matches!(bytes.get(j), Some(b' ' | b'\t')) {
            j += 1;
        }
        match bytes.get(j) {
            _ if j >= end => Some(end),
            Some(b'\n') => Some(j + 1),
            Some(b'\r') => Some(j + 1 + usize::from(bytes.get(j + 1) == Some(&b'\n'))),
            _ => None,
        }
    };
    // A title, on this line or the next, that ends its line; else the
    // destination must end its line.
    let title_at = skip_blank(src, i, end, true);
    if title_at > i
        && let Some(&open) = bytes.get(title_at)
        && matches!(open, b'"' | b'\'' | b'(')
    {
        let close = if open == b'(' { b')' } else { open };
        let mut j = title_at + 1;
        while j < end {
            match bytes.get(j) {
                Some(b'\\') => j += 2,
                Some(c) if *c == close => break,
                Some(b'(') if open == b'(' => j = end,
                _ => j += 1,
            }
        }
        if j < end
            && let Some(after) = line_end(j + 1)
        {
            return Some(after);
        }
    }
    line_end(i)
}

/// Skips indentation, `>` markers and list markers (`-`, `*`, `+`, `1.`,
/// `1)` followed by a space) at the start of a line.
fn skip_container_markers(bytes: &[u8], mut i: usize, end: usize) -> usize {
    loop {
        let before = i;
        while i < end && matches!(bytes.get(i), Some(b' ' | b'\t' | b'>')) {
            i += 1;
        }
        match bytes.get(i) {
            Some(b'-' | b'*' | b'+') if matches!(bytes.get(i + 1), Some(b' ' | b'\t')) => i += 2,
            Some(b'0'..=b'9') => {
                let digits = bytes
                    .get(i..end)
                    .map_or(0, |r| r.iter().take_while(|b| b.is_ascii_digit()).count());
                if matches!(bytes.get(i + digits), Some(b'.' | b')'))
                    && matches!(bytes.get(i + digits + 1), Some(b' ' | b'\t'))
                {
                    i += digits + 2;
                }
            }
            _ => {}
        }
        if i == before || i >= end {
            return i;
        }
    }
}

/// A link label as CommonMark compares them: whitespace runs folded to one
/// space, trimmed, case-folded.
pub(crate) fn normalize_label(label: &str) -> String {
    label
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Whether `text` with backslash escapes undone is `expected`, without
/// building the unescaped string when there is no backslash.
pub(crate) fn unescapes_to(text: &str, expected: &str) -> bool {
    if text.contains('\\') {
        unescape(text) == expected
    } else {
        text == expected
    }
}

/// Backslash escapes of ASCII punctuation removed, as CommonMark reads a
/// destination (entities are left alone).
pub(crate) fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\'
            && let Some(next) = chars.peek().copied()
            && next.is_ascii_punctuation()
        {
            out.push(next);
            chars.next();
            continue;
        }
        out.push(c);
    }
    out
}

/// One kramdown marker found in a piece of text, with its offset range in
/// that text.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Marker {
    /// Offsets in the scanned text.
    pub(crate) range: Range<usize>,
    /// What it is.
    pub(crate) kind: KramdownKind,
}

/// The longest marker read, in bytes: longer braces are prose.
const MAX_MARKER: usize = 512;

/// Kramdown's `{:...}` markers in `text`: attribute lists (`{: .class}`,
/// `{:#id}`), definitions (`{:ref: .class}`), the table-of-contents marker
/// (`{:toc}`) and extensions (`{::options ... /}`, `{::comment}`, `{:/}`).
/// Braces whose content is not attribute syntax (`{:a => 1}`) are left
/// alone, and so is an escaped `\{`.
pub(crate) fn kramdown_markers(text: &str) -> Vec<Marker> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut from = 0;
    // Most text has no `{` at all: a `char` search (memchr) rejects it
    // without setting up a substring searcher.
    while let Some(offset) = text.get(from..).and_then(|rest| rest.find('{')) {
        let i = from + offset;
        if bytes.get(i + 1) != Some(&b':') {
            from = i + 1;
            continue;
        }
        let escaped = i > 0 && bytes.get(i - 1) == Some(&b'\\');
        if !escaped && let Some((end, kind)) = marker_at(text, i) {
            found.push(Marker {
                range: i..end,
                kind,
            });
            from = end;
            continue;
        }
        from = i + 1;
    }
    found
}

/// The marker starting with `{:` at `start`: its end and kind.
fn marker_at(text: &str, start: usize) -> Option<(usize, KramdownKind)> {
    let close = closing_brace(text, start)?;
    let inner = text.get(start + 2..close)?;
    let kind = if let Some(ext) = inner.strip_prefix(':') {
        // {::name ...} or {::name ... /}
        ext.starts_with(|c: char| c.is_ascii_alphabetic())
            .then_some(KramdownKind::Extension)?
    } else if let Some(end) = inner.strip_prefix('/') {
        // {:/} or {:/name}
        end.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_')
            .then_some(KramdownKind::Extension)?
    } else if inner.trim() == "toc" {
        KramdownKind::Toc
    } else {
        attribute_kind(inner)?
    };
    Some((close + 1, kind))
}

/// The `}` that ends the marker opened at `start`, on the same line,
/// skipping quoted values.
fn closing_brace(text: &str, start: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut quote = None;
    let mut i = start + 2;
    while i < bytes.len() && i - start <= MAX_MARKER {
        let b = *bytes.get(i)?;
        match (quote, b) {
            (_, b'\n' | b'\r') => return None,
            (Some(_), b'\\') => i += 1,
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'{') => return None,
            (None, b'}') => return Some(i),
            (None, _) => {}
        }
        i += 1;
    }
    None
}

/// Whether `inner` (what follows `{:`) is an attribute list or an
/// attribute list definition: tokens `#id`, `.class`, `key="value"`,
/// `key=value` or reference names, the first optionally `name:`.
fn attribute_kind(inner: &str) -> Option<KramdownKind> {
    let mut kind = KramdownKind::AttributeList;
    let mut rest = inner.trim_start();
    // `{:name: ...}` defines a reusable list.
    if let Some(colon) = rest.find(':') {
        let name = rest.get(..colon)?;
        if !name.is_empty() && name.chars().all(is_name_char) {
            kind = KramdownKind::AttributeDefinition;
            rest = rest.get(colon + 1..)?.trim_start();
        }
    }
    while !rest.is_empty() {
        let token_len = token_length(rest)?;
        rest = rest.get(token_len..)?.trim_start();
    }
    Some(kind)
}

/// The length of one attribute token at the start of `s`, if it is one.
fn token_length(s: &str) -> Option<usize> {
    let word = |s: &str| s.find(char::is_whitespace).unwrap_or(s.len());
    if let Some(rest) = s.strip_prefix(['#', '.']) {
        let n = word(rest);
        return (n > 0 && !rest.get(..n)?.contains(['=', '"', '\''])).then_some(n + 1);
    }
    let name = s.chars().take_while(|c| is_name_char(*c)).count();
    if name == 0 {
        return None;
    }
    let after = s.get(name..)?;
    let Some(value) = after.strip_prefix('=') else {
        return after
            .chars()
            .next()
            .is_none_or(char::is_whitespace)
            .then_some(name);
    };
    match value.chars().next() {
        Some(q @ ('"' | '\'')) => {
            let mut escaped = false;
            for (i, c) in value.char_indices().skip(1) {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == q {
                    return Some(name + 1 + i + 1);
                }
            }
            None
        }
        Some(c) if !c.is_whitespace() => Some(name + 1 + word(value)),
        _ => None,
    }
}

/// Letters, digits, `-` and `_`: what kramdown allows in names.
fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '_'
}

/// A kramdown header id at the end of a heading's text (`## Title {#id}`):
/// its offset range in `text`.
pub(crate) fn header_id(text: &str) -> Option<Range<usize>> {
    let trimmed = text.trim_end();
    let body = trimmed.strip_suffix('}')?;
    let open = body.rfind("{#")?;
    let id = body.get(open + 2..)?;
    let valid = id.starts_with(|c: char| c.is_ascii_alphabetic())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':'));
    valid.then_some(open..trimmed.len())
}

/// The element name of a piece of raw HTML, lower-cased, and whether it is
/// a closing tag; `None` for comments, declarations, processing
/// instructions and CDATA.
pub(crate) fn tag_name(html: &str) -> Option<(String, bool)> {
    let rest = html.trim_start().strip_prefix('<')?;
    let (closing, rest) = match rest.strip_prefix('/') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    if !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let name: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    Some((name.to_ascii_lowercase(), closing))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(src: &str) -> Option<Bracketed> {
        bracketed(src, 0..src.len())
    }

    #[test]
    fn bracketed_forms() {
        let b = parse("[a](/x)").unwrap();
        assert_eq!((b.kind, b.url), (LinkKind::Inline, Some(4..6)));
        let b = parse("[a](</p q> \"t\")").unwrap();
        assert_eq!(b.url, Some(5..9));
        let b = parse("[a]( /sp )").unwrap();
        assert_eq!(b.url, Some(5..8));
        let b = parse("[x](/a\\(b\\)c)").unwrap();
        assert_eq!(b.url, Some(4..12));
        let b = parse("[x](/a(b)c 'title')").unwrap();
        assert_eq!(b.url, Some(4..10));
        let b = parse("[empty]()").unwrap();
        assert_eq!(b.url, Some(8..8));
        let b = parse("[a [b] `]` c](/u)").unwrap();
        assert_eq!(b.url, Some(14..16));
        let b = parse("[t][ref]").unwrap();
        assert_eq!((b.kind, b.label), (LinkKind::Reference, Some(4..7)));
        let b = parse("[t][]").unwrap();
        assert_eq!(b.label, Some(1..2));
        let b = parse("[t]").unwrap();
        assert_eq!(b.label, Some(1..2));
        assert_eq!(parse("x[t]"), None);
        assert_eq!(parse("[t"), None);
        assert_eq!(parse("[t]x"), None);
    }

    #[test]
    fn link_ends_read_forward() {
        let src = "[a](/x\n\"title\") [b][c] [d][] [e] [f](<g h>) [i](/j 'k\n l' )";
        let ends = |at: &str| {
            let start = src.find(at).unwrap();
            link_ends(src, start)
                .into_iter()
                .map(|e| &src[start..e])
                .collect::<Vec<_>>()
        };
        assert_eq!(ends("[a]"), ["[a](/x\n\"title\")", "[a]"]);
        assert_eq!(ends("[b]"), ["[b][c]", "[b]"]);
        assert_eq!(ends("[d]"), ["[d][]", "[d]"]);
        assert_eq!(ends("[e]"), ["[e]"]);
        assert_eq!(ends("[f]"), ["[f](<g h>)", "[f]"]);
        assert_eq!(ends("[i]"), ["[i](/j 'k\n l' )", "[i]"]);
        assert!(link_ends("[unclosed", 0).is_empty());
        assert_eq!(link_ends("[a](/x \"open", 0), [3]);
    }

    #[test]
    fn markers() {
        let kinds = |t: &str| {
            kramdown_markers(t)
                .into_iter()
                .map(|m| (m.range, m.kind))
                .collect::<Vec<_>>()
        };
        assert_eq!(kinds("{:toc}"), [(0..6, KramdownKind::Toc)]);
        assert_eq!(
            kinds("a {:.warning-text} b"),
            [(2..18, KramdownKind::AttributeList)]
        );
        assert_eq!(
            kinds("{: #id .class lang=\"en}\"}"),
            [(0..25, KramdownKind::AttributeList)]
        );
        assert_eq!(
            kinds("{::options parse_block_html=\"true\" /}"),
            [(0..37, KramdownKind::Extension)]
        );
        assert_eq!(kinds("{:/comment}"), [(0..11, KramdownKind::Extension)]);
        assert_eq!(kinds("{:/}"), [(0..4, KramdownKind::Extension)]);
        assert_eq!(
            kinds("{:ref: .big}"),
            [(0..12, KramdownKind::AttributeDefinition)]
        );
        assert_eq!(kinds("{:.a_b}"), [(0..7, KramdownKind::AttributeList)]);
        assert!(kinds("{:a => 1}").is_empty());
        assert!(kinds("\\{:toc}").is_empty());
        assert!(kinds("{:toc").is_empty());
        assert!(kinds("{:.x\n}").is_empty());
        assert!(kinds("{{ page.title }}").is_empty());
    }

    #[test]
    fn header_ids() {
        assert_eq!(header_id("Title {#my-id}"), Some(6..14));
        assert_eq!(header_id("Title {#my-id}  "), Some(6..14));
        assert_eq!(header_id("Title {#}"), None);
        assert_eq!(header_id("Title"), None);
    }

    #[test]
    fn tags() {
        assert_eq!(tag_name("<div class=\"x\">"), Some(("div".into(), false)));
        assert_eq!(tag_name("</SPAN>"), Some(("span".into(), true)));
        assert_eq!(tag_name("  <br/>"), Some(("br".into(), false)));
        assert_eq!(tag_name("<!-- c -->"), None);
        assert_eq!(tag_name("<?php ?>"), None);
    }

    #[test]
    fn finds_definitions() {
        let src = "[r]: /x\n> [Big  Ref]: </a b> \"t\"\n- [l]: /l\n    [c]: /code\n[^1]: note\n[no]: /x y\n";
        let lines = crate::lines::Lines::new(src);
        let defs = definitions(src, lines.all(), &[]);
        let got: Vec<_> = defs
            .iter()
            .map(|d| (d.label.as_str(), &src[d.url.clone()]))
            .collect();
        assert_eq!(
            got,
            [
                ("r", "/x"),
                ("big ref", "/a b"),
                ("l", "/l"),
                ("c", "/code")
            ]
        );
        let code = src.find("    [c]").unwrap()..src.len();
        let skip = std::slice::from_ref(&code);
        assert_eq!(definitions(src, lines.all(), skip).len(), 3);
    }

    #[test]
    fn counts_definition_lines() {
        let lines = |src: &str| definition_lines(src, 0, src.len());
        assert_eq!(lines("[a]: /a\n> [b]: /b\n  \"title\"\ntext\n"), 3);
        assert_eq!(lines("[a]: /a\ntext"), 1);
        assert_eq!(lines("[a]: /a b\n"), 0);
        assert_eq!(lines("[![x](/y) \\[a]: /a\n"), 0);
        assert_eq!(lines("[two\nlines]:\n  /dest 'and\na title'\ntext"), 4);
        assert_eq!(lines("[a]:\r\n/a\r\n"), 2);
        assert_eq!(lines("[a]: /a \"unclosed\ntext"), 0);
        assert!(is_title("\"t\"") && is_title("(t)") && is_title("'a \\' b'"));
        assert!(!is_title("\"t\\\"") && !is_title("\"") && !is_title("(a(b)"));
        assert!(!is_title("(}é|([a](/b)"));
    }

    #[test]
    fn unescapes() {
        assert_eq!(unescape("/a\\(b\\)\\q"), "/a(b)\\q");
        assert_eq!(normalize_label("  Big \n Ref "), "big ref");
    }
}
