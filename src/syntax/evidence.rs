//! Does the table's own arithmetic support its reading? Misread or misprinted, decided by evidence.
//!
//! A reading is a claim: "this figure is in this row and this column". The table's identities test
//! it — each parent = Σ its children in every column, and each row's column identities
//! (合计 = 基本支出 + 项目支出 …). A misprint is one figure off: the identities it takes part in fail,
//! and every failure shares that one figure. A misreading (figures beside another row's name, a column
//! layout that is not the printed one) breaks identities all over the table, with no common figure.
//!
//! So the failures (intervals that cannot meet; a 尾差 is not a failure) are explained by as few
//! cells as possible — the *roots*: a greedy hitting set over the cells of the failing identities.
//! The table is judged misread when its failures need [`MISREAD_ROOTS`] or more roots, or when two
//! roots break more than half of what was checked. Then the table is reported unread (R001) with the
//! counts, never half-read into a flood of findings. One or two independent misprints stay findings.

use crate::amount::Interval;
use crate::model::{Row, Side};
use crate::syntax::layouts::Layout;
use crate::syntax::solve::Group;
use rust_decimal::Decimal;

/// This many independent wrong figures in one table are more likely a misreading than misprints.
pub const MISREAD_ROOTS: usize = 3;

/// A cell position: row index into the table's rows, column index on the row's side.
type Pos = (usize, usize);

/// The parent/children groups of each side of a table.
pub type SideGroups = Vec<(Option<Side>, Vec<Group>)>;

/// One identity that did not hold, by the cells it involves.
struct Failure {
    cells: Vec<Pos>,
}

/// The verdict of the table's arithmetic on its reading.
#[derive(Debug, PartialEq, Eq)]
pub struct Verdict {
    /// Identities evaluated (at least one of their cells printed).
    pub checked: usize,
    /// Identities whose figures cannot all be true.
    pub failing: usize,
    /// The fewest cells that explain every failure (greedy).
    pub roots: usize,
}

impl Verdict {
    pub fn misread(&self) -> bool {
        self.roots >= MISREAD_ROOTS || (self.roots == 2 && self.failing * 2 > self.checked)
    }

    /// The reason shown to the reader of an unread table.
    pub fn reason(&self) -> String {
        format!(
            "读出的数字有 {}/{} 组表内勾稽关系不成立，且无法归结为一两个印错的数（至少 {} 处彼此独立），\
             行或列很可能未被正确识别。请核对原表的列顺序，或改用原始 PDF/Excel 文件",
            self.failing, self.checked, self.roots
        )
    }
}

fn value(rows: &[Row], (r, c): Pos) -> Interval {
    rows[r].cell(c).map_or(Interval::exact(Decimal::ZERO), |c| {
        Interval::of_printed(c.value)
    })
}

fn printed(rows: &[Row], (r, c): Pos) -> bool {
    rows[r].cell(c).is_some()
}

/// Evaluates `total = Σ parts` over cell positions; `None` when none of its cells is printed.
fn evaluate(rows: &[Row], total: Pos, parts: &[Pos]) -> Option<bool> {
    if !printed(rows, total) && !parts.iter().any(|&p| printed(rows, p)) {
        return None;
    }
    let sum = parts.iter().fold(Interval::exact(Decimal::ZERO), |s, &p| {
        s.plus(value(rows, p))
    });
    Some(value(rows, total).intersects(sum))
}

/// Judges a reading: `groups` are the parent/children groups of each side, as indices into `rows`.
pub fn judge(rows: &[Row], layout: &Layout, groups: &SideGroups) -> Verdict {
    let mut checked = 0;
    let mut failures: Vec<Failure> = Vec::new();
    let mut record = |total: Pos, parts: Vec<Pos>| {
        if let Some(holds) = evaluate(rows, total, &parts) {
            checked += 1;
            if !holds {
                let mut cells = parts;
                cells.push(total);
                failures.push(Failure { cells });
            }
        }
    };
    for (side, side_groups) in groups {
        let n = layout.columns_of(*side).len();
        for g in side_groups {
            for col in 0..n {
                let parts = g.children.iter().map(|&c| (c, col)).collect();
                record((g.parent, col), parts);
            }
        }
    }
    for (r, row) in rows.iter().enumerate() {
        for id in layout.identities_of(row.side) {
            let parts = id.parts.iter().map(|&p| (r, p)).collect();
            record((r, id.total), parts);
        }
    }
    Verdict {
        checked,
        failing: failures.len(),
        roots: roots(failures),
    }
}

