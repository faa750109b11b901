//! A101 parent-sum-mismatch: a parent row differs from the sum of its children.

use super::tree::{families, Family};
use crate::amount::{agree, sum_printed, Agreement};
use crate::diag::Diagnostic;
use crate::model::{Row, Table};
use crate::rules::{Context, Family as RuleFamily, Rule, RuleDoc, Sink};
use rust_decimal::Decimal;

pub static RULE: Rule = Rule {
    code: "A101",
    name: "parent-sum-mismatch",
    family: RuleFamily::Arithmetic,
    doc: RuleDoc {
        summary: "上级科目不等于下级科目之和",
        summary_en: "A parent row is not the sum of its children",
        what: doc_text!("在每张按科目编码排列的表中，逐列核对：类 = 其下各款之和，款 = 其下各项之和，总计 = 各类之和；\
               “三公”经费表中 合计 = 因公出国（境）费 + 公务接待费 + 公务用车购置及运行费。\
               按区间算术判断：印出的数都是四舍五入后的值，差异能由舍入解释的记为“尾差”，否则为错误。\
               同一差异会在其上各级合计中重现，只报告其源头，并列出受影响的合计。"),
        why: doc_text!("上下级不符说明表中至少有一个数印错；尾差虽非错误，审核时也需知晓。"),
        example: doc_text!("表3 中 210 11 行政事业单位医疗 印为 31.03，其下四项 15.11 + 13.89 + 1.81 + 0.23 = 31.04：\
                  两者相差 0.01，可由舍入解释，报告为尾差；总计 2104.55 与各类之和 2104.54 的差异是同一尾差的结果，不另报。"),
    },
    check,
};

/// One parent/children disagreement in one column.
struct Mismatch<'t> {
    table: &'t Table,
    parent: &'t Row,
    children: Vec<&'t Row>,
    column: usize,
    /// parent − Σ children, exactly.
    diff: Decimal,
    sum: Decimal,
    agreement: Agreement,
    /// Depth for ordering: code length, 0 for totals.
    depth: usize,
}

fn check(ctx: &Context, sink: &mut Sink) {
    let mut found: Vec<Mismatch> = Vec::new();
    for t in ctx.checkable_tables() {
        for fam in families(t) {
            compare(t, &fam, sink, &mut found);
        }
    }
    // Deepest first: a subtotal's error shows again in every total above it.
    crate::order::sort_by_key(&mut found, |m| std::cmp::Reverse(m.depth));
    let mut roots: Vec<(Mismatch, Vec<Mismatch>)> = Vec::new();
    for m in found {
        let under: Vec<usize> = (0..roots.len())
            .filter(|&k| {
                let r = &roots[k].0;
                r.depth > m.depth && m.children.iter().any(|c| is_under(r.parent, c))
            })
            .collect();
        // Sum the distinct root differences below (the same root repeats across columns and tables).
        let mut seen: Vec<(Option<&str>, Decimal)> = Vec::new();
        let mut total = Decimal::ZERO;
        for &k in &under {
            let key = (roots[k].0.parent.code.as_deref(), roots[k].0.diff);
            if !seen.contains(&key) {
                seen.push(key);
                total += roots[k].0.diff;
            }
        }
        if !under.is_empty() && m.diff == -total {
            roots[under[0]].1.push(m);
        } else {
            roots.push((m, Vec::new()));
        }
    }
    // The same root printed in several tables or columns is one finding.
    let mut merged: Vec<(Mismatch, Vec<Mismatch>, Vec<Mismatch>)> = Vec::new();
    for (root, consequences) in roots {
        let same = merged.iter_mut().find(|(r, _, _)| {
            r.parent.code == root.parent.code
                && r.parent.label == root.parent.label
                && r.parent.value_or_zero(r.column).0 == root.parent.value_or_zero(root.column).0
                && r.sum == root.sum
        });
        match same {
            Some((_, copies, cons)) => {
                copies.push(root);
                cons.extend(consequences);
            }
            None => merged.push((root, Vec::new(), consequences)),
        }
    }
    for (root, copies, consequences) in merged {
        sink.push(diagnostic(&root, &copies, &consequences));
    }
}

