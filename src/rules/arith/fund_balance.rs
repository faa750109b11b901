//! A105 fund-balance-mismatch: a two-sided summary table balances as a whole but not for one fund.
//!
//! The 财政拨款收支总表 (决算: 财政拨款收入支出决算总表) lists its income by fund in rows
//! (一、一般公共预算财政拨款 …, and again under 上年结转 / 年初财政拨款结转和结余) and its spending
//! by fund in columns. For each fund, what came in (本年收入 + 年初结转和结余) is what went out
//! (本年支出 + 年末结转和结余), which the column's 总计 holds. A103 compares the two totals, A101
//! each column with its rows, A102 each row's funds with its 合计; none compares a fund's income rows
//! with its spending column, so a sum of income booked under the wrong fund passes them all.

use super::tree::{families, Family as RowFamily};
use crate::amount::{agree, sum_printed, Agreement, Interval};
use crate::diag::Diagnostic;
use crate::model::{fiscal_fund, Row, RowKind, Side, Table};
use crate::rules::{Context, Family, Rule, RuleDoc, Sink};
use rust_decimal::Decimal;

pub static RULE: Rule = Rule {
    code: "A105",
    name: "fund-balance-mismatch",
    family: Family::Arithmetic,
    doc: RuleDoc {
        summary: "按资金来源分列的收入与同一资金来源的支出不平衡",
        summary_en: "A fund's income rows differ from its spending column",
        what: doc_text!("财政拨款收支总表（决算为财政拨款收入支出决算总表）收入方按资金来源分行列示（本年收入与上年结转、年初结转和结余中的一般公共预算、政府性基金预算、国有资本经营预算），\
               支出方按资金来源分列。对每一资金来源：收入方该来源各行之和（本年收入 + 年初结转和结余）= 支出方该列的总计（本年支出 + 年末结转和结余）。\
               收入方每一笔金额都须能归入某一资金来源（行名写明来源，或是其下按来源细分之和的上级行），且归类后各行之和等于收入总计，否则不作判断并说明原因；\
               支出方该列自身上下不平（由 A101 报告）时也不作判断。能由舍入解释的差异为尾差，否则为错误。"),
        why: doc_text!("两个总计相等、各列自身平衡，仍可能把一笔收入记在了另一资金来源下：一般公共预算与政府性基金的收入、结转互相错列时，只有按来源核对收支才能发现。\
               决算中这就是“年初结转和结余 + 本年收入 = 本年支出 + 年末结转和结余”按资金来源成立。"),
        example: doc_text!("「一、一般公共预算财政拨款 19,572.91」「年初财政拨款结转和结余 1,154.62」其下「一般公共预算财政拨款 1,154.62」，\
                  支出方「总计」一般公共预算列 20,727.53（本年支出 13,733.80 + 年末结转和结余 6,993.74）：19,572.91 + 1,154.62 = 20,727.53，一致；\
                  若收入方一般公共预算财政拨款印为 19,752.91，则收支相差 180.00，报告为错误。"),
    },
    check,
};

fn value(r: &Row) -> (Decimal, Interval) {
    r.value_or_zero(0)
}

/// The income side's amounts by fund, or why they cannot be told apart. A row naming no fund is
/// counted only as the parent of the fund rows right after it (一、财政拨款 ⊃ 一般公共预算) when
/// they add up to it; a fund row followed by rows of the same fund adding up to it is their parent.
/// Every other amount must name exactly one fund; the parents are left out (their parts count).
fn income_by_fund(income: &[&Row]) -> Result<[Vec<usize>; 3], String> {
    let mut by_fund: [Vec<usize>; 3] = Default::default();
    let mut i = 0;
    while i < income.len() {
        let r = income[i];
        let (v, _) = value(r);
        if r.kind == RowKind::Total || v.is_zero() || r.label.starts_with("其中") {
            i += 1;
            continue;
        }
        let own = fiscal_fund(&r.label);
        if is_parent(income, i, own) {
            i += 1;
            continue;
        }
        match own {
            Some(f) => by_fund[f].push(i),
            None => return Err(format!("收入方「{}」未写明资金来源", r.label)),
        }
        i += 1;
    }
    Ok(by_fund)
}

/// True when a run of rows right after `at` adds up to it: rows of `fund` (of any fund when the
/// row names none), not totals, summing to the row's figure within rounding.
fn is_parent(income: &[&Row], at: usize, fund: Option<usize>) -> bool {
    let (v, _) = value(income[at]);
    let mut parts: Vec<(Decimal, Interval)> = Vec::new();
    for r in &income[at + 1..] {
        let named = fiscal_fund(&r.label);
        if r.kind == RowKind::Total || named.is_none() || (fund.is_some() && named != fund) {
            return false;
        }
        parts.push(value(r));
        let (sum, iv) = sum_printed(parts.iter().copied());
        if !sum.is_zero() && agree(v, sum, iv) != Agreement::Mismatch {
            return true;
        }
    }
    false
}

