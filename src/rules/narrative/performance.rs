//! N307 performance-funding-mismatch: the funding of the 绩效目标表 differs from the budget it is
//! about.

use super::common::{agree_amounts, money_factor, norm, Yuan};
use super::link::row_name;
use crate::amount::{half_unit, Agreement};
use crate::diag::{Diagnostic, Severity};
use crate::model::{MoneyUnit, Row, RowKind, Side, Span, Table, TableKind, COST};
use crate::rules::context::kind_name;
use crate::rules::{Context, Family, Rule, RuleDoc, Sink};
use rust_decimal::Decimal;

pub static RULE: Rule = Rule {
    code: "N307",
    name: "performance-funding-mismatch",
    family: Family::Narrative,
    doc: RuleDoc {
        summary: "绩效目标表的资金与预算不符",
        summary_en: "The funding in a performance-target table differs from the budget",
        what: doc_text!("整体绩效目标表的资金（上级安排 + 本级安排 + 其他，或资金总额）应等于单位（部门）预算总额\
               （收支总表的收入总计，或本年收入；“专项资金整体绩效目标表”只含专项资金，不比较）；项目支出绩效目标表的年度预算总额（或其中的财政拨款）\
               应等于项目支出表（一般公共预算项目支出表）中同名项目的金额。按区间算术判断：整体绩效目标表的资金与收入总计、本年收入都不能是同一金额时，\
               报告为错误；项目绩效目标表的年度预算（及其中的财政拨款）小于项目支出表中该项目的一般公共预算金额，不可能成立（后者是前者的一部分），报告为错误，\
               大于时可能另有其他资金安排，报告为警告，请人工核对。\
               项目的成本指标（“办公费用 ≤16 万元”这类以万元计的上限）之和能覆盖年度预算总额时，它们就是项目资金的分解：\
               各上限之和超过年度预算总额（超出四舍五入范围）报告为警告（上限之和多于项目资金，成本目标与预算不一致）；\
               只覆盖一部分资金的成本指标、按单位计的成本（万元/辆）和比率不作判断。"),
        why: doc_text!("绩效目标所覆盖的资金应与预算一致，否则绩效目标与预算脱节，考核失去依据。"),
        example: doc_text!("整体绩效目标表列本级安排 504.72 万元、其他 731.92 万元，共 1236.64 万元，\
                  而收支总表收入总计为 388.89 万元：两者不能是同一金额，报告为错误。"),
    },
    check,
};

/// The unit of a 绩效目标表: stated, else the 万元/元 its text mentions, else the document's.
fn unit_of(ctx: &Context, t: &Table) -> Option<MoneyUnit> {
    if t.unit.is_some() {
        return t.unit;
    }
    let text = ctx.text.get(t.span.start..t.span.end).unwrap_or("");
    if text.contains("万元") {
        Some(MoneyUnit::WanYuan)
    } else {
        ctx.doc.facts.money_unit
    }
}

fn yuan(v: Decimal, unit: MoneyUnit) -> Yuan {
    let k = money_factor(unit);
    Yuan {
        value: v * k,
        half: half_unit(v) * k,
    }
}

/// A budget figure the funding may be compared with.
struct Budget {
    what: String,
    printed: Decimal,
    amount: Yuan,
    span: Span,
}

fn budget_of(t: &Table, r: &Row, what: String) -> Option<Budget> {
    let (c, u) = (r.cell(0)?, t.unit?);
    Some(Budget {
        what,
        printed: c.value,
        amount: yuan(c.value, u),
        span: c.span,
    })
}

fn budget_totals(ctx: &Context) -> Vec<Budget> {
    let mut out = Vec::new();
    if let Some(t) = ctx.table(TableKind::IncomeExpenditure) {
        for r in t.rows.iter().filter(|r| r.side == Some(Side::Income)) {
            let l = norm(&r.label);
            if r.kind == RowKind::Total || l.ends_with("本年收入") || l.ends_with("本年收入合计")
            {
                out.extend(budget_of(
                    t,
                    r,
                    format!("{}「{}」", Context::table_name(t), r.label),
                ));
            }
        }
    }
    // The 收入总计 first: the figure a finding names.
    crate::order::sort_by_key(&mut out, |b| !b.what.contains("总计"));
    if out.is_empty() {
        for kind in [TableKind::Income, TableKind::Expenditure] {
            if let Some(t) = ctx.table(kind) {
                for r in t.rows.iter().filter(|r| r.kind == RowKind::Total) {
                    out.extend(budget_of(
                        t,
                        r,
                        format!("{}「{}」", Context::table_name(t), row_name(r)),
                    ));
                }
            }
        }
    }
    out
}

