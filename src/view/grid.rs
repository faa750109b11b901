//! Sheets of a workbook drawn as grids in the source view.
//!
//! A workbook reaches the checker as text: each sheet's rows as lines, its cells separated by
//! tabs, every cell's stretch recorded as an [`Origin::Cell`] (`crate::origin`). [`grids`] finds
//! those stretches again: the lines of one sheet, the sheet row each line stands for and the
//! column its first field is in, so that the source view can draw the sheet as the person saw it
//! in Excel (column letters above, row numbers beside, each finding marked on its cell) while the
//! marks still come from the same segments of the text.
//!
//! A stretch is a grid only when the text says so: every reference is an A1 cell, cells stand
//! side by side on at least one line, and each cell sits in the field its column gives (the
//! `k`-th field of a line is column `first_column + k`). A Word file's paragraphs (`正文!P12`,
//! one per line) and anything else stay text.
//!
//! [`tab_tables`] finds the tables a PDF page was laid out into (tab-separated lines), which the
//! source view draws in aligned columns as well, without letters and numbers.

use crate::origin::{parse_cell, Origin, Origins};
use crate::source::Span;
use serde::{Deserialize, Serialize};

/// What a grid is drawn from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum GridKind {
    /// A sheet of a workbook: drawn with its column letters and row numbers.
    Sheet,
    /// A table a PDF page laid out as tab-separated lines: its cells drawn in aligned columns.
    Tabs,
}

/// The lines of one sheet, or of one table of a PDF page, as a grid.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grid {
    pub kind: GridKind,
    /// The file's name, when several files were checked together.
    pub file: Option<String>,
    pub sheet: String,
    /// The text it covers: whole lines, `start..end`.
    pub start: usize,
    pub end: usize,
    /// The column (0-based) of every line's first field: the `k`-th field of a line stands in
    /// column `first_column + k`.
    pub first_column: u32,
    /// The most fields a line has.
    pub columns: u32,
    /// Each line's place in the sheet, in order; `None` for a line that stands for empty rows
    /// left out (or holds no cell).
    pub lines: Vec<Option<GridLine>>,
}

/// Where a line of a grid stands in its sheet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GridLine {
    /// The sheet row (0-based).
    pub row: u32,
    /// The column (0-based) of its first field: the grid's first column, except for a line of one
    /// field (a title above the header), which the reader writes without tabs wherever it stands.
    pub column: u32,
}

/// One cell's stretch of the text and its place.
struct Placed {
    span: Span,
    row: u32,
    col: u32,
}

/// The grids of a text read out of workbooks, in text order and not overlapping.
pub fn grids(text: &str, origins: &Origins) -> Vec<Grid> {
    let mut out: Vec<Grid> = Vec::new();
    let entries = origins.entries();
    let mut i = 0;
    while i < entries.len() {
        let Origin::Cell { file, sheet, .. } = &entries[i].1 else {
            i += 1;
            continue;
        };
        let same = |o: &Origin| matches!(o, Origin::Cell { file: f, sheet: s, .. } if f == file && s == sheet);
        let run = entries[i..].iter().take_while(|(_, o)| same(o)).count();
        let cells: Option<Vec<Placed>> = entries[i..i + run]
            .iter()
            .map(|(span, o)| match o {
                Origin::Cell { cell, .. } => parse_cell(cell).map(|(row, col)| Placed {
                    span: *span,
                    row,
                    col,
                }),
                Origin::Page { .. } => None,
            })
            .collect();
        i += run;
        let grid = cells.and_then(|cells| grid_of(text, file.clone(), sheet.clone(), &cells));
        if let Some(grid) = grid.filter(|g| out.last().is_none_or(|last| last.end <= g.start)) {
            out.push(grid);
        }
    }
    out
}

