//! The checker web worker: receives texts from the page, returns their reports and views.
//! Built by Trunk as a worker (`data-type="worker"` in index.html), loaded by `checker_loader.js`.

use budget_lint_web::protocol::{Checker, Wire};
use gloo_worker::Registrable;

fn main() {
    Checker::registrar().encoding::<Wire>().register();
}
