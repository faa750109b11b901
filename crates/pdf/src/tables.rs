//! Table regions of a page and their columns, from the geometry of the lines.

use crate::layout::Builder;
use crate::lines::Line;

/// The columns of a table: each column's left and right edge on the shown page.
#[derive(Clone, Debug, PartialEq)]
pub struct Columns {
    pub edges: Vec<(f32, f32)>,
}

/// A table region: lines `start..end` of the page, laid out in `columns`.
#[derive(Clone, Debug)]
pub struct Block {
    pub start: usize,
    pub end: usize,
    pub columns: Columns,
}

/// The table regions of a page, in order.
pub fn find(
    _lines: &[Line],
    _rules: &[crate::glyphs::Rule],
    _carry: &mut Option<Columns>,
) -> Vec<Block> {
    Vec::new()
}

/// Writes a table region: one line per row, cells separated by tabs.
pub fn write(out: &mut Builder, page: u32, lines: &[Line], _columns: &Columns) {
    for line in lines {
        out.runs(&line.runs, page);
        out.push("\n");
    }
}
