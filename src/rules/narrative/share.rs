//! N302 share-mismatch: a share "占 X%" is not part / whole, or the shares of one breakdown do not
//! add up to 100%.

use super::common::{
    agree_percent, change_parts, figure_yuan, is_change_phrase, norm, other_period, pct,
    percent_of, printed, rounded, same_sentence, strip_lead, topic, Topic, Yuan,
};
use crate::amount::{Agreement, Interval};
use crate::diag::{Diagnostic, Severity};
use crate::model::{Figure, FigureUnit};
use crate::rules::{Context, Family, Rule, RuleDoc, Sink};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, HashMap, HashSet};

pub static RULE: Rule = Rule {
    code: "N302",
    name: "share-mismatch",
    family: Family::Narrative,
    doc: RuleDoc {
        summary: "占比与金额不符，或同一构成的占比之和不为 100%",
        summary_en: "A share is not part / whole, or the shares of one breakdown do not add up to 100%",
        what: doc_text!("“A 万元，占 X%”：X 应等于 A 除以其整体。整体依次取：占比文字中点名的整体（“占本年支出合计的”）、\
               所在“其中”列举的合计、所在章节开头的总额（收入预算、支出预算、一般公共预算拨款合计……；\
               本节及其前面直到所属一级标题的各节，各取开头的总额，由近及远）。\
               用区间算术判断：A 与整体都按印出的精度取区间，商的区间与 X 的区间不相交才是错误。\
               点名的整体也可以是另一占比的部分（“其中：授予小微企业合同金额……占授予中小企业合同金额的”），此时名称须完全相同。\
               与所有可能的整体都不符时：整体确定（点名、同句列举）报错误；否则，若同一句中的各占比都恰是\
               各自金额占这几项之和的比例（句子列举了一个未印出的整体），不作判断；再否则报提示。\
               同一整体下各部分金额之和等于整体时，各占比之和应为 100%（考虑舍入）。"),
        why: doc_text!("占比算错或各项占比加总不为 100%，说明数字之间互相矛盾，公开文本的可信度受损。"),
        example: doc_text!("“一般公共预算财政拨款支出 2940.05 万元，……一般公共服务支出（类）2106.66 万元，占 71.73%”：\
                  2106.66 ÷ 2940.05 = 71.65%，区间 [71.653%, 71.654%] 与 71.73% 不相交，报告为错误。"),
    },
    check,
};

/// The whole a share is of, and how sure the link is.
struct Whole {
    figure: usize,
    /// Named in the share phrase, the total of the list the part is in, or the section's head in
    /// the same sentence.
    certain: bool,
    how: &'static str,
}

fn money(n: &[Figure], i: usize) -> Option<Yuan> {
    figure_yuan(&n[i])
}

/// The share phrase's named whole: "占本年支出合计的" → "本年支出合计".
fn named_whole(subject: &str) -> Option<String> {
    let s = norm(subject);
    let rest = s.strip_prefix('占')?;
    let rest = rest
        .trim_end_matches("的比重")
        .trim_end_matches("的比例")
        .trim_end_matches("比重")
        .trim_end_matches("比例")
        .trim_end_matches('的');
    (rest.chars().count() >= 2).then(|| rest.to_string())
}

/// What every share's search for its whole looks up, made once per check.
struct Lookups {
    /// The figures of year-on-year statements (not wholes).
    skip: HashSet<usize>,
    /// The figures some share is a part of (not wholes).
    parts: HashSet<usize>,
    /// For each figure, the component lists it is an item of, in list order.
    lists_of: HashMap<usize, Vec<usize>>,
    /// For each section, its figures in index order.
    in_section: Vec<Vec<usize>>,
}

impl Lookups {
    fn of(n: &crate::model::Narrative) -> Lookups {
        let mut lists_of: HashMap<usize, Vec<usize>> = HashMap::new();
        for (i, l) in n.lists.iter().enumerate() {
            for &item in &l.items {
                let of = lists_of.entry(item).or_default();
                if of.last() != Some(&i) {
                    of.push(i);
                }
            }
        }
        let mut in_section = vec![Vec::new(); n.sections.len()];
        for (k, f) in n.figures.iter().enumerate() {
            if let Some(of) = f.section.and_then(|s| in_section.get_mut(s)) {
                of.push(k);
            }
        }
        Lookups {
            in_section,
            skip: change_parts(n),
            parts: n.figures.iter().filter_map(|f| f.share_of).collect(),
            lists_of,
        }
    }
}

