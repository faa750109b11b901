//! The comparison engine of the X family.
//!
//! Every rule of the family states its identities as [`Group`]s (figures of several tables that
//! must be equal) and [`Bound`]s (a part that cannot exceed its whole). The engine evaluates them
//! all at once with interval arithmetic, so that one wrong figure is reported once:
//!
//! - in a group, the figures that agree form the consensus and the odd one out is judged wrong
//!   (with two figures, the one its own table's arithmetic does not back; else the rule's order);
//! - a difference that recurs in the totals above the wrong figure, in the same table and column,
//!   is folded into the finding of that figure;
//! - several columns of one row judged wrong together are one finding;
//! - a figure judged wrong by several identities (of any rule of the family) is one finding, in
//!   the rule of the first.

use super::common::{compare, Figure, Verdict};
use crate::diag::{Diagnostic, Severity};
use crate::model::{Row, TableKind};
use crate::rules::{Context, Sink};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// Figures of several tables that must be equal.
pub(super) struct Group<'a> {
    pub rule: &'static str,
    /// The rule a finding belongs to when the figure judged wrong is in a table of this kind.
    pub by_kind: Vec<(TableKind, &'static str)>,
    /// Most trusted first: with no majority and no other evidence, the last is judged wrong.
    pub figures: Vec<Figure<'a>>,
    /// The identity, in Chinese and English.
    pub note: String,
}

/// A part that cannot exceed its whole.
pub(super) struct Bound<'a> {
    pub rule: &'static str,
    pub part: Figure<'a>,
    pub whole: Figure<'a>,
    pub note: String,
}

/// What the rules of the family state about a document.
#[derive(Default)]
pub(super) struct Collector<'a> {
    pub groups: Vec<Group<'a>>,
    pub bounds: Vec<Bound<'a>>,
    pub skipped: Vec<(&'static str, String)>,
}

impl<'a> Collector<'a> {
    pub fn skip(&mut self, rule: &'static str, reason: Option<String>) {
        if let Some(r) = reason {
            self.skipped.push((rule, r));
        }
    }

