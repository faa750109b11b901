//! Family N: narrative against the tables and itself.

pub mod absence;
pub mod amount;
pub mod change_direction;
pub mod change_percent;
mod changes;
mod common;
pub mod comparison;
pub mod component_sum;
pub mod counts;
pub mod execution_rate;
pub mod last_year;
mod link;
pub mod performance;
pub mod restated;
pub mod share;

use crate::rules::Rule;

/// The rules of this family, in code order.
pub static RULES: &[&Rule] = &[
    &amount::RULE,
    &share::RULE,
    &change_percent::RULE,
    &change_direction::RULE,
    &component_sum::RULE,
    &counts::RULE,
    &performance::RULE,
    &restated::RULE,
    &execution_rate::RULE,
    &comparison::RULE,
    &absence::RULE,
    &last_year::RULE,
];
