//! Diagnostics about the reading itself: what could not be read, or read only with a choice left.
//!
//! These are not findings about the document's figures; they tell the user where the checker's view
//! of the document is incomplete, so silence is never mistaken for agreement.

use crate::diag::{Diagnostic, Severity};
use crate::model::{Document, TableStatus};

/// `R001` table-unread · `R002` column-ambiguous · `R003` tables-as-images · `R004` no-tables ·
/// `R005` text-too-large.
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
                .primary(t.title_span, "未能读取的表", "table not read"),
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
