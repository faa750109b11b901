//! The funding figures of 绩效目标表 (performance-target forms).
//!
//! These forms are mostly prose and indicators; the reader takes only their money: the 资金来源 of the
//! 整体绩效目标表 (上级安排 / 本级安排 / 其他, and 资金总额 where printed) and the 项目资金 of each
//! 项目支出绩效目标表 (年度预算总额 / 其中：财政拨款 / 其他资金), plus the project's name and its cost
//! indicators' ceilings in 万元 when they can cover its 年度预算总额 ([`COST`] rows).
//! A figure belongs to a label when the text just before it (wrapped fragments joined) ends with it.

use super::lex::{self, squeeze, Tk, Token};
use super::regions::Region;
use crate::model::{Cell, Column, Row, RowKind, Table, TableKind, TableStatus, COST};
use crate::source::{floor_char_boundary, Span};
use rust_decimal::Decimal;

const OVERALL: &[&str] = &["资金总额", "上级安排", "本级安排", "其他"];
const PROJECT: &[&str] = &["年度预算总额", "财政拨款", "其他资金"];

pub fn read(src: &str, tokens: &lex::Tokens, region: &Region, table: &mut Table) {
    let labels = if region.kind == TableKind::PerformanceOverall {
        OVERALL
    } else {
        PROJECT
    };
    table.columns = vec![Column {
        name: "金额".to_string(),
    }];
    let toks: Vec<Token> = (region.title + 1..region.end)
        .flat_map(|i| tokens.line(i))
        .copied()
        .collect();
    let mut before = String::new();
    let mut before_span: Option<Span> = None;
    // Inside the 成本指标 of a project's indicators.
    let mut in_costs = false;
    for (k, t) in toks.iter().enumerate() {
        match t.kind {
            Tk::Text => {
                let w = squeeze(t.text(src));
                if w == "项目名称" && table.subject.is_none() {
                    table.subject = project_name(src, &toks[k + 1..]);
                }
                before.push_str(&w);
                before_span = Some(t.span);
                if region.kind == TableKind::PerformanceProject {
                    in_costs = costs_from(&before, w.len(), in_costs);
                }
                // "≤16" and "< =3.50" are text to the lexer: the bound glued to its figure.
                let ceiling = in_costs
                    .then(|| cost_ceiling(&before))
                    .flatten()
                    // The figure ends this token as printed, so its span is the token's last bytes.
                    .filter(|(n, _)| {
                        t.text(src).ends_with(&before[before.len() - n..])
                            && *n <= w.len()
                            && per_wan(src, &toks[k + 1..])
                    });
                if let Some((n, value)) = ceiling {
                    let end = t.span.end;
                    let at = Span::new(end - n, end);
                    table
                        .rows
                        .push(amount_row(RowKind::Item, COST, t.span, value, at));
                    before.clear();
                    before_span = None;
                }
            }
            Tk::Figure | Tk::Int => {
                let key = before.trim_end_matches(['：', ':']);
                let found = labels
                    .iter()
                    .filter(|l| key.ends_with(*l))
                    .max_by_key(|l| l.len());
                if let (Some(label), Some(v), Some(span)) = (found, t.value(src), before_span) {
                    if !table.rows.iter().any(|r| r.label == *label) {
                        let kind = if *label == "资金总额" || *label == "年度预算总额" {
                            RowKind::Total
                        } else {
                            RowKind::Item
                        };
                        table.rows.push(amount_row(kind, label, span, v, t.span));
                    }
                }
                before.clear();
                before_span = None;
            }
            _ => {}
        }
    }
    keep_complete_costs(table);
    table.status = if table.rows.is_empty() {
        TableStatus::Empty { statement: None }
    } else {
        TableStatus::Read
    };
}

/// Keeps a project's cost ceilings only when they can cover its 年度预算总额: then they are the
/// breakdown of its money, a component list N307 checks. Ceilings that cover part of it (the rest
/// has no cost indicator, or one per unit) say nothing about the total and are dropped.
fn keep_complete_costs(table: &mut Table) {
    use crate::amount::half_unit;
    let costs = table
        .rows
        .iter()
        .filter(|r| r.label == COST)
        .flat_map(|r| &r.cells);
    let (sum, half) = costs.fold((Decimal::ZERO, Decimal::ZERO), |(s, h), c| {
        (s + c.value, h + half_unit(c.value))
    });
    let total = table
        .rows
        .iter()
        .find(|r| r.kind == RowKind::Total)
        .and_then(|r| r.cell(0));
    let covers = total.is_some_and(|t| sum + half >= t.value - half_unit(t.value));
    if !covers {
        table.rows.retain(|r| r.label != COST);
    }
}

