//! Staff drafts of a budget disclosure — the Excel tables (.xlsx, .xls) and the Word narrative
//! (.docx) — read into text the budget-lint checker reads, with where every stretch of it stands in
//! the file (`budget_lint::origin`: sheet and cell, or paragraph and table cell).
//!
//! ```no_run
//! let bytes = std::fs::read("tables.xlsx").unwrap();
//! let files = budget_lint_office::read(&bytes, "tables.xlsx").unwrap();
//! let (text, origins) = budget_lint::origin::join(budget_lint_office::order(files));
//! let report = budget_lint::check_with_origins(&text, &origins);
//! ```
//!
//! Modules: [`sniff`] what a file is by its bytes, [`ole`] the stream names of OLE files (.xls,
//! .doc, encrypted packages), [`limits`] the size limits and the zip reading that enforces them,
//! [`workbook`] sheets to tab-separated text, [`number_format`] numbers as the sheet shows them,
//! [`xls_formats`] the number formats of .xls cells, [`docx`] Word paragraphs and tables to text,
//! [`numbering`] the numbers Word draws before numbered paragraphs,
//! [`error`] the messages for files that cannot be read.
//! Pure Rust, no IO, no threads: builds for wasm32-unknown-unknown.

pub mod docx;
pub mod error;
pub mod limits;
pub mod number_format;
pub mod numbering;
pub mod ole;
pub mod sniff;
pub mod workbook;
pub mod xls_formats;

pub use budget_lint::origin::FileText;
pub use error::OfficeError;
use sniff::Kind;

/// Reads a workbook (.xlsx, .xls), a Word document (.docx), or a .zip holding them (one
/// [`FileText`] per file inside, named by its path in the zip), recognised by their bytes.
/// Entries of a zip that are not office files are skipped; a zip with none is [`OfficeError::NotOffice`].
pub fn read(bytes: &[u8], name: &str) -> Result<Vec<FileText>, OfficeError> {
    match sniff::sniff(bytes, name)? {
        Kind::Xlsx => Ok(vec![workbook::read_xlsx(bytes, name)?]),
        Kind::Xls => Ok(vec![workbook::read_xls(bytes, name)?]),
        Kind::Docx => Ok(vec![docx::read_docx(bytes, name)?]),
        Kind::Zip => bundle(bytes),
    }
}

/// Reads a workbook (.xlsx or .xls, recognised by its bytes).
pub fn read_workbook(bytes: &[u8], name: &str) -> Result<FileText, OfficeError> {
    match sniff::sniff(bytes, name)? {
        Kind::Xlsx => workbook::read_xlsx(bytes, name),
        Kind::Xls => workbook::read_xls(bytes, name),
        Kind::Docx | Kind::Zip => Err(OfficeError::NotOffice),
    }
}

/// Reads a Word document (.docx).
pub fn read_docx(bytes: &[u8], name: &str) -> Result<FileText, OfficeError> {
    match sniff::sniff(bytes, name)? {
        Kind::Docx => docx::read_docx(bytes, name),
        Kind::Xlsx | Kind::Xls | Kind::Zip => Err(OfficeError::NotOffice),
    }
}

/// The office files inside a zip, in the zip's order of names (sorted). Office lock files
/// (`~$…`), macOS resource forks (`__MACOSX/`, `._…`) and files that are not office files are
/// skipped; a zip inside the zip is not opened.
fn bundle(bytes: &[u8]) -> Result<Vec<FileText>, OfficeError> {
    let mut zip = limits::open_zip(bytes)?;
    let mut names = Vec::new();
    for n in zip.file_names() {
        let n = n.map_err(limits::zip_error)?;
        if !n.ends_with('/') {
            names.push(n.into_owned());
        }
    }
    names.sort();
    let mut out = Vec::new();
    for name in names {
        let base = name.rsplit('/').next().unwrap_or(&name);
        if name.starts_with("__MACOSX/") || base.starts_with("~$") || base.starts_with("._") {
            continue;
        }
        let Some(inner) = limits::read_entry(&mut zip, &name)? else {
            continue;
        };
        let kind = match sniff::sniff(&inner, &name) {
            Ok(k) => k,
            Err(OfficeError::NotOffice) => continue,
            Err(e) => return Err(e),
        };
        match kind {
            Kind::Xlsx => out.push(workbook::read_xlsx(&inner, &name)?),
            Kind::Xls => out.push(workbook::read_xls(&inner, &name)?),
            Kind::Docx => out.push(docx::read_docx(&inner, &name)?),
            Kind::Zip => continue,
        }
    }
    if out.is_empty() {
        return Err(OfficeError::NotOffice);
    }
    Ok(out)
}

/// Whether a file read by this crate is a Word document (the narrative): by its name's extension,
/// else by its origins (paragraphs of the body).
pub fn is_narrative(file: &FileText) -> bool {
    let lower = file.name.to_ascii_lowercase();
    if lower.ends_with(".docx") {
        return true;
    }
    if lower.ends_with(".xlsx") || lower.ends_with(".xls") {
        return false;
    }
    file.origins.entries().iter().any(|(_, o)| {
        matches!(o, budget_lint::origin::Origin::Cell { sheet, .. } if sheet == docx::BODY)
    })
}

/// The files of one disclosure in the template's order, for checking as one document: the
/// narrative (Word documents) first, as the templates open with the 部门概况, then the tables
/// (workbooks and anything else); within each, the order given. Stable.
pub fn order(files: Vec<FileText>) -> Vec<FileText> {
    let (mut narrative, tables): (Vec<FileText>, Vec<FileText>) =
        files.into_iter().partition(is_narrative);
    narrative.extend(tables);
    narrative
}
