//! What the corpus snapshots hold, shared by the text corpus's snapshots (tests/corpus_snapshots.rs)
//! and the PDF corpus's (crates/pdf/tests/pdf_snapshots.rs): a reading's summary (facts, tables
//! with unit, status and row/cell counts, narrative counts) and its findings.

use budget_lint::model::TableStatus;
use std::fmt::Write;

/// Facts, every table recognised (number, kind, title, unit, rows, cells, status or the reason it
/// is unread) and the narrative's counts.
pub fn summary(text: &str) -> String {
    let doc = budget_lint::read(text);
    let mut s = String::new();
    let f = &doc.facts;
    let _ = writeln!(
        s,
        "body: {}\nyear: {}\nscope: {:?}\nkind: {:?}\nmoney unit: {}",
        f.body.as_ref().map_or("-", |b| b.value.as_str()),
        f.year
            .as_ref()
            .map_or("-".to_string(), |y| y.value.to_string()),
        f.scope.as_ref().map(|x| x.value),
        f.kind.as_ref().map(|x| x.value),
        f.money_unit.map_or("-", |u| u.as_str()),
    );
    let _ = writeln!(s, "tables as images: {}", doc.tables_as_images);
    let _ = writeln!(
        s,
        "parts: {:?}",
        doc.parts.iter().map(|p| p.kind).collect::<Vec<_>>()
    );
    let _ = writeln!(s, "tables: {}", doc.tables.len());
    for t in &doc.tables {
        let cells: usize = t.rows.iter().map(|r| r.cells.len()).sum();
        let ambiguous: usize = t
            .rows
            .iter()
            .flat_map(|r| &r.cells)
            .filter(|c| !c.alternatives.is_empty())
            .count();
        let status = match &t.status {
            TableStatus::Read if t.columns_counted => "read (columns counted)".to_string(),
            TableStatus::Read => "read".to_string(),
            TableStatus::Empty { statement } => {
                format!(
                    "empty{}",
                    if statement.is_some() {
                        " (declared)"
                    } else {
                        ""
                    }
                )
            }
            TableStatus::Unread { reason } => format!("UNREAD: {reason}"),
        };
        let _ = writeln!(
            s,
            "  - {} {:?} [{}] {} | unit {} | {} rows, {} cells, {} ambiguous | {}",
            t.number.map_or("-".to_string(), |n| n.to_string()),
            t.kind,
            t.title,
            t.subject.as_deref().unwrap_or(""),
            t.unit.map_or("-", |u| u.as_str()),
            t.rows.len(),
            cells,
            ambiguous,
            status,
        );
    }
    let n = &doc.narrative;
    let _ = writeln!(
        s,
        "narrative: {} sections, {} figures, {} changes, {} component lists",
        n.sections.len(),
        n.figures.len(),
        n.changes.len(),
        n.lists.len()
    );
    s
}

/// Every finding (reading notes R002 aside, which the table snapshot counts), with the figures
/// expected and printed: each `error` here was checked by hand against the document's arithmetic.
pub fn findings(text: &str) -> String {
    let report = budget_lint::check(text);
    let mut s = String::new();
    for d in report.diagnostics.iter().filter(|d| d.code != "R002") {
        let at = d
            .labels
            .iter()
            .find(|l| l.primary)
            .map_or("-".to_string(), |l| format!("{}:{}", l.line, l.column));
        let _ = write!(s, "{at} {} {} {}", d.severity.as_str(), d.code, d.message);
        if let (Some(e), Some(a)) = (&d.expected, &d.actual) {
            let _ = write!(s, " [expected {e}, printed {a}]");
        }
        s.push('\n');
    }
    let _ = writeln!(
        s,
        "summary: {} error, {} rounding, {} warning, {} info",
        report.summary.errors,
        report.summary.rounding,
        report.summary.warnings,
        report.summary.infos
    );
    s
}
