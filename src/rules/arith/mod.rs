//! Family A: arithmetic within one table.

pub mod fund_balance;
pub mod income_structure;
pub mod parent_sum;
pub mod row_identity;
pub mod totals_balance;
mod tree;

use crate::rules::Rule;

/// The rules of this family, in code order.
pub static RULES: &[&Rule] = &[
    &parent_sum::RULE,
    &row_identity::RULE,
    &totals_balance::RULE,
    &income_structure::RULE,
    &fund_balance::RULE,
];
