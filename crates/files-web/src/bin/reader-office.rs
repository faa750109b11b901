//! The Excel/Word reader module (www/reader.js loads it when .xlsx/.xls/.docx or a zip of them
//! are dropped or opened).

use wasm_bindgen::prelude::*;

/// Reads the dropped workbooks and Word documents (`[{name, bytes: Uint8Array}]`) as one
/// document, in the template's order: `{text, origins}` or `{error: {message, message_en, file}}`;
/// `progress(done, total, name)` after every file.
#[wasm_bindgen]
pub fn read(files: JsValue, progress: js_sys::Function) -> JsValue {
    budget_lint_files_web::read_office(&files, &progress)
}

fn main() {}
