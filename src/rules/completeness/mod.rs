//! Family C: completeness of tables, sections and details.

use crate::rules::Rule;

/// The rules of this family, in code order.
pub static RULES: &[&Rule] = &[];
