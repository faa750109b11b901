//! N304 change-direction-mismatch: the words of a year-on-year statement (增加/减少/持平) disagree
//! with the figures or with each other.

use super::change_percent::item_name;
use super::changes::{direction_between, direction_en, direction_zh, word, Statements};
use super::common::printed;
use crate::diag::{Diagnostic, Severity};
use crate::model::Direction;
use crate::rules::{Context, Family, Rule, RuleDoc, Sink};
use rust_decimal::Decimal;

pub static RULE: Rule = Rule {
    code: "N304",
    name: "change-direction-mismatch",
    family: Family::Narrative,
    doc: RuleDoc {
        summary: "增减方向的用词与数字不符",
        summary_en: "The direction words of a year-on-year statement disagree with the figures",
        what: doc_text!("写明上年数时，本年数大于上年数应写“增加/增长”，小于应写“减少/下降”，相等应写“持平”；\
               同一句中金额的方向词与百分比的方向词应一致（不能“增加 A 万元，下降 B%”）；\
               方向词后的数字不应为负数（“减少 -5 万元”语义不清）。比较大小时按区间算术，舍入范围内相等的不作判断。"),
        why: doc_text!("把减少写成增加，读者对预算变化的理解就完全反了。"),
        example: doc_text!("“2025年当年预算执行数为43269.3万元，2026年预算安排3845.49万元，比2025年预算执行数增加17.62%”：\
                  3845.49 < 43269.3，实为减少，报告为错误。"),
    },
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    let n = &ctx.doc.narrative;
    for r in Statements::of(n).resolved() {
        let c = r.change;
        let item = item_name(n, &r);
        let at = r
            .percent
            .map(|(i, _)| n.figures[i].span)
            .or(r.amount.map(|(i, _)| n.figures[i].span))
            .unwrap_or(c.span);
        // The amount's word and the percentage's word.
        if let (Some(a), Some(p)) = (c.amount_direction, c.percent_direction) {
            if r.amount.is_some() && r.percent.is_some() {
                sink.checked += 1;
                if a != p {
                    sink.push(
                        Diagnostic::new(
                            RULE.code,
                            RULE.name,
                            Severity::Error,
                            format!(
                                "「{item}」的增减金额写作“{}”，百分比却写作“{}”，方向自相矛盾。",
                                direction_zh(a),
                                direction_zh(p)
                            ),
                            format!(
                                "For 「{item}」 the amount is stated as {} but the percentage as {}.",
                                direction_en(a),
                                direction_en(p)
                            ),
                        )
                        .primary(
                            at,
                            format!("“{}”与“{}”矛盾", direction_zh(a), direction_zh(p)),
                            format!("{} vs {}", direction_en(a), direction_en(p)),
                        )
                        .expected_actual(direction_zh(a), direction_zh(p))
                        .note("同一增减的金额与百分比方向一致 / amount and percentage of one change go the same way"),
                    );
                }
            }
        }
        // Negative figures after a direction word.
        for (i, f) in [r.amount, r.percent].into_iter().flatten() {
            if f.value < Decimal::ZERO {
                sink.checked += 1;
                let w = if Some(i) == c.amount {
                    c.amount_direction
                } else {
                    c.percent_direction
                };
                let w = w.map_or("", direction_zh);
                sink.push(
                    Diagnostic::new(
                        RULE.code,
                        RULE.name,
                        Severity::Warning,
                        format!("「{item}」写作“{w} {}”：方向词后是负数，语义不清。", printed(f)),
                        format!(
                            "For 「{item}」 the direction word is followed by a negative figure ({}).",
                            printed(f)
                        ),
                    )
                    .primary(f.span, "方向词后为负数", "negative figure after a direction word")
                    .note("增减用方向词表达，数字取绝对值 / the word gives the direction, the figure its size"),
                );
            }
        }
        // The word against the quoted base.
        let (Some((ci, cur)), Some((bi, base)), Some(w)) = (r.current, r.base, word(c)) else {
            continue;
        };
        sink.checked += 1;
        let Some(actual) = direction_between(cur, base) else {
            continue;
        };
        if actual == w {
            continue;
        }
        let cf = &n.figures[ci];
        let bf = &n.figures[bi];
        let severity = if actual == Direction::Flat {
            Severity::Warning
        } else {
            Severity::Error
        };
        let cmp = match actual {
            Direction::Increase => ">",
            Direction::Decrease => "<",
            Direction::Flat => "=",
        };
        sink.push(
            Diagnostic::new(
                RULE.code,
                RULE.name,
                severity,
                format!(
                    "「{item}」本年数 {} {cmp} 上年数 {}，实为{}，文中却写“{}”。",
                    printed(cf),
                    printed(bf),
                    direction_zh(actual),
                    direction_zh(w)
                ),
                format!(
                    "For 「{item}」 the current {} {cmp} the base {}: {}, yet the text says {}.",
                    printed(cf),
                    printed(bf),
                    direction_en(actual),
                    direction_en(w)
                ),
            )
            .primary(
                c.span,
                format!("写作“{}”，实为{}", direction_zh(w), direction_zh(actual)),
                format!("says {}, is {}", direction_en(w), direction_en(actual)),
            )
            .related(cf.span, format!("本年数 {}", printed(cf)), format!("current {}", printed(cf)))
            .related(bf.span, format!("上年数 {}", printed(bf)), format!("base {}", printed(bf)))
            .expected_actual(direction_zh(actual), direction_zh(w))
            .note("本年数 > 上年数为增加，< 为减少，= 为持平 / the sign of current − base gives the word"),
        );
    }
}
