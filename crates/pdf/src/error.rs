//! Why a PDF could not be read, in words for people (Chinese and English).

use std::fmt;

/// Why [`crate::extract`] gave no text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PdfError {
    /// The bytes do not start like a PDF (no `%PDF-` header near the start).
    NotPdf,
    /// The PDF is encrypted and cannot be opened without a password.
    Encrypted,
    /// The PDF's structure could not be read (truncated, damaged), or the engine failed on it.
    Corrupt(String),
    /// No page has a text layer: a scanned document (images only).
    NoText,
    /// Larger than this reader accepts (bytes or pages).
    TooLarge {
        /// What was too large: `"bytes"` or `"pages"`.
        what: &'static str,
        /// Its size.
        size: u64,
        /// The largest accepted.
        limit: u64,
    },
    /// The caller's progress callback asked to stop.
    Stopped,
}

impl PdfError {
    /// The message in Chinese.
    pub fn message(&self) -> String {
        match self {
            PdfError::NotPdf => "这不是 PDF 文件（文件开头没有 %PDF- 标记）。如是文本文件，请改用 .txt 扩展名，或直接粘贴其文字。".to_string(),
            PdfError::Encrypted => "PDF 已加密，需要密码才能打开，无法读取其文字。请使用未加密的版本（如公开网站上发布的文件），或在能打开它的阅读器中复制文字后粘贴到这里。".to_string(),
            PdfError::Corrupt(why) => format!("PDF 文件已损坏或不完整，无法读取：{why}。请重新下载，或从原稿重新导出 PDF。"),
            PdfError::NoText => {
                "PDF 没有文字层（可能是扫描件，页面只有图片），无法读取其中的文字和表格。请使用由 Word、WPS 或 Excel 直接导出的 PDF，或先做文字识别（OCR）。"
                    .to_string()
            }
            PdfError::TooLarge { what, size, limit } => match *what {
                "pages" => format!("PDF 共 {size} 页，超过可读取的上限 {limit} 页。"),
                _ => format!(
                    "PDF 文件大小 {} MB，超过可读取的上限 {} MB。",
                    size / 1_000_000,
                    limit / 1_000_000
                ),
            },
            PdfError::Stopped => "已停止读取 PDF。".to_string(),
        }
    }

    /// The message in English.
    pub fn message_en(&self) -> String {
        match self {
            PdfError::NotPdf => {
                "This is not a PDF file (no %PDF- header at its start). If it is a text file, \
                 give it a .txt name, or paste its text."
                    .to_string()
            }
            PdfError::Encrypted => {
                "The PDF is encrypted: it needs a password to open, so its text cannot be read. \
                 Use an unencrypted copy (such as the one published on the web site), or copy \
                 its text in a reader that opens it and paste it here."
                    .to_string()
            }
            PdfError::Corrupt(why) => format!(
                "The PDF file is damaged or incomplete: {why}. Download it again, or export the \
                 PDF again from its source."
            ),
            PdfError::NoText => {
                "The PDF has no text layer (probably a scan: its pages are images), so its text \
                 and tables cannot be read. Use a PDF exported from Word, WPS or Excel, or run \
                 text recognition (OCR) first."
                    .to_string()
            }
            PdfError::TooLarge { what, size, limit } => match *what {
                "pages" => {
                    format!("The PDF has {size} pages, more than the {limit} this reader accepts.")
                }
                _ => format!(
                    "The PDF is {} MB, more than the {} MB this reader accepts.",
                    size / 1_000_000,
                    limit / 1_000_000
                ),
            },
            PdfError::Stopped => "Reading the PDF was stopped.".to_string(),
        }
    }
}

impl fmt::Display for PdfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.message(), self.message_en())
    }
}

impl std::error::Error for PdfError {}
