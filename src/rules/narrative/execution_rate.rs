//! N309 execution-rate: "年初预算为 A 万元，支出决算为 B 万元，完成年初预算的 X%" — X must be
//! B ÷ A, and a budget of zero has no rate.

use super::common::{
    agree_percent, clause_before, figure_yuan, norm, pct, percent_of, printed, rounded,
    same_sentence,
};
use super::link::{column_key, three_key};
use crate::amount::Agreement;
use crate::diag::{Diagnostic, Severity};
use crate::model::{Figure, FigureUnit, MoneyUnit, RowKind, TableKind};
use crate::rules::{Context, Family, Rule, RuleDoc, Sink};

pub static RULE: Rule = Rule {
    code: "N309",
    name: "execution-rate",
    family: Family::Narrative,
    doc: RuleDoc {
        summary: "决算说明中的预算完成率与决算数、预算数不符",
        summary_en: "A budget execution rate disagrees with the final and budgeted amounts it is stated with",
        what: doc_text!("决算说明常写“年初预算为 A 万元，支出决算为 B 万元，完成年初预算的 X%”（或“预算完成率为 X%”）。\
               X 应等于 B ÷ A：三个数都按印出的精度取区间，商的区间与 X 的区间不相交报错误，相交但不等于四舍五入后的值报尾差。\
               “完成调整预算的”对应同句的调整预算数，“完成年初预算的”对应年初预算数。\
               预算数为 0 时完成率没有定义，仍印了百分比的报告为警告。三个数须在同一句中，预算数、决算数由其前面的措辞\
               （“年初预算为”“支出预算为”“全年预算数为”；“支出决算为”“决算数为”“执行数为”）确定，\
               以“预算”结尾的资金名称（一般公共预算、政府性基金预算、国有资本经营预算）不算预算数；\
               “三公”经费各项只写决算数时（“因公出国（境）费支出决算为 4.69 万元，完成预算的 15.63%”），\
               预算数取“三公”经费决算表中该项的预算数；找不到时不作判断。"),
        why: doc_text!("完成率是决算公开中最常被引用的数字之一；它与同句的两个金额相矛盾，读者无从判断哪个数是对的。"),
        example: doc_text!("“年初预算为 10210.34 万元，支出决算为 9746.50 万元，完成年初预算的 95.45%”：\
                  9746.50 ÷ 10210.34 = 95.457%，区间 [95.4570%, 95.4572%] 与 95.45%（[95.445%, 95.455%)）不相交，\
                  四舍五入应为 95.46%，报告为错误。"),
    },
    check,
};

/// The phrase before a rate: which budget it is of (`true`: the adjusted one).
fn rate_of(clause: &str) -> Option<bool> {
    let c = norm(clause);
    let c = c.trim_end_matches(['为', '是', '：', ':', '的']);
    let adjusted = c.contains("调整预算");
    let rate = c.ends_with("完成年初预算")
        || c.ends_with("完成调整预算")
        || c.ends_with("完成全年预算")
        || c.ends_with("完成预算")
        || c.ends_with("预算完成率")
        || c.ends_with("预算执行率")
        || (c.ends_with("完成率") || c.ends_with("执行率")) && c.contains("预算");
    rate.then_some(adjusted)
}

/// What the phrase before an amount says it is: the budget (`Some(false)`: 年初/全年, `Some(true)`:
/// 调整) or the final amount (`None` here, see [`is_final`]).
pub(super) fn budget_of(clause: &str) -> Option<bool> {
    let c = norm(clause);
    let c = c.trim_end_matches(['为', '是', '：', ':']);
    // A fund's name ends in 预算 too (一般公共预算 12.00 万元): not a budget amount.
    let fund = ["公共预算", "基金预算", "经营预算"]
        .iter()
        .any(|f| c.ends_with(f));
    if c.ends_with("调整预算") || c.ends_with("调整预算数") {
        Some(true)
    } else if (c.ends_with("预算") || c.ends_with("预算数")) && !fund {
        Some(false)
    } else {
        None
    }
}

