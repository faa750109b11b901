//! Where the checked text came from, when it was read out of a file rather than pasted.
//!
//! A PDF or a workbook is first turned into text (a PDF page laid out line by line, a sheet as
//! tab-separated rows) and that text is checked like any other. The readers also record, for
//! stretches of that text, where they stand in the file: a box on a PDF page, a cell of a sheet.
//! [`Origins::locate`] turns a finding's span back into that place, so a report can say "page 12,
//! this box" or "表3!D12" as well as the offset into the text.

use crate::source::Span;
use serde::{Deserialize, Serialize};

/// A place in the file the text was read from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Origin {
    /// A box on a PDF page: the page number (from 1) and `[x0, y0, x1, y1]` in the page's user
    /// space (points, origin at the bottom left, before the page's rotation).
    Page {
        page: u32,
        #[serde(rename = "box")]
        bbox: [f32; 4],
    },
    /// A cell of a workbook: the sheet's name and the cell's reference (`D12`).
    Cell { sheet: String, cell: String },
}

/// Stretches of the text with their places, in text order and not overlapping.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Origins {
    entries: Vec<(Span, Origin)>,
}

impl Origins {
    pub fn new() -> Origins {
        Origins::default()
    }

    /// Records that `span` of the text stands at `origin`. Spans must be given in text order and
    /// not overlap; one that does not follow the last is ignored (the readers emit text in order).
    pub fn push(&mut self, span: Span, origin: Origin) {
        if self
            .entries
            .last()
            .is_some_and(|(last, _)| span.start < last.end)
        {
            return;
        }
        self.entries.push((span, origin));
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// The entries, in text order.
    pub fn entries(&self) -> &[(Span, Origin)] {
        &self.entries
    }

    /// Shifts every span by `by` bytes: for text read from a file and appended after other text.
    pub fn shifted(mut self, by: usize) -> Origins {
        for (span, _) in &mut self.entries {
            *span = Span::new(span.start + by, span.end + by);
        }
        self
    }

    /// Appends `other`, whose spans must all follow this one's.
    pub fn extend(&mut self, other: Origins) {
        for (span, origin) in other.entries {
            self.push(span, origin);
        }
    }

    /// Where `span` stands: the place of the entries it overlaps. Boxes on one page are joined
    /// into the box covering them; a span over several pages or cells is placed by its first.
    /// `None` when it overlaps no entry (text the reader added, such as a page marker).
    pub fn locate(&self, span: Span) -> Option<Origin> {
        let first = self.entries.partition_point(|(s, _)| s.end <= span.start);
        let mut found: Option<Origin> = None;
        for (s, origin) in &self.entries[first..] {
            if s.start >= span.end.max(span.start + 1) {
                break;
            }
            match (&mut found, origin) {
                (None, _) => found = Some(origin.clone()),
                (Some(Origin::Page { page, bbox }), Origin::Page { page: p, bbox: b })
                    if page == p =>
                {
                    bbox[0] = bbox[0].min(b[0]);
                    bbox[1] = bbox[1].min(b[1]);
                    bbox[2] = bbox[2].max(b[2]);
                    bbox[3] = bbox[3].max(b[3]);
                }
                _ => {}
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(page: u32, x0: f32, x1: f32) -> Origin {
        Origin::Page {
            page,
            bbox: [x0, 10.0, x1, 20.0],
        }
    }

    #[test]
    fn locate_joins_boxes_on_one_page_and_stops_at_the_span() {
        let mut o = Origins::new();
        o.push(Span::new(0, 3), page(1, 0.0, 30.0));
        o.push(Span::new(4, 9), page(1, 40.0, 90.0));
        o.push(Span::new(10, 12), page(2, 5.0, 25.0));
        assert_eq!(o.locate(Span::new(1, 2)), Some(page(1, 0.0, 30.0)));
        assert_eq!(o.locate(Span::new(2, 6)), Some(page(1, 0.0, 90.0)));
        assert_eq!(o.locate(Span::new(5, 11)), Some(page(1, 40.0, 90.0)));
        assert_eq!(o.locate(Span::new(3, 4)), None);
        assert_eq!(o.locate(Span::new(12, 20)), None);
        // An empty span is placed where it points.
        assert_eq!(o.locate(Span::new(10, 10)), Some(page(2, 5.0, 25.0)));
    }

    #[test]
    fn overlapping_or_backward_entries_are_ignored_and_shifts_move_spans() {
        let mut o = Origins::new();
        o.push(Span::new(5, 8), page(1, 0.0, 1.0));
        o.push(Span::new(6, 9), page(1, 2.0, 3.0));
        o.push(Span::new(0, 2), page(1, 2.0, 3.0));
        assert_eq!(o.len(), 1);
        let mut all = Origins::new();
        all.push(
            Span::new(0, 2),
            Origin::Cell {
                sheet: "表1".into(),
                cell: "B3".into(),
            },
        );
        all.extend(o.shifted(10));
        assert_eq!(all.entries()[1].0, Span::new(15, 18));
        assert!(matches!(
            all.locate(Span::new(1, 1)),
            Some(Origin::Cell { .. })
        ));
    }
}
