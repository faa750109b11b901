//! The funding figures of 绩效目标表 (performance-target forms).
//!
//! These forms are mostly prose and indicators; the reader takes only their money: the 资金来源 of the
//! 整体绩效目标表 (上级安排 / 本级安排 / 其他, and 资金总额 where printed) and the 项目资金 of each
//! 项目支出绩效目标表 (年度预算总额 / 其中：财政拨款 / 其他资金), plus the project's name.
//! A figure belongs to a label when the text just before it (wrapped fragments joined) ends with it.

use super::lex::{self, squeeze, Tk, Token};
use super::regions::Region;
use crate::model::{Cell, Column, Row, RowKind, Table, TableKind, TableStatus};

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
    let mut before_span: Option<crate::source::Span> = None;
    for (k, t) in toks.iter().enumerate() {
        match t.kind {
            Tk::Text => {
                let w = squeeze(t.text(src));
                if w == "项目名称" && table.subject.is_none() {
                    table.subject = project_name(src, &toks[k + 1..]);
                }
                before.push_str(&w);
                before_span = Some(t.span);
            }
            Tk::Figure | Tk::Int => {
                let key = before.trim_end_matches(['：', ':']);
                let found = labels
                    .iter()
                    .filter(|l| key.ends_with(*l))
                    .max_by_key(|l| l.len());
                if let (Some(label), Some(v), Some(span)) = (found, t.value(src), before_span) {
                    if !table.rows.iter().any(|r| r.label == *label) {
                        table.rows.push(Row {
                            kind: if *label == "资金总额" || *label == "年度预算总额" {
                                RowKind::Total
                            } else {
                                RowKind::Item
                            },
                            side: None,
                            code: None,
                            code_span: None,
                            label: label.to_string(),
                            label_span: span,
                            item: None,
                            cells: vec![Cell {
                                column: 0,
                                value: v,
                                span: t.span,
                                alternatives: Vec::new(),
                            }],
                        });
                    }
                }
                before.clear();
                before_span = None;
            }
            _ => {}
        }
    }
    table.status = if table.rows.is_empty() {
        TableStatus::Empty { statement: None }
    } else {
        TableStatus::Read
    };
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
