//! Deciding which column each figure is in when the text dropped the empty cells.
//!
//! `201 03 01 行政运行 13.38 13.38` in a 合计/基本支出/项目支出 table can mean (合计, 基本支出) or
//! (合计, 项目支出). The arithmetic decides (DOMAIN.md, last section): each row's candidate
//! placements are the order-preserving ways to put its figures into the columns that satisfy the
//! layout's row identities; then every parent row must equal the sum of its children in each column,
//! which removes the candidates no consistent combination uses. Whatever choice is left is taken
//! by the layout's preference order and recorded as alternatives on the cell, never silently.

use super::layouts::{Identity, Layout};
use super::rows::RawRow;
use crate::amount::Interval;
use rust_decimal::Decimal;

/// At most this many placements per row are considered; a row with more is not read.
const MAX_CANDIDATES: usize = 20_000;
/// At most this many combinations per parent/children group are tried.
const MAX_COMBINATIONS: usize = 200_000;

/// The column of each of a row's figures, with the other columns it could be in.
#[derive(Clone, Debug, Default)]
pub struct Placement {
    pub columns: Vec<usize>,
    pub alternatives: Vec<Vec<usize>>,
}

/// A column whose total is known: `Some(value)`, or `None` when it must be empty.
pub struct ColumnTotal {
    pub column: usize,
    pub value: Option<Decimal>,
}

/// A parent row and the rows that must add up to it, column by column.
pub struct Group {
    pub parent: usize,
    pub children: Vec<usize>,
}

/// Places the figures of `rows` (all of one side) into `n` columns. Returns the placement of each
/// row, or the reason the table cannot be read.
pub fn solve(
    rows: &[&RawRow],
    n: usize,
    identities: &[Identity],
    groups: &[Group],
    layout: &Layout,
    known: &[ColumnTotal],
) -> Result<Vec<Placement>, String> {
    let mut cands: Vec<Vec<Vec<usize>>> = Vec::with_capacity(rows.len());
    for r in rows {
        let figures: Vec<Decimal> = r.figures().map(|f| f.0).collect();
        if r.positioned {
            let cols = r
                .values
                .iter()
                .enumerate()
                .filter(|(_, v)| v.value.is_some())
                .map(|(i, _)| i)
                .collect();
            cands.push(vec![cols]);
            continue;
        }
        let k = figures.len();
        if k > n {
            return Err(format!(
                "行「{}」有 {} 个数字，但表只有 {} 列",
                short(&r.label),
                k,
                n
            ));
        }
        if binomial(n, k) > MAX_CANDIDATES {
            return Err(format!("行「{}」的数字可放入的列组合过多", short(&r.label)));
        }
        let (fitting, others): (Vec<Vec<usize>>, Vec<Vec<usize>>) = combinations(n, k)
            .into_iter()
            .partition(|c| identities_hold(&figures, c, identities));
        cands.push(if fitting.is_empty() { others } else { fitting });
    }
    // Totals known from elsewhere in the table (the income side of a two-sided table names the
    // expenditure columns) keep only the placements of the totals row that agree with them.
    for (i, r) in rows.iter().enumerate() {
        if r.kind != crate::model::RowKind::Total || known.is_empty() {
            continue;
        }
        let figures: Vec<Decimal> = r.figures().map(|f| f.0).collect();
        let agrees = |c: &Vec<usize>| {
            known.iter().all(|k| match k.value {
                Some(v) => cell(&figures, c, k.column).intersects(Interval::of_printed(v)),
                None => !c.contains(&k.column),
            })
        };
        if cands[i].iter().any(agrees) {
            cands[i].retain(agrees);
        }
    }
    let values: Vec<Vec<Decimal>> = rows
        .iter()
        .map(|r| r.figures().map(|f| f.0).collect())
        .collect();
    // Which groups each row takes part in, for the work list.
    let mut member_of: Vec<Vec<usize>> = vec![Vec::new(); rows.len()];
    for (gi, g) in groups.iter().enumerate() {
        for m in group_members(g) {
            member_of[m].push(gi);
        }
    }
    propagate(
        groups,
        &member_of,
        (0..groups.len()).collect(),
        &values,
        &mut cands,
        n,
    );
    // Decide the rows one at a time, most aggregated first (totals, then 类, 款, 项), propagating
    // after each choice so that the choices stay consistent with each other.
    let mut order: Vec<usize> = (0..rows.len()).collect();
    crate::order::sort_by_key(&mut order, |&i| match (&rows[i].code, rows[i].kind) {
        (_, crate::model::RowKind::Total) => 0,
        (Some(c), _) => 1 + c.0.len(),
        (None, _) => 1,
    });
    let mut placements: Vec<Placement> = vec![Placement::default(); rows.len()];
    for &i in &order {
        let cs = &cands[i];
        let best = cs
            .iter()
            .min_by_key(|c| {
                (
                    c.iter().map(|&col| layout.rank(col)).sum::<usize>(),
                    (*c).clone(),
                )
            })
            .cloned()
            .unwrap_or_default();
        let alternatives = (0..best.len())
            .map(|k| {
                let mut alts: Vec<usize> =
                    cs.iter().map(|c| c[k]).filter(|&c| c != best[k]).collect();
                alts.sort_unstable();
                alts.dedup();
                alts
            })
            .collect();
        if cs.len() > 1 {
            cands[i] = vec![best.clone()];
            propagate(
                groups,
                &member_of,
                member_of[i].clone(),
                &values,
                &mut cands,
                n,
            );
        }
        placements[i] = Placement {
            columns: best,
            alternatives,
        };
    }
    Ok(placements)
}

