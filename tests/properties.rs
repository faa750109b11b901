//! Property tests: any input gives a report without panicking; every span lies inside the input on
//! char boundaries; the same input gives the same report.

mod common;
#[path = "common/well_formed.rs"]
mod well_formed;

use proptest::prelude::*;
use well_formed::assert_well_formed;

fn corpus_lines() -> Vec<String> {
    [
        "000_799292fe1e9c1d1b.txt",
        "001_6149e9281c444aee.txt",
        "003_03cb8317ef3ace4d.txt",
    ]
    .iter()
    .flat_map(|n| {
        common::corpus(n)
            .lines()
            .map(str::to_string)
            .collect::<Vec<_>>()
    })
    .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        assert_well_formed(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn random_text_of_table_characters(s in "[0-9０-９.,，、：:\\t \\n\\x0c※一二三四五六七八九十表合计总万元%占比增加减少其中()（）-]{0,600}") {
        assert_well_formed(&s);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn shuffled_and_truncated_corpus_lines(
        picks in proptest::collection::vec(any::<prop::sample::Index>(), 1..400),
        cut in any::<prop::sample::Index>(),
    ) {
        let lines = corpus_lines();
        let mut text: String = picks.iter().map(|i| i.get(&lines).as_str()).collect::<Vec<_>>().join("\n");
        // Truncate at an arbitrary char boundary.
        let mut at = cut.index(text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        text.truncate(at);
        assert_well_formed(&text);
    }

    #[test]
    fn a_reference_document_cut_anywhere(cut in any::<prop::sample::Index>(), which in 0usize..3) {
        let name = ["000_799292fe1e9c1d1b.txt", "001_6149e9281c444aee.txt", "003_03cb8317ef3ace4d.txt"][which];
        let mut text = common::corpus(name);
        let mut at = cut.index(text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        text.truncate(at);
        assert_well_formed(&text);
    }
}
