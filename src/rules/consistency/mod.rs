//! Family S: consistency of the document's facts.

pub mod body_name;
pub mod fiscal_year;
pub mod placeholder;
pub mod scope_wording;
pub(crate) mod text;

use crate::rules::Rule;

/// The rules of this family, in code order.
pub static RULES: &[&Rule] = &[
    &body_name::RULE,
    &fiscal_year::RULE,
    &scope_wording::RULE,
    &placeholder::RULE,
];
