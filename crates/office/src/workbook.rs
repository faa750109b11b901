//! Workbooks (.xlsx, .xls) to text: every visible worksheet as tab-separated rows, the way a paste
//! from Excel reads, with each non-empty cell's span recorded as `Origin::Cell { sheet, cell }`.
//!
//! - A row is one line; its cells are separated by TAB, empty cells are empty fields (positions stay
//!   exact), from the sheet's first used column to its last, as a paste of the sheet's range reads.
//! - A merged cell's value stands in its first (top-left) cell, the cells it covers are empty fields:
//!   a header spread over columns reads as the pasted header does.
//! - Above the header (before the first row with three or more values), a row holding a single value
//!   (the title, `编制单位：…`, `单位：万元`) is that value alone on its line, wherever it stands.
//! - Runs of empty rows become one empty line; sheets are separated by a form feed (a page break for
//!   the checker). Hidden sheets and chart sheets are skipped.
//! - Numbers are shown as the sheet shows them ([`crate::number_format`]): the cell's number format,
//!   from calamine's cell styles in .xlsx and from the `Workbook` stream's records in .xls
//!   ([`crate::xls_formats`]; calamine does not expose them); a cell without one (or an .xls older
//!   than Excel 97) in the General format. Text cells stay text (figures with separators in text
//!   cells are parsed by the checker). Dates as `yyyy-mm-dd`, errors as `#DIV/0!`.
//! - A line break inside a cell is dropped between CJK characters and a space otherwise; a TAB
//!   inside a cell becomes a space.

use crate::error::OfficeError;
use crate::limits::{self, MAX_CELLS, MAX_TEXT, MAX_XLS_GRID};
use crate::number_format;
use budget_lint::origin::{cell_ref, FileText, Origin, Origins};
use budget_lint::source::Span;
use calamine::{
    CellErrorType, Data, DataRef, ExcelDateTime, Reader, SheetType, SheetVisible, Xls, Xlsx,
};
use std::io::Cursor;

/// One worksheet's non-empty cells: (row, column, shown text), 0-based.
pub struct SheetCells {
    pub name: String,
    pub cells: Vec<(u32, u32, String)>,
}

/// Reads an .xlsx workbook.
pub fn read_xlsx(bytes: &[u8], name: &str) -> Result<FileText, OfficeError> {
    limits::open_zip(bytes)?;
    let mut wb = Xlsx::new(Cursor::new(bytes)).map_err(xlsx_error)?;
    let sheets: Vec<String> = visible_sheets(wb.sheets_metadata());
    let mut out = Vec::new();
    let mut count: u64 = 0;
    for sheet in sheets {
        let mut reader = wb.worksheet_cells_reader(&sheet).map_err(xlsx_error)?;
        let mut cells = Vec::new();
        while let Some((cell, style)) = reader.next_cell_with_style_id().map_err(xlsx_error)? {
            count += 1;
            if count > MAX_CELLS {
                return Err(OfficeError::TooLarge {
                    what: "cells",
                    limit: MAX_CELLS,
                });
            }
            let code = reader
                .styles()
                .get(style)
                .and_then(|s| s.number_format.as_ref())
                .map_or("General", |f| f.format_code.as_str());
            let (row, col) = cell.get_position();
            let text = show_ref(cell.get_value(), code);
            if !text.trim().is_empty() {
                cells.push((row, col, text));
            }
        }
        out.push(SheetCells { name: sheet, cells });
    }
    render(name, out)
}

/// Reads an .xls (BIFF) workbook.
pub fn read_xls(bytes: &[u8], name: &str) -> Result<FileText, OfficeError> {
    limits::check_input(bytes)?;
    // Read first: the number formats, and the sheets' extent, refused before calamine allocates
    // each sheet as a dense grid.
    let formats = crate::xls_formats::read(bytes);
    if let Some(f) = &formats {
        if f.largest_grid > MAX_XLS_GRID {
            return Err(OfficeError::TooLarge {
                what: "cells",
                limit: MAX_XLS_GRID,
            });
        }
    }
    let mut wb = Xls::new(Cursor::new(bytes)).map_err(|e| match e {
        calamine::XlsError::Password => OfficeError::Encrypted,
        other => OfficeError::Corrupt(format!("xls: {other}")),
    })?;
    let sheets: Vec<String> = visible_sheets(wb.sheets_metadata());
    let mut out = Vec::new();
    let mut count: u64 = 0;
    for sheet in sheets {
        let range = wb
            .worksheet_range(&sheet)
            .map_err(|e| OfficeError::Corrupt(format!("xls: {e}")))?;
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let mut cells = Vec::new();
        for (r, c, value) in range.used_cells() {
            count += 1;
            if count > MAX_CELLS {
                return Err(OfficeError::TooLarge {
                    what: "cells",
                    limit: MAX_CELLS,
                });
            }
            let (row, col) = (r0 + r as u32, c0 + c as u32);
            let code = formats.as_ref().and_then(|f| f.code(&sheet, row, col));
            let text = show(value, code.unwrap_or("General"));
            if !text.trim().is_empty() {
                cells.push((row, col, text));
            }
        }
        out.push(SheetCells { name: sheet, cells });
    }
    render(name, out)
}

