//! X207 economic-vs-functional: the social-insurance and housing-fund payments of the basic
//! spending table by economic class (301 08, 301 09, 301 10, 301 11, 301 13) against the function
//! items that record the same payments in the expenditure table by function (208 05 05, 208 05 06,
//! 210 11 01–03, 221 02 01).
//!
//! The pairs are data ([`GROUPS`]): each function item's definition in 《政府收支分类科目》 names
//! the one payment the economic item records (208 05 05 机关事业单位基本养老保险缴费支出 "反映机关
//! 事业单位实施养老保险制度由单位缴纳的基本养老保险费支出" is 301 08 机关事业单位基本养老保险缴费),
//! so in the 基本支出 columns of the two 一般公共预算 tables they are the same amount. 303 01 离休费 and
//! 303 02 退休费 are part of 208 05 01/02 行政（事业）单位离退休, which also pays the retirees'
//! 公用经费 and allowances, and only for retirees under 归口管理: compared as ≤, when those items hold
//! an amount. 301 12 其他社会保障缴费 has no one function item (208 05 99, 210 11 99 …): not compared.

use super::common::{
    basic_cell, basic_columns, column, compare, econ_code, find, spaced_code, unit_note, year,
    Coded, Figure, Found, Verdict,
};
use crate::diag::{Diagnostic, Severity};
use crate::model::{Table, TableKind};
use crate::rules::{Context, Family, Rule, RuleDoc, Sink};

pub static RULE: Rule = Rule {
    code: "X207",
    name: "economic-vs-functional",
    family: Family::CrossTable,
    doc: RuleDoc {
        summary: "基本支出经济分类中的社会保险缴费、住房公积金与功能分类中对应科目的金额不相符",
        summary_en: "Social-insurance and housing-fund payments by economic class disagree with their function items",
        what: doc_text!("一般公共预算基本支出表（经济分类）与一般公共预算支出表（功能分类）是同一笔基本支出的两种分类。\
               下列经济科目与功能科目记录的是同一笔缴费，基本支出中的金额应当相同：\
               301 08 机关事业单位基本养老保险缴费 ↔ 208 05 05 机关事业单位基本养老保险缴费支出；\
               301 09 职业年金缴费 ↔ 208 05 06 机关事业单位职业年金缴费支出；\
               301 10 职工基本医疗保险缴费 + 301 11 公务员医疗补助缴费 ↔ 210 11 01 行政单位医疗 + 210 11 02 事业单位医疗 + \
               210 11 03 公务员医疗补助（两项之和相比较；和相符而 301 11 与 210 11 03 不等时，另报告缴费列错了科目）；\
               210 11 01 行政单位医疗还支付未参加医疗保险单位的公费医疗（经济分类 301 14 医疗费），301 14 有金额时，\
               功能科目之和应介于两项缴费之和与其加上医疗费之间；\
               301 13 住房公积金 ↔ 221 02 01 住房公积金（依据：《政府收支分类科目》中各功能科目的说明）。\
               303 01 离休费 + 303 02 退休费 不应多于 208 05 01 行政单位离退休 + 208 05 02 事业单位离退休：后者“反映实行归口管理的\
               行政（事业）单位开支的离退休经费”，除离退休费外还含离退休人员的公用经费、补贴，故只按“不多于”核对；\
               功能分类中没有这两项时，离退休人员未归口管理，离退休费列在本单位的功能科目下，不作判断。\
               301 12 其他社会保障缴费没有唯一对应的功能科目，不核对。\
               功能分类表有“基本支出”列时按该列比较；只有合计列时，合计中可能含项目支出，只在合计小于经济分类金额时报告。\
               经济科目有金额而功能分类表中没有对应科目（或反之），说明这笔缴费列在了其他功能科目（如行政运行）下，也报告。\
               金额不同能由四舍五入解释时为尾差；其余为警告（科目归类问题，不是算术上的不可能）。\
               两表中任一张未读取、经济分类表未列到款级或功能分类表未列到项级、或数字所在的列不能确定时不作判断。"),
        why: doc_text!("财政部门审核部门预算时核对经济分类与功能分类是否对应：养老、医疗保险缴费和住房公积金若列在行政运行等科目下，\
               功能分类就不能反映社会保障和住房保障支出的真实规模。"),
        example: doc_text!("基本支出表 301 08 机关事业单位基本养老保险缴费 57.99 万元，而一般公共预算支出表 208 05 05 \
                  机关事业单位基本养老保险缴费支出的基本支出为 50.00 万元：相差 7.99 万元，报告警告。"),
    },
    check,
};

