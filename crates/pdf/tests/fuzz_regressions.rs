//! Inputs the `pdf` fuzz target (fuzz/) found slow or broken, kept as regression inputs run on
//! stable: each is read (or refused) and its text checked under the fuzz targets' invariants.
//!
//! - `slow-narrative-heading.pdf` (64 KB, a corpus PDF cut and mutated): 39 s under
//!   AddressSanitizer; its text has lines of many kilobytes, each folded whole by the narrative
//!   reader's heading test, and uncoded rows folded against every classification entry of every
//!   year (both bounded since: fuzz/README.md).

#[path = "../../../tests/common/well_formed.rs"]
mod well_formed;

#[test]
fn every_kept_input_reads_to_well_formed_text_or_an_error() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if let Ok(file) = budget_lint_pdf::extract(&bytes, &name) {
            well_formed::assert_origins_inside(&file.text, &file.origins);
            well_formed::assert_well_formed(&file.text);
        }
        seen += 1;
    }
    assert!(seen > 0, "no regression inputs in {}", dir.display());
}
