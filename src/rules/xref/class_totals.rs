//! X201 class-totals-disagree: the same function code, or the grand total, has different amounts in
//! the 收支总表, the 收入表 and the 支出表.

use super::common::{
    coded_by_function, column, column_total, find, income_items, is_final, source_of_column,
    strip_ordinal, total_row, year, Coded, Figure, Source,
};
use super::engine::Collector;
use crate::model::{RowKind, Side, TableKind};
use crate::rules::{Context, Family, Rule, RuleDoc, Sink};
use std::collections::BTreeSet;

pub static RULE: Rule = Rule {
    code: "X201",
    name: "class-totals-disagree",
    family: Family::CrossTable,
    doc: RuleDoc {
        summary: "收支总表、收入表、支出表的科目金额或总计不一致",
        summary_en: "A function class or the grand total differs between the summary, income and expenditure tables",
        what: doc_text!("同一支出功能分类科目（类、款、项）的金额，在收支总表支出方、收入表“总计（合计）”列、支出表“合计”列中必须相同；\
               三张表的总计也必须相同：收入总计 = 收入表总计 = 支出表总计 = 支出总计。\
               收支总表按“基本支出（人员经费、公用经费）/项目支出”分列时，各类的基本支出、项目支出也与支出表相应列比较。\
               各表金额单位不同（元、万元）时先换算再比较，并按各自的舍入区间判断：能由舍入解释的差异为尾差，否则为错误。\
               三个数中两个一致时，判定不一致的那个有误；只有两个数时，以各表自身上下级加总是否成立来判断，仍无法判断时在说明中注明。\
               同一差异在该表其上各级合计中重现的，并入最下一级的那一条。\
               决算中收入决算表列示的是本年收入，与支出决算不必逐科目相等，只比较收支总表与支出决算表。"),
        why: doc_text!("三张表描述的是同一笔预算：收入表按资金来源、支出表按支出性质拆分同一科目的金额。科目金额或总计不一致，\
              说明至少有一张表抄错、漏列或使用了不同版本的数据。"),
        example: doc_text!("收支总表“201 一般公共服务支出 1,938.62”，收入表 201 总计 1,938.62，支出表 201 合计 1,983.62：\
                  前两者一致，支出表的 1,983.62 判为错误（相差 45.00）；若支出表总计因此也是 2,149.55，这一差异并入同一条。"),
    },
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    super::report(ctx, sink, RULE.code, RULE.name);
}

const NOTE: &str = "同一科目在收支总表、收入表、支出表中的金额相等；收入总计 = 收入表总计 = 支出表总计 / \
                    a function code has one amount in the summary, income and expenditure tables, and their totals agree";