/// Whether the indicators from here on are cost indicators: from "成本指标" (its first three
/// characters may end a line) to the next kind of indicator (质量/时效/数量指标, 效益/满意度指标).
/// Only the end of `before` that `added` bytes could complete a marker in is searched: the state
/// `now` holds for the rest, so the reader stays linear in a long run of text.
fn costs_from(before: &str, added: usize, now: bool) -> bool {
    const OTHERS: [&str; 6] = [
        "效益指标",
        "满意度指标",
        "质量指标",
        "时效指标",
        "数量指标",
        "效果指标",
    ];
    // The longest marker, 满意度指标, less one character.
    const REACH: usize = "满意度指".len();
    let tail = &before[floor_char_boundary(before, before.len().saturating_sub(added + REACH))..];
    let cost = tail.rfind("成本指");
    let other = OTHERS.iter().filter_map(|w| tail.rfind(w)).max();
    match (cost, other) {
        (Some(c), Some(o)) => c > o,
        (Some(_), None) => true,
        (None, Some(_)) => false,
        (None, None) => now,
    }
}

/// A row of one amount (the 金额 column).
fn amount_row(kind: RowKind, label: &str, label_span: Span, value: Decimal, span: Span) -> Row {
    Row {
        kind,
        side: None,
        code: None,
        code_span: None,
        label: label.to_string(),
        label_span,
        item: None,
        cells: vec![Cell {
            column: 0,
            value,
            span,
            alternatives: Vec::new(),
        }],
    }
}

/// An upper bound at the end of `text`: "≤16", "<=18.58" → (the figure's length in bytes, its value).
fn cost_ceiling(text: &str) -> Option<(usize, Decimal)> {
    let digits = text
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit() || matches!(c, '.' | ','))
        .last()?
        .0;
    let figure = &text[digits..];
    let bounded = ["≤", "<=", "＜=", "≦"]
        .iter()
        .any(|b| text[..digits].ends_with(b));
    let value = crate::amount::parse_figure(figure)?;
    bounded.then_some((figure.len(), value))
}

/// The unit after a cost figure is 万元, not per unit (万元/辆).
fn per_wan(src: &str, after: &[Token]) -> bool {
    let next: String = after
        .iter()
        .take_while(|t| t.kind == Tk::Text)
        .take(2)
        .map(|t| squeeze(t.text(src)))
        .collect();
    next.starts_with('万') && !next.contains('/')
}

/// The words after 项目名称, up to 项目负责人 or the end of the line.
fn project_name(src: &str, rest: &[Token]) -> Option<String> {
    let line = rest.first()?.line;
    let name: String = rest
        .iter()
        .take_while(|t| {
            let w = squeeze(t.text(src));
            t.line <= line + 3
                && !w.starts_with("项目负责人")
                && !w.starts_with("项目资金")
                && !w.starts_with("主管部门")
        })
        .filter(|t| t.kind != Tk::Empty)
        .map(|t| squeeze(t.text(src)))
        .collect();
    (!name.is_empty()).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Feeds text pieces as the reader does, returning whether the last one is among cost indicators.
    fn after(pieces: &[&str]) -> bool {
        let mut before = String::new();
        let mut now = false;
        for w in pieces {
            before.push_str(w);
            now = costs_from(&before, w.len(), now);
        }
        now
    }

    #[test]
    fn cost_indicators_run_from_their_heading_to_the_next_kind() {
        // 003's fragments: the heading split over lines, a long indicator name after it.
        assert!(after(&[
            "质量指标",
            "成本指",
            "标",
            "经济成",
            "本指标",
            "2023 年第四季度场地费上缴国库（万元）<="
        ]));
        assert!(!after(&[
            "成本指标",
            "办公费用≤16",
            "万元计划标准",
            "效益",
            "指标"
        ]));
        assert!(!after(&["时效指标", "经费支付及时率"]));
    }

    #[test]
    fn a_ceiling_is_a_bound_glued_to_its_figure() {
        assert_eq!(cost_ceiling("办公费用≤16"), Some((2, Decimal::from(16))));
        assert_eq!(cost_ceiling("车辆租赁费用<=3.50").map(|c| c.0), Some(4));
        assert_eq!(cost_ceiling("计划标准17"), None);
    }
}
