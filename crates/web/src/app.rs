//! The page: input (paste, type, open or drop a file, examples), the source view with every finding
//! marked on its figures and a gutter, the findings panel, the tables as read, exports.
//!
//! Everything shown comes from the worker's answer ([`Outcome`]): the core computed the segments,
//! groups, rule docs and table grids; this module only turns them into HTML.

use crate::decode::{self, FileKind};
use crate::docs;
use crate::dom;
use crate::embed::{self, Origins};
use crate::i18n::Lang;
use crate::protocol::{CheckRequest, Checked, WorkerClient};
use crate::reader::{Event as ReaderEvent, Kind as ReaderKind, Reader};
use crate::state::{
    initial_example, Action, Dir, Example, Nav, Origin, Outcome, State, Status, Tab, SEVERITIES,
};
use budget_lint::report::DiagnosticOut;
use budget_lint::view::{Mark, Segment, TableView};
use budget_lint::Severity;
use gloo_events::{EventListener, EventListenerOptions};
use gloo_timers::callback::Timeout;
use std::cell::{Cell, RefCell};
use std::collections::BTreeSet;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

/// Where the example list lives, relative to the page (so the dist works from any sub-path).
const EXAMPLES_INDEX: &str = "examples/index.json";
/// Typing pauses this long before the text is checked again (a paste, a dropped file, an example
/// or a host's text is checked at once).
const DEBOUNCE_MS: u32 = 300;

/// The connection to the checker worker. At most one check runs at a time; while it runs, only the
/// newest text waits (older waiting texts are dropped), and answers to older texts are ignored.
struct Client {
    worker: WorkerClient,
    next_id: u32,
    busy: bool,
    queued: Option<CheckRequest>,
    /// The newest text sent, as the JavaScript string (made a Rust string when its answer comes).
    latest: Option<(u32, JsValue)>,
}

type ClientRef = Rc<RefCell<Option<Client>>>;

struct Ctx {
    client: ClientRef,
    dispatch: UseReducerDispatcher<State>,
    input: NodeRef,
    received_at: Rc<Cell<f64>>,
    /// Whether the text box held a large text at the last look (to tell the state only on change).
    large: Rc<Cell<bool>>,
    /// Texts a host page sent (embed mode), waiting for their reports.
    hosts: Rc<RefCell<Vec<HostRequest>>>,
    /// Where the text box's text stands in the files it was read from (`undefined` once edited,
    /// and for any text not read out of files): sent with the text to the checker.
    origins: Rc<RefCell<JsValue>>,
    /// The reader worker of the files being read (www/reader.js).
    reader: Rc<RefCell<Option<Reader>>>,
}

/// A text a host page sent by postMessage (see [`embed`]).
struct HostRequest {
    /// The check that carries it.
    check: u32,
    /// The host's own id for it, sent back with the answer.
    id: JsValue,
    origin: String,
}

impl Clone for Ctx {
    fn clone(&self) -> Self {
        Ctx {
            client: self.client.clone(),
            dispatch: self.dispatch.clone(),
            input: self.input.clone(),
            received_at: self.received_at.clone(),
            large: self.large.clone(),
            hosts: self.hosts.clone(),
            origins: self.origins.clone(),
            reader: self.reader.clone(),
        }
    }
}

impl Ctx {
    /// Folds the text box away when it holds a large text (see [`LARGE_TEXT`]).
    fn note_size(&self, input: &HtmlTextAreaElement) {
        let large = input.text_length() >= LARGE_TEXT;
        if large && !self.large.get() {
            // At once, before anything asks the browser to lay the box out again.
            input.set_hidden(true);
        }
        if large != self.large.get() {
            self.large.set(large);
            self.dispatch.dispatch(Action::LargeInput(large));
        }
    }

    /// Whether `text` is the newest text sent to the checker (compared as JavaScript strings).
    fn sent_already(&self, text: &JsValue) -> bool {
        self.client
            .borrow()
            .as_ref()
            .and_then(|c| c.latest.as_ref())
            .is_some_and(|(_, latest)| latest == text)
    }

    /// Sends the text to the worker (spawned on first use).
    fn submit(&self, text: JsValue) {
        if self.client.borrow().is_none() {
            let ctx = self.clone();
            match WorkerClient::spawn(move |answer| ctx.received(answer)) {
                Ok(worker) => {
                    *self.client.borrow_mut() = Some(Client {
                        worker,
                        next_id: 0,
                        busy: false,
                        queued: None,
                        latest: None,
                    })
                }
                Err(err) => {
                    self.checker_failed(format!("{err:?}"));
                    return;
                }
            }
        }
        let request = {
            let mut guard = self.client.borrow_mut();
            let Some(client) = guard.as_mut() else {
                return;
            };
            client.next_id += 1;
            let id = client.next_id;
            client.latest = Some((id, text.clone()));
            let origins = self.origins.borrow().clone();
            let request = CheckRequest { id, text, origins };
            self.dispatch.dispatch(Action::Requested(id));
            if client.busy {
                client.queued = Some(request);
                None
            } else {
                client.busy = true;
                Some(request)
            }
        };
        if let Some(request) = request {
            self.run(&request);
        }
    }

    fn run(&self, request: &CheckRequest) {
        let sent = match self.client.borrow().as_ref() {
            Some(client) => client.worker.send(request),
            None => return,
        };
        if let Err(err) = sent {
            self.checker_failed(format!("{err:?}"));
        }
    }

    fn checker_failed(&self, err: String) {
        self.dispatch.dispatch(Action::Status(Some(Status::Failed(
            "checker".to_string(),
            err,
        ))));
    }

    /// An answer from the worker: the next waiting text goes out, and the answer is shown if it
    /// is for the newest text.
    fn received(&self, answer: Result<Checked, String>) {
        // Whatever the answer, the worker is free: the waiting text goes out.
        let next = self.client.borrow_mut().as_mut().and_then(|client| {
            let next = client.queued.take();
            client.busy = next.is_some();
            next
        });
        if let Some(next) = next {
            self.run(&next);
        }
        let checked = match answer {
            Ok(checked) => checked,
            Err(err) => return self.checker_failed(err),
        };
        self.answer_hosts(checked.id, &checked.report);
        let text = self.client.borrow().as_ref().and_then(|client| {
            client
                .latest
                .as_ref()
                .filter(|(id, _)| *id == checked.id)
                .map(|(_, t)| Rc::new(t.as_string().unwrap_or_default()))
        });
        let Some(text) = text else {
            return;
        };
        // The answer for the newest text: the report decoded, and the view built from it.
        let transfer_ms = js_sys::Date::now() - checked.sent_at;
        let t0 = dom::now();
        let parsed: budget_lint::Report =
            match serde_wasm_bindgen::from_value(checked.report.clone()) {
                Ok(report) => report,
                Err(err) => return self.checker_failed(err.to_string()),
            };
        let view = budget_lint::view::view(&text, &parsed);
        self.received_at.set(dom::now());
        self.dispatch.dispatch(Action::Received(Rc::new(Outcome {
            id: checked.id,
            text,
            view,
            parsed: Rc::new(parsed),
            report: checked.report,
            check_ms: checked.check_ms,
            view_ms: dom::now() - t0,
            transfer_ms,
        })));
    }

    /// A message from the page this one is embedded in: a text to check (see [`embed`]).
    fn host_message(&self, event: &web_sys::MessageEvent, origins: &Origins) {
        let win = dom::window();
        let Some(parent) = dom::parent_window() else {
            return;
        };
        let from_parent = event
            .source()
            .is_some_and(|s| js_sys::Object::is(&s, &parent));
        let origin = event.origin();
        let own = win.location().origin().unwrap_or_default();
        if !from_parent || !origins.allows(&origin, &own) {
            return;
        }
        let data = event.data();
        if dom::field(&data, "type").as_string().as_deref() != Some(embed::CHECK) {
            return;
        }
        let id = dom::field(&data, "id");
        let Some(text) = dom::field(&data, "text").as_string() else {
            dom::post(
                &parent,
                &origin,
                embed::ERROR,
                &id,
                "error",
                &"`text` is not a string".into(),
            );
            return;
        };
        self.dispatch.dispatch(Action::Example(None));
        self.load_text(text);
        if let Some(check) = self.client.borrow().as_ref().map(|c| c.next_id) {
            self.hosts
                .borrow_mut()
                .push(HostRequest { check, id, origin });
        }
    }

    /// Sends the report of check `check` to the host pages that asked for it. Checks answered in
    /// order, so a text waiting for an earlier check was replaced by a newer one before it ran.
    fn answer_hosts(&self, check: u32, report: &JsValue) {
        let mut hosts = self.hosts.borrow_mut();
        if hosts.is_empty() {
            return;
        }
        let Some(parent) = dom::parent_window() else {
            return;
        };
        hosts.retain(|h| {
            if h.check == check {
                dom::post(&parent, &h.origin, embed::REPORT, &h.id, "report", report);
            } else if h.check < check {
                let error = JsValue::from_str("replaced by a newer text before it was checked");
                dom::post(&parent, &h.origin, embed::ERROR, &h.id, "error", &error);
            }
            h.check > check
        });
    }

