//! The page: input (paste, type, open or drop a file, examples), the source view with every finding
//! marked on its figures and a gutter, the findings panel, the tables as read, exports.
//!
//! Everything shown comes from the worker's answer ([`Outcome`]): the core computed the segments,
//! groups, rule docs and table grids; this module only turns them into HTML.

mod client;
mod doc_info;
mod findings;
mod source;
mod tables;

use client::*;
use doc_info::DocInfo;
use findings::FindingsPanel;
use source::SourceView;
use tables::TablesView;

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
        Status::CheckStopped { earlier } => lang.check_stopped(*earlier),
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
            // A text box folded away (a large text) cannot take a paste: a paste anywhere else
            // on the page (not into another field) replaces its text. Unfolding a box of megabytes
            // first would cost seconds (18 s for 5 MB, measured), and pasting over it more.
            let paste_listener = {
                let ctx = ctx.clone();
                EventListener::new_with_options(&doc, "paste", opts, move |e| {
                    let folded = ctx
                        .input
                        .cast::<HtmlTextAreaElement>()
                        .is_some_and(|i| i.hidden());
                    let into_field = e
                        .target()
                        .and_then(|t| t.dyn_into::<HtmlElement>().ok())
                        .is_some_and(|t| {
                            t.is_content_editable()
                                || matches!(t.tag_name().as_str(), "INPUT" | "TEXTAREA")
                        });
                    let text = e
                        .dyn_ref::<web_sys::ClipboardEvent>()
                        .and_then(|e| e.clipboard_data())
                        .and_then(|data| plain_text(&data))
                        .and_then(|t| text_box_breaks(&t).as_string())
                        .filter(|t| !t.is_empty());
                    if let (true, false, Some(text)) = (folded, into_field, text) {
                        e.prevent_default();
                        ctx.dispatch.dispatch(Action::Example(None));
                        ctx.load_text(text);
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
                drop((keydown, paste_listener, dragover, dragleave, drop_listener));
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
        if state.checking() && state.slow {
            parts.push(t.check_slow.to_string());
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
    let slow = state.checking() && state.slow;
    let on_stop_check = {
        let ctx = ctx.clone();
        Callback::from(move |_: MouseEvent| ctx.stop_check())
    };
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
                    data-checking={state.checking().to_string()} data-slow={slow.to_string()} data-check-ms={check_attr}
                    data-transfer-ms={transfer_attr} data-render-ms={render_attr}>
                    { status_line }
                    if reading {
                        { " " }<button type="button" class="stop" onclick={on_stop} data-testid="stop-reading">{ t.stop_reading }</button>
                    }
                    if slow {
                        { " " }<button type="button" class="stop" onclick={on_stop_check} data-testid="stop-check">{ t.stop_check }</button>
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