/// An economic item and the function items that record the same payment.
struct Pair {
    econ: (&'static str, &'static str),
    functions: &'static [(&'static str, &'static str)],
}

/// Pairs whose sums must agree: one payment, or payments that may be booked under each other's
/// function items (the two medical contributions).
struct Group {
    name: &'static str,
    name_en: &'static str,
    pairs: &'static [Pair],
    /// The first fiscal year the codes hold for (the 2018 economic classification; the function
    /// items are older).
    since: u16,
    /// The economic items are only part of what the function items pay: compared as ≤, and only
    /// when the function items hold an amount.
    at_most: bool,
    /// Economic items the function items may also pay: 210 11 01 行政单位医疗 also pays the 公费医疗
    /// of units outside the medical insurance, booked as 301 14 医疗费. When they hold an amount, the
    /// function side lies between the pairs' economic sum and that sum with them.
    also: &'static [Pair],
}

/// The pairs, from the definitions of the function items in 《政府收支分类科目》.
const GROUPS: &[Group] = &[
    Group {
        name: "基本养老保险缴费",
        name_en: "basic pension contributions",
        pairs: &[Pair {
            econ: ("30108", "机关事业单位基本养老保险缴费"),
            functions: &[("2080505", "机关事业单位基本养老保险缴费支出")],
        }],
        since: 2018,
        at_most: false,
        also: &[],
    },
    Group {
        name: "职业年金缴费",
        name_en: "occupational annuity contributions",
        pairs: &[Pair {
            econ: ("30109", "职业年金缴费"),
            functions: &[("2080506", "机关事业单位职业年金缴费支出")],
        }],
        since: 2018,
        at_most: false,
        also: &[],
    },
    Group {
        name: "医疗保险缴费",
        name_en: "medical insurance contributions",
        pairs: &[
            Pair {
                econ: ("30110", "职工基本医疗保险缴费"),
                functions: &[("2101101", "行政单位医疗"), ("2101102", "事业单位医疗")],
            },
            Pair {
                econ: ("30111", "公务员医疗补助缴费"),
                functions: &[("2101103", "公务员医疗补助")],
            },
        ],
        since: 2018,
        at_most: false,
        also: &[Pair {
            econ: ("30114", "医疗费"),
            functions: &[],
        }],
    },
    Group {
        name: "住房公积金",
        name_en: "housing provident fund",
        pairs: &[Pair {
            econ: ("30113", "住房公积金"),
            functions: &[("2210201", "住房公积金")],
        }],
        since: 2018,
        at_most: false,
        also: &[],
    },
    // 208 05 01/02 行政（事业）单位离退休 "反映实行归口管理的行政（事业）单位…开支的离退休经费": the
    // 离休费 and 退休费 of retirees managed together are paid there, beside their 公用经费 and
    // allowances (so the function side may be larger); a unit whose retirees are not managed so books
    // them under its own items (so nothing is compared when the function side is empty).
    Group {
        name: "离退休费",
        name_en: "retirement pay",
        pairs: &[
            Pair {
                econ: ("30301", "离休费"),
                functions: &[("2080501", "行政单位离退休")],
            },
            Pair {
                econ: ("30302", "退休费"),
                functions: &[("2080502", "事业单位离退休")],
            },
        ],
        since: 2018,
        at_most: true,
        also: &[],
    },
];

