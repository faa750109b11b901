//! budget-lint (预算公开校验): reads a Chinese government budget or final-accounts disclosure and checks
//! that its figures agree.
//!
//! The core is pure: no IO, no DOM. [`read`] turns text into a typed [`Document`]; [`check`] reads and
//! returns the [`Report`] with every diagnostic. Neither fails nor panics on any input (architecture
//! invariant 1): what cannot be read becomes a diagnostic.

/// The long documentation of a rule (what it checks, why, an example): compiled in with the
/// `docs` feature (the default; the CLI prints it), left out without it (the web module, which
/// loads the same texts from `rules.json` when a person opens a rule's explanation).
#[cfg(feature = "docs")]
macro_rules! doc_text {
    ($text:expr) => {
        $text
    };
}
#[cfg(not(feature = "docs"))]
macro_rules! doc_text {
    ($text:expr) => {
        ""
    };
}

pub mod amount;
pub mod classification;
#[cfg(feature = "decode")]
pub mod decode;
pub mod diag;
pub mod model;
pub mod order;
pub mod origin;
pub mod reading;
pub mod report;
pub mod rules;
pub mod sniff;
pub mod source;
pub mod syntax;
pub mod view;

pub use diag::{Diagnostic, Severity};
pub use model::Document;
pub use report::Report;

use std::collections::HashMap;

/// Reads a disclosure into the document model.
pub fn read(text: &str) -> Document {
    let lines = syntax::lex::lines(text);
    let regions = syntax::regions::find(text, &lines);
    // Page numbers and running headers, skipped by the table and narrative readers alike.
    let furniture = syntax::lex::furniture(text, &lines);
    let tokens = syntax::lex::Tokens::of(text, &lines, regions.iter().map(|r| r.title..r.end));
    let mut tables: Vec<model::Table> = regions
        .iter()
        .map(|r| syntax::table::read(text, &lines, &tokens, &furniture, r))
        .collect();
    // The income table's columns hold the money of the summary table's income items: where the
    // income table's own arithmetic left a column open, read it again knowing those totals.
    if let Some(summary) = tables
        .iter()
        .find(|t| t.kind == model::TableKind::IncomeExpenditure && t.is_read())
    {
        let known = syntax::income_items::known_columns(summary);
        for (t, r) in tables.iter_mut().zip(&regions) {
            let open = t
                .rows
                .iter()
                .flat_map(|r| &r.cells)
                .any(|c| !c.alternatives.is_empty());
            if t.kind == model::TableKind::Income && open && !known.is_empty() {
                let again = syntax::table::read_with(text, &lines, &tokens, &furniture, r, &known);
                if again.is_read() {
                    *t = again;
                }
            }
        }
    }
    drop(tokens);
    // Unnumbered table sets (Shanghai, final accounts) are numbered by their order.
    if tables.iter().all(|t| t.number.is_none()) {
        let financial = tables.iter_mut().filter(|t| {
            !matches!(
                t.kind,
                model::TableKind::PerformanceOverall | model::TableKind::PerformanceProject
            )
        });
        for (i, t) in financial.enumerate() {
            t.number = Some(i as u32 + 1);
        }
    }
    let mut facts = syntax::facts::read(text, &lines);
    let mut units: HashMap<model::MoneyUnit, usize> = HashMap::new();
    for t in tables
        .iter()
        .filter(|t| t.kind.is_coded() || t.kind.is_two_sided())
    {
        if let Some(u) = t.unit {
            *units.entry(u).or_default() += 1;
        }
    }
    facts.money_unit = units
        .into_iter()
        .max_by_key(|&(u, n)| (n, u == model::MoneyUnit::WanYuan))
        .map(|(u, _)| u);
    let narrative = syntax::narrative::read(text, &lines, &furniture, &regions);
    let tables_as_images =
        tables.is_empty() && lines.iter().any(|l| l.text(text).contains("[图片"));
    Document {
        facts,
        parts: syntax::facts::parts(text, &lines),
        tables,
        narrative,
        tables_as_images,
    }
}

/// Every diagnostic about a document (reading issues and rule findings), sorted by position, with
/// the coverage of each rule.
pub fn analyse(text: &str, doc: &Document) -> (Vec<Diagnostic>, Vec<rules::Coverage>) {
    let mut out = reading::diagnostics(doc);
    let (mut found, coverage) = rules::run(text, doc);
    out.append(&mut found);
    crate::order::sort_by(&mut out, |a, b| a.sort_key().cmp(&b.sort_key()));
    (out, coverage)
}

/// Every diagnostic about a document, sorted by position.
pub fn diagnostics(text: &str, doc: &Document) -> Vec<Diagnostic> {
    analyse(text, doc).0
}

/// The largest text checked: 16 MiB, some 36 times the largest real disclosure seen (a 442 kB
/// text of 262 pages). Checking grows linearly (about 2 MB/s natively, 15 bytes of memory per
/// byte); a larger text is refused with `R005` rather than kept for minutes (README, "Limits").
pub const MAX_TEXT_BYTES: usize = 16 << 20;

/// Reads and checks a disclosure.
pub fn check(text: &str) -> Report {
    if text.len() > MAX_TEXT_BYTES {
        let doc = Document::default();
        return Report::new(text, &doc, &[reading::too_large(text.len())], Vec::new());
    }
    let doc = read(text);
    let (diags, coverage) = analyse(text, &doc);
    Report::new(text, &doc, &diags, coverage)
}

/// Reads and checks text read out of a file (a PDF, a workbook), placing each figure of the
/// report in that file as well as in the text.
pub fn check_with_origins(text: &str, origins: &origin::Origins) -> Report {
    let mut report = check(text);
    report.locate(origins);
    report
}
