//! A fast path for the front matter almost every file has: a block mapping of
//! plain keys to one-line plain scalars, quoted scalars (folded over lines as
//! libyaml folds them), lists of such scalars and nested mappings of the same.
//!
//! libyaml (through `unsafe-libyaml`) costs about ten microseconds a file; a
//! site of 10,000 documents pays that on every pre-commit run. This reader
//! builds the very tree, spans included, that [`crate::builder`] builds from
//! libyaml's events, but only for text it is sure libyaml reads the same way.
//! Anything else (tabs, flow collections, anchors, tags, block scalars,
//! escapes other than the common ones, multi-line plain scalars, odd
//! indentation, syntax errors) makes it answer `None`, and the caller falls
//! back to libyaml, which stays the reference: a differential test compares
//! the two on every fixture and on generated front matter.

use crate::{Document, Entry, Mapping, Node, NodeKind, ParseOptions, Scalar, ScalarStyle};
use masthead_diagnostics::Span;

/// The tree libyaml would build for `text`, when `text` is simple enough to
/// be sure of it; `None` otherwise.
pub(crate) fn parse(text: &str, options: &ParseOptions) -> Option<Document> {
    if !plain_text(text) {
        return None;
    }
    let lines = Lines::new(text);
    // An explicit document start, as every front matter has.
    let first = lines.get(0)?;
    if first.text.trim_end_matches(' ') != "---" {
        return None;
    }
    let mut reader = Reader {
        text,
        lines,
        nodes: 0,
        options,
    };
    let start = reader.next_significant(1)?;
    if reader.lines.get(start)?.indent != 0 {
        return None;
    }
    let (root, next) = reader.mapping(0, start, 1)?;
    // Everything must have been read: a line left over is something the
    // fast path does not understand.
    if reader.next_significant(next).is_some() {
        return None;
    }
    Some(Document { root: Some(root) })
}

/// Whether a line (from its indentation on) is a block list item.
fn is_item(rest: &str) -> bool {
    rest == "-" || rest.starts_with("- ")
}

/// Whether every character is one libyaml treats as ordinary printable text
/// or `\n`; tabs, carriage returns, BOMs and Unicode line breaks go to libyaml.
fn plain_text(text: &str) -> bool {
    // Most front matter is ASCII: check bytes first, characters only if not.
    // Each 32-byte chunk is checked whole, without stopping early, so that
    // the compiler can check many bytes per instruction.
    if text.as_bytes().chunks(32).all(|chunk| {
        chunk.iter().fold(true, |ok, &b| {
            ok & (b == b'\n' || (b' '..=b'~').contains(&b))
        })
    }) {
        return true;
    }
    text.chars().all(|c| {
        matches!(c, '\n' | ' '..='~' | '\u{A0}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
            && !matches!(c, '\u{2028}' | '\u{2029}' | '\u{FEFF}')
    })
}

/// One line of the text.
#[derive(Clone, Copy)]
struct Line<'t> {
    /// Byte offset of the line's first character.
    start: usize,
    /// The line without its `\n`.
    text: &'t str,
    /// Leading spaces.
    indent: usize,
    /// Whether the line is blank or only a comment.
    insignificant: bool,
}

struct Lines<'t> {
    lines: Vec<Line<'t>>,
}

impl<'t> Lines<'t> {
    fn new(text: &'t str) -> Self {
        let mut lines = Vec::with_capacity(32);
        let mut push = |start: usize, end: usize| {
            // `\n` is ASCII, so both ends are character boundaries.
            let line = &text[start..end];
            let indent = line.len() - line.trim_start_matches(' ').len();
            let rest = &line[indent..];
            lines.push(Line {
                start,
                text: line,
                indent,
                insignificant: rest.is_empty() || rest.starts_with('#'),
            });
        };
        // One vectorised search over the text finds every line break.
        let mut start = 0;
        for end in memchr::memchr_iter(b'\n', text.as_bytes()) {
            push(start, end);
            start = end + 1;
        }
        if start < text.len() {
            push(start, text.len());
        }
        Lines { lines }
    }

    fn get(&self, i: usize) -> Option<Line<'t>> {
        self.lines.get(i).copied()
    }
}

struct Reader<'t, 'o> {
    text: &'t str,
    lines: Lines<'t>,
    nodes: usize,
    options: &'o ParseOptions,
}

impl Reader<'_, '_> {
    /// The first line at or after `i` with content.
    fn next_significant(&self, i: usize) -> Option<usize> {
        let after = self.lines.lines.get(i..)?;
        after.iter().position(|l| !l.insignificant).map(|k| i + k)
    }

