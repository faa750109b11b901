//! Family A: arithmetic within one table.

pub mod parent_sum;
pub mod row_identity;
pub mod totals_balance;
mod tree;
