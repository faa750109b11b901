//! The wide corpus read from its PDFs: every PDF gives text with figures and origins; wherever the
//! PDF and its pdftotext text both read a table, the cells agree; hand-checked totals are read.

mod common;

use budget_lint::report::Report;
use common::{docs, pdf_text, present};
use std::collections::BTreeMap;

#[test]
fn every_corpus_pdf_gives_text_with_figures_and_places() {
    if !present("every_corpus_pdf_gives_text_with_figures_and_places") {
        return;
    }
    let all = docs();
    assert_eq!(all.len(), 32);
    for doc in &all {
        assert!(!doc.pdfs.is_empty(), "{}: no PDF", doc.stem);
        let (text, origins) = pdf_text(doc);
        let figures = text
            .split(['\t', ' ', '\n'])
            .filter(|w| {
                w.len() >= 4
                    && (w.contains('.') || w.contains(','))
                    && w.chars()
                        .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
            })
            .count();
        assert!(figures >= 50, "{}: {figures} figures", doc.stem);
        assert!(text.contains('\t'), "{}: no table laid out", doc.stem);
        assert!(
            origins.len() * 4 > text.lines().count(),
            "{}: origins",
            doc.stem
        );
        // Every origin is on a page of the document, its box in order.
        for (span, o) in origins.entries() {
            assert!(span.end <= text.len() && text.is_char_boundary(span.start));
            let budget_lint::origin::Origin::Page { page, bbox, .. } = o else {
                panic!("not a page")
            };
            assert!(
                *page >= 1 && bbox[0] <= bbox[2] && bbox[1] <= bbox[3],
                "{o:?}"
            );
        }
    }
}

type Cells = BTreeMap<(String, String, String, String), String>;

/// The cells of a report's read tables, keyed by table (kind, number and number of columns), row
/// (side and code or label) and column (its place: tables read with counted columns — `第1列` … —
/// are compared by place with the other reading of the same width). A key met twice (a row
/// printed twice) is left out.
fn cells(report: &Report) -> Cells {
    let mut out = Cells::new();
    let mut twice = Vec::new();
    for t in report.tables.iter().filter(|t| t.status == "read") {
        let table = format!("{:?} {:?} {}", t.kind, t.number, t.columns.len());
        for r in &t.rows {
            let row = format!(
                "{:?} {}",
                r.side,
                r.code.clone().unwrap_or_else(|| r.label.clone())
            );
            for c in &r.cells {
                let place = match t.columns.iter().position(|n| *n == c.column) {
                    Some(i) if r.side != Some(budget_lint::model::Side::Income) => i.to_string(),
                    _ => c.column.clone(),
                };
                let key = (table.clone(), row.clone(), place, String::new());
                if out.insert(key.clone(), c.value.clone()).is_some() {
                    twice.push(key);
                }
            }
        }
    }
    for k in twice {
        out.remove(&k);
    }
    out
}

#[test]
fn pdf_and_text_agree_wherever_both_read_a_table() {
    if !present("pdf_and_text_agree_wherever_both_read_a_table") {
        return;
    }
    let mut compared = 0;
    let mut differ = Vec::new();
    for doc in docs() {
        let (text, origins) = pdf_text(&doc);
        let from_pdf = cells(&budget_lint::check_with_origins(&text, &origins));
        let txt = std::fs::read_to_string(&doc.txt).unwrap();
        let from_txt = cells(&budget_lint::check(&txt));
        for (key, value) in &from_txt {
            if let Some(v) = from_pdf.get(key) {
                compared += 1;
                if v != value {
                    differ.push(format!("{} {key:?}: text {value}, PDF {v}", doc.stem));
                }
            }
        }
    }
    eprintln!("{compared} cells compared");
    assert!(compared >= 100, "{compared} cells compared");
    assert!(
        differ.is_empty(),
        "{} differ:\n{}",
        differ.len(),
        differ.join("\n")
    );
}

#[test]
fn hand_checked_cells_are_read_from_the_pdf() {
    if !present("hand_checked_cells_are_read_from_the_pdf") {
        return;
    }
    // Totals checked by hand against the pages (tests/expected/pdf_totals.tsv), and the totals rows
    // of every table read and one whole table per document, each compared with poppler's text of
    // its page (tests/expected/pdf_cells.tsv).
    let fixture = [
        include_str!("../../../tests/expected/pdf_totals.tsv"),
        include_str!("../../../tests/expected/pdf_cells.tsv"),
    ]
    .concat();
    let all = docs();
    let mut checked = 0;
    let mut reports: BTreeMap<String, Report> = BTreeMap::new();
    for line in fixture
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let f: Vec<&str> = line.split('\t').collect();
        let [stem, number, label, column, value] = f[..] else {
            panic!("bad fixture line {line}")
        };
        let doc = all.iter().find(|d| d.stem.starts_with(stem)).unwrap();
        let report = reports.entry(doc.stem.clone()).or_insert_with(|| {
            let (text, origins) = pdf_text(doc);
            budget_lint::check_with_origins(&text, &origins)
        });
        let table = report
            .tables
            .iter()
            .find(|t| t.number == number.parse().ok())
            .unwrap_or_else(|| panic!("{stem}: no table {number}"));
        // Named columns, or counted ones (a table read by its fields: `第N列`).
        assert_eq!(table.status, "read", "{stem} table {number}");
        assert_eq!(
            table.columns_counted,
            column.starts_with('第'),
            "{stem} table {number}: columns counted or named as the fixture says"
        );
        let cell = table
            .rows
            .iter()
            .filter(|r| r.label == label)
            .flat_map(|r| &r.cells)
            .find(|c| c.column == column)
            .unwrap_or_else(|| panic!("{stem} table {number}: no {label}/{column}"));
        assert_eq!(cell.value, value, "{stem} table {number} {label}/{column}");
        // The figure is placed on its page.
        assert!(
            cell.origin.is_some(),
            "{stem} table {number} {label}/{column}"
        );
        checked += 1;
    }
    assert!(checked >= 2_600, "{checked} cells checked");
}
