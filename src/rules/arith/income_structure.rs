//! A104 income-items-mismatch: the income side of a summary table does not add up by its numbering.

use crate::amount::{agree, sum_printed, Agreement, Interval};
use crate::diag::Diagnostic;
use crate::model::{fiscal_fund, Row, RowKind, Side, Table};
use crate::rules::{Context, Family, Rule, RuleDoc, Sink};
use rust_decimal::Decimal;

pub static RULE: Rule = Rule {
    code: "A104",
    name: "income-items-mismatch",
    family: Family::Arithmetic,
    doc: RuleDoc {
        summary: "收入项目与其编号层级不符",
        summary_en: "Income items do not add up by their numbering",
        what: doc_text!("收支总表（及财政拨款收支总表）的收入一侧按编号分级：“一、本年收入”“二、上年结转结余”等一级项目之和 = 收入总计；\
               一级项目 = 其下“1.”“2.”…二级项目之和；“其中：”及其后未编号的细项之和不得超过其上级项目。\
               “本年收入合计”之后另有总计时（决算：使用非财政拨款结余、年初结转和结余；预算：上年结余、结转），\
               总计 = 本年收入合计 + 其间各结转结余项目（其下按编号或按资金来源列出的细项不重复计入；其间有其他金额时不作判断）。\
               按区间算术区分尾差与错误。"),
        why: doc_text!("收入来源是预算的基础数据，层级之和不符说明某一收入项目印错或漏列。"),
        example: doc_text!("“一、本年收入 388.89”下列“1.一般公共预算拨款 388.86”与“5.单位资金 0.03”，之和 388.89，一致；\
                  若“其中：一般财力”印为 398.86，超过其上级“1.一般公共预算拨款 388.86”，报告为错误。"),
    },
    check,
};

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Level {
    /// 一、 二、 …
    First,
    /// 1. 2. …
    Second,
    /// (1) (2) … (Xi'an: `1、财政拨款` ⏎ `(1)一般公共预算拨款`)
    Third,
    /// 其中： and the unnumbered items after it.
    Detail,
}

fn level(label: &str) -> Level {
    let numerals = "一二三四五六七八九十";
    let head: String = label
        .chars()
        .take_while(|c| numerals.contains(*c))
        .collect();
    if !head.is_empty() && label[head.len()..].starts_with('、') {
        return Level::First;
    }
    let digits = label.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && label[digits..].starts_with(['.', '．', '、']) {
        return Level::Second;
    }
    if let Some(inner) = label.strip_prefix(['(', '（']) {
        let digits = inner.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && inner[digits..].starts_with([')', '）']) {
            return Level::Third;
        }
    }
    Level::Detail
}

/// The number of a first-level item (`三、` → 3), for `一` … `九十九`.
fn ordinal(label: &str) -> Option<u32> {
    let digit = |c: char| "一二三四五六七八九".find(c).map(|i| i as u32 / 3 + 1);
    let head: Vec<char> = label.chars().take_while(|&c| c != '、').collect();
    match head.as_slice() {
        ['十'] => Some(10),
        [a] => digit(*a),
        ['十', b] => Some(10 + digit(*b)?),
        [a, '十'] => Some(10 * digit(*a)?),
        [a, '十', b] => Some(10 * digit(*a)? + digit(*b)?),
        _ => None,
    }
}

fn first_value(r: &Row) -> (Decimal, Interval) {
    r.cells
        .first()
        .map_or((Decimal::ZERO, Interval::exact(Decimal::ZERO)), |c| {
            (c.value, Interval::of_printed(c.value))
        })
}

