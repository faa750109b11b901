//! `check` on table- and narrative-like texts built from the reference documents' lines, so the
//! fuzzer reaches the table reader, the placement search and the rules: each input byte pair picks
//! a line and what to do with it (keep, cut in two, drop a field, change a digit, join with the
//! next). Same invariants as `check_bytes`.
#![no_main]

#[path = "../../tests/common/well_formed.rs"]
mod well_formed;

use std::sync::OnceLock;

const DOCUMENTS: [&str; 3] = [
    include_str!("../../../shared/corpus/000_799292fe1e9c1d1b.txt"),
    include_str!("../../../shared/corpus/001_6149e9281c444aee.txt"),
    include_str!("../../../shared/corpus/003_03cb8317ef3ace4d.txt"),
];

fn lines() -> &'static [&'static str] {
    static LINES: OnceLock<Vec<&'static str>> = OnceLock::new();
    LINES.get_or_init(|| DOCUMENTS.iter().flat_map(|d| d.lines()).collect())
}

fn build(data: &[u8]) -> String {
    let lines = lines();
    let mut out = String::new();
    for pair in data.chunks(3) {
        let [a, b, op] = [pair[0], *pair.get(1).unwrap_or(&0), *pair.get(2).unwrap_or(&0)];
        let line = lines[(usize::from(a) << 8 | usize::from(b)) % lines.len()];
        match op % 6 {
            // Cut the line in two at a char boundary.
            1 => {
                let mut at = usize::from(op) % (line.len() + 1);
                while !line.is_char_boundary(at) {
                    at -= 1;
                }
                out.push_str(&line[..at]);
                out.push('\n');
                out.push_str(&line[at..]);
            }
            // Drop one tab or space separated field.
            2 => {
                let fields: Vec<&str> = line.split(['\t', ' ']).collect();
                let skip = usize::from(op) % fields.len().max(1);
                let kept: Vec<&str> = fields
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| *i != skip)
                    .map(|(_, f)| *f)
                    .collect();
                out.push_str(&kept.join("\t"));
            }
            // Change the digits of the line by the op (a misprinted figure).
            3 => out.extend(line.chars().map(|c| match c.to_digit(10) {
                Some(d) => char::from_digit((d + u32::from(op)) % 10, 10).unwrap_or(c),
                None => c,
            })),
            // Join with the next line (no break).
            4 => {
                out.push_str(line);
                continue;
            }
            // A page break.
            5 => {
                out.push_str(line);
                out.push_str("\n\u{c}");
            }
            _ => out.push_str(line),
        }
        out.push('\n');
    }
    out
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    well_formed::assert_well_formed(&build(data));
});
