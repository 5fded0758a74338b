//! Splitting a file into front matter and body, keeping byte offsets.
//!
//! Jekyll's rule (`Document::YAML_FRONT_MATTER_REGEXP`,
//! `\A(---\s*\n.*?\n?)^((---|\.\.\.)\s*$\n?)`): the file starts with `---`
//! and optional whitespace on its own line; the front matter ends at the
//! first later line that is `---` or `...` plus optional whitespace. CRLF
//! works because `\s` matches `\r`.

use masthead_diagnostics::Span;

/// The parts of a file, as byte ranges into the original bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Split {
    /// No front matter: the file is all body (Jekyll: a static file).
    None {
        /// Length of a UTF-8 byte-order mark at the start (0 or 3).
        bom: usize,
    },
    /// An opening `---` with no closing line (Jekyll reads no front matter
    /// and uses the whole file as content).
    Unclosed {
        /// Length of the BOM (0 or 3).
        bom: usize,
        /// The opening line.
        open: Span,
    },
    /// Front matter and body.
    Closed {
        /// Length of the BOM (0 or 3).
        bom: usize,
        /// The opening `---` line, line break included.
        open: Span,
        /// The YAML text between the fences.
        yaml: Span,
        /// The closing line, line break included.
        close: Span,
        /// Everything after the closing line.
        body: Span,
    },
}

const BOM: &str = "\u{feff}";

/// Splits `text` (a whole file) per Jekyll's rule, after a UTF-8 BOM if any.
pub fn split(text: &str) -> Split {
    let bom = if text.starts_with(BOM) { BOM.len() } else { 0 };
    let rest = &text[bom..];
    let Some(open_len) = opening_fence(rest) else {
        return Split::None { bom };
    };
    let open = Span::new(bom, bom + open_len);
    // Closing fence: the first line start at or after the opening fence's end
    // (a `\n?` lets the fence follow immediately) whose line is `---`/`...`.
    // Line ends come from one vectorised search; only a line starting with
    // `-` or `.` can close.
    let bytes = text.as_bytes();
    let ends = memchr::memchr_iter(b'\n', bytes.get(open.end..).unwrap_or_default())
        .map(|i| open.end + i)
        .chain(std::iter::once(text.len()));
    let mut line_start = open.end;
    for line_end in ends {
        if matches!(bytes.get(line_start), Some(b'-' | b'.'))
            && is_closing_line(&text[line_start..line_end])
        {
            let close_end = (line_end + 1).min(text.len());
            return Split::Closed {
                bom,
                open,
                yaml: Span::new(open.end, line_start),
                close: Span::new(line_start, close_end),
                body: Span::new(close_end, text.len()),
            };
        }
        line_start = line_end + 1;
    }
    Split::Unclosed { bom, open }
}

/// `---` then whitespace (`\s*`, which may span blank lines) then a newline:
/// returns the length through the last newline `\s*\n` can reach, as the
/// greedy regex does before backtracking to a `\n`.
fn opening_fence(text: &str) -> Option<usize> {
    let after = text.strip_prefix("---")?;
    let ws_len = after
        .bytes()
        .take_while(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'\x0b' | b'\x0c'))
        .count();
    let ws = &after[..ws_len];
    let last_newline = ws.rfind('\n')?;
    Some(3 + last_newline + 1)
}

fn is_closing_line(line: &str) -> bool {
    let fence = if let Some(r) = line.strip_prefix("---") {
        r
    } else if let Some(r) = line.strip_prefix("...") {
        r
    } else {
        return false;
    };
    fence
        .bytes()
        .all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\x0b' | b'\x0c'))
}

impl Split {
    /// Length of the BOM.
    pub fn bom(&self) -> usize {
        match self {
            Split::None { bom } | Split::Unclosed { bom, .. } | Split::Closed { bom, .. } => *bom,
        }
    }

