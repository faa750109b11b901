//! X202 fiscal-funds-disagree: the 财政拨款收支总表 splits spending by fund (一般公共预算 / 政府性基金 /
//! 国有资本经营预算) differently from the tables of each fund and from the 收入表.

use super::common::{
    column, column_total, find, income_items, is_final, source_of_column, total_row, year, Coded,
    Figure, Found, Source,
};
use super::engine::Collector;
use crate::model::{Side, Table, TableKind, FISCAL_FUND_TABLES};
use crate::rules::{Context, Family, Rule, RuleDoc, Sink};
use std::collections::BTreeSet;

pub static RULE: Rule = Rule {
    code: "X202",
    name: "fiscal-funds-disagree",
    family: Family::CrossTable,
    doc: RuleDoc {
        summary: "财政拨款收支总表与一般公共预算（政府性基金、国有资本经营预算）支出表或收入表不一致",
        summary_en: "The fiscal appropriations summary disagrees with the tables of each fund or with the income table",
        what: doc_text!("财政拨款收支总表支出方“一般公共预算”列的每一类及支出总计 = 一般公共预算支出表该类及总计的“合计”；\
               “政府性基金预算”“国有资本经营预算”列同样与政府性基金、国有资本经营预算支出表比较（后者声明为空表时应为 0）。\
               收入表按资金来源分列时，一般公共预算（含上级转移支付）列的每一科目 = 一般公共预算支出表该科目；\
               收入表只有“财政拨款收入”一列时（上海样式），其每一科目 = 各财政拨款支出表该科目之和，每一类 = 财政拨款收支总表该类“合计”。\
               财政拨款收支总表收入方的一般公共预算、政府性基金等项目与收入表、收支总表的比较也归入本规则。\
               收入表中某科目有财政拨款结转时，一般公共预算支出表是否含结转因地而异，该科目不作比较。\
               单位不同先换算；能由舍入解释的差异为尾差，否则为错误。"),
        why: doc_text!("财政拨款收支总表是各资金来源支出表的汇总；两者不一致，说明同一笔财政拨款在不同表中被记入了不同的科目或资金来源。"),
        example: doc_text!("财政拨款收支总表“住房保障支出 11,185,800”全部列在一般公共预算下，而一般公共预算支出表 221 合计为 10,885,800、\
                  政府性基金预算支出表 221 为 300,000：财政拨款收支总表的拆分有误（相差 300,000）。"),
    },
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    super::report(ctx, sink, RULE.code, RULE.name);
}

/// The three funds of fiscal appropriations.
struct Fund {
    /// Column of the 财政拨款收支总表.
    col4: &'static str,
    kind: TableKind,
    own: Source,
    transfer: Source,
    name: &'static str,
    name_en: &'static str,
}

const FUNDS: [Fund; 3] = [
    Fund {
        col4: "一般公共预算",
        kind: FISCAL_FUND_TABLES[0],
        own: Source::GeneralOwn,
        transfer: Source::GeneralTransfer,
        name: "一般公共预算",
        name_en: "general public budget",
    },
    Fund {
        col4: "政府性基金预算",
        kind: FISCAL_FUND_TABLES[1],
        own: Source::FundOwn,
        transfer: Source::FundTransfer,
        name: "政府性基金预算",
        name_en: "government fund",
    },
    Fund {
        col4: "国有资本经营预算",
        kind: FISCAL_FUND_TABLES[2],
        own: Source::CapitalOwn,
        transfer: Source::CapitalTransfer,
        name: "国有资本经营预算",
        name_en: "state capital",
    },
];

/// The 收入表's columns of one source.
fn income_column(t2: &Table, src: Source) -> Option<usize> {
    t2.columns
        .iter()
        .position(|c| source_of_column(&c.name, false) == Some(src))
}

/// A fund's table as figures: its coded rows, or zero everywhere when declared empty.
enum FundTable<'a> {
    Read(Coded<'a>, usize),
    Empty(&'a Table),
}

impl<'a> FundTable<'a> {
    fn figure(&self, ctx: &Context, code: &str) -> Option<Figure<'a>> {
        match self {
            FundTable::Read(k, col) => k.figure(ctx, code, *col),
            FundTable::Empty(t) => Some(Figure::zero(ctx, t, Some(code), code)),
        }
    }

    fn total(&self, ctx: &Context) -> Option<Figure<'a>> {
        match self {
            FundTable::Read(k, col) => column_total(ctx, k.table, *col),
            FundTable::Empty(t) => Some(Figure::zero(ctx, t, None, "总计")),
        }
    }

    fn codes(&self) -> Vec<String> {
        match self {
            FundTable::Read(k, col) => k.nonzero_codes(*col).cloned().collect(),
            FundTable::Empty(_) => Vec::new(),
        }
    }
}

