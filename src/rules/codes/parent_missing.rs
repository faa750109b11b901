//! K603 code-parent-missing: a 款 or 项 whose parent is not in the table, or that is listed under
//! another parent.

use super::{coded, Coded};
use crate::classification::{self, check_name, NameCheck};
use crate::diag::{Diagnostic, Severity};
use crate::rules::{Context, Family, Rule, RuleDoc, Sink};

pub static RULE: Rule = Rule {
    code: "K603",
    name: "code-parent-missing",
    family: Family::Classification,
    doc: RuleDoc {
        summary: "科目缺少上级科目，或列在别的上级科目之下",
        summary_en: "A code whose parent row is missing from the table, or that sits under another parent",
        what: doc_text!("按科目编码排列的表（收入、支出、一般公共预算、基本支出、项目支出、政府性基金、国有资本经营预算表）中，\
               每个款（5 位）应有其类（前 3 位）所在的行，每个项（7 位）应有其款（前 5 位）所在的行；\
               且按表中顺序，一个款或项应紧随其上级之后（列在其上级的范围内）。\
               整张表都不列上级（只有同一级次）的，视为表样如此，不作判断。"),
        why: doc_text!("缺少上级行就无法核对“上级 = 下级之和”，也说明表格可能漏行；列错位置的科目会被读者归到别的类款下。"),
        example: doc_text!("表3 列有“208 05 05 机关事业单位基本养老保险缴费支出”，却没有“208 05 行政事业单位养老支出”一行：\
                  报告缺少上级科目 20805。"),
    },
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    let year = ctx.doc.facts.year.as_ref().map(|y| y.value);
    for t in ctx.checkable_tables().filter(|t| t.kind.is_coded()) {
        let rows: Vec<Coded> = t.rows.iter().filter_map(coded).collect();
        let codes: std::collections::HashSet<&str> = rows.iter().map(|r| r.code.as_str()).collect();
        let has = |c: &str| codes.contains(c);
        let levels: std::collections::BTreeSet<usize> = rows.iter().map(|r| r.code.len()).collect();
        if levels.len() < 2 {
            if !rows.is_empty() {
                sink.skip(format!(
                    "{}只列同一级次的科目，不核对上下级",
                    Context::table_name(t)
                ));
            }
            continue;
        }
        let mut missing: Vec<(&Coded, String)> = Vec::new();
        let mut misplaced: Vec<(&Coded, &Coded)> = Vec::new();
        for (i, r) in rows.iter().enumerate() {
            let Some(parent) = classification::parent(&r.code) else {
                continue;
            };
            sink.checked += 1;
            if !has(parent) {
                if !missing.iter().any(|(_, p)| p == parent) {
                    missing.push((r, parent.to_string()));
                }
                continue;
            }
            // The nearest row above at a higher level must be an ancestor. A row whose name is not
            // its code's name is not trusted as context (a code the reader attached to a header).
            let above = rows[..i]
                .iter()
                .rev()
                .find(|p| p.code.len() < r.code.len() && p.scheme == r.scheme && trusted(p, year));
            if let Some(p) = above {
                if !r.code.starts_with(p.code.as_str()) {
                    misplaced.push((r, p));
                }
            }
        }
        let tname = Context::table_name(t);
        if !missing.is_empty() {
            let list = missing
                .iter()
                .map(|(r, p)| format!("{}（{}）缺 {p}", r.code, r.name))
                .collect::<Vec<_>>()
                .join("、");
            let (r, p) = &missing[0];
            let mut d = Diagnostic::new(
                RULE.code,
                RULE.name,
                Severity::Warning,
                format!(
                    "{tname}中 {} 个科目的上级科目不在表中：{list}。",
                    missing.len()
                ),
                format!(
                    "{tname}: {} code(s) whose parent row is not in the table: {list}.",
                    missing.len()
                ),
            )
            .primary(
                r.span,
                format!("上级科目 {p} 不在表中"),
                format!("parent {p} is not in the table"),
            );
            for (r, p) in &missing[1..] {
                d = d.related(
                    r.span,
                    format!("上级科目 {p} 也不在表中"),
                    format!("parent {p} missing too"),
                );
            }
            d = d.note("表中每个款应有其类，每个项应有其款 / every 款 sits under its 类 and every 项 under its 款");
            sink.push(d);
        }
        // Many rows "misplaced" means the table orders its rows otherwise (subtotals after their
        // items): not judged.
        let with_parent = rows.iter().filter(|r| r.code.len() > 3).count();
        if misplaced.len() > 1 && misplaced.len() * 3 > with_parent {
            sink.skip(format!("{tname}的科目排列顺序不是逐级向下，不核对所在位置"));
            misplaced.clear();
        }
        for (r, p) in misplaced {
            let parent = classification::parent(&r.code).unwrap_or_default();
            sink.push(
                Diagnostic::new(
                    RULE.code,
                    RULE.name,
                    Severity::Warning,
                    format!(
                        "{tname}中「{} {}」列在「{} {}」之下，但它的上级是 {parent}。",
                        r.code, r.name, p.code, p.name
                    ),
                    format!(
                        "{tname}: {} is listed under {}, but its parent is {parent}.",
                        r.code, p.code
                    ),
                )
                .primary(r.span, format!("上级应为 {parent}"), format!("parent should be {parent}"))
                .related(p.span, format!("所在位置的上级科目 {}", p.code), format!("listed under {}", p.code))
                .note("科目按类、款、项逐级排列 / codes are listed class by class, each under its parent"),
            );
        }
    }
}

/// A row is trusted as a parent context when its printed name is (any year's) name of its code, the
/// code is not in the dictionary at all, or the row has no name (a table read one cell per line
/// gives a row no name it cannot place: its code is still its own).
fn trusted(p: &Coded, year: Option<u16>) -> bool {
    let (Some(scheme), Some(year)) = (p.scheme, year) else {
        return true;
    };
    if p.name.is_empty() {
        return true;
    }
    !matches!(
        check_name(scheme, &p.code, p.name, year),
        NameCheck::Differs { .. }
    )
}
