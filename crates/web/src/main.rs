//! The budget-lint page (binary `budget-lint-web`): renders [`budget_lint_web::app::App`]. The check
//! itself runs in the `checker` worker (src/bin/checker.rs).

fn main() {
    yew::Renderer::<budget_lint_web::app::App>::new().render();
}