/// The size of a greedy hitting set of the failures' cells: repeatedly take the cell that takes
/// part in most remaining failures (the first such cell in row/column order on a tie).
fn roots(mut failures: Vec<Failure>) -> usize {
    let mut count = 0;
    while !failures.is_empty() {
        let mut tally: std::collections::BTreeMap<Pos, usize> = std::collections::BTreeMap::new();
        for f in &failures {
            for &c in &f.cells {
                *tally.entry(c).or_default() += 1;
            }
        }
        let Some(best) = tally
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(&p, _)| p)
        else {
            break;
        };
        failures.retain(|f| !f.cells.contains(&best));
        count += 1;
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Cell, RowKind};
    use crate::source::Span;
    use crate::syntax::layouts;
    use std::str::FromStr;

    fn row(code: &str, figures: &[Option<&str>]) -> Row {
        Row {
            kind: RowKind::Item,
            side: None,
            code: Some(code.to_string()),
            code_span: None,
            label: String::new(),
            label_span: Span::new(0, 0),
            item: None,
            cells: figures
                .iter()
                .enumerate()
                .filter_map(|(column, f)| {
                    f.map(|v| Cell {
                        column,
                        value: Decimal::from_str(v).unwrap(),
                        span: Span::new(0, 0),
                        alternatives: Vec::new(),
                    })
                })
                .collect(),
        }
    }

    fn expenditure() -> &'static Layout {
        layouts::choose(crate::model::TableKind::Expenditure, "", None).unwrap()
    }

    /// 201 with children 20101, 20102, 20103 in a 合计/基本支出/项目支出 table.
    fn table(figures: [[&str; 3]; 4]) -> (Vec<Row>, SideGroups) {
        let codes = ["201", "20101", "20102", "20103"];
        let rows = codes
            .iter()
            .zip(figures)
            .map(|(c, f)| row(c, &f.map(Some)))
            .collect();
        let groups = vec![(
            None,
            vec![Group {
                parent: 0,
                children: vec![1, 2, 3],
            }],
        )];
        (rows, groups)
    }

    #[test]
    fn a_consistent_reading_is_read() {
        let (rows, groups) = table([
            ["60.00", "40.00", "20.00"],
            ["30.00", "20.00", "10.00"],
            ["20.00", "15.00", "5.00"],
            ["10.00", "5.00", "5.00"],
        ]);
        let v = judge(&rows, expenditure(), &groups);
        assert_eq!((v.checked, v.failing, v.roots), (7, 0, 0));
        assert!(!v.misread());
    }

    #[test]
    fn one_misprinted_figure_is_one_root() {
        // 20102's 基本支出 printed 16.00 instead of 15.00: its row and the 基本支出 column fail.
        let (rows, groups) = table([
            ["60.00", "40.00", "20.00"],
            ["30.00", "20.00", "10.00"],
            ["20.00", "16.00", "5.00"],
            ["10.00", "5.00", "5.00"],
        ]);
        let v = judge(&rows, expenditure(), &groups);
        assert_eq!((v.failing, v.roots), (2, 1));
        assert!(!v.misread());
    }

    #[test]
    fn figures_in_the_wrong_columns_are_a_misreading() {
        // Every child row's 基本支出 and 项目支出 read swapped or shifted: no common root.
        let (rows, groups) = table([
            ["60.00", "40.00", "20.00"],
            ["30.00", "10.00", "20.00"],
            ["20.00", "5.00", "15.00"],
            ["10.00", "5.00", "5.00"],
        ]);
        let v = judge(&rows, expenditure(), &groups);
        assert!(v.roots >= 2, "{v:?}");
        let (rows, groups) = table([
            ["60.00", "40.00", "20.00"],
            ["30.00", "10.00", "10.00"],
            ["20.00", "5.00", "5.00"],
            ["10.00", "15.00", "5.00"],
        ]);
        let v = judge(&rows, expenditure(), &groups);
        assert!(v.misread(), "{v:?}");
        assert!(v.reason().contains("勾稽关系"));
    }

    #[test]
    fn a_rounding_difference_is_not_a_failure() {
        let (rows, groups) = table([
            ["60.01", "40.01", "20.00"],
            ["30.00", "20.00", "10.00"],
            ["20.00", "15.00", "5.00"],
            ["10.00", "5.00", "5.00"],
        ]);
        assert_eq!(judge(&rows, expenditure(), &groups).failing, 0);
    }
}
