//! K601 code-name-mismatch: a classification code printed with a name that is not its name in the
//! document's fiscal year.

use super::mentions::mentions;
use super::{coded_rows, is_header_word};
use crate::classification::{self, check_name, covered_years, Entry, NameCheck, Scheme};
use crate::diag::{Diagnostic, Severity};
use crate::rules::consistency::text::Flow;
use crate::rules::{Context, Family, Rule, RuleDoc, Sink};
use crate::source::Span;

pub static RULE: Rule = Rule {
    code: "K601",
    name: "code-name-mismatch",
    family: Family::Classification,
    doc: RuleDoc {
        summary: "科目编码与名称不符（含已停用的旧名称）",
        summary_en: "A classification code carries a name that is not its name for the fiscal year",
        what: doc_text!("逐行核对表中每个科目编码所印的名称是否为该编码在本文件预算年度《政府收支分类科目》中的名称；\
               说明部分“医疗卫生与计划生育支出（210类）”“行政运行（项）”一类的引用也按同样方法核对。\
               只差全角/半角标点或空格的不算不符；以预算单位命名的行（“302 无锡市发展和改革委员会”，印的是单位编码）不是科目，不核对。区分三种情况：印的是该编码在其他年度的名称（如 2019 年起已改名的旧名称）；\
               印的名称从来不是该编码的名称；该编码在本年度不存在。\
               严重程度：旧名称且目录两端年份与来源都已确认时为“错误”（该编码在该年度不可能叫这个名字）；\
               改名年份未确定（yr?）或目录条目未经公开目录核对时降为“警告”，并在消息中说明；\
               名称与目录不同为“警告”，目录条目未经核对时为“提示”。\
               表内读出的名称若只是目录名称的前段或后段（跨页、换行截断），或是表头词被误挂到编码上，不作判断。\
               说明中的引用只核对旧名称（自由行文的简称不算不符）。同一名称多处出现合为一条；\
               同一张表中三个以上编码名称不符的合为一条（疑为自编的科目顺序）。"),
        why: doc_text!("科目名称随年度目录调整，套用旧模板会留下旧名称；同一编码前后名称不一，读者无法确认资金的实际用途。"),
        example: doc_text!("2026 年预算说明写“医疗卫生与计划生育支出（210类）”，而 210 自 2019 年起名为“卫生健康支出”，\
                  且本文表中也印作“卫生健康支出”：报告为错误。"),
    },
    check,
};

