//! PDF inputs: a file is read as a PDF when its bytes start like one (`%PDF-`), whatever its name;
//! directories give their `*.pdf` files as well as their `*.txt`; and the parts of one document
//! published as several PDFs (`X_part1.pdf`, `X_part2.pdf`, … in one directory) are checked as one
//! document, in part order (`budget_lint::origin::join`), when they are named together or found
//! in one directory walk.

use crate::batch::Document;
use crate::inputs::{Input, Source};
use budget_lint::origin::{self, FileText};
use std::path::{Path, PathBuf};

/// Whether a walked file is a PDF by its name.
pub fn has_pdf_extension(path: &Path) -> bool {
    path.extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("pdf"))
}

/// `X_partN.pdf` → (`dir/X`, N).
fn part_of(path: &Path) -> Option<(PathBuf, u32)> {
    if !has_pdf_extension(path) {
        return None;
    }
    let stem = path.file_stem()?.to_str()?;
    let (base, n) = stem.rsplit_once("_part")?;
    if base.is_empty() || n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((path.with_file_name(base), n.parse().ok()?))
}

/// Groups the parts of one document into one input (at the place of its first part), parts in
/// their numbers' order. A part alone stays a document of its own.
pub fn group_parts(inputs: Vec<Input>) -> Vec<Input> {
    let keys: Vec<Option<(PathBuf, u32)>> = inputs
        .iter()
        .map(|i| match &i.source {
            Source::File(p) => part_of(p),
            _ => None,
        })
        .collect();
    let mut out: Vec<Input> = Vec::new();
    let mut taken = vec![false; inputs.len()];
    for i in 0..inputs.len() {
        if taken[i] {
            continue;
        }
        let Some((base, _)) = &keys[i] else {
            out.push(inputs[i].clone());
            continue;
        };
        let mut members: Vec<(u32, usize)> = (i..inputs.len())
            .filter(|&j| !taken[j] && keys[j].as_ref().is_some_and(|(b, _)| b == base))
            .map(|j| (keys[j].as_ref().map_or(0, |k| k.1), j))
            .collect();
        members.sort();
        members.dedup_by_key(|m| m.0);
        if members.len() < 2 {
            out.push(inputs[i].clone());
            continue;
        }
        for &(_, j) in &members {
            taken[j] = true;
        }
        let paths: Vec<PathBuf> = members
            .iter()
            .filter_map(|&(_, j)| inputs[j].path().map(Path::to_path_buf))
            .collect();
        let shown = members
            .iter()
            .map(|&(_, j)| inputs[j].shown.as_str())
            .collect::<Vec<_>>()
            .join(" + ");
        out.push(Input {
            shown,
            source: Source::Parts(paths),
        });
    }
    out
}

/// Why a PDF could not be read, as the CLI reports unreadable input.
fn unreadable(path: &Path, e: &budget_lint_pdf::PdfError) -> String {
    format!(
        "cannot read `{}`: {} {}",
        path.display(),
        e.message(),
        e.message_en()
    )
}

/// Reads and checks one or more PDFs as one document. `first` is the first file's bytes when they
/// were already read (to look at their magic).
pub fn check(paths: &[PathBuf], first: Option<Vec<u8>>) -> Result<Document, String> {
    let mut files: Vec<FileText> = Vec::new();
    let mut total = 0;
    let mut first = first;
    for path in paths {
        let bytes = match first.take() {
            Some(b) => b,
            None => {
                std::fs::read(path).map_err(|e| format!("cannot read `{}`: {e}", path.display()))?
            }
        };
        total += bytes.len();
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into(),
        );
        let file = budget_lint_pdf::extract(&bytes, &name).map_err(|e| unreadable(path, &e))?;
        files.push(file);
    }
    let (text, origins) = origin::join(files);
    let report = budget_lint::check_with_origins(&text, &origins);
    Ok(Document {
        text,
        encoding: "PDF",
        bytes: total,
        report,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(p: &str) -> Input {
        Input {
            shown: p.to_string(),
            source: Source::File(PathBuf::from(p)),
        }
    }

    #[test]
    fn parts_of_one_document_are_grouped_in_part_order() {
        let inputs = vec![
            file("d/a.txt"),
            file("d/X_part2.pdf"),
            file("d/Y_part1.pdf"),
            file("d/X_part1.PDF"),
            file("e/X_part3.pdf"),
        ];
        let out = group_parts(inputs);
        let shown: Vec<&str> = out.iter().map(|i| i.shown.as_str()).collect();
        assert_eq!(
            shown,
            [
                "d/a.txt",
                "d/X_part1.PDF + d/X_part2.pdf",
                "d/Y_part1.pdf",
                "e/X_part3.pdf"
            ]
        );
        assert!(matches!(&out[1].source, Source::Parts(p) if p.len() == 2));
    }
}
