//! Reviewed snapshots of what the reader makes of every corpus document: facts, the tables recognised
//! with their unit, status and row/cell counts, and the narrative statements found. A change in the
//! reading shows up as a diff to review (`cargo insta review`, or INSTA_UPDATE=always then `git diff`).

mod common;

use budget_lint::model::TableStatus;
use std::fmt::Write;

fn summary(text: &str) -> String {
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

#[test]
fn every_corpus_document_reads_and_matches_its_snapshot() {
    let docs = common::all_documents();
    assert!(docs.len() >= 13, "corpus not found beside the project");
    for (name, text) in docs {
        let report = budget_lint::check(&text);
        assert_eq!(report.schema, "budget-lint/report@1");
        let stem = name.replace(['/', '.'], "_");
        insta::assert_snapshot!(stem, summary(&text));
    }
}

/// Every finding (reading notes R002 aside, which the table snapshot counts), with the figures
/// expected and printed: each `error` here was checked by hand against the document's arithmetic.
fn findings(text: &str) -> String {
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

#[test]
fn every_corpus_document_has_its_reviewed_findings() {
    for (name, text) in common::all_documents() {
        let stem = format!("findings_{}", name.replace(['/', '.'], "_"));
        insta::assert_snapshot!(stem, findings(&text));
    }
}

#[test]
fn a_document_whose_tables_are_images_says_so() {
    let text = common::corpus("real/13_chongqing_jiaowei_2018_bumen_yusuan_narrative.txt");
    let doc = budget_lint::read(&text);
    assert!(doc.tables.is_empty());
    assert!(doc.tables_as_images);
    let diags = budget_lint::diagnostics(&text, &doc);
    assert!(diags.iter().any(|d| d.rule == "tables-as-images"));
}