fn fund_table<'a>(
    ctx: &Context<'a>,
    kind: TableKind,
    c: &mut Collector<'a>,
) -> Option<FundTable<'a>> {
    let (found, why) = find(ctx, kind);
    match found {
        Found::Read(t) => {
            let col = column(t, None, &["合计"])?;
            Some(FundTable::Read(Coded::new(t, None, year(ctx)), col))
        }
        Found::Empty(t) => Some(FundTable::Empty(t)),
        Found::Unusable => {
            // A missing fund table is not worth a word unless it is the general budget's.
            if kind == TableKind::GeneralBudget {
                c.skip(RULE.code, why);
            }
            None
        }
    }
}

/// The 收入表's figure of a fund at a code: own column plus the transfer column.
fn income_fund<'a>(
    ctx: &Context,
    t2: &'a Table,
    k2: &Coded<'a>,
    fund: &Fund,
    code: Option<&str>,
) -> Option<Figure<'a>> {
    let own = income_column(t2, fund.own)?;
    let transfer = income_column(t2, fund.transfer);
    let fig = |col: usize| match code {
        Some(code) => k2.figure(ctx, code, col),
        None => column_total(ctx, t2, col),
    };
    let mut parts = vec![fig(own)?];
    if let Some(tc) = transfer {
        parts.extend(fig(tc));
    }
    let at = code.map_or("总计".to_string(), super::common::spaced_code);
    Figure::sum(
        parts,
        format!(
            "{}「{at}」{}（含上级转移支付）",
            Context::table_name(t2),
            fund.name
        ),
        format!(
            "{} 「{at}」 {} (with transfers from above)",
            Context::table_name(t2),
            fund.name_en
        ),
    )
}

