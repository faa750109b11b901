//! Fault injection over the reference documents: change one printed figure by an amount rounding
//! cannot explain, and the checker must object with a finding whose labels cover that figure; delete
//! one table, and it must report the table missing.

mod common;

use budget_lint::diag::Severity;
use budget_lint::model::{FigureUnit, TableStatus};
use budget_lint::source::Span;
use rust_decimal::Decimal;

const REFERENCE: [&str; 3] = [
    "000_799292fe1e9c1d1b.txt",
    "001_6149e9281c444aee.txt",
    "003_03cb8317ef3ace4d.txt",
];

/// The text with the figure at `span` replaced by `value` + 10 (printed at the same precision).
fn mutate(text: &str, span: Span, value: Decimal) -> (String, Span) {
    let mut changed = value + Decimal::new(10, 0);
    changed.rescale(value.scale());
    let new = changed.to_string();
    let mut out = String::with_capacity(text.len() + 8);
    out.push_str(&text[..span.start]);
    out.push_str(&new);
    out.push_str(&text[span.end..]);
    (out, Span::new(span.start, span.start + new.len()))
}

/// True when a finding of `error` or `warning` severity has a label overlapping `span`.
fn objected(text: &str, span: Span) -> bool {
    let doc = budget_lint::read(text);
    budget_lint::diagnostics(text, &doc).iter().any(|d| {
        matches!(d.severity, Severity::Error | Severity::Warning)
            && !d.code.starts_with('R')
            && d.labels
                .iter()
                .any(|l| l.span.start < span.end && span.start < l.span.end)
    })
}

#[test]
fn every_table_cell_changed_is_caught() {
    let mut missed = Vec::new();
    let mut tried = 0;
    for name in REFERENCE {
        let text = common::corpus(name);
        let doc = budget_lint::read(&text);
        for t in doc.tables.iter().filter(|t| t.status == TableStatus::Read) {
            for r in &t.rows {
                for c in &r.cells {
                    tried += 1;
                    let (changed, span) = mutate(&text, c.span, c.value);
                    if !objected(&changed, span) {
                        missed.push(format!(
                            "{name} {} 「{}」 {}",
                            t.title,
                            r.code.clone().unwrap_or(r.label.clone()),
                            c.value
                        ));
                    }
                }
            }
        }
    }
    assert!(tried > 700, "only {tried} cells tried");
    assert!(
        missed.is_empty(),
        "{} of {tried} changed cells not caught:\n{}",
        missed.len(),
        missed.join("\n")
    );
}

/// Every narrative amount or percentage that a rule compared with something (the report's coverage
/// lists them; the rest — asset values, indicator targets, explanations — are listed as unchecked).
#[test]
fn every_checked_narrative_figure_changed_is_caught() {
    let mut missed = Vec::new();
    let mut tried = 0;
    for name in REFERENCE {
        let text = common::corpus(name);
        let doc = budget_lint::read(&text);
        let (_, coverage) = budget_lint::analyse(&text, &doc);
        let checked: Vec<Span> = coverage
            .iter()
            .flat_map(|c| c.figures.iter().copied())
            .collect();
        for f in &doc.narrative.figures {
            if !matches!(
                f.unit,
                FigureUnit::WanYuan | FigureUnit::Yuan | FigureUnit::Percent
            ) || !checked.contains(&f.span)
            {
                continue;
            }
            tried += 1;
            // The figure's span includes its unit word: change only the number.
            let printed = &text[f.span.start..f.span.end];
            let digits = printed
                .char_indices()
                .find(|(_, c)| !(c.is_ascii_digit() || matches!(c, '.' | ',')))
                .map_or(printed.len(), |(i, _)| i);
            let number = Span::new(f.span.start, f.span.start + digits);
            let (changed, span) = mutate(&text, number, f.value);
            if !objected(&changed, span) {
                missed.push(format!("{name} 「{}」 {}", f.subject, f.value));
            }
        }
    }
    assert!(tried > 100, "only {tried} narrative figures checked");
    assert!(
        missed.is_empty(),
        "{} of {tried} changed narrative figures not caught:\n{}",
        missed.len(),
        missed.join("\n")
    );
}

/// A table that prints last year's figures beside this year's (wide/123's 三公 table as its PDF lays
/// it out, with its narrative: N312's clean fixture): every cell of the table and every change the
/// narrative states against it, changed, is caught.
#[test]
fn a_three_public_table_with_last_year_and_its_changes() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/rules/N312/clean.txt"
    ))
    .expect("the fixture");
    let doc = budget_lint::read(&text);
    let (_, coverage) = budget_lint::analyse(&text, &doc);
    let mut targets: Vec<(Span, Decimal)> = Vec::new();
    for t in doc.tables.iter().filter(|t| t.status == TableStatus::Read) {
        for c in t.rows.iter().flat_map(|r| &r.cells) {
            targets.push((c.span, c.value));
        }
    }
    let n312: Vec<Span> = coverage
        .iter()
        .filter(|c| c.code == "N312")
        .flat_map(|c| c.figures.iter().copied())
        .collect();
    for f in doc
        .narrative
        .figures
        .iter()
        .filter(|f| n312.contains(&f.span))
    {
        let printed = &text[f.span.start..f.span.end];
        let digits = printed
            .char_indices()
            .find(|(_, c)| !(c.is_ascii_digit() || matches!(c, '.' | ',')))
            .map_or(printed.len(), |(i, _)| i);
        targets.push((Span::new(f.span.start, f.span.start + digits), f.value));
    }
    assert!(targets.len() > 80, "only {} figures", targets.len());
    let missed: Vec<String> = targets
        .iter()
        .filter(|(span, value)| {
            let (changed, at) = mutate(&text, *span, *value);
            !objected(&changed, at)
        })
        .map(|(span, value)| format!("{value} at {}", span.start))
        .collect();
    assert!(missed.is_empty(), "not caught: {missed:?}");
}

#[test]
fn every_table_deleted_is_reported_missing() {
    for name in REFERENCE {
        let text = common::corpus(name);
        let doc = budget_lint::read(&text);
        for t in doc.tables.iter().filter(|t| t.number.is_some()) {
            let mut cut = String::new();
            cut.push_str(&text[..t.span.start]);
            cut.push_str(&text[t.span.end..]);
            let d = budget_lint::read(&cut);
            let found = budget_lint::diagnostics(&cut, &d)
                .iter()
                .any(|x| x.code == "C401");
            assert!(
                found,
                "{name}: deleting {} gives no completeness finding",
                t.title
            );
        }
    }
}