    /// Where libyaml puts the end of a collection that stops before line `i`
    /// (`None`: the end of the text): at the next token.
    fn end_mark(&self, next: Option<usize>) -> usize {
        next.and_then(|j| self.lines.get(j))
            .map_or(self.text.len(), |l| l.start + l.indent)
    }

    /// How many significant lines from line `i` sit at column `indent` (and
    /// pass `keep`) before one less indented: at least the entries of the
    /// collection starting there, so its vector is allocated once, not grown
    /// through 4, 8 and 16 entries (a third of the bytes parsing allocated).
    fn lines_at(&self, indent: usize, i: usize, keep: impl Fn(&str) -> bool) -> usize {
        self.lines
            .lines
            .get(i..)
            .unwrap_or_default()
            .iter()
            .filter(|l| !l.insignificant)
            .take_while(|l| l.indent >= indent)
            .filter(|l| l.indent == indent && keep(&l.text[indent..]))
            .count()
    }

    fn count(&mut self, depth: usize) -> Option<()> {
        self.nodes += 1;
        (self.nodes <= self.options.max_nodes && depth <= self.options.max_depth).then_some(())
    }

    /// A block mapping whose keys sit at column `indent`, from line `i`.
    /// Returns the node and the line after it.
    fn mapping(&mut self, indent: usize, i: usize, depth: usize) -> Option<(Node, usize)> {
        self.count(depth)?;
        let mut entries = Vec::with_capacity(self.lines_at(indent, i, |rest| !is_item(rest)));
        let mut at = i;
        let start = self.lines.get(i)?.start + indent;
        let next = loop {
            let Some(j) = self.next_significant(at) else {
                break None;
            };
            let line = self.lines.get(j)?;
            if line.indent < indent {
                break Some(j);
            }
            if line.indent > indent {
                return None;
            }
            let (entry, after) = self.entry(line, j, depth)?;
            entries.push(entry);
            at = after;
        };
        let end = self.end_mark(next);
        let node = Node {
            kind: NodeKind::Mapping(Mapping { entries }),
            span: Span::new(start, end),
            tag: None,
        };
        Some((node, next.unwrap_or(self.lines.lines.len())))
    }

    /// One `key: value` entry on line `j`.
    fn entry(&mut self, line: Line<'_>, j: usize, depth: usize) -> Option<(Entry, usize)> {
        let rest = &line.text[line.indent..];
        let key_len = plain_key_len(rest)?;
        let after_colon = &rest[key_len + 1..];
        if !(after_colon.is_empty() || after_colon.starts_with(' ')) {
            return None;
        }
        self.count(depth + 1)?;
        let key_start = line.start + line.indent;
        let key = Node {
            kind: NodeKind::Scalar(Scalar {
                text: rest[..key_len].to_string(),
                style: ScalarStyle::Plain,
            }),
            span: Span::new(key_start, key_start + key_len),
            tag: None,
        };
        let colon_end = key_start + key_len + 1;
        let value_text = after_colon.trim_start_matches(' ');
        if value_text.is_empty() || value_text.starts_with('#') {
            let (value, after) = self.block_value(line.indent, j + 1, colon_end, depth + 1)?;
            return Some((Entry { key, value }, after));
        }
        let value_start = colon_end + (after_colon.len() - value_text.len());
        let (value, after) = self.inline_scalar(value_start, j, line.indent, depth + 1)?;
        Some((Entry { key, value }, after))
    }

    /// The value of a `key:` with nothing after the colon: a list or a
    /// mapping on the lines below, or null (an empty scalar at `empty_at`).
    fn block_value(
        &mut self,
        parent_indent: usize,
        i: usize,
        empty_at: usize,
        depth: usize,
    ) -> Option<(Node, usize)> {
        if let Some(k) = self.next_significant(i) {
            let line = self.lines.get(k)?;
            let rest = &line.text[line.indent..];
            if is_item(rest) && line.indent >= parent_indent {
                return self.sequence(line.indent, k, depth);
            }
            if line.indent > parent_indent {
                return self.mapping(line.indent, k, depth);
            }
        }
        self.count(depth)?;
        Some((empty(empty_at), i))
    }

