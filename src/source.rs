//! The original text and positions in it.
//!
//! Every span in the model is a UTF-8 byte range into the text exactly as the user gave it
//! (architecture invariant 2). People read lines and character columns, JavaScript reads UTF-16
//! offsets: [`LineIndex`] converts at the edge.

use serde::{Deserialize, Serialize};

/// A UTF-8 byte range `start..end` into the original text.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    pub fn len(self) -> usize {
        self.end.saturating_sub(self.start)
    }

    pub fn is_empty(self) -> bool {
        self.len() == 0
    }
}

/// Start offsets of every line, for offset → (line, column) conversion.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
}

/// A 1-based line and a 1-based column counted in characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// Line and character column of a byte offset (clamped into the text, floored to a char boundary).
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = floor_char_boundary(text, offset);
        let line = self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let start = self.starts.get(line).copied().unwrap_or(0);
        let column = text.get(start..offset).map_or(0, |s| s.chars().count());
        LineCol {
            line: line + 1,
            column: column + 1,
        }
    }

    /// The UTF-16 code-unit offset of a byte offset, as JavaScript strings count.
    pub fn utf16_offset(text: &str, offset: usize) -> usize {
        let offset = floor_char_boundary(text, offset);
        text.get(..offset)
            .map_or(0, |s| s.chars().map(char::len_utf16).sum())
    }
}

/// The smallest char boundary not before `offset` (the text's end past it).
pub fn ceil_char_boundary(text: &str, offset: usize) -> usize {
    let mut i = offset.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The largest char boundary not after `offset`.
pub fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut i = offset.min(text.len());
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_boundaries_round_down_and_up() {
        let text = "一二"; // three bytes each
        assert_eq!(floor_char_boundary(text, 4), 3);
        assert_eq!(ceil_char_boundary(text, 4), 6);
        assert_eq!(ceil_char_boundary(text, 3), 3);
        assert_eq!(ceil_char_boundary(text, 99), 6);
    }

    #[test]
    fn line_col_counts_characters() {
        let text = "一二\n三a四";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), LineCol { line: 1, column: 1 });
        assert_eq!(idx.line_col(text, 3), LineCol { line: 1, column: 2 });
        let four = text.find('四').unwrap();
        assert_eq!(idx.line_col(text, four), LineCol { line: 2, column: 3 });
        // Inside a character: floored to its start.
        assert_eq!(idx.line_col(text, 1), LineCol { line: 1, column: 1 });
        assert_eq!(idx.line_col(text, 999).line, 2);
    }

    #[test]
    fn utf16_offsets() {
        let text = "a一𝄞b";
        assert_eq!(LineIndex::utf16_offset(text, 1), 1);
        assert_eq!(LineIndex::utf16_offset(text, 4), 2);
        assert_eq!(LineIndex::utf16_offset(text, 8), 4);
    }
}
