//! N310 comparison-mismatch: a sentence compares two amounts in words (决算数小于预算数, 持平, 减少的
//! 主要原因) that the figures it stands by, or its own direction words, contradict.

use super::changes::{direction_between, direction_en, direction_zh, word};
use super::common::{figure_yuan, flow_after, printed};
use super::execution_rate::{budget_and_final, with_budget_and_final};
use crate::diag::{Diagnostic, Severity};
use crate::model::{Change, Direction};
use crate::rules::consistency::text::is_han;
use crate::rules::{Context, Family, Rule, RuleDoc, Sink};
use crate::source::{ceil_char_boundary, Span};

pub static RULE: Rule = Rule {
    code: "N310",
    name: "comparison-mismatch",
    family: Family::Narrative,
    doc: RuleDoc {
        summary: "比较用词（大于、小于、持平，增加/减少的原因）与数字不符",
        summary_en: "Words comparing two amounts (greater, less, unchanged, the reason for an increase) contradict the figures",
        what: doc_text!("决算说明写“决算数大于（小于、等于、持平于）预算数”时，与本句或上一句给出的预算数、决算数比较\
               （两数的措辞同 N309：“年初预算为”“支出决算为”……）：大于、小于说反了，或写“持平/等于/一致/相同”而两数相差超出四舍五入范围，报告为错误；\
               两数在舍入范围内相等时不判断大小，“基本持平”不作判断；本句和上一句找不到两个数时不作判断并说明。\
               另：“增加 A 万元，减少的主要原因是……”这类同一句中先说的增减方向与“……的主要原因”前的方向词相反，报告为错误：两者不能都对；\
               原因另起一句并写明主语（“财政拨款收入支出增加的主要原因是……”）时，与前文（不超过约四百字）中这一主语所含项目的增减\
               （“财政拨款收入……减少 A 万元”）比较，这些增减方向一致而原因说反时同样报告；方向不一或为持平时不判断。"),
        why: doc_text!("读者先看结论性的用词；把小于写成大于、把有增减写成持平，或前后方向自相矛盾，会让读者对预算执行情况得出相反的判断。"),
        example: doc_text!("“年初预算为 536.20 万元，支出决算为 413.57 万元，完成年初预算的 77.13%。决算数小于预算数的主要原因是……”：\
                  413.57 < 536.20，一致；若写作“决算数大于预算数”，报告为错误。\
                  “较上年增加 9.49 万元，减少的主要原因是……”：方向自相矛盾，报告为错误。"),
    },
    check,
};

/// "决算数 … 预算数" phrasings and the direction they give the final amount from the budget.
const RELATIONS: &[(&str, Direction)] = &[
    ("决算数大于预算数", Direction::Increase),
    ("决算数高于预算数", Direction::Increase),
    ("决算数多于预算数", Direction::Increase),
    ("决算数超过预算数", Direction::Increase),
    ("决算数小于预算数", Direction::Decrease),
    ("决算数低于预算数", Direction::Decrease),
    ("决算数少于预算数", Direction::Decrease),
    ("决算数等于预算数", Direction::Flat),
    ("决算数与预算数持平", Direction::Flat),
    ("决算数同预算数持平", Direction::Flat),
    ("决算数与预算数一致", Direction::Flat),
    ("决算数与预算数相同", Direction::Flat),
];

fn relation_zh(r: Direction) -> &'static str {
    match r {
        Direction::Increase => "大于",
        Direction::Decrease => "小于",
        Direction::Flat => "等于",
    }
}

fn relation_en(r: Direction) -> &'static str {
    match r {
        Direction::Increase => "greater than",
        Direction::Decrease => "less than",
        Direction::Flat => "equal to",
    }
}