fn wholes(ctx: &Context, share: usize, part: usize, look: &Lookups) -> Vec<Whole> {
    let n = &ctx.doc.narrative;
    let figs = &n.figures;
    let mut out: Vec<Whole> = Vec::new();
    let year = ctx.doc.facts.year.as_ref().map(|y| y.value);
    let (skip, parts) = (&look.skip, &look.parts);
    // A whole: an amount of this period, not a change's; `usable` also not itself a share's part.
    let eligible = |k: usize| {
        k != part
            && money(figs, k).is_some()
            && !skip.contains(&k)
            && !is_change_phrase(&figs[k].subject)
            && !other_period(&figs[k].subject, year)
    };
    let usable = |k: usize| eligible(k) && !parts.contains(&k);
    let bigger = |k: usize| match (money(figs, k), money(figs, part)) {
        (Some(w), Some(p)) => w.value >= p.value,
        _ => false,
    };
    // Named: the latest earlier figure whose phrase ends with the name, or is the name, though
    // that figure be itself a share's part ("授予中小企业合同金额 1820.69 万元，占政府采购支出总额的 92.54%，其中：授予小微企业
    // 合同金额 1015.5 万元，占授予中小企业合同金额的 55.78%", wide/131).
    if let Some(name) = named_whole(&figs[share].subject) {
        if let Some(k) = (0..part).rev().find(|&k| {
            let named = strip_lead(&norm(&figs[k].subject));
            eligible(k) && (named == name || (!parts.contains(&k) && named.ends_with(&name)))
        }) {
            out.push(Whole {
                figure: k,
                certain: true,
                how: "占比文字点名的整体",
            });
        }
    }
    // The total of the list the part is an item of.
    for l in look
        .lists_of
        .get(&part)
        .into_iter()
        .flatten()
        .map(|&i| &n.lists[i])
    {
        if let Some(t) = l.total.filter(|&t| usable(t)) {
            out.push(Whole {
                figure: t,
                certain: true,
                how: "所在列举的合计",
            });
        }
    }
    // The first amount of the part's sentence ("一般公共预算财政拨款支出 2940.05 万元，主要用于：…").
    if let Some(k) = (0..part)
        .rev()
        .take_while(|&k| same_sentence(ctx, figs[k].span, figs[part].span))
        .filter(|&k| usable(k))
        .last()
        .filter(|&k| bigger(k))
    {
        out.push(Whole {
            figure: k,
            certain: true,
            how: "同句开头的总额",
        });
    }
    // The first amount of the part's section, and of each section before it up to its enclosing
    // top-level one, nearest first: a share may be of an amount stated under the sibling heading
    // before its own (wide/115: "1.一般公共预算当年拨款规模变化情况" states 370,219.25, "2.…结构情况"
    // gives each class's share of it).
    if let Some(sec) = figs[part].section {
        let top = (0..=sec)
            .rev()
            .find(|&k| n.sections[k].level <= 1)
            .unwrap_or(sec);
        for of in look.in_section[top..=sec].iter().rev() {
            let first = of
                .iter()
                .copied()
                .take_while(|&k| k < part)
                .find(|&k| usable(k));
            if let Some(k) = first.filter(|&k| bigger(k)) {
                out.push(Whole {
                    figure: k,
                    certain: false,
                    how: "所在章节开头的总额",
                });
            }
        }
    }
    let mut seen = HashSet::new();
    out.retain(|w| seen.insert(w.figure));
    out
}

struct Judged {
    agreement: Agreement,
    exact: Decimal,
}

fn judge(share: &Figure, part: Yuan, whole: Yuan) -> Option<Judged> {
    let range = percent_of(part.interval(), whole.interval())?;
    let exact = pct(part.value, whole.value)?;
    Some(Judged {
        agreement: agree_percent(share.value, exact, range),
        exact,
    })
}

