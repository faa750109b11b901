//! X206 income-sources-disagree: the 收入表's columns (by source of funds) against the income items
//! of the 收支总表 and of the 财政拨款收支总表.

use super::common::{column_total, find, income_items, is_final, source_of_column, Figure, Source};
use super::engine::Collector;
use crate::model::{Table, TableKind};
use crate::rules::{Context, Family, Rule, RuleDoc, Sink};

pub static RULE: Rule = Rule {
    code: "X206",
    name: "income-sources-disagree",
    family: Family::CrossTable,
    doc: RuleDoc {
        summary: "收入表各资金来源列的合计与收支总表收入项目不一致",
        summary_en: "An income source differs between the income table and the summary table",
        what: doc_text!("收入表每一资金来源列的合计，与收支总表收入方的同名项目相等：一般公共预算拨款（= 收入表“一般公共预算”列 + “上级一般公共预算安排的转移支付”列）、\
               其中一般财力（= “一般公共预算”列）、上级转移支付、政府性基金、国有资本经营预算、财政专户、单位资金、财政拨款收入、\
               事业收入、事业单位经营收入、其他收入，以及没有上年结转结余情况明细表时的财政拨款结转、非财政拨款结转结余；\
               决算中收入决算表“合计” = 收支总表“本年收入合计”。\
               收支总表没有的项目、收入表没有的列不作比较；收支总表列出了项目而金额空白，按 0 比较。\
               财政拨款收支总表收入方同名项目参与同一比较，判定其有误时由 X202 报告。\
               单位不同先换算；能由舍入解释的差异为尾差，否则为错误。"),
        why: doc_text!("收支总表的收入方是收入表各列的汇总；资金来源金额不一致，说明收入被记入了不同的来源，或某张表抄错。"),
        example: doc_text!("收支总表“5.单位资金 0.03”，收入表单位资金列合计 0.03：一致；若收入表合计行单位资金印为 0.30，报告为错误。"),
    },
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    super::report(ctx, sink, RULE.code, RULE.name);
}

const SOURCES: [Source; 18] = [
    Source::Fiscal,
    Source::GeneralAll,
    Source::GeneralOwn,
    Source::GeneralTransfer,
    Source::FundAll,
    Source::FundOwn,
    Source::FundTransfer,
    Source::CapitalAll,
    Source::CapitalOwn,
    Source::CapitalTransfer,
    Source::SpecialAccount,
    Source::UnitFunds,
    Source::Business,
    Source::Operating,
    Source::Superior,
    Source::Affiliated,
    Source::Other,
    Source::CurrentYear,
];

const TO_X202: &[(TableKind, &str)] = &[
    (TableKind::FiscalIncomeExpenditure, "X202"),
    (TableKind::GeneralBudget, "X202"),
    (TableKind::GovernmentFund, "X202"),
    (TableKind::StateCapital, "X202"),
];

fn income_column(t2: &Table, src: Source, fin: bool) -> Option<usize> {
    t2.columns
        .iter()
        .position(|c| source_of_column(&c.name, fin) == Some(src))
}

/// The 收入表's total of a source: its column, or the sum of the own and transfer columns.
fn income_total<'a>(ctx: &Context, t2: &'a Table, src: Source, fin: bool) -> Option<Figure<'a>> {
    let col = |s: Source| income_column(t2, s, fin).and_then(|c| column_total(ctx, t2, c));
    if let Some(f) = col(src) {
        return Some(f);
    }
    let (own, transfer) = match src {
        Source::GeneralAll => (Source::GeneralOwn, Source::GeneralTransfer),
        Source::FundAll => (Source::FundOwn, Source::FundTransfer),
        Source::CapitalAll => (Source::CapitalOwn, Source::CapitalTransfer),
        _ => return None,
    };
    let parts: Vec<Figure<'a>> = [own, transfer].into_iter().filter_map(col).collect();
    if parts.is_empty() {
        return None;
    }
    Figure::sum(
        parts,
        format!(
            "{}{}（本级 + 上级转移支付）列合计",
            Context::table_name(t2),
            src.name()
        ),
        format!(
            "{} {} (own + transfers) total",
            Context::table_name(t2),
            src.name_en()
        ),
    )
}