    /// Puts a text in the box and checks it at once.
    fn load_text(&self, text: String) {
        self.load_read(text, JsValue::UNDEFINED);
    }

    /// Puts a text read out of files in the box and checks it at once with its origins.
    fn load_read(&self, text: String, origins: JsValue) {
        *self.origins.borrow_mut() = origins;
        if let Some(input) = self.input.cast::<HtmlTextAreaElement>() {
            input.set_value(&text);
            self.note_size(&input);
            caret_to_start_if_large(&input);
        }
        self.submit(JsValue::from_str(&text));
    }

    fn load_example(&self, example: Example) {
        let ctx = self.clone();
        self.dispatch
            .dispatch(Action::Status(Some(Status::Loading(example.file.clone()))));
        wasm_bindgen_futures::spawn_local(async move {
            match dom::fetch_text(&format!("examples/{}", example.file)).await {
                Ok(text) => {
                    ctx.dispatch
                        .dispatch(Action::Example(Some(example.file.clone())));
                    ctx.dispatch
                        .dispatch(Action::Status(Some(Status::Example(example.title))));
                    ctx.load_text(text);
                }
                Err(err) => ctx
                    .dispatch
                    .dispatch(Action::Status(Some(Status::Failed(example.file, err)))),
            }
        });
    }

    /// Files opened or dropped: text files are decoded here (the first, as before); PDFs, or
    /// workbooks and Word documents, go to a reader worker together (one document).
    fn open_files(&self, files: Vec<web_sys::File>) {
        let Some(first) = files.first() else {
            return;
        };
        let ctx = self.clone();
        let names = files
            .iter()
            .map(|f| f.name())
            .collect::<Vec<_>>()
            .join(" + ");
        self.dispatch
            .dispatch(Action::Status(Some(Status::Loading(first.name()))));
        wasm_bindgen_futures::spawn_local(async move {
            let mut read = Vec::with_capacity(files.len());
            for file in &files {
                match dom::read_bytes(file).await {
                    Ok(bytes) => read.push((file.name(), bytes)),
                    Err(err) => {
                        return ctx
                            .dispatch
                            .dispatch(Action::Status(Some(Status::Failed(file.name(), err))))
                    }
                }
            }
            let kinds: Vec<FileKind> = read
                .iter()
                .map(|(name, bytes)| {
                    let head = bytes.subarray(0, bytes.length().min(1024)).to_vec();
                    decode::file_kind(name, &head)
                })
                .collect();
            let kind = if kinds.iter().all(|k| *k == FileKind::Text) {
                let (name, bytes) = &read[0];
                return match decode::decode(bytes) {
                    Ok((text, encoding)) => {
                        ctx.dispatch.dispatch(Action::Example(None));
                        ctx.dispatch
                            .dispatch(Action::Status(Some(Status::Opened(name.clone(), encoding))));
                        ctx.load_text(text);
                    }
                    Err(err) => ctx
                        .dispatch
                        .dispatch(Action::Status(Some(Status::Failed(name.clone(), err)))),
                };
            } else if kinds.iter().all(|k| *k == FileKind::Pdf) {
                ReaderKind::Pdf
            } else if kinds.iter().all(|k| *k == FileKind::Office) {
                ReaderKind::Office
            } else {
                let (message, message_en) = crate::i18n::MIXED_FILES;
                return ctx
                    .dispatch
                    .dispatch(Action::Status(Some(Status::Unreadable {
                        file: names,
                        message: message.to_string(),
                        message_en: message_en.to_string(),
                    })));
            };
            ctx.read_files(kind, names, &read);
        });
    }

    /// Starts a reader worker for the files; its answer replaces the text box's text.
    fn read_files(&self, kind: ReaderKind, names: String, files: &[(String, js_sys::Uint8Array)]) {
        self.stop_reading();
        let pdf = kind == ReaderKind::Pdf;
        self.dispatch.dispatch(Action::Status(Some(Status::Reading {
            name: names.clone(),
            done: 0,
            total: 0,
            pdf,
        })));
        let ctx = self.clone();
        let total = Cell::new(0u32);
        let reading = names.clone();
        let started = Reader::start(kind, files, move |event| match event {
            ReaderEvent::Progress {
                done,
                total: n,
                name,
            } => {
                total.set(if pdf { total.get().max(n) } else { n });
                ctx.dispatch.dispatch(Action::Status(Some(Status::Reading {
                    name,
                    done,
                    total: n,
                    pdf,
                })));
            }
            ReaderEvent::Read { text, origins } => {
                ctx.end_reader();
                ctx.dispatch.dispatch(Action::Example(None));
                ctx.dispatch.dispatch(Action::Status(Some(Status::Read {
                    name: reading.clone(),
                    total: total.get(),
                    pdf,
                })));
                ctx.load_read(text, origins);
            }
            ReaderEvent::Failed {
                message,
                message_en,
                file,
            } => {
                ctx.end_reader();
                let file = if file.is_empty() {
                    reading.clone()
                } else {
                    file
                };
                ctx.dispatch
                    .dispatch(Action::Status(Some(Status::Unreadable {
                        file,
                        message,
                        message_en,
                    })));
            }
        });
        match started {
            Ok(reader) => *self.reader.borrow_mut() = Some(reader),
            Err(err) => self.dispatch.dispatch(Action::Status(Some(Status::Failed(
                names,
                format!("{err:?}"),
            )))),
        }
    }

    /// Ends the reader worker from within its own answer (its handlers stay until the next
    /// reading or a stop replaces them: they are running).
    fn end_reader(&self) {
        if let Some(reader) = self.reader.borrow().as_ref() {
            reader.stop();
        }
    }

    /// Stops a reading under way; the text box keeps what it had.
    fn stop_reading(&self) {
        if let Some(reader) = self.reader.borrow_mut().take() {
            reader.stop();
        }
    }
}

/// From this many UTF-16 units on (about 0.9 MB of Chinese text) the text box is "large".
///
/// Chromium paints a text box's whole text in every frame that touches it (about 0.4 s a frame
/// for 5 MB, measured), and re-lays it out in every frame while its caret sits at the end (about
/// 70 ms a frame): after a large paste the page would answer input slowly. So a large text box is
/// folded away (the marked text below shows the text; a button unfolds the box) and its caret is
/// moved to the start.
const LARGE_TEXT: u32 = 300_000;

/// See [`LARGE_TEXT`]: a person who pasted a whole document reads it from the top anyway.
/// (Only the selection: setting the scroll position would lay out the whole text at once.)
fn caret_to_start_if_large(input: &HtmlTextAreaElement) {
    if input.text_length() >= LARGE_TEXT {
        let _ = input.set_selection_range(0, 0);
    }
}

/// What the text box holds, as the JavaScript string itself (not a copy converted to UTF-8).
fn current_value(input: &NodeRef) -> JsValue {
    input
        .cast::<HtmlTextAreaElement>()
        .and_then(|input| js_sys::Reflect::get(&input, &JsValue::from_str("value")).ok())
        .unwrap_or_default()
}

/// The clipboard's plain text, as the JavaScript string itself (`getData("text/plain")`).
fn plain_text(data: &web_sys::DataTransfer) -> Option<js_sys::JsString> {
    let get = js_sys::Reflect::get(data, &JsValue::from_str("getData")).ok()?;
    get.dyn_into::<js_sys::Function>()
        .ok()?
        .call1(data, &JsValue::from_str("text/plain"))
        .ok()?
        .dyn_into()
        .ok()
}

/// What the text box will hold once `pasted` replaces its selection, as the browser inserts it:
/// its line breaks made `\n` (a text box's value has no other). JavaScript strings throughout, so
/// that a large paste is never copied into UTF-8 here; offsets are UTF-16, as the selection's.
fn value_after_paste(
    input: &HtmlTextAreaElement,
    pasted: &js_sys::JsString,
) -> Option<js_sys::JsString> {
    let value: js_sys::JsString = js_sys::Reflect::get(input, &JsValue::from_str("value"))
        .ok()?
        .dyn_into()
        .ok()?;
    let start = input.selection_start().ok().flatten()?;
    let end = input.selection_end().ok().flatten()?;
    let pasted = pasted.replace_by_pattern(&js_sys::RegExp::new("\\r\\n?", "g"), "\n");
    Some(
        value
            .slice(0, start)
            .concat(&pasted)
            .concat(&value.slice(end, value.length())),
    )
}

