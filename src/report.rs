//! The report: what the CLI prints as JSON and the web app receives (ENGINEERING.md, "report contract").
//!
//! Spans are UTF-8 byte offsets into the input; labels also carry 1-based line and character column.

use crate::diag::{Diagnostic, Severity};
use crate::model::{Document, Side, Table, TableStatus};
use crate::source::{LineIndex, Span};
use serde::{Deserialize, Serialize};

pub const SCHEMA: &str = "budget-lint/report@1";

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Report {
    pub schema: String,
    pub document: DocumentInfo,
    pub tables: Vec<TableOut>,
    pub diagnostics: Vec<DiagnosticOut>,
    /// What each rule checked and what it could not.
    pub coverage: Vec<crate::rules::Coverage>,
    pub summary: Summary,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct DocumentInfo {
    /// The publishing body.
    pub unit: Option<String>,
    pub year: Option<u16>,
    pub kind: Option<String>,
    pub scope: Option<String>,
    pub money_unit: Option<String>,
    pub tables_as_images: bool,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct TableOut {
    pub number: Option<u32>,
    pub kind: crate::model::TableKind,
    pub title: String,
    pub subject: Option<String>,
    pub unit: Option<String>,
    pub status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// For an unread table, what would help read it (by what the text was read from: see
    /// `reading::Source`); R001's note says the same.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advice: Option<String>,
    pub span: Span,
    pub columns: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub income_columns: Vec<String>,
    /// The columns were counted from the figures (no known header matched): unnamed, checked by the
    /// table's own sums only.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub columns_counted: bool,
    /// A part of the read table left out of the reading, and why (R006).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub left_unread: Option<String>,
    pub rows: Vec<RowOut>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RowOut {
    pub code: Option<String>,
    pub label: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub side: Option<Side>,
    pub kind: crate::model::RowKind,
    pub cells: Vec<CellOut>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct CellOut {
    pub column: String,
    pub value: String,
    pub span: Span,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<String>,
    /// Where the figure stands in the file the text was read from (a PDF page's box, a sheet's
    /// cell); absent for pasted text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<crate::origin::Origin>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct LabelOut {
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub primary: bool,
    pub message: String,
    pub message_en: String,
    /// Where the labelled figure stands in the file the text was read from; absent for pasted text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<crate::origin::Origin>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct DiagnosticOut {
    pub code: String,
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    pub message_en: String,
    pub labels: Vec<LabelOut>,
    pub expected: Option<String>,
    pub actual: Option<String>,
    pub notes: Vec<String>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Summary {
    pub errors: usize,
    pub rounding: usize,
    pub warnings: usize,
    pub infos: usize,
    pub tables_read: usize,
    pub tables_empty: usize,
    pub tables_unread: usize,
    pub narrative_figures: usize,
}

impl Report {
    pub fn new(
        text: &str,
        doc: &Document,
        diagnostics: &[Diagnostic],
        coverage: Vec<crate::rules::Coverage>,
    ) -> Report {
        let index = LineIndex::new(text);
        let mut summary = Summary {
            narrative_figures: doc.narrative.figures.len(),
            ..Summary::default()
        };
        for t in &doc.tables {
            match t.status {
                TableStatus::Read => summary.tables_read += 1,
                TableStatus::Empty { .. } => summary.tables_empty += 1,
                TableStatus::Unread { .. } => summary.tables_unread += 1,
            }
        }
        for d in diagnostics {
            match d.severity {
                Severity::Error => summary.errors += 1,
                Severity::Rounding => summary.rounding += 1,
                Severity::Warning => summary.warnings += 1,
                Severity::Info => summary.infos += 1,
            }
        }
        Report {
            schema: SCHEMA.to_string(),
            document: DocumentInfo {
                unit: doc.facts.body.as_ref().map(|b| b.value.clone()),
                year: doc.facts.year.as_ref().map(|y| y.value),
                kind: doc.facts.kind.as_ref().map(|k| {
                    match k.value {
                        crate::model::DocKind::Budget => "budget",
                        crate::model::DocKind::FinalAccounts => "final_accounts",
                    }
                    .to_string()
                }),
                scope: doc.facts.scope.as_ref().map(|s| {
                    match s.value {
                        crate::model::Scope::Department => "department",
                        crate::model::Scope::Unit => "unit",
                    }
                    .to_string()
                }),
                money_unit: doc.facts.money_unit.map(|u| u.as_str().to_string()),
                tables_as_images: doc.tables_as_images,
            },
            tables: doc.tables.iter().map(table_out).collect(),
            diagnostics: diagnostics
                .iter()
                .map(|d| DiagnosticOut {
                    code: d.code.to_string(),
                    rule: d.rule.to_string(),
                    severity: d.severity,
                    message: d.message.clone(),
                    message_en: d.message_en.clone(),
                    labels: d
                        .labels
                        .iter()
                        .map(|l| {
                            let lc = index.line_col(text, l.span.start);
                            LabelOut {
                                start: l.span.start,
                                end: l.span.end,
                                line: lc.line,
                                column: lc.column,
                                primary: l.primary,
                                message: l.message.clone(),
                                message_en: l.message_en.clone(),
                                origin: None,
                            }
                        })
                        .collect(),
                    expected: d.expected.clone(),
                    actual: d.actual.clone(),
                    notes: d.notes.clone(),
                })
                .collect(),
            coverage,
            summary,
        }
    }
}

impl Report {
    /// Places every label and cell in the file the text was read from (see [`crate::origin`]).
    pub fn locate(&mut self, origins: &crate::origin::Origins) {
        if origins.is_empty() {
            return;
        }
        for l in self.diagnostics.iter_mut().flat_map(|d| &mut d.labels) {
            l.origin = origins.locate(Span::new(l.start, l.end));
        }
        for c in self
            .tables
            .iter_mut()
            .flat_map(|t| &mut t.rows)
            .flat_map(|r| &mut r.cells)
        {
            c.origin = origins.locate(c.span);
        }
        // What helps with an unread table depends on what it was read from.
        for t in self.tables.iter_mut().filter(|t| t.advice.is_some()) {
            let source = crate::reading::Source::of(
                origins
                    .locate(Span::new(t.span.start, t.span.end.min(t.span.start + 1)))
                    .as_ref(),
            );
            t.advice = Some(source.advice().to_string());
        }
        for d in self.diagnostics.iter_mut().filter(|d| d.code == "R001") {
            let source = crate::reading::Source::of(
                d.labels
                    .iter()
                    .find(|l| l.primary)
                    .and_then(|l| l.origin.as_ref()),
            );
            let text = crate::reading::Source::Text.advice();
            for n in d.notes.iter_mut().filter(|n| n.as_str() == text) {
                *n = source.advice().to_string();
            }
        }
    }
}

fn table_out(t: &Table) -> TableOut {
    let (status, reason) = match &t.status {
        TableStatus::Read => ("read".to_string(), None),
        TableStatus::Empty { .. } => ("empty".to_string(), None),
        TableStatus::Unread { reason } => ("unread".to_string(), Some(reason.clone())),
    };
    let advice = reason
        .is_some()
        .then(|| crate::reading::Source::Text.advice().to_string());
    TableOut {
        number: t.number,
        kind: t.kind,
        title: t.title.clone(),
        subject: t.subject.clone(),
        unit: t.unit.map(|u| u.as_str().to_string()),
        status,
        reason,
        advice,
        span: t.span,
        columns: t.columns.iter().map(|c| c.name.clone()).collect(),
        income_columns: t.income_columns.iter().map(|c| c.name.clone()).collect(),
        columns_counted: t.columns_counted,
        left_unread: t.left_unread.as_ref().map(|l| l.zh.clone()),
        rows: t
            .rows
            .iter()
            .map(|r| {
                let cols = t.columns_of(r.side);
                let name = |i: usize| cols.get(i).map_or_else(String::new, |c| c.name.clone());
                RowOut {
                    code: r.code.clone(),
                    label: r.label.clone(),
                    item: r.item.clone(),
                    side: r.side,
                    kind: r.kind,
                    cells: r
                        .cells
                        .iter()
                        .map(|c| CellOut {
                            column: name(c.column),
                            value: c.value.to_string(),
                            span: c.span,
                            alternatives: c.alternatives.iter().map(|&a| name(a)).collect(),
                            origin: None,
                        })
                        .collect(),
                }
            })
            .collect(),
    }
}
