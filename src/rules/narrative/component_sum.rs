//! N305 component-sum-mismatch: listed components do not add up to their total.

use super::common::{
    figure_yuan, is_change_phrase, norm, printed, show_in, strip_lead, topic, unit_word, Topic,
};
use super::link::{three_key, Key};
use crate::amount::{agree, half_unit, sum_printed, Agreement, Interval};
use crate::diag::{Diagnostic, Severity};
use crate::model::{ComponentList, Figure, FigureUnit, Narrative, RowKind, Span, Table, COST};
use crate::rules::{Context, Family, Rule, RuleDoc, Sink};
use rust_decimal::Decimal;
use std::collections::HashSet;

pub static RULE: Rule = Rule {
    code: "N305",
    name: "component-sum-mismatch",
    family: Family::Narrative,
    doc: RuleDoc {
        summary: "列举的组成部分之和不等于总数",
        summary_en: "Listed components do not add up to their total",
        what: doc_text!("“总数 X，其中：A、B、C”：各部分之和应等于总数。完整列举的构成（政府采购 = 货物 + 工程 + 服务；\
               “三公”经费 = 因公出国（境）费 + 公务用车购置及运行费 + 公务接待费，公务用车购置及运行费 = 购置费 + 运行费；\
               实有人数 = 在职 + 退休 + 离休；车辆按类别；收入按来源；绩效目标表 资金总额 = 财政拨款 + 其他资金）\
               少于或多于总数都是错误；其他列举可能只举了一部分、或各项互相包含（中小企业与其中的小微企业），不符只作提示；\
               其他列举中不止一项等于总数（总数被重述为其中几项），或各项之和不到总数的一成时，列举不是总数的划分，不作判断。\
               只列举主要几项的（“其中主要支出为…”“…等”），各项之和小于总数不作判断，大于总数才提示；\
               总数或某一项前面没有名称（可能是另一年度的数）时，分不清总数与各项，不作判断。\
               按区间算术区分尾差与错误；嵌套的“其中”与绩效目标表中的说明文字不作判断。"),
        why: doc_text!("分项与合计不符，说明至少有一个数印错或漏列了一项。"),
        example: doc_text!("“政府采购预算 2.96 万元，其中：货物 2.86 万元，工程 0.00 万元，服务 0.10 万元”：\
                  2.86 + 0.00 + 0.10 = 2.96，一致；若服务印为 0.20，则合计 3.06，报告为错误。"),
    },
    check,
};

/// The list lies in a 绩效目标表 form: inside the form's region, with no chapter or section
/// heading (一、 / （一）) of the narrative between the form's title and the list. A form's region
/// may run on into the explanation printed after it (wide/121: "八、其他重要事项说明 … （二）政府采购
/// 情况 … 政府采购预算总额 0 万元，其中：…"), whose lists are the narrative's; a numbered line in a
/// form's cell ("1.开展热带病病原体的鉴定…", wide/101) looks like a heading of the third level.
fn in_performance_form(ctx: &Context, l: &ComponentList) -> bool {
    let sections = &ctx.doc.narrative.sections;
    let upto = l.section.map_or(0, |s| s + 1);
    ctx.doc.tables.iter().any(|t| {
        t.kind.is_performance()
            && t.span.start <= l.span.start
            && l.span.end <= t.span.end
            && !sections[..upto]
                .iter()
                .rev()
                .take_while(|s| s.span.start >= t.span.start)
                .any(|s| s.level <= 2)
    })
}

/// The list says it names only some of the total's parts: "其中主要支出为办公费…", or "…等" right
/// after its last figure.
fn names_only_some(text: &str, l: &ComponentList, n: &Narrative) -> bool {
    let (Some(&first), Some(&last)) = (l.items.first(), l.items.last()) else {
        return false;
    };
    let head = text
        .get(l.span.start..n.figures[first].span.start)
        .unwrap_or("");
    let opening = head.rfind("其中").map_or("", |at| &head[at..]);
    let main = opening
        .match_indices("主要")
        .any(|(at, w)| !opening[at + w.len()..].starts_with("原因"));
    let tail = text.get(n.figures[last].span.end..).unwrap_or("");
    main || tail.trim_start().starts_with('等')
}

/// One sum to check: a total figure and its parts, all in one unit.
struct Sum<'a> {
    total: &'a Figure,
    items: Vec<&'a Figure>,
    /// The components named make up the whole total.
    complete: bool,
    what: &'static str,
    span: Span,
    /// The text says it names only the main parts ("其中主要支出为…", "…等").
    partial: bool,
}

