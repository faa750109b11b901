//! Family X: across tables.

use crate::rules::Rule;

/// The rules of this family, in code order.
pub static RULES: &[&Rule] = &[];