pub(super) fn build<'a>(ctx: &Context<'a>, c: &mut Collector<'a>) {
    let r = RULE.code;
    if is_final(ctx) {
        c.skip(
            r,
            Some(
                "决算的财政拨款收入支出决算总表含年初结转和年末结转，未与各支出决算表逐列比较"
                    .to_string(),
            ),
        );
        return;
    }
    let year = year(ctx);
    let (t4, why4) = find(ctx, TableKind::FiscalIncomeExpenditure);
    c.skip(r, why4);
    let t4 = t4.read();
    let (t2, _) = find(ctx, TableKind::Income);
    let t2 = t2.read();
    let funds: Vec<Option<FundTable<'a>>> =
        FUNDS.iter().map(|f| fund_table(ctx, f.kind, c)).collect();

    let exp = Some(Side::Expenditure);
    let k4 = t4.map(|t| Coded::new(t, exp, year));
    let k2 = t2.map(|t| Coded::new(t, None, year));

    // Does the fiscal summary include last year's carry-over? Then its scope is not the year's.
    let t4_carry = t4.is_some_and(|t| {
        income_items(t).iter().any(|(s, row)| {
            matches!(
                s,
                Source::CarryTotal | Source::FiscalCarry | Source::NonFiscalCarry
            ) && row.cells.iter().any(|c| !c.value.is_zero())
        })
    });
    // Codes of the 收入表 with fiscal carry-over: the general budget table may or may not include it.
    let carry_col = t2.and_then(|t| income_column(t, Source::FiscalCarry));
    let carried: BTreeSet<String> = match (&k2, carry_col) {
        (Some(k), Some(col)) => k.nonzero_codes(col).cloned().collect(),
        _ => BTreeSet::new(),
    };
    let carried_total = t2
        .zip(carry_col)
        .and_then(|(t, col)| column_total(ctx, t, col))
        .is_some_and(|f| !f.value.is_zero());
    if !carried.is_empty() {
        c.skip(
            r,
            Some(format!(
                "收入表中 {} 个科目有财政拨款结转，一般公共预算支出表是否含结转不能确定，这些科目未与收入表比较",
                carried.len()
            )),
        );
    }

    // Codes to compare.
    let mut codes: BTreeSet<String> = BTreeSet::new();
    if let Some(k4) = &k4 {
        for f in &FUNDS {
            if let Some(col) = column(k4.table, exp, &[f.col4]) {
                codes.extend(k4.nonzero_codes(col).cloned());
            }
        }
    }
    for f in funds.iter().flatten() {
        codes.extend(f.codes());
    }
    if let (Some(t2), Some(k2)) = (t2, &k2) {
        for (i, col) in t2.columns.iter().enumerate() {
            if matches!(
                source_of_column(&col.name, false),
                Some(Source::Fiscal | Source::GeneralOwn | Source::FundOwn | Source::CapitalOwn)
            ) {
                codes.extend(k2.nonzero_codes(i).cloned());
            }
        }
    }

    let split_income = t2.is_some_and(|t| income_column(t, Source::GeneralOwn).is_some());
    let fiscal2 = t2.and_then(|t| income_column(t, Source::Fiscal));
    let all_funds = funds.iter().all(Option::is_some);

    for code in &codes {
        for (f, ft) in FUNDS.iter().zip(&funds) {
            let f4 = k4.as_ref().and_then(|k| {
                let col = column(k.table, exp, &[f.col4])?;
                if code.len() == 3 {
                    k.figure(ctx, code, col)
                } else {
                    None
                }
            });
            let ft = ft.as_ref().and_then(|t| t.figure(ctx, code));
            let f2 = match (t2, &k2) {
                (Some(t2), Some(k2)) if !carried.contains(code) => {
                    income_fund(ctx, t2, k2, f, Some(code))
                }
                _ => None,
            };
            let note = format!(
                "财政拨款收支总表“{}”列、{}支出表、收入表{}列中同一科目的金额相等 / a code's {} amount agrees across the fiscal summary, the fund's table and the income table",
                f.col4, f.name, f.name, f.name_en
            );
            c.group(r, &[], vec![ft, f4, f2], note);
        }
        // Shanghai: one 财政拨款收入 column, = the sum of the fund tables = the summary's 合计.
        if !split_income {
            let f2 = k2
                .as_ref()
                .zip(fiscal2)
                .and_then(|(k, col)| k.figure(ctx, code, col));
            let f4 = k4.as_ref().and_then(|k| {
                let col = column(k.table, exp, &["合计"])?;
                (code.len() == 3 && !t4_carry)
                    .then(|| k.figure(ctx, code, col))
                    .flatten()
            });
            let sum = if all_funds && f4.is_none() {
                let parts: Vec<Figure<'a>> = funds
                    .iter()
                    .flatten()
                    .filter_map(|t| t.figure(ctx, code))
                    .collect();
                let at = super::common::spaced_code(code);
                (parts.len() == FUNDS.len())
                    .then(|| {
                        Figure::sum(
                            parts,
                            format!("各财政拨款支出表「{at}」合计之和"),
                            format!("sum of the fund tables at 「{at}」"),
                        )
                    })
                    .flatten()
            } else {
                None
            };
            c.group(
                r,
                &[],
                vec![f4, f2, sum],
                "收入表“财政拨款收入”列 = 各财政拨款支出表之和 = 财政拨款收支总表“合计” / the income table's fiscal appropriations equal the sum of the fund tables and the fiscal summary's total",
            );
        }
    }

    // Totals.
    let total4 = t4.and_then(|t| total_row(t, exp, &["总计", "合计"]));
    for (f, ft) in FUNDS.iter().zip(&funds) {
        let f4 = total4.and_then(|row| {
            let t = t4?;
            let col = column(t, exp, &[f.col4])?;
            Some(Figure::cell(ctx, t, row, col))
        });
        let ftot = ft.as_ref().and_then(|t| t.total(ctx));
        let f2 = match (t2, &k2) {
            (Some(t2), Some(k2)) if !carried_total => income_fund(ctx, t2, k2, f, None),
            _ => None,
        };
        let note = format!(
            "财政拨款收支总表支出总计“{}”列 = {}支出表总计 = 收入表{}列合计 / the fiscal summary's {} total equals the fund table's and the income table's",
            f.col4, f.name, f.name, f.name_en
        );
        c.group(r, &[], vec![ftot, f4, f2], note);
    }
    if !split_income && !t4_carry {
        let f4 = total4.and_then(|row| {
            let t = t4?;
            let col = column(t, exp, &["合计"])?;
            Some(Figure::cell(ctx, t, row, col))
        });
        let f2 = t2
            .zip(fiscal2)
            .and_then(|(t, col)| column_total(ctx, t, col));
        c.group(
            r,
            &[],
            vec![f4, f2],
            "收入表“财政拨款收入”合计 = 财政拨款收支总表支出总计 / the income table's fiscal appropriations total equals the fiscal summary's",
        );
    }
}
