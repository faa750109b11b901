//! `check` on arbitrary bytes, decoded as the CLI decodes a file (UTF-8/UTF-16 by BOM, else
//! GB18030): no panic, spans in bounds on char boundaries, the same report twice.
#![no_main]

#[path = "../../tests/common/well_formed.rs"]
mod well_formed;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let (text, _) = budget_lint::decode::decode(data);
    well_formed::assert_well_formed(&text);
});