fn status_text(lang: Lang, status: &Status) -> String {
    match status {
        Status::Loading(name) => lang.loading(name),
        Status::Example(title) => lang.loaded_example(title),
        Status::Opened(name, encoding) => lang.opened(name, encoding),
        Status::Failed(name, err) => lang.load_failed(name, err),
        Status::Reading {
            name,
            done,
            total,
            pdf,
        } => lang.reading(name, *done, *total, *pdf),
        Status::Read { name, total, pdf } => lang.read_done(name, *total, *pdf),
        Status::Stopped(name) => lang.stopped(name),
        Status::Unreadable {
            file,
            message,
            message_en,
        } => lang.unreadable(file, message, message_en),
    }
}

/// The files of a drop or of the file input.
fn files_of(list: &web_sys::FileList) -> Vec<web_sys::File> {
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// The element (or its nearest ancestor) carrying `attr`, from an event's target.
fn target_with(event: &Event, selector: &str) -> Option<Element> {
    event
        .target()?
        .dyn_into::<Element>()
        .ok()?
        .closest(selector)
        .ok()
        .flatten()
}

fn attr_usize(el: &Element, name: &str) -> Option<usize> {
    el.get_attribute(name)?.parse().ok()
}

/// Shows the tooltip for the element under the pointer or the focus (`data-tip`).
fn show_tip(tip: &NodeRef, el: &Element) {
    let (Some(tip), Some(text)) = (tip.cast::<HtmlElement>(), el.get_attribute("data-tip")) else {
        return;
    };
    tip.set_inner_text(&text);
    let rect = el.get_bounding_client_rect();
    let width = dom::window()
        .inner_width()
        .ok()
        .and_then(|w| w.as_f64())
        .unwrap_or(1024.0);
    let left = rect.left().min(width - 340.0).max(4.0);
    dom::set_style(&tip, "left", &dom::px(left));
    dom::set_style(&tip, "top", &dom::px(rect.bottom() + 6.0));
    tip.set_hidden(false);
}

fn hide_tip(tip: &NodeRef) {
    if let Some(tip) = tip.cast::<HtmlElement>() {
        tip.set_hidden(true);
    }
}

fn severity_class(s: Severity) -> &'static str {
    match s {
        Severity::Error => "sev-error",
        Severity::Rounding => "sev-rounding",
        Severity::Warning => "sev-warning",
        Severity::Info => "sev-info",
    }
}

fn message(lang: Lang, d: &DiagnosticOut) -> &str {
    lang.pick(&d.message, &d.message_en)
}

