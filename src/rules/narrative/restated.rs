//! N308 restated-amount-mismatch: an item's amount for the budget year is stated twice in one
//! paragraph, differently ("住房公积金（01项）208.8万元。……2026年预算安排201.50万元").

use super::changes::{Resolved, Statements};
use super::common::{
    agree_amounts, figure_other_period, figure_yuan, norm, other_period, printed, show_in, tidy,
    unit_word,
};
use super::link::path;
use crate::amount::Agreement;
use crate::diag::{Diagnostic, Severity};
use crate::rules::{Context, Family, Rule, RuleDoc, Sink};

pub static RULE: Rule = Rule {
    code: "N308",
    name: "restated-amount-mismatch",
    family: Family::Narrative,
    doc: RuleDoc {
        summary: "同一科目的本年金额在同一段中前后不一",
        summary_en: "An item's amount for the year is stated twice in one paragraph, differently",
        what: doc_text!("逐项说明科目时，常先写“某科目（项）X 万元”，再写“上年执行数为 V 万元，本年预算安排 Y 万元，比上年……”：\
               X 与 Y 是同一科目同一年度的金额，应相等。只比较紧随科目金额之后、主语仅为年度的“预算安排”数。"),
        why: doc_text!("同一金额前后写成两个数，读者无法判断哪个正确，且增减百分比往往是按其中一个算的。"),
        example: doc_text!("“住房保障支出（221类）住房改革支出（02款）住房公积金（01项）208.8万元。……2025年当年预算执行数为\
                  198.34万元，2026年预算安排201.50万元，比2025年预算执行数增加5.27%”：208.8 ≠ 201.50，报告为错误\
                  （5.27% 正是按 208.8 算出的）。"),
    },
    check,
};

/// A phrase that is only a year and budget words: "2026年", "2026年预算安排".
fn only_year(subject: &str) -> bool {
    let s = norm(subject);
    let rest: String = s
        .chars()
        .filter(|c| !c.is_ascii_digit() && !"年度预算安排数为".contains(*c))
        .collect();
    !s.is_empty() && rest.is_empty() && s.chars().any(|c| c.is_ascii_digit())
}

/// The figure naming the item a year-on-year statement is about, when the statement's current
/// figure is only "2026年预算安排 Y" and the item was named with its amount just before.
pub fn stated_item(ctx: &Context, statements: &Statements, r: &Resolved) -> Option<usize> {
    let n = &ctx.doc.narrative;
    let year = ctx.doc.facts.year.as_ref().map(|y| y.value);
    let (ci, _) = r.current?;
    let cf = &n.figures[ci];
    if !only_year(&cf.subject) || other_period(&cf.subject, year) {
        return None;
    }
    // The figure that names the item, just before (nothing else named in between).
    let k = (ci.saturating_sub(6)..ci).rev().find(|&k| {
        path(&n.figures[k].subject)
            .last()
            .is_some_and(|s| s.level.is_some())
    })?;
    if (k + 1..ci).any(|j| statements.is_current(j)) {
        return None;
    }
    let kf = &n.figures[k];
    (figure_yuan(kf).is_some() && !figure_other_period(ctx.text, kf, year)).then_some(k)
}

fn check(ctx: &Context, sink: &mut Sink) {
    let n = &ctx.doc.narrative;
    let statements = Statements::of(n);
    for r in statements.resolved() {
        let (Some((ci, cur)), Some(k)) = (r.current, stated_item(ctx, &statements, &r)) else {
            continue;
        };
        let cf = &n.figures[ci];
        let kf = &n.figures[k];
        let Some(item) = figure_yuan(kf) else {
            continue;
        };
        sink.cover(cf.span);
        sink.cover(kf.span);
        sink.checked += 1;
        let agreement = agree_amounts(item, cur);
        if agreement == Agreement::Exact {
            continue;
        }
        let severity = if agreement == Agreement::Rounding {
            Severity::Rounding
        } else {
            Severity::Error
        };
        let uw = unit_word(&cf.unit);
        let diff = show_in((item.value - cur.value).abs(), &cf.unit);
        let mut d = Diagnostic::new(
            RULE.code,
            RULE.name,
            severity,
            format!(
                "「{}」先写作 {}，同段又写“{}{}”：同一科目同一年度的金额前后相差 {diff}{uw}。",
                tidy(&kf.subject),
                printed(kf),
                cf.subject,
                printed(cf)
            ),
            format!(
                "「{}」 is first given as {}, then in the same paragraph as 「{}」 {}: {diff} {uw} apart.",
                tidy(&kf.subject),
                printed(kf),
                cf.subject,
                printed(cf)
            ),
        )
        .primary(
            cf.span,
            format!("{}，前文为 {}", printed(cf), printed(kf)),
            format!("{}; {} above", printed(cf), printed(kf)),
        )
        .related(
            kf.span,
            format!("前文 {}", printed(kf)),
            format!("stated above as {}", printed(kf)),
        )
        .expected_actual(kf.value.to_string(), cf.value.to_string())
        .note("同一科目同一年度的金额只有一个 / one item has one amount for the year");
        if let Some((pi, pf)) = r.percent {
            d = d.related(
                n.figures[pi].span,
                format!("增减 {}%", pf.value),
                format!("change {}%", pf.value),
            );
        }
        sink.push(d);
    }
}
