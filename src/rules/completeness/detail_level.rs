//! C404 detail-level: function classification detailed to 项, economic classification to 款.

use crate::classification::Scheme;
use crate::diag::{Diagnostic, Severity};
use crate::rules::codes::{coded, Coded};
use crate::rules::{Context, Family, Rule, RuleDoc, Sink};
use rust_decimal::Decimal;

pub static RULE: Rule = Rule {
    code: "C404",
    name: "detail-level",
    family: Family::Completeness,
    doc: RuleDoc {
        summary: "科目未细化到规定级次（功能分类到项、经济分类到款）",
        summary_en: "Classification not detailed to the required level (function to 项, economic to 款)",
        what: doc_text!("按支出功能分类列示的表（收入、支出、一般公共预算、项目支出、政府性基金、国有资本经营预算表），\
               每个有数字的类、款之下都应列出其款、项，即细化到项（7 位编码）；一般公共预算基本支出表按经济分类，\
               每个有数字的类之下都应列出其款（5 位编码）。停在上级、下面没有任何细目的行报告为警告，一张表合为一条（跳过一级、类下直接列项的，已细化到项，缺的款由 K603 报告）。\
               收支总表、财政拨款收支总表按类列示，不在此检查。"),
        why: doc_text!("预算法和《地方预决算公开操作规程》要求一般公共预算支出按功能分类公开到项、按经济分类公开到款。"),
        example: doc_text!("一般公共预算支出表中“208 05 行政事业单位养老支出 35.87”下没有任何项：报告该款未细化到项。"),
    },
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    for t in ctx.checkable_tables().filter(|t| t.kind.is_coded()) {
        let rows: Vec<Coded> = t.rows.iter().filter_map(coded).collect();
        if rows.is_empty() {
            continue;
        }
        // Codes that have a row below them, at any level: a table that skips the 款 (`201`, then
        // `2011007`, wide/124) still details the 类 to 项; the missing 款 is K603's.
        let mut codes: Vec<&str> = rows.iter().map(|c| c.code.as_str()).collect();
        codes.sort_unstable();
        let has_descendant = |code: &str| {
            let at = codes.partition_point(|c| *c <= code);
            codes.get(at).is_some_and(|c| c.starts_with(code))
        };
        let mut short: Vec<&Coded> = Vec::new();
        for r in &rows {
            let Some(scheme) = r.scheme else { continue };
            let finest = match scheme {
                Scheme::Function => 7,
                Scheme::Economic => 5,
            };
            if r.code.len() >= finest {
                continue;
            }
            // Nothing to detail in a row without figures (or with zeros only).
            if r.row.cells.iter().all(|c| c.value == Decimal::ZERO) {
                continue;
            }
            sink.checked += 1;
            if !has_descendant(&r.code) {
                short.push(r);
            }
        }
        let Some(first) = short.first() else { continue };
        let tname = Context::table_name(t);
        let list = short
            .iter()
            .map(|r| format!("{} {}", r.code, r.name))
            .collect::<Vec<_>>()
            .join("、");
        let level = |r: &Coded| match (r.scheme, r.code.len()) {
            (Some(Scheme::Economic), _) => "类，未细化到款",
            (_, 3) => "类，下无款、项",
            _ => "款，未细化到项",
        };
        let mut d = Diagnostic::new(
            RULE.code,
            RULE.name,
            Severity::Warning,
            format!(
                "{tname}中 {} 行科目停在上级、下面没有细目：{list}。",
                short.len()
            ),
            format!(
                "{tname}: {} row(s) are not broken down to the required level: {list}.",
                short.len()
            ),
        )
        .primary(
            first.row.label_span,
            format!("只到{}", level(first)),
            "not detailed to the required level",
        );
        for r in &short[1..] {
            d = d.related(
                r.row.label_span,
                format!("只到{}", level(r)),
                "not detailed either",
            );
        }
        d = d.note("一般公共预算支出按功能分类公开到项、按经济分类公开到款 / function classification to 项, economic to 款");
        sink.push(d);
    }
}
