//! X203 basic-project-disagree: 一般公共预算支出表's 基本支出 / 项目支出 against the 基本支出表 and the
//! 项目支出表, and the 支出表 as the whole that contains every fund's spending.

use super::common::{
    basic_columns, basic_total, column, column_total, find, year, Coded, Figure, Found,
};
use super::engine::Collector;
use crate::model::{Table, TableKind};
use crate::rules::{Context, Family, Rule, RuleDoc, Sink};
use std::collections::BTreeSet;

pub static RULE: Rule = Rule {
    code: "X203",
    name: "basic-project-disagree",
    family: Family::CrossTable,
    doc: RuleDoc {
        summary: "一般公共预算支出表的基本支出、项目支出与基本支出表、项目支出表、支出表不一致",
        summary_en: "Basic or project spending of the general budget table disagrees with the basic, project or expenditure table",
        what: doc_text!("一般公共预算支出表“基本支出”总计 = 一般公共预算基本支出表“合计”总计；“项目支出”总计 = 一般公共预算项目支出表“合计”总计，\
               且项目支出表存在时逐科目相等（项目支出表同一科目下的各项目之和）；项目支出表声明为空表时，项目支出应为 0。\
               支出表包含全部资金的支出，因此逐科目、逐列（合计、基本支出、项目支出）不得小于一般公共预算、政府性基金、\
               国有资本经营预算支出表同一科目之和；没有一般公共预算支出表时，支出表项目支出不得小于项目支出表。\
               单位不同先换算；能由舍入解释的差异为尾差，否则为错误。"),
        why: doc_text!("基本支出表、项目支出表是一般公共预算支出表两列的明细；支出表是所有资金的汇总。\
              明细与汇总不符，说明有支出漏列、重列或抄错。"),
        example: doc_text!("一般公共预算支出表总计行“485.54 321.14 164.40”，基本支出表合计 321.14，项目支出表合计 164.40：一致。\
                  若项目支出表合计印为 146.40，则与 164.40 相差 18.00，报告为错误。"),
    },
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    super::report(ctx, sink, RULE.code, RULE.name);
}

/// Whether the project table's 款 above a 项 equals the sum of its 项 (each the sum of its
/// projects). True when there is no such 款 row.
fn adds_up(ctx: &Context, k7: &Coded, code: &str, col: usize) -> bool {
    let (7, Some(parent)) = (code.len(), code.get(..5)) else {
        return true;
    };
    let Some(p) = k7.figure(ctx, parent, col).filter(|f| !f.cells.is_empty()) else {
        return true;
    };
    let sum: rust_decimal::Decimal = k7
        .by_code
        .keys()
        .filter(|c| c.len() == 7 && c.starts_with(parent))
        .filter_map(|c| k7.figure(ctx, c, col))
        .map(|f| f.value)
        .sum();
    sum == p.value
}

/// The columns of a fund table that make up 合计, 基本支出 or 项目支出.
fn fund_columns(t: &Table, which: &str) -> Vec<usize> {
    t.columns
        .iter()
        .enumerate()
        .filter(|(_, c)| match which {
            "基本支出" => c.name == "基本支出" || c.name.starts_with("基本支出/"),
            w => c.name == w,
        })
        .map(|(i, _)| i)
        .collect()
}