    /// The body's byte range (the whole file after the BOM when there is no
    /// closed front matter, as in Jekyll).
    pub fn body(&self, text_len: usize) -> Span {
        match self {
            Split::Closed { body, .. } => *body,
            other => Span::new(other.bom(), text_len),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn closed(text: &str) -> (String, String) {
        match split(text) {
            Split::Closed { yaml, body, .. } => (
                text[yaml.start..yaml.end].to_string(),
                text[body.start..body.end].to_string(),
            ),
            other => panic!("not closed: {other:?}"),
        }
    }

    #[test]
    fn plain_front_matter_and_body() {
        assert_eq!(
            closed("---\ntitle: x\n---\n\nBody\n"),
            ("title: x\n".into(), "\nBody\n".into())
        );
    }

    #[test]
    fn crlf_fences() {
        assert_eq!(
            closed("---\r\ntitle: x\r\n---\r\nBody\r\n"),
            ("title: x\r\n".into(), "Body\r\n".into())
        );
    }

    #[test]
    fn bom_is_skipped_and_offsets_stay_in_file_bytes() {
        let text = "\u{feff}---\ntitle: x\n---\nBody";
        match split(text) {
            Split::Closed {
                bom, open, yaml, ..
            } => {
                assert_eq!(bom, 3);
                assert_eq!(open, Span::new(3, 7));
                assert_eq!(&text[yaml.start..yaml.end], "title: x\n");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn empty_front_matter_and_dots_closing() {
        assert_eq!(closed("---\n---\nBody"), (String::new(), "Body".into()));
        assert_eq!(
            closed("---\na: 1\n...\nBody"),
            ("a: 1\n".into(), "Body".into())
        );
    }

    #[test]
    fn dashes_in_the_body_belong_to_the_body() {
        let (yaml, body) = closed("---\na: 1\n---\nText\n---\nMore\n");
        assert_eq!(yaml, "a: 1\n");
        assert_eq!(body, "Text\n---\nMore\n");
    }

    #[test]
    fn a_longer_rule_does_not_close() {
        assert!(matches!(split("---\na: 1\n----\n"), Split::Unclosed { .. }));
    }

    #[test]
    fn no_front_matter_and_unclosed() {
        assert_eq!(split("Just text\n"), Split::None { bom: 0 });
        assert_eq!(split("--- not a fence\n"), Split::None { bom: 0 });
        assert_eq!(
            split("---\ntitle: x\n"),
            Split::Unclosed {
                bom: 0,
                open: Span::new(0, 4)
            }
        );
        assert_eq!(split(""), Split::None { bom: 0 });
        assert_eq!(split("---"), Split::None { bom: 0 });
    }

    #[test]
    fn closing_fence_without_trailing_newline() {
        assert_eq!(closed("---\na: 1\n---"), ("a: 1\n".into(), String::new()));
    }

    #[test]
    fn trailing_spaces_on_fences() {
        assert_eq!(
            closed("--- \na: 1\n---  \nB"),
            ("a: 1\n".into(), "B".into())
        );
    }

    /// `split` as first written, one `find('\n')` per line: what the
    /// vectorised version must equal.
    fn split_line_by_line(text: &str) -> Split {
        let bom = if text.starts_with(BOM) { BOM.len() } else { 0 };
        let Some(open_len) = opening_fence(&text[bom..]) else {
            return Split::None { bom };
        };
        let open = Span::new(bom, bom + open_len);
        let mut line_start = open.end;
        while line_start <= text.len() {
            let line_end = text[line_start..]
                .find('\n')
                .map_or(text.len(), |i| line_start + i);
            if is_closing_line(&text[line_start..line_end]) {
                let close_end = (line_end + 1).min(text.len());
                return Split::Closed {
                    bom,
                    open,
                    yaml: Span::new(open.end, line_start),
                    close: Span::new(line_start, close_end),
                    body: Span::new(close_end, text.len()),
                };
            }
            if line_end >= text.len() {
                break;
            }
            line_start = line_end + 1;
        }
        Split::Unclosed { bom, open }
    }

    proptest::proptest! {
        #[test]
        fn split_agrees_with_the_line_by_line_reading(
            text in "(\u{feff})?(---[ \t\r]?\n)?((---|\\.\\.\\.|[-.]|[a-zé: \t\r]{0,3}){0,3}\n?){0,12}",
        ) {
            proptest::prop_assert_eq!(split(&text), split_line_by_line(&text));
        }

        #[test]
        fn split_never_panics_and_spans_are_in_bounds(text in "(\u{feff})?(---|\\.\\.\\.|[-.a-z: \t\r\n]){0,40}") {
            let s = split(&text);
            let body = s.body(text.len());
            proptest::prop_assert!(body.end <= text.len() && text.is_char_boundary(body.start));
            if let Split::Closed { yaml, .. } = s {
                proptest::prop_assert!(text.get(yaml.start..yaml.end).is_some());
            }
        }
    }
}
