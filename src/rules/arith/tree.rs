//! The parent/children structure of a table's rows, shared by the arithmetic rules.
//!
//! Coded rows nest by their codes (`201` ⊃ `20103` ⊃ `2010301`; a table-7 project row sits under its
//! 项 row if printed, else under the 款) — in a table by unit, within their unit's block, the unit's
//! row above its classes and the department's above the units (`model::units`). Totals rows
//! (总计/合计) sit above the 类 rows. The Xinjiang
//! 三公 table nests by its item names.

use crate::model::{expenditure_classes, units, Row, RowKind, Side, Table, TableKind};
use std::collections::HashMap;

/// A parent row and the rows that must add up to it.
pub struct Family<'t> {
    pub side: Option<Side>,
    pub parent: &'t Row,
    pub children: Vec<&'t Row>,
}

/// Every parent/children family of a read table.
pub fn families(t: &Table) -> Vec<Family<'_>> {
    let mut out = Vec::new();
    for side in [None, Some(Side::Income), Some(Side::Expenditure)] {
        let rows: Vec<&Row> = t.rows.iter().filter(|r| r.side == side).collect();
        if rows.is_empty() {
            continue;
        }
        coded(&rows, side, &mut out);
        if t.kind == TableKind::ThreePublic {
            three_public(&rows, side, &mut out);
        }
    }
    out
}

fn coded<'t>(rows: &[&'t Row], side: Option<Side>, out: &mut Vec<Family<'t>>) {
    // In a table by unit, codes nest within their unit's block.
    let units = units(
        rows.iter()
            .map(|r| (r.kind, r.code.as_deref(), !r.cells.is_empty())),
    );
    let block = |i: usize| units.as_ref().and_then(|u| u.block[i]);
    // The plain (project-less) row of each code.
    let mut by_code: HashMap<(Option<usize>, &str), &'t Row> = HashMap::new();
    for (i, r) in rows.iter().enumerate() {
        if let (Some(c), None) = (r.code.as_deref(), &r.item) {
            by_code.entry((block(i), c)).or_insert(r);
        }
    }
    let mut children: HashMap<*const Row, Vec<&'t Row>> = HashMap::new();
    let mut parents: Vec<&'t Row> = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        let Some(code) = r.code.as_deref() else {
            continue;
        };
        let b = block(i);
        let own = by_code.get(&(b, code));
        let parent = if r.item.is_some() && own.is_some_and(|p| !std::ptr::eq(*p, *r)) {
            own.copied()
        } else {
            ancestors(code).find_map(|a| by_code.get(&(b, a)).copied())
        };
        if let Some(p) = parent {
            let e = children.entry(p as *const Row).or_default();
            if e.is_empty() {
                parents.push(p);
            }
            e.push(r);
        }
    }
    for p in parents {
        if let Some(ch) = children.remove(&(p as *const Row)) {
            out.push(Family {
                side,
                parent: p,
                children: ch,
            });
        }
    }
    let classes = expenditure_classes(rows.iter().map(|r| match (side, &r.code) {
        (Some(Side::Expenditure), None) => {
            (r.kind, r.label.as_str(), r.cells.first().map(|c| c.value))
        }
        _ => (RowKind::Coded, "", None),
    }));
    let top_at: Vec<usize> = (0..rows.len())
        .filter(|&i| match rows[i].code.as_deref() {
            Some(c) => c.len() == 3 && rows[i].item.is_none(),
            None => classes[i],
        })
        .collect();
    if top_at.is_empty() {
        return;
    }
    let top: Vec<&Row> = top_at.iter().map(|&i| rows[i]).collect();
    // A unit's row adds up its block's classes; the department's rows add up the units.
    if let Some(u) = &units {
        for (parent, children) in u.families(&top_at) {
            out.push(Family {
                side,
                parent: rows[parent],
                children: children.into_iter().map(|i| rows[i]).collect(),
            });
        }
    }
    for (i, r) in rows.iter().enumerate() {
        if r.kind != RowKind::Total || r.cells.is_empty() {
            continue;
        }
        out.push(Family {
            side,
            parent: r,
            children: subtotal_children(rows, i, &top),
        });
    }
}

/// The rows a total adds up: all the top-level rows, but for a total standing between them
/// (本年支出合计 after the classes, before 年终结转结余 and 支出总计) only those above it, and for
/// the total after it that subtotal and the rows after it.
fn subtotal_children<'a>(rows: &[&'a Row], at: usize, top: &[&'a Row]) -> Vec<&'a Row> {
    let above: Vec<&'a Row> = rows[..at]
        .iter()
        .copied()
        .filter(|r| top.iter().any(|t| std::ptr::eq(*t, *r)))
        .collect();
    if above.is_empty() {
        return top.to_vec();
    }
    if above.len() < top.len() {
        return above;
    }
    // After all the top-level rows: a subtotal standing between them stands for those above it
    // (支出总计 = 本年支出合计 + 年末结转和结余), so a difference inside it is not counted twice.
    let subtotal = (0..at).rev().find(|&k| {
        rows[k].kind == RowKind::Total
            && !rows[k].cells.is_empty()
            && rows[k + 1..at]
                .iter()
                .any(|r| top.iter().any(|t| std::ptr::eq(*t, *r)))
            && rows[..k]
                .iter()
                .any(|r| top.iter().any(|t| std::ptr::eq(*t, *r)))
    });
    match subtotal {
        Some(k) => std::iter::once(rows[k])
            .chain(
                rows[k + 1..at]
                    .iter()
                    .copied()
                    .filter(|r| top.iter().any(|t| std::ptr::eq(*t, *r))),
            )
            .collect(),
        None => above,
    }
}

/// `2010301` → `20103`, `201`.
fn ancestors(code: &str) -> impl Iterator<Item = &str> {
    let mut len = code.len();
    std::iter::from_fn(move || {
        if len <= 3 {
            return None;
        }
        len -= 2;
        code.get(..len)
    })
}

/// 合计 = 因公出国（境）费 + 公务接待费 + 公务用车购置及运行费; 购置及运行费 = 购置费 + 运行费.
fn three_public<'t>(rows: &[&'t Row], side: Option<Side>, out: &mut Vec<Family<'t>>) {
    let find = |pred: &dyn Fn(&str) -> bool| rows.iter().copied().find(|r| pred(&r.label));
    let total = find(&|l| l == "合计" || l == "总计");
    let abroad = find(&|l| l.contains("出国"));
    let reception = find(&|l| l.contains("接待"));
    let vehicles = find(&|l| l.contains("购置及运行"));
    let purchase = find(&|l| l.contains("购置费") && !l.contains("运行"));
    let running = find(&|l| l.contains("运行费") && !l.contains("购置"));
    if let (Some(t), Some(a), Some(r), Some(v)) = (total, abroad, reception, vehicles) {
        out.push(Family {
            side,
            parent: t,
            children: vec![a, r, v],
        });
    }
    if let (Some(v), Some(p), Some(r)) = (vehicles, purchase, running) {
        out.push(Family {
            side,
            parent: v,
            children: vec![p, r],
        });
    }
}
