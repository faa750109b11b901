//! budget-lint web app (预算公开校验): paste or drop a disclosure and see every finding marked on the
//! text. Everything runs in the browser: the page ([`app`], binary `budget-lint-web`) sends the text
//! to a web worker that loads the same module and answers with [`protocol::answer`]: it runs the
//! core's `check` and returns the report, from which the page builds what it draws with the core's
//! view functions (`budget_lint::view`).
//!
//! This crate holds no domain logic (architecture invariant 5): what it shows is computed by the core.
//! Its own pure parts (state transitions, encoding sniffing, wording) compile natively and are
//! unit-tested with `cargo test`.

pub mod app;
pub mod decode;
pub mod docs;
pub mod dom;
pub mod embed;
pub mod i18n;
pub mod protocol;
pub mod reader;
pub mod state;
