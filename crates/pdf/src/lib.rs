//! budget-lint-pdf: the text of a budget disclosure PDF, laid out by its geometry, for the checker.
//!
//! [`extract`] turns PDF bytes into a [`FileText`]: every page's lines top to bottom (pages
//! separated by form feeds), tables written one row per line with their cells separated by tabs
//! in the columns the page's geometry gives, and for every run or cell written, where it stands on
//! its page (page number and box in PDF user space), so a report can point into the PDF.
//!
//! The engine is hayro-interpret (pure Rust, builds for wasm32; see README.md for why). Modules:
//! [`error`] why a PDF cannot be read, `glyphs` (one page's glyphs and ruling lines), `lines`
//! (glyphs → runs → lines), `tables` (table regions and their columns), `layout` (lines → text
//! and origins).
//!
//! Never panics on hostile input: the engine's work on each page runs under `catch_unwind`
//! natively, and a panic there becomes [`PdfError::Corrupt`]. In a build with `panic = "abort"`
//! (the browser's) a panic in the engine still aborts.

pub mod error;
mod glyphs;
mod layout;
mod lines;
mod tables;

pub use budget_lint::origin::FileText;
pub use error::PdfError;

use hayro_interpret::hayro_syntax::{LoadPdfError, Pdf};
use hayro_interpret::InterpreterCache;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// The largest file accepted, in bytes.
pub const MAX_BYTES: u64 = 200_000_000;
/// The most pages accepted.
pub const MAX_PAGES: u64 = 2_000;

/// Reads a PDF's text laid out by its geometry. `name` is the file's name (kept in the result).
pub fn extract(bytes: &[u8], name: &str) -> Result<FileText, PdfError> {
    extract_with(bytes, name, &mut |_, _| true)
}

/// Like [`extract`]; `on_page(done, total)` is called after each page, and returning `false`
/// stops the reading ([`PdfError::Stopped`]).
pub fn extract_with(
    bytes: &[u8],
    name: &str,
    on_page: &mut dyn FnMut(u32, u32) -> bool,
) -> Result<FileText, PdfError> {
    if !is_pdf(bytes) {
        return Err(PdfError::NotPdf);
    }
    if bytes.len() as u64 > MAX_BYTES {
        return Err(PdfError::TooLarge {
            what: "bytes",
            size: bytes.len() as u64,
            limit: MAX_BYTES,
        });
    }
    let pdf = guard(|| Pdf::new(bytes.to_vec()))?.map_err(|e| match e {
        LoadPdfError::Decryption(_) => PdfError::Encrypted,
        LoadPdfError::Invalid => PdfError::Corrupt("no readable document structure".to_string()),
    })?;
    let pages = pdf.pages();
    let total = pages.len();
    if total as u64 > MAX_PAGES {
        return Err(PdfError::TooLarge {
            what: "pages",
            size: total as u64,
            limit: MAX_PAGES,
        });
    }
    if total == 0 {
        return Err(PdfError::Corrupt("no page".to_string()));
    }
    let cache = InterpreterCache::new();
    let mut out = layout::Builder::default();
    let mut carry = None;
    let mut glyphs = 0usize;
    for (i, page) in pages.iter().enumerate() {
        let read = guard(|| glyphs::read_page(page, &cache))?;
        glyphs += read.glyphs.len();
        let mut lines = lines::lines(&read.glyphs, &read.rules);
        lines::join_wrapped_figures(&mut lines);
        guard(|| layout::page(&mut out, i as u32 + 1, &lines, &read.rules, &mut carry))?;
        if !on_page(i as u32 + 1, total as u32) {
            return Err(PdfError::Stopped);
        }
    }
    // A scan carries at most a few stray characters (a stamp, page numbers).
    if glyphs < 10 + total {
        return Err(PdfError::NoText);
    }
    if !out.text.ends_with('\n') {
        out.text.push('\n');
    }
    Ok(FileText {
        name: name.to_string(),
        text: out.text,
        origins: out.origins,
    })
}

/// A PDF starts with `%PDF-`, possibly after some bytes (the format allows up to 1024).
pub fn is_pdf(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    head.windows(5).any(|w| w == b"%PDF-")
}

/// Runs the engine's work, turning a panic into [`PdfError::Corrupt`].
fn guard<T>(f: impl FnOnce() -> T) -> Result<T, PdfError> {
    catch_unwind(AssertUnwindSafe(f))
        .map_err(|_| PdfError::Corrupt("the PDF engine failed on this file".to_string()))
}
