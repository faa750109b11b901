//! N303 change-percent-mismatch: the percentage of a year-on-year change does not follow from its
//! amounts.

use super::changes::{
    abs_interval, implied_base, rate_from_amount, rate_from_base, Resolved, Statements,
};
use super::common::{agree_percent, printed, rounded, show_in, tidy, unit_word};
use super::link::path;
use crate::amount::Agreement;
use crate::diag::{Diagnostic, Severity};
use crate::model::{Direction, Narrative};
use crate::rules::{Context, Family, Rule, RuleDoc, Sink};
use rust_decimal::Decimal;

pub static RULE: Rule = Rule {
    code: "N303",
    name: "change-percent-mismatch",
    family: Family::Narrative,
    doc: RuleDoc {
        summary: "增减百分比与增减金额不符",
        summary_en: "A year-on-year percentage does not follow from the amounts",
        what: doc_text!("“比上年预算增加 A 万元，增长 B%”：上年数 = 本年数 − A（减少时为本年数 + A），B 应等于 A ÷ 上年数；\
               写明上年数时（“2025年当年预算执行数为 V 万元，2026年预算安排 C 万元，比2025年预算执行数增加 B%”），\
               B 应等于 (C − V) ÷ V 的绝对值。按区间算术区分尾差与错误。上年数为零时增长率没有定义，\
               印出百分比（如 100.00%）报提示。"),
        why: doc_text!("增减幅度是读者最关注的数字之一，算错会误导对预算变化的判断。"),
        example: doc_text!("“2025年当年预算执行数为43269.3万元，2026年预算安排3845.49万元，比2025年预算执行数增加17.62%”：\
                  (3845.49 − 43269.3) ÷ 43269.3 = −91.11%，与 17.62% 相去甚远，报告为错误。"),
    },
    check,
};

/// The item a statement is about: the nearest earlier figure naming a 类/款/项, else the current
/// figure's phrase.
pub fn item_name(n: &Narrative, r: &Resolved) -> String {
    let Some((cur, _)) = r.current else {
        return tidy(&r.change.subject);
    };
    let start = r.base.map_or(cur, |(b, _)| b.min(cur));
    for k in (start.saturating_sub(3)..=cur).rev() {
        let segs = path(&n.figures[k].subject);
        if segs.last().is_some_and(|s| s.level.is_some()) {
            return tidy(&n.figures[k].subject);
        }
    }
    tidy(&n.figures[cur].subject)
}

fn check(ctx: &Context, sink: &mut Sink) {
    let n = &ctx.doc.narrative;
    let mut unsure = 0usize;
    let statements = Statements::of(n);
    for r in statements.resolved() {
        let c = r.change;
        let Some((pi, pf)) = r.percent else {
            continue;
        };
        let Some((ci, cur)) = r.current else {
            unsure += 1;
            continue;
        };
        let cf = &n.figures[ci];
        let p = pf.value.abs();
        let item = item_name(n, &r);
        if let Some((bi, base)) = r.base {
            let bf = &n.figures[bi];
            if base.value.is_zero() {
                sink.checked += 1;
                if !(cur.value.is_zero() && p.is_zero()) {
                    sink.push(from_zero(ctx, &item, pi, ci, Some(bi), None));
                }
                continue;
            }
            let Some((exact, range)) = rate_from_base(cur, base) else {
                unsure += 1;
                continue;
            };
            for k in [pi, ci, bi] {
                sink.cover(n.figures[k].span);
            }
            sink.checked += 1;
            let agreement = agree_percent(p, exact.abs(), abs_interval(range));
            if agreement == Agreement::Exact {
                continue;
            }
            let expect = rounded(exact.abs(), pf.value);
            let trend = if exact < Decimal::ZERO {
                "减少"
            } else {
                "增加"
            };
            let how = format!(
                "({} − {}) ÷ {} = {}{}%",
                cf.value,
                bf.value,
                bf.value,
                if exact < Decimal::ZERO { "−" } else { "" },
                expect
            );
            let d = diagnostic(
                ctx,
                agreement,
                &item,
                pi,
                expect,
                format!(
                    "按本年数 {} 与上年数 {} 计算，实际{trend} {expect}%（{how}）",
                    printed(cf),
                    printed(bf)
                ),
                format!(
                    "from the current {} and the base {} the change is {}{expect}% ({how})",
                    printed(cf),
                    printed(bf),
                    if exact < Decimal::ZERO { "−" } else { "+" }
                ),
                "变动率 = (本年数 − 上年数) ÷ 上年数 / rate = (current − base) / base",
            )
            .related(
                cf.span,
                format!("本年数 {}", printed(cf)),
                format!("current {}", printed(cf)),
            )
            .related(
                bf.span,
                format!("上年数 {}", printed(bf)),
                format!("base {}", printed(bf)),
            );
            sink.push(with_other_statement(ctx, &statements, &r, base, pf, d));
            continue;
        }
        let Some((ai, af)) = r.amount else {
            unsure += 1;
            continue;
        };
        let dir = c.amount_direction.unwrap_or(Direction::Flat);
        let Some(amount) = super::common::figure_yuan(af) else {
            continue;
        };
        let Some((base, _)) = implied_base(cur, amount, dir) else {
            unsure += 1;
            continue;
        };
        if base.is_zero() {
            sink.checked += 1;
            if !(amount.value.is_zero() && p.is_zero()) {
                sink.push(from_zero(ctx, &item, pi, ci, None, Some(ai)));
            }
            continue;
        }
        let Some((exact, range)) = rate_from_amount(cur, amount, dir) else {
            unsure += 1;
            continue;
        };
        // A fall to zero is −100% whatever the amount: the amount is not checked then.
        for k in [pi, ci, ai] {
            if k != ai || !cur.value.is_zero() {
                sink.cover(n.figures[k].span);
            }
        }
        sink.checked += 1;
        let agreement = agree_percent(p, exact, range);
        if agreement == Agreement::Exact {
            continue;
        }
        let expect = rounded(exact, pf.value);
        let shown_base = show_in(base, &cf.unit);
        let uw = unit_word(&cf.unit);
        let sign = if dir == Direction::Increase {
            "−"
        } else {
            "+"
        };
        let d = diagnostic(
            ctx,
            agreement,
            &item,
            pi,
            expect,
            format!(
                "上年数 = {} {sign} {} = {shown_base}{uw}，{} ÷ {shown_base} = {expect}%",
                cf.value, af.value, af.value
            ),
            format!(
                "the base is {} {sign} {} = {shown_base} {uw}, and {} / {shown_base} = {expect}%",
                cf.value, af.value, af.value
            ),
            "增减率 = 增减额 ÷ (本年数 ∓ 增减额) / rate = amount / (current ∓ amount)",
        )
        .related(
            cf.span,
            format!("本年数 {}", printed(cf)),
            format!("current {}", printed(cf)),
        )
        .related(
            af.span,
            format!("增减额 {}", printed(af)),
            format!("amount {}", printed(af)),
        );
        sink.push(d);
    }
    if unsure > 0 {
        sink.skip(format!(
            "{unsure} 处增减百分比缺少本年数、上年数或增减额（或上年数可能为零），未作判断"
        ));
    }
}

