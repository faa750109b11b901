//! From the paths on the command line to the list of documents to check, in a deterministic order.
//!
//! A file argument is taken whatever its extension; a directory is walked recursively and gives its
//! `*.txt` and `*.pdf` files (extension compared without regard to ASCII case), entries of each directory sorted
//! by name (byte order), so the order never depends on the file system. Symbolic links to files are
//! followed; symbolic links to directories are not walked (no cycles). `-` is standard input.
//! The parts of a document published as several PDFs become one input ([`crate::pdf::group_parts`]).
//! Office files (workbooks, Word documents, zips of them) make documents of several files: all
//! those named on the command line are one, and in a walk those of one directory with the same
//! stem ([`crate::office`]).

use std::path::{Path, PathBuf};

/// Where a document's bytes come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    Stdin,
    File(PathBuf),
    /// The parts of one document published as several PDFs, in order (see [`crate::pdf`]).
    Parts(Vec<PathBuf>),
    /// A path that could not be listed or does not exist: reported as unreadable.
    Missing(String),
    /// Office files (workbooks, Word documents, zips of them) checked together as one document.
    Office(Vec<PathBuf>),
}

/// One document to check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Input {
    /// The path as the user sees it: as given, or the directory argument joined with the walked names;
    /// `-` for standard input.
    pub shown: String,
    pub source: Source,
}

impl Input {
    fn file(path: PathBuf) -> Input {
        Input {
            shown: path.display().to_string(),
            source: Source::File(path),
        }
    }

    /// The file's path, if the document is a file.
    pub fn path(&self) -> Option<&Path> {
        match &self.source {
            Source::File(p) => Some(p),
            Source::Parts(paths) | Source::Office(paths) => paths.first().map(PathBuf::as_path),
            Source::Stdin | Source::Missing(_) => None,
        }
    }
}

/// The documents named by `args`, in argument order, each directory's files in sorted order.
/// Also whether the command names exactly one document (one file, the parts of one PDF document,
/// or `-`; no directory).
pub fn expand(args: &[String]) -> (Vec<Input>, bool) {
    let mut out = Vec::new();
    let mut walked = false;
    let mut office_arg: Option<usize> = None;
    for arg in args {
        if arg == "-" {
            out.push(Input {
                shown: "-".to_string(),
                source: Source::Stdin,
            });
            continue;
        }
        let path = PathBuf::from(arg);
        if path.is_dir() {
            walked = true;
            walk(&path, &mut out);
        } else if path.is_file() && crate::office::is_office_file(&path) {
            // Every office file of the command line joins the first one's document.
            match office_arg {
                Some(i) => add_office(&mut out[i], path),
                None => {
                    office_arg = Some(out.len());
                    out.push(Input {
                        shown: arg.clone(),
                        source: Source::Office(vec![path]),
                    });
                }
            }
        } else {
            // A missing file is read (and fails) like any other, so its error names the cause.
            out.push(Input {
                shown: arg.clone(),
                source: Source::File(path),
            });
        }
    }
    // The parts of one PDF document named together are one document.
    let out = crate::pdf::group_parts(out);
    let single = !walked && out.len() == 1;
    (out, single)
}

fn walk(dir: &Path, out: &mut Vec<Input>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            out.push(Input {
                shown: dir.display().to_string(),
                source: Source::Missing(format!("cannot list directory: {e}")),
            });
            return;
        }
    };
    let mut entries: Vec<(PathBuf, std::io::Result<std::fs::FileType>)> = entries
        .map(|e| match e {
            Ok(e) => (e.path(), e.file_type()),
            Err(err) => (dir.to_path_buf(), Err(err)),
        })
        .collect();
    entries.sort_by(|a, b| a.0.file_name().cmp(&b.0.file_name()));
    // This directory's office documents: their stem and place in `out`.
    let mut office: Vec<(std::ffi::OsString, usize)> = Vec::new();
    for (path, kind) in entries {
        match kind {
            Ok(k) if k.is_dir() => walk(&path, out),
            Ok(k) if k.is_file() || (k.is_symlink() && path.is_file()) => {
                if is_txt(&path) || crate::pdf::has_pdf_extension(&path) {
                    out.push(Input::file(path));
                } else if crate::office::has_office_extension(&path) {
                    let stem = crate::office::stem(&path).unwrap_or_default();
                    match office.iter().find(|(s, _)| *s == stem) {
                        Some(&(_, i)) => add_office(&mut out[i], path),
                        None => {
                            office.push((stem, out.len()));
                            out.push(Input {
                                shown: path.display().to_string(),
                                source: Source::Office(vec![path]),
                            });
                        }
                    }
                }
            }
            Ok(_) => {}
            Err(e) => out.push(Input {
                shown: path.display().to_string(),
                source: Source::Missing(format!("cannot list directory entry: {e}")),
            }),
        }
    }
}

/// Adds an office file to an office document.
fn add_office(input: &mut Input, path: PathBuf) {
    if let Source::Office(paths) = &mut input.source {
        input.shown = format!("{} + {}", input.shown, path.display());
        paths.push(path);
    }
}

fn is_txt(path: &Path) -> bool {
    path.extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("txt"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_sorted_and_keeps_argument_order() {
        let root = std::env::temp_dir().join(format!("budget-lint-inputs-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("b/c")).unwrap();
        for f in ["b/c/z.txt", "b/a.TXT", "b/y.md", "a.txt", "c.txt"] {
            std::fs::write(root.join(f), "x").unwrap();
        }
        let dir = root.display().to_string();
        let file = root.join("b/y.md").display().to_string();
        let (inputs, single) = expand(&[file.clone(), dir.clone()]);
        let shown: Vec<String> = inputs.iter().map(|i| i.shown.clone()).collect();
        let expect: Vec<String> = ["b/y.md", "a.txt", "b/a.TXT", "b/c/z.txt", "c.txt"]
            .iter()
            .map(|f| root.join(f).display().to_string())
            .collect();
        assert_eq!(shown, expect);
        assert!(!single);
        let (inputs, single) = expand(&[file]);
        assert!(single);
        assert_eq!(inputs.len(), 1);
        std::fs::remove_dir_all(&root).unwrap();
    }
}