    /// Adds a group of the figures that are there (at least two make an identity).
    pub fn group(
        &mut self,
        rule: &'static str,
        by_kind: &[(TableKind, &'static str)],
        figures: Vec<Option<Figure<'a>>>,
        note: impl Into<String>,
    ) {
        let figures: Vec<Figure<'a>> = figures.into_iter().flatten().collect();
        if figures.len() < 2 {
            return;
        }
        self.groups.push(Group {
            rule,
            by_kind: by_kind.to_vec(),
            figures,
            note: note.into(),
        });
    }

    pub fn bound(
        &mut self,
        rule: &'static str,
        part: Option<Figure<'a>>,
        whole: Option<Figure<'a>>,
        note: impl Into<String>,
    ) {
        if let (Some(part), Some(whole)) = (part, whole) {
            if part.cells.is_empty() && whole.cells.is_empty() {
                return;
            }
            self.bounds.push(Bound {
                rule,
                part,
                whole,
                note: note.into(),
            });
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Decided {
    /// Most figures agree.
    Majority,
    /// As many on each side; the wrong one's own table does not add up.
    Support,
    /// As many on each side, nothing to tell them apart.
    Undecided,
    /// As many on each side; the same difference in the totals above tells which.
    Cascade,
}

struct Finding<'a> {
    rule: &'static str,
    primary: Figure<'a>,
    /// The figures it disagrees with.
    agree: Vec<Figure<'a>>,
    /// Expected value, in 元.
    expected: Decimal,
    /// primary − expected, in 元.
    deviation: Decimal,
    severity: Severity,
    decided: Decided,
    bound: bool,
    note: String,
    consequences: Vec<Figure<'a>>,
    also: Vec<Finding<'a>>,
}

/// The outcome of the whole family on a document.
struct Outcome<'a> {
    findings: Vec<Finding<'a>>,
    checked: BTreeMap<&'static str, usize>,
    skipped: Vec<(&'static str, String)>,
}

fn evaluate<'a>(c: Collector<'a>) -> Outcome<'a> {
    let mut checked: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut skipped = c.skipped;
    let mut equal: Vec<Finding<'a>> = Vec::new();
    for g in c.groups {
        *checked.entry(g.rule).or_default() += 1;
        evaluate_group(g, &mut equal, &mut skipped);
    }
    let mut bounds: Vec<Finding<'a>> = Vec::new();
    for b in c.bounds {
        *checked.entry(b.rule).or_default() += 1;
        evaluate_bound(b, &mut bounds, &mut skipped);
    }
    let equal = settle_ties(equal);
    let mut findings = fold_cascades(equal);
    findings.extend(fold_cascades(bounds));
    let findings = merge_places(findings);
    Outcome {
        findings,
        checked,
        skipped,
    }
}

fn evaluate_group<'a>(
    g: Group<'a>,
    out: &mut Vec<Finding<'a>>,
    skipped: &mut Vec<(&'static str, String)>,
) {
    let figs = &g.figures;
    let mut classes: Vec<Vec<usize>> = Vec::new();
    for i in 0..figs.len() {
        match classes
            .iter_mut()
            .find(|c| compare(&figs[c[0]], &figs[i]) == Verdict::Consistent)
        {
            Some(c) => c.push(i),
            None => classes.push(vec![i]),
        }
    }
    if classes.len() < 2 {
        return;
    }
    // The consensus: the largest class; between equals, the one its tables' arithmetic backs; then
    // the most trusted.
    let score = |c: &Vec<usize>| -> (usize, i32, usize) {
        let support: i32 = c
            .iter()
            .map(|&i| match figs[i].support() {
                Some(true) => 1,
                Some(false) => -1,
                None => 0,
            })
            .sum::<i32>();
        (c.len(), support, usize::MAX - c[0])
    };
    let mut order: Vec<usize> = (0..classes.len()).collect();
    crate::order::sort_by_key(&mut order, |&k| std::cmp::Reverse(score(&classes[k])));
    let best = order[0];
    let (s0, s1) = (score(&classes[best]), score(&classes[order[1]]));
    let decided = if s0.0 > s1.0 {
        Decided::Majority
    } else if s0.1 > s1.1 {
        Decided::Support
    } else {
        Decided::Undecided
    };
    let rep = &figs[classes[best][0]];
    let agree: Vec<Figure<'a>> = classes[best].iter().map(|&i| figs[i].clone()).collect();
    for (k, class) in classes.iter().enumerate() {
        if k == best {
            continue;
        }
        for &i in class {
            let f = &figs[i];
            let rule = g
                .by_kind
                .iter()
                .find(|(kind, _)| *kind == f.table.kind)
                .map_or(g.rule, |(_, r)| *r);
            if f.ambiguous || agree.iter().all(|a| a.ambiguous) {
                skipped.push((
                    rule,
                    format!(
                        "{} 与 {} 不一致，但表中数字所在的列不能确定，未作判断",
                        f.what(),
                        rep.what()
                    ),
                ));
                continue;
            }
            let severity = match compare(f, rep) {
                Verdict::Rounding => Severity::Rounding,
                _ => Severity::Error,
            };
            out.push(Finding {
                rule,
                primary: f.clone(),
                agree: agree.clone(),
                expected: rep.value,
                deviation: f.value - rep.value,
                severity,
                decided,
                bound: false,
                note: g.note.clone(),
                consequences: Vec::new(),
                also: Vec::new(),
            });
        }
    }
}

fn evaluate_bound<'a>(
    b: Bound<'a>,
    out: &mut Vec<Finding<'a>>,
    skipped: &mut Vec<(&'static str, String)>,
) {
    if b.part.value <= b.whole.value || compare(&b.part, &b.whole) == Verdict::Consistent {
        return;
    }
    if b.part.ambiguous || b.whole.ambiguous {
        skipped.push((
            b.rule,
            format!(
                "{} 大于 {}，但表中数字所在的列不能确定，未作判断",
                b.part.what(),
                b.whole.what()
            ),
        ));
        return;
    }
    // Could the true amounts still satisfy part ≤ whole?
    let severity = if b.part.interval.lo < b.whole.interval.hi {
        Severity::Rounding
    } else {
        Severity::Error
    };
    out.push(Finding {
        rule: b.rule,
        expected: b.part.value,
        deviation: b.whole.value - b.part.value,
        primary: b.whole,
        agree: vec![b.part],
        severity,
        decided: Decided::Majority,
        bound: true,
        note: b.note,
        consequences: Vec::new(),
        also: Vec::new(),
    });
}

/// A tie between two figures that the totals above settle: when the total above one of them is
/// judged wrong by the same difference, that one is the wrong figure (the error at 项 level that
/// recurs in 款, 类 and 总计 of the same table).
fn settle_ties(found: Vec<Finding>) -> Vec<Finding> {
    let decided: Vec<(usize, bool)> = found
        .iter()
        .enumerate()
        .map(|(i, f)| (i, f.decided != Decided::Undecided))
        .collect();
    let mut flips: Vec<usize> = Vec::new();
    for (i, f) in found.iter().enumerate() {
        if f.decided != Decided::Undecided || f.agree.len() != 1 {
            continue;
        }
        let other = &f.agree[0];
        let settled = decided.iter().any(|&(j, ok)| {
            ok && j != i && under(other, &found[j].primary) && found[j].deviation == -f.deviation
        });
        if settled {
            flips.push(i);
        }
    }
    found
        .into_iter()
        .enumerate()
        .map(|(i, mut f)| {
            if flips.contains(&i) {
                let Some(other) = f.agree.pop() else {
                    return f;
                };
                let was = std::mem::replace(&mut f.primary, other);
                f.agree.push(was);
                f.expected = f.agree[0].value;
                f.deviation = -f.deviation;
                f.decided = Decided::Cascade;
                f.severity = match compare(&f.primary, &f.agree[0]) {
                    Verdict::Rounding => Severity::Rounding,
                    _ => Severity::Error,
                };
            }
            f
        })
        .collect()
}

fn depth(f: &Figure) -> usize {
    if f.total {
        0
    } else {
        f.code.as_ref().map_or(0, String::len)
    }
}

/// True when `deep` lies strictly below `high` in the same table, side and column.
fn under(deep: &Figure, high: &Figure) -> bool {
    if !std::ptr::eq(deep.table, high.table) || deep.side != high.side || deep.col != high.col {
        return false;
    }
    if deep.col.is_none() {
        return false;
    }
    match (deep.code.as_deref(), high.code.as_deref()) {
        (Some(d), _) if high.total => !d.is_empty(),
        (Some(d), Some(h)) => d.len() > h.len() && d.starts_with(h),
        _ => false,
    }
}

/// A difference that recurs in the totals above the figure judged wrong is that figure's.
fn fold_cascades(mut found: Vec<Finding>) -> Vec<Finding> {
    crate::order::sort_by_key(&mut found, |f| std::cmp::Reverse(depth(&f.primary)));
    let mut roots: Vec<Finding> = Vec::new();
    for f in found {
        let below: Vec<usize> = (0..roots.len())
            .filter(|&k| under(&roots[k].primary, &f.primary))
            .collect();
        let mut seen: Vec<(Option<String>, Decimal)> = Vec::new();
        let mut total = Decimal::ZERO;
        for &k in &below {
            let key = (roots[k].primary.code.clone(), roots[k].deviation);
            if !seen.contains(&key) {
                total += roots[k].deviation;
                seen.push(key);
            }
        }
        if !below.is_empty() && total == f.deviation {
            let root = &mut roots[below[0]];
            root.consequences.push(f.primary);
        } else {
            roots.push(f);
        }
    }
    roots
}

fn row_ptr(r: Option<&Row>) -> Option<*const Row> {
    r.map(|r| r as *const Row)
}

/// One row judged wrong in several columns, or one figure judged wrong by several identities, is
/// one finding.
fn merge_places(found: Vec<Finding>) -> Vec<Finding> {
    let mut out: Vec<Finding> = Vec::new();
    for f in found {
        let host = out.iter_mut().find(|o| {
            let same_row = o.primary.row.is_some()
                && std::ptr::eq(o.primary.table, f.primary.table)
                && row_ptr(o.primary.row) == row_ptr(f.primary.row)
                && !o.primary.derived
                && !f.primary.derived;
            same_row || o.primary.span == f.primary.span
        });
        match host {
            Some(h) => {
                // Point at a printed figure rather than at a row without one.
                let mut f = f;
                if h.primary.cells.is_empty() && !f.primary.cells.is_empty() {
                    std::mem::swap(h, &mut f);
                    h.also.append(&mut f.also);
                }
                h.also.push(f);
            }
            None => out.push(f),
        }
    }
    out
}

fn list(figs: &[Figure]) -> String {
    figs.iter()
        .map(|f| format!("{}（{}）", f.what(), f.shown()))
        .collect::<Vec<_>>()
        .join("、")
}

fn list_en(figs: &[Figure]) -> String {
    figs.iter()
        .map(|f| format!("{} ({})", f.what_en(), f.shown()))
        .collect::<Vec<_>>()
        .join(", ")
}

fn amount(f: &Figure, yuan: Decimal) -> String {
    f.amount(yuan)
}

/// Related labels for a figure: each printed cell, or where the table says it has none.
fn related<'a>(mut d: Diagnostic, f: &Figure<'a>, prefix: &str, prefix_en: &str) -> Diagnostic {
    if f.cells.is_empty() {
        return d.related(
            f.span,
            format!("{prefix}{}：0", f.what()),
            format!("{prefix_en}{}: 0", f.what_en()),
        );
    }
    for c in &f.cells {
        d = d.related(
            c.span,
            format!("{prefix}{} {}", f.what(), c.value),
            format!("{prefix_en}{} {}", f.what_en(), c.value),
        );
    }
    d
}

fn diagnostic(code: &'static str, name: &'static str, f: &Finding) -> Diagnostic {
    // A figure without a printed cell (a missing row, an empty table) shows amounts at the
    // precision of what it is compared with.
    let mut shown = f.primary.clone();
    if shown.cells.is_empty() {
        shown.scale = f.agree.iter().map(|a| a.scale).max().unwrap_or(0);
    }
    let p = &shown;
    let diff = amount(p, f.deviation.abs());
    let expected = amount(p, f.expected);
    let (verdict, verdict_en) = match f.severity {
        Severity::Rounding => ("可由四舍五入解释（尾差）", "a difference rounding explains"),
        _ => ("不能由四舍五入解释", "a difference rounding cannot explain"),
    };
    let (message, message_en) = if f.bound {
        let part = &f.agree[0];
        (
            format!(
                "{} 为 {}，小于其组成部分 {} 的 {}（差 {diff}），{verdict}。",
                p.what(),
                p.shown(),
                part.what(),
                part.shown()
            ),
            format!(
                "{} is {}, less than its part {} ({}); {verdict_en} ({diff}).",
                p.what_en(),
                p.shown(),
                part.what_en(),
                part.shown()
            ),
        )
    } else {
        (
            format!(
                "{} 为 {}，与 {} 不一致（相差 {diff}），{verdict}。",
                p.what(),
                p.shown(),
                list(&f.agree)
            ),
            format!(
                "{} is {}, but {} ({verdict_en}: {diff}).",
                p.what_en(),
                p.shown(),
                list_en(&f.agree)
            ),
        )
    };
    let severity = std::iter::once(f.severity)
        .chain(f.also.iter().map(|a| a.severity))
        .max()
        .unwrap_or(f.severity);
    let (pl, pl_en) = if p.cells.is_empty() {
        (
            format!("{}：应为 {expected}", p.what()),
            format!("{}: expected {expected}", p.what_en()),
        )
    } else if f.bound {
        (
            format!("{}，不应小于 {expected}", p.shown()),
            format!("{}; cannot be less than {expected}", p.shown()),
        )
    } else {
        (
            format!("{}，应为 {expected}", p.shown()),
            format!("{}; expected {expected}", p.shown()),
        )
    };
    let mut d = Diagnostic::new(code, name, severity, message, message_en)
        .primary(p.span, pl, pl_en)
        .expected_actual(expected.clone(), p.printed.to_string())
        .note(f.note.clone());
    // The other printed cells of a derived figure judged wrong.
    if p.cells.len() > 1 {
        for c in &p.cells[1..] {
            d = d.related(
                c.span,
                format!("{} {}", p.what(), c.value),
                format!("{} {}", p.what_en(), c.value),
            );
        }
    }
    for a in &f.agree {
        d = related(d, a, "", "");
    }
    for c in &f.consequences {
        d = d.related(
            c.span,
            format!("因此 {} 同样相差 {diff}", c.what()),
            format!("hence {} is off by {diff} too", c.what_en()),
        );
    }
    for a in &f.also {
        let e = amount(&a.primary, a.expected);
        let (pre, pre_en) = if a.primary.span == p.span {
            ("另：", "also: ")
        } else {
            ("同一行：", "same row: ")
        };
        let (m, m_en) = if a.bound {
            let part = &a.agree[0];
            (
                format!(
                    "{pre}{} 为 {}，小于其组成部分 {}（{}）",
                    a.primary.what(),
                    a.primary.shown(),
                    part.what(),
                    part.shown()
                ),
                format!(
                    "{pre_en}{} is {}, less than its part {} ({})",
                    a.primary.what_en(),
                    a.primary.shown(),
                    part.what_en(),
                    part.shown()
                ),
            )
        } else {
            (
                format!(
                    "{pre}{} 为 {}，应为 {e}",
                    a.primary.what(),
                    a.primary.shown()
                ),
                format!(
                    "{pre_en}{} is {}; expected {e}",
                    a.primary.what_en(),
                    a.primary.shown()
                ),
            )
        };
        d = d.related(a.primary.span, m, m_en);
        for x in &a.agree {
            d = related(d, x, "", "");
        }
        for c in &a.consequences {
            d = d.related(
                c.span,
                format!("因此 {} 同样不一致", c.what()),
                format!("hence {} disagrees too", c.what_en()),
            );
        }
        if a.note != f.note {
            d = d.note(a.note.clone());
        }
    }
    if !f.consequences.is_empty() {
        d = d.note(format!(
            "同一差异在其上 {} 处合计中重现，已并入本条 / the same difference recurs in {} totals above, folded into this finding",
            f.consequences.len(),
            f.consequences.len()
        ));
    }
    let units: Vec<_> = std::iter::once(p)
        .chain(f.agree.iter())
        .filter_map(|x| x.unit)
        .collect();
    if units.windows(2).any(|w| w[0] != w[1]) {
        d = d.note(
            "各表金额单位不同，已按 1 万元 = 10000 元 换算后比较 / tables differ in unit; compared after converting 1 万元 = 10000 元",
        );
    }
    match f.decided {
        Decided::Majority => {}
        Decided::Support => {
            d = d.note("两方数字一样多；与之比较的数与其所在表的上下级加总一致，据此判断本数有误 / as many figures on each side; the figures it is compared with add up within their own tables, so this one is judged wrong");
        }
        Decided::Cascade => {
            d = d.note("两方数字一样多；本表其上各级合计与其他表相差同一数额，据此判断本数有误 / as many figures on each side; the totals above it in its table differ from the other tables by the same amount, so this one is judged wrong");
        }
        Decided::Undecided => {
            d = d.note("两方数字一样多且各自与本表加总一致，无法确定哪一方有误 / as many figures on each side, each consistent within its table: which one is wrong cannot be told");
        }
    }
    d
}

type Builder = for<'a> fn(&Context<'a>, &mut Collector<'a>);

/// Runs every identity of the family and reports the findings, coverage and skips of one rule.
pub(super) fn report(
    ctx: &Context,
    sink: &mut Sink,
    code: &'static str,
    name: &'static str,
    builders: &[Builder],
) {
    let mut c = Collector::default();
    for b in builders {
        b(ctx, &mut c);
    }
    let outcome = evaluate(c);
    sink.checked += outcome.checked.get(code).copied().unwrap_or(0);
    for (rule, reason) in outcome.skipped {
        if rule == code {
            sink.skip(reason);
        }
    }
    for f in outcome.findings.iter().filter(|f| f.rule == code) {
        sink.push(diagnostic(code, name, f));
    }
}
