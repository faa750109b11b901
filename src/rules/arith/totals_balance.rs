//! A103 totals-unbalanced: 收入总计 ≠ 支出总计 in a two-sided table.

use crate::amount::{agree, Agreement, Interval};
use crate::diag::Diagnostic;
use crate::model::{RowKind, Side};
use crate::rules::{Context, Family, Rule, RuleDoc, Sink};

pub static RULE: Rule = Rule {
    code: "A103",
    name: "totals-unbalanced",
    family: Family::Arithmetic,
    doc: RuleDoc {
        summary: "收入总计不等于支出总计",
        summary_en: "Total income differs from total expenditure",
        what: doc_text!("收支总表与财政拨款收支总表中，收入总计必须等于支出总计（预算收支平衡）。"),
        why: doc_text!("部门预算按收支平衡编制；两个总计不等说明其中一侧漏列或印错。"),
        example: doc_text!(
            "「收 入 总 计 388.89 支 出 总 计 388.89」一致；若支出总计印为 388.98，报告为错误。"
        ),
    },
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    for t in ctx.read_tables().filter(|t| t.kind.is_two_sided()) {
        let total = |side| {
            t.rows
                .iter()
                .find(|r| {
                    r.side == Some(side) && r.kind == RowKind::Total && r.label.contains("总计")
                })
                .and_then(|r| r.cells.iter().find(|c| c.column == 0))
        };
        let (Some(inc), Some(exp)) = (total(Side::Income), total(Side::Expenditure)) else {
            sink.skip(format!(
                "{}没有读到收入总计或支出总计",
                Context::table_name(t)
            ));
            continue;
        };
        sink.checked += 1;
        let agreement = agree(exp.value, inc.value, Interval::of_printed(inc.value));
        if agreement == Agreement::Exact {
            continue;
        }
        let severity = crate::rules::context::severity(agreement);
        sink.push(
            Diagnostic::new(
                RULE.code,
                RULE.name,
                severity,
                format!(
                    "{}收入总计 {} 与支出总计 {} 不等。",
                    Context::table_name(t),
                    inc.value,
                    exp.value
                ),
                format!(
                    "{}: total income {} differs from total expenditure {}.",
                    Context::table_name(t),
                    inc.value,
                    exp.value
                ),
            )
            .primary(
                exp.span,
                format!("支出总计 {}", exp.value),
                format!("total expenditure {}", exp.value),
            )
            .related(
                inc.span,
                format!("收入总计 {}", inc.value),
                format!("total income {}", inc.value),
            )
            .expected_actual(inc.value.to_string(), exp.value.to_string())
            .note("收入总计 = 支出总计 / total income equals total expenditure"),
        );
    }
}
