//! N301 narrative-amount-mismatch: an amount the narrative quotes differs from the table figure it
//! names.

use super::common::{
    agree_amounts, breakdowns, change_parts, figure_other_period, figure_yuan, heading_chain,
    is_change_phrase, printed, show_in, topic, unit_word, Topic,
};
use super::link::{
    all_fiscal, clean_label, path, row_targets, term_of, term_tables, term_targets, Place,
    RowIndex, Target, Term,
};
use crate::amount::Agreement;
use crate::diag::Diagnostic;
use crate::model::{Figure, RowKind, Side, TableKind};
use crate::rules::{Context, Family, Rule, RuleDoc, Sink};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

pub static RULE: Rule = Rule {
    code: "N301",
    name: "narrative-amount-mismatch",
    family: Family::Narrative,
    doc: RuleDoc {
        summary: "说明中引用的金额与表格不符",
        summary_en: "An amount quoted in the narrative differs from the table figure it names",
        what: doc_text!("情况说明中的每个金额都应等于它所指的表格数：\
               按科目名称（含“（类）/（款）/（项）”路径，核对其上级科目）对应到各表同名行的第一列（合计）；\
               收支总预算、收入预算、支出预算、财政拨款收支总预算、一般公共预算拨款合计、人员经费、公用经费、\
               “三公”经费及其各项、机关运行经费、上年结转结余、项目预算安排规模等整表用语对应到相应表的合计；\
               “基本支出/项目支出”按所在章节对应到支出总表或一般公共预算支出表。\
               表格以元为单位时换算为万元比较；同名行有多个时与任一相符即可，不符时与最接近者比较。\
               “主要用于……”之后的经济分类金额可能只是该行的一部分，只作印证，不作判断。"),
        why: doc_text!("说明文字与表格数字不一致，是预决算公开检查中最常见的问题之一；读者无从判断哪个是真的。"),
        example: doc_text!("说明写“社会保障和就业支出 87.68 万元，主要用于机关事业单位基本养老保险缴费 57.98 万元”，\
                  而表2、表3、表5 中 2080505 机关事业单位基本养老保险缴费支出 均为 57.99：相差 0.01，\
                  同一精度下不能由舍入解释，报告为错误。"),
    },
    check,
};

/// Names of function-classification rows: a figure named so starts a new statement.
fn function_names(ctx: &Context) -> HashSet<String> {
    let mut out = HashSet::new();
    for t in ctx.read_tables() {
        for r in &t.rows {
            let function = r.code.as_deref().is_some_and(|c| c.starts_with('2'))
                || (t.kind.is_two_sided()
                    && r.side == Some(Side::Expenditure)
                    && r.kind != RowKind::Total);
            if function {
                out.insert(clean_label(&r.label));
            }
        }
    }
    out
}