fn check(ctx: &Context, sink: &mut Sink) {
    let n = &ctx.doc.narrative;
    let figs = &n.figures;
    let look = Lookups::of(n);
    // Shares judged per whole, for the sum check: whole → (share, part, error found).
    let mut groups: BTreeMap<usize, Vec<(usize, usize, bool)>> = BTreeMap::new();
    let mut unsure = 0usize;
    for (s, f) in figs.iter().enumerate() {
        let (FigureUnit::Percent, Some(p)) = (&f.unit, f.share_of) else {
            continue;
        };
        let Some(part) = money(figs, p) else {
            continue;
        };
        if topic(n, f.section) == Some(Topic::Performance) {
            continue;
        }
        let ws = wholes(ctx, s, p, &look);
        let judged: Vec<(&Whole, Judged)> = ws
            .iter()
            .filter_map(|w| Some((w, judge(f, part, money(figs, w.figure)?)?)))
            .collect();
        if judged.is_empty() {
            unsure += 1;
            continue;
        }
        sink.cover(f.span);
        sink.cover(figs[p].span);
        sink.checked += 1;
        let primary = &judged[0];
        let fits = |a: Agreement| judged.iter().any(|(_, j)| j.agreement == a);
        if fits(Agreement::Exact) {
            let w = judged
                .iter()
                .find(|(_, j)| j.agreement == Agreement::Exact)
                .map(|(w, _)| w.figure);
            if let Some(w) = w {
                groups.entry(w).or_default().push((s, p, false));
            }
            continue;
        }
        if primary.1.agreement == Agreement::Rounding {
            groups
                .entry(primary.0.figure)
                .or_default()
                .push((s, p, false));
            sink.push(diagnostic(
                ctx,
                s,
                p,
                primary.0,
                &primary.1,
                Severity::Rounding,
            ));
            continue;
        }
        if fits(Agreement::Rounding) {
            continue;
        }
        // No whole is certain, but the sentence's shares make up 100% of the sum of their parts
        // and this share is its part of that sum: "“三公”经费支出决算中，因公出国（境）费 4.69 万元，
        // 占 10.15%；公务用车… 40.61 万元，占 87.88%；公务接待费 0.9 万元，占 1.95%" (wide/131).
        if !primary.0.certain && of_its_sentence_breakdown(ctx, s) {
            continue;
        }
        let severity = if primary.0.certain {
            Severity::Error
        } else {
            Severity::Warning
        };
        groups
            .entry(primary.0.figure)
            .or_default()
            .push((s, p, true));
        sink.push(diagnostic(ctx, s, p, primary.0, &primary.1, severity));
    }
    if unsure > 0 {
        sink.skip(format!("{unsure} 处占比找不到可用的整体金额，未作判断"));
    }
    for (whole, members) in groups {
        if members.len() < 2 || members.iter().any(|m| m.2) {
            continue;
        }
        sum_check(ctx, sink, whole, &members);
    }
}

/// Every share printed in share `s`'s sentence is its part's share of the sum of their parts
/// (two or more): the sentence breaks down a whole it does not print.
fn of_its_sentence_breakdown(ctx: &Context, s: usize) -> bool {
    let figs = &ctx.doc.narrative.figures;
    let near = |k: &usize| same_sentence(ctx, figs[*k].span, figs[s].span);
    let before = (0..s).rev().take_while(near);
    let after = (s + 1..figs.len()).take_while(near);
    let mut shares = Vec::new();
    for k in before.chain(std::iter::once(s)).chain(after) {
        if let (FigureUnit::Percent, Some(p)) = (&figs[k].unit, figs[k].share_of) {
            match money(figs, p) {
                Some(part) => shares.push((k, part)),
                None => return false,
            }
        }
    }
    let whole = shares.iter().fold(Yuan::zero(), |w, &(_, p)| w.plus(p));
    shares.len() >= 2
        && shares.iter().all(|&(k, part)| {
            judge(&figs[k], part, whole).is_some_and(|j| j.agreement != Agreement::Mismatch)
        })
}