fn funding(t: &Table) -> Option<(Decimal, Span)> {
    if let Some(c) = t
        .rows
        .iter()
        .find(|r| r.kind == RowKind::Total)
        .and_then(|r| r.cell(0))
    {
        return Some((c.value, c.span));
    }
    let cells: Vec<_> = t
        .rows
        .iter()
        .filter(|r| r.kind == RowKind::Item)
        .filter_map(|r| r.cell(0))
        .collect();
    // Without a printed total, the finding points at the first source with money.
    let first = cells
        .iter()
        .find(|c| !c.value.is_zero())
        .or(cells.first())?;
    Some((cells.iter().map(|c| c.value).sum(), first.span))
}

fn check(ctx: &Context, sink: &mut Sink) {
    let overall: Vec<&Table> = ctx
        .read_tables()
        .filter(|t| t.kind == TableKind::PerformanceOverall)
        // A 专项资金整体绩效目标表 (Xi'an) covers the special funds only, not the whole budget.
        .filter(|t| !t.title.contains("专项资金"))
        .collect();
    if !overall.is_empty() {
        let budgets = budget_totals(ctx);
        if budgets.is_empty() {
            sink.skip(format!(
                "{} 或{}未能读取：整体绩效目标表的资金未能核对",
                kind_name(TableKind::IncomeExpenditure),
                kind_name(TableKind::Income)
            ));
        }
        for t in &overall {
            let (Some((v, span)), Some(unit)) = (funding(t), unit_of(ctx, t)) else {
                continue;
            };
            if budgets.is_empty() {
                continue;
            }
            sink.checked += 1;
            let amount = yuan(v, unit);
            let judged: Vec<(Agreement, &Budget)> = budgets
                .iter()
                .map(|b| (agree_amounts(amount, b.amount), b))
                .collect();
            if judged.iter().any(|(a, _)| *a != Agreement::Mismatch) {
                continue;
            }
            let b = &budgets[0];
            let sources: Vec<String> = t
                .rows
                .iter()
                .filter(|r| r.kind == RowKind::Item)
                .filter_map(|r| r.cell(0).map(|c| format!("{} {}", r.label, c.value)))
                .collect();
            let mut d = Diagnostic::new(
                RULE.code,
                RULE.name,
                Severity::Error,
                format!(
                    "{}的资金（{}）共 {v}{}，而{}为 {}：整体绩效目标所覆盖的资金与预算总额不符。",
                    Context::table_name(t),
                    sources.join("，"),
                    unit.as_str(),
                    b.what,
                    b.printed
                ),
                format!(
                    "{} funds {v} {} ({}), while {} is {}: the overall performance target does not cover the budget.",
                    Context::table_name(t),
                    unit.as_str(),
                    sources.join(", "),
                    b.what,
                    b.printed
                ),
            )
            .primary(span, format!("资金共 {v}"), format!("funding {v}"))
            .related(b.span, format!("{} {}", b.what, b.printed), format!("{} {}", b.what, b.printed))
            .expected_actual(b.printed.to_string(), v.to_string())
            .note("整体绩效目标表资金 = 部门（单位）预算总额 / overall performance funding equals the whole budget");
            // The funding figures that make up the sum.
            for r in t.rows.iter().filter(|r| r.kind == RowKind::Item) {
                if let Some(c) = r.cell(0) {
                    d = d.related(
                        c.span,
                        format!("{} {}", r.label, c.value),
                        format!("{} {}", r.label, c.value),
                    );
                }
            }
            sink.push(d);
        }
    }
    projects(ctx, sink);
    costs(ctx, sink);
}

/// A project's cost ceilings (kept by the reader only when they can cover its 年度预算总额) against
/// that total.
fn costs(ctx: &Context, sink: &mut Sink) {
    for t in ctx
        .read_tables()
        .filter(|t| t.kind == TableKind::PerformanceProject)
    {
        let cells: Vec<_> = t
            .rows
            .iter()
            .filter(|r| r.label == COST)
            .filter_map(|r| r.cell(0))
            .collect();
        if cells.is_empty() {
            continue;
        }
        let (Some(total), Some(unit)) = (
            t.rows
                .iter()
                .find(|r| r.kind == RowKind::Total)
                .and_then(|r| r.cell(0)),
            unit_of(ctx, t),
        ) else {
            continue;
        };
        sink.checked += 1;
        let sum = cells.iter().fold(Yuan::zero(), |a, c| {
            a.plus(yuan(c.value, MoneyUnit::WanYuan))
        });
        if sum.interval().lo <= yuan(total.value, unit).interval().hi {
            continue;
        }
        let name = t.subject.as_deref().unwrap_or("");
        let parts: Vec<String> = cells.iter().map(|c| c.value.to_string()).collect();
        let shown = (sum.value / money_factor(MoneyUnit::WanYuan)).normalize();
        let mut d = Diagnostic::new(
            RULE.code,
            RULE.name,
            Severity::Warning,
            format!(
                "项目「{name}」的成本指标上限 {} 之和为 {shown} 万元，超过年度预算总额 {}{}：成本目标与项目资金不一致。",
                parts.join(" + "),
                total.value,
                unit.as_str()
            ),
            format!(
                "The cost ceilings of project 「{name}」 add up to {shown} 万元, more than its 年度预算总额 {} {}.",
                total.value,
                unit.as_str()
            ),
        )
        .primary(total.span, format!("成本指标之和 {shown} 万元"), format!("cost ceilings {shown} 万元"))
        .note("成本指标上限之和不超过项目资金 / cost ceilings stay within the project's money");
        for c in &cells {
            d = d.related(c.span, format!("成本指标 ≤{}", c.value), "a cost ceiling");
        }
        sink.push(d);
    }
}

