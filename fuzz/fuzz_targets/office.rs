//! The workbook and Word reader on arbitrary bytes (xlsx, xls, docx, zip): no panic; when it gives
//! text, every origin lies inside that text and the joined text checks under the same invariants
//! as `check_bytes`.
#![no_main]

#[path = "../../tests/common/well_formed.rs"]
mod well_formed;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(files) = budget_lint_office::read(data, "fuzz.xlsx") {
        for f in &files {
            well_formed::assert_origins_inside(&f.text, &f.origins);
        }
        let (text, _) = budget_lint::origin::join(budget_lint_office::order(files));
        well_formed::assert_well_formed(&text);
    }
});
