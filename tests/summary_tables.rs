//! Summary tables (收支总表) as the PDF reader lays them out (tab-separated cells), each cut unchanged
//! from a wide-corpus PDF's laid-out text into `fixtures/extracts/wide<NNN>_…`; what is asserted
//! follows from the printed fields. An expenditure side printed three times, by function and by two
//! economic classifications (Xi'an), is read with its first breakdown and the rest reported as not
//! read (R006); a total printed across two breakdowns (Jiangsu); three amount columns per side
//! (Changchun).

mod common;

use budget_lint::{check, model::Side, report::TableOut, Severity};
use rust_decimal::Decimal;
use std::str::FromStr;

const THREE_BREAKDOWNS: &str =
    include_str!("fixtures/extracts/wide124_three_expenditure_breakdowns.txt");

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s.trim()).unwrap()
}

/// The printed fields of the line whose first expenditure label (field 2) is `label`, and of the
/// line whose income label (field 0) is `label`.
fn fields_of(label: &str) -> Vec<&'static str> {
    THREE_BREAKDOWNS
        .lines()
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .find(|f| f.first().is_some_and(|x| x.starts_with(label)) || f.get(2) == Some(&label))
        .unwrap_or_else(|| panic!("{label} printed"))
}

fn table() -> TableOut {
    let report = check(THREE_BREAKDOWNS);
    let t = report.tables.into_iter().next().expect("a table");
    assert_eq!(t.status, "read", "{:?}", t.reason);
    t
}

fn value(t: &TableOut, side: Side, label: &str) -> Option<Decimal> {
    let row = t
        .rows
        .iter()
        .find(|r| r.side == Some(side) && r.label == label)?;
    row.cells.first().map(|c| dec(&c.value))
}

/// The sum of the expenditure side's numbered items (`一、…`) in the first column.
fn numbered_expenditure(t: &TableOut) -> Decimal {
    t.rows
        .iter()
        .filter(|r| r.side == Some(Side::Expenditure) && r.label.contains('、'))
        .filter_map(|r| r.cells.first().map(|c| dec(&c.value)))
        .sum()
}

#[test]
fn the_first_expenditure_breakdown_is_read_and_the_others_reported() {
    let t = table();
    // The economic breakdowns' items (fields 4 and 6) are not rows of the table.
    let economic: Vec<&str> = THREE_BREAKDOWNS
        .lines()
        .filter_map(|l| l.split('\t').nth(4))
        .filter(|f| f.starts_with(['1', '(']))
        .collect();
    assert!(economic.contains(&"1、人员经费和公用经费支出"));
    assert!(t.rows.iter().all(|r| !economic.contains(&r.label.as_str())));
    let totals = |label: &str| {
        t.rows
            .iter()
            .filter(|r| r.side == Some(Side::Expenditure) && r.label == label)
            .count()
    };
    assert_eq!(totals("本年支出合计"), 1);
    assert_eq!(totals("支出总计"), 1);
    // The functional classes read add up to 本年支出合计 as printed (56.52 + 3873.12 + 136400.21 +
    // 40878.95 + 857.76 = 182066.56).
    let total = dec(fields_of("本年收入合计")[3]);
    let classes = numbered_expenditure(&t);
    assert_eq!(classes, total);
    assert!(t.left_unread.as_deref().is_some_and(|l| l.contains("2 组")));
    let report = check(THREE_BREAKDOWNS);
    assert!(report.diagnostics.iter().any(|d| d.code == "R006"));
}

#[test]
fn integers_beside_labels_are_amounts_not_codes() {
    let t = table();
    // `其中：专项资金列入部门预算的项目 ⏎ 50830` and `(2)政府性基金收入 ⏎ 0`: amounts without
    // decimals in a table that prints decimals elsewhere.
    let special = "其中：专项资金列入部门预算的项目";
    assert_eq!(
        value(&t, Side::Income, special),
        Some(dec(fields_of(special)[1]))
    );
    assert_eq!(
        value(&t, Side::Income, "(2)政府性基金收入"),
        Some(Decimal::ZERO)
    );
    assert!(t.rows.iter().all(|r| r.code.is_none()));
    assert!(t.rows.iter().any(|r| r.label == "4、公共安全"));
}

/// The document's own error: 收入总计 = 本年收入合计 + 上年结转 (182066.56 + 90.57 = 182157.13), and
/// 支出总计 prints the same 182157.13, but the expenditure side above it holds 本年支出合计 182066.56
/// and 结转下年 0 only. The subtotals `一、部门预算` and `1、财政拨款` are printed blank over parts
/// that hold figures: unfilled, not zero, so no income identity fails.
#[test]
fn the_unbalanced_expenditure_total_is_the_only_error() {
    let report = check(THREE_BREAKDOWNS);
    let errors = common::errors(&report);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].code, "A101");
    let total = dec(fields_of("收入总计")[3]);
    let spent = dec(fields_of("本年收入合计")[3]);
    let carried = dec(fields_of("用事业基金弥补收支差额")[3]);
    assert!(errors[0]
        .message
        .contains(&(total - spent - carried).to_string()));
}

