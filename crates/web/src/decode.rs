//! Text files opened or dropped on the page: bytes to text with the browser's own `TextDecoder`
//! (no decoder tables in the wasm).
//!
//! A byte-order mark decides UTF-8 / UTF-16; otherwise strict UTF-8 is tried first and GB18030
//! (a superset of GBK and GB2312, what Chinese Windows saves as "ANSI") is the fallback.

/// What a dropped or opened file is, by its first bytes (else by its name): a PDF and office
/// files go to the reader worker (www/reader.js), anything else is decoded as text here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Pdf,
    /// .xlsx, .docx, a zip of them (PK), .xls, .doc, .wps (OLE): the office reader tells which.
    Office,
    /// An image, an archive, a program or other binary content: refused with what it is.
    NotText(budget_lint::sniff::NotText),
    Text,
}

/// Sniffs a file. Bytes decide (a PDF, an office file, then anything that is not text:
/// [`budget_lint::sniff`]); a name ending in `.pdf` (or an office extension) whose bytes say
/// nothing goes to that reader, which then says why it cannot read it (not a PDF, not an office
/// file) in its own words.
pub fn file_kind(name: &str, head: &[u8]) -> FileKind {
    const OLE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    if head[..head.len().min(1024)]
        .windows(5)
        .any(|w| w == b"%PDF-")
    {
        return FileKind::Pdf;
    }
    if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") || head.starts_with(&OLE)
    {
        return FileKind::Office;
    }
    if let Some(kind) = budget_lint::sniff::not_text(head) {
        return FileKind::NotText(kind);
    }
    let lower = name.to_ascii_lowercase();
    let ext = lower.rsplit_once('.').map_or("", |(_, e)| e);
    match ext {
        "pdf" => FileKind::Pdf,
        "xlsx" | "xls" | "docx" | "doc" | "wps" | "et" | "zip" => FileKind::Office,
        _ => FileKind::Text,
    }
}

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
    fn files_by_their_bytes_then_names() {
        assert_eq!(file_kind("a.txt", b"%PDF-1.7\n"), FileKind::Pdf);
        assert_eq!(file_kind("a.bin", b"PK\x03\x04rest"), FileKind::Office);
        assert_eq!(
            file_kind("a.xls", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"),
            FileKind::Office
        );
        assert_eq!(file_kind("renamed.PDF", "预算".as_bytes()), FileKind::Pdf);
        assert_eq!(file_kind("draft.docx", b"not a zip"), FileKind::Office);
        assert_eq!(file_kind("budget.txt", "预算".as_bytes()), FileKind::Text);
        assert_eq!(file_kind("noext", b""), FileKind::Text);
        // An image is told as one whatever its name.
        assert!(matches!(
            file_kind("表.pdf", b"\xFF\xD8\xFF\xE0\0\x10JFIF"),
            FileKind::NotText(_)
        ));
    }

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