/// The nearest budget (the 调整预算 or not, when `adjusted` says) and final amount among `before`
/// (figures in reverse text order), each told by the words printed before it.
pub(super) fn budget_and_final<'f>(
    ctx: &Context,
    before: impl Iterator<Item = &'f Figure>,
    adjusted: Option<bool>,
) -> (Option<&'f Figure>, Option<&'f Figure>) {
    let mut budget: Option<&Figure> = None;
    let mut fin: Option<&Figure> = None;
    for f in before.filter(|f| figure_yuan(f).is_some()) {
        let clause = clause_before(ctx.text, f.span.start);
        let kind = budget_of(&clause);
        if budget.is_none() && kind.is_some() && adjusted.is_none_or(|a| kind == Some(a)) {
            budget = Some(f);
        } else if fin.is_none() && is_final(&clause) {
            fin = Some(f);
        }
    }
    (budget, fin)
}

pub(super) fn is_final(clause: &str) -> bool {
    let c = norm(clause);
    let c = c.trim_end_matches(['为', '是', '：', ':']);
    c.ends_with("决算") || c.ends_with("决算数") || c.ends_with("执行数")
}

fn check(ctx: &Context, sink: &mut Sink) {
    let figs = &ctx.doc.narrative.figures;
    for (i, rate) in figs.iter().enumerate() {
        if rate.unit != FigureUnit::Percent {
            continue;
        }
        let Some(adjusted) = rate_of(&clause_before(ctx.text, rate.span.start)) else {
            continue;
        };
        // The nearest budget and final amounts before it in the same sentence.
        let before = figs[..i]
            .iter()
            .rev()
            .take_while(|f| same_sentence(ctx, f.span, rate.span));
        let (budget, fin) = budget_and_final(ctx, before, Some(adjusted));
        // "因公出国（境）费支出决算为 4.69 万元，完成预算的 15.63%": the budget of a 三公 item is
        // the 预算数 its 决算 table prints beside the 决算数.
        let from_table = match (budget, fin) {
            (None, Some(f)) if !adjusted => three_public_budget(ctx, f),
            _ => None,
        };
        let (Some(budget), Some(fin)) = (budget.or(from_table.as_ref()), fin) else {
            sink.skip(format!(
                "「{}」：同句中没有找到预算数和决算数，未核对",
                printed(rate)
            ));
            continue;
        };
        let (Some(b), Some(f)) = (figure_yuan(budget), figure_yuan(fin)) else {
            continue;
        };
        sink.checked += 1;
        for s in [rate.span, budget.span, fin.span] {
            sink.cover(s);
        }
        if b.value.is_zero() {
            sink.push(zero_budget(rate, budget, fin));
            continue;
        }
        let (Some(exact), Some(range)) = (
            pct(f.value, b.value),
            percent_of(f.interval(), b.interval()),
        ) else {
            continue;
        };
        let severity = match agree_percent(rate.value, exact, range) {
            Agreement::Exact => continue,
            Agreement::Rounding => Severity::Rounding,
            Agreement::Mismatch => Severity::Error,
        };
        sink.push(mismatch(rate, budget, fin, exact, severity));
    }
}

/// The 预算数 of the 三公 item a 决算 figure is about ("因公出国（境）费支出决算"), from the read
/// 三公 table whose columns put the 预算数 beside the 决算数 (the central 决算 template), as a
/// figure standing at that cell.
fn three_public_budget(ctx: &Context, fin: &Figure) -> Option<Figure> {
    let subject = norm(&fin.subject);
    let item = ["支出决算数", "支出决算", "决算数", "决算"]
        .iter()
        .find_map(|w| subject.strip_suffix(w))?;
    let key = three_key(item)?;
    ctx.read_tables()
        .filter(|t| t.kind == TableKind::ThreePublic)
        .find_map(|t| {
            let column = (0..t.columns.len()).find(|&c| {
                let name = &t.columns[c].name;
                name.starts_with("预算数/") && column_key(name) == Some(key)
            })?;
            let row = t.rows.iter().find(|r| r.kind == RowKind::Total)?;
            let cell = row.cell(column)?;
            let unit = match t.unit? {
                MoneyUnit::Yuan => FigureUnit::Yuan,
                MoneyUnit::WanYuan => FigureUnit::WanYuan,
            };
            Some(Figure {
                value: cell.value,
                unit,
                span: cell.span,
                subject: format!("{}{}", Context::table_name(t), t.columns[column].name),
                section: None,
                share_of: None,
            })
        })
}