/// `2101101` → `210 11 01`, `30101` → `301 01`.
fn spaced_code(code: &str) -> String {
    if !code.is_ascii() || code.len() <= 3 {
        return code.to_string();
    }
    let mut out = code[..3].to_string();
    let mut rest = &code[3..];
    while !rest.is_empty() {
        let n = rest.len().min(2);
        out.push(' ');
        out.push_str(&rest[..n]);
        rest = &rest[n..];
    }
    out
}

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| State {
        lang: Lang::from_query(dom::query_param("lang").as_deref()),
        ..State::default()
    });
    let input = use_node_ref();
    let file_input = use_node_ref();
    let tip = use_node_ref();
    let client: ClientRef = use_mut_ref(|| None);
    let received_at: Rc<Cell<f64>> = use_memo((), |_| Cell::new(0.0));
    let large: Rc<Cell<bool>> = use_memo((), |_| Cell::new(false));
    let hosts = use_mut_ref(Vec::new);
    let embedded = *use_memo((), |_| dom::query_param("embed").is_some_and(|v| v != "0"));
    let debounce = use_mut_ref(|| None::<Timeout>);
    let dragging = use_state(|| false);
    let render_ms = use_state(|| None::<(u32, f64)>);
    let ctx = Ctx {
        client: client.clone(),
        dispatch: state.dispatcher(),
        input: input.clone(),
        received_at: received_at.clone(),
        large: large.clone(),
        hosts,
        origins: use_mut_ref(|| JsValue::UNDEFINED),
        reader: use_mut_ref(|| None),
    };
    let lang = state.lang;
    let t = lang.t();

    // At start: the examples (and the first or requested one loaded), F8, drag and drop.
    {
        let ctx = ctx.clone();
        let dragging = dragging.clone();
        let tip = tip.clone();
        use_effect_with((), move |_| {
            {
                let ctx = ctx.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    if let Ok(list) = dom::fetch_json::<Vec<Example>>(EXAMPLES_INDEX).await {
                        let requested = dom::query_param("example");
                        let first = initial_example(&list, requested.as_deref()).cloned();
                        ctx.dispatch.dispatch(Action::Examples(list));
                        let untouched = ctx
                            .input
                            .cast::<HtmlTextAreaElement>()
                            .is_some_and(|i| i.value().is_empty());
                        match first {
                            // Embedded, the host page brings the text (unless it asked for one).
                            _ if embedded && untouched && requested.is_none() => {
                                ctx.submit(JsValue::from_str(""))
                            }
                            Some(example) if untouched => ctx.load_example(example),
                            _ if untouched => ctx.submit(JsValue::from_str("")),
                            _ => {}
                        }
                    } else {
                        ctx.submit(JsValue::from_str(""));
                    }
                });
            }
            let doc = dom::document();
            let opts = EventListenerOptions::enable_prevent_default();
            let keydown = {
                let dispatch = ctx.dispatch.clone();
                EventListener::new_with_options(&doc, "keydown", opts, move |e| {
                    let Some(e) = e.dyn_ref::<KeyboardEvent>() else {
                        return;
                    };
                    match e.key().as_str() {
                        "F8" => {
                            e.prevent_default();
                            dispatch.dispatch(Action::Step(if e.shift_key() {
                                Dir::Prev
                            } else {
                                Dir::Next
                            }));
                        }
                        "Escape" => hide_tip(&tip),
                        _ => {}
                    }
                })
            };
            let is_files = |e: &Event| {
                e.dyn_ref::<DragEvent>()
                    .and_then(|d| d.data_transfer())
                    .is_some_and(|dt| dt.types().includes(&JsValue::from_str("Files"), 0))
            };
            let dragover = {
                let dragging = dragging.clone();
                EventListener::new_with_options(&doc, "dragover", opts, move |e| {
                    if is_files(e) {
                        e.prevent_default();
                        if !*dragging {
                            dragging.set(true);
                        }
                    }
                })
            };
            let dragleave = {
                let dragging = dragging.clone();
                EventListener::new(&doc, "dragleave", move |e| {
                    let left = e
                        .dyn_ref::<DragEvent>()
                        .is_some_and(|d| d.related_target().is_none());
                    if left {
                        dragging.set(false);
                    }
                })
            };
            let drop_listener = {
                let ctx = ctx.clone();
                EventListener::new_with_options(&doc, "drop", opts, move |e| {
                    let files = e
                        .dyn_ref::<DragEvent>()
                        .and_then(|d| d.data_transfer())
                        .and_then(|dt| dt.files())
                        .map(|f| files_of(&f))
                        .unwrap_or_default();
                    if !files.is_empty() {
                        e.prevent_default();
                        dragging.set(false);
                        ctx.open_files(files);
                    }
                })
            };
            let win = dom::window();
            // Embedded: texts from the host page, and a word to it that the checker is there.
            let host_listener = embedded.then(|| {
                let ctx = ctx.clone();
                let origins = Origins::parse(dom::meta_content(embed::ORIGINS_META).as_deref());
                EventListener::new(&win, "message", move |e| {
                    if let Some(e) = e.dyn_ref::<web_sys::MessageEvent>() {
                        ctx.host_message(e, &origins);
                    }
                })
            });
            if let Some(parent) = dom::parent_window().filter(|_| embedded) {
                let version = JsValue::from_str(env!("CARGO_PKG_VERSION"));
                dom::post(
                    &parent,
                    "*",
                    embed::READY,
                    &JsValue::NULL,
                    "version",
                    &version,
                );
            }
            let beforeprint = {
                let dispatch = ctx.dispatch.clone();
                EventListener::new(&win, "beforeprint", move |_| {
                    dispatch.dispatch(Action::Printing(true))
                })
            };
            let afterprint = {
                let dispatch = ctx.dispatch.clone();
                EventListener::new(&win, "afterprint", move |_| {
                    dispatch.dispatch(Action::Printing(false))
                })
            };
            move || {
                drop((keydown, dragover, dragleave, drop_listener));
                drop((beforeprint, afterprint, host_listener));
            }
        });
    }

    // The page's language.
    use_effect_with(lang, |lang| dom::set_document_lang(lang.code()));

    // How long the newest answer took to show: Yew's render, then layout and paint.
    {
        let render_ms = render_ms.clone();
        let received_at = received_at.clone();
        let id = state.outcome.as_ref().map(|o| o.id);
        use_effect_with(id, move |id| {
            if let Some(id) = *id {
                let start = received_at.get();
                let callback = wasm_bindgen::closure::Closure::once_into_js(move || {
                    Timeout::new(0, move || render_ms.set(Some((id, dom::now() - start)))).forget();
                });
                let _ = dom::window().request_animation_frame(callback.unchecked_ref());
            }
        });
    }

    // Scroll the selected finding's figure and entry into view; F8 moves the focus to the entry.
    // Switching the tab shows the selected finding's figure in the other view too.
    {
        let last_seq = use_mut_ref(|| 0u32);
        use_effect_with((state.nav, state.tab), move |(nav, tab)| {
            if let Some(Nav {
                seq,
                finding,
                label,
                origin,
            }) = *nav
            {
                let new_nav = *last_seq.borrow() != seq;
                *last_seq.borrow_mut() = seq;
                let figure = match tab {
                    Tab::Source => label
                        .and_then(|l| {
                            dom::query(&format!(
                                "#source mark[data-finding=\"{finding}\"][data-label=\"{l}\"]"
                            ))
                        })
                        .or_else(|| {
                            dom::query(&format!(
                                "#source mark[data-finding=\"{finding}\"][data-role=\"primary\"]"
                            ))
                        }),
                    Tab::Tables => dom::query(&format!(
                        "#tables td[data-finding=\"{finding}\"][data-role=\"primary\"]"
                    )),
                };
                if !new_nav || (origin != Origin::Source && origin != Origin::Table) {
                    if let Some(figure) = &figure {
                        dom::scroll_into_view(figure, true);
                    }
                }
                if new_nav {
                    if let Some(entry) = dom::query(&format!("#finding-{finding}")) {
                        if origin == Origin::Keyboard {
                            dom::focus(&entry);
                        }
                        if let Some(item) = entry.parent_element() {
                            dom::scroll_into_view(&item, false);
                        }
                    }
                }
            }
        });
    }

    let oninput = {
        let ctx = ctx.clone();
        let debounce = debounce.clone();
        Callback::from(move |e: InputEvent| {
            // An edit makes the text plain text: it no longer stands where the file had it.
            *ctx.origins.borrow_mut() = JsValue::UNDEFINED;
            let pasted = matches!(
                e.input_type().as_str(),
                "insertFromPaste" | "insertFromDrop"
            );
            if let Some(input) = ctx.input.cast::<HtmlTextAreaElement>() {
                ctx.note_size(&input);
                if pasted {
                    caret_to_start_if_large(&input);
                }
            }
            if ctx
                .client
                .borrow()
                .as_ref()
                .is_some_and(|c| c.latest.is_some())
            {
                ctx.dispatch.dispatch(Action::Example(None));
                ctx.dispatch.dispatch(Action::Status(None));
            }
            let ctx = ctx.clone();
            let check = {
                let ctx = ctx.clone();
                move || ctx.submit(current_value(&ctx.input))
            };
            if pasted {
                // A paste (or text dropped into the box) is a whole text: checked at once, and a
                // check still waiting for typing to pause is dropped (this text includes it).
                // A paste was usually sent already, when it was announced (`onpaste`): then only
                // a text box that holds something else than was foreseen is sent again.
                debounce.borrow_mut().take();
                if !ctx.sent_already(&current_value(&ctx.input)) {
                    check();
                }
            } else {
                *debounce.borrow_mut() = Some(Timeout::new(DEBOUNCE_MS, check));
            }
        })
    };

    // A paste is sent to the checker the moment it is announced, before the browser puts it in
    // the text box: inserting a document into a text box takes Chromium about as long as checking
    // it (about 0.1 s for 48 kB, its 3,900 lines each laid out), and the worker checks meanwhile.
    let onpaste = {
        let ctx = ctx.clone();
        Callback::from(move |e: Event| {
            let pasted = e
                .dyn_ref::<web_sys::ClipboardEvent>()
                .and_then(|e| e.clipboard_data())
                .and_then(|data| plain_text(&data))
                .filter(|text| text.length() > 0);
            let (Some(pasted), Some(input)) = (pasted, ctx.input.cast::<HtmlTextAreaElement>())
            else {
                return;
            };
            if let Some(text) = value_after_paste(&input, &pasted) {
                *ctx.origins.borrow_mut() = JsValue::UNDEFINED;
                ctx.submit(text.into());
            }
        })
    };

    let on_open_click = {
        let file_input = file_input.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(el) = file_input.cast::<HtmlElement>() {
                el.click();
            }
        })
    };
    let on_file = {
        let ctx = ctx.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let files = input.files().map(|f| files_of(&f)).unwrap_or_default();
            if !files.is_empty() {
                ctx.open_files(files);
            }
            input.set_value("");
        })
    };
    let on_export_json = {
        let outcome = state.outcome.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(o) = &outcome {
                let json = js_sys::JSON::stringify_with_replacer_and_space(
                    &o.report,
                    &JsValue::NULL,
                    &JsValue::from_f64(2.0),
                )
                .ok()
                .and_then(|s| s.as_string())
                .unwrap_or_default();
                let _ = dom::download(
                    "budget-lint-report.json",
                    "application/json",
                    &(json + "\n"),
                );
            }
        })
    };
    let on_export_csv = {
        let outcome = state.outcome.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(o) = &outcome {
                let csv = budget_lint::view::csv(&o.text, &o.view.diagnostics);
                let _ = dom::download("budget-lint-report.csv", "text/csv;charset=utf-8", &csv);
            }
        })
    };
    // Printing draws every entry open first (entries are drawn open only when asked).
    let on_print = {
        let dispatch = state.dispatcher();
        Callback::from(move |_: MouseEvent| {
            dispatch.dispatch(Action::Printing(true));
            let dispatch = dispatch.clone();
            Timeout::new(0, move || {
                let _ = dom::window().print();
                dispatch.dispatch(Action::Printing(false));
            })
            .forget();
        })
    };
    let on_show_input = {
        let dispatch = state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::ShowInput))
    };
    let on_lang = {
        let dispatch = state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::Lang(lang.other())))
    };
    let on_select = {
        let dispatch = state.dispatcher();
        Callback::from(move |(i, origin): (usize, Origin)| {
            dispatch.dispatch(Action::Select(i, origin))
        })
    };
    let on_toggle = {
        let dispatch = state.dispatcher();
        Callback::from(move |i: usize| dispatch.dispatch(Action::Toggle(i)))
    };
    let on_label = {
        let dispatch = state.dispatcher();
        Callback::from(move |(i, l): (usize, usize)| dispatch.dispatch(Action::SelectLabel(i, l)))
    };
    let on_filter = {
        let dispatch = state.dispatcher();
        Callback::from(move |s: Severity| dispatch.dispatch(Action::Filter(s)))
    };
    let tab_button = |tab: Tab, id: &'static str, label: &'static str| {
        let dispatch = state.dispatcher();
        let selected = state.tab == tab;
        html! {
            <button type="button" role="tab" id={id} aria-selected={selected.to_string()}
                aria-controls="doc-panel" tabindex={if selected { "0" } else { "-1" }}
                class={classes!("tab", selected.then_some("active"))}
                onclick={Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::Tab(tab)))}
                onkeydown={
                    let dispatch = state.dispatcher();
                    Callback::from(move |e: KeyboardEvent| {
                        if e.key() == "ArrowRight" || e.key() == "ArrowLeft" {
                            e.prevent_default();
                            let other = if tab == Tab::Source { Tab::Tables } else { Tab::Source };
                            dispatch.dispatch(Action::Tab(other));
                            if let Some(el) = dom::query(if other == Tab::Source { "#tab-source" } else { "#tab-tables" }) {
                                dom::focus(&el);
                            }
                        }
                    })
                }>
                { label }
            </button>
        }
    };
    let tip_over = {
        let tip = tip.clone();
        Callback::from(move |e: MouseEvent| match target_with(&e, "[data-tip]") {
            Some(el) => show_tip(&tip, &el),
            None => hide_tip(&tip),
        })
    };
    let tip_focus = {
        let tip = tip.clone();
        Callback::from(move |e: FocusEvent| {
            if let Some(el) = target_with(&e, "[data-tip]") {
                show_tip(&tip, &el);
            }
        })
    };
    let tip_out = {
        let tip = tip.clone();
        Callback::from(move |_: Event| hide_tip(&tip))
    };

    let outcome = state.outcome.clone();
    let status_line = {
        let mut parts: Vec<String> = Vec::new();
        if state.checking() {
            parts.push(t.checking.to_string());
        }
        if let Some(s) = &state.status {
            parts.push(status_text(lang, s));
        }
        if let (Some(o), false) = (&outcome, state.checking()) {
            let render = render_ms.filter(|(id, _)| *id == o.id).map(|(_, ms)| ms);
            parts.push(lang.timing(o.check_ms, render));
        }
        parts.join(" · ")
    };
    let timing_attrs = outcome.as_ref().map(|o| {
        (
            dom::tenths(o.check_ms),
            dom::tenths(o.view_ms + o.transfer_ms),
            render_ms
                .filter(|(id, _)| *id == o.id)
                .map(|(_, ms)| dom::tenths(ms))
                .unwrap_or_default(),
        )
    });
    let (check_attr, transfer_attr, render_attr) = timing_attrs.unwrap_or_default();
    let has_result = outcome.as_ref().is_some_and(|o| !o.is_empty());
    let reading = state.status.as_ref().is_some_and(Status::reading);
    let on_stop = {
        let ctx = ctx.clone();
        let name = match &state.status {
            Some(Status::Reading { name, .. }) => name.clone(),
            _ => String::new(),
        };
        Callback::from(move |_: MouseEvent| {
            ctx.stop_reading();
            let stopped = Status::Stopped(name.clone());
            ctx.dispatch.dispatch(Action::Status(Some(stopped)));
        })
    };

    html! {
        <div class={classes!("app", (*dragging).then_some("dragging"), embedded.then_some("embed"))}>
            <header class="topbar">
                <div class="brand">
                    <h1>{ t.title } <span class="subtitle">{ "budget-lint" }</span></h1>
                    <p class="lede">{ t.tagline }</p>
                </div>
                <div class="actions" role="toolbar" aria-label={lang.pick("操作", "Actions").to_string()}>
                    <button type="button" onclick={on_open_click} data-testid="open-file">{ t.open_file }</button>
                    <input ref={file_input} type="file" multiple=true
                        accept=".txt,.pdf,.xlsx,.xls,.docx,.zip,text/plain,application/pdf" class="visually-hidden"
                        tabindex="-1" aria-hidden="true" onchange={on_file} data-testid="file-input" />
                    <button type="button" onclick={on_export_json} disabled={!has_result} data-testid="export-json">{ t.export_json }</button>
                    <button type="button" onclick={on_export_csv} disabled={!has_result} data-testid="export-csv">{ t.export_csv }</button>
                    <button type="button" onclick={on_print} disabled={!has_result} data-testid="print">{ t.print }</button>
                    <button type="button" onclick={on_lang} lang={lang.other().code()}
                        aria-label={t.switch_to_label} data-testid="lang">{ t.switch_to }</button>
                </div>
            </header>

            <section class="input" aria-label={t.input_label}>
                if !state.examples.is_empty() {
                    <div class="examples" role="group" aria-labelledby="examples-label" data-testid="examples">
                        <span id="examples-label" class="examples-label">{ t.examples }{ lang.pick("：", ":") }</span>
                        { for state.examples.iter().map(|e| {
                            let ctx = ctx.clone();
                            let example = e.clone();
                            let current = state.example.as_deref() == Some(e.file.as_str());
                            html! {
                                <button type="button" class={classes!("example", current.then_some("current"))}
                                    aria-pressed={current.to_string()} data-example={e.file.clone()} title={e.title.clone()}
                                    onclick={Callback::from(move |_: MouseEvent| ctx.load_example(example.clone()))}>
                                    { e.title.clone() }
                                </button>
                            }
                        }) }
                    </div>
                }
                if state.input_folded() {
                    <p class="folded" data-testid="folded">
                        { t.folded }
                        <button type="button" onclick={on_show_input} data-testid="show-input">{ t.show_input }</button>
                    </p>
                }
                <textarea ref={input} id="input" data-testid="input" aria-label={t.input_label}
                    aria-describedby="status" placeholder={t.placeholder} spellcheck="false"
                    hidden={state.input_folded()} {oninput} {onpaste} />
                <p class="status" id="status" role="status" data-testid="status"
                    data-checking={state.checking().to_string()} data-check-ms={check_attr}
                    data-transfer-ms={transfer_attr} data-render-ms={render_attr}>
                    { status_line }
                    if reading {
                        { " " }<button type="button" class="stop" onclick={on_stop} data-testid="stop-reading">{ t.stop_reading }</button>
                    }
                </p>
            </section>

            <main class="workspace">
                <section class="doc" aria-label={lang.pick("原文", "Document")}>
                    <div class="tabs" role="tablist" aria-label={lang.pick("视图", "Views")}>
                        { tab_button(Tab::Source, "tab-source", t.tab_source) }
                        { tab_button(Tab::Tables, "tab-tables", t.tab_tables) }
                    </div>
                    if let Some(o) = &outcome {
                        <DocInfo outcome={o.clone()} {lang} />
                    }
                    <div id="doc-panel" role="tabpanel" class="doc-panel"
                        aria-labelledby={if state.tab == Tab::Source { "tab-source" } else { "tab-tables" }}
                        onmouseover={tip_over} onfocusin={tip_focus} onmouseleave={tip_out.reform(|e: MouseEvent| Event::from(e))}
                        onfocusout={tip_out.reform(|e: FocusEvent| Event::from(e))}>
                        { match (&outcome, state.tab) {
                            (None, _) => html! { <p class="empty" data-testid="empty">{ t.waiting }</p> },
                            (Some(o), _) if o.is_empty() => html! { <p class="empty" data-testid="empty">{ t.empty_text }</p> },
                            (Some(o), Tab::Source) => html! {
                                <SourceView outcome={o.clone()} selected={state.selected} {lang}
                                    hidden={state.hidden.clone()} on_select={on_select.clone()} />
                            },
                            (Some(o), Tab::Tables) => html! {
                                <TablesView outcome={o.clone()} selected={state.selected} {lang}
                                    on_select={on_select.clone()} />
                            },
                        } }
                    </div>
                </section>
                <FindingsPanel outcome={outcome.clone()} selected={state.selected}
                    open={state.open.clone()} hidden={state.hidden.clone()} {lang}
                    printing={state.printing} {on_toggle} {on_label} {on_filter} />
            </main>
            <div ref={tip} id="tooltip" class="tooltip" role="tooltip" hidden=true></div>
            <div class="drop-overlay" aria-hidden="true">{ t.drop_here }</div>
        </div>
    }
}

