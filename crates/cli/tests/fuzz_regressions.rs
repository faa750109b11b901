//! The inputs the fuzzers found (fuzz/regressions/, minimized by `cargo fuzz tmin`), run on the
//! stable toolchain with the fuzz targets' own invariants (tests/common/well_formed.rs): no panic,
//! spans inside the text on char boundaries, the same report twice. `text/` holds inputs of the
//! `check_bytes` and `check_structured` targets (the text the structured target built).

#[path = "../../../tests/common/well_formed.rs"]
mod well_formed;

use std::path::PathBuf;

fn inputs(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/regressions").join(target);
    let mut out: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(&dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.path())
                .filter(|p| p.is_file() && p.file_name().is_some_and(|n| n != "README.md"))
                .map(|p| {
                    let bytes = std::fs::read(&p).unwrap();
                    (p, bytes)
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

#[test]
fn text_inputs_found_by_the_fuzzers_check_cleanly() {
    let found = inputs("text");
    assert!(!found.is_empty(), "fuzz/regressions/text holds the inputs");
    for (path, bytes) in found {
        let (text, _) = budget_lint::decode::decode(&bytes);
        eprintln!("{}", path.display());
        well_formed::assert_well_formed(&text);
    }
}
