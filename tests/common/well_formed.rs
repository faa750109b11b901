//! The invariants every check must keep, whatever the input (architecture invariants 1, 2 and 4):
//! no panic, every span inside the text on char boundaries, the same report twice. Shared by the
//! property tests, the fuzz targets (`fuzz/`, included by path) and the fuzz regression test.

#![allow(dead_code)]

use budget_lint::source::Span;

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

pub fn assert_well_formed(text: &str) {
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

/// Every origin a file reader recorded lies inside its text, on char boundaries, in order.
pub fn assert_origins_inside(text: &str, origins: &budget_lint::origin::Origins) {
    let mut last = 0;
    for (s, _) in origins.entries() {
        assert!(
            last <= s.start && s.start <= s.end && s.end <= text.len(),
            "origin span {s:?} out of order or outside {}",
            text.len()
        );
        assert!(
            text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
            "origin span {s:?} splits a char"
        );
        last = s.end;
    }
}
