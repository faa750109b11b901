//! A102 row-identity-mismatch: a row's own columns disagree (合计 ≠ 基本支出 + 项目支出 …).

use crate::amount::{agree, sum_printed, Agreement};
use crate::diag::Diagnostic;
use crate::rules::{Context, Family, Rule, RuleDoc, Sink};
use crate::syntax::layouts;

pub static RULE: Rule = Rule {
    code: "A102",
    name: "row-identity-mismatch",
    family: Family::Arithmetic,
    doc: RuleDoc {
        summary: "同一行的合计不等于其组成列之和",
        summary_en: "A row's total column is not the sum of its component columns",
        what: doc_text!("逐行核对表头规定的列间关系：合计 = 基本支出 + 项目支出；合计 = 人员经费 + 公用经费；\
               总计 = 财政拨款小计 + 财政专户 + 单位资金 + 结转 + 非财政拨款结转结余；小计 = 一般公共预算 + 政府性基金 + …；\
               “三公”经费合计 = 各项之和。按区间算术区分尾差与错误。"),
        why: doc_text!("列间不符说明该行至少有一个数印错，或某项支出被漏列。"),
        example: doc_text!("「201 03 01 行政运行 305.02 300.02 5.00」：300.02 + 5.00 = 305.02，一致；\
                  若印为「305.02 300.00 5.00」，则相差 0.02，超出舍入范围，报告为错误。"),
    },
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    for t in ctx.read_tables() {
        let Some(layout) = layouts::for_table(t) else {
            continue;
        };
        for r in &t.rows {
            let cols = t.columns_of(r.side);
            for id in layout.identities_of(r.side) {
                let involved = std::iter::once(id.total).chain(id.parts.iter().copied());
                if involved.clone().all(|c| r.cell(c).is_none()) {
                    continue;
                }
                sink.checked += 1;
                let (pv, _) = r.value_or_zero(id.total);
                let (sum, interval) = sum_printed(id.parts.iter().map(|&p| r.value_or_zero(p)));
                let agreement = agree(pv, sum, interval);
                if agreement == Agreement::Exact {
                    continue;
                }
                let severity = crate::rules::context::severity(agreement);
                let parts: Vec<&str> = id.parts.iter().map(|&p| cols[p].name.as_str()).collect();
                let total_name = &cols[id.total].name;
                let row = r
                    .code
                    .as_ref()
                    .map_or(r.label.clone(), |c| format!("{c} {}", r.label));
                let span = r.cell(id.total).map_or(r.label_span, |c| c.span);
                let mut d = Diagnostic::new(
                    RULE.code,
                    RULE.name,
                    severity,
                    format!(
                        "{}「{row}」{total_name} 为 {pv}，而 {} 之和为 {sum}（相差 {}）。",
                        Context::table_name(t),
                        parts.join(" + "),
                        (pv - sum).abs()
                    ),
                    format!(
                        "{} row 「{row}」: {total_name} is {pv} but {} add up to {sum} (difference {}).",
                        Context::table_name(t),
                        parts.join(" + "),
                        (pv - sum).abs()
                    ),
                )
                .primary(span, format!("{total_name} {pv}，应为 {sum}"), format!("{total_name} {pv}; parts add up to {sum}"))
                .expected_actual(sum.to_string(), pv.to_string())
                .note(format!("{total_name} = {}", parts.join(" + ")));
                for &p in id.parts {
                    if let Some(c) = r.cell(p) {
                        d = d.related(
                            c.span,
                            format!("{} {}", cols[p].name, c.value),
                            format!("{} {}", cols[p].name, c.value),
                        );
                    }
                }
                sink.push(d);
            }
        }
    }
}
