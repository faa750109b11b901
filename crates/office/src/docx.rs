//! Word documents (.docx) to text: the body's paragraphs in order, one line each, and its tables as
//! tab-separated rows, so the narrative reads as text pasted from Word does.
//!
//! - A paragraph is a line (an empty paragraph an empty line); a line break inside it (`w:br`,
//!   `w:cr`) starts a new line; `w:tab` is a TAB. Text in text boxes joins its paragraph; the
//!   fallback copy of drawings (`mc:Fallback`), deleted and moved-away text are left out; field
//!   results are kept, field codes not.
//! - A table row is a line, its cells separated by TAB; a cell spanning columns (`w:gridSpan`) is
//!   followed by empty fields for the columns it covers, cells skipped before a row
//!   (`w:gridBefore`) are empty fields; every row has as many fields as the table's widest row. The paragraphs of a cell
//!   are joined like a workbook cell's lines (nothing between CJK characters, else a space); a table
//!   nested in a cell adds its text to that cell.
//! - Origins: a paragraph's text is `Origin::Cell { sheet: "正文", cell: "P12" }` (the 12th
//!   paragraph of the body, counting from 1, empty ones included); a table cell is
//!   `Origin::Cell { sheet: "表格2", cell: "R3C4" }` (the document's 2nd table, row 3, grid column 4).
//! - Automatically numbered paragraphs get the number Word draws (`一、`, `（二）`, `3.`:
//!   [`crate::numbering`]) before their text.
//! - Not read: headers, footers, footnotes and comments.

use crate::error::OfficeError;
use crate::limits::{self, MAX_CELLS, MAX_TEXT};
use crate::numbering::Numbering;
use crate::workbook::cell_text;
use budget_lint::origin::{FileText, Origin, Origins};
use budget_lint::source::Span;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// The sheet name of body paragraphs in origins.
pub const BODY: &str = "正文";
/// The prefix of table names in origins (`表格1`, `表格2`, …).
pub const TABLE: &str = "表格";

/// Reads a .docx file.
pub fn read_docx(bytes: &[u8], name: &str) -> Result<FileText, OfficeError> {
    let mut zip = limits::open_zip(bytes)?;
    let xml = limits::read_entry(&mut zip, "word/document.xml")?
        .ok_or_else(|| OfficeError::Corrupt("docx: no word/document.xml".into()))?;
    let xml = std::str::from_utf8(&xml)
        .map_err(|_| OfficeError::Corrupt("docx: document.xml is not UTF-8".into()))?;
    // Automatic numbering (`一、` drawn by Word): optional parts, read when present and UTF-8.
    let part = |zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>, name: &str| {
        limits::read_entry(zip, name)
            .ok()
            .flatten()
            .and_then(|b| String::from_utf8(b).ok())
    };
    let numbering = part(&mut zip, "word/numbering.xml");
    let styles = part(&mut zip, "word/styles.xml");
    let numbering = Numbering::parse(numbering.as_deref(), styles.as_deref());
    let (text, origins) = body_text_numbered(xml, numbering)?;
    Ok(FileText {
        name: name.to_string(),
        text,
        origins,
    })
}

/// A table being read: rows of (grid column, text) cells.
#[derive(Default)]
struct Table {
    rows: Vec<Vec<(u32, String)>>,
    row: Vec<(u32, String)>,
    /// The next cell's grid column.
    col: u32,
    cell: String,
    span: u32,
}

#[derive(Default)]
struct State {
    text: String,
    origins: Origins,
    paragraphs: u32,
    tables: u32,
    cells: u64,
    /// Nesting of `w:tbl`.
    table_depth: u32,
    table: Table,
    /// Nesting of `w:p` (text boxes hold paragraphs inside a paragraph).
    p_depth: u32,
    para: String,
    in_run: u32,
    in_text: bool,
    /// Inside content left out (`mc:Fallback`, `w:moveFrom`, `w:del`, earlier properties).
    skip: u32,
    numbering: Numbering,
    /// The current paragraph's numbering (numId, level) and style, from its `w:pPr`.
    p_num: Option<(u32, Option<u32>)>,
    p_style: Option<String>,
    in_ppr: bool,
    /// Where the current paragraph of a table cell starts in the cell's text.
    cell_p_start: usize,
}