pub(super) fn build<'a>(ctx: &Context<'a>, c: &mut Collector<'a>) {
    let fin = is_final(ctx);
    let (t1, why1) = find(ctx, TableKind::IncomeExpenditure);
    let (t2, why2) = find(ctx, TableKind::Income);
    c.skip(RULE.code, why1);
    c.skip(RULE.code, why2);
    let t1 = t1.read();
    let t2 = t2.read();
    let t4 = if fin {
        None
    } else {
        find(ctx, TableKind::FiscalIncomeExpenditure).0.read()
    };
    let items1 = t1.map(income_items).unwrap_or_default();
    let items4 = t4.map(income_items).unwrap_or_default();
    // Last year's fiscal carry-over: the general budget table's scope is then uncertain.
    let carry = items1
        .iter()
        .chain(items4.iter())
        .filter(|(s, _)| matches!(s, Source::FiscalCarry | Source::CarryTotal))
        .any(|(_, r)| r.cells.iter().any(|c| !c.value.is_zero()))
        || t2
            .and_then(|t| income_column(t, Source::FiscalCarry, fin))
            .zip(t2)
            .and_then(|(col, t)| column_total(ctx, t, col))
            .is_some_and(|f| !f.value.is_zero());
    let spend = |kind: TableKind| -> Option<Figure<'a>> {
        if fin || carry {
            return None;
        }
        let (found, _) = find(ctx, kind);
        match found {
            super::common::Found::Read(t) => {
                let col = super::common::column(t, None, &["合计"])?;
                column_total(ctx, t, col)
            }
            super::common::Found::Empty(t) => Some(Figure::zero(ctx, t, None, "总计")),
            super::common::Found::Unusable => None,
        }
    };
    let carry_item = |s: &Source| {
        matches!(
            s,
            Source::CarryTotal | Source::FiscalCarry | Source::NonFiscalCarry
        )
    };
    let t4_has_carry = items4.keys().any(carry_item);
    // A 收支总表 with no carry-over item beside a fiscal summary that carries money over
    // (Chongqing, wide/109: 表1 一般公共预算资金 128,148.56 = 表4's 本年收入 118,773.55 + 上年结转
    // 9,375.01): 表1's items hold the year's income and the carry-over together, 表4's items under
    // 本年收入 the year's alone — not the same amounts, so 表4 is left out of these groups.
    let t4_carries = items4
        .iter()
        .filter(|(s, _)| carry_item(s))
        .any(|(_, r)| r.cells.iter().any(|c| !c.value.is_zero()));
    let merged = t1.is_some() && t4_carries && !items1.keys().any(carry_item);
    for src in SOURCES {
        let f1 = t1
            .zip(items1.get(&src))
            .map(|(t, row)| Figure::cell(ctx, t, row, 0));
        let f2 = t2.and_then(|t| income_total(ctx, t, src, fin));
        // The fiscal summary holds fiscal appropriations only: its 本年收入合计 is the year's
        // 财政拨款收入, not the 收支总表's 本年收入合计 (which adds 事业收入, 其他收入 …).
        let mut f4 = t4
            .filter(|_| src != Source::CurrentYear && !merged)
            .zip(items4.get(&src))
            .map(|(t, row)| Figure::cell(ctx, t, row, 0));
        if src == Source::Fiscal && f4.is_none() && !merged {
            f4 = t4
                .zip(items4.get(&Source::CurrentYear))
                .map(|(t, row)| Figure::cell(ctx, t, row, 0));
        }
        // A fiscal summary without carry-over: its 收入总计 is the year's fiscal appropriations.
        if src == Source::Fiscal && f4.is_none() && !t4_has_carry {
            f4 = t4
                .zip(items4.get(&Source::Total))
                .map(|(t, row)| Figure::cell(ctx, t, row, 0));
        }
        let spent = match src {
            Source::GeneralAll => spend(TableKind::GeneralBudget),
            // A fund table declared empty is the usual case; compare it only with a printed income.
            Source::FundAll if f1.is_some() || f4.is_some() => spend(TableKind::GovernmentFund),
            Source::CapitalAll if f1.is_some() || f4.is_some() => spend(TableKind::StateCapital),
            _ => None,
        };
        let rule = if f1.is_some() && f2.is_some() {
            RULE.code
        } else {
            "X202"
        };
        c.group(
            rule,
            TO_X202,
            vec![f2, f1, f4, spent],
            format!(
                "收入表、收支总表、财政拨款收支总表中的“{}”相等（当年财政拨款收入 = 相应支出表总计） / {} agrees across the income table and the summaries",
                src.name(),
                src.name_en()
            ),
        );
    }
}
