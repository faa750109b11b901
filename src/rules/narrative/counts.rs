//! N306 count-mismatch: "下设 N 个科室，分别是：A、B、C…" names another number of units; the
//! vehicles the body holds or buys disagree with its vehicle costs.

use super::common::{flow_after, flow_before, norm, printed, topic, Topic};
use super::link::{three_key, three_targets, Key};
use crate::diag::{Diagnostic, Severity};
use crate::model::{Figure, FigureUnit, Span};
use crate::rules::{Context, Family, Rule, RuleDoc, Sink};
use rust_decimal::Decimal;

pub static RULE: Rule = Rule {
    code: "N306",
    name: "count-mismatch",
    family: Family::Narrative,
    doc: RuleDoc {
        summary: "机构数与所列名称个数不符，车辆数与车辆经费不符，或高单价设备多于低单价设备",
        summary_en: "A stated number of units differs from the units named, vehicles disagree with vehicle costs, or dearer equipment outnumbers cheaper",
        what: doc_text!("“下设 N 个科室，分别是：A、B、C……”（或“设 N 个内设机构，包括：……”“包括 A、B……等 N 个内设处室”）：\
               所列名称的个数应为 N；以“等”结尾的列举不作判断，名称中含“和/及”时只作提示。\
               另：说明称车辆为 0 辆而安排了公务用车运行费，或安排购置车辆数与公务用车购置费一有一无，报提示。\
               同一句中先后给出“单位价值 50 万元以上设备 A 台”“单位价值 100 万元以上设备 B 台”（同一类设备，如均为“大型设备”）时，\
               后者包含在前者之中，B 大于 A 报告为错误；设备类别不同（通用设备、专用设备）不作比较。"),
        why: doc_text!("机构设置是公开的基本信息，数目与名单不符说明其中之一已过时；没有车辆却列支运行费需要说明。"),
        example: doc_text!("“下设 7 个科室，分别是：综合科、党务与督查科、政务服务科、公共资源交易科、12345 在线政务服务科、\
                  数据信息科、财务审计科。”列出 7 个，一致；若只列 6 个，报告为错误。"),
    },
    check,
};

const UNIT_WORDS: &[&str] = &[
    "内设机构",
    "内设科室",
    "内设处室",
    "职能科室",
    "职能处室",
    "职能部门",
    "科室",
    "处室",
    "股室",
    "机构",
];

/// Splits a list at `、` outside brackets, up to `。`/`；` or an unmatched closing bracket.
fn split_names(s: &[(char, usize)]) -> (Vec<String>, Option<Span>) {
    let mut names = Vec::new();
    let mut cur = String::new();
    let mut depth = 0i32;
    let mut first: Option<usize> = None;
    let mut last_end = 0usize;
    for &(c, o) in s {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => {
                if depth == 0 {
                    break;
                }
                depth -= 1;
            }
            '。' | '；' | ';' => break,
            '、' if depth == 0 => {
                names.push(std::mem::take(&mut cur));
                continue;
            }
            _ => {}
        }
        if first.is_none() {
            first = Some(o);
        }
        last_end = o + c.len_utf8();
        cur.push(c);
    }
    if !cur.is_empty() {
        names.push(cur);
    }
    names.retain(|n| !n.is_empty());
    (names, first.map(|f| Span::new(f, last_end)))
}

fn strip_any<'a>(s: &'a [(char, usize)], words: &[&str]) -> Option<&'a [(char, usize)]> {
    for w in words {
        let n = w.chars().count();
        if s.len() >= n && s[..n].iter().map(|p| p.0).eq(w.chars()) {
            return Some(&s[n..]);
        }
    }
    None
}

/// The names listed with a count figure, and where they are.
fn listed(ctx: &Context, f: &Figure) -> Option<(Vec<String>, Span)> {
    let after = flow_after(ctx.text, f.span.end, 600);
    let rest = strip_any(&after, UNIT_WORDS)?;
    let subject = norm(&f.subject);
    if ["设", "设有", "下设", "内设", "共设"]
        .iter()
        .any(|w| subject.ends_with(w))
    {
        // Forward: "下设 7 个科室，分别是：A、B、C。"
        let rest = strip_any(rest, &["，", ",", "：", ":"]).unwrap_or(rest);
        let rest = strip_any(
            rest,
            &[
                "分别是",
                "分别为",
                "具体包括",
                "包括",
                "包含",
                "即",
                "为",
                "是",
            ],
        )?;
        let rest = strip_any(rest, &["：", ":"]).unwrap_or(rest);
        let (names, span) = split_names(rest);
        return Some((names, span?));
    }
    // Backward: "（包括 A、B、……、Z 19 个内设处室）".
    let before = flow_before(ctx.text, f.span.start, 600);
    let text: String = before.iter().map(|p| p.0).collect();
    let k = text.rfind("包括")?;
    let start = text[..k].chars().count() + 2;
    let tail = &before[start..];
    if tail
        .iter()
        .any(|p| matches!(p.0, '，' | ',' | '；' | '：' | ':'))
    {
        return None;
    }
    let (names, span) = split_names(tail);
    Some((names, span?))
}

