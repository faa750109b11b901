//! Diagnostics about the reading itself: what could not be read, or read only with a choice left.
//!
//! These are not findings about the document's figures; they tell the user where the checker's view
//! of the document is incomplete, so silence is never mistaken for agreement.

use crate::diag::{Diagnostic, Severity};
use crate::model::{Document, TableStatus};
use crate::origin::Origin;

/// What helps with a table that could not be read, by what the text was read from: R001's note.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// Pasted or opened as text: the table copied from its spreadsheet arrives tab-separated, and
    /// tab-separated rows are read cell by cell.
    Text,
    /// Read out of a PDF by the layout of its glyphs.
    Pdf,
    /// A sheet of a workbook: its cells are exact, so what failed is its header.
    Workbook,
    /// A table of a Word file.
    Word,
}

impl Source {
    /// Where a table stands, from the origin of its title (`None`: pasted text).
    pub fn of(origin: Option<&Origin>) -> Source {
        match origin {
            None => Source::Text,
            Some(Origin::Page { .. }) => Source::Pdf,
            Some(Origin::Cell { cell, .. }) if crate::origin::parse_cell(cell).is_some() => {
                Source::Workbook
            }
            Some(Origin::Cell { .. }) => Source::Word,
        }
    }

    /// The note R001 carries (Chinese / English).
    pub fn advice(self) -> &'static str {
        match self {
            Source::Text => {
                "可粘贴从原表格（Excel/WPS）复制的文本（制表符分隔的行可以逐格读取），或拖入公开的 PDF 文件\
                 （按版面读取各列） / paste the table copied from its spreadsheet (Excel/WPS): \
                 tab-separated rows are read cell by cell; or drop the published PDF, whose layout \
                 gives the columns"
            }
            Source::Pdf => {
                "PDF 中这张表的版式未能读出；如有制作它的 Excel 表格，可把该文件一起拖入，或粘贴从中复制的表格 / \
                 the table's layout in the PDF could not be read; if you have the Excel workbook it \
                 was made in, drop it as well, or paste the table copied from it"
            }
            Source::Workbook => {
                "工作表的单元格已逐格读出，未能对应的是表头：请对照公开模板核对这张表的标题行和栏目名称 / \
                 the sheet's cells were read one by one; what did not match is its header: compare \
                 its title rows and column names with the disclosure template"
            }
            Source::Word => {
                "Word 文件中的表格未能对应到已知的栏目；如有制作它的 Excel 表格，可一并拖入 / the Word \
                 file's table did not match known columns; if you have the Excel workbook it was made \
                 in, drop it as well"
            }
        }
    }
}