/// A figure's value and half unit: money in 元; counts are exact.
fn value(f: &Figure) -> (Decimal, Decimal) {
    match (&f.unit, figure_yuan(f)) {
        (_, Some(y)) => (y.value, y.half),
        (FigureUnit::Count(_), None) => (f.value, Decimal::ZERO),
        _ => (f.value, half_unit(f.value)),
    }
}

/// What a list is, and whether its kind is listed completely.
fn kind_of(total: &Figure, items: &[&Figure]) -> (&'static str, bool) {
    let has = |w: &str| items.iter().any(|f| norm(&f.subject).contains(w));
    let t = norm(&total.subject);
    match &total.unit {
        FigureUnit::Count(w) if w == "人" && (t.contains("实有") || t.contains("人数")) => {
            ("实有人数 = 在职 + 退休 + 离休", has("在职") && has("退休"))
        }
        FigureUnit::Count(w) if w == "辆" => ("车辆总数 = 各类车辆之和", true),
        _ if t.contains("政府采购") && has("货物") && has("服务") => {
            ("政府采购 = 货物 + 工程 + 服务", true)
        }
        _ if three_key(&total.subject) == Some(Key::Total) => ("“三公”经费 = 各项之和", true),
        _ if has("收入") && (t.contains("收入") || t.contains("预算")) => {
            ("收入预算 = 各项收入之和", items.len() >= 3)
        }
        _ => ("合计 = 所列各项之和", false),
    }
}

fn sum_of(items: &[&Figure]) -> (Decimal, Interval) {
    items.iter().fold(
        (Decimal::ZERO, Interval::exact(Decimal::ZERO)),
        |(s, i), f| {
            let (v, h) = value(f);
            (
                s + v,
                i.plus(Interval {
                    lo: v - h,
                    hi: v + h,
                }),
            )
        },
    )
}

fn check(ctx: &Context, sink: &mut Sink) {
    let n = &ctx.doc.narrative;
    let mut sums: Vec<Sum> = Vec::new();
    let mut nested = 0usize;
    let mut unnamed = 0usize;
    let mut list_totals: HashSet<usize> = HashSet::new();
    for l in &n.lists {
        let Some(t) = l.total else {
            continue;
        };
        list_totals.insert(t);
        if topic(n, l.section) == Some(Topic::Performance) {
            continue;
        }
        let text = ctx.text.get(l.span.start..l.span.end).unwrap_or("");
        // A nested "其中", or an item inside brackets ("基本支出 80 万元（人员经费 60 万元…）"),
        // makes the levels of the list unclear.
        let parenthetical = l.items.iter().any(|&i| {
            let at = n.figures[i].span.start;
            let before = ctx
                .text
                .get(l.span.start..at.max(l.span.start))
                .unwrap_or("");
            let open = before.matches(['（', '(']).count();
            let close = before.matches(['）', ')']).count();
            open > close
        });
        if text.matches("其中").count() > 1 || parenthetical {
            nested += 1;
            continue;
        }
        // The text of a 绩效目标表 form is narrative too, but its figures are targets in cells,
        // not a total and its parts (wide/101's 预算表12: "≤ 50万元" cost ceilings after a 22万元).
        if in_performance_form(ctx, l) {
            continue;
        }
        let total = &n.figures[t];
        let items: Vec<&Figure> = l
            .items
            .iter()
            .map(|&i| &n.figures[i])
            .filter(|f| !is_change_phrase(&f.subject) && f.unit == total.unit)
            .collect();
        if items.len() < 2 || is_change_phrase(&total.subject) {
            continue;
        }
        // A figure printed with no words before it ("（509）100151.38 万元，102374.45 万元，其中：
        // 人员经费 138.06万元，124.13 万元，较上年增加13.93万元", wide/124) may be another year's
        // figure of the same thing: which figures are the total and its parts is not said.
        if std::iter::once(total)
            .chain(items.iter().copied())
            .any(|f| strip_lead(&f.subject).is_empty())
        {
            unnamed += 1;
            continue;
        }
        let (what, complete) = kind_of(total, &items);
        sums.push(Sum {
            total,
            items,
            complete,
            what,
            span: l.span,
            partial: names_only_some(ctx.text, l, n),
        });
    }
    three_public(ctx, &list_totals, &mut sums);
    for s in &sums {
        judge(sink, s);
    }
    if nested > 0 {
        sink.skip(format!("{nested} 处列举含嵌套的“其中”，层次不明，未作判断"));
    }
    if unnamed > 0 {
        sink.skip(format!(
            "{unnamed} 处列举中有数字前没有名称（可能是另一年度的数），总数与各项分不清，未作判断"
        ));
    }
    performance_tables(ctx, sink);
}

