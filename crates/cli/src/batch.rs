//! Checking many documents: each is read, decoded (or read as a PDF, [`crate::pdf`]) and checked on a rayon worker thread, and handed
//! back in input order whatever the scheduling, so every output format is deterministic.
//!
//! Work is taken from the input list in order (`par_bridge`), and results wait in a small reorder
//! buffer until every earlier document is done, so output streams while later documents are checked.

use crate::inputs::{Input, Source};
use budget_lint::report::Report;
use rayon::iter::{ParallelBridge, ParallelIterator};
use std::collections::BTreeMap;
use std::io::Read;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// A document that was read and checked.
pub struct Document {
    /// The decoded text (without byte-order mark): every offset of the report points into it.
    pub text: String,
    /// The encoding the bytes were decoded from (`UTF-8`, `UTF-16LE`, `gb18030`, …), or the office
    /// format the text was read from (`xlsx`, `xls`, `docx`, `zip`, `office` for several).
    pub encoding: &'static str,
    /// The input's length in bytes.
    pub bytes: usize,
    pub report: Report,
}

/// One input's outcome.
pub struct Checked<'a> {
    /// The input's position in the list.
    pub index: usize,
    pub input: &'a Input,
    /// The document, or why it could not be read.
    pub result: Result<Document, String>,
    /// Reading, decoding and checking.
    pub elapsed: Duration,
}

/// Reads, decodes and checks one input.
pub fn check(index: usize, input: &Input) -> Checked<'_> {
    let start = Instant::now();
    let finish = |result| Checked {
        index,
        input,
        result,
        elapsed: start.elapsed(),
    };
    let bytes = match &input.source {
        Source::Stdin => {
            let mut buf = Vec::new();
            std::io::stdin()
                .read_to_end(&mut buf)
                .map(|_| buf)
                .map_err(|e| format!("cannot read standard input: {e}"))
        }
        Source::File(path) => {
            std::fs::read(path).map_err(|e| format!("cannot read `{}`: {e}", path.display()))
        }
        Source::Missing(why) => Err(format!("cannot read `{}`: {why}", input.shown)),
        Source::Parts(paths) => return finish(crate::pdf::check(paths, None)),
        Source::Office(paths) => return finish(crate::office::check_files(paths)),
    };
    let result = bytes.and_then(|bytes| match &input.source {
        Source::File(path) if budget_lint_pdf::is_pdf(&bytes) => {
            crate::pdf::check(std::slice::from_ref(path), Some(bytes))
        }
        _ if crate::office::looks_like_office(&bytes) => {
            crate::office::check_bytes(vec![(input.shown.clone(), bytes)])
        }
        _ => text_document(&input.shown, bytes),
    });
    finish(result)
}

/// A text document: decoded and checked; a file that is not text (an image, an archive, a
/// program) is refused with what it is and what to do.
fn text_document(shown: &str, bytes: Vec<u8>) -> Result<Document, String> {
    if let Some(kind) = budget_lint::sniff::not_text(&bytes) {
        return Err(format!(
            "cannot read `{shown}`: {} {}",
            kind.message(),
            kind.message_en()
        ));
    }
    let (text, encoding) = budget_lint::decode::decode(&bytes);
    let report = budget_lint::check(&text);
    Ok(Document {
        text,
        encoding,
        bytes: bytes.len(),
        report,
    })
}

/// Checks every input on `jobs` threads and gives `emit` what `prepare` made of each, in input
/// order. `prepare` runs on the worker (it sees the text, which is dropped after it); `emit` runs on
/// the calling thread. Stops at the first error of `emit` (documents still being checked finish,
/// later ones are not started).
pub fn run<P, E>(
    inputs: &[Input],
    jobs: usize,
    prepare: impl Fn(&Checked) -> P + Sync,
    mut emit: impl FnMut(P) -> Result<(), E>,
) -> Result<(), E>
where
    P: Send,
    E: From<String>,
{
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .map_err(|e| E::from(format!("cannot start worker threads: {e}")))?;
    let (tx, rx) = mpsc::channel::<(usize, P)>();
    let stopped = AtomicBool::new(false);
    std::thread::scope(|scope| {
        scope.spawn(|| {
            pool.install(|| {
                inputs
                    .iter()
                    .enumerate()
                    .par_bridge()
                    .for_each_with(tx, |tx, (i, input)| {
                        if !stopped.load(Ordering::Relaxed) {
                            // The writer stopped when the channel is closed: nothing to do.
                            let _ = tx.send((i, prepare(&check(i, input))));
                        }
                    });
            });
        });
        let mut waiting = BTreeMap::new();
        let mut next = 0;
        for (i, piece) in rx {
            waiting.insert(i, piece);
            while let Some(piece) = waiting.remove(&next) {
                if let Err(e) = emit(piece) {
                    stopped.store(true, Ordering::Relaxed);
                    return Err(e);
                }
                next += 1;
            }
        }
        Ok(())
    })
}