/// Where each phrase of `words` starts in the text, whitespace and page furniture inside it
/// skipped: (start, end, the matched entry).
fn phrases<'w, T: Copy>(text: &str, words: &'w [(&'w str, T)]) -> Vec<(Span, T)> {
    let mut out = Vec::new();
    let firsts: Vec<char> = words.iter().filter_map(|w| w.0.chars().next()).collect();
    for (at, c) in text.char_indices() {
        if !firsts.contains(&c) {
            continue;
        }
        let flow = flow_after(text, at, 16);
        let s: String = flow.iter().map(|p| p.0).collect();
        if let Some((w, t)) = words.iter().find(|(w, _)| s.starts_with(w)) {
            let n = w.chars().count();
            let end = flow[n - 1].1 + flow[n - 1].0.len_utf8();
            out.push((Span::new(at, end), *t));
        }
    }
    out
}

/// How far back the sentence before a comparison is looked for (bytes): a sentence is short, and a
/// bound keeps a text without 。 from being scanned again for every phrase.
const LOOK_BACK: usize = 1200;

/// The start of the sentence before the one holding `at`, at most [`LOOK_BACK`] bytes back.
fn previous_sentence_start(text: &str, at: usize) -> usize {
    let lo = ceil_char_boundary(text, at.saturating_sub(LOOK_BACK));
    let before = &text[lo..at];
    let end_of_previous = before.rfind('。').unwrap_or(0);
    lo + before[..end_of_previous]
        .rfind('。')
        .map_or(0, |k| k + '。'.len_utf8())
}

fn check(ctx: &Context, sink: &mut Sink) {
    budget_against_final(ctx, sink);
    reasons(ctx, sink);
}

fn budget_against_final(ctx: &Context, sink: &mut Sink) {
    let figs = &ctx.doc.narrative.figures;
    for (span, relation) in phrases(ctx.text, RELATIONS) {
        let from = previous_sentence_start(ctx.text, span.start);
        // Figures are in text order: those between the two points, found by bisection.
        let first = figs.partition_point(|f| f.span.start < from);
        let last = figs.partition_point(|f| f.span.start < span.start);
        let near = figs[first..last.max(first)]
            .iter()
            .rev()
            .filter(|f| f.span.end <= span.start);
        let (budget, fin) = budget_and_final(ctx, near, None);
        let (Some(budget), Some(fin)) = (budget, fin) else {
            sink.skip(format!(
                "「决算数{}预算数」：本句和上一句中没有找到预算数和决算数，未核对",
                relation_zh(relation)
            ));
            continue;
        };
        let (Some(b), Some(f)) = (figure_yuan(budget), figure_yuan(fin)) else {
            continue;
        };
        sink.checked += 1;
        for s in [span, budget.span, fin.span] {
            sink.cover(s);
        }
        // Equal within the figures' rounding: neither greater nor less can be told.
        let Some(actual) = direction_between(f, b) else {
            continue;
        };
        if actual == relation {
            continue;
        }
        sink.push(
            with_budget_and_final(
                Diagnostic::new(
                    RULE.code,
                    RULE.name,
                    Severity::Error,
                    format!(
                        "文中写“决算数{}预算数”，而决算数 {} {}预算数 {}。",
                        relation_zh(relation),
                        printed(fin),
                        relation_zh(actual),
                        printed(budget)
                    ),
                    format!(
                        "The text says the final amount is {} the budget, but {} is {} {}.",
                        relation_en(relation),
                        printed(fin),
                        relation_en(actual),
                        printed(budget)
                    ),
                )
                .primary(
                    span,
                    format!("实为决算数{}预算数", relation_zh(actual)),
                    format!("the final amount is {} the budget", relation_en(actual)),
                ),
                budget,
                fin,
            )
            .expected_actual(
                relation_zh(actual).to_string(),
                relation_zh(relation).to_string(),
            )
            .note("比较用词应与两数的大小一致 / the comparison word follows the two figures"),
        );
    }
}

/// "(增加|减少…)的主要原因": the direction a reason is given for.
const REASONS: &[(&str, Direction)] = &[
    ("增加的主要原因", Direction::Increase),
    ("增长的主要原因", Direction::Increase),
    ("上升的主要原因", Direction::Increase),
    ("减少的主要原因", Direction::Decrease),
    ("下降的主要原因", Direction::Decrease),
    ("降低的主要原因", Direction::Decrease),
];

/// A reason given for the opposite of the change stated just before it in the same sentence, or,
/// when the reason names what changed ("财政拨款收入支出增加的主要原因"), of the changes of that
/// subject stated in the sentences before it (all in one direction).
fn reasons(ctx: &Context, sink: &mut Sink) {
    let n = &ctx.doc.narrative;
    // The changes in the order they end, to find the last one before a phrase by bisection.
    let mut changes: Vec<&Change> = n.changes.iter().collect();
    changes.sort_by_key(|c| c.span.end);
    for (span, reason) in phrases(ctx.text, REASONS) {
        let before = changes.partition_point(|c| c.span.end <= span.start);
        let recent = || {
            changes[..before]
                .iter()
                .rev()
                .take_while(|c| span.start - c.span.end <= LOOK_BACK)
        };
        let same_sentence = recent()
            .next()
            .filter(|c| !ctx.text[c.span.end..span.start].contains('。'));
        let (change, stated) = match same_sentence {
            Some(change) => {
                let Some(stated) = word(change).filter(|d| *d != Direction::Flat) else {
                    continue;
                };
                (*change, stated)
            }
            None => {
                let Some(subject) = reason_subject(ctx.text, span.start) else {
                    continue;
                };
                let named: Vec<(&Change, Direction)> = recent()
                    .filter(|c| names_part_of(&c.subject, &subject))
                    .filter_map(|c| Some((*c, word(c)?)))
                    .collect();
                let Some(&(change, stated)) = named.first() else {
                    continue;
                };
                // Changes of that subject in both directions (or 持平): which one the reason is
                // for cannot be told.
                if stated == Direction::Flat || named.iter().any(|(_, d)| *d != stated) {
                    continue;
                }
                (change, stated)
            }
        };
        sink.checked += 1;
        sink.cover(span);
        if stated == reason {
            continue;
        }
        sink.push(
            Diagnostic::new(
                RULE.code,
                RULE.name,
                Severity::Error,
                format!(
                    "「{}」先写{}，随后却说明“{}的主要原因”：方向自相矛盾，两者不能都对。",
                    change.subject,
                    direction_zh(stated),
                    direction_zh(reason)
                ),
                format!(
                    "「{}」 is stated as {}, then a reason is given for {}: the text contradicts itself.",
                    change.subject,
                    direction_en(stated),
                    direction_en(reason)
                ),
            )
            .primary(
                span,
                format!("与前文的“{}”相反", direction_zh(stated)),
                format!("opposite to the {} stated before", direction_en(stated)),
            )
            .related(
                change.span,
                format!("{}：{}", change.subject, direction_zh(stated)),
                format!("{}: {}", change.subject, direction_en(stated)),
            )
            .note("原因说明的增减方向应与所述变动一致 / a reason explains the change stated"),
        );
    }
}

/// What a reason is given for, when the words before "增加的主要原因" name it: the Han characters
/// back to the clause's start ("财政拨款收入支出"), at least four of them.
fn reason_subject(text: &str, at: usize) -> Option<String> {
    let window = &text[ceil_char_boundary(text, at.saturating_sub(60))..at];
    let start = window
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_han(*c))
        .last()
        .map_or(window.len(), |(i, _)| i);
    let subject = &window[start..];
    (subject.chars().count() >= 4).then(|| subject.to_string())
}

/// A change's subject names part of what a reason is for: "财政拨款收入" (its 预算/决算 dropped)
/// inside "财政拨款收入支出", four characters at least.
fn names_part_of(change_subject: &str, reason_subject: &str) -> bool {
    let mut s = change_subject;
    for suffix in ["预算数", "决算数", "预算", "决算"] {
        s = s.strip_suffix(suffix).unwrap_or(s);
    }
    s.chars().count() >= 4 && reason_subject.contains(s)
}
