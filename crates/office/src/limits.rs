//! The limits that keep absurd or hostile input (zip bombs, sheets with millions of cells) from
//! exhausting memory or time, and the zip reading that enforces them.
//!
//! A zip's declared sizes can lie, so every entry is inflated once through a counting reader that
//! stops at the budget before any parser sees the archive: the whole archive may inflate to at most
//! [`MAX_INFLATED`] bytes, whatever its headers say.

use crate::error::OfficeError;
use std::io::{Cursor, Read};
use zip::result::ZipError;
use zip::ZipArchive;

/// The largest input file read (bytes).
pub const MAX_INPUT: u64 = 100 * 1024 * 1024;
/// The most a zip (workbook, Word file or a .zip of them) may inflate to, all entries together.
pub const MAX_INFLATED: u64 = 100 * 1024 * 1024;
/// The most entries a zip may hold.
pub const MAX_ENTRIES: usize = 10_000;
/// The most non-empty cells of a workbook (all sheets) or table cells of a Word file.
pub const MAX_CELLS: u64 = 1_000_000;
/// The largest .xls sheet extent (rows × columns between its first and last cells), which calamine
/// allocates as a dense grid (about 32 bytes a cell).
pub const MAX_XLS_GRID: u64 = 4_000_000;
/// The longest text made of one file (bytes of UTF-8).
pub const MAX_TEXT: u64 = 64 * 1024 * 1024;

/// Refuses input larger than [`MAX_INPUT`].
pub fn check_input(bytes: &[u8]) -> Result<(), OfficeError> {
    if bytes.len() as u64 > MAX_INPUT {
        return Err(OfficeError::TooLarge {
            what: "bytes",
            limit: MAX_INPUT,
        });
    }
    Ok(())
}

/// What a zip error means for the person: encrypted entries, or a damaged archive.
pub fn zip_error(e: ZipError) -> OfficeError {
    match e {
        ZipError::UnsupportedArchive(why) if why.to_lowercase().contains("password") => {
            OfficeError::Encrypted
        }
        ZipError::InvalidPassword => OfficeError::Encrypted,
        other => OfficeError::Corrupt(format!("zip: {other}")),
    }
}

/// Opens a zip and inflates each entry once, counting, so that a zip bomb is refused before any
/// parser reads it. Damaged entries (bad CRC, truncated data) are reported as corrupt.
pub fn open_zip(bytes: &[u8]) -> Result<ZipArchive<Cursor<&[u8]>>, OfficeError> {
    check_input(bytes)?;
    let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(zip_error)?;
    if zip.len() > MAX_ENTRIES {
        return Err(OfficeError::TooLarge {
            what: "files",
            limit: MAX_ENTRIES as u64,
        });
    }
    let mut total: u64 = 0;
    let mut buf = vec![0u8; 64 * 1024];
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).map_err(zip_error)?;
        if entry.is_dir() {
            continue;
        }
        loop {
            let n = entry
                .read(&mut buf)
                .map_err(|e| OfficeError::Corrupt(format!("zip: {e}")))?;
            if n == 0 {
                break;
            }
            total += n as u64;
            if total > MAX_INFLATED {
                return Err(OfficeError::TooLarge {
                    what: "inflated bytes",
                    limit: MAX_INFLATED,
                });
            }
        }
    }
    Ok(zip)
}

/// The inflated bytes of the entry `name` of a zip already checked by [`open_zip`], or `None` when
/// the zip has no such entry.
pub fn read_entry(
    zip: &mut ZipArchive<Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<Vec<u8>>, OfficeError> {
    let mut entry = match zip.by_name(name) {
        Ok(e) => e,
        Err(ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(zip_error(e)),
    };
    let mut out = Vec::new();
    (&mut entry)
        .take(MAX_INFLATED + 1)
        .read_to_end(&mut out)
        .map_err(|e| OfficeError::Corrupt(format!("zip: {e}")))?;
    if out.len() as u64 > MAX_INFLATED {
        return Err(OfficeError::TooLarge {
            what: "inflated bytes",
            limit: MAX_INFLATED,
        });
    }
    Ok(Some(out))
}
