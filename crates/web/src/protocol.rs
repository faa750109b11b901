//! The messages between the page and the checker worker, their encoding, and the worker itself.
//!
//! The worker is a gloo-worker oneshot: one [`CheckRequest`] in, one [`Checked`] out. Messages are
//! encoded with serde-wasm-bindgen ([`Wire`]) rather than gloo-worker's default bincode: the report
//! types skip empty fields when serialised, which a self-describing encoding reads back and bincode
//! does not, and structured JavaScript values cost the page nothing to receive.

use budget_lint::view::{self, View};
use gloo_worker::oneshot::oneshot;
use gloo_worker::Codec;
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsValue, UnwrapThrowExt};

/// Where Trunk puts the worker's loader shim, relative to the page (so the dist works from any
/// sub-path; `data-loader-shim` in index.html).
pub const WORKER_LOADER: &str = "./checker_loader.js";

/// Check this text. `id` increases with every request; the page keeps only the newest answer.
///
/// The text travels as the JavaScript string the text box holds: the page spends no time
/// converting megabytes to UTF-8 before sending them (the worker does that).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct CheckRequest {
    pub id: u32,
    #[serde(with = "serde_wasm_bindgen::preserve")]
    pub text: JsValue,
}

/// The worker's answer.
#[derive(Debug, Serialize, Deserialize)]
pub struct Checked {
    pub id: u32,
    /// The findings panel's and the source view's data.
    pub view: View,
    /// `Vec<budget_lint::view::TableView>` as a JavaScript value: decoded by the page only when the
    /// tables are shown.
    #[serde(with = "serde_wasm_bindgen::preserve")]
    pub tables: JsValue,
    /// The report exactly as the CLI's `--format json` prints it (JSON-compatible JavaScript value),
    /// for the JSON export.
    #[serde(with = "serde_wasm_bindgen::preserve")]
    pub report: JsValue,
    /// Milliseconds spent in `check`, and in building the view and encoding it.
    pub check_ms: f64,
    pub view_ms: f64,
    /// `Date.now()` when the worker finished (to time the message's way to the page).
    pub sent_at: f64,
}

/// gloo-worker codec over serde-wasm-bindgen.
#[derive(Debug)]
pub struct Wire;

impl Codec for Wire {
    fn encode<I>(input: I) -> JsValue
    where
        I: Serialize,
    {
        input
            .serialize(&serde_wasm_bindgen::Serializer::new())
            .expect_throw("budget-lint: cannot encode a worker message")
    }

    fn decode<O>(input: JsValue) -> O
    where
        O: for<'de> Deserialize<'de>,
    {
        serde_wasm_bindgen::from_value(input)
            .expect_throw("budget-lint: cannot decode a worker message")
    }
}

/// Serialises a value as plain JSON-compatible JavaScript (objects, arrays, `null` for `None`).
pub fn to_json_value<T: Serialize>(value: &T) -> JsValue {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .expect_throw("budget-lint: cannot encode a value")
}

/// The worker: checks the text and builds everything the page shows.
#[oneshot]
pub async fn Checker(request: CheckRequest) -> Checked {
    let t0 = js_sys::Date::now();
    let text = request.text.as_string().unwrap_or_default();
    let report = budget_lint::check(&text);
    let t1 = js_sys::Date::now();
    let view = view::view(&text, &report);
    let tables = view::tables(&report)
        .serialize(&serde_wasm_bindgen::Serializer::new())
        .expect_throw("budget-lint: cannot encode the tables");
    let report = to_json_value(&report);
    Checked {
        id: request.id,
        view,
        tables,
        report,
        check_ms: t1 - t0,
        view_ms: js_sys::Date::now() - t1,
        sent_at: js_sys::Date::now(),
    }
}
