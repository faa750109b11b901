//! Why a file could not be read, in words a member of the finance staff can act on (Chinese and
//! English): which format the file is and what to do with it (save it as .xlsx or .docx).

use std::fmt;

/// Why the bytes could not be turned into text to check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OfficeError {
    /// A password-protected (encrypted) workbook or Word file: an OLE container holding an
    /// `EncryptedPackage`, or an .xls with a FILEPASS record.
    Encrypted,
    /// Looks like a workbook, Word file or zip but its structure is broken (truncated download,
    /// damaged zip, malformed XML). The text says what was found broken.
    Corrupt(String),
    /// A Word 97–2003 binary document (.doc): an OLE container with a `WordDocument` stream.
    LegacyWord,
    /// A WPS Office (Kingsoft) document (.wps / .et / .dps binary formats).
    Wps,
    /// Not a workbook, Word file or zip holding them.
    NotOffice,
    /// Too large to read safely: more than the limit of `what` (bytes inflated, cells).
    TooLarge {
        /// What exceeded its limit, e.g. "inflated bytes", "cells".
        what: &'static str,
        /// The limit.
        limit: u64,
    },
}

impl OfficeError {
    /// The message in Chinese: the format and what to do.
    pub fn message(&self) -> String {
        match self {
            OfficeError::Encrypted => {
                "文件设有打开密码（已加密），无法读取。请在 Excel/Word 中取消密码（文件 → 信息 → 保护 → 用密码进行加密，清空密码）后另存为 .xlsx 或 .docx 再检查。".to_string()
            }
            OfficeError::Corrupt(why) => format!(
                "文件已损坏或不完整，无法读取（{why}）。请在 Excel/Word 中打开并另存为 .xlsx 或 .docx 后再检查；如为下载所得，请重新下载。"
            ),
            OfficeError::LegacyWord => {
                "这是旧版 Word 97-2003 文档（.doc），无法直接读取。请在 Word 或 WPS 中打开，另存为 .docx 后再检查。".to_string()
            }
            OfficeError::Wps => {
                "这是 WPS 专有格式文件（.wps/.et），无法直接读取。请在 WPS 中打开，另存为 .docx（文字）或 .xlsx（表格）后再检查。".to_string()
            }
            OfficeError::NotOffice => {
                "不是可读取的 Excel 或 Word 文件（支持 .xlsx、.xls、.docx，或装有它们的 .zip）。请另存为 .xlsx 或 .docx 后再检查，或直接粘贴文字。".to_string()
            }
            OfficeError::TooLarge { what, limit } => format!(
                "文件过大，超出读取上限（{}：{}）。请检查文件是否含有大量无关内容，删去后另存为 .xlsx 或 .docx 再检查。",
                what_zh(what),
                limit
            ),
        }
    }

    /// The message in English: the format and what to do.
    pub fn message_en(&self) -> String {
        match self {
            OfficeError::Encrypted => "The file is password-protected (encrypted) and cannot be read. Remove the password in Excel/Word (File → Info → Protect → Encrypt with Password, clear it), save as .xlsx or .docx and check again.".to_string(),
            OfficeError::Corrupt(why) => format!("The file is damaged or incomplete and cannot be read ({why}). Open it in Excel/Word and save it as .xlsx or .docx, or download it again."),
            OfficeError::LegacyWord => "This is a Word 97-2003 document (.doc), which cannot be read directly. Open it in Word or WPS and save it as .docx, then check again.".to_string(),
            OfficeError::Wps => "This is a WPS Office file in its own format (.wps/.et), which cannot be read directly. Open it in WPS and save it as .docx (text) or .xlsx (tables), then check again.".to_string(),
            OfficeError::NotOffice => "Not an Excel or Word file that can be read (.xlsx, .xls, .docx, or a .zip holding them). Save it as .xlsx or .docx, or paste the text.".to_string(),
            OfficeError::TooLarge { what, limit } => format!("The file is too large to read safely (more than {limit} {what}). Remove unrelated content, save as .xlsx or .docx and check again."),
        }
    }
}

fn what_zh(what: &str) -> &'static str {
    match what {
        "bytes" => "文件字节数",
        "inflated bytes" => "解压后字节数",
        "cells" => "单元格数",
        "characters" => "文字字符数",
        "files" => "压缩包内文件数",
        _ => "大小",
    }
}

impl fmt::Display for OfficeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message_en())
    }
}

impl std::error::Error for OfficeError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_names_what_to_save_as() {
        let all = [
            OfficeError::Encrypted,
            OfficeError::Corrupt("zip".into()),
            OfficeError::LegacyWord,
            OfficeError::Wps,
            OfficeError::NotOffice,
            OfficeError::TooLarge {
                what: "cells",
                limit: 1_000_000,
            },
        ];
        for e in all {
            assert!(e.message().contains(".docx") || e.message().contains(".xlsx"));
            assert!(e.message_en().contains(".docx") || e.message_en().contains(".xlsx"));
        }
        assert!(OfficeError::LegacyWord.message().contains(".doc"));
        assert!(OfficeError::TooLarge {
            what: "cells",
            limit: 5
        }
        .message()
        .contains("单元格数"));
    }
}