fn visible_sheets(meta: &[calamine::Sheet]) -> Vec<String> {
    meta.iter()
        .filter(|s| s.typ == SheetType::WorkSheet && s.visible == SheetVisible::Visible)
        .map(|s| s.name.clone())
        .collect()
}

fn xlsx_error(e: calamine::XlsxError) -> OfficeError {
    match e {
        calamine::XlsxError::Password => OfficeError::Encrypted,
        calamine::XlsxError::Zip(z) => limits::zip_error(z),
        other => OfficeError::Corrupt(format!("xlsx: {other}")),
    }
}

fn show_ref(value: &DataRef<'_>, code: &str) -> String {
    match value {
        DataRef::Int(i) => number_format::format(*i as f64, code),
        DataRef::Float(f) => number_format::format(*f, code),
        DataRef::String(s) => cell_text(s),
        DataRef::SharedString(s) => cell_text(s),
        DataRef::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        DataRef::DateTime(d) => date(d),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => cell_text(s),
        DataRef::Error(e) => error_text(e),
        DataRef::Empty => String::new(),
    }
}

fn show(value: &Data, code: &str) -> String {
    match value {
        Data::Int(i) => number_format::format(*i as f64, code),
        Data::Float(f) => number_format::format(*f, code),
        Data::String(s) => cell_text(s),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(d) => date(d),
        Data::DateTimeIso(s) | Data::DurationIso(s) => cell_text(s),
        Data::Error(e) => error_text(e),
        Data::Empty => String::new(),
    }
}

fn error_text(e: &CellErrorType) -> String {
    e.to_string()
}

/// A date or time cell: `yyyy-mm-dd`, with ` hh:mm:ss` when it has a time; a duration as `h:mm:ss`.
fn date(d: &ExcelDateTime) -> String {
    if d.is_duration() {
        let secs = (d.as_f64() * 86_400.0).round() as i64;
        let sign = if secs < 0 { "-" } else { "" };
        let s = secs.unsigned_abs();
        return format!("{sign}{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
    }
    let (y, mo, da, h, mi, s, _) = d.to_ymd_hms_milli();
    if d.as_f64() < 1.0 {
        format!("{h:02}:{mi:02}:{s:02}")
    } else if (h, mi, s) == (0, 0, 0) {
        format!("{y:04}-{mo:02}-{da:02}")
    } else {
        format!("{y:04}-{mo:02}-{da:02} {h:02}:{mi:02}:{s:02}")
    }
}

fn is_cjk(c: char) -> bool {
    !c.is_ascii()
}

/// A text cell on one line: line breaks dropped between CJK characters, else a space; control
/// characters (TAB, form feed) a space.
pub fn cell_text(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\r' || c == '\n' {
            let mut j = i;
            while j < chars.len() && (chars[j] == '\r' || chars[j] == '\n') {
                j += 1;
            }
            let before = out.chars().last();
            let after = chars.get(j).copied();
            let join = matches!((before, after), (Some(b), Some(a)) if is_cjk(b) || is_cjk(a));
            if !join && before.is_some() && after.is_some() {
                out.push(' ');
            }
            i = j;
            continue;
        }
        out.push(if c.is_control() { ' ' } else { c });
        i += 1;
    }
    out
}

fn too_long(text: &str) -> Result<(), OfficeError> {
    if text.len() as u64 > MAX_TEXT {
        return Err(OfficeError::TooLarge {
            what: "characters",
            limit: MAX_TEXT,
        });
    }
    Ok(())
}

