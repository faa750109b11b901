//! S503 scope-wording: 部门 / 单位 wording that does not fit whether the document is a department's
//! or a unit's budget.

use super::text::{before, years, Flow};
use crate::diag::{Diagnostic, Severity};
use crate::model::Scope;
use crate::rules::{Context, Family, Rule, RuleDoc, Sink};
use crate::source::Span;
use crate::syntax::titles::normalize_title;

pub static RULE: Rule = Rule {
    code: "S503",
    name: "scope-wording",
    family: Family::Consistency,
    doc: RuleDoc {
        summary: "“部门”与“单位”的用语与文件性质不符",
        summary_en: "部门 / 单位 wording that does not fit a department's or a unit's document",
        what: doc_text!("部门预算（含所属单位）与单位预算（一个预算单位）用语不同：表名（“部门收支总体情况表”/“单位收支总体情况表”\
               “2026年预算单位……预算表”）、标题和正文中的“2025年部门预算”“单位预算编制说明”等，应与文件性质一致；\
               不一致的报告为警告。自称“本部门”“本单位”与文件性质不符的，报告为提示（部门本身也是一个单位，\
               但同一文件中应统一）。“部门预算经济分类”是科目名称，不计。"),
        why: doc_text!("表名和标题的用语错了，说明套用了另一种模板，读者会误解公开的范围（是否含下属单位）。"),
        example: doc_text!("单位预算的第二张表题为“部门收入总体情况表”，而文件标题与其余各表都称“单位”：报告该表名。"),
    },
    check,
};

fn word(scope: Scope) -> &'static str {
    match scope {
        Scope::Department => "部门",
        Scope::Unit => "单位",
    }
}