#[derive(Properties)]
struct DocInfoProps {
    outcome: Rc<Outcome>,
    lang: Lang,
}

impl PartialEq for DocInfoProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.outcome, &other.outcome) && self.lang == other.lang
    }
}

/// What the document is, as read: body, year, kind, unit, tables found.
#[function_component(DocInfo)]
fn doc_info(props: &DocInfoProps) -> Html {
    let o = &props.outcome;
    if o.is_empty() {
        return html! {};
    }
    let lang = props.lang;
    let d = &o.view.document;
    let s = &o.view.summary;
    let mut parts: Vec<String> = Vec::new();
    if let Some(unit) = &d.unit {
        parts.push(unit.clone());
    }
    if let Some(year) = d.year {
        parts.push(lang.year(year));
    }
    if let Some(kind) = lang.doc_kind(d.scope.as_deref(), d.kind.as_deref()) {
        parts.push(kind);
    }
    if let Some(unit) = &d.money_unit {
        parts.push(lang.money_unit(unit));
    }
    parts.push(lang.tables_found(s.tables_read, s.tables_empty, s.tables_unread));
    parts.push(lang.narrative_figures(s.narrative_figures));
    html! {
        <p class="doc-info" data-testid="doc-info">
            { for parts.into_iter().enumerate().map(|(i, p)| html! {
                <span class={classes!("fact", (i == 0 && d.unit.is_some()).then_some("body"))}>{ p }</span>
            }) }
        </p>
    }
}

#[derive(Properties)]
struct SourceProps {
    outcome: Rc<Outcome>,
    selected: Option<usize>,
    lang: Lang,
    hidden: BTreeSet<Severity>,
    on_select: Callback<(usize, Origin)>,
}

impl PartialEq for SourceProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.outcome, &other.outcome)
            && self.selected == other.selected
            && self.lang == other.lang
            && self.hidden == other.hidden
    }
}

/// The tooltip of a primary mark: every finding whose primary label covers the run.
fn primary_tip(lang: Lang, o: &Outcome, marks: &[Mark]) -> String {
    let mut lines: Vec<String> = Vec::new();
    for m in marks.iter().filter(|m| m.primary) {
        let Some(d) = o.view.diagnostics.get(m.finding) else {
            continue;
        };
        lines.push(format!(
            "[{} {}] {}",
            lang.severity(d.severity),
            d.code,
            message(lang, d)
        ));
        if let Some(l) = d.labels.get(m.label) {
            let lm = lang.pick(&l.message, &l.message_en);
            if !lm.is_empty() {
                lines.push(format!("→ {lm}"));
            }
        }
    }
    lines.join("\n")
}