fn judge(sink: &mut Sink, s: &Sum) {
    sink.checked += 1;
    sink.cover(s.total.span);
    for f in &s.items {
        sink.cover(f.span);
    }
    let (tv, th) = value(s.total);
    let (sum, interval) = sum_of(&s.items);
    let agreement = match agree(tv, sum, interval) {
        // A total printed less precisely than its parts: compare intervals only.
        Agreement::Mismatch
            if Interval {
                lo: tv - th,
                hi: tv + th,
            }
            .intersects(interval) =>
        {
            Agreement::Rounding
        }
        a => a,
    };
    if agreement == Agreement::Exact {
        return;
    }
    // A list not known to make up its total, whose parts cannot be a split of it, says nothing
    // about it: two or more parts each equal to a non-zero total (the total restated among them:
    // wide/123's 6,210.93 + 6,210.93 of 6,210.93), or non-zero parts adding up to less than a tenth
    // of it (wide/124's 33.20 + 16.32 + 7 of 181,716.56). Parts all printed zero still contradict a
    // total that is not, and one part equal to the total beside another non-zero one is a finding.
    if !s.complete && agreement == Agreement::Mismatch {
        let nonzero = s.items.iter().filter(|f| !value(f).0.is_zero()).count();
        let restated = !tv.is_zero() && s.items.iter().filter(|f| value(f).0 == tv).count() > 1;
        let far_below = nonzero > 0 && sum * Decimal::TEN < tv;
        if restated || far_below {
            sink.skip(format!(
                "「{}」后列举的各项不可能是它的划分（其中不止一项与它相等，或各项之和不到它的一成），未作判断",
                s.total.subject
            ));
            return;
        }
    }
    // "其中主要支出为办公费 34.82 万元，…" (wide/128): parts said to be the main ones may add up
    // to less than the total; only more than it is a contradiction.
    if s.partial && agreement == Agreement::Mismatch && sum < tv {
        sink.skip(format!(
            "「{}」后只列举了主要的几项（之和 {sum} 小于总数），未作判断",
            s.total.subject
        ));
        return;
    }
    let severity = match agreement {
        Agreement::Rounding => Severity::Rounding,
        _ if s.complete => Severity::Error,
        _ => Severity::Warning,
    };
    let unit = &s.total.unit;
    let uw = match unit {
        FigureUnit::Count(w) => w.as_str(),
        u => unit_word(u),
    };
    let shown = |v: Decimal| match unit {
        FigureUnit::Yuan | FigureUnit::WanYuan | FigureUnit::YiYuan => show_in(v, unit),
        _ => v.normalize().to_string(),
    };
    let parts: Vec<String> = s.items.iter().map(|f| f.value.to_string()).collect();
    let diff = shown((tv - sum).abs());
    let (verdict, verdict_en) = match severity {
        Severity::Rounding => (
            format!("相差 {diff}{uw}，可由四舍五入解释（尾差）"),
            format!("a difference of {diff} {uw} that rounding explains"),
        ),
        Severity::Warning => (
            format!("相差 {diff}{uw}：所列各项可能并非总数的完整划分，请核对"),
            format!("{diff} {uw} apart: the items may not be a complete split of the total"),
        ),
        _ => (
            format!("相差 {diff}{uw}，不能由四舍五入解释"),
            format!("a difference of {diff} {uw} that rounding cannot explain"),
        ),
    };
    let mut d = Diagnostic::new(
        RULE.code,
        RULE.name,
        severity,
        format!(
            "「{}」为 {}，而所列各项 {} 之和为 {}{uw}：{verdict}。",
            s.total.subject,
            printed(s.total),
            parts.join(" + "),
            shown(sum)
        ),
        format!(
            "「{}」 is {}, but the listed parts {} add up to {} {uw}: {verdict_en}.",
            s.total.subject,
            printed(s.total),
            parts.join(" + "),
            shown(sum)
        ),
    )
    .primary(
        s.total.span,
        format!("{}，各项之和 {}{uw}", printed(s.total), shown(sum)),
        format!("{}; parts add up to {} {uw}", printed(s.total), shown(sum)),
    )
    .expected_actual(shown(sum), s.total.value.to_string());
    for f in &s.items {
        d = d.related(
            f.span,
            format!("{} {}", strip_lead(&f.subject), printed(f)),
            format!("{} {}", strip_lead(&f.subject), printed(f)),
        );
    }
    let _ = s.span;
    sink.push(d.note(format!("{} / the listed parts add up to the total", s.what)));
}