/// wide/130 (Jiangsu, 2018): spending by function beside spending by purpose (基本支出, 项目支出,
/// 单位预留机动经费) on its first three lines only, the function's figures beside its labels in one
/// field, and the totals' figures printed under the second breakdown's amount column, across both.
const BY_PURPOSE: &str = include_str!("fixtures/extracts/wide130_spending_by_purpose.txt");

#[test]
fn a_total_printed_across_the_breakdowns_keeps_its_figure() {
    let report = check(BY_PURPOSE);
    let t = report.tables.first().expect("a table");
    assert_eq!(t.status, "read", "{:?}", t.reason);
    assert!(t.left_unread.as_deref().is_some_and(|l| l.contains("1 组")));
    // 当年支出小计 keeps the figure its line prints last; the classes by function add up to it
    // (20,153.75 + 1,289.52 + 3,015.16 = 24,458.43).
    let line = BY_PURPOSE
        .lines()
        .find(|l| l.contains("当年支出小计"))
        .expect("printed");
    let printed = dec(&line.rsplit('\t').next().unwrap().replace(',', ""));
    assert_eq!(value(t, Side::Expenditure, "当年支出小计"), Some(printed));
    let classes = numbered_expenditure(t);
    assert_eq!(classes, printed);
    assert!(t.rows.iter().all(|r| !r.label.contains("基本支出")));
    assert!(report
        .diagnostics
        .iter()
        .all(|d| d.severity != Severity::Error));
}

/// wide/128 (Changchun): each side prints 本年预算, 编制预算 and 上年结转; `一、本年支出` heads the
/// expenditure classes (numbered 一、 again under it) and is their total.
const WITH_CARRY_OVER: &str = include_str!("fixtures/extracts/wide128_budget_with_carry_over.txt");

#[test]
fn three_amount_columns_per_side_are_read_by_their_header() {
    let report = check(WITH_CARRY_OVER);
    let t = report.tables.first().expect("a table");
    assert_eq!(t.status, "read", "{:?}", t.reason);
    assert_eq!(t.columns, ["本年预算", "编制预算", "上年结转"]);
    assert_eq!(t.income_columns, t.columns);
    // Every row with its three figures: 本年预算 = 编制预算 + 上年结转, as printed.
    let full: Vec<_> = t.rows.iter().filter(|r| r.cells.len() == 3).collect();
    assert!(full.len() >= 10);
    for r in &full {
        let v: Vec<Decimal> = r.cells.iter().map(|c| dec(&c.value)).collect();
        assert_eq!(v[0], v[1] + v[2], "{}", r.label);
    }
    let head = t
        .rows
        .iter()
        .find(|r| r.label == "一、本年支出")
        .expect("read");
    assert_eq!(head.kind, budget_lint::model::RowKind::Total);
    assert!(report
        .diagnostics
        .iter()
        .all(|d| d.severity != Severity::Error));
}

const UNTABBED_TOTALS: &str = include_str!("fixtures/extracts/wide131_summary_untabbed_totals.txt");

#[test]
fn a_totals_line_without_fields_gives_each_side_its_total() {
    // wide/131's 收入支出决算总表: every line is laid out in fields but the last, `总计 31 22,066.59
    // 总计 62 22,066.59`; its second 总计 is the expenditure side's, as on the lines above.
    let report = check(UNTABBED_TOTALS);
    let t = &report.tables[0];
    assert_eq!(t.status, "read", "{:?}", t.reason);
    let last = UNTABBED_TOTALS
        .lines()
        .find(|l| l.matches("总计").count() == 2)
        .unwrap();
    assert!(!last.contains('\t'));
    let printed = dec(last
        .split_whitespace()
        .nth(2)
        .unwrap()
        .replace(',', "")
        .as_str());
    assert_eq!(value(t, Side::Income, "总计"), Some(printed));
    assert_eq!(value(t, Side::Expenditure, "总计"), Some(printed));
    // Each side's 总计 = its 本年合计 + the carried-over lines: 20 451.35 + 1 615.24 and 14 572.53 +
    // 7 494.06, both 22 066.59.
    let of = |side, label| value(t, side, label).unwrap_or_default();
    assert_eq!(
        of(Side::Income, "本年收入合计") + of(Side::Income, "年初结转和结余"),
        printed
    );
    assert_eq!(
        of(Side::Expenditure, "本年支出合计") + of(Side::Expenditure, "年末结转和结余"),
        printed
    );
    assert!(report
        .diagnostics
        .iter()
        .all(|d| d.severity != Severity::Error));
}