/// The marked text, block by block, with its gutter.
#[function_component(SourceView)]
fn source_view(props: &SourceProps) -> Html {
    let o = &props.outcome;
    let lang = props.lang;
    let diags = &o.view.diagnostics;
    let selected = props.selected;
    // The mark that takes the Tab key (roving): the selected finding's first primary mark, else
    // the first primary mark of the text.
    let focus_segment = o.view.segments.iter().position(|s| match selected {
        Some(f) => s.marks.iter().any(|m| m.finding == f && m.primary),
        None => s.primary().is_some(),
    });
    let focus_block = focus_segment.map(|i| o.view.blocks.partition_point(|b| b.end <= i));
    let on_click = {
        let on_select = props.on_select.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some(f) =
                target_with(&e, "mark[data-finding]").and_then(|m| attr_usize(&m, "data-finding"))
            {
                on_select.emit((f, Origin::Source));
            }
        })
    };
    let on_key = {
        let on_select = props.on_select.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" || e.key() == " " {
                if let Some(f) = target_with(&e, "mark[data-finding]")
                    .and_then(|m| attr_usize(&m, "data-finding"))
                {
                    e.prevent_default();
                    on_select.emit((f, Origin::Source));
                }
            }
        })
    };
    let on_gutter = {
        let on_select = props.on_select.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some(f) =
                target_with(&e, "[data-finding]").and_then(|m| attr_usize(&m, "data-finding"))
            {
                on_select.emit((f, Origin::Gutter));
            }
        })
    };
    let lines = o.view.lines.max(1);
    // Inline styles are set through the CSS object model (a Content-Security-Policy without
    // 'unsafe-inline' refuses `style` attributes): each gutter mark's place is in `data-top`.
    let gutter = use_node_ref();
    {
        let gutter = gutter.clone();
        use_effect(move || {
            if let Some(gutter) = gutter.cast::<Element>() {
                dom::place_from_data(&gutter, "data-top", "top");
            }
        });
    }
    let hidden_classes: Vec<String> = props
        .hidden
        .iter()
        .map(|s| format!("hide-{}", s.as_str()))
        .collect();
    html! {
        <div class={classes!("source-pane", hidden_classes)}>
            <div class="source-scroll" id="source-scroll">
                <div class="source" id="source" data-testid="source" role="document"
                    aria-label={lang.t().source_label} onclick={on_click} onkeydown={on_key}>
                    { for o.view.blocks.iter().enumerate().map(|(k, b)| html! {
                        <SourceBlock key={k} outcome={o.clone()} index={k} {lang}
                            selected={selected.filter(|s| b.findings.contains(s))}
                            focus={(focus_block == Some(k)).then_some(focus_segment).flatten()} />
                    }) }
                </div>
            </div>
            <div class="gutter" ref={gutter} aria-hidden="true" title={lang.t().gutter_label} onclick={on_gutter}
                data-testid="gutter">
                { for diags.iter().enumerate().filter(|(_, d)| !props.hidden.contains(&d.severity)).filter_map(|(i, d)| {
                    let line = o.line_of(i)?;
                    let top = dom::percent(line - 1, lines);
                    Some(html! {
                        <span class={classes!("gutter-mark", severity_class(d.severity), (Some(i) == selected).then_some("selected"))}
                            data-top={top} data-finding={i.to_string()}
                            title={format!("{} · {} {}", lang.line(line), d.code, message(lang, d))}></span>
                    })
                }) }
            </div>
        </div>
    }
}

#[derive(Properties)]
struct BlockProps {
    outcome: Rc<Outcome>,
    index: usize,
    lang: Lang,
    /// The selected finding, when it has a label in this block.
    selected: Option<usize>,
    /// The segment whose mark takes the Tab key, when it is in this block.
    focus: Option<usize>,
}

impl PartialEq for BlockProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.outcome, &other.outcome)
            && self.index == other.index
            && self.lang == other.lang
            && self.selected == other.selected
            && self.focus == other.focus
    }
}

/// One block of whole lines. The browser skips laying out and painting blocks off screen
/// (`content-visibility: auto`), and a block is redrawn only when the selection touches it.
#[function_component(SourceBlock)]
fn source_block(props: &BlockProps) -> Html {
    let o = &props.outcome;
    // Room kept for a block not drawn yet (`content-visibility: auto`): its lines at the source's
    // line height, 1.75em (set through the CSS object model, like the gutter's marks).
    let node = use_node_ref();
    {
        let node = node.clone();
        let lines = o.view.blocks.get(props.index).map_or(0, |b| b.lines);
        use_effect_with(lines, move |&lines| {
            if let Some(el) = node.cast::<Element>() {
                let size = format!("auto {}em", dom::hundredths(lines * 175));
                dom::set_style(&el, "contain-intrinsic-size", &size);
            }
        });
    }
    let lang = props.lang;
    let text = o.text.as_str();
    let diags = &o.view.diagnostics;
    let selected = props.selected;
    let Some(block) = o.view.blocks.get(props.index) else {
        return html! {};
    };
    let segs = &o.view.segments[block.first..block.end];
    let mut nodes: Vec<Html> = Vec::with_capacity(segs.len());
    for (k, seg) in segs.iter().enumerate() {
        let Segment { start, end, marks } = seg;
        let run = text.get(*start..*end).unwrap_or("");
        let sel_primary = selected.and_then(|s| marks.iter().find(|m| m.finding == s && m.primary));
        let related = selected.and_then(|s| marks.iter().find(|m| m.finding == s && !m.primary));
        let shown = sel_primary.or_else(|| seg.primary());
        let related_n = related.map(|r| {
            diags[r.finding].labels[..r.label]
                .iter()
                .filter(|l| !l.primary)
                .count()
                + 1
        });
        let tabindex = if props.focus == Some(block.first + k) {
            "0"
        } else {
            "-1"
        };
        match (shown, related) {
            (None, None) => nodes.push(Html::from(run.to_string())),
            (Some(p), _) => {
                let d = &diags[p.finding];
                let is_selected = Some(p.finding) == selected;
                let callout = is_selected
                    .then(|| d.labels.get(p.label))
                    .flatten()
                    .map(|l| lang.pick(&l.message, &l.message_en).to_string());
                let mut tip = primary_tip(lang, o, marks);
                if let Some(r) = related {
                    let l = &diags[r.finding].labels[r.label];
                    tip.push_str(&format!("\n※ {}", lang.pick(&l.message, &l.message_en)));
                }
                nodes.push(html! {
                    <mark class={classes!("m", severity_class(d.severity), "primary",
                            is_selected.then_some("selected"), related.is_some().then_some("related"))}
                        data-code={d.code.clone()} data-severity={d.severity.as_str()}
                        data-finding={p.finding.to_string()} data-label={p.label.to_string()}
                        data-role="primary" data-tip={tip} data-callout={callout}
                        data-n={related_n.map(|n| n.to_string())}
                        tabindex={tabindex} aria-describedby="tooltip">
                        { run.to_string() }
                    </mark>
                });
            }
            (None, Some(r)) => {
                let d = &diags[r.finding];
                let l = &d.labels[r.label];
                nodes.push(html! {
                    <mark class={classes!("m", severity_class(d.severity), "related")}
                        data-code={d.code.clone()} data-severity={d.severity.as_str()}
                        data-finding={r.finding.to_string()} data-label={r.label.to_string()}
                        data-role="related" data-n={related_n.map(|n| n.to_string())}
                        data-tip={lang.pick(&l.message, &l.message_en).to_string()}
                        tabindex="-1" aria-describedby="tooltip">
                        { run.to_string() }
                    </mark>
                });
            }
        }
    }
    html! { <div class="block" ref={node}>{ for nodes }</div> }
}

#[derive(Properties)]
struct PanelProps {
    outcome: Option<Rc<Outcome>>,
    selected: Option<usize>,
    open: BTreeSet<usize>,
    hidden: BTreeSet<Severity>,
    lang: Lang,
    printing: bool,
    on_toggle: Callback<usize>,
    on_label: Callback<(usize, usize)>,
    on_filter: Callback<Severity>,
}

impl PartialEq for PanelProps {
    fn eq(&self, other: &Self) -> bool {
        let same_outcome = match (&self.outcome, &other.outcome) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        };
        same_outcome
            && self.selected == other.selected
            && self.open == other.open
            && self.hidden == other.hidden
            && self.lang == other.lang
            && self.printing == other.printing
    }
}

