//! Files that are not text, told by their first bytes: an image, an archive, a program, or other
//! binary content. The CLI and the web app ask this before decoding a file as text, so that a
//! photo or a zip dropped by mistake gets a message saying what it is and what to do (in Chinese
//! and English) instead of a page of mojibake checked as a disclosure.
//!
//! PDFs and office files (zip, OLE) are not told here: their readers recognise them first, and a
//! zip that holds no workbook or Word document gets the office reader's own message.

/// What a file that is not text is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotText {
    /// An image, with its format's name (`PNG`, `JPEG`, …): a photo or a scan of a page.
    Image(&'static str),
    /// A compressed archive other than zip (`gzip`, `7z`, `RAR`).
    Archive(&'static str),
    /// An executable program.
    Program,
    /// Other binary content: NUL bytes, or many control characters, in the first bytes.
    Binary,
}

/// How many leading bytes are looked at (a caller may pass more or fewer).
pub const HEAD: usize = 8192;

/// What `head` (the file's first bytes, [`HEAD`] of them or the whole file) says the file is, when
/// it is not text. `None`: it may be text (decode it).
pub fn not_text(head: &[u8]) -> Option<NotText> {
    let head = &head[..head.len().min(HEAD)];
    let starts = |magic: &[u8]| head.starts_with(magic);
    if starts(b"\x89PNG\r\n\x1a\n") {
        return Some(NotText::Image("PNG"));
    }
    if starts(b"\xFF\xD8\xFF") {
        return Some(NotText::Image("JPEG"));
    }
    if starts(b"GIF87a") || starts(b"GIF89a") {
        return Some(NotText::Image("GIF"));
    }
    if starts(b"II*\0") || starts(b"MM\0*") {
        return Some(NotText::Image("TIFF"));
    }
    if starts(b"RIFF") && head.get(8..12) == Some(b"WEBP") {
        return Some(NotText::Image("WebP"));
    }
    // BMP: "BM", the file size, then four reserved zero bytes.
    if starts(b"BM") && head.get(6..10) == Some(&[0, 0, 0, 0]) {
        return Some(NotText::Image("BMP"));
    }
    if starts(b"\x1F\x8B") {
        return Some(NotText::Archive("gzip"));
    }
    if starts(b"7z\xBC\xAF\x27\x1C") {
        return Some(NotText::Archive("7z"));
    }
    if starts(b"Rar!\x1A\x07") {
        return Some(NotText::Archive("RAR"));
    }
    if starts(b"\x7FELF") || (starts(b"MZ") && head.contains(&0)) {
        return Some(NotText::Program);
    }
    // A byte-order mark makes NULs normal (UTF-16); otherwise text has none, and none of the C0
    // controls other than tab, line breaks, form feed and escape (nor do GBK's trail bytes).
    if encoding_bom(head) {
        return None;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B))
        .count();
    (head.contains(&0) || controls * 100 > head.len()).then_some(NotText::Binary)
}

fn encoding_bom(head: &[u8]) -> bool {
    head.starts_with(b"\xEF\xBB\xBF")
        || head.starts_with(b"\xFF\xFE")
        || head.starts_with(b"\xFE\xFF")
}

impl NotText {
    /// What to tell a person, in Chinese.
    pub fn message(&self) -> String {
        const DO: &str = "请粘贴公开文件的文字，或拖入其 PDF 文件、Excel（.xlsx/.xls）表格或 Word（.docx）文稿。";
        match self {
            NotText::Image(format) => format!(
                "这是一张 {format} 图片，不是文字。本工具读取文字：{DO}扫描得到的图片须先做文字识别（OCR）。"
            ),
            NotText::Archive(format) => {
                format!("这是 {format} 压缩包。请先解压，再拖入其中的文件（文本、PDF、Excel 或 Word）。")
            }
            NotText::Program => format!("这是可执行程序，不是公开文件。{DO}"),
            NotText::Binary => format!("这不是文本文件（含有二进制内容）。{DO}"),
        }
    }

