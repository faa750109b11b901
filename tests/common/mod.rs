//! Shared helpers for the integration tests: reading the corpus beside the project.

#![allow(dead_code)]

use std::path::PathBuf;

/// The figures of a read table, row by row, as the report prints them.
pub fn values(t: &budget_lint::report::TableOut) -> Vec<Vec<String>> {
    t.rows
        .iter()
        .map(|r| r.cells.iter().map(|c| c.value.clone()).collect())
        .collect()
}

pub fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus")
}

pub fn corpus(name: &str) -> String {
    let p = corpus_dir().join(name);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
}

/// Every corpus document: the reference set, `real/` and `wide/`, sorted.
pub fn all_documents() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for dir in [
        corpus_dir(),
        corpus_dir().join("real"),
        corpus_dir().join("wide"),
    ] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "txt") {
                let name = p.strip_prefix(corpus_dir()).unwrap().display().to_string();
                out.push((name, std::fs::read_to_string(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

/// A report's `error` findings.
pub fn errors(report: &budget_lint::report::Report) -> Vec<&budget_lint::report::DiagnosticOut> {
    report
        .diagnostics
        .iter()
        .filter(|d| d.severity == budget_lint::Severity::Error)
        .collect()
}

/// Whether a report holds no `error` finding.
pub fn no_errors(report: &budget_lint::report::Report) -> bool {
    report
        .diagnostics
        .iter()
        .all(|d| d.severity != budget_lint::Severity::Error)
}