fn compare<'t>(t: &'t Table, fam: &Family<'t>, sink: &mut Sink, out: &mut Vec<Mismatch<'t>>) {
    let n = t.columns_of(fam.side).len();
    for col in 0..n {
        let (pv, _) = fam.parent.value_or_zero(col);
        let any =
            fam.parent.cell(col).is_some() || fam.children.iter().any(|c| c.cell(col).is_some());
        if !any {
            continue;
        }
        sink.checked += 1;
        let (sum, interval) = sum_printed(fam.children.iter().map(|c| c.value_or_zero(col)));
        let agreement = agree(pv, sum, interval);
        if agreement == Agreement::Exact {
            continue;
        }
        out.push(Mismatch {
            table: t,
            parent: fam.parent,
            children: fam.children.clone(),
            column: col,
            diff: pv - sum,
            sum,
            agreement,
            depth: fam.parent.code.as_ref().map_or(0, String::len),
        });
    }
}

/// True when `row` is `ancestor` or lies below it by code (a totals row has everything below it).
fn is_under(row: &Row, ancestor: &Row) -> bool {
    match (row.code.as_deref(), ancestor.code.as_deref()) {
        (Some(r), Some(a)) => r.starts_with(a),
        (_, None) => true,
        (None, Some(_)) => false,
    }
}

fn row_name(r: &Row) -> String {
    match &r.code {
        Some(c) => format!("{c} {}", r.label),
        None => r.label.clone(),
    }
}

fn diagnostic(root: &Mismatch, copies: &[Mismatch], consequences: &[Mismatch]) -> Diagnostic {
    let t = root.table;
    let col = &t.columns_of(root.parent.side)[root.column].name;
    let pv = root.parent.value_or_zero(root.column).0;
    let tname = Context::table_name(t);
    let diff = root.diff.abs();
    let n = root.children.len();
    let (severity, verdict, verdict_en) = crate::rules::context::verdict(root.agreement, diff, "");
    let parent_span = root
        .parent
        .cell(root.column)
        .map_or(root.parent.label_span, |c| c.span);
    let mut d = Diagnostic::new(
        RULE.code,
        RULE.name,
        severity,
        format!(
            "{tname}「{}」{col}列为 {pv}，其下 {n} 行之和为 {}，{verdict}。",
            row_name(root.parent),
            root.sum
        ),
        format!(
            "{tname} row 「{}」, column 「{col}」, prints {pv}, but its {n} child rows add up to {}: {verdict_en}.",
            row_name(root.parent),
            root.sum
        ),
    )
    .primary(parent_span, format!("{pv}，下级之和 {}", root.sum), format!("{pv}; children add up to {}", root.sum))
    .expected_actual(root.sum.to_string(), pv.to_string())
    .note("上级 = 下级之和（类 = Σ款，款 = Σ项，总计 = Σ类） / a parent row equals the sum of its children");
    for c in &root.children {
        if let Some(cell) = c.cell(root.column) {
            d = d.related(
                cell.span,
                format!("{} {}", row_name(c), cell.value),
                format!("{} {}", row_name(c), cell.value),
            );
        }
    }
    for m in copies {
        if let Some(cell) = m.parent.cell(m.column) {
            let name = &m.table.columns_of(m.parent.side)[m.column].name;
            d = d.related(
                cell.span,
                format!("{}{name}列同样与下级之和不符", Context::table_name(m.table)),
                format!("same in {} column {name}", Context::table_name(m.table)),
            );
        }
    }
    for m in consequences {
        if let Some(cell) = m.parent.cell(m.column) {
            let name = &m.table.columns_of(m.parent.side)[m.column].name;
            d = d.related(
                cell.span,
                format!(
                    "因此{}「{}」{name}列与下级之和相差 {}",
                    Context::table_name(m.table),
                    row_name(m.parent),
                    m.diff.abs()
                ),
                format!(
                    "hence 「{}」 ({name}) in {} is off by {}",
                    row_name(m.parent),
                    Context::table_name(m.table),
                    m.diff.abs()
                ),
            );
        }
    }
    if !consequences.is_empty() {
        d = d.note(format!(
            "同一差异在其上 {} 处合计中重现，已并入本条 / the same difference recurs in {} totals above, folded into this finding",
            consequences.len(),
            consequences.len()
        ));
    }
    d
}
