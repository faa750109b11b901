//! The page's connection to its workers and its input: the checker worker (latest text wins),
//! the file reader worker, texts from a host page (embed), examples, files opened or dropped.

#[allow(unused_imports)]
use super::*;

/// Where the example list lives, relative to the page (so the dist works from any sub-path).
pub(super) const EXAMPLES_INDEX: &str = "examples/index.json";
/// Typing pauses this long before the text is checked again (a paste, a dropped file, an example
/// or a host's text is checked at once).
pub(super) const DEBOUNCE_MS: u32 = 300;

/// A check running this long when a newer text arrives is abandoned: the worker is ended and a
/// new one started for the newer text (a fresh worker is ready in well under this; a check that
/// answers sooner lets the newer text go to the same worker).
pub(super) const RESTART_AFTER_MS: u32 = 150;
/// A check running this long is said to take long, and a button offers to stop it.
pub(super) const LONG_CHECK_MS: u32 = 2_000;

/// The connection to the checker worker. At most one check runs at a time; while it runs, only the
/// newest text waits (older waiting texts are dropped), and answers to older texts are ignored.
/// The newest text never waits long for an obsolete check: see [`RESTART_AFTER_MS`].
pub(super) struct Client {
    /// The worker, started when a check is sent (ended by a restart or a stop).
    pub(super) worker: Option<WorkerClient>,
    pub(super) next_id: u32,
    /// When the running check was sent (`Date.now()`), while one runs.
    pub(super) running_since: Option<f64>,
    pub(super) queued: Option<CheckRequest>,
    /// The newest text sent.
    pub(super) latest: Option<Sent>,
    /// Restarts the worker for the queued text if the running check has not answered by then.
    pub(super) restart: Option<Timeout>,
    /// Tells the page that the running check takes long.
    pub(super) slow: Option<Timeout>,
}

/// A text sent to the checker, as the JavaScript string (made a Rust string when its answer
/// comes), with its origins (`undefined` for a text not read out of files).
pub(super) struct Sent {
    pub(super) id: u32,
    pub(super) text: JsValue,
    pub(super) origins: JsValue,
}

pub(super) type ClientRef = Rc<RefCell<Option<Client>>>;

pub(super) struct Ctx {
    pub(super) client: ClientRef,
    pub(super) dispatch: UseReducerDispatcher<State>,
    pub(super) input: NodeRef,
    pub(super) received_at: Rc<Cell<f64>>,
    /// Whether the text box held a large text at the last look (to tell the state only on change).
    pub(super) large: Rc<Cell<bool>>,
    /// Texts a host page sent (embed mode), waiting for their reports.
    pub(super) hosts: Rc<RefCell<Vec<HostRequest>>>,
    /// Where the text box's text stands in the files it was read from (`undefined` once edited,
    /// and for any text not read out of files): sent with the text to the checker.
    pub(super) origins: Rc<RefCell<JsValue>>,
    /// The reader worker of the files being read (www/reader.js).
    pub(super) reader: Rc<RefCell<Option<Reader>>>,
}

