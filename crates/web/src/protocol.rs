//! The messages between a page and the checker worker, and both ends' Rust side.
//!
//! The worker is `worker.js` (www/worker.js, its module names filled in at build time by
//! scripts/finish-dist.mjs): it loads this same WebAssembly module and calls [`answer`] for each
//! message. One plain protocol serves the app and the JavaScript module API (www/budget-lint.mjs):
//!
//! - request `{ id, text, origins? }`, `text` a string; `origins`, for a text read out of files
//!   (www/reader.js, crates/files-web), where its stretches stand in them, as
//!   `budget_lint::origin::Origins` serialises: each label and cell of the report then carries
//!   its `origin` (`check_with_origins`);
//! - answer `{ id, report, checkMs, sentAt }`, or `{ id, error }` when the request was not understood.
//!
//! `report` is the report exactly as the CLI's `--format json` prints it, as a JSON-compatible
//! JavaScript value. The app decodes it (serde-wasm-bindgen) and builds what it draws from it with
//! the core's `view` functions: only the report's types cross between the two, so the module holds
//! one serialiser and one deserialiser of them rather than also those of the view (a build with the
//! view sent across measured 6.6 kB larger, gzipped; building the view takes milliseconds).

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

/// Where the worker script is, relative to the page (so the site works from any sub-path).
pub const WORKER_SCRIPT: &str = "./worker.js";

/// Check this text. `id` increases with every request; the app keeps only the newest answer.
///
/// The text travels as the JavaScript string the text box holds: the page spends no time
/// converting megabytes to UTF-8 before sending them (the worker does that).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct CheckRequest {
    pub id: u32,
    #[serde(with = "serde_wasm_bindgen::preserve")]
    pub text: JsValue,
    /// Where the text's stretches stand in the files it was read from; `undefined` for a text
    /// pasted, typed or opened as text.
    #[serde(with = "serde_wasm_bindgen::preserve", default)]
    pub origins: JsValue,
}

/// The worker's answer.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Checked {
    pub id: u32,
    /// The report exactly as the CLI's `--format json` prints it (JSON-compatible value).
    #[serde(with = "serde_wasm_bindgen::preserve")]
    pub report: JsValue,
    /// Milliseconds spent in `check`.
    pub check_ms: f64,
    /// `Date.now()` when the worker finished (to time the message's way to the page).
    pub sent_at: f64,
}

/// A message the worker could not read.
#[derive(Serialize)]
struct Failed {
    id: Option<u32>,
    error: String,
}

/// Serialises a value as plain JSON-compatible JavaScript (objects, arrays, `null` for `None`).
pub fn to_json_value<T: Serialize>(value: &T) -> Result<JsValue, serde_wasm_bindgen::Error> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
}

/// The worker's side: answers one request (called by worker.js for every message).
#[wasm_bindgen]
pub fn answer(request: JsValue) -> JsValue {
    let id = crate::dom::field(&request, "id").as_f64().map(|v| v as u32);
    let encoded = serde_wasm_bindgen::from_value::<CheckRequest>(request)
        .map_err(|e| format!("not a check request: {e}"))
        .and_then(|request| {
            let text = request
                .text
                .as_string()
                .ok_or_else(|| "`text` is not a string".to_string())?;
            let origins = if request.origins.is_object() {
                serde_wasm_bindgen::from_value(request.origins)
                    .map_err(|e| format!("`origins` not understood: {e}"))?
            } else {
                budget_lint::origin::Origins::new()
            };
            checked(request.id, &text, &origins)
                .serialize(&serde_wasm_bindgen::Serializer::new())
                .map_err(|e| e.to_string())
        });
    encoded.unwrap_or_else(|error| to_json_value(&Failed { id, error }).unwrap_or(JsValue::NULL))
}

fn checked(id: u32, text: &str, origins: &budget_lint::origin::Origins) -> Checked {
    let t0 = precise_now();
    let report = budget_lint::check_with_origins(text, origins);
    let check_ms = precise_now() - t0;
    Checked {
        id,
        report: to_json_value(&report).unwrap_or(JsValue::NULL),
        check_ms,
        sent_at: js_sys::Date::now(),
    }
}

/// Milliseconds from the scope's `performance.now()` (a worker has one; finer than `Date.now()`,
/// which counts whole milliseconds), else `Date.now()`.
fn precise_now() -> f64 {
    js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("performance"))
        .ok()
        .and_then(|p| p.dyn_into::<web_sys::Performance>().ok())
        .map_or_else(js_sys::Date::now, |p| p.now())
}

/// The page's side: the worker and the handler of its answers. Dropping it ends the worker (a
/// check running in it is abandoned) and silences it first, so no answer of it arrives after.
pub struct WorkerClient {
    worker: web_sys::Worker,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

impl WorkerClient {
    /// Starts the worker. `on_answer` gets every answer decoded, or what went wrong.
    pub fn spawn(on_answer: impl Fn(Result<Checked, String>) + 'static) -> Result<Self, JsValue> {
        let worker = web_sys::Worker::new(WORKER_SCRIPT)?;
        let on_answer = std::rc::Rc::new(on_answer);
        let on_message = {
            let on_answer = on_answer.clone();
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
                on_answer(decode_answer(e.data()))
            })
        };
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
            let message = e
                .dyn_ref::<web_sys::ErrorEvent>()
                .map(|e| e.message())
                .filter(|m| !m.is_empty())
                .unwrap_or_else(|| "the checker could not start".to_string());
            on_answer(Err(message))
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(WorkerClient {
            worker,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    pub fn send(&self, request: &CheckRequest) -> Result<(), JsValue> {
        let message = request.serialize(&serde_wasm_bindgen::Serializer::new())?;
        self.worker.post_message(&message)
    }
}

impl Drop for WorkerClient {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}

fn decode_answer(data: JsValue) -> Result<Checked, String> {
    match crate::dom::field(&data, "error").as_string() {
        Some(error) => Err(error),
        None => serde_wasm_bindgen::from_value(data).map_err(|e| e.to_string()),
    }
}
