//! Where the pages of a PDF start in its laid-out text, for the source view's page marks.
//!
//! The PDF reader lays each page out as lines and records every run's place on its page
//! ([`Origin::Page`], `crate::origin`). A page starts at the line holding its first run; the
//! source view starts a block there and marks it with the page's number, so a person reading the
//! text sees where each page of the published file begins.

use crate::origin::{Origin, Origins};
use serde::{Deserialize, Serialize};

/// The first line of a page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageStart {
    /// Where its first line starts in the text.
    pub start: usize,
    /// The page number (from 1).
    pub page: u32,
    /// The file's name, when several files were checked together.
    pub file: Option<String>,
}

/// The pages of a text read out of PDFs, in text order (pages with no text are not there).
pub fn pages(text: &str, origins: &Origins) -> Vec<PageStart> {
    let mut out: Vec<PageStart> = Vec::new();
    let mut last: Option<(&Option<String>, u32)> = None;
    for (span, origin) in origins.entries() {
        let Origin::Page { file, page, .. } = origin else {
            last = None;
            continue;
        };
        if last == Some((file, *page)) {
            continue;
        }
        last = Some((file, *page));
        let Some(before) = text.get(..span.start) else {
            break;
        };
        let start = before.rfind('\n').map_or(0, |i| i + 1);
        if out.last().is_some_and(|p| p.start >= start) {
            continue;
        }
        out.push(PageStart {
            start,
            page: *page,
            file: file.clone(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Span;

    fn on(page: u32, file: Option<&str>) -> Origin {
        Origin::Page {
            file: file.map(str::to_string),
            page,
            bbox: [0.0; 4],
        }
    }

    #[test]
    fn a_page_starts_at_the_line_of_its_first_run() {
        //          0123 4 5678 9 0123
        let text = "页眉\n正文 1\n\u{c}表 2\n";
        let mut o = Origins::new();
        let at = |s: &str| text.find(s).unwrap();
        o.push(Span::new(at("页眉"), at("页眉") + 6), on(1, None));
        o.push(Span::new(at("1"), at("1") + 1), on(1, None));
        o.push(Span::new(at("表"), at("表") + 3), on(2, None));
        o.push(Span::new(at("2"), at("2") + 1), on(2, None));
        let p = pages(text, &o);
        let starts: Vec<(usize, u32)> = p.iter().map(|p| (p.start, p.page)).collect();
        assert_eq!(starts, [(0, 1), (at("\u{c}"), 2)]);
        // Two files' pages 1 are two pages.
        let mut o = Origins::new();
        o.push(Span::new(0, 6), on(1, Some("a.pdf")));
        o.push(
            Span::new(at("\u{c}") + 1, at("\u{c}") + 4),
            on(1, Some("b.pdf")),
        );
        let p = pages(text, &o);
        assert_eq!(p.len(), 2);
        assert_eq!(p[1].file.as_deref(), Some("b.pdf"));
        // Nothing read from a PDF: no pages.
        assert!(pages(text, &Origins::new()).is_empty());
    }
}