/// Applies the parent = Σ children constraints of the groups in the work list, and again to the
/// groups of every row whose candidates shrank, until nothing changes.
fn propagate(
    groups: &[Group],
    member_of: &[Vec<usize>],
    mut work: Vec<usize>,
    values: &[Vec<Decimal>],
    cands: &mut [Vec<Vec<usize>>],
    n: usize,
) {
    let mut queued = vec![false; groups.len()];
    for &g in &work {
        queued[g] = true;
    }
    // A group is revisited only when a member lost a candidate; the cap keeps the work linear.
    let mut steps = groups.len() * 8 + 16;
    while let Some(gi) = work.pop() {
        queued[gi] = false;
        if steps == 0 {
            break;
        }
        steps -= 1;
        let before: Vec<usize> = group_members(&groups[gi]).map(|m| cands[m].len()).collect();
        if prune_group(&groups[gi], values, cands, n) {
            for (m, len) in group_members(&groups[gi]).zip(before) {
                if cands[m].len() == len {
                    continue;
                }
                for &other in &member_of[m] {
                    if !queued[other] {
                        queued[other] = true;
                        work.push(other);
                    }
                }
            }
        }
    }
}

fn group_members(g: &Group) -> impl Iterator<Item = usize> + '_ {
    std::iter::once(g.parent).chain(g.children.iter().copied())
}

/// A label cut to a readable length for messages.
fn short(label: &str) -> String {
    const MAX: usize = 16;
    if label.chars().count() <= MAX {
        label.to_string()
    } else {
        label.chars().take(MAX).chain("…".chars()).collect()
    }
}

/// The number of order-preserving placements of `k` figures in `n` columns.
pub fn binomial(n: usize, k: usize) -> usize {
    let k = k.min(n - k.min(n));
    (0..k).fold(1usize, |acc, i| acc.saturating_mul(n - i) / (i + 1))
}

/// All increasing sequences of `k` column indices below `n`.
fn combinations(n: usize, k: usize) -> Vec<Vec<usize>> {
    let mut out = Vec::new();
    let mut cur = Vec::with_capacity(k);
    fn rec(start: usize, n: usize, k: usize, cur: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
        if cur.len() == k {
            out.push(cur.clone());
            return;
        }
        for i in start..n {
            if n - i < k - cur.len() {
                break;
            }
            cur.push(i);
            rec(i + 1, n, k, cur, out);
            cur.pop();
        }
    }
    rec(0, n, k, &mut cur, &mut out);
    out
}

/// The interval of column `col` in a row placed by `cols` (an empty cell is exactly zero).
fn cell(figures: &[Decimal], cols: &[usize], col: usize) -> Interval {
    cols.iter()
        .position(|&c| c == col)
        .map_or(Interval::exact(Decimal::ZERO), |i| {
            Interval::of_printed(figures[i])
        })
}

fn identities_hold(figures: &[Decimal], cols: &[usize], identities: &[Identity]) -> bool {
    identities.iter().all(|id| {
        let sum = id
            .parts
            .iter()
            .fold(Interval::exact(Decimal::ZERO), |s, &p| {
                s.plus(cell(figures, cols, p))
            });
        cell(figures, cols, id.total).intersects(sum)
    })
}