/// The 三公 statement of the narrative, when the reader did not take it as a list: “三公”经费 =
/// 因公出国（境）费 + 公务用车购置及运行费 + 公务接待费, and 公务用车购置及运行费 = 购置费 + 运行费,
/// when each item is quoted exactly once in the section.
fn three_public<'a>(ctx: &'a Context, list_totals: &HashSet<usize>, sums: &mut Vec<Sum<'a>>) {
    let n = &ctx.doc.narrative;
    type Found = Vec<(Key, usize)>;
    let mut by_section: Vec<(Option<usize>, Found)> = Vec::new();
    for (i, f) in n.figures.iter().enumerate() {
        if figure_yuan(f).is_none()
            || is_change_phrase(&f.subject)
            || topic(n, f.section) != Some(Topic::ThreePublic)
        {
            continue;
        }
        let Some(k) = three_key(&f.subject) else {
            continue;
        };
        match by_section.iter_mut().find(|(s, _)| *s == f.section) {
            Some((_, v)) => v.push((k, i)),
            None => by_section.push((f.section, vec![(k, i)])),
        }
    }
    for (_, found) in by_section {
        let one = |k: Key| {
            let v: Vec<usize> = found
                .iter()
                .filter(|(x, _)| *x == k)
                .map(|(_, i)| *i)
                .collect();
            (v.len() == 1).then(|| v[0])
        };
        let (Some(total), Some(abroad), Some(car), Some(reception)) = (
            one(Key::Total),
            one(Key::Abroad),
            one(Key::CarBoth),
            one(Key::Reception),
        ) else {
            continue;
        };
        if !list_totals.contains(&total) {
            sums.push(Sum {
                total: &n.figures[total],
                items: vec![&n.figures[abroad], &n.figures[car], &n.figures[reception]],
                complete: true,
                what: "“三公”经费 = 因公出国（境）费 + 公务用车购置及运行费 + 公务接待费",
                span: n.figures[total].span,
                partial: false,
            });
        }
        if let (Some(buy), Some(run)) = (one(Key::CarBuy), one(Key::CarRun)) {
            if !list_totals.contains(&car) {
                sums.push(Sum {
                    total: &n.figures[car],
                    items: vec![&n.figures[buy], &n.figures[run]],
                    complete: true,
                    what: "公务用车购置及运行费 = 购置费 + 运行费",
                    span: n.figures[car].span,
                    partial: false,
                });
            }
        }
    }
}

/// The funding of the 绩效目标表: 资金总额 / 年度预算总额 = the sources listed below it.
fn performance_tables(ctx: &Context, sink: &mut Sink) {
    for t in ctx.read_tables().filter(|t| t.kind.is_performance()) {
        let Some(total) = t.rows.iter().find(|r| r.kind == RowKind::Total) else {
            continue;
        };
        // The sources, not the cost ceilings (another breakdown, N307's).
        let items: Vec<_> = t
            .rows
            .iter()
            .filter(|r| r.kind == RowKind::Item && r.label != COST)
            .collect();
        if items.len() < 2 || total.cell(0).is_none() {
            continue;
        }
        sink.checked += 1;
        let (tv, _) = total.value_or_zero(0);
        let (sum, interval) = sum_printed(items.iter().map(|r| r.value_or_zero(0)));
        let agreement = agree(tv, sum, interval);
        if agreement == Agreement::Exact {
            continue;
        }
        sink.push(table_diagnostic(t, total, &items, sum, agreement));
    }
}

fn table_diagnostic(
    t: &Table,
    total: &crate::model::Row,
    items: &[&crate::model::Row],
    sum: Decimal,
    agreement: Agreement,
) -> Diagnostic {
    let name = match &t.subject {
        Some(s) => format!("{}（{s}）", Context::table_name(t)),
        None => Context::table_name(t),
    };
    let (tv, _) = total.value_or_zero(0);
    let severity = if agreement == Agreement::Rounding {
        Severity::Rounding
    } else {
        Severity::Error
    };
    let parts: Vec<String> = items
        .iter()
        .map(|r| format!("{} {}", r.label, r.value_or_zero(0).0))
        .collect();
    let mut d = Diagnostic::new(
        RULE.code,
        RULE.name,
        severity,
        format!(
            "{name}「{}」为 {tv}，而 {} 之和为 {sum}（相差 {}）。",
            total.label,
            parts.join(" + "),
            (tv - sum).abs()
        ),
        format!(
            "{name}: 「{}」 is {tv}, but {} add up to {sum} (difference {}).",
            total.label,
            parts.join(" + "),
            (tv - sum).abs()
        ),
    )
    .primary(
        total.cell(0).map_or(total.label_span, |c| c.span),
        format!("{tv}，资金来源之和 {sum}"),
        format!("{tv}; sources add up to {sum}"),
    )
    .expected_actual(sum.to_string(), tv.to_string());
    for r in items {
        if let Some(c) = r.cell(0) {
            d = d.related(
                c.span,
                format!("{} {}", r.label, c.value),
                format!("{} {}", r.label, c.value),
            );
        }
    }
    d.note("绩效目标表 资金总额 = 各资金来源之和 / performance funding total = its sources")
}