/// Counts and filter, findings by family, what could not be checked, what was checked.
#[function_component(FindingsPanel)]
fn findings_panel(props: &PanelProps) -> Html {
    let lang = props.lang;
    let t = lang.t();
    let Some(o) = props.outcome.as_ref().filter(|o| !o.is_empty()) else {
        return html! {
            <aside class="panel" aria-labelledby="findings-h" data-testid="findings">
                <h2 id="findings-h">{ t.findings }</h2>
                <p class="empty">{ if props.outcome.is_none() { t.waiting } else { t.empty_text } }</p>
            </aside>
        };
    };
    let v = &o.view;
    let count = |s: Severity| match s {
        Severity::Error => v.summary.errors,
        Severity::Rounding => v.summary.rounding,
        Severity::Warning => v.summary.warnings,
        Severity::Info => v.summary.infos,
    };
    let visible_total = v
        .diagnostics
        .iter()
        .filter(|d| !props.hidden.contains(&d.severity))
        .count();
    let rule = |code: &str| v.rules.iter().find(|r| r.code == code);
    let skipped: Vec<Html> = v
        .coverage
        .iter()
        .flat_map(|c| {
            let summary = rule(&c.code)
                .map(|r| lang.pick(&r.summary, &r.summary_en).to_string())
                .unwrap_or_default();
            c.skipped.iter().map(move |reason| {
                html! { <li><span class="code">{ c.code.clone() }</span>{ format!(" {summary}{}{reason}", lang.pick("：", ": ")) }</li> }
            })
        })
        .collect();
    let unread: Vec<&DiagnosticOut> = v.diagnostics.iter().filter(|d| d.code == "R001").collect();
    html! {
        <aside class="panel" aria-labelledby="findings-h" data-testid="findings">
            <h2 id="findings-h">{ t.findings }<span class="total" data-testid="total">{ v.diagnostics.len() }</span></h2>
            <div class="filters" role="group" aria-label={t.filter_label}>
                { for SEVERITIES.iter().map(|&s| {
                    let on_filter = props.on_filter.clone();
                    let shown = !props.hidden.contains(&s);
                    html! {
                        <button type="button" class={classes!("filter", severity_class(s))} aria-pressed={shown.to_string()}
                            data-severity={s.as_str()} data-count={count(s).to_string()}
                            onclick={Callback::from(move |_: MouseEvent| on_filter.emit(s))}>
                            <span class="dot" aria-hidden="true"></span>
                            { lang.severity(s) }<span class="n">{ count(s) }</span>
                        </button>
                    }
                }) }
            </div>
            <p class="hint">{ t.keys_hint }</p>
            if v.diagnostics.is_empty() {
                <p class="empty" data-testid="no-findings">{ t.no_findings }</p>
            } else if visible_total == 0 {
                <p class="empty">{ t.all_filtered }</p>
            }
            { for v.groups.iter().map(|g| {
                let n = g.findings.iter().filter(|&&i| !props.hidden.contains(&v.diagnostics[i].severity)).count();
                html! {
                    <section class="group" data-family={g.family.clone()} hidden={n == 0}>
                        <h3>{ lang.pick(&g.name, &g.name_en).to_string() }<span class="n">{ n }</span></h3>
                        <ol class="findings">
                            { for g.findings.iter().map(|&i| html! {
                                <FindingEntry key={i} outcome={o.clone()} index={i} {lang}
                                    open={props.open.contains(&i) || props.printing}
                                    selected={props.selected == Some(i)}
                                    hidden={props.hidden.contains(&v.diagnostics[i].severity)}
                                    on_toggle={props.on_toggle.clone()} on_label={props.on_label.clone()} />
                            }) }
                        </ol>
                    </section>
                }
            }) }
            <section class="not-checked" data-testid="not-checked">
                <h3>{ t.not_checked }</h3>
                if skipped.is_empty() && unread.is_empty() && !v.document.tables_as_images && v.tables_found > 0 {
                    <p class="quiet">{ t.nothing_skipped }</p>
                } else {
                    <ul>
                        if v.tables_found == 0 && !v.document.tables_as_images {
                            <li>{ t.no_tables }</li>
                        }
                        if v.document.tables_as_images {
                            <li>{ t.tables_as_images }</li>
                        }
                        { for unread.iter().map(|d| html! { <li>{ message(lang, d).to_string() }</li> }) }
                        { for skipped }
                    </ul>
                }
            </section>
            <section class="coverage">
                <h3>{ t.coverage }</h3>
                <ul>
                    { for v.coverage.iter().map(|c| {
                        let summary = rule(&c.code).map(|r| lang.pick(&r.summary, &r.summary_en).to_string()).unwrap_or_else(|| c.rule.clone());
                        html! {
                            <li data-code={c.code.clone()}>
                                <span class="code">{ c.code.clone() }</span>{ " " }{ summary }
                                <span class="quiet">{ format!(" · {}", lang.checks(c.checked)) }</span>
                            </li>
                        }
                    }) }
                </ul>
            </section>
        </aside>
    }
}

#[derive(Properties)]
struct EntryProps {
    outcome: Rc<Outcome>,
    index: usize,
    lang: Lang,
    open: bool,
    selected: bool,
    hidden: bool,
    on_toggle: Callback<usize>,
    on_label: Callback<(usize, usize)>,
}

impl PartialEq for EntryProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.outcome, &other.outcome)
            && self.index == other.index
            && self.lang == other.lang
            && self.open == other.open
            && self.selected == other.selected
            && self.hidden == other.hidden
    }
}

/// One finding: severity, code, message, where; opened, expected and actual, the figures it
/// relates to (each shows its figure in the text), the notes and the rule's explanation.
#[function_component(FindingEntry)]
fn finding_entry(props: &EntryProps) -> Html {
    let o = &props.outcome;
    let lang = props.lang;
    let t = lang.t();
    let i = props.index;
    // The rule's explanation is loaded when the first entry is opened (crate::docs).
    let docs = use_state(docs::cached);
    {
        let docs = docs.clone();
        use_effect_with(props.open, move |&open| {
            if open && docs.is_none() {
                docs::when_loaded(move |loaded| docs.set(Some(loaded)));
            }
        });
    }
    let Some(d) = o.view.diagnostics.get(i) else {
        return html! {};
    };
    let open = props.open;
    let selected = props.selected;
    let on_toggle = props.on_toggle.clone();
    let line = o.line_of(i);
    // Where its figure stands in the file the text was read from (第 12 页, 表3!D12).
    let origin = d
        .labels
        .iter()
        .find(|l| l.primary)
        .and_then(|l| l.origin.as_ref())
        .map(|o| lang.origin(o));
    // The body is drawn only when open (thousands of findings stay cheap); printing opens all.
    let body = open.then(|| {
        let mut related_n = 0;
        let labels: Vec<Html> = d
            .labels
            .iter()
            .enumerate()
            .map(|(li, l)| {
                let marker = if l.primary {
                    "★".to_string()
                } else {
                    related_n += 1;
                    related_n.to_string()
                };
                let figure = o.text.get(l.start..l.end).unwrap_or("").to_string();
                let on_label = props.on_label.clone();
                html! {
                    <li>
                        <button type="button" class={classes!("label-link", l.primary.then_some("primary"))}
                            data-label={li.to_string()}
                            onclick={Callback::from(move |_: MouseEvent| on_label.emit((i, li)))}>
                            <span class="row">
                                <span class="n" aria-hidden="true">{ marker }</span>
                                <span class="fig">{ figure }</span>
                                <span class="lmsg">{ lang.pick(&l.message, &l.message_en).to_string() }</span>
                                <span class="where">{ lang.line(l.line) }
                                    if let Some(o) = &l.origin { { " · " }{ lang.origin(o) } }
                                </span>
                            </span>
                        </button>
                    </li>
                }
            })
            .collect();
        let info = o.view.rules.iter().find(|r| r.code == d.code);
        html! {
            <>
                if d.expected.is_some() || d.actual.is_some() {
                    <dl class="ea">
                        if let Some(e) = &d.expected { <div><dt>{ t.expected }</dt><dd data-testid="expected">{ e.clone() }</dd></div> }
                        if let Some(a) = &d.actual { <div><dt>{ t.actual }</dt><dd data-testid="actual">{ a.clone() }</dd></div> }
                    </dl>
                }
                if !d.labels.is_empty() {
                    <p class="sub">{ if d.labels.len() > 1 { t.related } else { t.figure } }</p>
                    <ol class="labels">{ for labels }</ol>
                }
                if !d.notes.is_empty() {
                    <p class="sub">{ t.notes }</p>
                    <ul class="notes">{ for d.notes.iter().map(|n| html! { <li>{ n.clone() }</li> }) }</ul>
                }
                if let Some(r) = info {
                    <details class="rule">
                        <summary>{ format!("{} {} · {}", t.rule, r.code, lang.pick(&r.summary, &r.summary_en)) }</summary>
                        <p class="rule-name"><code>{ r.name.clone() }</code>{ " " }{ t.rule_in_chinese }</p>
                        if let Some(long) = docs.as_ref().and_then(|docs| docs.get(&r.code)) {
                            <dl>
                                <dt>{ t.rule_what }</dt><dd>{ long.what.clone() }</dd>
                                <dt>{ t.rule_why }</dt><dd>{ long.why.clone() }</dd>
                                <dt>{ t.rule_example }</dt><dd>{ long.example.clone() }</dd>
                            </dl>
                        } else {
                            <p class="rule-loading">{ t.rule_loading }</p>
                        }
                    </details>
                }
            </>
        }
    });
    html! {
        <li class={classes!("finding", severity_class(d.severity), selected.then_some("selected"), open.then_some("open"))}
            data-code={d.code.clone()} data-severity={d.severity.as_str()} data-finding={i.to_string()}
            hidden={props.hidden}>
            <button type="button" class="finding-head" id={format!("finding-{i}")}
                aria-expanded={open.to_string()} aria-controls={format!("finding-{i}-body")}
                aria-current={selected.then_some("true")}
                onclick={Callback::from(move |_: MouseEvent| on_toggle.emit(i))}>
                <span class="row">
                    <span class={classes!("sev", severity_class(d.severity))}>{ lang.severity(d.severity) }</span>
                    <span class="code">{ d.code.clone() }</span>
                    <span class="msg" id={format!("finding-{i}-msg")}>{ message(lang, d).to_string() }</span>
                    <span class="where">{ line.map_or_else(|| t.no_position.to_string(), |l| lang.line(l)) }
                        if let Some(origin) = &origin {
                            <span class="origin" data-testid="origin">{ " · " }{ origin.clone() }</span>
                        }
                    </span>
                </span>
            </button>
            <div class="finding-body" id={format!("finding-{i}-body")} hidden={!open}>
                { for body }
            </div>
        </li>
    }
}

