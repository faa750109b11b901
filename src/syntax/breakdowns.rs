//! Two-sided summary tables that break the expenditure down more than once.
//!
//! Xi'an's 部门综合预算收支总表 prints, beside the income side, the same expenditure three times:
//! by function, by the department's economic classes and by the government's economic classes,
//! each column pair (项目 · 预算数) closing with its own 本年支出合计. The model has one expenditure
//! side, so the table is read with the first breakdown (the functional one, which the other tables
//! of the set repeat); the further breakdowns are left out of the reading and the report says so
//! (`R006`), rather than being mixed into one side whose items would add up to three times its
//! total.
//!
//! Only tab-separated text (a PDF's laid-out lines, a spreadsheet's copy) shows which column a label
//! stands in; whitespace-separated text keeps the breakdowns mixed and is read, or refused, as before.

use crate::model::LeftUnread;
use crate::syntax::lex::{Tk, Token};

/// A column of labels holds text on at least this many lines.
const LABEL_LINES: usize = 3;

/// Where the expenditure's breakdowns stand in a summary table's fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Breakdowns {
    /// The field of the first breakdown's labels.
    first: usize,
    /// The field where the further breakdowns begin.
    further: usize,
    /// How many further breakdowns there are.
    pub count: usize,
}

/// The breakdowns of the expenditure: `None` unless the body prints labels in three or more
/// columns (income, then two or more expenditure breakdowns).
pub fn find(toks: &[Token]) -> Option<Breakdowns> {
    // Lines holding text in each field, and the fields holding figures.
    let mut lines_by_field: Vec<Vec<usize>> = Vec::new();
    let mut figure_fields: Vec<usize> = Vec::new();
    for t in toks {
        let Some(f) = t.field else { continue };
        if t.is_number() {
            figure_fields.push(f);
            continue;
        }
        if t.kind != Tk::Text {
            continue;
        }
        if lines_by_field.len() <= f {
            lines_by_field.resize(f + 1, Vec::new());
        }
        let lines = &mut lines_by_field[f];
        if lines.last() != Some(&t.line) {
            lines.push(t.line);
        }
    }
    figure_fields.sort_unstable();
    figure_fields.dedup();
    let label_fields: Vec<usize> = (0..lines_by_field.len())
        .filter(|&f| lines_by_field[f].len() >= LABEL_LINES)
        .collect();
    // Each expenditure breakdown is a 项目 · 预算数 pair: figures stand after an expenditure label
    // field before the next (in a field of their own, or beside the labels when the PDF prints
    // them close: `一、一般公共服务支出 20,153.75`, wide/130), or the labels are one wide name cut
    // into cells.
    let holds_figures = |f: usize| figure_fields.binary_search(&f).is_ok();
    let separated = label_fields
        .get(1..)
        .unwrap_or_default()
        .windows(2)
        .all(|w| (w[0]..w[1]).any(holds_figures));
    (label_fields.len() >= 3 && separated).then(|| Breakdowns {
        first: label_fields[1],
        further: label_fields[2],
        count: label_fields.len() - 2,
    })
}

/// What the reading of such a table leaves out.
pub fn left_unread(further: usize) -> LeftUnread {
    LeftUnread {
        zh: format!(
            "支出方另有 {further} 组分类（如按经济分类、按支出用途）列示同一笔支出，只读取了第一组（按功能分类），其余未参与校验"
        ),
        en: format!(
            "the expenditure side breaks the same spending down {further} more time(s) (by economic \
             class or by purpose); only the first breakdown (by function) was read, the others were not checked"
        ),
    }
}

/// The tokens of the income side and the first expenditure breakdown. A line whose further fields
/// hold a figure but no label, while its first breakdown holds a label but no figure, prints a
/// total across the breakdowns (`当年支出小计 ⏎ ⏎ 24,458.43`, wide/130): that figure is kept.
pub fn first_breakdown(toks: &[Token], b: Breakdowns) -> Vec<Token> {
    let mut out = Vec::with_capacity(toks.len());
    let mut start = 0;
    while start < toks.len() {
        let line = toks[start].line;
        let end = start + toks[start..].iter().take_while(|t| t.line == line).count();
        let tokens = &toks[start..end];
        let in_first = |t: &&Token| t.field.is_some_and(|f| f >= b.first && f < b.further);
        let in_further = |t: &&Token| t.field.is_some_and(|f| f >= b.further);
        let is_figure = |t: &Token| t.is_number();
        let spanning = tokens.iter().filter(in_first).any(|t| t.kind == Tk::Text)
            && !tokens.iter().filter(in_first).any(is_figure)
            && !tokens.iter().filter(in_further).any(|t| t.kind == Tk::Text);
        out.extend(
            tokens
                .iter()
                .filter(|t| spanning || t.field.is_none_or(|f| f < b.further)),
        );
        start = end;
    }
    out
}
