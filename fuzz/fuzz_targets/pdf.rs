//! The PDF reader on arbitrary bytes: no panic; when it gives text, every origin lies inside that
//! text and the text checks under the same invariants as `check_bytes`.
#![no_main]

#[path = "../../tests/common/well_formed.rs"]
mod well_formed;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(file) = budget_lint_pdf::extract(data, "fuzz.pdf") {
        well_formed::assert_origins_inside(&file.text, &file.origins);
        well_formed::assert_well_formed(&file.text);
    }
});