    /// What to tell a person, in English.
    pub fn message_en(&self) -> String {
        const DO: &str = "Paste the disclosure's text, or drop its PDF, its Excel tables (.xlsx/.xls) or its Word document (.docx).";
        match self {
            NotText::Image(format) => format!(
                "This is a {format} image, not text: budget-lint reads text. {DO} A scanned page needs text recognition (OCR) first."
            ),
            NotText::Archive(format) => format!(
                "This is a {format} archive. Unpack it, then drop the files inside (text, PDF, Excel or Word)."
            ),
            NotText::Program => format!("This is an executable program, not a disclosure. {DO}"),
            NotText::Binary => format!("This is not a text file (it holds binary content). {DO}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_archives_and_programs_by_their_magic() {
        assert_eq!(
            not_text(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Some(NotText::Image("PNG"))
        );
        assert_eq!(
            not_text(b"\xFF\xD8\xFF\xE0\0\x10JFIF"),
            Some(NotText::Image("JPEG"))
        );
        assert_eq!(not_text(b"GIF89a\x01\0"), Some(NotText::Image("GIF")));
        assert_eq!(
            not_text(b"RIFF\x10\0\0\0WEBPVP8 "),
            Some(NotText::Image("WebP"))
        );
        assert_eq!(
            not_text(b"BM\x36\x10\0\0\0\0\0\0\x36\0"),
            Some(NotText::Image("BMP"))
        );
        assert_eq!(not_text(b"\x1F\x8B\x08\0"), Some(NotText::Archive("gzip")));
        assert_eq!(
            not_text(b"Rar!\x1A\x07\x01\0"),
            Some(NotText::Archive("RAR"))
        );
        assert_eq!(not_text(b"\x7FELF\x02\x01\x01"), Some(NotText::Program));
        assert_eq!(not_text(b"MZ\x90\0\x03\0\0\0"), Some(NotText::Program));
    }

    #[test]
    fn text_in_any_encoding_is_not_told_apart() {
        assert_eq!(not_text("部门预算\t388.89\r\n\x0c第 2 页".as_bytes()), None);
        // GBK: 部门预算 388.89 万元，比上年增加 3.2 万元。
        assert_eq!(not_text(b"\xB2\xBF\xC3\xC5\xD4\xA4\xCB\xE3 388.89 \xCD\xF2\xD4\xAA\xA3\xAC\xB1\xC8\xC9\xCF\xC4\xEA\xD4\xF6\xBC\xD3 3.2 \xCD\xF2\xD4\xAA\xA1\xA3"), None);
        let utf16: Vec<u8> = b"\xFF\xFE"
            .iter()
            .copied()
            .chain("预算 12.00".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(not_text(&utf16), None);
        // Text that merely starts with the letters of a magic number.
        assert_eq!(not_text(b"BMI 23.5; MZ 12"), None);
        assert_eq!(not_text(b""), None);
    }

    #[test]
    fn nul_bytes_or_many_controls_are_binary() {
        assert_eq!(not_text(b"abc\0def"), Some(NotText::Binary));
        let mut mostly_text = "预算".repeat(40).into_bytes();
        mostly_text.push(0x01);
        assert_eq!(
            not_text(&mostly_text),
            None,
            "one stray control in 240 bytes"
        );
        mostly_text.extend([0x02, 0x03, 0x04]);
        assert_eq!(not_text(&mostly_text), Some(NotText::Binary));
    }

    #[test]
    fn every_message_says_what_to_do_in_both_languages() {
        for kind in [
            NotText::Image("PNG"),
            NotText::Archive("7z"),
            NotText::Program,
            NotText::Binary,
        ] {
            assert!(kind.message().contains("拖入"), "{}", kind.message());
            assert!(kind.message_en().contains("drop"), "{}", kind.message_en());
        }
    }
}