    /// A block list whose `-` sit at column `indent`, from line `i`.
    fn sequence(&mut self, indent: usize, i: usize, depth: usize) -> Option<(Node, usize)> {
        self.count(depth)?;
        let start = self.lines.get(i)?.start + indent;
        let mut items = Vec::with_capacity(self.lines_at(indent, i, is_item));
        let mut at = i;
        let next = loop {
            let Some(j) = self.next_significant(at) else {
                break None;
            };
            let line = self.lines.get(j)?;
            if line.indent < indent {
                break Some(j);
            }
            if line.indent > indent {
                return None;
            }
            let rest = &line.text[indent..];
            if !is_item(rest) {
                // A key after an indentless list ends it; anything else at
                // a list's column is not for the fast path.
                break Some(j);
            }
            let dash_end = line.start + indent + 1;
            let value_text = rest[1..].trim_start_matches(' ');
            if value_text.is_empty() || value_text.starts_with('#') {
                // An empty item, unless something nested follows.
                if let Some(k) = self.next_significant(j + 1)
                    && self.lines.get(k)?.indent > indent
                {
                    return None;
                }
                self.count(depth + 1)?;
                items.push(empty(dash_end));
                at = j + 1;
                continue;
            }
            let value_start = dash_end + (rest.len() - 1 - value_text.len());
            let (item, after) = self.inline_scalar(value_start, j, indent, depth + 1)?;
            items.push(item);
            at = after;
        };
        // A list at the column of its key's mapping must end at a key of
        // that mapping (or the end); one indented deeper, at anything less
        // indented.
        if let Some(j) = next {
            let line = self.lines.get(j)?;
            if line.indent == indent && plain_key_len(&line.text[indent..]).is_none() {
                return None;
            }
        }
        let end = self.end_mark(next);
        let node = Node {
            kind: NodeKind::Sequence(items),
            span: Span::new(start, end),
            tag: None,
        };
        Some((node, next.unwrap_or(self.lines.lines.len())))
    }

    /// A scalar starting at byte `start` on line `j` (of a collection at
    /// column `indent`). Returns it and the line after it.
    fn inline_scalar(
        &mut self,
        start: usize,
        j: usize,
        indent: usize,
        depth: usize,
    ) -> Option<(Node, usize)> {
        self.count(depth)?;
        let first = self.text[start..].chars().next()?;
        let (node, last_line) = match first {
            '"' | '\'' => self.quoted(start, j, first)?,
            _ => (self.plain(start, j)?, j),
        };
        // What follows must be at the collection's column or left of it:
        // anything deeper would continue a plain scalar, or be an error.
        if let Some(k) = self.next_significant(last_line + 1)
            && self.lines.get(k)?.indent > indent
        {
            return None;
        }
        Some((node, last_line + 1))
    }

    /// A one-line plain scalar from `start` on line `j`.
    fn plain(&self, start: usize, j: usize) -> Option<Node> {
        let line = self.lines.get(j)?;
        let rest = &self.text[start..line.start + line.text.len()];
        let bytes = rest.as_bytes();
        if matches!(
            bytes.first()?,
            b'-' | b'?'
                | b':'
                | b','
                | b'['
                | b']'
                | b'{'
                | b'}'
                | b'#'
                | b'&'
                | b'*'
                | b'!'
                | b'|'
                | b'>'
                | b'\''
                | b'"'
                | b'%'
                | b'@'
                | b'`'
        ) {
            return None;
        }
        // A comment starts at ` #`; `:` and a space (or the end) would be a
        // mapping, which the fast path leaves to libyaml.
        let mut end = bytes.len();
        for (i, &b) in bytes.iter().enumerate() {
            let next = bytes.get(i + 1);
            if b == b' ' && next == Some(&b'#') {
                end = i;
                break;
            }
            if b == b':' && matches!(next, None | Some(b' ')) {
                return None;
            }
        }
        let content = rest[..end].trim_end_matches(' ');
        if content.ends_with(':') {
            return None;
        }
        Some(Node {
            kind: NodeKind::Scalar(Scalar {
                text: content.to_string(),
                style: ScalarStyle::Plain,
            }),
            span: Span::new(start, start + content.len()),
            tag: None,
        })
    }