/// The grid over the lines that hold `cells` (in text order), if they stand as a sheet's cells do.
fn grid_of(text: &str, file: Option<String>, sheet: String, cells: &[Placed]) -> Option<Grid> {
    let first = cells.first()?;
    let last = cells.last()?;
    if last.span.end > text.len() || !text.is_char_boundary(first.span.start) {
        return None;
    }
    let start = text[..first.span.start].rfind('\n').map_or(0, |i| i + 1);
    let end = text[last.span.end..]
        .find('\n')
        .map_or(text.len(), |i| last.span.end + i + 1);
    let first_column = cells.iter().map(|c| c.col).min()?;
    let mut lines = Vec::new();
    let mut columns = 1;
    let mut side_by_side = false;
    let mut next = 0;
    let mut at = start;
    for line in text[start..end].split_inclusive('\n') {
        let line_end = at + line.len();
        let fields = line.matches('\t').count() as u32 + 1;
        columns = columns.max(fields);
        let mut place: Option<GridLine> = None;
        let mut on_line = 0;
        while let Some(c) = cells.get(next).filter(|c| c.span.start < line_end) {
            // Its field: the tabs before it on the line.
            let field = text[at..c.span.start].matches('\t').count() as u32;
            let spread = text[c.span.start..c.span.end.min(line_end)].contains('\t');
            let in_place = field == 0 && fields == 1 || c.col == first_column + field;
            if spread || !in_place || place.is_some_and(|p| p.row != c.row) {
                return None;
            }
            place.get_or_insert(GridLine {
                row: c.row,
                column: if fields == 1 { c.col } else { first_column },
            });
            on_line += 1;
            next += 1;
        }
        side_by_side |= on_line >= 2;
        lines.push(place);
        at = line_end;
    }
    side_by_side.then_some(Grid {
        kind: GridKind::Sheet,
        file,
        sheet,
        start,
        end,
        first_column,
        columns,
        lines,
    })
}

/// The tables of a text read out of PDFs: runs of two or more consecutive lines with tabs (the
/// PDF reader writes a table's rows so, a field per column, empty cells included), on a page (the
/// lines overlap a PDF origin), outside `sheets`. In text order, not overlapping.
pub fn tab_tables(text: &str, origins: &Origins, sheets: &[Grid]) -> Vec<Grid> {
    let on_page = |start: usize, end: usize| {
        matches!(
            origins.locate(Span::new(start, end)),
            Some(Origin::Page { .. })
        )
    };
    let in_sheet = |at: usize| sheets.iter().any(|g| g.start <= at && at < g.end);
    let mut out: Vec<Grid> = Vec::new();
    // The run being gathered: its start, end, lines and widest line.
    let mut run: Option<(usize, usize, usize, u32)> = None;
    let mut close = |run: &mut Option<(usize, usize, usize, u32)>| {
        if let Some((start, end, lines, columns)) = run.take() {
            if lines >= 2 {
                out.push(Grid {
                    kind: GridKind::Tabs,
                    file: None,
                    sheet: String::new(),
                    start,
                    end,
                    first_column: 0,
                    columns,
                    lines: vec![None; lines],
                });
            }
        }
    };
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let end = at + line.len();
        let tabs = line.matches('\t').count() as u32;
        if tabs > 0 && !in_sheet(at) && on_page(at, end) {
            let r = run.get_or_insert((at, end, 0, 1));
            r.1 = end;
            r.2 += 1;
            r.3 = r.3.max(tabs + 1);
        } else {
            close(&mut run);
        }
        at = end;
    }
    close(&mut run);
    out
}

