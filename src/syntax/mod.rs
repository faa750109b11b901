//! From text to model: lines and tokens, table regions and rows, narrative figures, document facts.

mod breakdowns;
pub mod evidence;
pub mod facts;
pub mod income_items;
pub mod layouts;
pub mod lex;
mod name_codes;
pub mod narrative;
mod panels;
mod perf;
pub mod regions;
pub mod rows;
pub mod solve;
mod stream;
pub mod table;
pub mod titles;
