//! The page's side of the file reader worker (www/reader.js): dropped or opened PDFs, or Excel and
//! Word drafts, read into text with where its stretches stand in the files.
//!
//! The readers are two WebAssembly modules of their own (crates/files-web: `reader-pdf`,
//! `reader-office`) that the page never loads: a worker is started for each drop and loads the
//! one it needs, so a first visit and a pasted text cost nothing more, and an .xlsx does not fetch
//! the PDF reader's fonts. The worker is ended when its answer is in, or when the person stops
//! the reading (the only way to stop a synchronous reading in a worker).

use wasm_bindgen::prelude::*;

/// Where the reader worker's script is, relative to the page.
pub const READER_SCRIPT: &str = "./reader.js";

/// Which reader module the worker loads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Pdf,
    Office,
}

/// What the reader worker says.
pub enum Event {
    /// `done` of `total` pages (PDF) or files (office) read, the last of file `name`.
    Progress { done: u32, total: u32, name: String },
    /// The files' text (joined as one document) and its origins (as `Origins` serialises).
    Read { text: String, origins: JsValue },
    /// Why a file could not be read, in the reader's words.
    Failed {
        message: String,
        message_en: String,
        file: String,
    },
}

/// A running reader worker.
pub struct Reader {
    worker: web_sys::Worker,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

impl Reader {
    /// Starts a worker and hands it the files (their bytes transferred, not copied).
    pub fn start(
        kind: Kind,
        files: &[(String, js_sys::Uint8Array)],
        on_event: impl Fn(Event) + 'static,
    ) -> Result<Reader, JsValue> {
        let worker = web_sys::Worker::new(READER_SCRIPT)?;
        let on_event = std::rc::Rc::new(on_event);
        let on_message = {
            let on_event = on_event.clone();
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
                on_event(decode(&e.data()))
            })
        };
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
            let message = e
                .dyn_ref::<web_sys::ErrorEvent>()
                .map(|e| e.message())
                .filter(|m| !m.is_empty())
                .unwrap_or_else(|| "the reader could not start".to_string());
            on_event(Event::Failed {
                message: message.clone(),
                message_en: message,
                file: String::new(),
            })
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        let list = js_sys::Array::new();
        let transfer = js_sys::Array::new();
        for (name, bytes) in files {
            let file = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&file, &"name".into(), &JsValue::from_str(name));
            let _ = js_sys::Reflect::set(&file, &"bytes".into(), bytes);
            list.push(&file);
            transfer.push(&bytes.buffer());
        }
        let message = js_sys::Object::new();
        let kind = match kind {
            Kind::Pdf => "pdf",
            Kind::Office => "office",
        };
        let _ = js_sys::Reflect::set(&message, &"kind".into(), &JsValue::from_str(kind));
        let _ = js_sys::Reflect::set(&message, &"files".into(), &list);
        worker.post_message_with_transfer(&message, &transfer)?;
        Ok(Reader {
            worker,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    /// Ends the worker (whatever it was doing).
    pub fn stop(&self) {
        self.worker.terminate();
    }
}

fn decode(data: &JsValue) -> Event {
    let field = |v: &JsValue, k: &str| crate::dom::field(v, k);
    let text = |v: &JsValue, k: &str| field(v, k).as_string().unwrap_or_default();
    let progress = field(data, "progress");
    if progress.is_object() {
        let at = |i: u32| js_sys::Reflect::get_u32(&progress, i).unwrap_or(JsValue::UNDEFINED);
        return Event::Progress {
            done: at(0).as_f64().unwrap_or(0.0) as u32,
            total: at(1).as_f64().unwrap_or(0.0) as u32,
            name: at(2).as_string().unwrap_or_default(),
        };
    }
    let error = field(data, "error");
    match field(data, "text").as_string() {
        Some(t) if !error.is_object() => Event::Read {
            text: t,
            origins: field(data, "origins"),
        },
        _ => Event::Failed {
            message: text(&error, "message"),
            message_en: text(&error, "message_en"),
            file: text(&error, "file"),
        },
    }
}