/// Lays the sheets out as text (rules in the module's documentation).
pub fn render(name: &str, sheets: Vec<SheetCells>) -> Result<FileText, OfficeError> {
    let mut text = String::new();
    let mut origins = Origins::new();
    for mut sheet in sheets {
        if sheet.cells.is_empty() {
            continue;
        }
        sheet.cells.sort_by_key(|c| (c.0, c.1));
        sheet.cells.dedup_by_key(|c| (c.0, c.1));
        if !text.is_empty() {
            text.push('\u{c}');
        }
        let min_col = sheet.cells.iter().map(|c| c.1).min().unwrap_or(0);
        let max_col = sheet.cells.iter().map(|c| c.1).max().unwrap_or(0);
        // The first row with three or more values: the header starts there or earlier.
        let mut header_row = None;
        let mut i = 0;
        while i < sheet.cells.len() {
            let row = sheet.cells[i].0;
            let n = sheet.cells[i..].iter().take_while(|c| c.0 == row).count();
            if n >= 3 {
                header_row = Some(row);
                break;
            }
            i += n;
        }
        let mut prev_row: Option<u32> = None;
        let mut i = 0;
        while i < sheet.cells.len() {
            let row = sheet.cells[i].0;
            let n = sheet.cells[i..].iter().take_while(|c| c.0 == row).count();
            let cells = &sheet.cells[i..i + n];
            i += n;
            if prev_row.is_some_and(|p| row > p + 1) {
                text.push('\n');
            }
            prev_row = Some(row);
            let alone = n == 1 && header_row.is_none_or(|h| row < h);
            let mut col = min_col;
            for (_, c, value) in cells {
                if !alone {
                    push_tabs(&mut text, c - col)?;
                }
                col = *c;
                let start = text.len();
                text.push_str(value);
                origins.push(
                    Span::new(start, text.len()),
                    Origin::Cell {
                        file: None,
                        sheet: sheet.name.clone(),
                        cell: cell_ref(row, *c),
                    },
                );
            }
            if !alone {
                // As a paste of the sheet's range: every row as wide as the sheet, so a row of a
                // label and empty cells keeps its empty fields.
                push_tabs(&mut text, max_col - col)?;
            }
            text.push('\n');
            too_long(&text)?;
        }
    }
    Ok(FileText {
        name: name.to_string(),
        text,
        origins,
    })
}

fn push_tabs(text: &mut String, n: u32) -> Result<(), OfficeError> {
    too_long(text)?;
    for _ in 0..n {
        text.push('\t');
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_and_cell_text() {
        assert_eq!(cell_text("财政拨款\n（补助）"), "财政拨款（补助）");
        assert_eq!(cell_text("Total\r\nbudget"), "Total budget");
        assert_eq!(cell_text("a\tb"), "a b");
    }

    #[test]
    fn rows_lines_tabs_titles_and_sheets() {
        let s = |cells: &[(u32, u32, &str)]| {
            cells
                .iter()
                .map(|&(r, c, v)| (r, c, v.to_string()))
                .collect::<Vec<_>>()
        };
        let sheets = vec![
            SheetCells {
                name: "表1".into(),
                cells: s(&[
                    (0, 1, "收支总表"),
                    (2, 5, "单位：万元"),
                    (3, 1, "项目"),
                    (3, 2, "合计"),
                    (3, 4, "基本"),
                    (4, 1, "总计"),
                    (4, 2, "1.00"),
                    (6, 3, "x"),
                ]),
            },
            SheetCells {
                name: "空".into(),
                cells: vec![],
            },
            SheetCells {
                name: "表2".into(),
                cells: s(&[(1, 0, "a")]),
            },
        ];
        let f = render("t.xlsx", sheets).unwrap();
        assert_eq!(
            f.text,
            "收支总表\n\n单位：万元\n项目\t合计\t\t基本\t\n总计\t1.00\t\t\t\n\n\t\tx\t\t\n\u{c}a\n"
        );
        let refs: Vec<String> = f
            .origins
            .entries()
            .iter()
            .map(|(span, o)| match o {
                Origin::Cell { sheet, cell, .. } => {
                    format!("{sheet}!{cell}={}", &f.text[span.start..span.end])
                }
                _ => unreachable!(),
            })
            .collect();
        assert_eq!(
            refs,
            [
                "表1!B1=收支总表",
                "表1!F3=单位：万元",
                "表1!B4=项目",
                "表1!C4=合计",
                "表1!E4=基本",
                "表1!B5=总计",
                "表1!C5=1.00",
                "表1!D7=x",
                "表2!A2=a"
            ]
        );
    }
}