fn check(ctx: &Context, sink: &mut Sink) {
    for t in ctx.read_tables().filter(|t| t.kind.is_two_sided()) {
        let income: Vec<&Row> = t
            .rows
            .iter()
            .filter(|r| r.side == Some(Side::Income))
            .collect();
        let total = income.iter().position(|r| r.kind == RowKind::Total);
        let firsts: Vec<usize> = (0..income.len())
            .filter(|&i| income[i].kind != RowKind::Total)
            .filter(|&i| level(&income[i].label) == Level::First)
            .collect();
        // The first-level items of one list are numbered 一、二、三 … in order. Where the numbering
        // starts again (一、二、三 of 本年收入, 本年收入合计, 上年结转结余, then 一、二、三 of the
        // carry-over), the total is compared with the list before it, and only when it stands
        // between the two lists.
        let restart = firsts.windows(2).position(|w| {
            !matches!((ordinal(&income[w[0]].label), ordinal(&income[w[1]].label)),
                (Some(a), Some(b)) if b > a)
        });
        let (list, comparable) = match restart {
            None => (&firsts[..], true),
            Some(k) => (
                &firsts[..=k],
                total.is_some_and(|p| p > firsts[k] && p < firsts[k + 1]),
            ),
        };
        // An item printed blank over parts that hold figures is a subtotal left unfilled (Xi'an's
        // `一、部门预算` and `1、财政拨款` over `(1)一般公共预算拨款收入 181716.56`, wide/124): its
        // amount is not printed, not zero, so no identity with it is judged.
        let unfilled: Vec<bool> = (0..income.len())
            .map(|i| {
                income[i].cells.is_empty()
                    && income[i].kind != RowKind::Total
                    && below(&income, i)
                        .iter()
                        .any(|r| r.cells.iter().any(|c| !c.value.is_zero()))
            })
            .collect();
        let filled = |rows: &[usize]| rows.iter().all(|&i| !unfilled[i]);
        if let Some(p) = total {
            if !list.is_empty() && comparable && filled(list) {
                let rows: Vec<&Row> = list.iter().map(|&i| income[i]).collect();
                compare(t, income[p], &rows, true, sink);
            }
        }
        if let Some(p) = total {
            carried_total(t, &income, p, sink);
        }
        // Each item with the items below it.
        for (i, parent) in income.iter().enumerate() {
            if parent.kind == RowKind::Total {
                continue;
            }
            let lv = level(&parent.label);
            if lv == Level::Detail || unfilled[i] {
                continue;
            }
            let below: Vec<usize> = (i + 1..i + 1 + below(&income, i).len()).collect();
            // The next numbered level under the item adds up to it (一、 = Σ 1., 1. = Σ (1)).
            let numbered = below
                .iter()
                .map(|&k| level(&income[k].label))
                .filter(|&l| l != Level::Detail)
                .min();
            let parts: Vec<usize> = below
                .iter()
                .copied()
                .filter(|&k| Some(level(&income[k].label)) == numbered)
                .collect();
            let rows = |ks: &[usize]| -> Vec<&Row> { ks.iter().map(|&k| income[k]).collect() };
            if !parts.is_empty() {
                if filled(&parts) {
                    compare(t, parent, &rows(&parts), true, sink);
                }
            } else if !below.is_empty() {
                // Details directly under this item: their sum may not exceed it.
                compare(t, parent, &rows(&below), false, sink);
            }
        }
    }
}

/// The items under the item at `i`: those after it of a lower level, up to the next item of its
/// level or above, or a total row (本年收入合计: what follows it is no item's detail).
fn below<'r, 'a>(income: &'r [&'a Row], i: usize) -> &'r [&'a Row] {
    let lv = level(&income[i].label);
    let n = income[i + 1..]
        .iter()
        .take_while(|r| r.kind != RowKind::Total && level(&r.label) > lv)
        .count();
    &income[i + 1..i + 1 + n]
}