#[derive(Properties)]
struct TablesProps {
    outcome: Rc<Outcome>,
    selected: Option<usize>,
    lang: Lang,
    on_select: Callback<(usize, Origin)>,
}

impl PartialEq for TablesProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.outcome, &other.outcome)
            && self.selected == other.selected
            && self.lang == other.lang
    }
}

/// "How the tables were read": every table redrawn, flagged and ambiguous cells marked.
#[function_component(TablesView)]
fn tables_view(props: &TablesProps) -> Html {
    let lang = props.lang;
    let t = lang.t();
    let o = props.outcome.clone();
    let tables = use_memo(o.id, move |_| budget_lint::view::tables(&o.parsed));
    let o = &props.outcome;
    if tables.is_empty() {
        return html! {
            <div id="tables" class="tables" data-testid="tables">
                <p class="empty" data-testid="no-tables">
                    { if o.view.document.tables_as_images { t.tables_as_images } else { t.no_tables } }
                </p>
            </div>
        };
    }
    let on_click = {
        let on_select = props.on_select.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some(f) =
                target_with(&e, "td[data-finding]").and_then(|c| attr_usize(&c, "data-finding"))
            {
                on_select.emit((f, Origin::Table));
            }
        })
    };
    let title_of = |tv: &TableView| match tv.number {
        Some(n) => format!("{}{n} {}", lang.pick("表", "Table "), tv.title),
        None => tv.title.clone(),
    };
    let unread: Vec<&TableView> = tables.iter().filter(|tv| tv.status == "unread").collect();
    let diags = &o.view.diagnostics;
    html! {
        <div id="tables" class="tables" data-testid="tables" onclick={on_click}>
            if !unread.is_empty() {
                <section class="unread-list" data-testid="unread-tables">
                    <h3>{ t.unread_tables }</h3>
                    <ul>{ for unread.iter().map(|tv| html! {
                        <li>{ title_of(tv) }{ lang.pick("：", ": ") }{ tv.reason.clone().unwrap_or_default() }</li>
                    }) }</ul>
                </section>
            }
            { for tables.iter().enumerate().map(|(k, tv)| {
                let rows: usize = tv.sections.iter().map(|s| s.rows.len()).sum();
                let (status_text, status_class) = match tv.status.as_str() {
                    "read" => (t.status_read, "status-read"),
                    "empty" => (t.status_empty, "status-empty"),
                    _ => (t.status_unread, "status-unread"),
                };
                let title = title_of(tv);
                let subject = tv.subject.clone();
                html! {
                    <section class="table-view" data-status={tv.status.clone()} aria-labelledby={format!("table-{k}-h")}>
                        <h3 id={format!("table-{k}-h")}>
                            { title.clone() }
                            if let Some(s) = subject { <span class="subject">{ format!("（{s}）") }</span> }
                        </h3>
                        <p class="chips">
                            <span class={classes!("chip", status_class)}>{ status_text }</span>
                            if tv.status == "read" { <span class="chip">{ lang.rows(rows) }</span> }
                            if let Some(u) = &tv.unit { <span class="chip">{ format!("{}{u}", lang.pick("单位：", "unit: ")) }</span> }
                            if !tv.findings.is_empty() { <span class="chip flagged">{ lang.findings_in_table(tv.findings.len()) }</span> }
                        </p>
                        if let Some(reason) = &tv.reason { <p class="reason">{ reason.clone() }</p> }
                        { for tv.sections.iter().map(|s| {
                            let side = match s.side {
                                Some(budget_lint::model::Side::Income) => Some(t.side_income),
                                Some(budget_lint::model::Side::Expenditure) => Some(t.side_expenditure),
                                None => None,
                            };
                            let region = match side { Some(side) => format!("{title} · {side}"), None => title.clone() };
                            let has_code = s.rows.iter().any(|r| r.code.is_some());
                            html! {
                                <div class="table-scroll" role="region" tabindex="0" aria-label={region}>
                                    <table>
                                        if let Some(side) = side { <caption>{ side }</caption> }
                                        <thead><tr>
                                            if has_code { <th scope="col" class="code">{ t.col_code }</th> }
                                            <th scope="col">{ t.col_item }</th>
                                            { for s.columns.iter().map(|c| html! { <th scope="col">{ c.replace('/', " / ") }</th> }) }
                                        </tr></thead>
                                        <tbody>
                                            { for s.rows.iter().map(|r| html! {
                                                <tr class={classes!(format!("kind-{}", match r.kind {
                                                    budget_lint::model::RowKind::Total => "total",
                                                    budget_lint::model::RowKind::Coded => "coded",
                                                    budget_lint::model::RowKind::Item => "item",
                                                }), format!("depth-{}", r.depth))}>
                                                    if has_code { <td class="code">{ r.code.as_deref().map(spaced_code).unwrap_or_default() }</td> }
                                                    <th scope="row" class="label">{ r.label.clone() }</th>
                                                    { for r.cells.iter().map(|c| match c {
                                                        None => html! { <td class="num blank"></td> },
                                                        Some(c) => {
                                                            let primary = c.marks.iter().filter(|m| m.primary)
                                                                .find(|m| Some(m.finding) == props.selected)
                                                                .or_else(|| c.marks.iter().filter(|m| m.primary).max_by_key(|m| m.severity));
                                                            let related = c.marks.iter().find(|m| !m.primary && Some(m.finding) == props.selected);
                                                            let mut tips: Vec<String> = c.marks.iter().filter(|m| m.primary).filter_map(|m| {
                                                                let d = diags.get(m.finding)?;
                                                                Some(format!("[{} {}] {}", lang.severity(d.severity), d.code, message(lang, d)))
                                                            }).collect();
                                                            if let Some(r) = related {
                                                                let l = &diags[r.finding].labels[r.label];
                                                                tips.push(format!("※ {}", lang.pick(&l.message, &l.message_en)));
                                                            }
                                                            if !c.alternatives.is_empty() {
                                                                tips.push(lang.could_be(&c.alternatives));
                                                            }
                                                            let shown = primary.or(related);
                                                            html! {
                                                                <td class={classes!("num",
                                                                        shown.map(|m| severity_class(m.severity)),
                                                                        primary.is_some().then_some("flag"),
                                                                        (primary.is_none() && related.is_some()).then_some("related"),
                                                                        primary.is_some_and(|m| Some(m.finding) == props.selected).then_some("selected"),
                                                                        (!c.alternatives.is_empty()).then_some("ambiguous"))}
                                                                    data-finding={shown.map(|m| m.finding.to_string())}
                                                                    data-role={shown.map(|m| if m.primary { "primary" } else { "related" })}
                                                                    data-code={shown.and_then(|m| diags.get(m.finding)).map(|d| d.code.clone())}
                                                                    data-tip={(!tips.is_empty()).then(|| tips.join("\n"))}
                                                                    data-alternatives={(!c.alternatives.is_empty()).then(|| c.alternatives.join("|"))}>
                                                                    { c.value.clone() }
                                                                </td>
                                                            }
                                                        }
                                                    }) }
                                                </tr>
                                            }) }
                                        </tbody>
                                    </table>
                                </div>
                            }
                        }) }
                    </section>
                }
            }) }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_spaced_as_printed() {
        assert_eq!(spaced_code("2101101"), "210 11 01");
        assert_eq!(spaced_code("21011"), "210 11");
        assert_eq!(spaced_code("201"), "201");
        assert_eq!(spaced_code("30101"), "301 01");
    }
}
