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
///
/// In the report it is one flat object: `{"page": 3, "box": [x0, y0, x1, y1]}` or
/// `{"sheet": "表3", "cell": "D12"}`, with `"file"` when several files were checked together (a
/// flat object costs the web module less to decode than a tagged enum).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(into = "Wire", try_from = "Wire")]
pub enum Origin {
    /// A box on a PDF page: the page number (from 1) and `[x0, y0, x1, y1]` in the page's user
    /// space (points, origin at the bottom left, before the page's rotation).
    Page {
        /// The file's name, when several files were checked as one document.
        file: Option<String>,
        page: u32,
        bbox: [f32; 4],
    },
    /// A cell of a workbook: the sheet's name and the cell's reference (`D12`).
    Cell {
        /// The file's name, when several files were checked as one document.
        file: Option<String>,
        sheet: String,
        cell: String,
    },
}

/// [`Origin`] as the report holds it.
#[derive(Serialize, Deserialize)]
struct Wire {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    file: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    page: Option<u32>,
    #[serde(rename = "box", default, skip_serializing_if = "Option::is_none")]
    bbox: Option<[f32; 4]>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sheet: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    cell: Option<String>,
}

impl From<Origin> for Wire {
    fn from(o: Origin) -> Wire {
        match o {
            Origin::Page { file, page, bbox } => Wire {
                file,
                page: Some(page),
                bbox: Some(bbox),
                sheet: None,
                cell: None,
            },
            Origin::Cell { file, sheet, cell } => Wire {
                file,
                page: None,
                bbox: None,
                sheet: Some(sheet),
                cell: Some(cell),
            },
        }
    }
}

impl TryFrom<Wire> for Origin {
    type Error = &'static str;
    fn try_from(w: Wire) -> Result<Origin, &'static str> {
        match (w.page, w.sheet, w.cell) {
            (Some(page), None, None) => Ok(Origin::Page {
                file: w.file,
                page,
                bbox: w.bbox.unwrap_or_default(),
            }),
            (None, Some(sheet), Some(cell)) => Ok(Origin::Cell {
                file: w.file,
                sheet,
                cell,
            }),
            _ => Err("an origin is a page (and box) or a sheet and cell"),
        }
    }
}

impl Origin {
    fn set_file(&mut self, name: &str) {
        match self {
            Origin::Page { file, .. } | Origin::Cell { file, .. } => *file = Some(name.to_string()),
        }
    }

    /// The file it names, when several files were checked together.
    pub fn file(&self) -> Option<&str> {
        match self {
            Origin::Cell { file, .. } | Origin::Page { file, .. } => file.as_deref(),
        }
    }
}

/// Where it stands, as people write it: `表3!D12`, a PDF page as `第12页`, prefixed by the file
/// when the document was read from several (`tables.xlsx:表3!D12`).
impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(file) = self.file() {
            write!(f, "{file}:")?;
        }
        match self {
            Origin::Cell { sheet, cell, .. } => write!(f, "{sheet}!{cell}"),
            Origin::Page { page, .. } => write!(f, "第{page}页"),
        }
    }
}

/// The A1-style reference of a 0-based (row, column): `cell_ref(11, 3)` is `D12`.
pub fn cell_ref(row: u32, col: u32) -> String {
    let mut s = column_name(col);
    s.push_str(&(u64::from(row) + 1).to_string());
    s
}

