//! X205 carry-over-disagrees: the 上年结转结余情况明细表 against the 上年结转结余 items of the 收支总表
//! and the carry-over columns of the 收入表.

use super::common::{
    column, column_total, find, income_items, is_final, source_of_column, total_row, Figure, Found,
    Source,
};
use super::engine::Collector;
use crate::model::{Table, TableKind};
use crate::rules::{Context, Family, Rule, RuleDoc, Sink};

pub static RULE: Rule = Rule {
    code: "X205",
    name: "carry-over-disagrees",
    family: Family::CrossTable,
    doc: RuleDoc {
        summary: "上年结转结余情况明细表与收支总表、收入表的上年结转结余不一致",
        summary_en: "The carry-over table disagrees with the carry-over in the summary or income table",
        what: doc_text!("上年结转结余情况明细表总计行：“合计” = 收支总表“二、上年结转结余”；“财政拨款/小计” = 收支总表“财政拨款结转” = 收入表“财政拨款结转”列合计；\
               “非财政拨款/小计” = 收支总表“非财政拨款结转结余” = 收入表“非财政拨款结转结余”列合计。\
               明细表声明为空表时，上述各项应为 0。没有明细表的样式（如上海）中，收支总表与收入表之间的同一比较由 X206 报告。\
               单位不同先换算；能由舍入解释的差异为尾差，否则为错误。"),
        why: doc_text!("上年结转结余是部门可用资金的一部分，明细表是收支总表中这一项的展开；两者不符，说明结转资金被漏列或多列。"),
        example: doc_text!("收支总表“二、上年结转结余 715.73”“1.财政拨款结转 575.73”“2.非财政拨款结转结余 140.00”，\
                  明细表总计“715.73 575.73 … 140.00”：一致。若明细表声明为空表，而收支总表列有 715.73，报告为错误。"),
    },
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    super::report(ctx, sink, RULE.code, RULE.name);
}

const ITEMS: [(Source, &str); 3] = [
    (Source::CarryTotal, "合计"),
    (Source::FiscalCarry, "财政拨款/小计"),
    (Source::NonFiscalCarry, "非财政拨款/小计"),
];

fn carry_table_figure<'a>(ctx: &Context, t: Found<'a>, col: &str) -> Option<Figure<'a>> {
    match t {
        Found::Read(t) => {
            let c = column(t, None, &[col])?;
            match total_row(t, None, &["总计", "合计"]) {
                Some(row) => Some(Figure::cell(ctx, t, row, c)),
                None => column_total(ctx, t, c),
            }
        }
        Found::Empty(t) => Some(Figure::zero(ctx, t, None, "总计")),
        Found::Unusable => None,
    }
}

fn income_column(t2: &Table, src: Source) -> Option<usize> {
    t2.columns
        .iter()
        .position(|c| source_of_column(&c.name, false) == Some(src))
}

pub(super) fn build<'a>(ctx: &Context<'a>, c: &mut Collector<'a>) {
    if is_final(ctx) {
        c.skip(
            RULE.code,
            Some("决算没有上年结转结余情况明细表，年初结转和结余在收入支出决算总表中".to_string()),
        );
        return;
    }
    let (t11, why11) = find(ctx, TableKind::CarryOver);
    c.skip(RULE.code, why11);
    // Without the carry-over table the summary/income comparison is X206's.
    let rule = if t11.usable() { RULE.code } else { "X206" };
    let t1 = find(ctx, TableKind::IncomeExpenditure).0.read();
    let t2 = find(ctx, TableKind::Income).0.read();
    let items1 = t1.map(income_items).unwrap_or_default();
    for (src, col11) in ITEMS {
        let f11 = carry_table_figure(ctx, t11, col11);
        let f1 = t1
            .zip(items1.get(&src))
            .map(|(t, row)| Figure::cell(ctx, t, row, 0));
        let f2 = t2.and_then(|t| {
            let fig = |s: Source| income_column(t, s).and_then(|col| column_total(ctx, t, col));
            match src {
                Source::CarryTotal => {
                    let parts: Vec<Figure<'a>> = [Source::FiscalCarry, Source::NonFiscalCarry]
                        .into_iter()
                        .filter_map(fig)
                        .collect();
                    if parts.len() < 2 {
                        return None;
                    }
                    Figure::sum(
                        parts,
                        format!(
                            "{}“财政拨款结转”与“非财政拨款结转结余”列合计之和",
                            Context::table_name(t)
                        ),
                        format!(
                            "{} fiscal plus non-fiscal carry-over columns",
                            Context::table_name(t)
                        ),
                    )
                }
                s => fig(s),
            }
        });
        c.group(
            rule,
            &[(TableKind::CarryOver, RULE.code)],
            vec![f2, f1, f11],
            format!(
                "上年结转结余情况明细表、收支总表、收入表的“{}”相等 / the carry-over table, the summary and the income table agree on {}",
                src.name(),
                src.name_en()
            ),
        );
    }
}