/// The total after 本年收入合计 (at `first`) adds the carried-over items printed between the two
/// (决算: 总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余). An item naming a carry-over
/// (结转, 结余) is added; its details are not added again: the items numbered under it (`1.财政拨款
/// 结余、结转`) and those naming a fund without a carry-over (its split by fund, `一般公共预算财政
/// 拨款`). Any other figure between the totals leaves the total unchecked.
fn carried_total(t: &Table, income: &[&Row], first: usize, sink: &mut Sink) {
    let Some(offset) = income[first + 1..]
        .iter()
        .position(|r| r.kind == RowKind::Total)
    else {
        return;
    };
    let last = first + 1 + offset;
    let carried = |r: &Row| {
        !matches!(level(&r.label), Level::Second | Level::Third)
            && (r.label.contains("结转") || r.label.contains("结余"))
    };
    let detail = |r: &Row| {
        matches!(level(&r.label), Level::Second | Level::Third)
            || (fiscal_fund(&r.label).is_some()
                && !r.label.contains("结转")
                && !r.label.contains("结余"))
    };
    let between = &income[first + 1..last];
    let unknown = between
        .iter()
        .any(|r| !carried(r) && !detail(r) && !first_value(r).0.is_zero());
    if unknown || !between.first().is_some_and(|r| carried(r)) {
        return;
    }
    let mut addends: Vec<&Row> = vec![income[first]];
    addends.extend(between.iter().copied().filter(|r| carried(r)));
    compare(t, income[last], &addends, true, sink);
}

/// `exact`: parent = Σ children; otherwise Σ children ≤ parent.
fn compare(t: &Table, parent: &Row, children: &[&Row], exact: bool, sink: &mut Sink) {
    if parent.cells.is_empty() && children.iter().all(|c| c.cells.is_empty()) {
        return;
    }
    sink.checked += 1;
    let (pv, piv) = first_value(parent);
    let (sum, siv) = sum_printed(children.iter().map(|c| first_value(c)));
    let verdict = if exact {
        agree(pv, sum, siv)
    } else if sum <= pv {
        Agreement::Exact
    } else if siv.lo <= piv.hi {
        Agreement::Rounding
    } else {
        Agreement::Mismatch
    };
    if verdict == Agreement::Exact {
        return;
    }
    let severity = crate::rules::context::severity(verdict);
    let names: Vec<&str> = children.iter().map(|c| c.label.as_str()).collect();
    let (relation, relation_en) = if exact {
        ("之和", "add up to")
    } else {
        ("之和超过其上级", "exceed it, adding up to")
    };
    let span = parent.cells.first().map_or(parent.label_span, |c| c.span);
    let mut d = Diagnostic::new(
        RULE.code,
        RULE.name,
        severity,
        format!(
            "{}收入项目「{}」为 {pv}，其下 {} 项{relation} {sum}。",
            Context::table_name(t),
            parent.label,
            children.len()
        ),
        format!(
            "{}: income item 「{}」 is {pv}, but its {} sub-items {relation_en} {sum}.",
            Context::table_name(t),
            parent.label,
            children.len()
        ),
    )
    .primary(
        span,
        format!("{pv}，其下各项之和 {sum}"),
        format!("{pv}; sub-items add up to {sum}"),
    )
    .expected_actual(sum.to_string(), pv.to_string())
    .note(if exact {
        format!("{} = {}", parent.label, names.join(" + "))
    } else {
        format!("{} ≥ {}", parent.label, names.join(" + "))
    });
    for c in children {
        if let Some(cell) = c.cells.first() {
            d = d.related(
                cell.span,
                format!("{} {}", c.label, cell.value),
                format!("{} {}", c.label, cell.value),
            );
        }
    }
    sink.push(d);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_of_first_level_items() {
        assert_eq!(ordinal("三、国有资本经营预算资金"), Some(3));
        assert_eq!(ordinal("十、节能环保支出"), Some(10));
        assert_eq!(ordinal("十九、住房保障支出"), Some(19));
        assert_eq!(ordinal("二十三、其他支出"), Some(23));
        assert_eq!(ordinal("二十、国有资本经营预算支出"), Some(20));
        assert_eq!(ordinal("上年结转结余"), None);
    }
}