/// When the parts add up to the whole, their shares add up to 100%.
fn sum_check(ctx: &Context, sink: &mut Sink, whole: usize, members: &[(usize, usize, bool)]) {
    let figs = &ctx.doc.narrative.figures;
    let Some(w) = money(figs, whole) else {
        return;
    };
    let mut parts = Yuan::zero();
    for &(_, p, _) in members {
        match money(figs, p) {
            Some(y) => parts = parts.plus(y),
            None => return,
        }
    }
    // Only a complete breakdown: the parts' sum can be the whole.
    if !parts.interval().intersects(w.interval()) && parts.value != w.value {
        return;
    }
    sink.checked += 1;
    let total: Decimal = members.iter().map(|m| figs[m.0].value).sum();
    let half: Decimal = members
        .iter()
        .map(|m| crate::amount::half_unit(figs[m.0].value))
        .sum();
    let hundred = Decimal::ONE_HUNDRED;
    if total == hundred {
        return;
    }
    let range = Interval {
        lo: total - half,
        hi: total + half,
    };
    let severity = if range.lo <= hundred && hundred <= range.hi {
        Severity::Rounding
    } else {
        Severity::Error
    };
    let shares: Vec<String> = members
        .iter()
        .map(|m| format!("{}%", figs[m.0].value))
        .collect();
    let first = members[0].0;
    let verdict = if severity == Severity::Rounding {
        ("可由四舍五入解释（尾差）", "which rounding explains")
    } else {
        ("不能由四舍五入解释", "which rounding cannot explain")
    };
    let mut d = Diagnostic::new(
        RULE.code,
        RULE.name,
        severity,
        format!(
            "「{}」{} 的各组成部分之和等于整体，但其占比 {} 之和为 {total}%，不是 100%，{}。",
            figs[whole].subject,
            printed(&figs[whole]),
            shares.join(" + "),
            verdict.0
        ),
        format!(
            "The parts of 「{}」 {} add up to it, but their shares {} add up to {total}%, not 100%, {}.",
            figs[whole].subject,
            printed(&figs[whole]),
            shares.join(" + "),
            verdict.1
        ),
    )
    .primary(
        figs[first].span,
        format!("占比之和为 {total}%"),
        format!("shares add up to {total}%"),
    )
    .expected_actual("100", total.to_string());
    for m in &members[1..] {
        d = d.related(
            figs[m.0].span,
            format!("{}%", figs[m.0].value),
            format!("{}%", figs[m.0].value),
        );
    }
    d = d.related(
        figs[whole].span,
        format!("整体 {}", printed(&figs[whole])),
        format!("whole {}", printed(&figs[whole])),
    );
    sink.push(d.note(
        "同一构成的各项占比之和 = 100% / the shares of one breakdown add up to 100%".to_string(),
    ));
}

fn diagnostic(
    ctx: &Context,
    s: usize,
    p: usize,
    whole: &Whole,
    j: &Judged,
    severity: Severity,
) -> Diagnostic {
    let figs = &ctx.doc.narrative.figures;
    let share = &figs[s];
    let part = &figs[p];
    let w = &figs[whole.figure];
    let expect = rounded(j.exact, share.value);
    let (verdict, verdict_en) = match severity {
        Severity::Rounding => (
            "差异可由四舍五入解释（尾差）",
            "a difference rounding explains",
        ),
        Severity::Warning => (
            "与可能的整体都不符，请核对占比所指的整体",
            "it fits none of the possible wholes; check which whole it is of",
        ),
        _ => ("不能由四舍五入解释", "a difference rounding cannot explain"),
    };
    Diagnostic::new(
        RULE.code,
        RULE.name,
        severity,
        format!(
            "「{}」{} 占 {}%，而按{}「{}」{} 计算为 {}%：{verdict}。",
            part.subject,
            printed(part),
            share.value,
            whole.how,
            w.subject,
            printed(w),
            expect
        ),
        format!(
            "「{}」 {} is said to be {}%, but against 「{}」 {} it is {}%: {verdict_en}.",
            part.subject,
            printed(part),
            share.value,
            w.subject,
            printed(w),
            expect
        ),
    )
    .primary(
        share.span,
        format!("{}%，应为 {}%", share.value, expect),
        format!("{}%; {}% expected", share.value, expect),
    )
    .related(
        part.span,
        format!("部分 {}", printed(part)),
        format!("part {}", printed(part)),
    )
    .related(
        w.span,
        format!("整体 {}", printed(w)),
        format!("whole {}", printed(w)),
    )
    .expected_actual(expect.to_string(), share.value.to_string())
    .note(format!(
        "占比 = 部分 ÷ 整体（{} ÷ {}） / a share is part / whole",
        printed(part),
        printed(w)
    ))
}
