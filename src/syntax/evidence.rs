//! Does the table's own arithmetic support its reading? Misread or misprinted, decided by evidence.
//!
//! A reading is a claim: "this figure is in this row and this column". The table's identities test
//! it — each parent = Σ its children in every column, and each row's column identities
//! (合计 = 基本支出 + 项目支出 …). A misprint is one figure off: the identities it takes part in fail,
//! and every failure shares that one figure. A misreading (figures beside another row's name, a column
//! layout that is not the printed one) breaks identities all over the table, with no common figure.
//!
//! So the failures (intervals that cannot meet; a 尾差 is not a failure) are explained by as few
//! rows as possible — the *roots*: a greedy hitting set over the rows of the failing identities. A
//! root is a row, not a cell, because where the text dropped empty cells one wrong figure also moves
//! the placement of its row's other figures (the arithmetic that places them is off by the misprint).
//! The table is judged misread when its failures need [`MISREAD_ROOTS`] or more roots; when the same
//! difference recurs in failures that share no row (a figure read into the wrong row leaves a hole of
//! its size where it belongs and an excess where it landed); or when a summary table's (收支总表)
//! total over many items is not even approached by them (the items hold less than a third of it:
//! their figures were not paired with their labels; a misprint does not lose two thirds of a total).
//! Then the table is reported unread (R001) with the counts and what would help, never half-read into
//! a flood of findings. One misprinted figure (and whatever its row's placement does with it) stays a
//! finding.

use crate::amount::sum_printed;
use crate::model::{Row, RowKind, Side};
use crate::syntax::layouts::Layout;
use crate::syntax::solve::Group;
use rust_decimal::Decimal;
use std::collections::HashMap;

/// This many independent wrong rows in one table are more likely a misreading than misprints.
pub const MISREAD_ROOTS: usize = 3;

/// A total over at least this many rows…
const MANY_ROWS: usize = 5;
/// …whose rows add up to less than this share of it (numerator, denominator) was not read.
const GROSS_SHARE: (i64, i64) = (1, 3);

/// A cell position: row index into the table's rows, column index on the row's side.
type Pos = (usize, usize);

/// The parent/children groups of each side of a table.
pub type SideGroups = Vec<(Option<Side>, Vec<Group>)>;

/// One identity that did not hold, by the rows it involves and its difference (total − Σ parts).
struct Failure {
    rows: Vec<usize>,
    diff: Decimal,
}

/// The verdict of the table's arithmetic on its reading.
#[derive(Debug, PartialEq, Eq)]
pub struct Verdict {
    /// Identities evaluated (at least one of their cells printed).
    pub checked: usize,
    /// Identities whose figures cannot all be true.
    pub failing: usize,
    /// The fewest rows that explain every failure (greedy).
    pub roots: usize,
    /// Failing totals over many rows that the rows do not even approach.
    pub gross: usize,
    /// Failing totals over many rows that the rows hold more than one and a half times over: the
    /// rows are not all the total's parts (a hierarchy by names alone whose levels were not told).
    pub overfull: usize,
    /// Differences that recur in failures with no row in common: a figure read into the wrong row
    /// leaves a hole where it belongs and an excess where it landed, both of its size. One misprint
    /// repeats its difference only in the identities of its own row.
    pub displaced: usize,
}

impl Verdict {
    pub fn misread(&self) -> bool {
        self.roots >= MISREAD_ROOTS || self.gross > 0 || self.overfull > 0 || self.displaced > 0
    }

