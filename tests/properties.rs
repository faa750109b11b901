//! Property tests: any input gives a report without panicking; every span lies inside the input on
//! char boundaries; the same input gives the same report.

mod common;

use budget_lint::source::Span;
use proptest::prelude::*;

fn spans_of(doc: &budget_lint::Document, diags: &[budget_lint::Diagnostic]) -> Vec<Span> {
    let mut out = Vec::new();
    let f = &doc.facts;
    out.extend(f.body.iter().map(|b| b.span));
    out.extend(f.year.iter().map(|b| b.span));
    out.extend(f.scope.iter().map(|b| b.span));
    out.extend(f.kind.iter().map(|b| b.span));
    out.extend(doc.parts.iter().map(|p| p.span));
    for t in &doc.tables {
        out.extend([t.title_span, t.span]);
        out.extend(t.unit_span);
        if let budget_lint::model::TableStatus::Empty { statement: Some(s) } = t.status {
            out.push(s);
        }
        for r in &t.rows {
            out.push(r.label_span);
            out.extend(r.code_span);
            out.extend(r.cells.iter().map(|c| c.span));
        }
    }
    let n = &doc.narrative;
    out.extend(n.sections.iter().map(|s| s.span));
    out.extend(n.figures.iter().map(|s| s.span));
    out.extend(n.changes.iter().flat_map(|c| [c.span, c.base_span]));
    out.extend(n.lists.iter().map(|s| s.span));
    out.extend(diags.iter().flat_map(|d| d.labels.iter().map(|l| l.span)));
    out
}

fn assert_well_formed(text: &str) {
    let doc = budget_lint::read(text);
    let diags = budget_lint::diagnostics(text, &doc);
    for s in spans_of(&doc, &diags) {
        assert!(
            s.start <= s.end && s.end <= text.len(),
            "span {s:?} outside {}",
            text.len()
        );
        assert!(
            text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
            "span {s:?} splits a char"
        );
    }
    let a = serde_json::to_string(&budget_lint::check(text)).unwrap();
    let b = serde_json::to_string(&budget_lint::check(text)).unwrap();
    assert_eq!(a, b, "the same input gave two reports");
}

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