pub(super) fn build<'a>(ctx: &Context<'a>, c: &mut Collector<'a>) {
    let r = RULE.code;
    let year = year(ctx);
    let (t5, why5) = find(ctx, TableKind::GeneralBudget);
    let (t6, why6) = find(ctx, TableKind::GeneralBudgetBasic);
    let (t7, why7) = find(ctx, TableKind::GeneralBudgetProjects);
    // Many templates have no project table; say so only when it is there but cannot be used.
    if ctx
        .doc
        .tables
        .iter()
        .any(|t| t.kind == TableKind::GeneralBudgetProjects)
    {
        c.skip(r, why7);
    }
    let (t3, why3) = find(ctx, TableKind::Expenditure);
    c.skip(r, why5);
    c.skip(r, why6);
    c.skip(r, why3);
    let t5r = t5.read();
    let k5 = t5r.map(|t| Coded::new(t, None, year));
    let basic5 = t5r.and_then(|t| column(t, None, &["基本支出"]));
    let proj5 = t5r.and_then(|t| column(t, None, &["项目支出"]));

    // 基本支出 total = 基本支出表 合计.
    if let Some(t6) = t6.read() {
        let f6 = basic_columns(t6).and_then(|cols| basic_total(ctx, t6, &cols));
        let f5 = t5r
            .zip(basic5)
            .and_then(|(t, col)| column_total(ctx, t, col));
        c.group(
            r,
            &[],
            vec![f6, f5],
            "一般公共预算支出表“基本支出”总计 = 基本支出表“合计”总计 / the general budget's basic spending equals the basic spending table's total",
        );
    }

    // 项目支出 = 项目支出表, in total and per code.
    let note7 = "一般公共预算支出表“项目支出” = 项目支出表“合计”（总计及逐科目） / the general budget's project spending equals the project table, in total and per code";
    match t7 {
        Found::Read(t7) => {
            let col7 = column(t7, None, &["合计"]);
            let f7 = col7.and_then(|col| column_total(ctx, t7, col));
            let f5 = t5r
                .zip(proj5)
                .and_then(|(t, col)| column_total(ctx, t, col));
            c.group(r, &[], vec![f7, f5], note7);
            if let (Some(col7), Some(k5), Some(p5)) = (col7, &k5, proj5) {
                let k7 = Coded::new(t7, None, year);
                let mut codes: BTreeSet<String> = k7.nonzero_codes(col7).cloned().collect();
                codes.extend(k5.nonzero_codes(p5).cloned());
                for code in &codes {
                    // Project rows whose code was not printed beside them would be missing from
                    // their 项: compare a 项 only when the project table's 款 adds up.
                    if !adds_up(ctx, &k7, code, col7) {
                        c.skip(
                            r,
                            Some(format!(
                                "{}「{}」所在的款与其下各项之和不符，未逐项比较",
                                Context::table_name(t7),
                                super::common::spaced_code(code)
                            )),
                        );
                        continue;
                    }
                    c.group(
                        r,
                        &[],
                        vec![k7.figure(ctx, code, col7), k5.figure(ctx, code, p5)],
                        note7,
                    );
                }
            }
        }
        Found::Empty(t7) => {
            let f5 = t5r
                .zip(proj5)
                .and_then(|(t, col)| column_total(ctx, t, col));
            c.group(
                r,
                &[],
                vec![Some(Figure::zero(ctx, t7, None, "总计")), f5],
                note7,
            );
        }
        Found::Unusable => {}
    }

    // The expenditure table contains every fund's spending.
    let Some(t3) = t3.read() else { return };
    let k3 = Coded::new(t3, None, year);
    let mut fund_tables: Vec<(&'a Table, Option<Coded<'a>>)> = Vec::new();
    for kind in [
        TableKind::GeneralBudget,
        TableKind::GovernmentFund,
        TableKind::StateCapital,
    ] {
        match find(ctx, kind).0 {
            Found::Read(t) => fund_tables.push((t, Some(Coded::new(t, None, year)))),
            Found::Empty(_) | Found::Unusable => {}
        }
    }
    let note3 = "支出表包含全部资金：逐科目、逐列不小于各财政拨款支出表之和 / the expenditure table covers every fund: per code and column it is at least the fund tables' sum";
    for which in ["合计", "基本支出", "项目支出"] {
        let Some(col3) = column(t3, None, &[which]) else {
            continue;
        };
        let mut codes: BTreeSet<String> = BTreeSet::new();
        for (t, k) in &fund_tables {
            if let Some(k) = k {
                for col in fund_columns(t, which) {
                    codes.extend(k.nonzero_codes(col).cloned());
                }
            }
        }
        let part = |code: Option<&str>| -> Option<Figure<'a>> {
            let mut parts: Vec<Figure<'a>> = Vec::new();
            for (t, k) in &fund_tables {
                let k = k.as_ref()?;
                for col in fund_columns(t, which) {
                    let f = match code {
                        Some(code) => k.figure(ctx, code, col),
                        None => column_total(ctx, t, col),
                    };
                    parts.extend(f);
                }
            }
            let at = code.map_or("总计".to_string(), super::common::spaced_code);
            Figure::sum(
                parts,
                format!("各财政拨款支出表「{at}」{which}之和"),
                format!("sum of the fund tables' {which} at 「{at}」"),
            )
        };
        for code in &codes {
            c.bound(r, part(Some(code)), k3.figure(ctx, code, col3), note3);
        }
        c.bound(r, part(None), column_total(ctx, t3, col3), note3);
    }
    // Without the general budget table, the project table is the part to check.
    if t5r.is_none() {
        if let (Some(t7), Some(p3)) = (t7.read(), column(t3, None, &["项目支出"])) {
            if let Some(col7) = column(t7, None, &["合计"]) {
                let k7 = Coded::new(t7, None, year);
                let codes: Vec<String> = k7.nonzero_codes(col7).cloned().collect();
                for code in &codes {
                    c.bound(
                        r,
                        k7.figure(ctx, code, col7),
                        k3.figure(ctx, code, p3),
                        "支出表“项目支出”包含项目支出表 / the expenditure table's project spending contains the project table",
                    );
                }
            }
        }
    }
}