    /// The reason shown to the reader of an unread table.
    pub fn reason(&self) -> String {
        if self.displaced > 0 && self.roots < MISREAD_ROOTS && self.gross == 0 && self.overfull == 0
        {
            return format!(
                "有 {} 个数字的差额在彼此无关的行中重复出现，说明数字被读到了别的行",
                self.displaced
            );
        }
        if self.overfull > 0 && self.gross == 0 && self.roots < MISREAD_ROOTS {
            return format!(
                "有 {} 处合计远小于其下各行之和（各行之和超过合计的一倍半），这些行不全是它的下级：\
                 按名称分级、未印科目编码的各级未能分清",
                self.overfull
            );
        }
        if self.gross > 0 && self.roots < MISREAD_ROOTS {
            return format!(
                "有 {} 处合计远大于其下各行之和（各行之和不到合计的三分之一），多数行的数字未被读到",
                self.gross
            );
        }
        format!(
            "读出的数字有 {}/{} 组表内勾稽关系不成立，且无法归结为一两个印错的数（至少 {} 处彼此独立），\
             行或列很可能未被正确识别",
            self.failing, self.checked, self.roots
        )
    }
}

fn printed(rows: &[Row], (r, c): Pos) -> bool {
    rows[r].cell(c).is_some()
}

/// Evaluates `total = Σ parts` over cell positions: `None` when none of its cells is printed, else
/// whether it holds and its exact difference (total − Σ parts, as printed).
fn evaluate(rows: &[Row], total: Pos, parts: &[Pos]) -> Option<(bool, Decimal)> {
    if !printed(rows, total) && !parts.iter().any(|&p| printed(rows, p)) {
        return None;
    }
    let at = |(r, c): Pos| rows[r].value_or_zero(c);
    let (sum, sum_interval) = sum_printed(parts.iter().map(|&p| at(p)));
    let (t, t_interval) = at(total);
    Some((t_interval.intersects(sum_interval), t.saturating_sub(sum)))
}

/// Judges a reading: `groups` are the parent/children groups of each side, as indices into `rows`.
pub fn judge(rows: &[Row], layout: &Layout, groups: &SideGroups) -> Verdict {
    let mut checked = 0;
    let mut gross = 0;
    let mut overfull = 0;
    let mut failures: Vec<Failure> = Vec::new();
    let mut record = |failures: &mut Vec<Failure>, total: Pos, parts: Vec<Pos>| {
        if let Some((holds, diff)) = evaluate(rows, total, &parts) {
            checked += 1;
            if !holds {
                let mut rows: Vec<usize> = parts.iter().map(|p| p.0).collect();
                rows.push(total.0);
                rows.sort_unstable();
                rows.dedup();
                failures.push(Failure { rows, diff });
            }
        }
    };
    for (side, side_groups) in groups {
        let n = layout.columns_of(*side).len();
        for g in side_groups {
            // Gross: in every column where the total is printed, the items are far below it (one
            // column alone may only have had its figures moved there by a misprint elsewhere).
            let parts_of =
                |col: usize| -> Vec<Pos> { g.children.iter().map(|&c| (c, col)).collect() };
            let printed_cols: Vec<usize> =
                (0..n).filter(|&c| printed(rows, (g.parent, c))).collect();
            let many = side.is_some() && g.children.len() >= MANY_ROWS && !printed_cols.is_empty();
            let below = |c: usize| far_below((g.parent, c), &parts_of(c), rows);
            let above = |c: usize| far_above((g.parent, c), &parts_of(c), rows);
            if many && printed_cols.iter().all(|&c| below(c)) {
                gross += 1;
            } else if many && printed_cols.iter().all(|&c| below(c) || above(c)) {
                overfull += 1;
            }
            for col in 0..n {
                record(&mut failures, (g.parent, col), parts_of(col));
            }
        }
    }
    let vertical = failures.len();
    for (r, row) in rows.iter().enumerate() {
        for id in layout.identities_of(row.side) {
            let parts = id.parts.iter().map(|&p| (r, p)).collect();
            record(&mut failures, (r, id.total), parts);
        }
    }
    carried(&mut failures[vertical..], groups);
    Verdict {
        checked,
        failing: failures.len(),
        displaced: displaced(&failures),
        roots: roots(failures),
        gross,
        overfull,
    }
}