/// The two tables, read, with the columns compared.
struct Tables<'a> {
    econ: &'a Table,
    /// The economic table's whole-amount columns ([`basic_columns`]).
    econ_cols: Vec<usize>,
    function: Coded<'a>,
    function_col: usize,
    /// The function column is 基本支出 (else 合计, which may hold project spending).
    basic: bool,
}

/// The economic side of pairs: each item's row in the 合计 column, zero for an item the table
/// (listed down to 款) does not have.
fn econ_figure<'a>(ctx: &Context, t: &Tables<'a>, pairs: &[&Pair]) -> Option<Figure<'a>> {
    let parts: Vec<Figure<'a>> = pairs
        .iter()
        .map(|p| {
            let (code, name) = p.econ;
            match t
                .econ
                .rows
                .iter()
                .find(|r| econ_code(r).as_deref() == Some(code))
            {
                Some(row) => basic_cell(ctx, t.econ, row, &t.econ_cols),
                None => Figure::zero(
                    ctx,
                    t.econ,
                    Some(code),
                    &format!("{} {name}", spaced_code(code)),
                ),
            }
        })
        .collect();
    let names: Vec<String> = pairs.iter().map(|p| spaced_code(p.econ.0)).collect();
    Figure::sum(
        parts,
        format!(
            "{}「{}」合计之和",
            Context::table_name(t.econ),
            names.join(" + ")
        ),
        format!(
            "{} sum of 「{}」",
            Context::table_name(t.econ),
            names.join(" + ")
        ),
    )
}

/// The function side of pairs: each function item's row (zero when the table, listed down to 项,
/// does not have it).
fn function_figure<'a>(ctx: &Context, t: &Tables<'a>, pairs: &[&Pair]) -> Option<Figure<'a>> {
    let codes: Vec<&str> = pairs
        .iter()
        .flat_map(|p| p.functions.iter().map(|f| f.0))
        .collect();
    let parts: Option<Vec<Figure<'a>>> = codes
        .iter()
        .map(|c| {
            // A 款 printed without any of its 项 is not listed down to 项 there, whatever other
            // classes do: its items cannot be said to be missing.
            let kuan = c.get(..5)?;
            let by_code = &t.function.by_code;
            let itemized = by_code.contains_key(*c)
                || !by_code.contains_key(kuan)
                || by_code.keys().any(|k| k.len() == 7 && k.starts_with(kuan));
            if !itemized {
                return None;
            }
            t.function.figure(ctx, c, t.function_col)
        })
        .collect();
    let col = t
        .function
        .table
        .columns_of(None)
        .get(t.function_col)
        .map_or("", |c| c.name.as_str());
    let names: Vec<String> = codes.iter().map(|c| spaced_code(c)).collect();
    Figure::sum(
        parts?,
        format!(
            "{}「{}」{col}之和",
            Context::table_name(t.function.table),
            names.join(" + ")
        ),
        format!(
            "{} {col} of 「{}」",
            Context::table_name(t.function.table),
            names.join(" + ")
        ),
    )
}