/// Removes the candidates of the group's rows that no consistent combination uses.
///
/// For each placement of the parent, a depth-first search tries the children's placements in turn,
/// keeping per-column partial sums; with no negative figure, a branch dies as soon as a column's sum
/// exceeds the parent's (a child figure in a column where the parent is empty dies at once).
fn prune_group(
    g: &Group,
    values: &[Vec<Decimal>],
    cands: &mut [Vec<Vec<usize>>],
    n: usize,
) -> bool {
    let members: Vec<usize> = std::iter::once(g.parent)
        .chain(g.children.iter().copied())
        .collect();
    if members.iter().all(|&m| cands[m].len() == 1) {
        return false;
    }
    let nonnegative = members
        .iter()
        .all(|&m| values[m].iter().all(|v| !v.is_sign_negative()));
    // Each member's candidates as the interval of every column, computed once for the search, in
    // integers of the group's finest unit (exact; a group whose figures do not fit is not pruned).
    let scale = members
        .iter()
        .flat_map(|&m| &values[m])
        .map(|v| v.scale() + 1)
        .max()
        .unwrap_or(0);
    let columns_of = |m: usize| -> Option<Vec<Fixed>> {
        cands[m]
            .iter()
            .flat_map(|c| (0..n).map(move |col| Fixed::of(cell(&values[m], c, col), scale)))
            .collect()
    };
    let Some(children) = g
        .children
        .iter()
        .map(|&c| columns_of(c))
        .collect::<Option<Vec<_>>>()
    else {
        return false;
    };
    let Some(parents) = columns_of(g.parent) else {
        return false;
    };
    let mut search = Search {
        children: &children,
        n,
        nonnegative,
        used: members
            .iter()
            .map(|&m| vec![false; cands[m].len()])
            .collect(),
        stack: Vec::with_capacity(g.children.len()),
        partial: vec![Fixed::ZERO; n * (g.children.len() + 1)],
        budget: MAX_COMBINATIONS,
        any: false,
    };
    for (pc, target) in parents.chunks_exact(n.max(1)).enumerate() {
        let before = search.any;
        search.any = false;
        search.dfs(0, target);
        if search.budget == 0 {
            return false;
        }
        if search.any {
            search.used[0][pc] = true;
        }
        search.any |= before;
    }
    if !search.any {
        return false;
    }
    let used = search.used;
    let mut changed = false;
    for (mi, &m) in members.iter().enumerate() {
        if used[mi].iter().all(|&u| u) {
            continue;
        }
        let kept: Vec<Vec<usize>> = cands[m]
            .iter()
            .zip(&used[mi])
            .filter(|(_, &u)| u)
            .map(|(c, _)| c.clone())
            .collect();
        cands[m] = kept;
        changed = true;
    }
    changed
}

struct Search<'a> {
    /// Per child: its candidates' column intervals, `n` per candidate.
    children: &'a [Vec<Fixed>],
    n: usize,
    nonnegative: bool,
    /// Per member (parent first): which candidates take part in a consistent combination.
    used: Vec<Vec<bool>>,
    stack: Vec<usize>,
    /// The column sums after each depth: `n` per depth, depth 0 all zero.
    partial: Vec<Fixed>,
    budget: usize,
    any: bool,
}

impl Search<'_> {
    fn dfs(&mut self, k: usize, target: &[Fixed]) {
        if self.budget == 0 {
            return;
        }
        self.budget -= 1;
        let n = self.n;
        if k == self.children.len() {
            let sums = &self.partial[k * n..(k + 1) * n];
            if sums.iter().zip(target).all(|(s, t)| s.intersects(*t)) {
                self.any = true;
                for (ci, &choice) in self.stack.iter().enumerate() {
                    self.used[ci + 1][choice] = true;
                }
            }
            return;
        }
        let child = self.children;
        for (cc, cells) in child[k].chunks_exact(n.max(1)).enumerate() {
            let (done, next) = self.partial.split_at_mut((k + 1) * n);
            let next = &mut next[..n];
            let mut over = false;
            for col in 0..n {
                next[col] = done[k * n + col].plus(cells[col]);
                over |= self.nonnegative && next[col].lo > target[col].hi;
            }
            if over {
                continue;
            }
            self.stack.push(cc);
            self.dfs(k + 1, target);
            self.stack.pop();
        }
    }
}

/// An [`Interval`] in integers of a fixed unit (`10^-scale`): the search adds many of them.
#[derive(Clone, Copy)]
struct Fixed {
    lo: i128,
    hi: i128,
}

impl Fixed {
    const ZERO: Fixed = Fixed { lo: 0, hi: 0 };

    /// `i` in units of `10^-scale`, when both ends are whole units that fit.
    fn of(i: Interval, scale: u32) -> Option<Fixed> {
        let units = |d: Decimal| {
            let up = scale.checked_sub(d.scale())?;
            d.mantissa().checked_mul(10i128.checked_pow(up)?)
        };
        Some(Fixed {
            lo: units(i.lo)?,
            hi: units(i.hi)?,
        })
    }

    fn plus(self, o: Fixed) -> Fixed {
        Fixed {
            lo: self.lo.saturating_add(o.lo),
            hi: self.hi.saturating_add(o.hi),
        }
    }

    /// As [`Interval::intersects`]: intervals that only touch do not meet unless one is exact.
    fn intersects(self, o: Fixed) -> bool {
        crate::amount::meet((self.lo, self.hi), (o.lo, o.hi))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn combinations_are_complete() {
        assert_eq!(combinations(3, 2), vec![vec![0, 1], vec![0, 2], vec![1, 2]]);
        assert_eq!(combinations(12, 4).len(), binomial(12, 4));
        assert_eq!(binomial(11, 0), 1);
    }
}