    /// A quoted scalar whose opening quote is at `start` on line `j`, folded
    /// over lines as libyaml folds it. Returns it and its last line.
    fn quoted(&self, start: usize, j: usize, quote: char) -> Option<(Node, usize)> {
        let bytes = self.text.as_bytes();
        let double = quote == '"';
        let quote = quote as u8;
        // Most quoted values close on their line: room for the line's rest.
        let line_end = self.lines.get(j).map_or(start, |l| l.start + l.text.len());
        let mut out = String::with_capacity(line_end.saturating_sub(start));
        let mut pos = start + 1;
        let mut line = j;
        loop {
            let run = pos;
            // Up to the next line break, quote or (in double quotes)
            // backslash, found by a vectorised search. Spaces between words
            // are copied as they are; spaces before a line break are folded
            // away by `fold_blanks`, so the run stops before them.
            let tail = bytes.get(pos..)?;
            let stop = if double {
                memchr::memchr3(b'\n', quote, b'\\', tail)
            } else {
                memchr::memchr2(b'\n', quote, tail)
            };
            pos = stop.map_or(bytes.len(), |n| pos + n);
            if bytes.get(pos).is_none_or(|&b| b == b'\n') {
                while pos > run && bytes.get(pos - 1) == Some(&b' ') {
                    pos -= 1;
                }
            }
            // `pos` stops at an ASCII byte or the end: a character boundary.
            out.push_str(&self.text[run..pos]);
            match *bytes.get(pos)? {
                b' ' | b'\n' => {
                    (pos, line) = self.fold_blanks(&mut out, pos, line)?;
                }
                b'\\' => {
                    out.push(match bytes.get(pos + 1)? {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'n' => '\n',
                        b't' => '\t',
                        _ => return None,
                    });
                    pos += 2;
                }
                _ if !double && bytes.get(pos + 1) == Some(&b'\'') => {
                    out.push('\'');
                    pos += 2;
                }
                _ => return self.quoted_end(out, pos, start, line),
            }
        }
    }

    /// Spaces and line breaks inside a quoted scalar, folded as libyaml
    /// does: spaces before a break and indentation after it vanish; one
    /// break becomes a space, each further (empty) line a `\n`.
    fn fold_blanks(
        &self,
        out: &mut String,
        mut pos: usize,
        mut line: usize,
    ) -> Option<(usize, usize)> {
        let bytes = self.text.as_bytes();
        let mut spaces = 0usize;
        let mut leading_break = false;
        let mut trailing_breaks = 0usize;
        loop {
            match bytes.get(pos) {
                Some(b' ') => {
                    if !leading_break {
                        spaces += 1;
                    }
                    pos += 1;
                }
                Some(b'\n') => {
                    if leading_break {
                        trailing_breaks += 1;
                    } else {
                        spaces = 0;
                        leading_break = true;
                    }
                    pos += 1;
                    line += 1;
                    // A document marker at the start of a line ends the
                    // document inside the quotes: libyaml's error.
                    let rest = &self.text[pos..];
                    if (rest.starts_with("---") || rest.starts_with("..."))
                        && matches!(rest.as_bytes().get(3), None | Some(b' ' | b'\n'))
                    {
                        return None;
                    }
                }
                // The end of the text inside quotes: libyaml's error.
                None => return None,
                Some(_) => break,
            }
        }
        if leading_break {
            if trailing_breaks == 0 {
                out.push(' ');
            } else {
                out.extend(std::iter::repeat_n('\n', trailing_breaks));
            }
        } else {
            out.extend(std::iter::repeat_n(' ', spaces));
        }
        Some((pos, line))
    }

    /// The closing quote at `pos`: the rest of its line must be empty or a
    /// comment.
    fn quoted_end(
        &self,
        text: String,
        pos: usize,
        start: usize,
        line: usize,
    ) -> Option<(Node, usize)> {
        let l = self.lines.get(line)?;
        let rest = &self.text[pos + 1..l.start + l.text.len()];
        let after = rest.trim_start_matches(' ');
        if !(after.is_empty() || (after.starts_with('#') && after.len() < rest.len())) {
            return None;
        }
        let style = if self.text.as_bytes().get(start) == Some(&b'"') {
            ScalarStyle::DoubleQuoted
        } else {
            ScalarStyle::SingleQuoted
        };
        let node = Node {
            kind: NodeKind::Scalar(Scalar { text, style }),
            span: Span::new(start, pos + 1),
            tag: None,
        };
        Some((node, line))
    }
}

/// The length of a plain `key` followed by `:` at the start of `rest`
/// (ASCII letters, digits, `_` and inner `-` only).
fn plain_key_len(rest: &str) -> Option<usize> {
    let bytes = rest.as_bytes();
    let first = *bytes.first()?;
    if !(first.is_ascii_alphanumeric() || first == b'_') {
        return None;
    }
    let len = bytes
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || b == b'_' || b == b'-'))?;
    (bytes.get(len) == Some(&b':')).then_some(len)
}

/// The empty (null) scalar libyaml reports at `at`.
fn empty(at: usize) -> Node {
    Node {
        kind: NodeKind::Scalar(Scalar {
            text: String::new(),
            style: ScalarStyle::Plain,
        }),
        span: Span::point(at),
        tag: None,
    }
}
