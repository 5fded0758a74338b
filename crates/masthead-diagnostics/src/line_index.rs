//! Byte offset → 1-based line and column.

/// The byte offsets where each line starts, built once per file so that
/// turning a span into `line:column` is a binary search.
///
/// Lines end at `\n`; a `\r` before it belongs to the line it ends, so CRLF
/// files count lines like LF files. Columns count Unicode scalar values
/// (as editors and rustc do), starting at 1.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineIndex {
    line_starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { line_starts }
    }

    /// Number of lines (a trailing newline starts an empty last line).
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The 0-based line holding byte `offset` (offsets past the end land on the last line).
    pub fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// Byte offset where 0-based `line` starts, if the file has that line.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.line_starts.get(line).copied()
    }

    /// 1-based `(line, column)` of byte `offset` in `text` (the text this index was built from).
    ///
    /// An offset inside a multi-byte character or past the end is clamped, never a panic.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.line_of(offset);
        // `line_of` gives an index of `line_starts`, whose first entry is 0.
        let start = self.line_start(line).unwrap_or(0);
        let column = text
            .get(start..)
            .map(|rest| {
                rest.char_indices()
                    .take_while(|&(i, _)| start + i < offset)
                    .count()
            })
            .unwrap_or(0);
        (line + 1, column + 1)
    }

    /// The text of 0-based `line` without its line ending.
    pub fn line_text<'a>(&self, text: &'a str, line: usize) -> &'a str {
        let Some(&start) = self.line_starts.get(line) else {
            return "";
        };
        let end = self
            .line_starts
            .get(line + 1)
            .copied()
            .unwrap_or(text.len());
        let raw = text.get(start..end).unwrap_or("");
        raw.trim_end_matches('\n').trim_end_matches('\r')
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lf_and_crlf_count_lines_alike() {
        let lf = "a: 1\nb: 2\n";
        let crlf = "a: 1\r\nb: 2\r\n";
        assert_eq!(LineIndex::new(lf).line_col(lf, 5), (2, 1));
        assert_eq!(LineIndex::new(crlf).line_col(crlf, 6), (2, 1));
        assert_eq!(LineIndex::new(crlf).line_text(crlf, 0), "a: 1");
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "title: “x”";
        let offset = text.find('x').unwrap();
        assert_eq!(LineIndex::new(text).line_col(text, offset), (1, 9));
    }

    #[test]
    fn out_of_range_and_mid_character_offsets_do_not_panic() {
        let text = "é\n";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, 1), (1, 2));
        assert_eq!(index.line_col(text, 99), (2, 1));
        assert_eq!(index.line_text(text, 7), "");
    }
}