/// The letters of a 0-based column: `A`, …, `Z`, `AA`, …
pub fn column_name(col: u32) -> String {
    let mut letters = Vec::new();
    let mut c = u64::from(col) + 1;
    while c > 0 {
        letters.push(char::from(b'A' + ((c - 1) % 26) as u8));
        c = (c - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// The 0-based (row, column) of an A1-style reference; `None` for anything else (a Word
/// paragraph's `P12`, a Word table's `R2C3` read as such are not cells of a sheet).
pub fn parse_cell(reference: &str) -> Option<(u32, u32)> {
    let digits = reference.find(|c: char| c.is_ascii_digit())?;
    let (letters, number) = reference.split_at(digits);
    if letters.is_empty() || letters.len() > 3 || !letters.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let row: u32 = number.parse().ok()?;
    let col = letters
        .bytes()
        .fold(0u32, |acc, b| acc * 26 + u32::from(b - b'A') + 1);
    Some((row.checked_sub(1)?, col - 1))
}

/// The text of one file read for checking, with where its stretches stand in the file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FileText {
    /// The file's name as the person gave it (shown in reports when files are joined).
    pub name: String,
    pub text: String,
    pub origins: Origins,
}

/// Several files checked as one document (a narrative PDF and a tables PDF, a workbook and a Word
/// file): their texts one after the other, each starting on a new page (a form feed), in the
/// order given. When there is more than one, every origin names its file.
pub fn join(files: Vec<FileText>) -> (String, Origins) {
    let many = files.len() > 1;
    let mut text = String::new();
    let mut origins = Origins::new();
    for f in files {
        if !text.is_empty() {
            if !text.ends_with('\n') {
                text.push('\n');
            }
            text.push('\u{c}');
        }
        let mut own = f.origins.shifted(text.len());
        if many {
            for (_, o) in &mut own.entries {
                o.set_file(&f.name);
            }
        }
        origins.extend(own);
        text.push_str(&f.text);
    }
    (text, origins)
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
                (
                    Some(Origin::Page {
                        file, page, bbox, ..
                    }),
                    Origin::Page {
                        file: f,
                        page: p,
                        bbox: b,
                    },
                ) if page == p && file == f => {
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
            file: None,
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
                file: None,
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

    #[test]
    fn joined_files_follow_each_other_on_new_pages_and_name_their_file() {
        let mut a = Origins::new();
        a.push(Span::new(0, 2), page(1, 0.0, 1.0));
        let mut b = Origins::new();
        b.push(Span::new(1, 3), page(1, 5.0, 6.0));
        let (text, o) = join(vec![
            FileText {
                name: "a.pdf".into(),
                text: "甲".into(),
                origins: a,
            },
            FileText {
                name: "b.pdf".into(),
                text: "乙丙".into(),
                origins: b,
            },
        ]);
        assert_eq!(text, "甲\n\u{c}乙丙");
        assert_eq!(o.entries()[1].0, Span::new(6, 8));
        assert!(matches!(&o.entries()[1].1, Origin::Page { file: Some(f), .. } if f == "b.pdf"));
        let (one, o) = join(vec![FileText {
            name: "a".into(),
            text: "x".into(),
            origins: Origins::new(),
        }]);
        assert_eq!((one.as_str(), o.len()), ("x", 0));
    }

    #[test]
    fn cell_references_both_ways() {
        assert_eq!(cell_ref(0, 0), "A1");
        assert_eq!(cell_ref(11, 3), "D12");
        assert_eq!(cell_ref(0, 25), "Z1");
        assert_eq!(cell_ref(0, 26), "AA1");
        assert_eq!(cell_ref(9, 16383), "XFD10");
        for (row, col) in [
            (0, 0),
            (11, 3),
            (0, 25),
            (0, 26),
            (9, 16383),
            (1_048_575, 701),
        ] {
            assert_eq!(parse_cell(&cell_ref(row, col)), Some((row, col)));
        }
        for not in ["P12x", "R2C3", "12", "D", "D0", "d12", "ABCD1", ""] {
            assert_eq!(parse_cell(not), None, "{not}");
        }
    }

    #[test]
    fn an_origin_is_one_flat_object_in_the_report() {
        let page = Origin::Page {
            file: None,
            page: 3,
            bbox: [1.5, 2.0, 30.25, 12.0],
        };
        let json = serde_json::to_string(&page).unwrap();
        assert_eq!(json, r#"{"page":3,"box":[1.5,2.0,30.25,12.0]}"#);
        assert_eq!(serde_json::from_str::<Origin>(&json).unwrap(), page);
        let cell = Origin::Cell {
            file: Some("a.xlsx".into()),
            sheet: "表3".into(),
            cell: "D12".into(),
        };
        let json = serde_json::to_string(&cell).unwrap();
        assert_eq!(json, r#"{"file":"a.xlsx","sheet":"表3","cell":"D12"}"#);
        assert_eq!(serde_json::from_str::<Origin>(&json).unwrap(), cell);
        assert!(serde_json::from_str::<Origin>(r#"{"sheet":"表3"}"#).is_err());
    }
}
