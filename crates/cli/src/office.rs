//! Staff drafts on the command line: workbooks (.xlsx, .xls), Word documents (.docx) and .zip files
//! holding them, read with `budget-lint-office` and checked as one document.
//!
//! - **Arguments**: a file named on the command line is an office file when its bytes say so (a zip
//!   or an OLE compound file), whatever its extension. All office files named on one command line
//!   are one document: `budget-lint check tables.xlsx narrative.docx` checks the tables and the
//!   narrative together, the narrative first (the template's order, `budget_lint_office::order`).
//! - **Directories**: walks take `*.xlsx`, `*.xls` and `*.docx` besides `*.txt` (extensions in any
//!   ASCII case); the office files of one directory with the same stem (`2025预算.xlsx` and
//!   `2025预算.docx`) are one document. A .zip is read only when named on the command line.
//! - **Standard input** holding a workbook, Word file or zip is read as one too.
//! - A file that cannot be read makes the document unreadable, with the Chinese and English
//!   messages (`OfficeError::message`, `message_en`) naming the format and what to do.
//! - Findings' labels carry where they stand (`origin`): the JSON report has it on every label and
//!   cell, the text output shows `表3!D12` instead of the line and column of the extracted text,
//!   SARIF locations name the file and the cell ([`sarif_location`]).

use crate::batch::Document;
use budget_lint::origin::{self, Origin};
use std::io::Read;
use std::path::{Path, PathBuf};

/// Whether the file starts like a zip or an OLE compound file (only its first bytes are read).
pub fn is_office_file(path: &Path) -> bool {
    let mut head = [0u8; 8];
    let n = std::fs::File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .unwrap_or(0);
    looks_like_office(&head[..n])
}

/// Whether the bytes start like a zip or an OLE compound file.
pub fn looks_like_office(bytes: &[u8]) -> bool {
    budget_lint_office::sniff::is_zip(bytes) || budget_lint_office::sniff::is_ole(bytes)
}

/// Whether a walked file is taken as an office file (by its extension).
pub fn has_office_extension(path: &Path) -> bool {
    path.extension().is_some_and(|x| {
        ["xlsx", "xls", "docx"]
            .iter()
            .any(|e| x.eq_ignore_ascii_case(e))
    })
}

/// The stem that groups a directory's office files into documents.
pub fn stem(path: &Path) -> Option<std::ffi::OsString> {
    path.file_stem().map(|s| s.to_os_string())
}

/// Reads the files and checks them as one document; the message if one cannot be read.
pub fn check_files(paths: &[PathBuf]) -> Result<Document, String> {
    let mut parts = Vec::new();
    for path in paths {
        let bytes =
            std::fs::read(path).map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
        parts.push((path.display().to_string(), bytes));
    }
    check_bytes(parts)
}

/// Checks office files given as (name, bytes) as one document.
pub fn check_bytes(parts: Vec<(String, Vec<u8>)>) -> Result<Document, String> {
    let mut files = Vec::new();
    let mut total = 0;
    let mut kinds = Vec::new();
    for (name, bytes) in &parts {
        total += bytes.len();
        let read = budget_lint_office::read(bytes, name)
            .map_err(|e| format!("cannot read `{name}`: {} / {}", e.message(), e.message_en()))?;
        kinds.push(kind(bytes, name));
        files.extend(read);
    }
    let (text, origins) = origin::join(budget_lint_office::order(files));
    let report = budget_lint::check_with_origins(&text, &origins);
    kinds.dedup();
    Ok(Document {
        text,
        encoding: if kinds.len() == 1 { kinds[0] } else { "office" },
        bytes: total,
        report,
    })
}

/// What a file is, for the report's `encoding` field: `xlsx`, `xls`, `docx`, `zip`.
fn kind(bytes: &[u8], name: &str) -> &'static str {
    use budget_lint_office::sniff::{sniff, Kind};
    match sniff(bytes, name) {
        Ok(Kind::Xlsx) => "xlsx",
        Ok(Kind::Xls) => "xls",
        Ok(Kind::Docx) => "docx",
        Ok(Kind::Zip) | Err(_) => "zip",
    }
}

/// The MIME type of a document read from office files (by its `encoding` field), `None` for text.
pub fn mime(encoding: &str) -> Option<&'static str> {
    Some(match encoding {
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xls" => "application/vnd.ms-excel",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "zip" => "application/zip",
        "office" => "application/octet-stream",
        _ => return None,
    })
}

/// A SARIF location's additions for a label read from an office file: a logical location naming
/// the cell (`表3!D12`, kind `element`) and the origin itself in the location's property bag. The
/// caller leaves out the text region (it would point into the extracted text, not the file).
pub fn sarif_location(o: &Origin) -> (serde_json::Value, serde_json::Value) {
    let name = match o {
        Origin::Cell { sheet, cell, .. } => format!("{sheet}!{cell}"),
        Origin::Page { page, .. } => format!("page {page}"),
    };
    (
        serde_json::json!([{ "fullyQualifiedName": name, "kind": "element" }]),
        serde_json::json!({ "origin": o, "cell": o.to_string() }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_read_as_people_write_them() {
        let o = Origin::Cell {
            file: None,
            sheet: "表3".into(),
            cell: "D12".into(),
        };
        assert_eq!(o.to_string(), "表3!D12");
        let o = Origin::Cell {
            file: Some("a.xlsx".into()),
            sheet: "表3".into(),
            cell: "D12".into(),
        };
        assert_eq!(o.to_string(), "a.xlsx:表3!D12");
        assert!(looks_like_office(b"PK\x03\x04rest"));
        assert!(!looks_like_office(b"\xef\xbb\xbf2025"));
        assert!(has_office_extension(Path::new("a/B.XLSX")));
        assert!(!has_office_extension(Path::new("a/b.zip")));
    }
}