/// Confirmations of a reading whose columns have no names (tab-separated rows): the columns that are
/// the sum of a run of the columns after them (总计 = its sources, 小计 = the 财政拨款 columns under
/// it) in every row holding figures. Runs are tried from the right, the longest first, and a run's
/// columns already summed by a column inside it count once, through that column (a sum needs a
/// non-zero part somewhere). Each row where at least two of the parts are non-zero confirms the
/// reading once (a sum that only ever has one non-zero part, once in all); a sum that fails in any
/// row is not taken as an identity at all (nothing is reported from it: it only confirms).
pub fn column_sums(rows: &[Row], columns: usize) -> usize {
    let rows: Vec<&Row> = rows.iter().filter(|r| !r.cells.is_empty()).collect();
    // Columns already summed by a column right of `total` (which is then inside every run tried).
    let mut summed = vec![false; columns];
    let mut confirmations = 0;
    for total in (0..columns).rev() {
        for last in (total + 2..columns).rev() {
            let parts: Vec<usize> = (total + 1..=last).filter(|&c| !summed[c]).collect();
            if parts.len() < 2 {
                continue;
            }
            let holds = rows.iter().all(|r| {
                let (_, sum) = sum_printed(parts.iter().map(|&c| r.value_or_zero(c)));
                r.value_or_zero(total).1.intersects(sum)
            });
            if !holds {
                continue;
            }
            let nonzero = |r: &Row| {
                parts
                    .iter()
                    .filter(|&&c| r.cell(c).is_some_and(|x| !x.value.is_zero()))
                    .count()
            };
            // Zeros equal zeros: a sum with no non-zero part anywhere says nothing.
            if rows.iter().all(|r| nonzero(r) == 0) {
                continue;
            }
            // A total equal to its one non-zero source (总计 = 财政拨款, all else 0.00) still says
            // the fields line up with a total and its sources: once for the table.
            confirmations += rows.iter().filter(|r| nonzero(r) >= 2).count().max(1);
            for &c in &parts {
                summed[c] = true;
            }
            break;
        }
    }
    confirmations
}

/// Confirmations of a list without classification codes (projects, purchases: 专项业务经费支出表,
/// 政府采购预算表): the columns where a totals row equals the sum of the list's detail rows — all
/// the rows that are not totals, or, when some rows name an item beside their label (a purchase
/// under its project, a project under its unit) and others do not (the groups above them), the
/// rows naming one. A column is confirmed when two or more detail rows hold a non-zero figure in it
/// (zeros add up to zero whatever the reading). A sum that does not hold is no identity (the list
/// may nest in a way nothing printed tells): nothing is reported from it, it only confirms.
pub fn list_totals(rows: &[Row], columns: usize) -> Vec<bool> {
    let totals: Vec<&Row> = rows
        .iter()
        .filter(|r| r.kind == RowKind::Total && !r.cells.is_empty())
        .collect();
    let details: Vec<&Row> = rows
        .iter()
        .filter(|r| r.kind != RowKind::Total && !r.cells.is_empty())
        .collect();
    let itemised: Vec<&Row> = details
        .iter()
        .copied()
        .filter(|r| r.item.is_some())
        .collect();
    let mut candidates = vec![&details];
    if !itemised.is_empty() && itemised.len() < details.len() {
        candidates.push(&itemised);
    }
    (0..columns)
        .map(|c| {
            candidates.iter().any(|list| {
                let nonzero = list
                    .iter()
                    .filter(|r| r.cell(c).is_some_and(|x| !x.value.is_zero()))
                    .count();
                let (_, sum) = sum_printed(list.iter().map(|r| r.value_or_zero(c)));
                nonzero >= 2
                    && totals
                        .iter()
                        .any(|t| t.cell(c).is_some() && t.value_or_zero(c).1.intersects(sum))
            })
        })
        .collect()
}