fn local(e: &BytesStart<'_>) -> String {
    e.local_name().as_ref().to_string()
}

fn attr_string(e: &BytesStart<'_>, key: &str) -> Option<String> {
    Some(e.try_get_attribute(key).ok()??.value.to_string())
}

fn attr_u32(e: &BytesStart<'_>, key: &str) -> Option<u32> {
    let a = e.try_get_attribute(key).ok()??;
    a.value.trim().parse().ok()
}

impl State {
    /// Where text goes now: the current table cell, or the current paragraph.
    fn sink(&mut self) -> &mut String {
        if self.table_depth > 0 {
            &mut self.table.cell
        } else {
            &mut self.para
        }
    }

    fn push_text(&mut self, s: &str) -> Result<(), OfficeError> {
        if self.skip > 0 || !self.in_text {
            return Ok(());
        }
        let sink = self.sink();
        sink.push_str(s);
        if sink.len() as u64 > MAX_TEXT {
            return Err(OfficeError::TooLarge {
                what: "characters",
                limit: MAX_TEXT,
            });
        }
        Ok(())
    }

    fn start(&mut self, e: &BytesStart<'_>, empty: bool) -> Result<(), OfficeError> {
        let name = local(e);
        match name.as_str() {
            "Fallback" | "moveFrom" | "del" | "pPrChange" | "rPrChange" if !empty => self.skip += 1,
            _ if self.skip > 0 => {}
            "tbl" if !empty => {
                self.table_depth += 1;
                if self.table_depth == 1 {
                    self.table = Table::default();
                }
            }
            "tr" if self.table_depth == 1 && !empty => {
                self.table.row.clear();
                self.table.col = 0;
            }
            "gridBefore" if self.table_depth == 1 => {
                self.table.col += attr_u32(e, "w:val").unwrap_or(0).min(1000);
            }
            "tc" if self.table_depth == 1 && !empty => {
                self.table.cell.clear();
                self.table.span = 1;
            }
            "gridSpan" if self.table_depth == 1 => {
                self.table.span = attr_u32(e, "w:val").unwrap_or(1).clamp(1, 1000);
            }
            "p" if empty => {
                if self.table_depth > 0 {
                    self.table.cell.push('\n');
                } else if self.p_depth == 0 {
                    self.para.clear();
                    self.paragraph();
                }
            }
            "p" => {
                self.p_depth += 1;
                if self.p_depth == 1 {
                    self.p_num = None;
                    self.p_style = None;
                    self.cell_p_start = self.table.cell.len();
                    if self.table_depth == 0 {
                        self.para.clear();
                    }
                }
            }
            "pPr" if !empty && self.p_depth == 1 && self.in_run == 0 => self.in_ppr = true,
            "pStyle" if self.in_ppr => self.p_style = attr_string(e, "w:val"),
            "numId" if self.in_ppr => {
                let level = self.p_num.and_then(|(_, l)| l);
                self.p_num = attr_u32(e, "w:val").map(|id| (id, level));
            }
            "ilvl" if self.in_ppr => {
                let id = self.p_num.map_or(u32::MAX, |(id, _)| id);
                self.p_num = Some((id, attr_u32(e, "w:val")));
            }
            "r" if !empty => self.in_run += 1,
            "t" if !empty => self.in_text = true,
            "tab" if self.in_run > 0 => {
                let in_table = self.table_depth > 0;
                self.sink().push(if in_table { ' ' } else { '\t' });
            }
            "br" | "cr" if self.in_run > 0 => self.sink().push('\n'),
            "noBreakHyphen" if self.in_run > 0 => self.sink().push('-'),
            _ => {}
        }
        Ok(())
    }

