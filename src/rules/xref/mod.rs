//! Family X: across tables.
//!
//! The identities between the tables of a disclosure (DOMAIN.md, "Across tables"). X201–X203,
//! X205 and X206 state their identities to one engine ([`engine`]), which evaluates them together
//! so that one wrong figure is reported once, by the first rule that judges it wrong, with every
//! figure it disagrees with. X204 (“三公” against the basic spending table) is an inequality with
//! its own severities; X207 (economic against functional classification) compares pairs of items
//! that record the same payment.

pub mod basic_projects;
pub mod carry_over;
pub mod class_totals;
mod common;
pub mod econ_function;
mod engine;
pub mod fiscal_funds;
pub mod income_sources;
pub mod three_public;

use crate::rules::{Context, Rule, Sink};

/// The rules of this family, in code order.
pub static RULES: &[&Rule] = &[
    &class_totals::RULE,
    &fiscal_funds::RULE,
    &basic_projects::RULE,
    &three_public::RULE,
    &carry_over::RULE,
    &income_sources::RULE,
    &econ_function::RULE,
];

/// Every identity of the engine, in rule order (the first rule to judge a figure wrong reports it).
const BUILDERS: &[for<'a> fn(&Context<'a>, &mut engine::Collector<'a>)] = &[
    class_totals::build,
    fiscal_funds::build,
    basic_projects::build,
    carry_over::build,
    income_sources::build,
];

fn report(ctx: &Context, sink: &mut Sink, code: &'static str, name: &'static str) {
    engine::report(ctx, sink, code, name, BUILDERS);
}
