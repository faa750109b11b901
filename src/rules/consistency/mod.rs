//! Family S: consistency of the document's facts.

use crate::rules::Rule;

/// The rules of this family, in code order.
pub static RULES: &[&Rule] = &[];
