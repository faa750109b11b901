//! Text files opened or dropped on the page: bytes to text with the browser's own `TextDecoder`
//! (no decoder tables in the wasm).
//!
//! A byte-order mark decides UTF-8 / UTF-16; otherwise strict UTF-8 is tried first and GB18030
//! (a superset of GBK and GB2312, what Chinese Windows saves as "ANSI") is the fallback.

/// What the first bytes say.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sniffed {
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    /// No byte-order mark: strict UTF-8, else GB18030.
    Unmarked,
}

pub fn sniff(head: &[u8]) -> Sniffed {
    match head {
        [0xEF, 0xBB, 0xBF, ..] => Sniffed::Utf8Bom,
        [0xFF, 0xFE, ..] => Sniffed::Utf16Le,
        [0xFE, 0xFF, ..] => Sniffed::Utf16Be,
        _ => Sniffed::Unmarked,
    }
}

/// The decoders to try, in order, as `TextDecoder` labels with whether to fail on malformed input.
pub fn attempts(sniffed: Sniffed) -> &'static [(&'static str, bool)] {
    match sniffed {
        // TextDecoder drops the byte-order mark itself.
        Sniffed::Utf8Bom => &[("utf-8", false)],
        Sniffed::Utf16Le => &[("utf-16le", false)],
        Sniffed::Utf16Be => &[("utf-16be", false)],
        Sniffed::Unmarked => &[("utf-8", true), ("gb18030", false)],
    }
}

/// How an encoding label is shown to people.
pub fn display_name(label: &str, sniffed: Sniffed) -> &'static str {
    match (label, sniffed) {
        ("utf-8", Sniffed::Utf8Bom) => "UTF-8 (BOM)",
        ("utf-8", _) => "UTF-8",
        ("utf-16le", _) => "UTF-16LE",
        ("utf-16be", _) => "UTF-16BE",
        _ => "GB18030/GBK",
    }
}

/// Decodes a file's bytes (an `ArrayBuffer`'s view) in the browser. Returns the text and the
/// encoding's display name.
pub fn decode(bytes: &js_sys::Uint8Array) -> Result<(String, &'static str), String> {
    let head = bytes.subarray(0, 3.min(bytes.length())).to_vec();
    let sniffed = sniff(&head);
    let mut last = String::new();
    for &(label, fatal) in attempts(sniffed) {
        let options = web_sys::TextDecoderOptions::new();
        options.set_fatal(fatal);
        let decoder = web_sys::TextDecoder::new_with_label_and_options(label, &options)
            .map_err(|e| format!("{e:?}"))?;
        match decoder.decode_with_buffer_source(bytes) {
            Ok(text) => return Ok((text, display_name(label, sniffed))),
            Err(e) => last = format!("{e:?}"),
        }
    }
    Err(last)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_order_marks_decide() {
        assert_eq!(sniff(b"\xEF\xBB\xBF\xE9\xA2\x84"), Sniffed::Utf8Bom);
        assert_eq!(sniff(b"\xFF\xFE\x84\x98"), Sniffed::Utf16Le);
        assert_eq!(sniff(b"\xFE\xFF\x98\x84"), Sniffed::Utf16Be);
        assert_eq!(sniff("预算".as_bytes()), Sniffed::Unmarked);
        // GBK 预算 (D4 A4 CB E3) has no mark.
        assert_eq!(sniff(b"\xD4\xA4\xCB\xE3"), Sniffed::Unmarked);
        assert_eq!(sniff(b""), Sniffed::Unmarked);
        assert_eq!(sniff(b"\xEF"), Sniffed::Unmarked);
    }

    #[test]
    fn unmarked_text_tries_strict_utf8_then_gb18030() {
        assert_eq!(
            attempts(Sniffed::Unmarked),
            &[("utf-8", true), ("gb18030", false)]
        );
        assert_eq!(attempts(Sniffed::Utf8Bom), &[("utf-8", false)]);
        assert_eq!(display_name("gb18030", Sniffed::Unmarked), "GB18030/GBK");
        assert_eq!(display_name("utf-8", Sniffed::Utf8Bom), "UTF-8 (BOM)");
    }
}
