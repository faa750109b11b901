//! Family K: classification codes and names.

use crate::rules::Rule;

/// The rules of this family, in code order.
pub static RULES: &[&Rule] = &[];
