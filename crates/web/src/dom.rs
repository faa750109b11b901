//! Small browser helpers: queries, scrolling, focus, downloads, fetching the example documents,
//! reading dropped or opened files.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Document, Element, HtmlElement, ScrollBehavior, ScrollIntoViewOptions, ScrollLogicalPosition,
    Window,
};

pub fn window() -> Window {
    web_sys::window().expect("no window")
}

pub fn document() -> Document {
    window().document().expect("no document")
}

pub fn query(selector: &str) -> Option<Element> {
    document().query_selector(selector).ok().flatten()
}

/// Milliseconds since the page started (high resolution).
pub fn now() -> f64 {
    window()
        .performance()
        .map_or_else(js_sys::Date::now, |p| p.now())
}

/// `?name=value` of the page's address.
pub fn query_param(name: &str) -> Option<String> {
    let search = window().location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()?
        .get(name)
}

pub fn set_document_lang(code: &str) {
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("lang", code);
    }
}

/// Scrolls the element into view inside its scroll containers (`center` or `nearest`).
pub fn scroll_into_view(el: &Element, center: bool) {
    let options = ScrollIntoViewOptions::new();
    options.set_behavior(ScrollBehavior::Instant);
    options.set_block(if center {
        ScrollLogicalPosition::Center
    } else {
        ScrollLogicalPosition::Nearest
    });
    options.set_inline(ScrollLogicalPosition::Nearest);
    el.scroll_into_view_with_scroll_into_view_options(&options);
}

pub fn focus(el: &Element) {
    if let Some(el) = el.dyn_ref::<HtmlElement>() {
        let _ = el.focus();
    }
}

/// Offers `content` as a file download (an object URL on an `<a download>`, revoked afterwards).
pub fn download(name: &str, mime: &str, content: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(content));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let a: web_sys::HtmlAnchorElement = document().create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download(name);
    a.set_hidden(true);
    let body = document().body().ok_or("no body")?;
    body.append_child(&a)?;
    a.click();
    body.remove_child(&a)?;
    // Revoke once the download has started.
    gloo_timers::callback::Timeout::new(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}

fn js_error(value: JsValue) -> String {
    value
        .as_string()
        .or_else(|| {
            value
                .dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .unwrap_or_else(|| format!("{value:?}"))
}

async fn fetch(url: &str) -> Result<web_sys::Response, String> {
    let response: web_sys::Response = JsFuture::from(window().fetch_with_str(url))
        .await
        .map_err(js_error)?
        .dyn_into()
        .map_err(js_error)?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    Ok(response)
}

/// A text file of the site (same origin, relative URL).
pub async fn fetch_text(url: &str) -> Result<String, String> {
    let response = fetch(url).await?;
    let text = JsFuture::from(response.text().map_err(js_error)?)
        .await
        .map_err(js_error)?;
    text.as_string().ok_or_else(|| "not text".to_string())
}

/// A JSON file of the site, decoded into `T`.
pub async fn fetch_json<T: serde::de::DeserializeOwned>(url: &str) -> Result<T, String> {
    let response = fetch(url).await?;
    let value = JsFuture::from(response.json().map_err(js_error)?)
        .await
        .map_err(js_error)?;
    serde_wasm_bindgen::from_value(value).map_err(|e| e.to_string())
}

/// The bytes of a file the person opened or dropped.
pub async fn read_bytes(file: &web_sys::File) -> Result<js_sys::Uint8Array, String> {
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(js_error)?;
    Ok(js_sys::Uint8Array::new(&buffer))
}

/// Sets one inline style property through the CSS object model (allowed by a
/// Content-Security-Policy without 'unsafe-inline', unlike a `style` attribute).
pub fn set_style(el: &Element, property: &str, value: &str) {
    if let Some(el) = el.dyn_ref::<HtmlElement>() {
        let _ = el.style().set_property(property, value);
    }
}

/// For every descendant of `root` with the attribute `attr`, sets `property` to its value.
pub fn place_from_data(root: &Element, attr: &str, property: &str) {
    let Ok(list) = root.query_selector_all(&format!("[{attr}]")) else {
        return;
    };
    for i in 0..list.length() {
        let el = list.item(i).and_then(|n| n.dyn_into::<Element>().ok());
        if let Some((el, value)) = el.and_then(|el| el.get_attribute(attr).map(|v| (el, v))) {
            set_style(&el, property, &value);
        }
    }
}

// Numbers for styles and timing attributes, formatted with integers only: float formatting
// would add 10 KB to the module for these few places.

/// `n / 100` with two decimals: `hundredths(175)` is `1.75`.
pub fn hundredths(n: usize) -> String {
    format!("{}.{:02}", n / 100, n % 100)
}

/// `part / whole` as a percentage with two decimals: `percent(1, 3)` is `33.33%`.
pub fn percent(part: usize, whole: usize) -> String {
    format!("{}%", hundredths(part * 10_000 / whole.max(1)))
}

/// Milliseconds with one decimal: `tenths(12.34)` is `12.3`.
pub fn tenths(ms: f64) -> String {
    let t = (ms.max(0.0) * 10.0).round() as u64;
    format!("{}.{}", t / 10, t % 10)
}

/// Whole pixels: `px(3.6)` is `4px`.
pub fn px(x: f64) -> String {
    format!("{}px", x.round() as i64)
}

/// The content of `<meta name="…">`, if the page has one.
pub fn meta_content(name: &str) -> Option<String> {
    query(&format!("meta[name=\"{name}\"]"))?.get_attribute("content")
}

/// The window this page is framed in (`None` when it is not framed).
pub fn parent_window() -> Option<Window> {
    let win = window();
    let parent = win.parent().ok().flatten()?;
    (!js_sys::Object::is(&parent, &win)).then_some(parent)
}

/// `value[key]`, or `undefined`.
pub fn field(value: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(value, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// Posts `{ type, id, [key]: value }` to `target`, for pages of `origin` only.
pub fn post(target: &Window, origin: &str, kind: &str, id: &JsValue, key: &str, value: &JsValue) {
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"type".into(), &kind.into());
    let _ = js_sys::Reflect::set(&message, &"id".into(), id);
    let _ = js_sys::Reflect::set(&message, &key.into(), value);
    let _ = target.post_message(&message, origin);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_formatted_without_floats() {
        assert_eq!(hundredths(175), "1.75");
        assert_eq!(hundredths(5), "0.05");
        assert_eq!(percent(1, 3), "33.33%");
        assert_eq!(percent(0, 0), "0.00%");
        assert_eq!(tenths(12.34), "12.3");
        assert_eq!(tenths(0.96), "1.0");
        assert_eq!(px(3.6), "4px");
        assert_eq!(px(-2.4), "-2px");
    }
}