/// Sums that tell rows apart: parent = Σ children holding in a column where at least two children
/// hold a non-zero figure. (A parent with one child, or one non-zero child, equals that child: any
/// two rows of equal figures would pass it, so it confirms no pairing of names and figures.)
pub fn distinguishing_sums(rows: &[Row], groups: &[Group], columns: usize) -> usize {
    let nonzero = |r: usize, c: usize| rows[r].cell(c).is_some_and(|x| !x.value.is_zero());
    groups
        .iter()
        .flat_map(|g| (0..columns).map(move |c| (g, c)))
        .filter(|&(g, c)| g.children.iter().filter(|&&ch| nonzero(ch, c)).count() >= 2)
        .filter(|&(g, c)| {
            let parts: Vec<Pos> = g.children.iter().map(|&ch| (ch, c)).collect();
            evaluate(rows, (g.parent, c), &parts).is_some_and(|(holds, _)| holds)
        })
        .count()
}

/// A misprint carried up its hierarchy: when a row's identity across columns (小计 = 人员经费 +
/// 公用经费) fails, and its parent's fails by the same difference (to a hundredth of it: each level
/// rounds), the parent's figures were added up from the row's — one misprint, printed again in
/// every row above it (the shape of wide/116 表5: 公路水路运输, 交通运输支出 and 合计 each off by
/// 50.60 between 小计 and its parts, while every column adds up down the hierarchy — a table that
/// still stays unread, as it prints no codes and the catalogue lacks some of its names, so no
/// hierarchy joins the three). Each such failure is given the rows of the one below it, so the
/// roots count the misprint once. `row_failures` are the failures of the row identities, each of
/// its own row.
fn carried(row_failures: &mut [Failure], groups: &SideGroups) {
    let parent: HashMap<usize, usize> = groups
        .iter()
        .flat_map(|(_, gs)| gs)
        .flat_map(|g| g.children.iter().map(move |&c| (c, g.parent)))
        .collect();
    let same = |a: Decimal, b: Decimal| {
        !a.is_zero()
            && a.is_sign_negative() == b.is_sign_negative()
            && (a - b).abs().saturating_mul(Decimal::ONE_HUNDRED) <= a.abs()
    };
    // Each failure's own row (its rows grow as the failures below it are carried up), and the
    // failures of each row.
    let own: Vec<Option<usize>> = row_failures
        .iter()
        .map(|f| f.rows.first().copied())
        .collect();
    let mut of_row: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, r) in own.iter().enumerate() {
        if let Some(r) = r {
            of_row.entry(*r).or_default().push(i);
        }
    }
    let depth = |mut r: usize| {
        let mut d = 0;
        while let Some(&p) = parent.get(&r) {
            r = p;
            d += 1;
        }
        d
    };
    // Deepest first: a row's failure takes the rows its child's failure already took.
    let mut order: Vec<usize> = (0..row_failures.len()).collect();
    order.sort_by_cached_key(|&i| std::cmp::Reverse(own[i].map_or(0, depth)));
    for i in order {
        let Some(up) = own[i].and_then(|r| parent.get(&r)) else {
            continue;
        };
        let diff = row_failures[i].diff;
        let above = of_row
            .get(up)
            .and_then(|js| js.iter().find(|&&j| same(row_failures[j].diff, diff)));
        if let Some(&j) = above {
            let below = row_failures[i].rows.clone();
            let f = &mut row_failures[j];
            f.rows.extend(below);
            f.rows.sort_unstable();
            f.rows.dedup();
        }
    }
}

/// How many difference sizes recur in failures that share no row.
fn displaced(failures: &[Failure]) -> usize {
    let mut by_size: std::collections::BTreeMap<Decimal, Vec<&Failure>> = Default::default();
    for f in failures.iter().filter(|f| !f.diff.is_zero()) {
        by_size.entry(f.diff.abs().normalize()).or_default().push(f);
    }
    by_size
        .values()
        .filter(|fs| fs.len() >= 2)
        .filter(|fs| {
            let first = &fs[0].rows;
            !first.iter().any(|r| fs.iter().all(|f| f.rows.contains(r)))
        })
        .count()
}

