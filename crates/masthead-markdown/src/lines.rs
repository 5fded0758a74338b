//! Turning comrak's line/column positions into byte offsets.
//!
//! comrak numbers lines from 1 and columns from 1, in UTF-8 bytes, with the
//! end position naming the node's last byte (inclusive). Lines end at `\n`,
//! `\r\n` or a lone `\r`, as CommonMark says.

use std::ops::Range;

/// Where each line of a text starts.
pub(crate) struct Lines<'s> {
    text: &'s str,
    /// Byte offset of the start of each line; never empty.
    starts: Vec<usize>,
}

impl<'s> Lines<'s> {
    /// Indexes `text`.
    pub(crate) fn new(text: &'s str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = Vec::with_capacity(bytes.len() / 32 + 1);
        starts.push(0);
        // Jump from line break to line break (`\n`, `\r\n` or a lone `\r`);
        // the `\n` of a `\r\n` is skipped, as it starts no line.
        let mut skip = None;
        for at in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if skip == Some(at) {
                continue;
            }
            let end = if bytes.get(at) == Some(&b'\r') && bytes.get(at + 1) == Some(&b'\n') {
                skip = Some(at + 1);
                at + 2
            } else {
                at + 1
            };
            starts.push(end);
        }
        Lines { text, starts }
    }

    /// The byte offset of 1-based `line` and `column` (the first byte of
    /// the character there), clamped to the text.
    pub(crate) fn offset(&self, line: usize, column: usize) -> usize {
        let Some(start) = self.line_start(line) else {
            return self.text.len();
        };
        let at = start.saturating_add(column.saturating_sub(1));
        floor_boundary(self.text, at.min(self.text.len()))
    }

    /// The byte range from a start position to an inclusive end position,
    /// both 1-based line and column, widened to whole characters.
    pub(crate) fn range(&self, start: (usize, usize), end: (usize, usize)) -> Range<usize> {
        let from = self.offset(start.0, start.1);
        let to = match self.line_start(end.0) {
            Some(line_start) => line_start.saturating_add(end.1).min(self.text.len()),
            None => self.text.len(),
        };
        let to = ceil_boundary(self.text, to).max(from);
        from..to
    }

    /// The offset where 1-based `line` starts (line 0 reads as the first),
    /// or `None` past the last line.
    fn line_start(&self, line: usize) -> Option<usize> {
        self.starts.get(line.saturating_sub(1)).copied()
    }

    /// The range of the line holding `offset`, without its line ending.
    pub(crate) fn line_around(&self, offset: usize) -> Range<usize> {
        let idx = self
            .starts
            .partition_point(|s| *s <= offset)
            .saturating_sub(1);
        let start = self.starts.get(idx).copied().unwrap_or(0);
        let next = self.starts.get(idx + 1).copied().unwrap_or(self.text.len());
        let line = self.text.get(start..next).unwrap_or("");
        let content = line.trim_end_matches(['\n', '\r']).len();
        start..start + content
    }

    /// Every line's range, without line endings.
    pub(crate) fn all(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        self.starts.iter().map(|s| self.line_around(*s))
    }
}

/// The largest character boundary at or before `at`.
pub(crate) fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The smallest character boundary at or after `at`.
pub(crate) fn ceil_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while at < text.len() && !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_with_every_line_ending() {
        let text = "ab\r\ncd\ref\ngh";
        let lines = Lines::new(text);
        assert_eq!(lines.offset(1, 1), 0);
        assert_eq!(lines.offset(2, 1), 4);
        assert_eq!(lines.offset(3, 2), 8);
        assert_eq!(lines.offset(4, 1), 10);
        assert_eq!(lines.range((2, 1), (2, 2)), 4..6);
        assert_eq!(lines.line_around(5), 4..6);
        assert_eq!(lines.all().collect::<Vec<_>>(), [0..2, 4..6, 7..9, 10..12]);
    }

    #[test]
    fn multibyte_ends_cover_the_whole_character() {
        // "a –" : the en dash is three bytes, comrak names its last byte.
        let text = "a –";
        let lines = Lines::new(text);
        assert_eq!(lines.range((1, 1), (1, 5)), 0..5);
        // A column inside the character still widens to all of it.
        assert_eq!(lines.range((1, 1), (1, 3)), 0..5);
    }

    #[test]
    fn out_of_range_positions_clamp() {
        let lines = Lines::new("abc");
        assert_eq!(lines.range((9, 9), (12, 1)), 3..3);
        assert_eq!(lines.range((0, 0), (1, 0)), 0..0);
        assert_eq!(lines.offset(1, 99), 3);
    }
}
