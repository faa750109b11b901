//! Reviewed snapshots of every wide-corpus document read from its PDF: the tables recognised (kind,
//! unit, status or the reason a table is unread, rows, cells) and every finding, as for the text
//! corpus (`tests/common/snapshot.rs` makes both). Each `error` here is checked by arithmetic in
//! `tests/snapshots/WIDE_PDF_REVIEW.md`. A change in the reading shows up as a diff to review
//! (`INSTA_UPDATE=always cargo test -p budget-lint-pdf --test pdf_snapshots`, then `git diff`).

mod common;
#[path = "../../../tests/common/snapshot.rs"]
mod snapshot;

use common::{docs, pdf_text, present};

#[test]
fn every_corpus_pdf_reads_and_matches_its_reviewed_snapshot() {
    if !present("every_corpus_pdf_reads_and_matches_its_reviewed_snapshot") {
        return;
    }
    for doc in docs() {
        let (text, _) = pdf_text(&doc);
        let reading = format!(
            "{}\n{}",
            snapshot::summary(&text),
            snapshot::findings(&text)
        );
        insta::assert_snapshot!(doc.stem.clone(), reading);
    }
}