/// What is wrong with one printed name of one code.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Problem {
    /// The code's name in other years.
    OtherYear {
        printed: &'static Entry,
        current: &'static Entry,
    },
    /// Never a name of this code.
    Differs { current: &'static Entry },
    /// The code is not in force that year.
    NotInForce { printed: Option<&'static Entry> },
}

struct Finding {
    code: String,
    scheme: Scheme,
    name: String,
    problem: Problem,
    /// (span of the printed name, where: table name or 说明)
    places: Vec<(Span, String)>,
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some(year) = ctx.doc.facts.year.as_ref().map(|y| y.value) else {
        sink.skip("文件年度不明，无法按年度核对科目名称".to_string());
        return;
    };
    let (first, last) = covered_years();
    if year > last || year + 1 < first {
        sink.skip(format!(
            "科目目录不覆盖 {year} 年（覆盖 {first}–{last} 年）"
        ));
        return;
    }
    // Before coverage the dictionary holds the 类 and the names the next edition replaced.
    let lei_only = year < first;
    let mut found: Vec<Finding> = Vec::new();
    for t in ctx.checkable_tables() {
        for c in coded_rows(t) {
            let Some(scheme) = c.scheme else { continue };
            if c.name.is_empty() || (lei_only && c.code.len() != 3) {
                continue;
            }
            if is_header_word(t, c.name) {
                sink.skip(format!(
                    "{}「{}」所挂名称「{}」是表头词，疑为读表错位，未核对",
                    Context::table_name(t),
                    c.code,
                    c.name
                ));
                continue;
            }
            sink.checked += 1;
            let problem = match check_name(scheme, &c.code, c.name, year) {
                NameCheck::Matches(_) | NameCheck::UnknownCode => continue,
                NameCheck::OtherYear { printed, current } => {
                    Problem::OtherYear { printed, current }
                }
                NameCheck::Differs { current } => {
                    if truncated(c.name, current.name) {
                        sink.skip(format!(
                            "{}「{}」的名称「{}」不完整（跨行或跨页截断），未核对",
                            Context::table_name(t),
                            c.code,
                            c.name
                        ));
                        continue;
                    }
                    Problem::Differs { current }
                }
                NameCheck::NotInForce { printed } => Problem::NotInForce { printed },
            };
            add(
                &mut found,
                &c.code,
                scheme,
                c.name,
                problem,
                c.row.label_span,
                Context::table_name(t),
            );
        }
    }
    // The narrative's references: only former (or premature) names are judged there; a free-text
    // name that merely differs may be a paraphrase.
    let flow = ctx.prose();
    for m in mentions(flow, year) {
        let Some(code) = m.code.as_deref() else {
            continue;
        };
        if lei_only && code.len() != 3 {
            continue;
        }
        sink.checked += 1;
        if let NameCheck::OtherYear { printed, current } =
            check_name(Scheme::Function, code, &m.name, year)
        {
            let kind = m.level.as_str();
            add(
                &mut found,
                code,
                Scheme::Function,
                &m.name,
                Problem::OtherYear { printed, current },
                m.name_span,
                format!(
                    "说明中的{kind}级科目引用{}",
                    if m.explicit { "（印有编码）" } else { "" }
                ),
            );
        }
    }
    // Names that merely differ, three or more in one table: the table follows a numbering of its
    // own (a local classification); one finding lists them.
    let mut per_table: Vec<(&str, Vec<&Finding>)> = Vec::new();
    for f in found
        .iter()
        .filter(|f| matches!(f.problem, Problem::Differs { .. }))
    {
        let place = f.places[0].1.as_str();
        match per_table.iter_mut().find(|(p, _)| *p == place) {
            Some((_, v)) => v.push(f),
            None => per_table.push((place, vec![f])),
        }
    }
    per_table.retain(|(_, v)| v.len() >= 3);
    for f in &found {
        if per_table
            .iter()
            .any(|(_, v)| v.iter().any(|g| std::ptr::eq(*g, f)))
        {
            continue;
        }
        if let Some(d) = diagnostic(ctx, f, year) {
            sink.push(d);
        }
    }
    for (place, fs) in per_table {
        sink.push(differs_in_table(place, &fs));
    }
}

/// One finding for a table whose names differ from the catalogue's on many codes.
fn differs_in_table(place: &str, fs: &[&Finding]) -> Diagnostic {
    let expected = |f: &Finding| match f.problem {
        Problem::Differs { current } => current.name,
        _ => "",
    };
    let soft = fs.iter().all(|f| match f.problem {
        Problem::Differs { current } => current.is_unconfirmed(),
        _ => false,
    });
    let list = fs
        .iter()
        .map(|f| format!("{} 印作「{}」应为「{}」", f.code, f.name, expected(f)))
        .collect::<Vec<_>>()
        .join("；");
    let first = fs[0];
    let mut d = Diagnostic::new(
        RULE.code,
        RULE.name,
        if soft { Severity::Info } else { Severity::Warning },
        format!(
            "{place}有 {} 个编码所印名称与分类目录不符，疑为自编的科目顺序：{list}。",
            fs.len()
        ),
        format!(
            "{place}: {} codes carry names that are not their catalogue names (a local numbering?).",
            fs.len()
        ),
    )
    .primary(
        first.places[0].0,
        format!("应为「{}」", expected(first)),
        format!("should be {}", expected(first)),
    );
    for f in &fs[1..] {
        d = d.related(
            f.places[0].0,
            format!("{} 应为「{}」", f.code, expected(f)),
            format!("{} should be {}", f.code, expected(f)),
        );
    }
    d.note("每个科目编码应使用其在本预算年度《政府收支分类科目》中的名称 / each code carries its official name for the fiscal year")
}

fn add(
    found: &mut Vec<Finding>,
    code: &str,
    scheme: Scheme,
    name: &str,
    problem: Problem,
    span: Span,
    place: String,
) {
    let key = classification::normalize_name(name);
    if let Some(f) = found.iter_mut().find(|f| {
        f.code == code && classification::normalize_name(&f.name) == key && f.scheme == scheme
    }) {
        f.places.push((span, place));
        return;
    }
    found.push(Finding {
        code: code.to_string(),
        scheme,
        name: name.to_string(),
        problem,
        places: vec![(span, place)],
    });
}

/// A name cut by a line or page break: the start or the end of the catalogue name, or the catalogue
/// name with something glued to it.
fn truncated(printed: &str, catalogue: &str) -> bool {
    let p = classification::normalize_name(printed);
    let c = classification::normalize_name(catalogue);
    p.chars().count() >= 2 && (c.starts_with(&p) || c.ends_with(&p) || p.contains(&c))
}

fn certain(e: &Entry) -> bool {
    !e.year_uncertain() && !e.is_unconfirmed()
}

fn years_of(e: &Entry) -> String {
    match e.to_year {
        Some(t) if e.from_year < classification::FIRST_YEAR => format!("{t} 年及以前"),
        Some(t) => format!("{}–{t} 年", e.from_year),
        None if e.from_year <= classification::FIRST_YEAR => "现行".to_string(),
        None => format!("{} 年起", e.from_year),
    }
}

fn diagnostic(ctx: &Context, f: &Finding, year: u16) -> Option<Diagnostic> {
    let code = &f.code;
    let name = &f.name;
    let (first, rest) = f.places.split_first()?;
    let (severity, message, message_en, label, label_en, expected, mut notes) = match f.problem {
        Problem::OtherYear { printed, current } => {
            let sure = certain(printed) && certain(current);
            let when = if printed.from_year > year {
                format!("自 {} 年起才使用的名称", printed.from_year)
            } else {
                format!("{}的名称", years_of(printed))
            };
            let mut notes = Vec::new();
            if printed.year_uncertain() || current.year_uncertain() {
                notes.push("改名的确切年度未能确认（目录条目标为 yr?），故仅作警告 / the year of the renaming is not established, hence a warning".to_string());
            }
            if printed.is_unconfirmed() || current.is_unconfirmed() {
                notes.push("该名称的目录条目未经公开目录核对（凭记忆录入），故仅作警告 / the catalogue entry is unconfirmed, hence a warning".to_string());
            }
            (
                if sure { Severity::Error } else { Severity::Warning },
                format!("{}「{code}」在 {year} 年的名称是「{}」，文中印作「{name}」，这是该科目 {when}。", f.scheme_word(), current.name),
                format!("Code {code} is named 「{}」 in {year}; the document prints 「{name}」, its name {}.", current.name, if printed.from_year > year { format!("from {}", printed.from_year) } else { format!("until {}", printed.to_year.unwrap_or(printed.from_year)) }),
                format!("旧名称，{year} 年应为「{}」", current.name),
                format!("former name; {} in {year}", current.name),
                current.name,
                notes,
            )
        }
        Problem::Differs { current } => {
            let other = classification::find_all_by_name(f.scheme, None, name, year)
                .find(|e| e.code != code.as_str())
                .map(|e| e.code);
            let mut notes = Vec::new();
            if let Some(o) = other {
                notes.push(format!("「{name}」是编码 {o} 的名称：编码或名称之一印错 / 「{name}」 is the name of code {o}"));
            }
            if current.is_unconfirmed() {
                notes.push("目录条目未经公开目录核对，故仅作提示 / the catalogue entry is unconfirmed, hence info".to_string());
            }
            (
                if current.is_unconfirmed() {
                    Severity::Info
                } else {
                    Severity::Warning
                },
                format!(
                    "{}「{code}」的名称应为「{}」，文中印作「{name}」。",
                    f.scheme_word(),
                    current.name
                ),
                format!(
                    "Code {code} is named 「{}」; the document prints 「{name}」.",
                    current.name
                ),
                format!("应为「{}」", current.name),
                format!("should be {}", current.name),
                current.name,
                notes,
            )
        }
        Problem::NotInForce { printed } => {
            let all: Vec<&Entry> = classification::names_any_year(f.scheme, code).collect();
            let soft = all.iter().any(|e| e.year_uncertain() || e.is_unconfirmed());
            let span_txt = all
                .iter()
                .map(|e| format!("「{}」{}", e.name, years_of(e)))
                .collect::<Vec<_>>()
                .join("，");
            let mut notes = vec![format!("目录中该编码：{span_txt}")];
            if soft {
                notes.push("目录条目的年份或来源未经确认，故仅作提示 / catalogue years or source unconfirmed, hence info".to_string());
            }
            (
                if soft {
                    Severity::Info
                } else {
                    Severity::Warning
                },
                format!(
                    "{}「{code}」在 {year} 年的目录中不存在（文中名称「{name}」{}）。",
                    f.scheme_word(),
                    if printed.is_some() {
                        "是其他年度的名称"
                    } else {
                        ""
                    }
                ),
                format!(
                    "Code {code} does not exist in the {year} catalogue (printed as 「{name}」)."
                ),
                format!("{year} 年无此科目"),
                format!("no such code in {year}"),
                "",
                notes,
            )
        }
    };
    let mut d = Diagnostic::new(RULE.code, RULE.name, severity, message, message_en).primary(
        first.0,
        format!("{}：{label}", first.1),
        label_en,
    );
    if !expected.is_empty() {
        d = d.expected_actual(expected, name.clone());
    }
    for (span, place) in rest {
        d = d.related(
            *span,
            format!("{place}同样印作「{name}」"),
            format!("also printed as 「{name}」"),
        );
    }
    // Evidence: the same code printed with its right name elsewhere in the document.
    if let Problem::OtherYear { current, .. } | Problem::Differs { current } = f.problem {
        let in_rows = ctx.read_tables().find_map(|t| {
            coded_rows(t)
                .into_iter()
                .find(|c| c.code == *code && classification::names_equal(c.name, current.name))
                .map(|c| (t, c.row.label_span))
        });
        // Else the name anywhere in a table's text (tables the reader could not read, or rows
        // printed without their code).
        let in_text = || {
            ctx.doc.tables.iter().find_map(|t| {
                let f = Flow::of(ctx.text, t.span.start, t.span.end);
                f.s.find(current.name)
                    .map(|i| (t, f.span(i, i + current.name.len())))
            })
        };
        if let Some((t, span)) = in_rows.or_else(in_text) {
            d = d.related(
                span,
                format!("{}印作「{}」", Context::table_name(t), current.name),
                format!("{} prints 「{}」", Context::table_name(t), current.name),
            );
            notes.push("本文自身在别处用了正确名称，前后不一 / the document itself prints the right name elsewhere".to_string());
        }
    }
    d = d.note("每个科目编码应使用其在本预算年度《政府收支分类科目》中的名称 / each code carries its official name for the fiscal year");
    for n in notes {
        d = d.note(n);
    }
    Some(d)
}

impl Finding {
    fn scheme_word(&self) -> &'static str {
        match self.scheme {
            Scheme::Function => "功能分类科目",
            Scheme::Economic => "经济分类科目",
        }
    }
}
