//! The PDF reader module (www/reader.js loads it when PDFs are dropped or opened).

use wasm_bindgen::prelude::*;

/// Reads the dropped PDFs (`[{name, bytes: Uint8Array}]`) as one document:
/// `{text, origins}` or `{error: {message, message_en, file}}`; `progress(done, total, name)`
/// after every page.
#[wasm_bindgen]
pub fn read(files: JsValue, progress: js_sys::Function) -> JsValue {
    budget_lint_files_web::read_pdfs(&files, &progress)
}

fn main() {}