fn rank(a: Agreement) -> u8 {
    match a {
        Agreement::Exact => 0,
        Agreement::Rounding => 1,
        Agreement::Mismatch => 2,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let n = &ctx.doc.narrative;
    if ctx.doc.tables_as_images {
        sink.skip("表格以图片发布，说明中的金额无表可核对".to_string());
        return;
    }
    let year = ctx.doc.facts.year.as_ref().map(|y| y.value);
    let parts = change_parts(n);
    let body = ctx.doc.facts.body.as_ref().map(|b| b.value.as_str());
    let fiscal = all_fiscal(ctx);
    let heads = function_names(ctx);
    let is_head = |f: &Figure| {
        path(&f.subject)
            .last()
            .is_some_and(|s| heads.contains(&s.name))
    };
    let in_breakdown = breakdowns(ctx, is_head);
    let index = RowIndex::new(ctx);
    let mut by_term: HashMap<(Term, Place), Vec<Target>> = HashMap::new();
    let mut unsure = 0usize;
    let mut any_money = false;
    for (i, f) in n.figures.iter().enumerate() {
        let Some(amount) = figure_yuan(f) else {
            continue;
        };
        if parts.contains(&i)
            || f.share_of.is_some()
            || is_change_phrase(&f.subject)
            || figure_other_period(ctx.text, f, year)
        {
            continue;
        }
        let topic = topic(n, f.section);
        if topic == Some(Topic::Performance) {
            continue;
        }
        any_money = true;
        let place = Place {
            topic,
            in_breakdown: in_breakdown[i],
            all_fiscal: fiscal,
        };
        let chain = heading_chain(n, f.section);
        let term = term_of(&f.subject, place, chain.first().copied(), body);
        let targets = match &term {
            Some(term) => {
                // The same whole-table term is found in the same tables for every figure.
                let t = Cow::Borrowed(
                    &**by_term
                        .entry((term.clone(), place))
                        .or_insert_with(|| term_targets(ctx, term, place)),
                );
                if t.is_empty() {
                    for kind in term_tables(term) {
                        if let Some(why) = ctx.unusable(*kind) {
                            sink.skip(format!("{why}：说明中「{}」未能核对", f.subject));
                        }
                    }
                }
                t
            }
            None => {
                let (t, conflict) =
                    row_targets(ctx, &index, &path(&f.subject), place, f.span.start);
                if conflict {
                    unsure += 1;
                }
                Cow::Owned(t)
            }
        };
        if targets.is_empty() {
            continue;
        }
        // Only a figure that could be found wrong counts as checked (weak links only confirm).
        if targets.iter().any(|t| t.strong) {
            sink.cover(f.span);
        }
        sink.checked += 1;
        let judged: Vec<(Agreement, &Target)> = targets
            .iter()
            .map(|t| (agree_amounts(amount, t.amount), t))
            .collect();
        if judged.iter().any(|(a, _)| *a == Agreement::Exact) {
            continue;
        }
        if judged
            .iter()
            .any(|(a, t)| *a == Agreement::Rounding && !t.strong)
        {
            unsure += 1;
            continue;
        }
        let Some(&(agreement, best)) = judged
            .iter()
            .filter(|(_, t)| t.strong)
            .min_by_key(|(a, t)| (rank(*a), (t.amount.value - amount.value).abs()))
        else {
            unsure += 1;
            continue;
        };
        let same: Vec<&Target> = targets
            .iter()
            .filter(|t| t.amount.value == best.amount.value)
            .collect();
        sink.push(diagnostic(f, agreement, best, &same));
    }
    if unsure > 0 {
        sink.skip(format!(
            "{unsure} 处说明金额所指的表格数不能确定（只是该行的一部分、口径不同或上级科目不符），未作判断"
        ));
    }
    if any_money {
        for kind in [
            TableKind::IncomeExpenditure,
            TableKind::Income,
            TableKind::Expenditure,
            TableKind::GeneralBudget,
            TableKind::GeneralBudgetBasic,
        ] {
            if let Some(why) = ctx.unusable(kind) {
                sink.skip(format!("{why}：其中的数未能与说明核对"));
            }
        }
    }
}

fn diagnostic(f: &Figure, agreement: Agreement, best: &Target, same: &[&Target]) -> Diagnostic {
    let table_unit = best.table.unit.map_or("", |u| u.as_str());
    let converted = show_in(best.amount.value, &f.unit);
    let uw = unit_word(&f.unit);
    let shown = if table_unit == uw {
        format!("{}{uw}", best.printed)
    } else {
        format!("{}{table_unit}（即 {converted}{uw}）", best.printed)
    };
    let diff = show_in(
        (best.amount.value - f.value * unit_factor(f)).abs(),
        &f.unit,
    );
    let (severity, verdict, verdict_en) = crate::rules::context::verdict(agreement, diff, uw);
    let mut d = Diagnostic::new(
        RULE.code,
        RULE.name,
        severity,
        format!(
            "说明中「{}」为 {}，而{}为 {shown}：{verdict}。",
            f.subject,
            printed(f),
            best.what
        ),
        format!(
            "The narrative gives 「{}」 as {}, but {} prints {shown}: {verdict_en}.",
            f.subject,
            printed(f),
            best.what
        ),
    )
    .primary(
        f.span,
        format!("{}，表中为 {converted}{uw}", printed(f)),
        format!("{}; the table has {converted} {uw}", printed(f)),
    )
    .expected_actual(converted.clone(), f.value.to_string());
    let mut seen = Vec::new();
    for t in same {
        if seen.contains(&t.span) {
            continue;
        }
        seen.push(t.span);
        d = d.related(
            t.span,
            format!("{} {}", t.what, t.printed),
            format!("{} {}", t.what, t.printed),
        );
    }
    d.note(format!(
        "说明中引用的金额 = 所指表格中的数（{}） / a narrative amount equals the table figure it names",
        best.what
    ))
}

fn unit_factor(f: &Figure) -> rust_decimal::Decimal {
    super::common::figure_factor(&f.unit).unwrap_or(rust_decimal::Decimal::ONE)
}
