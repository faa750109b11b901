//! Family C: completeness of tables, sections and details.

pub mod detail_level;
pub mod empty_table;
pub mod missing_table;
pub mod sections;
pub mod three_public;

use crate::rules::Rule;

/// The rules of this family, in code order.
pub static RULES: &[&Rule] = &[
    &missing_table::RULE,
    &empty_table::RULE,
    &three_public::RULE,
    &detail_level::RULE,
    &sections::RULE,
];