/// True when a listed name may be two joined by 和/及/与 ("财务科和人事科"), not one name that
/// contains the word ("党务与督查科").
fn maybe_two(name: &str) -> bool {
    const UNIT_ENDS: &[char] = &[
        '科', '室', '处', '部', '股', '组', '队', '所', '站', '办', '心',
    ];
    name.char_indices().any(|(i, c)| {
        matches!(c, '和' | '及' | '与')
            && name[..i]
                .chars()
                .last()
                .is_some_and(|p| UNIT_ENDS.contains(&p))
    })
}

fn check(ctx: &Context, sink: &mut Sink) {
    let n = &ctx.doc.narrative;
    for f in &n.figures {
        if !matches!(&f.unit, FigureUnit::Count(w) if w == "个") {
            continue;
        }
        let Some((names, span)) = listed(ctx, f) else {
            continue;
        };
        if names.len() < 2 || names.last().is_some_and(|l| l.ends_with('等')) {
            continue;
        }
        sink.checked += 1;
        let count = Decimal::from(names.len());
        if count == f.value {
            continue;
        }
        let joined = names.iter().filter(|s| maybe_two(s)).count();
        let severity = if joined == 0 {
            Severity::Error
        } else if f.value <= count + Decimal::from(joined) && f.value > count {
            continue;
        } else {
            Severity::Warning
        };
        sink.push(
            Diagnostic::new(
                RULE.code,
                RULE.name,
                severity,
                format!(
                    "说明称「{}」{}，但随后列出的名称有 {} 个：{}。",
                    f.subject,
                    printed(f),
                    names.len(),
                    names.join("、")
                ),
                format!(
                    "The text says 「{}」 {}, but names {}: {}.",
                    f.subject,
                    printed(f),
                    names.len(),
                    names.join(", ")
                ),
            )
            .primary(
                f.span,
                format!("{}，列出 {} 个", printed(f), names.len()),
                format!("{}; {} named", printed(f), names.len()),
            )
            .related(
                span,
                format!("列出 {} 个名称", names.len()),
                format!("{} names", names.len()),
            )
            .expected_actual(names.len().to_string(), f.value.to_string())
            .note("所述机构个数 = 所列名称个数 / the stated count equals the names listed"),
        );
    }
    vehicles(ctx, sink);
    equipment(ctx, sink);
}

/// The first count of vehicles whose phrase passes `pred`.
fn vehicle_count<'a>(ctx: &'a Context, pred: impl Fn(&str) -> bool) -> Option<&'a Figure> {
    ctx.doc
        .narrative
        .figures
        .iter()
        .find(|f| matches!(&f.unit, FigureUnit::Count(w) if w == "辆") && pred(&norm(&f.subject)))
}

/// A 三公 cost: from the 三公 table if read, else from the narrative's 三公 section.
fn cost(ctx: &Context, key: Key) -> Option<(Decimal, Span, String)> {
    if let Some(t) = three_targets(ctx, key).into_iter().find(|t| t.strong) {
        return Some((t.printed, t.span, t.what.clone()));
    }
    let n = &ctx.doc.narrative;
    n.figures
        .iter()
        .find(|f| {
            super::common::is_money(f)
                && topic(n, f.section) == Some(Topic::ThreePublic)
                && three_key(&f.subject) == Some(key)
        })
        .map(|f| (f.value, f.span, format!("说明中「{}」", f.subject)))
}

fn vehicles(ctx: &Context, sink: &mut Sink) {
    let buying = |s: &str| {
        ["购置", "购买", "更新", "新增", "安排"]
            .iter()
            .any(|w| s.contains(w))
    };
    let owned = vehicle_count(ctx, |s| {
        (s.ends_with("车辆") || s.ends_with("车辆总数")) && !buying(s)
    });
    let bought = vehicle_count(ctx, |s| s.ends_with("购置车辆"));
    if let (Some(o), Some((run, at, what))) = (owned, cost(ctx, Key::CarRun)) {
        sink.checked += 1;
        if o.value.is_zero() && run > Decimal::ZERO {
            sink.push(vehicle_warning(
                o,
                at,
                &what,
                run,
                "车辆为 0 辆，却安排了公务用车运行费",
                "no vehicles, yet vehicle running costs are budgeted",
            ));
        }
    }
    if let (Some(b), Some((buy, at, what))) = (bought, cost(ctx, Key::CarBuy)) {
        sink.checked += 1;
        let msg = if b.value.is_zero() && buy > Decimal::ZERO {
            Some((
                "安排购置车辆 0 辆，却安排了公务用车购置费",
                "no vehicle purchase, yet a purchase budget",
            ))
        } else if b.value > Decimal::ZERO && buy.is_zero() {
            Some((
                "安排购置车辆，却没有公务用车购置费",
                "vehicles to buy, but no purchase budget",
            ))
        } else {
            None
        };
        if let Some((zh, en)) = msg {
            sink.push(vehicle_warning(b, at, &what, buy, zh, en));
        }
    }
}

