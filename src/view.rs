//! What the web app draws, computed (and tested) natively: the source text cut into segments, each
//! knowing which findings' labels cover it (architecture invariant 5).

use crate::diag::Severity;
use crate::report::Report;
use crate::source::floor_char_boundary;
use serde::{Deserialize, Serialize};

/// One label of one finding covering a segment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mark {
    /// Index into the report's diagnostics.
    pub finding: usize,
    /// Index into that diagnostic's labels.
    pub label: usize,
    pub primary: bool,
    pub severity: Severity,
}

/// A run of the text `start..end` (UTF-8 bytes, on char boundaries) covered by the same labels.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    pub start: usize,
    pub end: usize,
    pub marks: Vec<Mark>,
}

impl Segment {
    /// The most severe primary mark, which decides how the segment is highlighted.
    pub fn primary(&self) -> Option<&Mark> {
        self.marks
            .iter()
            .filter(|m| m.primary)
            .max_by_key(|m| (m.severity, std::cmp::Reverse(m.finding)))
    }
}

/// Cuts `text` into segments at every label boundary of the report's findings. The segments cover
/// the whole text, in order, without overlap.
pub fn segments(text: &str, report: &Report) -> Vec<Segment> {
    // (offset, is_start, mark)
    let mut events: Vec<(usize, bool, Mark)> = Vec::new();
    for (fi, d) in report.diagnostics.iter().enumerate() {
        for (li, l) in d.labels.iter().enumerate() {
            let start = floor_char_boundary(text, l.start);
            let end = floor_char_boundary(text, l.end);
            if start >= end {
                continue;
            }
            let mark = Mark {
                finding: fi,
                label: li,
                primary: l.primary,
                severity: d.severity,
            };
            events.push((start, true, mark));
            events.push((end, false, mark));
        }
    }
    events.sort_by_key(|e| (e.0, e.1));
    let mut out = Vec::with_capacity(events.len() + 1);
    let mut active: Vec<Mark> = Vec::new();
    let mut at = 0;
    for (offset, is_start, mark) in events {
        if offset > at {
            out.push(Segment {
                start: at,
                end: offset,
                marks: active.clone(),
            });
            at = offset;
        }
        if is_start {
            active.push(mark);
        } else if let Some(i) = active.iter().position(|m| *m == mark) {
            active.remove(i);
        }
    }
    if at < text.len() || out.is_empty() {
        out.push(Segment {
            start: at,
            end: text.len(),
            marks: Vec::new(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_partition_the_text() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/rules/A101/trigger_rounding.txt"
        ))
        .unwrap();
        let report = crate::check(&text);
        let segs = segments(&text, &report);
        assert_eq!(segs.first().map(|s| s.start), Some(0));
        assert_eq!(segs.last().map(|s| s.end), Some(text.len()));
        assert!(segs
            .windows(2)
            .all(|w| w[0].end == w[1].start && w[0].start < w[0].end));
        // The A101 finding's primary label is drawn on the figure it judges wrong.
        let fi = report
            .diagnostics
            .iter()
            .position(|d| d.code == "A101")
            .unwrap();
        let marked: Vec<&str> = segs
            .iter()
            .filter(|s| s.primary().is_some_and(|m| m.finding == fi))
            .map(|s| &text[s.start..s.end])
            .collect();
        assert_eq!(marked, ["31.03"]);
    }

    #[test]
    fn empty_text_is_one_empty_segment() {
        let report = crate::check("");
        assert_eq!(
            segments("", &report),
            vec![Segment {
                start: 0,
                end: 0,
                marks: Vec::new()
            }]
        );
    }
}
