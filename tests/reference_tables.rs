//! Every cell of every table of the three reference documents, compared with the hand-written
//! expected tables in `tests/expected/` (see its README for how they were written and checked).

mod common;

use budget_lint::model::{Side, TableKind, TableStatus};
use std::collections::BTreeSet;

/// (table, side, row key, item, column, value): the row key is the code of a coded row, else its label.
type CellKey = (String, String, String, String, String, String);

struct Expected {
    cells: BTreeSet<CellKey>,
    tables: Vec<(String, bool)>,
}

fn expected(name: &str) -> Expected {
    let path = format!("{}/tests/expected/{name}.tsv", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("expected table file");
    let mut cells = BTreeSet::new();
    let mut tables = Vec::new();
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f[0] == "@" {
            tables.push((f[1].to_string(), f[3] == "empty"));
            continue;
        }
        assert_eq!(f.len(), 7, "bad line in {name}.tsv: {line}");
        let key = if f[2] != "-" { f[2] } else { f[3] };
        cells.insert((
            f[0].to_string(),
            f[1].to_string(),
            key.to_string(),
            f[4].to_string(),
            f[5].to_string(),
            f[6].to_string(),
        ));
    }
    Expected { cells, tables }
}

fn table_key(t: &budget_lint::model::Table) -> String {
    match t.kind {
        TableKind::PerformanceOverall => "整体绩效".to_string(),
        TableKind::PerformanceProject => {
            format!("项目绩效:{}", t.subject.clone().unwrap_or_default())
        }
        _ => t.number.map_or_else(|| t.title.clone(), |n| n.to_string()),
    }
}

fn actual(doc: &budget_lint::Document) -> BTreeSet<CellKey> {
    let mut out = BTreeSet::new();
    for t in &doc.tables {
        let key = table_key(t);
        for r in &t.rows {
            let side = match r.side {
                Some(Side::Income) => "收入",
                Some(Side::Expenditure) => "支出",
                None => "-",
            };
            let row = r.code.clone().unwrap_or_else(|| r.label.clone());
            for c in &r.cells {
                let col = t.columns_of(r.side)[c.column].name.clone();
                out.insert((
                    key.clone(),
                    side.to_string(),
                    row.clone(),
                    r.item.clone().unwrap_or_else(|| "-".to_string()),
                    col,
                    c.value.to_string(),
                ));
            }
        }
    }
    out
}

fn compare(name: &str, file: &str) {
    let exp = expected(name);
    let text = common::corpus(file);
    let doc = budget_lint::read(&text);
    let got = actual(&doc);
    let missing: Vec<_> = exp.cells.difference(&got).collect();
    let extra: Vec<_> = got.difference(&exp.cells).collect();
    for (key, empty) in &exp.tables {
        let t = doc.tables.iter().find(|t| &table_key(t) == key);
        let t = t.unwrap_or_else(|| panic!("{name}: table {key} not found"));
        if *empty {
            assert!(
                matches!(t.status, TableStatus::Empty { statement: Some(_) }),
                "{name}: table {key} should be empty with its statement, is {:?}",
                t.status
            );
        } else {
            assert_eq!(t.status, TableStatus::Read, "{name}: table {key}");
        }
    }
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{name}: {} cells expected, {} read\nmissing ({}):\n{}\nextra ({}):\n{}",
        exp.cells.len(),
        got.len(),
        missing.len(),
        missing
            .iter()
            .map(|c| format!("  {c:?}"))
            .collect::<Vec<_>>()
            .join("\n"),
        extra.len(),
        extra
            .iter()
            .map(|c| format!("  {c:?}"))
            .collect::<Vec<_>>()
            .join("\n"),
    );
}

#[test]
fn reference_000_every_cell() {
    compare("000", "000_799292fe1e9c1d1b.txt");
}

#[test]
fn reference_001_every_cell() {
    compare("001", "001_6149e9281c444aee.txt");
}

#[test]
fn reference_003_every_cell() {
    compare("003", "003_03cb8317ef3ace4d.txt");
}