pub(super) fn build<'a>(ctx: &Context<'a>, c: &mut Collector<'a>) {
    let r = RULE.code;
    let year = year(ctx);
    let fin = is_final(ctx);
    let (t1, why1) = find(ctx, TableKind::IncomeExpenditure);
    let (t3, why3) = find(ctx, TableKind::Expenditure);
    c.skip(r, why1);
    c.skip(r, why3);
    let t2 = if fin {
        c.skip(
            r,
            Some("决算收入表列示本年收入，与支出决算不必逐科目相等，未比较".to_string()),
        );
        None
    } else {
        let (t2, why2) = find(ctx, TableKind::Income);
        c.skip(r, why2);
        t2.read()
    };
    let t1 = t1.read();
    let t3 = t3.read();
    // A summary with last year's carry-over and an income table without carry-over columns: the
    // income table then shows the year's income only, which need not equal the spending.
    let carry1 = t1.is_some_and(|t| {
        income_items(t).iter().any(|(s, row)| {
            matches!(
                s,
                Source::CarryTotal | Source::FiscalCarry | Source::NonFiscalCarry
            ) && row.cells.iter().any(|c| !c.value.is_zero())
        })
    });
    let t2 = t2.filter(|t| {
        let covers = t.columns.iter().any(|c| {
            matches!(
                source_of_column(&c.name, false),
                Some(Source::FiscalCarry | Source::NonFiscalCarry)
            )
        });
        if carry1 && !covers {
            c.skip(
                r,
                Some("收支总表列有上年结转结余，而收入表没有结转列：收入表只含本年收入，未与支出比较".to_string()),
            );
        }
        !carry1 || covers
    });

    let c1 = t1.map(|_| 0usize);
    let c2 = t2.and_then(|t| column(t, None, &["总计", "合计"]));
    let c3 = t3.and_then(|t| column(t, None, &["合计", "决算数"]));
    let k1 = t1.map(|t| Coded::new(t, Some(Side::Expenditure), year));
    // Tables by unit give their totals only.
    let k2 = t2
        .filter(|t| coded_by_function(t))
        .map(|t| Coded::new(t, None, year));
    let k3 = t3
        .filter(|t| coded_by_function(t))
        .map(|t| Coded::new(t, None, year));

    let mut codes: BTreeSet<String> = BTreeSet::new();
    for (k, col) in [(&k1, c1), (&k2, c2), (&k3, c3)] {
        if let (Some(k), Some(col)) = (k, col) {
            codes.extend(k.nonzero_codes(col).cloned());
        }
    }
    for code in &codes {
        let f3 = k3
            .as_ref()
            .zip(c3)
            .and_then(|(k, col)| k.figure(ctx, code, col));
        let f2 = k2
            .as_ref()
            .zip(c2)
            .and_then(|(k, col)| k.figure(ctx, code, col));
        let f1 = (code.len() == 3)
            .then_some(())
            .and(k1.as_ref().zip(c1))
            .and_then(|(k, col)| k.figure(ctx, code, col));
        c.group(r, &[], vec![f3, f2, f1], NOTE);
    }

    // A summary table split into 基本支出 (人员经费 + 公用经费) and 项目支出 per class.
    if let (Some(t1), Some(t3), Some(k1), Some(k3)) = (t1, t3, &k1, &k3) {
        let side = Some(Side::Expenditure);
        let basic1: Vec<usize> = t1
            .columns_of(side)
            .iter()
            .enumerate()
            .filter(|(_, c)| c.name.starts_with("基本支出"))
            .map(|(i, _)| i)
            .collect();
        let proj1 = column(t1, side, &["项目支出"]);
        let basic3 = column(t3, None, &["基本支出"]);
        let proj3 = column(t3, None, &["项目支出"]);
        let note = "收支总表各类的基本支出、项目支出与支出表一致 / the summary's basic and project spending per class agree with the expenditure table";
        let basic_of = |row: Option<&'a crate::model::Row>| -> Option<Figure<'a>> {
            let row = row?;
            let parts: Vec<Figure<'a>> = basic1
                .iter()
                .map(|&i| Figure::cell(ctx, t1, row, i))
                .collect();
            let name = super::common::row_name(row);
            Figure::sum(
                parts,
                format!(
                    "{}「{name}」基本支出（人员经费 + 公用经费）",
                    Context::table_name(t1)
                ),
                format!(
                    "{} row 「{name}」 basic spending (staff + running)",
                    Context::table_name(t1)
                ),
            )
        };
        if !basic1.is_empty() || proj1.is_some() {
            for code in codes.iter().filter(|c| c.len() == 3) {
                let row1 = k1.by_code.get(code).and_then(|v| v.first().copied());
                if let (Some(b3), false) = (basic3, basic1.is_empty()) {
                    c.group(r, &[], vec![k3.figure(ctx, code, b3), basic_of(row1)], note);
                }
                if let (Some(p1), Some(p3)) = (proj1, proj3) {
                    c.group(
                        r,
                        &[],
                        vec![
                            k3.figure(ctx, code, p3),
                            row1.map(|row| Figure::cell(ctx, t1, row, p1)),
                        ],
                        note,
                    );
                }
            }
            let total1 = total_row(t1, side, &["总计"]);
            if let (Some(b3), false) = (basic3, basic1.is_empty()) {
                c.group(
                    r,
                    &[],
                    vec![column_total(ctx, t3, b3), basic_of(total1)],
                    note,
                );
            }
            if let (Some(p1), Some(p3)) = (proj1, proj3) {
                c.group(
                    r,
                    &[],
                    vec![
                        column_total(ctx, t3, p3),
                        total1.map(|row| Figure::cell(ctx, t1, row, p1)),
                    ],
                    note,
                );
            }
        }
    }

    // The grand totals.
    let t3_total = t3.zip(c3).and_then(|(t, col)| column_total(ctx, t, col));
    let t2_total = t2.zip(c2).and_then(|(t, col)| column_total(ctx, t, col));
    // A budget's summary may carry spending over to next year too (年终结转结余 73,163.93 beside
    // 本年支出合计, wide/101): its 支出总计 and 收入总计 are then more than the year's spending.
    let carries_over = t1.is_some_and(|t| {
        t.rows.iter().any(|row| {
            row.side == Some(Side::Expenditure)
                && row.kind == RowKind::Item
                && row.code.is_none()
                && (row.label.contains("结转") || row.label.contains("结余"))
                && row.cells.iter().any(|c| !c.value.is_zero())
        })
    });
    let (inc_total, exp_total) = match t1 {
        Some(t) if fin || carries_over => {
            // 决算: 支出总计 includes the carry-over to next year; 本年支出合计 is the table's.
            let row = t.rows.iter().find(|row| {
                row.side == Some(Side::Expenditure)
                    && strip_ordinal(&row.label).0.starts_with("本年支出")
            });
            (None, row.map(|row| Figure::cell(ctx, t, row, 0)))
        }
        Some(t) => (
            total_row(t, Some(Side::Income), &["总计"]).map(|row| Figure::cell(ctx, t, row, 0)),
            total_row(t, Some(Side::Expenditure), &["总计"])
                .map(|row| Figure::cell(ctx, t, row, 0)),
        ),
        None => (None, None),
    };
    c.group(r, &[], vec![t3_total, t2_total, exp_total, inc_total], NOTE);
}
