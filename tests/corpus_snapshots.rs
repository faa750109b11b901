//! Reviewed snapshots of what the reader makes of every corpus document: facts, the tables recognised
//! with their unit, status and row/cell counts, and the narrative statements found. A change in the
//! reading shows up as a diff to review (`cargo insta review`, or INSTA_UPDATE=always then `git diff`).

mod common;
#[path = "common/snapshot.rs"]
mod snapshot;

use snapshot::{findings, summary};

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