/// `R001` table-unread · `R002` column-ambiguous · `R003` tables-as-images · `R004` no-tables ·
/// `R005` text-too-large · `R006` table-partly-read.
pub fn diagnostics(doc: &Document) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for t in &doc.tables {
        match &t.status {
            TableStatus::Unread { reason } => out.push(
                Diagnostic::new(
                    "R001",
                    "table-unread",
                    Severity::Warning,
                    format!("未能读取「{}」：{}。该表未参与校验。", t.title, reason),
                    format!(
                        "Could not read 「{}」: {}. The table was not checked.",
                        t.title, reason
                    ),
                )
                .primary(t.title_span, "未能读取的表", "table not read")
                .note(Source::Text.advice()),
            ),
            TableStatus::Read => {
                for r in &t.rows {
                    for c in r.cells.iter().filter(|c| !c.alternatives.is_empty()) {
                        let cols = t.columns_of(r.side);
                        let name =
                            |i: usize| cols.get(i).map_or("?", |c| c.name.as_str()).to_string();
                        let alts: Vec<String> = c.alternatives.iter().map(|&a| name(a)).collect();
                        out.push(
                            Diagnostic::new(
                                "R002",
                                "column-ambiguous",
                                Severity::Info,
                                format!(
                                    "「{}」{} 所在的列无法由表内运算唯一确定：按「{}」读取，也可能是「{}」。",
                                    t.title,
                                    c.value,
                                    name(c.column),
                                    alts.join("」或「")
                                ),
                                format!(
                                    "In 「{}」 the column of {} is not fixed by the table's arithmetic: read as 「{}」, could be 「{}」.",
                                    t.title,
                                    c.value,
                                    name(c.column),
                                    alts.join("」 or 「")
                                ),
                            )
                            .primary(
                                c.span,
                                format!("按「{}」读取", name(c.column)),
                                format!("read as {}", name(c.column)),
                            ),
                        );
                    }
                }
            }
            TableStatus::Empty { .. } => {}
        }
        if let Some(left) = &t.left_unread {
            out.push(
                Diagnostic::new(
                    "R006",
                    "table-partly-read",
                    Severity::Info,
                    format!("「{}」只读取了一部分：{}。", t.title, left.zh),
                    format!("「{}」 was read in part: {}.", t.title, left.en),
                )
                .primary(t.title_span, "部分读取的表", "table read in part"),
            );
        }
    }
    if doc.tables_as_images {
        out.push(Diagnostic::new(
            "R003",
            "tables-as-images",
            Severity::Warning,
            "文中的表格以图片形式发布（[图片: …]），无法读取表内数字；只校验了文字说明。"
                .to_string(),
            "The tables were published as images ([图片: …]); only the narrative was checked."
                .to_string(),
        ));
    } else if doc.tables.is_empty() {
        out.push(Diagnostic::new(
            "R004",
            "no-tables",
            Severity::Warning,
            "未识别到预算公开表格。".to_string(),
            "No budget disclosure table was recognised.".to_string(),
        ));
    }
    out
}

/// `R005`: the text is larger than [`crate::MAX_TEXT_BYTES`] and was not read.
pub fn too_large(bytes: usize) -> Diagnostic {
    let mib = |b: usize| format!("{:.1}", b as f64 / (1 << 20) as f64);
    Diagnostic::new(
        "R005",
        "text-too-large",
        Severity::Warning,
        format!(
            "文本过大（{} MB），超过 {} MB 的上限，未作校验：请把文件拆开，分别校验各个单位或各个部分。",
            mib(bytes),
            mib(crate::MAX_TEXT_BYTES)
        ),
        format!(
            "The text is too large ({} MB, more than the {} MB limit) and was not checked: split it and check each body or part separately.",
            mib(bytes),
            mib(crate::MAX_TEXT_BYTES)
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::origin::Origins;
    use crate::source::Span;

    /// The notes of the R001 findings of `text` checked with every byte placed at `origin`, then
    /// the advice on each unread table.
    fn advice(text: &str, origin: Option<Origin>) -> Vec<Vec<String>> {
        let mut origins = Origins::new();
        if let Some(o) = origin {
            origins.push(Span::new(0, text.len()), o);
        }
        let report = crate::check_with_origins(text, &origins);
        let notes = report
            .diagnostics
            .into_iter()
            .filter(|d| d.code == "R001")
            .map(|d| d.notes);
        let tables = report
            .tables
            .into_iter()
            .filter(|t| t.status == "unread")
            .map(|t| t.advice.into_iter().collect());
        notes.chain(tables).collect()
    }

    #[test]
    fn an_unread_table_gets_the_advice_for_what_it_was_read_from() {
        let Ok(text) = std::fs::read_to_string(format!(
            "{}/../shared/corpus/real/07_shanghai_putuo_caizhengju_2024_bumen_juesuan.txt",
            env!("CARGO_MANIFEST_DIR")
        )) else {
            return;
        };
        let cell = |cell: &str| Origin::Cell {
            file: None,
            sheet: "表1".into(),
            cell: cell.into(),
        };
        let page = Origin::Page {
            file: None,
            page: 3,
            bbox: [0.0; 4],
        };
        for (origin, source) in [
            (None, Source::Text),
            (Some(page), Source::Pdf),
            (Some(cell("D12")), Source::Workbook),
            (Some(cell("R2C3")), Source::Word),
        ] {
            let notes = advice(&text, origin);
            assert!(!notes.is_empty(), "07 has unread tables");
            for n in &notes {
                assert_eq!(n, &[source.advice().to_string()], "{source:?}");
            }
        }
    }
}