/// A text a host page sent by postMessage (see [`embed`]).
pub(super) struct HostRequest {
    /// The check that carries it.
    pub(super) check: u32,
    /// The host's own id for it, sent back with the answer.
    pub(super) id: JsValue,
    pub(super) origin: String,
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
    pub(super) fn note_size(&self, input: &HtmlTextAreaElement) {
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
    pub(super) fn sent_already(&self, text: &JsValue) -> bool {
        self.client
            .borrow()
            .as_ref()
            .and_then(|c| c.latest.as_ref())
            .is_some_and(|latest| &latest.text == text)
    }

    /// Sends the text to the worker; while a check runs, the text waits for it (see
    /// [`RESTART_AFTER_MS`]).
    pub(super) fn submit(&self, text: JsValue) {
        let request = {
            let mut guard = self.client.borrow_mut();
            let client = guard.get_or_insert_with(|| Client {
                worker: None,
                next_id: 0,
                running_since: None,
                queued: None,
                latest: None,
                restart: None,
                slow: None,
            });
            client.next_id += 1;
            let id = client.next_id;
            let origins = self.origins.borrow().clone();
            client.latest = Some(Sent {
                id,
                text: text.clone(),
                origins: origins.clone(),
            });
            let request = CheckRequest { id, text, origins };
            self.dispatch.dispatch(Action::Requested(id));
            match client.running_since {
                Some(since) => {
                    client.queued = Some(request);
                    if client.restart.is_none() {
                        let ran = (js_sys::Date::now() - since).max(0.0) as u32;
                        let ctx = self.clone();
                        client.restart = Some(Timeout::new(
                            RESTART_AFTER_MS.saturating_sub(ran),
                            move || ctx.restart(),
                        ));
                    }
                    None
                }
                None => Some(request),
            }
        };
        if let Some(request) = request {
            self.run(request);
        }
    }

    /// Sends a request to the worker (starting one if there is none) and times it.
    fn run(&self, request: CheckRequest) {
        let sent = {
            let mut guard = self.client.borrow_mut();
            let Some(client) = guard.as_mut() else {
                return;
            };
            if client.worker.is_none() {
                let ctx = self.clone();
                match WorkerClient::spawn(move |answer| ctx.received(answer)) {
                    Ok(worker) => client.worker = Some(worker),
                    Err(err) => {
                        drop(guard);
                        return self.checker_failed(format!("{err:?}"));
                    }
                }
            }
            client.running_since = Some(js_sys::Date::now());
            let (ctx, id) = (self.clone(), request.id);
            client.slow = Some(Timeout::new(LONG_CHECK_MS, move || {
                ctx.dispatch.dispatch(Action::Slow(id))
            }));
            client.worker.as_ref().map(|w| w.send(&request))
        };
        if let Some(Err(err)) = sent {
            self.checker_failed(format!("{err:?}"));
        }
    }

    /// The running check is obsolete and has run [`RESTART_AFTER_MS`]: its worker is ended and
    /// the waiting text goes to a new one.
    fn restart(&self) {
        let next = self.client.borrow_mut().as_mut().and_then(|client| {
            client.restart = None;
            let next = client.queued.take()?;
            // Dropping the worker ends it (see `WorkerClient`).
            client.worker = None;
            Some(next)
        });
        if let Some(next) = next {
            self.run(next);
        }
    }

    /// Stops the running check (the stop button of a check that takes long): the worker is
    /// ended, nothing waits, and the page shows what it showed before.
    pub(super) fn stop_check(&self) {
        if let Some(client) = self.client.borrow_mut().as_mut() {
            client.worker = None;
            client.running_since = None;
            client.queued = None;
            client.latest = None;
            client.restart = None;
            client.slow = None;
        }
        if let Some(parent) = dom::parent_window() {
            let error = JsValue::from_str("the check was stopped");
            for h in self.hosts.borrow_mut().drain(..) {
                dom::post(&parent, &h.origin, embed::ERROR, &h.id, "error", &error);
            }
        }
        self.dispatch.dispatch(Action::CheckStopped);
    }

    pub(super) fn checker_failed(&self, err: String) {
        self.dispatch.dispatch(Action::Status(Some(Status::Failed(
            "checker".to_string(),
            err,
        ))));
    }

    /// An answer from the worker: the next waiting text goes out, and the answer is shown if it
    /// is for the newest text.
    pub(super) fn received(&self, answer: Result<Checked, String>) {
        // Whatever the answer, the worker is free: the waiting text goes out.
        let next = self.client.borrow_mut().as_mut().and_then(|client| {
            client.running_since = None;
            client.restart = None;
            client.slow = None;
            client.queued.take()
        });
        if let Some(next) = next {
            self.run(next);
        }
        let checked = match answer {
            Ok(checked) => checked,
            Err(err) => return self.checker_failed(err),
        };
        self.answer_hosts(checked.id, &checked.report);
        let sent = self.client.borrow().as_ref().and_then(|client| {
            client
                .latest
                .as_ref()
                .filter(|latest| latest.id == checked.id)
                .map(|latest| {
                    (
                        Rc::new(latest.text.as_string().unwrap_or_default()),
                        latest.origins.clone(),
                    )
                })
        });
        let Some((text, origins)) = sent else {
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
        // The worker understood these origins already; should they not decode here, the text is
        // shown as text.
        let origins = serde_wasm_bindgen::from_value(origins).unwrap_or_default();
        let view = budget_lint::view::view(&text, &parsed, &origins);
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
    pub(super) fn host_message(&self, event: &web_sys::MessageEvent, origins: &Origins) {
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
    pub(super) fn answer_hosts(&self, check: u32, report: &JsValue) {
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
    pub(super) fn load_text(&self, text: String) {
        self.load_read(text, JsValue::UNDEFINED);
    }

    /// Puts a text read out of files in the box and checks it at once with its origins.
    pub(super) fn load_read(&self, text: String, origins: JsValue) {
        *self.origins.borrow_mut() = origins;
        if let Some(input) = self.input.cast::<HtmlTextAreaElement>() {
            input.set_value(&text);
            self.note_size(&input);
            caret_to_start_if_large(&input);
        }
        self.submit(JsValue::from_str(&text));
    }

    pub(super) fn load_example(&self, example: Example) {
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
    pub(super) fn open_files(&self, files: Vec<web_sys::File>) {
        let Some(first) = files.first() else {
            return;
        };
        let ctx = self.clone();
        // Named in order (the PDF reader reads them by name: `_part1` before `_part2`).
        let mut names: Vec<String> = files.iter().map(|f| f.name()).collect();
        names.sort();
        let names = names.join(" + ");
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
                    let head = bytes
                        .subarray(0, bytes.length().min(budget_lint::sniff::HEAD as u32))
                        .to_vec();
                    decode::file_kind(name, &head)
                })
                .collect();
            // A file that is not text at all: said what it is; the text box keeps its text.
            let refused = kinds
                .iter()
                .zip(&read)
                .find_map(|(kind, (name, _))| match kind {
                    FileKind::NotText(what) => Some((name.clone(), what)),
                    _ => None,
                });
            if let Some((file, what)) = refused {
                return ctx
                    .dispatch
                    .dispatch(Action::Status(Some(Status::Unreadable {
                        file,
                        message: what.message(),
                        message_en: what.message_en(),
                    })));
            }
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
    pub(super) fn read_files(
        &self,
        kind: ReaderKind,
        names: String,
        files: &[(String, js_sys::Uint8Array)],
    ) {
        self.stop_reading();
        let pdf = kind == ReaderKind::Pdf;
        self.dispatch.dispatch(Action::Status(Some(Status::Reading {
            name: names.clone(),
            done: 0,
            total: 0,
            pdf,
        })));
        let ctx = self.clone();
        // Pages (or files) read: of the files done, and of the file being read.
        let done_before = Cell::new(0u32);
        let current = RefCell::new((String::new(), 0u32));
        let reading = names.clone();
        let started = Reader::start(kind, files, move |event| match event {
            ReaderEvent::Progress {
                done,
                total: n,
                name,
            } => {
                let mut cur = current.borrow_mut();
                if pdf && cur.0 != name {
                    done_before.set(done_before.get() + cur.1);
                    cur.0 = name.clone();
                }
                cur.1 = n;
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
                    total: if pdf {
                        done_before.get() + current.borrow().1
                    } else {
                        current.borrow().1
                    },
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
    pub(super) fn end_reader(&self) {
        if let Some(reader) = self.reader.borrow().as_ref() {
            reader.stop();
        }
    }

    /// Stops a reading under way; the text box keeps what it had.
    pub(super) fn stop_reading(&self) {
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
pub(super) const LARGE_TEXT: u32 = 300_000;

/// See [`LARGE_TEXT`]: a person who pasted a whole document reads it from the top anyway.
/// (Only the selection: setting the scroll position would lay out the whole text at once.)
pub(super) fn caret_to_start_if_large(input: &HtmlTextAreaElement) {
    if input.text_length() >= LARGE_TEXT {
        let _ = input.set_selection_range(0, 0);
    }
}

/// What the text box holds, as the JavaScript string itself (not a copy converted to UTF-8).
pub(super) fn current_value(input: &NodeRef) -> JsValue {
    input
        .cast::<HtmlTextAreaElement>()
        .and_then(|input| js_sys::Reflect::get(&input, &JsValue::from_str("value")).ok())
        .unwrap_or_default()
}

/// The clipboard's plain text, as the JavaScript string itself (`getData("text/plain")`).
pub(super) fn plain_text(data: &web_sys::DataTransfer) -> Option<js_sys::JsString> {
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
pub(super) fn value_after_paste(
    input: &HtmlTextAreaElement,
    pasted: &js_sys::JsString,
) -> Option<js_sys::JsString> {
    let value: js_sys::JsString = js_sys::Reflect::get(input, &JsValue::from_str("value"))
        .ok()?
        .dyn_into()
        .ok()?;
    let start = input.selection_start().ok().flatten()?;
    let end = input.selection_end().ok().flatten()?;
    let pasted = text_box_breaks(pasted);
    Some(
        value
            .slice(0, start)
            .concat(&pasted)
            .concat(&value.slice(end, value.length())),
    )
}

/// A pasted text's line breaks as a text box holds them: `\r\n` and `\r` made `\n`.
pub(super) fn text_box_breaks(pasted: &js_sys::JsString) -> js_sys::JsString {
    pasted.replace_by_pattern(&js_sys::RegExp::new("\\r\\n?", "g"), "\n")
}