    fn end(&mut self, name: &str) -> Result<(), OfficeError> {
        match name {
            "Fallback" | "moveFrom" | "del" | "pPrChange" | "rPrChange" => {
                self.skip = self.skip.saturating_sub(1)
            }
            _ if self.skip > 0 => {}
            "t" => self.in_text = false,
            "r" => self.in_run = self.in_run.saturating_sub(1),
            "pPr" => self.in_ppr = false,
            "p" => {
                self.p_depth = self.p_depth.saturating_sub(1);
                if self.p_depth == 0 {
                    self.number_paragraph();
                }
                if self.table_depth > 0 {
                    self.table.cell.push('\n');
                } else if self.p_depth == 0 {
                    self.paragraph();
                } else {
                    self.para.push(' ');
                }
            }
            "tc" if self.table_depth == 1 => {
                let text = cell_text(self.table.cell.trim_matches(|c: char| c == '\n'));
                let col = self.table.col;
                self.table.row.push((col, text));
                self.table.col += self.table.span;
                self.cells += 1;
                if self.cells > MAX_CELLS {
                    return Err(OfficeError::TooLarge {
                        what: "cells",
                        limit: MAX_CELLS,
                    });
                }
            }
            "tr" if self.table_depth == 1 => {
                let row = std::mem::take(&mut self.table.row);
                self.table.rows.push(row);
            }
            "tbl" if self.table_depth > 0 => {
                self.table_depth -= 1;
                if self.table_depth == 0 {
                    self.emit_table()?;
                } else {
                    self.table.cell.push('\n');
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Puts the number Word draws (automatic numbering) before the paragraph's text.
    fn number_paragraph(&mut self) {
        // A level given without a list (numId) is not numbering.
        let num = self.p_num.filter(|(id, _)| *id != u32::MAX);
        if num.is_none() && self.p_style.is_none() {
            return;
        }
        let mut label = self.numbering.label(num, self.p_style.as_deref());
        if label.is_empty() {
            return;
        }
        if label.ends_with(|c: char| c.is_ascii_alphanumeric()) {
            label.push(' ');
        }
        if self.table_depth > 0 {
            let at = self.cell_p_start.min(self.table.cell.len());
            if self.table.cell.is_char_boundary(at) {
                self.table.cell.insert_str(at, &label);
            }
        } else {
            self.para.insert_str(0, &label);
        }
    }

    fn paragraph(&mut self) {
        self.paragraphs += 1;
        let para = std::mem::take(&mut self.para);
        let start = self.text.len();
        self.text.push_str(&para);
        if !para.trim().is_empty() {
            self.origins.push(
                Span::new(start, self.text.len()),
                Origin::Cell {
                    file: None,
                    sheet: BODY.to_string(),
                    cell: format!("P{}", self.paragraphs),
                },
            );
        }
        self.text.push('\n');
    }

    fn emit_table(&mut self) -> Result<(), OfficeError> {
        self.tables += 1;
        let sheet = format!("{TABLE}{}", self.tables);
        let rows = std::mem::take(&mut self.table.rows);
        // Every row as wide as the table's grid: a row of a label and empty cells keeps its fields.
        let width = rows
            .iter()
            .filter_map(|row| row.last().map(|(c, _)| *c))
            .max()
            .unwrap_or(0);
        for (r, row) in rows.iter().enumerate() {
            let mut col = 0u32;
            for (c, text) in row {
                for _ in col..*c {
                    self.text.push('\t');
                }
                col = *c;
                if text.trim().is_empty() {
                    continue;
                }
                let start = self.text.len();
                self.text.push_str(text);
                self.origins.push(
                    Span::new(start, self.text.len()),
                    Origin::Cell {
                        file: None,
                        sheet: sheet.clone(),
                        cell: format!("R{}C{}", r + 1, c + 1),
                    },
                );
            }
            for _ in col..width {
                self.text.push('\t');
            }
            self.text.push('\n');
            if self.text.len() as u64 > MAX_TEXT {
                return Err(OfficeError::TooLarge {
                    what: "characters",
                    limit: MAX_TEXT,
                });
            }
        }
        Ok(())
    }
}

fn entity(name: &str) -> Option<char> {
    match name {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => None,
    }
}

/// The text of `word/document.xml` and its origins (no automatic numbering).
pub fn body_text(xml: &str) -> Result<(String, Origins), OfficeError> {
    body_text_numbered(xml, Numbering::default())
}

/// The text of `word/document.xml` with the numbers of its numbered paragraphs, and its origins.
pub fn body_text_numbered(
    xml: &str,
    numbering: Numbering,
) -> Result<(String, Origins), OfficeError> {
    let mut reader = Reader::from_str(xml);
    let mut st = State {
        numbering,
        ..State::default()
    };
    let corrupt = |e: quick_xml::Error| OfficeError::Corrupt(format!("docx: XML: {e}"));
    loop {
        match reader.read_event().map_err(corrupt)? {
            Event::Start(e) => st.start(&e, false)?,
            Event::Empty(e) => st.start(&e, true)?,
            Event::End(e) => st.end(e.local_name().as_ref())?,
            Event::Text(t) => st.push_text(&t.xml10_content())?,
            Event::CData(t) => st.push_text(&t.xml10_content())?,
            Event::GeneralRef(r) => {
                let c = if r.is_char_ref() {
                    r.resolve_char_ref().ok().flatten()
                } else {
                    entity(&r.xml10_content())
                };
                if let Some(c) = c {
                    st.push_text(c.encode_utf8(&mut [0; 4]))?;
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    // A table left open by a truncated document still gives its rows.
    if st.table_depth > 0 {
        st.table_depth = 0;
        st.emit_table()?;
    }
    Ok((st.text, st.origins))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(body: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>{body}<w:sectPr/></w:body></w:document>"#
        )
    }

    #[test]
    fn paragraphs_tables_spans_and_origins() {
        let xml = doc(concat!(
            r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr><w:r><w:t>一、收入</w:t></w:r><w:r><w:t xml:space="preserve"> 2,104.55 &amp; </w:t></w:r><w:r><w:tab/><w:t>万元</w:t></w:r></w:p>"#,
            r#"<w:p/>"#,
            r#"<w:p><w:r><w:t>甲</w:t><w:br/><w:t>乙</w:t></w:r><w:del><w:r><w:delText>删</w:delText></w:r></w:del></w:p>"#,
            r#"<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>项目</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>合计</w:t></w:r></w:p></w:tc></w:tr>"#,
            r#"<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr><w:tc><w:p><w:r><w:t>财政</w:t></w:r></w:p><w:p><w:r><w:t>拨款</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>1.00</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr></w:tbl>"#,
            r#"<w:p><w:r><mc:AlternateContent><mc:Choice><w:t>盒</w:t></mc:Choice><mc:Fallback><w:t>盒</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>"#,
        ));
        let (text, origins) = body_text(&xml).unwrap();
        assert_eq!(
            text,
            "一、收入 2,104.55 & \t万元\n\n甲\n乙\n项目\t\t合计\t\n\t财政拨款\t1.00\t\n盒\n"
        );
        let refs: Vec<String> = origins
            .entries()
            .iter()
            .map(|(s, o)| match o {
                Origin::Cell { sheet, cell, .. } => {
                    format!("{sheet}!{cell}={}", &text[s.start..s.end])
                }
                _ => unreachable!(),
            })
            .collect();
        assert_eq!(
            refs,
            [
                "正文!P1=一、收入 2,104.55 & \t万元",
                "正文!P3=甲\n乙",
                "表格1!R1C1=项目",
                "表格1!R1C3=合计",
                "表格1!R2C2=财政拨款",
                "表格1!R2C3=1.00",
                "正文!P4=盒"
            ]
        );
    }

    #[test]
    fn numbered_paragraphs_get_their_numbers() {
        let numbering = Numbering::parse(
            Some(
                r#"<w:numbering xmlns:w="w"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl></w:abstractNum><w:num w:numId="7"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#,
            ),
            None,
        );
        let p = |lvl: u32, t: &str| {
            format!(
                r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="7"/></w:numPr></w:pPr><w:r><w:t>{t}</w:t></w:r></w:p>"#
            )
        };
        let xml = doc(&format!(
            "{}{}{}<w:tbl><w:tr><w:tc>{}</w:tc></w:tr></w:tbl>{}",
            p(0, "主要职能"),
            p(1, "办公费"),
            p(1, "印刷费"),
            p(1, "水费"),
            p(0, "机构设置")
        ));
        let (text, _) = body_text_numbered(&xml, numbering).unwrap();
        assert_eq!(
            text,
            "一、主要职能\n1.办公费\n2.印刷费\n3.水费\n二、机构设置\n"
        );
    }

    #[test]
    fn malformed_xml_is_corrupt_not_a_panic() {
        assert!(matches!(
            body_text("<w:document><w:body><w:p></w:x>"),
            Err(OfficeError::Corrupt(_))
        ));
    }
}
