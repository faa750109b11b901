//! The number format of each numeric cell of an .xls (BIFF8) workbook, read from its `Workbook`
//! stream, since calamine does not expose them for .xls: `FORMAT` records (custom format codes),
//! `XF` records (each cell format's format id), `BOUNDSHEET` records (where each sheet's records
//! start), and in each sheet the `NUMBER`, `RK`, `MULRK` and `FORMULA` records (the cell's XF index).
//!
//! The same pass measures each sheet's bounding box of cells, which calamine will allocate as a
//! dense grid: [`XlsFormats::largest_grid`] lets the reader refuse a sheet with a stray cell far away
//! before calamine allocates it.
//!
//! Older BIFF versions (Excel 95 and before) give `None`: their cells are shown in the General
//! format. Every record is bounds-checked; a damaged stream gives what could be read.

use crate::ole;
use std::collections::HashMap;

/// The format code of each numeric cell, per sheet name: `(row, column)` → code; and the largest
/// sheet's bounding box of cells.
pub struct XlsFormats {
    sheets: HashMap<String, HashMap<(u32, u32), String>>,
    /// The most cells of one sheet's bounding box (rows × columns spanned by its cell records):
    /// what calamine allocates for it as a dense grid.
    pub largest_grid: u64,
}

impl XlsFormats {
    /// The format code of a numeric cell, if the workbook gave one.
    pub fn code(&self, sheet: &str, row: u32, col: u32) -> Option<&str> {
        self.sheets.get(sheet)?.get(&(row, col)).map(String::as_str)
    }
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// The records from `at`: (type, data).
fn records(stream: &[u8], mut at: usize) -> impl Iterator<Item = (u16, &[u8])> {
    std::iter::from_fn(move || {
        let typ = u16_at(stream, at)?;
        let len = u16_at(stream, at + 2)? as usize;
        let data = stream.get(at + 4..at + 4 + len)?;
        at += 4 + len;
        Some((typ, data))
    })
}

/// An `XLUnicodeString` (16-bit count) or `ShortXLUnicodeString` (8-bit count) at the start of `b`.
fn string(b: &[u8], short: bool) -> Option<String> {
    let (cch, rest) = if short {
        (*b.first()? as usize, b.get(1..)?)
    } else {
        (u16_at(b, 0)? as usize, b.get(2..)?)
    };
    let flags = *rest.first()?;
    let chars = rest.get(1..)?;
    if flags & 1 == 1 {
        let units: Vec<u16> = (0..cch).filter_map(|i| u16_at(chars, 2 * i)).collect();
        Some(String::from_utf16_lossy(&units))
    } else {
        Some(chars.iter().take(cch).map(|&c| char::from(c)).collect())
    }
}

/// Reads the formats of an .xls file's numeric cells; `None` if it is not a BIFF8 workbook.
pub fn read(bytes: &[u8]) -> Option<XlsFormats> {
    let stream = ole::stream(bytes, "Workbook")?;
    let mut formats: HashMap<u16, String> = HashMap::new();
    let mut xfs: Vec<u16> = Vec::new();
    let mut sheets: Vec<(usize, String)> = Vec::new();
    let mut first = true;
    for (typ, data) in records(&stream, 0) {
        match typ {
            // Only BIFF8 (Excel 97 and later) is read.
            0x0809 if first && u16_at(data, 0)? != 0x0600 => return None,
            0x041E => {
                if let (Some(id), Some(code)) = (
                    u16_at(data, 0),
                    data.get(2..).and_then(|d| string(d, false)),
                ) {
                    formats.insert(id, code);
                }
            }
            0x00E0 => xfs.push(u16_at(data, 2).unwrap_or(0)),
            0x0085 => {
                if let (Some(pos), Some(name)) =
                    (u32_at(data, 0), data.get(6..).and_then(|d| string(d, true)))
                {
                    sheets.push((pos as usize, name));
                }
            }
            0x000A => break,
            _ => {}
        }
        first = false;
    }
    let code_of = |ixfe: u16| -> Option<String> {
        let ifmt = *xfs.get(ixfe as usize)?;
        formats
            .get(&ifmt)
            .cloned()
            .or_else(|| crate::number_format::builtin(ifmt).map(str::to_string))
    };
    let mut out = HashMap::new();
    let mut largest_grid = 0u64;
    for (pos, name) in sheets {
        let mut cells = HashMap::new();
        let mut depth = 0i32;
        // The bounding box of the sheet's cells: (first row, last row, first column, last column).
        let mut bbox: Option<(u16, u16, u16, u16)> = None;
        for (typ, data) in records(&stream, pos) {
            // Every cell record starts with its row and column (MULRK/MULBLANK: the first column,
            // the last one in their final two bytes).
            if depth == 1
                && matches!(
                    typ,
                    0x0201
                        | 0x0203
                        | 0x0204
                        | 0x0205
                        | 0x0006
                        | 0x00FD
                        | 0x027E
                        | 0x00D6
                        | 0x00BD
                        | 0x00BE
                )
            {
                if let (Some(r), Some(c)) = (u16_at(data, 0), u16_at(data, 2)) {
                    let last = if matches!(typ, 0x00BD | 0x00BE) {
                        u16_at(data, data.len().saturating_sub(2))
                            .unwrap_or(c)
                            .max(c)
                    } else {
                        c
                    };
                    bbox = Some(match bbox {
                        None => (r, r, c, last),
                        Some((r0, r1, c0, c1)) => (r0.min(r), r1.max(r), c0.min(c), c1.max(last)),
                    });
                }
            }
            let mut put = |row: u16, col: u16, ixfe: u16| {
                if let Some(code) = code_of(ixfe) {
                    cells.insert((u32::from(row), u32::from(col)), code);
                }
            };
            match typ {
                0x0809 => depth += 1,
                0x000A => {
                    depth -= 1;
                    if depth <= 0 {
                        break;
                    }
                }
                0x0203 | 0x027E | 0x0006 if depth == 1 => {
                    if let (Some(r), Some(c), Some(x)) =
                        (u16_at(data, 0), u16_at(data, 2), u16_at(data, 4))
                    {
                        put(r, c, x);
                    }
                }
                0x00BD if depth == 1 => {
                    // MULRK: row, first column, (XF index, RK value)*, last column.
                    if let (Some(r), Some(c0)) = (u16_at(data, 0), u16_at(data, 2)) {
                        let n = data.len().saturating_sub(6) / 6;
                        for i in 0..n {
                            if let Some(x) = u16_at(data, 4 + 6 * i) {
                                put(r, c0.saturating_add(i as u16), x);
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        if let Some((r0, r1, c0, c1)) = bbox {
            let grid = (u64::from(r1 - r0) + 1) * (u64::from(c1 - c0) + 1);
            largest_grid = largest_grid.max(grid);
        }
        out.insert(name, cells);
    }
    Some(XlsFormats {
        sheets: out,
        largest_grid,
    })
}