/// A finding's related labels: the final amount and the budget it was judged by.
pub(super) fn with_budget_and_final(d: Diagnostic, budget: &Figure, fin: &Figure) -> Diagnostic {
    d.related(
        fin.span,
        format!("决算数 {}", printed(fin)),
        format!("final {}", printed(fin)),
    )
    .related(
        budget.span,
        format!("预算数 {}", printed(budget)),
        format!("budget {}", printed(budget)),
    )
}

fn mismatch(
    rate: &Figure,
    budget: &Figure,
    fin: &Figure,
    exact: rust_decimal::Decimal,
    severity: Severity,
) -> Diagnostic {
    let expect = rounded(exact, rate.value);
    let (verdict, verdict_en) = if severity == Severity::Rounding {
        (
            "差异可由四舍五入解释（尾差）",
            "a difference rounding explains",
        )
    } else {
        ("不能由四舍五入解释", "a difference rounding cannot explain")
    };
    with_budget_and_final(
        Diagnostic::new(
            RULE.code,
            RULE.name,
            severity,
            format!(
                "完成率印为 {}%，而决算数 {} ÷ 预算数 {} = {}%：{verdict}。",
                rate.value,
                printed(fin),
                printed(budget),
                expect
            ),
            format!(
                "The execution rate is printed as {}%, but the final amount {} / the budget {} is {}%: {verdict_en}.",
                rate.value,
                printed(fin),
                printed(budget),
                expect
            ),
        )
        .primary(
            rate.span,
            format!("{}%，应为 {}%", rate.value, expect),
            format!("{}%; {}% expected", rate.value, expect),
        ),
        budget,
        fin,
    )
    .expected_actual(expect.to_string(), rate.value.to_string())
    .note("完成率 = 决算数 ÷ 预算数 / the execution rate is final / budget")
}

fn zero_budget(rate: &Figure, budget: &Figure, fin: &Figure) -> Diagnostic {
    Diagnostic::new(
        RULE.code,
        RULE.name,
        Severity::Warning,
        format!(
            "预算数为 {}，完成率没有定义，而文中印为 {}%（决算数 {}）。",
            printed(budget),
            rate.value,
            printed(fin)
        ),
        format!(
            "The budget is {}, so there is no execution rate, yet {}% is printed (final {}).",
            printed(budget),
            rate.value,
            printed(fin)
        ),
    )
    .primary(
        rate.span,
        format!("{}%：预算为 0，无完成率", rate.value),
        format!("{}%: no rate of a zero budget", rate.value),
    )
    .related(
        budget.span,
        format!("预算数 {}", printed(budget)),
        format!("budget {}", printed(budget)),
    )
    .note("预算数为零时完成率无定义（可写“预算未安排”） / a zero budget has no execution rate")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_say_what_a_figure_is() {
        assert_eq!(rate_of("完成年初预算的 "), Some(false));
        assert_eq!(rate_of("，完成调整预算的"), Some(true));
        assert_eq!(rate_of("预算完成率为"), Some(false));
        assert_eq!(rate_of("占"), None);
        assert_eq!(rate_of("完成率为"), None);
        assert_eq!(
            budget_of("一般公共预算财政拨款支出年初预算为 "),
            Some(false)
        );
        assert_eq!(budget_of("调整预算数为"), Some(true));
        assert_eq!(budget_of("一般公共预算"), None);
        assert_eq!(budget_of("“三公”经费财政拨款支出预算为"), Some(false));
        assert_eq!(budget_of("全年预算数为"), Some(false));
        assert_eq!(budget_of("其中政府性基金预算"), None);
        assert!(is_final("执行数为"));
        assert!(is_final("支出决算为"));
        assert!(is_final("决算数"));
        assert!(!is_final("年初预算为"));
    }
}