/// A positive total and the sum of its parts, when no part is negative (else `None`).
fn total_and_sum(total: Pos, parts: &[Pos], rows: &[Row]) -> Option<(Decimal, Decimal)> {
    let cell = |(r, c): Pos| rows[r].cell(c).map(|c| c.value);
    let t = cell(total).filter(|t| t.is_sign_positive() && !t.is_zero())?;
    let mut sum = Decimal::ZERO;
    for &p in parts {
        match cell(p) {
            Some(v) if v.is_sign_negative() => return None,
            Some(v) => sum = sum.saturating_add(v),
            None => {}
        }
    }
    Some((t, sum))
}

/// The parts, all non-negative, add up to less than [`GROSS_SHARE`] of a positive total.
fn far_below(total: Pos, parts: &[Pos], rows: &[Row]) -> bool {
    let (num, den) = GROSS_SHARE;
    total_and_sum(total, parts, rows).is_some_and(|(t, sum)| {
        sum.saturating_mul(Decimal::from(den)) < t.saturating_mul(Decimal::from(num))
    })
}

/// The items hold more than one and a half times their total: the side lists a hierarchy by
/// name only (class, 款 and 项 with no codes, each level summing to the total: wide/115 and 105
/// read from their PDFs), so its items are not all children of the total.
fn far_above(total: Pos, parts: &[Pos], rows: &[Row]) -> bool {
    total_and_sum(total, parts, rows).is_some_and(|(t, sum)| {
        sum.saturating_mul(Decimal::from(2)) > t.saturating_mul(Decimal::from(3))
    })
}