#[cfg(test)]
/// For tests: lays out rows of `(row, [(col, value)])` as the workbook reader does: fields from column
/// `first`, a lone title without tabs, a blank line for skipped rows.
pub(crate) fn sheet(
    text: &mut String,
    origins: &mut Origins,
    name: &str,
    first: u32,
    rows: &[(u32, &[(u32, &str)])],
) {
    if !text.is_empty() {
        text.push('\u{c}');
    }
    let mut prev: Option<u32> = None;
    for (row, cells) in rows {
        if prev.is_some_and(|p| *row > p + 1) {
            text.push('\n');
        }
        prev = Some(*row);
        let mut col = first;
        for (c, value) in *cells {
            if cells.len() > 1 {
                text.extend(std::iter::repeat_n('\t', (c - col) as usize));
            }
            col = *c;
            let s = text.len();
            text.push_str(value);
            origins.push(
                Span::new(s, text.len()),
                Origin::Cell {
                    file: None,
                    sheet: name.into(),
                    cell: crate::origin::cell_ref(*row, *c),
                },
            );
        }
        text.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::origin::cell_ref;

    fn cell(sheet: &str, row: u32, col: u32) -> Origin {
        Origin::Cell {
            file: None,
            sheet: sheet.into(),
            cell: cell_ref(row, col),
        }
    }

    #[test]
    fn sheets_become_grids_with_their_rows_and_first_column() {
        let mut text = String::new();
        let mut origins = Origins::new();
        sheet(
            &mut text,
            &mut origins,
            "表1",
            1,
            &[
                (0, &[(1, "收支总表")]),
                (1, &[(3, "单位：万元")]),
                (3, &[(1, "项目"), (2, "预算数"), (4, "备注")]),
                (4, &[(1, "一、收入"), (2, "10.00")]),
            ],
        );
        let second = text.len();
        sheet(
            &mut text,
            &mut origins,
            "表2",
            0,
            &[(0, &[(0, "a"), (1, "1.00")])],
        );
        let grids = grids(&text, &origins);
        assert_eq!(grids.len(), 2, "{text:?}");
        let g = &grids[0];
        assert_eq!((g.sheet.as_str(), g.start, g.end), ("表1", 0, second));
        assert_eq!((g.first_column, g.columns), (1, 4));
        let place = |row, column| Some(GridLine { row, column });
        assert_eq!(
            g.lines,
            [place(0, 1), place(1, 3), None, place(3, 1), place(4, 1)]
        );
        let g = &grids[1];
        assert_eq!((g.first_column, g.columns), (0, 2));
        assert_eq!((grids[1].start, grids[1].end), (second, text.len()));
    }

    #[test]
    fn tables_of_pdf_pages_are_runs_of_tabbed_lines() {
        let text = "标题\n项目\t金额\t\n合计\t1.00\t2.00\n说明\t\n\n正文\n甲\t乙\n";
        let mut origins = Origins::new();
        origins.push(
            Span::new(0, text.len()),
            Origin::Page {
                file: None,
                page: 1,
                bbox: [0.0; 4],
            },
        );
        let t = tab_tables(text, &origins, &[]);
        assert_eq!(t.len(), 1, "{t:?}");
        assert_eq!(t[0].kind, GridKind::Tabs);
        assert_eq!(
            &text[t[0].start..t[0].end],
            "项目\t金额\t\n合计\t1.00\t2.00\n说明\t\n"
        );
        assert_eq!((t[0].columns, t[0].lines.len()), (3, 3));
        // Pasted text (no PDF origin) stays text.
        assert!(tab_tables(text, &Origins::new(), &[]).is_empty());
    }

    #[test]
    fn paragraphs_and_misplaced_cells_stay_text() {
        // A Word file's paragraphs: one cell a line, even with a tab inside.
        let text = "一、收入\t2.00\n二、支出\n";
        let mut origins = Origins::new();
        origins.push(Span::new(0, 17), cell("正文", 0, 15));
        origins.push(Span::new(18, 30), cell("正文", 1, 15));
        assert!(grids(text, &origins).is_empty());
        // A cell whose field does not match its column.
        let text = "a\tb\n";
        let mut origins = Origins::new();
        origins.push(Span::new(0, 1), cell("表1", 0, 0));
        origins.push(Span::new(2, 3), cell("表1", 0, 5));
        assert!(grids(text, &origins).is_empty());
        // Word table cells (`R2C3`) are not A1 references.
        let mut origins = Origins::new();
        for (s, r) in [(0, "R1C1"), (2, "R1C2")] {
            origins.push(
                Span::new(s, s + 1),
                Origin::Cell {
                    file: None,
                    sheet: "表格1".into(),
                    cell: r.into(),
                },
            );
        }
        assert!(grids(text, &origins).is_empty());
    }
}