fn tables<'a>(ctx: &Context<'a>, sink: &mut Sink) -> Option<Tables<'a>> {
    let (econ, why_econ) = find(ctx, TableKind::GeneralBudgetBasic);
    let (function, why_function) = find(ctx, TableKind::GeneralBudget);
    for why in [why_econ, why_function].into_iter().flatten() {
        sink.skip(why);
    }
    let (Found::Read(econ), Found::Read(function)) = (econ, function) else {
        return None;
    };
    let econ_cols = basic_columns(econ)?;
    if !econ
        .rows
        .iter()
        .any(|r| econ_code(r).is_some_and(|c| c.len() == 5))
    {
        sink.skip(format!(
            "{}未列到款级，无法与功能分类核对",
            Context::table_name(econ)
        ));
        return None;
    }
    let function = Coded::new(function, None, year(ctx));
    if !function.lengths.contains(&7) {
        sink.skip(format!(
            "{}未列到项级，无法与经济分类核对",
            Context::table_name(function.table)
        ));
        return None;
    }
    let (function_col, basic) = match column(function.table, None, &["基本支出"]) {
        Some(c) => (c, true),
        None => (column(function.table, None, &["合计"])?, false),
    };
    Some(Tables {
        econ,
        econ_cols,
        function,
        function_col,
        basic,
    })
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some(t) = tables(ctx, sink) else {
        return;
    };
    let year = year(ctx);
    // Payments with no counterpart at all on the other side: one finding for all of them (a
    // document that books them under 行政运行 does so for every one).
    let mut unmatched: Vec<(&Group, Figure, Figure)> = Vec::new();
    for group in GROUPS {
        if year < group.since {
            sink.skip(format!(
                "{year} 年的经济分类不是 {} 年起的科目，未核对{}",
                group.since, group.name
            ));
            continue;
        }
        let pairs: Vec<&Pair> = group.pairs.iter().collect();
        let (Some(e), Some(f)) = (
            econ_figure(ctx, &t, &pairs),
            function_figure(ctx, &t, &pairs),
        ) else {
            continue;
        };
        if e.value.is_zero() && f.value.is_zero() {
            continue;
        }
        // (Only a group with such items, when both they and the function side hold an amount.)
        let also: Vec<&Pair> = group.also.iter().collect();
        let also_paid = !also.is_empty()
            && !f.value.is_zero()
            && econ_figure(ctx, &t, &also).is_some_and(|a| !a.value.is_zero());
        if let Some(whole) = also_paid
            .then(|| econ_figure(ctx, &t, &[pairs.as_slice(), also.as_slice()].concat()))
            .flatten()
        {
            sink.checked += 1;
            if e.ambiguous || f.ambiguous || whole.ambiguous {
                continue;
            }
            // Below the contributions, or (in a 基本支出 column) above them with the items also paid.
            let outside = if f.value < e.value && compare(&e, &f) == Verdict::Mismatch {
                Some(&e)
            } else if t.basic && f.value > whole.value && compare(&whole, &f) == Verdict::Mismatch {
                Some(&whole)
            } else {
                None
            };
            if let Some(bound) = outside {
                sink.push(finding(group, bound, &f, Severity::Warning));
            }
            continue;
        }
        if group.at_most {
            if f.value.is_zero() {
                sink.skip(format!(
                    "功能分类中没有归口管理的{}（208 05 01/02），{}未核对",
                    group.name, group.name
                ));
                continue;
            }
            sink.checked += 1;
            if !(e.ambiguous || f.ambiguous)
                && e.value > f.value
                && compare(&e, &f) == Verdict::Mismatch
            {
                sink.push(finding(group, &e, &f, Severity::Warning));
            }
            continue;
        }
        sink.checked += 1;
        if e.ambiguous || f.ambiguous {
            sink.skip(format!(
                "{}：表中数字所在的列不能确定，未核对经济分类与功能分类",
                group.name
            ));
            continue;
        }
        match compare(&e, &f) {
            Verdict::Consistent => {}
            Verdict::Rounding => {
                sink.push(finding(group, &e, &f, Severity::Rounding));
                continue;
            }
            // The 合计 column may hold project spending on the same item.
            Verdict::Mismatch if !t.basic && f.value > e.value => continue,
            Verdict::Mismatch if e.value.is_zero() || f.value.is_zero() => {
                unmatched.push((group, e, f));
                continue;
            }
            Verdict::Mismatch => {
                sink.push(finding(group, &e, &f, Severity::Warning));
                continue;
            }
        }
        // The sums agree: each payment under its own function items.
        let split: Vec<(Figure, Figure)> = pairs
            .iter()
            .filter_map(|p| Some((econ_figure(ctx, &t, &[p])?, function_figure(ctx, &t, &[p])?)))
            .filter(|(e1, f1)| compare(e1, f1) == Verdict::Mismatch)
            .collect();
        if !split.is_empty() {
            sink.push(split_finding(group, &split, &e, &f));
        }
    }
    for side_is_econ in [true, false] {
        let these: Vec<&(&Group, Figure, Figure)> = unmatched
            .iter()
            .filter(|(_, e, _)| e.value.is_zero() != side_is_econ)
            .collect();
        if !these.is_empty() {
            sink.push(unmatched_finding(&these, side_is_econ));
        }
    }
}