#[allow(clippy::too_many_arguments)]
fn diagnostic(
    ctx: &Context,
    agreement: Agreement,
    item: &str,
    pi: usize,
    expect: Decimal,
    how: String,
    how_en: String,
    note: &str,
) -> Diagnostic {
    let pf = &ctx.doc.narrative.figures[pi];
    let (severity, verdict, verdict_en) = if agreement == Agreement::Rounding {
        (
            Severity::Rounding,
            "差异可由四舍五入解释（尾差）",
            "a difference rounding explains",
        )
    } else {
        (
            Severity::Error,
            "不能由四舍五入解释",
            "a difference rounding cannot explain",
        )
    };
    Diagnostic::new(
        RULE.code,
        RULE.name,
        severity,
        format!(
            "「{item}」的增减百分比印为 {}%，但{how}：{verdict}。",
            pf.value
        ),
        format!(
            "The year-on-year percentage of 「{item}」 is printed as {}%, but {how_en}: {verdict_en}.",
            pf.value
        ),
    )
    .primary(
        pf.span,
        format!("{}%，应为 {expect}%", pf.value),
        format!("{}%; {expect}% expected", pf.value),
    )
    .expected_actual(expect.to_string(), pf.value.to_string())
    .note(note.to_string())
}

/// When the item's amount was stated differently just before and the percentage fits that figure,
/// say so: the percentage was computed from the other statement.
fn with_other_statement(
    ctx: &Context,
    statements: &Statements,
    r: &Resolved,
    base: super::common::Yuan,
    pf: &crate::model::Figure,
    d: Diagnostic,
) -> Diagnostic {
    let n = &ctx.doc.narrative;
    let Some(k) = super::restated::stated_item(ctx, statements, r) else {
        return d;
    };
    let kf = &n.figures[k];
    let Some(item) = super::common::figure_yuan(kf) else {
        return d;
    };
    let Some((exact, range)) = rate_from_base(item, base) else {
        return d;
    };
    if agree_percent(pf.value.abs(), exact.abs(), abs_interval(range)) == Agreement::Mismatch {
        return d;
    }
    d.related(
        kf.span,
        format!("前文金额 {}：按它计算正是 {}%", printed(kf), pf.value),
        format!("stated above as {}, which gives {}%", printed(kf), pf.value),
    )
    .note(format!(
        "该百分比与前文的 {} 相符：本年数在同段中有两种写法 / the percentage fits the amount stated above",
        printed(kf)
    ))
}

fn from_zero(
    ctx: &Context,
    item: &str,
    pi: usize,
    ci: usize,
    base: Option<usize>,
    amount: Option<usize>,
) -> Diagnostic {
    let n = &ctx.doc.narrative;
    let pf = &n.figures[pi];
    let cf = &n.figures[ci];
    let mut d = Diagnostic::new(
        RULE.code,
        RULE.name,
        Severity::Warning,
        format!(
            "「{item}」上年数为零，增减百分比没有定义，而文中印为 {}%。",
            pf.value
        ),
        format!(
            "The base of 「{item}」 is zero, so its change has no percentage, yet {}% is printed.",
            pf.value
        ),
    )
    .primary(
        pf.span,
        format!("{}%：上年为零，增长率无定义", pf.value),
        format!("{}%: the base is zero", pf.value),
    )
    .related(
        cf.span,
        format!("本年数 {}", printed(cf)),
        format!("current {}", printed(cf)),
    );
    if let Some(b) = base {
        d = d.related(
            n.figures[b].span,
            format!("上年数 {}", printed(&n.figures[b])),
            format!("base {}", printed(&n.figures[b])),
        );
    }
    if let Some(a) = amount {
        d = d.related(
            n.figures[a].span,
            format!("增减额 {} = 本年数，上年为零", printed(&n.figures[a])),
            format!(
                "amount {} equals the current figure: the base is zero",
                printed(&n.figures[a])
            ),
        );
    }
    d.note(
        "上年数为零时增长率无定义（可写“新增”） / a change from zero has no percentage".to_string(),
    )
}
