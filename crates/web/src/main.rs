//! The budget-lint module (binary `budget-lint-web`): on a page it draws
//! [`budget_lint_web::app::App`]; in the checker worker (www/worker.js), where there is no window,
//! it draws nothing and the worker calls [`budget_lint_web::protocol::answer`].

fn main() {
    if web_sys::window().is_some() {
        yew::Renderer::<budget_lint_web::app::App>::new().render();
    }
}
