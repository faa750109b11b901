//! What a file is, by its bytes (never by its name alone): a zip holding a workbook (`xl/workbook.xml`)
//! or a Word document (`word/document.xml`) or other files, or an OLE compound file holding a
//! workbook (`Workbook`/`Book` stream: .xls), a Word 97–2003 document (`WordDocument`), or an
//! encrypted OOXML package (`EncryptedPackage`: a password-protected .xlsx/.docx).
//!
//! The name is used only to tell apart formats whose bytes look alike: a Kingsoft WPS document
//! (.wps, .et, .dps) is an OLE file laid out like its Microsoft counterpart.

use crate::error::OfficeError;
use crate::limits;
use crate::ole;

/// The kinds of file this crate knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Xlsx,
    Xls,
    Docx,
    /// A zip that is neither a workbook nor a Word document: a bundle of files.
    Zip,
}

const ZIP_MAGICS: [&[u8]; 3] = [b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08"];

/// Whether the bytes start like a zip archive.
pub fn is_zip(bytes: &[u8]) -> bool {
    ZIP_MAGICS.iter().any(|m| bytes.starts_with(m))
}

/// Whether the bytes start like an OLE compound file.
pub fn is_ole(bytes: &[u8]) -> bool {
    bytes.starts_with(&ole::MAGIC)
}

fn extension(name: &str) -> String {
    name.rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default()
}

/// What the file is, or why it cannot be read.
pub fn sniff(bytes: &[u8], name: &str) -> Result<Kind, OfficeError> {
    limits::check_input(bytes)?;
    let ext = extension(name);
    if is_zip(bytes) {
        let zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(limits::zip_error)?;
        let has = |n: &str| zip.index_for_name(n).is_some();
        // Also packages written with Windows separators (`xl\workbook.xml`) or without the `xl/`
        // folder, which calamine reads.
        if has("xl/workbook.xml") || has("xl\\workbook.xml") || has("workbook.xml") {
            return Ok(Kind::Xlsx);
        }
        if has("word/document.xml") {
            return Ok(Kind::Docx);
        }
        if has("xl/workbook.bin") || has("mimetype") || has("content.xml") {
            // .xlsb, OpenDocument (.ods/.odt): not read; the message says to save as .xlsx/.docx.
            return Err(OfficeError::NotOffice);
        }
        return Ok(Kind::Zip);
    }
    if is_ole(bytes) {
        let names = ole::entry_names(bytes)
            .ok_or_else(|| OfficeError::Corrupt("OLE compound file".into()))?;
        let has = |n: &str| names.iter().any(|x| x.eq_ignore_ascii_case(n));
        if has("EncryptedPackage") {
            return Err(OfficeError::Encrypted);
        }
        if has("Workbook") || has("Book") {
            // Also a WPS spreadsheet (.et), which is laid out as an .xls.
            return Ok(Kind::Xls);
        }
        if matches!(ext.as_str(), "wps" | "wpt" | "et" | "ett" | "dps") {
            return Err(OfficeError::Wps);
        }
        if has("WordDocument") {
            return Err(OfficeError::LegacyWord);
        }
        return Err(OfficeError::NotOffice);
    }
    Err(OfficeError::NotOffice)
}