/// Where a figure is, for a label: its cell, or the title of the table that has no such row.
fn label(f: &Figure) -> (String, String) {
    if f.cells.is_empty() {
        (f.what(), f.what_en())
    } else {
        (
            format!("{} {}", f.what(), f.shown()),
            format!("{} {}", f.what_en(), f.shown()),
        )
    }
}

/// The items of a side that a table does not have: `「210 11 01」「210 11 02」`.
fn codes(pairs: &[Pair], econ: bool) -> String {
    pairs
        .iter()
        .flat_map(|p| {
            if econ {
                vec![p.econ]
            } else {
                p.functions.to_vec()
            }
        })
        .map(|(c, n)| format!("「{} {n}」", spaced_code(c)))
        .collect()
}

/// Payments printed on one side with no amount under their items on the other.
fn unmatched_finding(these: &[&(&Group, Figure, Figure)], printed_econ: bool) -> Diagnostic {
    // Each payment as (group, the figure printed, the zero of the side without it).
    let oriented: Vec<(&Group, &Figure, &Figure)> = these
        .iter()
        .map(|(g, e, f)| if printed_econ { (*g, e, f) } else { (*g, f, e) })
        .collect();
    let (_, first_shown, first_absent) = oriented[0];
    let absent_table = Context::table_name(first_absent.table);
    let shown_table = Context::table_name(first_shown.table);
    let listed: Vec<String> = oriented
        .iter()
        .map(|(g, shown, _)| format!("{} {}", codes(g.pairs, printed_econ), shown.shown()))
        .collect();
    let missing: String = oriented
        .iter()
        .map(|(g, _, _)| codes(g.pairs, !printed_econ))
        .collect();
    let names: Vec<&str> = these.iter().map(|(g, _, _)| g.name).collect();
    let names_en: Vec<&str> = these.iter().map(|(g, _, _)| g.name_en).collect();
    let (zh, en) = if printed_econ {
        (
            format!(
                "{shown_table}中 {}；而{absent_table}没有对应的功能科目{missing}：这些{}列在了其他功能科目下（如行政运行），应列入对应科目。",
                listed.join("、"),
                names.join("、")
            ),
            format!(
                "{shown_table} has {}; but {absent_table} has no amount under the matching function items: the {} are booked under other function items (such as 行政运行).",
                listed.join(", "),
                names_en.join(", ")
            ),
        )
    } else {
        (
            format!(
                "{shown_table}中 {}；而{absent_table}没有对应的经济科目{missing}：两表记录的是同一笔{}，应当一致。",
                listed.join("、"),
                names.join("、")
            ),
            format!(
                "{shown_table} has {}; but {absent_table} has no amount under the matching economic items: both record the same {}.",
                listed.join(", "),
                names_en.join(", ")
            ),
        )
    };
    let (p_zh, p_en) = label(first_shown);
    let mut d = Diagnostic::new(RULE.code, RULE.name, Severity::Warning, zh, en)
        .primary(first_shown.span, p_zh, p_en)
        .related(
            first_absent.span,
            format!("{absent_table}：无{missing}"),
            format!("{absent_table}: no such rows"),
        );
    for (_, shown, _) in &oriented[1..] {
        for c in &shown.cells {
            d = d.related(
                c.span,
                format!("{} {}", shown.what(), c.value),
                format!("{} {}", shown.what_en(), c.value),
            );
        }
    }
    d.note(
        "经济分类与功能分类中的同一笔缴费应当一致 / one payment by economic and by function class",
    )
}

