//! What the two browser reader modules share: the dropped files from JavaScript, the reading of
//! several files as one document (`budget_lint::origin::join`), and the answer to JavaScript.
//!
//! The answer is `{text, origins}` — `origins` as `budget_lint::origin::Origins` serialises, which
//! the checker worker reads back (`crates/web/src/protocol.rs`) — or
//! `{error: {message, message_en, file}}` with the reader's own messages (Chinese and English).

use budget_lint::origin::{join, FileText};
use serde::Serialize;
use std::cmp::Ordering;
use wasm_bindgen::prelude::*;

/// One dropped file.
pub struct Input {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Why the files could not be read.
#[derive(Debug, PartialEq, Serialize)]
pub struct Failure {
    pub message: String,
    pub message_en: String,
    /// The file it concerns.
    pub file: String,
}

#[derive(Serialize)]
struct Failed<'a> {
    error: &'a Failure,
}

#[derive(Serialize)]
struct Read<'a> {
    text: &'a str,
    origins: &'a budget_lint::origin::Origins,
}

/// Reads PDFs as one document: ordered by name (`…_part1.pdf` before `…_part2.pdf`, `part2` before
/// `part10`), joined with a page break between them.
pub fn read_pdfs(files: &JsValue, progress: &js_sys::Function) -> JsValue {
    let mut files = inputs(files);
    sort_by_name(&mut files);
    let mut read = Vec::with_capacity(files.len());
    for f in &files {
        let name = JsValue::from_str(&f.name);
        let mut on_page = |done: u32, total: u32| {
            let _ = progress.call3(&JsValue::NULL, &done.into(), &total.into(), &name);
            true
        };
        match budget_lint_pdf::extract_with(&f.bytes, &f.name, &mut on_page) {
            Ok(text) => read.push(text),
            Err(e) => {
                return answer(Err(Failure {
                    message: e.message(),
                    message_en: e.message_en(),
                    file: f.name.clone(),
                }))
            }
        }
    }
    answer(Ok(read))
}

/// Reads workbooks and Word documents (or zips of them) as one document, in the template's order
/// (`budget_lint_office::order`: the narrative first, then the tables).
pub fn read_office(files: &JsValue, progress: &js_sys::Function) -> JsValue {
    let files = inputs(files);
    let total = files.len() as u32;
    let mut read = Vec::new();
    for (i, f) in files.iter().enumerate() {
        match budget_lint_office::read(&f.bytes, &f.name) {
            Ok(texts) => read.extend(texts),
            Err(e) => {
                return answer(Err(Failure {
                    message: e.message(),
                    message_en: e.message_en(),
                    file: f.name.clone(),
                }))
            }
        }
        let name = JsValue::from_str(&f.name);
        let _ = progress.call3(&JsValue::NULL, &(i as u32 + 1).into(), &total.into(), &name);
    }
    answer(Ok(budget_lint_office::order(read)))
}

/// `[{name, bytes: Uint8Array}]` from JavaScript (anything else is skipped).
fn inputs(files: &JsValue) -> Vec<Input> {
    let field = |v: &JsValue, k: &str| js_sys::Reflect::get(v, &JsValue::from_str(k)).ok();
    js_sys::Array::from(files)
        .iter()
        .filter_map(|f| {
            let name = field(&f, "name")?.as_string().unwrap_or_default();
            let bytes = field(&f, "bytes")?;
            let bytes = bytes.dyn_ref::<js_sys::Uint8Array>()?.to_vec();
            Some(Input { name, bytes })
        })
        .collect()
}

fn answer(result: Result<Vec<FileText>, Failure>) -> JsValue {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    let value = match &result {
        Ok(files) => {
            let (text, origins) = join(files.clone());
            Read {
                text: &text,
                origins: &origins,
            }
            .serialize(&serializer)
        }
        Err(failure) => Failed { error: failure }.serialize(&serializer),
    };
    value.unwrap_or(JsValue::NULL)
}

/// Sorts files by name, digit runs compared as numbers (`part2` before `part10`).
pub fn sort_by_name(files: &mut [Input]) {
    files.sort_by(|a, b| natural(&a.name, &b.name));
}

/// Compares two names with their digit runs taken as numbers.
pub fn natural(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (a.chars().peekable(), b.chars().peekable());
    loop {
        match (a.peek().copied(), b.peek().copied()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let run = |it: &mut std::iter::Peekable<std::str::Chars>| {
                    let mut s = String::new();
                    while let Some(c) = it.peek().copied().filter(char::is_ascii_digit) {
                        s.push(c);
                        it.next();
                    }
                    s
                };
                let (x, y) = (run(&mut a), run(&mut b));
                let (xt, yt) = (x.trim_start_matches('0'), y.trim_start_matches('0'));
                let ord = xt.len().cmp(&yt.len()).then_with(|| xt.cmp(yt));
                if ord != Ordering::Equal {
                    return ord;
                }
            }
            (Some(x), Some(y)) => {
                if x != y {
                    return x.cmp(&y);
                }
                a.next();
                b.next();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_in_order() {
        let mut files: Vec<Input> = ["x_part10.pdf", "x_part2.pdf", "x_part1.pdf"]
            .iter()
            .map(|n| Input {
                name: n.to_string(),
                bytes: vec![],
            })
            .collect();
        sort_by_name(&mut files);
        let names: Vec<_> = files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["x_part1.pdf", "x_part2.pdf", "x_part10.pdf"]);
        assert_eq!(natural("a", "a"), Ordering::Equal);
        assert_eq!(natural("a01", "a1"), Ordering::Equal);
        assert_eq!(natural("a", "ab"), Ordering::Less);
    }
}
