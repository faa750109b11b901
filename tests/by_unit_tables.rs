//! Tables by budget unit (wide/104, Shenzhen: each unit's row, then its own classes 205, 20503 …,
//! the codes repeating from unit to unit): read with each code nested in its unit's block, a unit's
//! row the sum of its classes, the department's the sum of its units. The sums are checked unit by
//! unit; the table is kept out of the cross-table comparisons (R006 says so).

mod common;

use budget_lint::{check, Severity};
use common::no_errors;
use rust_decimal::Decimal;

const BY_UNIT: &str = include_str!("fixtures/extracts/wide104_general_budget_by_unit.txt");

/// The laid-out rows: (unit name or code, first figure), in printed order.
fn printed_rows(text: &str) -> Vec<(String, Option<String>, Decimal)> {
    text.lines()
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            let value = f.get(3)?.replace(',', "").parse().ok()?;
            let code = Some(f[1].to_string()).filter(|c| !c.is_empty());
            Some((f[0].to_string(), code, value))
        })
        .collect()
}

#[test]
fn each_unit_adds_up_its_own_classes_and_no_error_comes_of_the_repeated_codes() {
    // The arithmetic the reading stands on, from the text alone: a unit's 支出总计 is the sum of
    // the classes (3-digit codes) printed under it, within a cent per class (尾差).
    let rows = printed_rows(BY_UNIT);
    let mut units: Vec<(Decimal, Decimal, usize)> = Vec::new();
    for (name, code, value) in &rows {
        match code {
            None if !name.is_empty() => units.push((*value, Decimal::ZERO, 0)),
            Some(c) if c.len() == 3 => {
                let u = units.last_mut().expect("a unit above its classes");
                u.1 += value;
                u.2 += 1;
            }
            _ => {}
        }
    }
    let blocks: Vec<_> = units.iter().filter(|u| u.2 > 0).collect();
    assert!(blocks.len() >= 10, "{} units with classes", blocks.len());
    for (total, sum, classes) in &blocks {
        assert!((total - sum).abs() <= Decimal::new(*classes as i64, 2));
    }
    let report = check(BY_UNIT);
    let t = &report.tables[0];
    assert_eq!(t.status, "read", "{:?}", t.reason);
    assert!(t.left_unread.is_some());
    assert!(report.diagnostics.iter().any(|d| d.code == "R006"));
    assert!(no_errors(&report));
}

#[test]
fn a_misprinted_class_in_one_unit_is_one_finding_on_that_unit() {
    // The second unit's first class, 10.00 more than printed.
    let mut seen = 0;
    let mut wrong = None;
    let text: String = BY_UNIT
        .lines()
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            if f.len() > 3 && f[0].is_empty() && f[1].len() == 3 {
                seen += 1;
                if seen == 2 && wrong.is_none() {
                    let v: Decimal = f[3].replace(',', "").parse().unwrap();
                    let mut g: Vec<String> = f.iter().map(|s| s.to_string()).collect();
                    g[3] = (v + Decimal::TEN).to_string();
                    wrong = Some((f[1].to_string(), v));
                    return g.join("\t") + "\n";
                }
            }
            format!("{l}\n")
        })
        .collect();
    let (code, _) = wrong.expect("a class to misprint");
    let report = check(&text);
    let errors: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert!(!errors.is_empty());
    assert!(
        errors.len() <= 3,
        "{:#?}",
        errors.iter().map(|d| &d.message).collect::<Vec<_>>()
    );
    assert!(errors.iter().all(|d| d.code == "A101"));
    assert!(errors
        .iter()
        .any(|d| d.message.contains(&code) || d.message.contains("深圳")));
}