fn projects(ctx: &Context, sink: &mut Sink) {
    let perf: Vec<&Table> = ctx
        .read_tables()
        .filter(|t| t.kind == TableKind::PerformanceProject)
        .collect();
    if perf.is_empty() {
        return;
    }
    let Some(pt) = ctx.table(TableKind::GeneralBudgetProjects) else {
        if let Some(why) = ctx.unusable(TableKind::GeneralBudgetProjects) {
            sink.skip(format!("{why}：项目支出绩效目标表的资金未能核对"));
        }
        return;
    };
    let Some(pt_unit) = pt.unit else {
        return;
    };
    let mut unmatched = 0usize;
    for t in perf {
        let (Some(name), Some(unit)) = (t.subject.as_deref(), unit_of(ctx, t)) else {
            continue;
        };
        let rows: Vec<&Row> = pt
            .rows
            .iter()
            .filter(|r| r.item.as_deref().is_some_and(|i| norm(i) == norm(name)))
            .collect();
        let cells: Vec<_> = rows.iter().filter_map(|r| r.cell(0)).collect();
        if rows.is_empty() || cells.len() != rows.len() {
            unmatched += 1;
            continue;
        }
        let sum: Decimal = cells.iter().map(|c| c.value).sum();
        let table_amount = cells
            .iter()
            .fold(Yuan::zero(), |a, c| a.plus(yuan(c.value, pt_unit)));
        let figures: Vec<(&Row, Decimal, Span)> = t
            .rows
            .iter()
            .filter(|r| r.kind == RowKind::Total || norm(&r.label).starts_with("财政"))
            .filter_map(|r| r.cell(0).map(|c| (r, c.value, c.span)))
            .collect();
        if figures.is_empty() {
            continue;
        }
        sink.checked += 1;
        if figures
            .iter()
            .any(|(_, v, _)| agree_amounts(yuan(*v, unit), table_amount) != Agreement::Mismatch)
        {
            continue;
        }
        let (r, v, span) = figures[0];
        // The general budget's amount is a part of the project's funding: less funding than that
        // cannot be; more may come from other funds.
        let less = figures
            .iter()
            .all(|(_, v, _)| yuan(*v, unit).interval().hi < table_amount.interval().lo);
        let (severity, verdict) = if less {
            (
                Severity::Error,
                "少于其中一般公共预算安排的金额，不可能成立",
            )
        } else {
            (
                Severity::Warning,
                "多出的部分可能由其他资金安排，请核对项目资金",
            )
        };
        let mut d = Diagnostic::new(
            RULE.code,
            RULE.name,
            severity,
            format!(
                "项目「{name}」的绩效目标表「{}」为 {v}{}，而{}中该项目为 {sum}{}：{verdict}。",
                r.label,
                unit.as_str(),
                Context::table_name(pt),
                pt_unit.as_str()
            ),
            format!(
                "The performance table of project 「{name}」 gives 「{}」 {v} {}, while {} has {sum} {}.",
                r.label,
                unit.as_str(),
                Context::table_name(pt),
                pt_unit.as_str()
            ),
        )
        .primary(span, format!("{v}，项目支出表为 {sum}"), format!("{v}; project table {sum}"))
        .expected_actual(sum.to_string(), v.to_string())
        .note("项目绩效目标表资金 = 项目支出表中该项目的金额 / project performance funding equals the project's budget");
        for c in &cells {
            d = d.related(
                c.span,
                format!("项目支出表 {}", c.value),
                format!("project table {}", c.value),
            );
        }
        sink.push(d);
    }
    if unmatched > 0 {
        sink.skip(format!(
            "{unmatched} 张项目支出绩效目标表的项目不在{}中（可能由其他资金安排），未作比较",
            Context::table_name(pt)
        ));
    }
}
