//! Shared by the integration tests: the wide corpus's documents (PDF parts and text).

#![allow(dead_code)]

use budget_lint::origin::{self, Origins};
use std::path::PathBuf;

pub fn wide() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/wide")
}

/// Whether the corpus is there; if not, says so (the tests that need it then pass vacuously).
pub fn present(test: &str) -> bool {
    let ok = wide().is_dir();
    if !ok {
        eprintln!("{test}: ../shared/corpus/wide is missing; skipped");
    }
    ok
}

/// One document: its stem, its PDF parts in order, its pdftotext text.
pub struct Doc {
    pub stem: String,
    pub pdfs: Vec<PathBuf>,
    pub txt: PathBuf,
}

pub fn docs() -> Vec<Doc> {
    let mut stems: Vec<String> = std::fs::read_dir(wide())
        .unwrap()
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            name.strip_suffix(".txt").map(str::to_string)
        })
        .collect();
    stems.sort();
    stems
        .into_iter()
        .map(|stem| {
            let single = wide().join(format!("{stem}.pdf"));
            let pdfs = if single.exists() {
                vec![single]
            } else {
                (1..)
                    .map(|n| wide().join(format!("{stem}_part{n}.pdf")))
                    .take_while(|p| p.exists())
                    .collect()
            };
            Doc {
                txt: wide().join(format!("{stem}.txt")),
                stem,
                pdfs,
            }
        })
        .collect()
}

/// A document's PDFs read and joined as the CLI joins them.
pub fn pdf_text(doc: &Doc) -> (String, Origins) {
    let files = doc
        .pdfs
        .iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            budget_lint_pdf::extract(&std::fs::read(p).unwrap(), &name)
                .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
        })
        .collect();
    origin::join(files)
}