/// A side's last 总计 row.
fn total<'t>(rows: &[&'t Row]) -> Option<&'t Row> {
    rows.iter()
        .copied()
        .rfind(|r| r.kind == RowKind::Total && r.label.contains("总计"))
}

fn check(ctx: &Context, sink: &mut Sink) {
    for t in ctx.read_tables().filter(|t| t.kind.is_two_sided()) {
        let columns: Vec<(usize, usize)> = (0..t.columns.len())
            .filter_map(|c| fiscal_fund(&t.columns[c].name).map(|f| (f, c)))
            .collect();
        if columns.is_empty() {
            continue;
        }
        let side = |s| -> Vec<&Row> { t.rows.iter().filter(|r| r.side == Some(s)).collect() };
        let (income, spending) = (side(Side::Income), side(Side::Expenditure));
        let (Some(income_total), Some(spending_total)) = (total(&income), total(&spending)) else {
            sink.skip(format!(
                "{}没有读到收入总计或支出总计，未按资金来源核对收支",
                Context::table_name(t)
            ));
            continue;
        };
        let by_fund = match income_by_fund(&income) {
            Ok(b) => b,
            Err(why) => {
                sink.skip(format!(
                    "{}{why}，未按资金来源核对收支",
                    Context::table_name(t)
                ));
                continue;
            }
        };
        // The document's own arithmetic confirms the attribution: the attributed rows add up to
        // the income total.
        let attributed = sum_printed(by_fund.iter().flatten().map(|&i| value(income[i])));
        if agree(value(income_total).0, attributed.0, attributed.1) == Agreement::Mismatch {
            sink.skip(format!(
                "{}收入方按资金来源归类的各行之和 {} 与收入总计不符，未按资金来源核对收支",
                Context::table_name(t),
                attributed.0
            ));
            continue;
        }
        // What the spending total adds up, made once for all the fund columns.
        let below_total: Vec<RowFamily> = families(t)
            .into_iter()
            .filter(|f| std::ptr::eq(f.parent, spending_total))
            .collect();
        for &(fund, column) in &columns {
            let spending = (spending_total, below_total.as_slice());
            compare(t, &income, &by_fund[fund], spending, column, sink);
        }
    }
}

/// True when the spending column adds up to its total (`families`: the total's families) by the
/// table's own rows (else A101 reports the column, and its total is no ground to judge the income
/// rows by).
fn column_balances(total: &Row, families: &[RowFamily], column: usize) -> bool {
    families.iter().all(|f| {
        let (v, _) = total.value_or_zero(column);
        let (sum, iv) = sum_printed(f.children.iter().map(|c| c.value_or_zero(column)));
        agree(v, sum, iv) != Agreement::Mismatch
    })
}

fn compare(
    t: &Table,
    income: &[&Row],
    rows: &[usize],
    (spending_total, below_total): (&Row, &[RowFamily]),
    column: usize,
    sink: &mut Sink,
) {
    let (spent, _) = spending_total.value_or_zero(column);
    let (received, iv) = sum_printed(rows.iter().map(|&i| value(income[i])));
    if spent.is_zero() && received.is_zero() {
        return;
    }
    if !column_balances(spending_total, below_total, column) {
        return;
    }
    sink.checked += 1;
    let agreement = agree(spent, received, iv);
    if agreement == Agreement::Exact {
        return;
    }
    let name = &t.columns[column].name;
    let parts: Vec<String> = rows
        .iter()
        .map(|&i| format!("{} {}", income[i].label, value(income[i]).0))
        .collect();
    let span = spending_total
        .cell(column)
        .map_or(spending_total.label_span, |c| c.span);
    let mut d = Diagnostic::new(
        RULE.code,
        RULE.name,
        crate::rules::context::severity(agreement),
        format!(
            "{}「{name}」：收入方各行之和 {received}，而支出方该列总计为 {spent}（相差 {}）。",
            Context::table_name(t),
            (spent - received).abs()
        ),
        format!(
            "{}: 「{name}」 income rows add up to {received}, but its spending column totals {spent} (difference {}).",
            Context::table_name(t),
            (spent - received).abs()
        ),
    )
    .primary(
        span,
        format!("{name}支出总计 {spent}"),
        format!("{name} spending total {spent}"),
    )
    .expected_actual(received.to_string(), spent.to_string())
    .note(format!("{name}：{} = 支出总计", parts.join(" + ")));
    for &i in rows {
        if let Some(cell) = income[i].cells.first() {
            d = d.related(
                cell.span,
                format!("{} {}", income[i].label, cell.value),
                format!("{} {}", income[i].label, cell.value),
            );
        }
    }
    sink.push(d);
}
