//! Pages of lines → the text the checker reads, and the origin of every run or cell in it.
//!
//! Each page's lines are written top to bottom, runs separated by one space; the table regions
//! [`crate::tables`] finds are written row by row, cells separated by tabs. Pages are separated by
//! a form feed (the checker's lexer takes it as a page break).

use crate::lines::{Line, Run};
use crate::tables;
use budget_lint::origin::{Origin, Origins};
use budget_lint::source::Span;

/// The text being written and the origins of its stretches.
#[derive(Default)]
pub struct Builder {
    pub text: String,
    pub origins: Origins,
}

impl Builder {
    /// Appends `s`, standing at `bbox` (user space) on `page`.
    pub fn placed(&mut self, s: &str, page: u32, bbox: [f32; 4]) {
        let start = self.text.len();
        self.text.push_str(s);
        if s.is_empty() {
            return;
        }
        let r = |v: f32| (v * 100.0).round() / 100.0;
        self.origins.push(
            Span::new(start, self.text.len()),
            Origin::Page {
                file: None,
                page,
                bbox: [r(bbox[0]), r(bbox[1]), r(bbox[2]), r(bbox[3])],
            },
        );
    }

    pub fn push(&mut self, s: &str) {
        self.text.push_str(s);
    }

    /// Runs on one line, one space between them.
    pub fn runs(&mut self, runs: &[Run], page: u32) {
        for (i, r) in runs.iter().enumerate() {
            if i > 0 {
                self.push(" ");
            }
            self.placed(&r.text, page, r.user);
        }
    }

    /// A page break (form feed) before every page but the first.
    pub fn page_break(&mut self) {
        if !self.text.is_empty() {
            if !self.text.ends_with('\n') {
                self.text.push('\n');
            }
            self.text.push('\u{c}');
        }
    }
}

/// Writes one page (`page` from 1): its tables as tab-separated rows, the rest line by line.
/// `carry` holds the columns of a table still open at the end of the previous page.
pub fn page(
    out: &mut Builder,
    page: u32,
    lines: &[Line],
    rules: &[crate::glyphs::Rule],
    carry: &mut Option<tables::Columns>,
) {
    out.page_break();
    let blocks = tables::find(lines, rules, carry);
    let mut i = 0;
    for block in blocks {
        while i < block.start {
            out.runs(&lines[i].runs, page);
            out.push("\n");
            i += 1;
        }
        tables::write(
            out,
            page,
            &lines[block.start..block.end],
            block.body - block.start,
            &block.columns,
            rules,
        );
        i = block.end;
    }
    while i < lines.len() {
        out.runs(&lines[i].runs, page);
        out.push("\n");
        i += 1;
    }
}
