//! Shared helpers of the CLI tests: the built binary, the corpus beside the project (as the root
//! crate's tests find it: `../shared/corpus` from the repository root), scratch directories.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The built `budget-lint`.
pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_budget-lint"))
}

/// The repository root (the CLI crate is `crates/cli`).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `../shared/corpus` from the repository root.
pub fn corpus_dir() -> PathBuf {
    repo_root().join("../shared/corpus")
}

pub fn corpus(name: &str) -> String {
    corpus_dir().join(name).display().to_string()
}

/// Whether the corpus is there; if not, says so (tests that need it then skip).
pub fn corpus_present(test: &str) -> bool {
    let present = corpus_dir().is_dir();
    if !present {
        eprintln!(
            "SKIPPED {test}: the corpus directory {} is absent",
            corpus_dir().display()
        );
    }
    present
}

/// Runs the binary in `dir` with `args`.
pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    bin()
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run budget-lint: {e}"))
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("output is UTF-8")
}

/// A scratch directory, removed when dropped.
pub struct Scratch(pub PathBuf);

impl Scratch {
    pub fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("budget-lint-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    /// Writes `bytes` at `rel`, creating directories.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> PathBuf {
        let p = self.0.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, bytes).unwrap();
        p
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A small batch: two corpus documents (one with an error finding), one of them in GBK in a nested
/// directory under a Chinese name, and a file that is not `*.txt`.
pub fn small_batch(name: &str) -> Scratch {
    let s = Scratch::new(name);
    let clean = std::fs::read(corpus("real/01_shanghai_putuo_zfb_2025_bumen_yusuan.txt")).unwrap();
    let with_error = std::fs::read(corpus("001_6149e9281c444aee.txt")).unwrap();
    let text = String::from_utf8(clean.clone()).unwrap();
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable);
    s.write("b_with_error.txt", &with_error);
    s.write("a/深层/普陀 预算.txt", &gbk);
    s.write("a/notes.md", b"not a disclosure");
    s
}
