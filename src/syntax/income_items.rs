//! What a summary table's income items say about the income table's columns.
//!
//! "其中：一般财力 388.86" on the income side of 表1 is the total of 表2's 一般公共预算 column;
//! "5.单位资金 0.03" the total of its 单位资金 column; an item printed without a figure says the
//! column is empty. The income table is read again with these totals when its own arithmetic left a
//! column open (see `read` in lib.rs).

use super::layouts::INCOME_ITEM_COLUMNS;
use super::rows::strip_ordinal;
use crate::model::{Side, Table};
use rust_decimal::Decimal;

/// (income-table column name, total) for every income item of `summary` that names a column.
/// Only the first item of each name counts (the numbered item, not a later 其中 repeat).
pub fn known_columns(summary: &Table) -> Vec<(String, Option<Decimal>)> {
    let mut out: Vec<(String, Option<Decimal>)> = Vec::new();
    for r in summary.rows.iter().filter(|r| r.side == Some(Side::Income)) {
        let label = strip_ordinal(&r.label);
        let label = label.strip_prefix("其中：").unwrap_or(label);
        let column = INCOME_ITEM_COLUMNS
            .iter()
            .find(|(item, _)| *item == label)
            .map_or(label, |(_, column)| column);
        if out.iter().any(|(c, _)| c == column) {
            continue;
        }
        out.push((column.to_string(), r.cells.first().map(|c| c.value)));
    }
    out
}
