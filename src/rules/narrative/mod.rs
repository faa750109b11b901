//! Family N: narrative against the tables and itself.

use crate::rules::Rule;

/// The rules of this family, in code order.
pub static RULES: &[&Rule] = &[];