/// The size of a greedy hitting set of the failures' rows: repeatedly take the row that takes part
/// in most remaining failures (the first such row on a tie).
fn roots(mut failures: Vec<Failure>) -> usize {
    let mut count = 0;
    while !failures.is_empty() {
        let mut tally: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
        for f in &failures {
            for &r in &f.rows {
                *tally.entry(r).or_default() += 1;
            }
        }
        let Some(best) = tally
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(&p, _)| p)
        else {
            break;
        };
        failures.retain(|f| !f.rows.contains(&best));
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

    /// Rows of unnamed columns (no codes needed: column sums look at rows only).
    fn plain(figures: &[&[&str]]) -> Vec<Row> {
        figures
            .iter()
            .map(|f| row("", &f.iter().map(|v| Some(*v)).collect::<Vec<_>>()))
            .collect()
    }

    #[test]
    fn column_sums_find_a_total_over_its_sources_and_a_subtotal_inside() {
        // 总计 = 小计 + 单位资金; 小计 = 一般公共预算 + 政府性基金 (wide/104 表4's shape).
        let rows = plain(&[
            &["2155.21", "2055.20", "2055.20", "0.00", "100.01"],
            &["56.30", "56.30", "56.30", "0.00", "0.00"],
            &["120.00", "100.00", "60.00", "40.00", "20.00"],
        ]);
        // Row 1 confirms 总计 (小计 and 单位资金 both non-zero), row 3 both sums; row 2 neither.
        assert_eq!(column_sums(&rows, 5), 3);
    }

    #[test]
    fn column_sums_take_nothing_from_zeros_or_a_sum_that_fails_once() {
        let zeros = plain(&[&["0.00", "0.00", "0.00"], &["0.00", "0.00", "0.00"]]);
        assert_eq!(column_sums(&zeros, 3), 0);
        // 30 = 10 + 20 in the first row, but 31 ≠ 11 + 21 in the second: not an identity.
        let once = plain(&[&["30.00", "10.00", "20.00"], &["31.00", "11.00", "21.00"]]);
        assert_eq!(column_sums(&once, 3), 0);
        // A 尾差 is not a failure: 30.01 = 10.00 + 20.00 within the rounding of three figures.
        let rounding = plain(&[&["30.01", "10.00", "20.00"]]);
        assert_eq!(column_sums(&rounding, 3), 1);
        // 总计 = its one non-zero source in every row: one confirmation for the table.
        let one_source = plain(&[&["56.30", "56.30", "0.00"], &["12.00", "12.00", "0.00"]]);
        assert_eq!(column_sums(&one_source, 3), 1);
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
        // Every child row's figures read into the wrong columns: each row's own identity fails, no
        // common row explains them.
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

    #[test]
    fn a_total_its_rows_do_not_approach_was_not_read() {
        // A summary table's total of 100 over five items holding 10 in all: the items' figures were
        // not read.
        let mut rows = vec![row("201", &[Some("100.00")])];
        for c in ["20101", "20102", "20103", "20104", "20105"] {
            rows.push(row(c, &[Some("2.00")]));
        }
        let groups = vec![(
            Some(Side::Expenditure),
            vec![Group {
                parent: 0,
                children: (1..=5).collect(),
            }],
        )];
        let layout = layouts::counted(1).unwrap();
        let v = judge(&rows, layout, &groups);
        assert_eq!((v.failing, v.roots, v.gross, v.displaced), (1, 1, 1, 0));
        assert!(v.misread() && v.reason().contains("三分之一"));
        // The same total over rows adding up to 90: one misprint, reported, not a misreading.
        rows[1] = row("20101", &[Some("82.00")]);
        let v = judge(&rows, layout, &groups);
        assert_eq!((v.failing, v.gross), (1, 0));
        assert!(!v.misread());
    }

    #[test]
    fn a_figure_read_into_another_row_is_a_misreading() {
        // 20102's 项目支出 5.00 read as 20103's: 20102's row and 20103's row fail by 5.00 each, with
        // no row in common (wide/121 公开03表 shows the pattern with 16,389.79).
        let (rows, groups) = table([
            ["60.00", "40.00", "20.00"],
            ["30.00", "20.00", "10.00"],
            ["20.00", "15.00", "0"],
            ["10.00", "5.00", "10.00"],
        ]);
        let v = judge(&rows, expenditure(), &groups);
        assert_eq!((v.failing, v.displaced), (2, 1));
        assert!(v.misread());
        assert!(v.reason().contains("别的行"));
    }

    #[test]
    fn a_misprint_carried_up_its_hierarchy_is_one_root() {
        // wide/116 表5's shape: 合计 | 基本支出 (小计 人员经费 公用经费) | 项目支出. 2140101's 小计
        // is 50.60 short of its parts, and so are 21401 and 214 above it, each adding up its rows.
        let layout =
            layouts::choose(crate::model::TableKind::GeneralBudget, "小计人员经费", None).unwrap();
        let figures = |basic: &'static str| {
            [
                Some("100.00"),
                Some(basic),
                Some("60.00"),
                Some("40.00"),
                Some("0.00"),
            ]
        };
        let short = figures("49.40");
        let rows = vec![
            row("214", &short),
            row("21401", &short),
            row("2140101", &short),
        ];
        let groups = vec![(
            None,
            vec![
                Group {
                    parent: 0,
                    children: vec![1],
                },
                Group {
                    parent: 1,
                    children: vec![2],
                },
            ],
        )];
        let v = judge(&rows, layout, &groups);
        // Each row's 合计 = 基本支出 + 项目支出 fails too (100.00 ≠ 49.40): two identities a row.
        assert_eq!(v.failing, 6);
        assert_eq!((v.roots, v.displaced), (1, 0), "{:?}", v.reason());
        assert!(!v.misread());
        // The same differences in three rows of no common line are three roots: misread.
        let apart = vec![(None, Vec::new())];
        let v = judge(&rows, layout, &apart);
        assert!(v.misread());
    }
}