/// The scope a phrase begins with: 部门 / 区级部门 or 单位 / 预算单位.
fn scope_at(s: &str) -> Option<(Scope, usize)> {
    for (w, sc) in [
        ("区级部门", Scope::Department),
        ("部门", Scope::Department),
        ("预算单位", Scope::Unit),
        ("单位", Scope::Unit),
    ] {
        if s.starts_with(w) {
            return Some((sc, w.len()));
        }
    }
    None
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some(scope) = ctx.doc.facts.scope.as_ref() else {
        sink.skip("未能确定文件是部门预算还是单位预算".to_string());
        return;
    };
    let expected = scope.value;
    let mut wrong: Vec<(Span, String)> = Vec::new();
    // Table titles: the scope word right after the numbering and year.
    for t in &ctx.doc.tables {
        let f = Flow::of(ctx.text, t.title_span.start, t.title_span.end);
        let norm = normalize_title(&f.s);
        let rest = strip_year(&norm);
        let Some((sc, len)) = scope_at(rest) else {
            continue;
        };
        sink.checked += 1;
        if sc != expected {
            let at = f.s.find(&rest[..len]).unwrap_or(0);
            wrong.push((f.span(at, at + len), format!("表名「{}」", t.title)));
        }
    }
    // "2025年单位预算", "2024年度部门决算" anywhere outside the tables, and headings such as
    // "四、单位预算编制说明".
    let flow = ctx.prose();
    let s = flow.s.as_str();
    for (_, ys, ye) in years(s) {
        let after = &s[ye..];
        let Some((sc, len)) = scope_at(after) else {
            continue;
        };
        if !(after[len..].starts_with("预算") || after[len..].starts_with("决算")) {
            continue;
        }
        sink.checked += 1;
        if sc != expected {
            wrong.push((
                flow.span(ye, ye + len),
                format!("「{}」", &s[ys..(ye + len + "预算".len()).min(s.len())]),
            ));
        }
    }
    for sec in &ctx.doc.narrative.sections {
        let f = Flow::of(ctx.text, sec.span.start, sec.span.end);
        let norm = normalize_title(&f.s);
        if years(&norm).first().is_some_and(|y| y.1 == 0) {
            continue; // counted above with its year
        }
        let Some((sc, len)) = scope_at(&norm) else {
            continue;
        };
        let tail = &norm[len..];
        if !(tail.starts_with("预算") || tail.starts_with("决算")) || tail.contains('：') {
            continue;
        }
        sink.checked += 1;
        if sc != expected {
            let at = f.s.find(&norm[..len]).unwrap_or(0);
            wrong.push((f.span(at, at + len), format!("标题「{}」", f.s)));
        }
    }
    crate::order::sort_by_key(&mut wrong, |w| w.0);
    wrong.dedup_by_key(|w| w.0);
    let (good, bad) = (word(expected), word(other(expected)));
    if !wrong.is_empty() {
        let list = wrong
            .iter()
            .map(|w| w.1.as_str())
            .collect::<Vec<_>>()
            .join("、");
        let mut d = Diagnostic::new(
            RULE.code,
            RULE.name,
            Severity::Warning,
            format!(
                "本文是{good}预算（决算），但有 {} 处用了“{bad}”：{list}。",
                wrong.len()
            ),
            format!(
                "This is a {} document, but {} place(s) say {bad}: {list}.",
                en(expected),
                wrong.len()
            ),
        )
        .primary(
            wrong[0].0,
            format!("应为“{good}”"),
            format!("should be {good}"),
        )
        .expected_actual(good, bad);
        for w in &wrong[1..] {
            d = d.related(w.0, format!("同样用了“{bad}”"), format!("also {bad}"));
        }
        d = d
            .related(scope.span, format!("文件标题称“{good}”"), format!("the title says {good}"))
            .note("部门预算含所属单位，单位预算只含本单位：表名、标题用语应与之一致 / titles say 部门 or 单位 as the document is");
        sink.push(d);
    }
    // Self-references: "本单位" in a department's document, "本部门" in a unit's.
    let self_bad = format!("本{bad}");
    let self_good = format!("本{good}");
    let whole = Flow::of(ctx.text, 0, ctx.text.len());
    let bad_at = whole.find_all(&self_bad);
    let good_n = whole.find_all(&self_good).len();
    sink.checked += bad_at.len() + good_n;
    // "本单位" inside 本单位名称 etc. is fine only in a unit's document; in "部门（单位）" glossary
    // definitions it does not occur.
    let bad_at: Vec<usize> = bad_at
        .into_iter()
        .filter(|&i| !before(&whole.s, i, 1).ends_with('（'))
        .collect();
    if !bad_at.is_empty() {
        let mut d = Diagnostic::new(
            RULE.code,
            RULE.name,
            Severity::Info,
            format!(
                "本文是{good}预算（决算），{} 处自称“{self_bad}”{}。",
                bad_at.len(),
                if good_n > 0 {
                    format!("，另 {good_n} 处称“{self_good}”，前后不一")
                } else {
                    String::new()
                }
            ),
            format!(
                "A {} document calls itself {self_bad} in {} place(s).",
                en(expected),
                bad_at.len()
            ),
        )
        .primary(
            whole.span(bad_at[0], bad_at[0] + self_bad.len()),
            format!("宜作“{self_good}”"),
            format!("{self_good} expected"),
        );
        for &i in &bad_at[1..] {
            d = d.related(
                whole.span(i, i + self_bad.len()),
                format!("同样自称“{self_bad}”"),
                format!("also {self_bad}"),
            );
        }
        d = d.note("同一文件中自称应统一，并与部门/单位预算的性质一致 / one self-reference, fitting the document");
        sink.push(d);
    }
}

fn other(s: Scope) -> Scope {
    match s {
        Scope::Department => Scope::Unit,
        Scope::Unit => Scope::Department,
    }
}

fn en(s: Scope) -> &'static str {
    match s {
        Scope::Department => "department",
        Scope::Unit => "unit",
    }
}

/// "2026年部门…" → "部门…".
fn strip_year(s: &str) -> &str {
    let d = s.bytes().take_while(u8::is_ascii_digit).count();
    if d == 4 {
        let r = &s[4..];
        let r = r.strip_prefix('年').unwrap_or(r);
        return r.strip_prefix('度').unwrap_or(r);
    }
    s
}