fn finding(group: &Group, e: &Figure, f: &Figure, severity: Severity) -> Diagnostic {
    let diff = e.amount((e.value - f.value).abs());
    let f_in_e = e.amount(f.value);
    let tail = if severity == Severity::Rounding {
        "可由四舍五入解释（尾差）".to_string()
    } else {
        format!(
            "两者记录的是同一笔{}，请核对是否有部分列在了其他功能科目下",
            group.name
        )
    };
    let tail_en = if severity == Severity::Rounding {
        "which rounding explains".to_string()
    } else {
        format!(
            "both record the same {}: check whether part of it is booked under another function item",
            group.name_en
        )
    };
    let zh = format!(
        "{} 为 {}，而{} 为 {}，相差 {diff}：{tail}。",
        e.what(),
        e.shown(),
        f.what(),
        f_in_e,
    );
    let en = format!(
        "{} is {}, but {} is {}, a difference of {diff}: {tail_en}.",
        e.what_en(),
        e.shown(),
        f.what_en(),
        f_in_e,
    );
    let (p_zh, p_en) = label(e);
    let mut d = Diagnostic::new(RULE.code, RULE.name, severity, zh, en)
        .primary(e.span, p_zh, p_en)
        .expected_actual(f_in_e, e.printed.to_string());
    for c in e.cells.iter().skip(1) {
        d = d.related(c.span, c.value.to_string(), c.value.to_string());
    }
    for c in &f.cells {
        d = d.related(
            c.span,
            format!("{} {}", f.what(), c.value),
            format!("{} {}", f.what_en(), c.value),
        );
    }
    let d = d.note(format!(
        "经济分类与功能分类中的{}是同一笔支出 / the {} by economic and by function class are one payment",
        group.name, group.name_en
    ));
    unit_note(d, e, f)
}

/// The sums of a group agree but payments stand under each other's function items.
fn split_finding(group: &Group, split: &[(Figure, Figure)], e: &Figure, f: &Figure) -> Diagnostic {
    let items: Vec<String> = split
        .iter()
        .map(|(e1, f1)| {
            format!(
                "{} {} ↔ {} {}",
                e1.what(),
                e1.shown(),
                f1.what(),
                e1.amount(f1.value)
            )
        })
        .collect();
    let items_en: Vec<String> = split
        .iter()
        .map(|(e1, f1)| {
            format!(
                "{} {} ↔ {} {}",
                e1.what_en(),
                e1.shown(),
                f1.what_en(),
                e1.amount(f1.value)
            )
        })
        .collect();
    let (e1, f1) = &split[0];
    let (primary, other) = if e1.cells.is_empty() {
        (f1, e1)
    } else {
        (e1, f1)
    };
    let (p_zh, p_en) = label(primary);
    let (o_zh, o_en) = label(other);
    let mut d = Diagnostic::new(
        RULE.code,
        RULE.name,
        Severity::Warning,
        format!(
            "{}两表合计相符（{} 与 {}），但各项不对应：{}。缴费列在了另一项科目下，应列入各自的功能科目。",
            group.name,
            e.shown(),
            f.amount(f.value),
            items.join("；")
        ),
        format!(
            "The {} agree in total ({} and {}), but not item by item: {}. A payment is booked under another item.",
            group.name_en,
            e.shown(),
            f.amount(f.value),
            items_en.join("; ")
        ),
    )
    .primary(primary.span, p_zh, p_en)
    .related(other.span, o_zh, o_en)
    .expected_actual(e1.amount(f1.value), e1.printed.to_string());
    for (e2, f2) in &split[1..] {
        for x in [e2, f2] {
            let (zh, en) = label(x);
            d = d.related(x.span, zh, en);
        }
    }
    let d =
        d.note("各项缴费应列入各自的功能科目 / each payment belongs under its own function item");
    unit_note(d, e1, f1)
}