fn vehicle_warning(
    count: &Figure,
    at: Span,
    what: &str,
    value: Decimal,
    zh: &str,
    en: &str,
) -> Diagnostic {
    Diagnostic::new(
        RULE.code,
        RULE.name,
        Severity::Warning,
        format!(
            "说明称「{}」{}，而{what}为 {value}：{zh}，请核对。",
            count.subject,
            printed(count)
        ),
        format!(
            "The text says 「{}」 {}, while {what} is {value}: {en}.",
            count.subject,
            printed(count)
        ),
    )
    .primary(count.span, zh.to_string(), en.to_string())
    .related(at, format!("{what} {value}"), format!("{what} {value}"))
    .note("车辆数与车辆经费应相互对应 / vehicle counts and vehicle costs go together")
}

/// The value threshold and the kind of equipment a count is about: "单位价值 50 万元以上大型设备"
/// → (50, "大型设备"); "单价100万元（含）以上设备（不含车辆）" → (100, "设备").
fn equipment_class(subject: &str) -> Option<(Decimal, String)> {
    let s = norm(subject);
    let at = s.find("万元")?;
    let digits: String = s[..at]
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let threshold: Decimal = digits.parse().ok()?;
    let rest = s[at + "万元".len()..]
        .trim_start_matches("（含）")
        .trim_start_matches("(含)");
    let kind = rest.strip_prefix("以上")?.trim_start_matches('的');
    // "设备（不含车辆）": the bracket qualifies the kind.
    let kind = kind.split(['（', '(']).next().unwrap_or_default();
    kind.ends_with("设备")
        .then(|| (threshold, kind.to_string()))
}

/// Equipment above a higher value threshold is part of the equipment above a lower one: in
/// "单位价值 50 万元以上大型设备 0 台，单位价值 100 万元以上大型设备 2 台" (one sentence, the same
/// kind of equipment) the second count cannot exceed the first.
fn equipment(ctx: &Context, sink: &mut Sink) {
    let counts: Vec<(&Figure, Decimal, String)> = ctx
        .doc
        .narrative
        .figures
        .iter()
        .filter(|f| matches!(&f.unit, FigureUnit::Count(w) if w.starts_with('台') || w == "套"))
        .filter_map(|f| equipment_class(&f.subject).map(|(t, k)| (f, t, k)))
        .collect();
    for pair in counts.windows(2) {
        let [(low, low_at, low_kind), (high, high_at, high_kind)] = pair else {
            continue;
        };
        let between = ctx.text.get(low.span.end..high.span.start).unwrap_or("。");
        if high_at <= low_at || high_kind != low_kind || between.contains(['。', '；', ';']) {
            continue;
        }
        sink.checked += 1;
        if high.value <= low.value {
            continue;
        }
        sink.push(
            Diagnostic::new(
                RULE.code,
                RULE.name,
                Severity::Error,
                format!(
                    "「{}」{}，多于「{}」{}：前者是后者的一部分，不能更多。",
                    high.subject,
                    printed(high),
                    low.subject,
                    printed(low)
                ),
                format!(
                    "「{}」 {} exceeds 「{}」 {}, which includes it.",
                    high.subject,
                    printed(high),
                    low.subject,
                    printed(low)
                ),
            )
            .primary(
                high.span,
                format!("{high_at} 万元以上 {}", printed(high)),
                format!("above {high_at} 万元: {}", printed(high)),
            )
            .related(
                low.span,
                format!("{low_at} 万元以上 {}", printed(low)),
                format!("above {low_at} 万元: {}", printed(low)),
            )
            .expected_actual(format!("≤ {}", low.value), high.value.to_string())
            .note("单价较高的设备包含在单价较低的设备之中 / equipment above the higher threshold is part of that above the lower one"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equipment_thresholds_and_kinds() {
        let class = |s: &str| equipment_class(s).map(|(t, k)| (t.to_string(), k));
        assert_eq!(
            class("单位价值 50 万元以上大型设备"),
            Some(("50".into(), "大型设备".into()))
        );
        assert_eq!(
            class("单价100万元（含）以上设备（不含车辆）"),
            Some(("100".into(), "设备".into()))
        );
        assert_eq!(
            class("单位价值 100 万元以上的设备"),
            Some(("100".into(), "设备".into()))
        );
        assert_eq!(class("其他资产价值"), None);
        assert_eq!(class("安排购置 50 万元以上大型车辆"), None);
    }
}
