//! budget-lint web app (placeholder): paste a disclosure text and see how many bytes the core reads.
//!
//! The page also offers the example documents that the build copies into `examples/` of the dist
//! (see `scripts/copy-examples.mjs`, run by Trunk as a post-build hook): `examples/index.json` lists
//! them, the first one (or the one named by `?example=<file>`) is loaded into the text box at start.
//!
//! This crate holds no domain logic: everything it shows comes from the core (`budget_lint`).

use gloo::net::http::Request;
use serde::Deserialize;
use wasm_bindgen::JsValue;
use web_sys::{HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

/// Where the example list lives, relative to the page (so the dist works from any sub-path).
const EXAMPLES_INDEX: &str = "examples/index.json";

/// One entry of `examples/index.json`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
struct Example {
    /// File name inside `examples/`.
    file: String,
    /// What the picker shows.
    title: String,
}

/// The number of UTF-8 bytes of the text, as the core counts offsets: the end of the text is the
/// largest char boundary the core's spans can reach.
///
/// TODO(web): placeholder for the real app; replace with `budget_lint::check` and render the report.
fn byte_count(text: &str) -> usize {
    budget_lint::source::floor_char_boundary(text, usize::MAX)
}

/// The line under the text box.
fn byte_count_line(text: &str) -> String {
    format!("{} 字节 (bytes)", byte_count(text))
}

/// The example to load at start: the one named in the query (`?example=<file>`), else the first.
fn initial_example<'a>(examples: &'a [Example], requested: Option<&str>) -> Option<&'a Example> {
    match requested {
        Some(name) => examples.iter().find(|e| e.file == name),
        None => examples.first(),
    }
}

/// `?example=<file>` of the page's address, if any.
fn requested_example() -> Option<String> {
    let search = gloo::utils::window().location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()?
        .get("example")
}

fn js_error(value: JsValue) -> String {
    value.as_string().unwrap_or_else(|| format!("{value:?}"))
}

async fn fetch_text(url: &str) -> Result<String, String> {
    let response = Request::get(url).send().await.map_err(|e| e.to_string())?;
    if !response.ok() {
        return Err(format!("{url}: HTTP {}", response.status()));
    }
    response.text().await.map_err(|e| e.to_string())
}

async fn fetch_examples() -> Result<Vec<Example>, String> {
    let response = Request::get(EXAMPLES_INDEX)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if !response.ok() {
        return Err(format!("{EXAMPLES_INDEX}: HTTP {}", response.status()));
    }
    let promise = web_sys::Response::from(response).json().map_err(js_error)?;
    let value = wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map_err(js_error)?;
    serde_wasm_bindgen::from_value(value).map_err(|e| e.to_string())
}

#[function_component(App)]
fn app() -> Html {
    let text = use_state(String::new);
    let examples = use_state(Vec::<Example>::new);
    let selected = use_state(String::new);
    let status = use_state(String::new);
    // Set once the person types: a late example load must not overwrite their text.
    let edited = use_mut_ref(|| false);

    let load_example = {
        let text = text.clone();
        let selected = selected.clone();
        let status = status.clone();
        let edited = edited.clone();
        move |file: String| {
            let text = text.clone();
            let selected = selected.clone();
            let status = status.clone();
            let edited = edited.clone();
            selected.set(file.clone());
            status.set(format!("正在载入 {file} …"));
            wasm_bindgen_futures::spawn_local(async move {
                match fetch_text(&format!("examples/{file}")).await {
                    Ok(body) => {
                        *edited.borrow_mut() = false;
                        text.set(body);
                        status.set(format!("已载入示例 {file}"));
                    }
                    Err(err) => status.set(format!("示例载入失败：{err}")),
                }
            });
        }
    };

    {
        let examples = examples.clone();
        let status = status.clone();
        let edited = edited.clone();
        let load_example = load_example.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                match fetch_examples().await {
                    Ok(list) => {
                        let requested = requested_example();
                        let first = initial_example(&list, requested.as_deref()).cloned();
                        examples.set(list);
                        if let Some(example) = first {
                            if !*edited.borrow() {
                                load_example(example.file);
                            }
                        }
                    }
                    Err(err) => status.set(format!("没有示例：{err}")),
                }
            });
        });
    }

    let oninput = {
        let text = text.clone();
        let edited = edited.clone();
        Callback::from(move |e: InputEvent| {
            *edited.borrow_mut() = true;
            text.set(e.target_unchecked_into::<HtmlTextAreaElement>().value());
        })
    };

    let onchange = {
        Callback::from(move |e: Event| {
            let file = e.target_unchecked_into::<HtmlSelectElement>().value();
            if !file.is_empty() {
                load_example(file);
            }
        })
    };

    html! {
        <main class="app">
            <header>
                <h1>{ "预算公开校验" } <span class="subtitle">{ "budget-lint" }</span></h1>
                <p class="lede">{ "粘贴预算或决算公开文本。检查尚未接入：此页面目前只显示文本的字节数。" }</p>
            </header>
            <div class="toolbar">
                <label for="example">{ "示例文档：" }</label>
                <select id="example" data-testid="example-picker" {onchange}
                    disabled={examples.is_empty()}>
                    <option value="" selected={selected.is_empty()}>{ "（无）" }</option>
                    { for examples.iter().map(|e| html! {
                        <option value={e.file.clone()} selected={*selected == e.file}>{ e.title.clone() }</option>
                    }) }
                </select>
                <span class="status" data-testid="status">{ (*status).clone() }</span>
            </div>
            <textarea id="input" data-testid="input" aria-label="公开文本"
                placeholder="在此粘贴文本…" spellcheck="false"
                value={(*text).clone()} {oninput} />
            <p class="count" data-testid="byte-count">{ byte_count_line(&text) }</p>
        </main>
    }
}

fn main() {
    yew::Renderer::<App>::new().render();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ex(file: &str) -> Example {
        Example {
            file: file.to_owned(),
            title: file.to_owned(),
        }
    }

    #[test]
    fn byte_count_is_utf8_bytes() {
        assert_eq!(byte_count_line(""), "0 字节 (bytes)");
        assert_eq!(byte_count_line("预算"), "6 字节 (bytes)");
    }

    #[test]
    fn initial_example_prefers_the_requested_one() {
        let list = [ex("a.txt"), ex("b.txt")];
        assert_eq!(initial_example(&list, None), Some(&list[0]));
        assert_eq!(initial_example(&list, Some("b.txt")), Some(&list[1]));
        assert_eq!(initial_example(&list, Some("missing.txt")), None);
        assert_eq!(initial_example(&[], None), None);
    }
}
