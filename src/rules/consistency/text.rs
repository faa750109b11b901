//! Text scanning shared by the C, S and K rules: a stretch of the document with its whitespace
//! removed (PDF text wraps words and numbers anywhere), every character keeping its source offset.

use crate::rules::Context;
use crate::source::Span;

/// A paragraph or structural boundary inserted into a [`Flow`].
pub(crate) const BREAK: char = '\n';

/// Characters of the text with whitespace removed; `s` is searchable as a string, and every byte of
/// `s` knows the source offset of its character ([`Flow::span`]).
pub(crate) struct Flow {
    pub s: String,
    /// Stretches copied contiguously from the source: (byte of `s` where one starts, its source
    /// offset). A few per line, where one byte per character of the text would take eight.
    runs: Vec<(usize, usize)>,
}

impl Flow {
    fn empty() -> Flow {
        Flow {
            s: String::new(),
            runs: Vec::new(),
        }
    }

    fn push(&mut self, c: char, at: usize) {
        let continues = self
            .runs
            .last()
            .is_some_and(|&(b, o)| o + (self.s.len() - b) == at);
        if !continues {
            self.runs.push((self.s.len(), at));
        }
        self.s.push(c);
    }

    /// The source offset of the character holding byte `b` of `s` (`b` < `s.len()`).
    fn source(&self, b: usize) -> usize {
        let mut b = b;
        while b > 0 && !self.s.is_char_boundary(b) {
            b -= 1;
        }
        let k = self.runs.partition_point(|r| r.0 <= b).saturating_sub(1);
        self.runs.get(k).map_or(0, |&(rb, ro)| ro + (b - rb))
    }

    fn push_break(&mut self, at: usize) {
        if !self.s.is_empty() && !self.s.ends_with(BREAK) {
            self.push(BREAK, at);
        }
    }

    /// The characters of `text[from..to]`, whitespace removed.
    pub fn of(text: &str, from: usize, to: usize) -> Flow {
        let mut f = Flow::empty();
        f.extend(text, from, to);
        f
    }

    fn extend(&mut self, text: &str, from: usize, to: usize) {
        let Some(part) = text.get(from..to) else {
            return;
        };
        for (o, c) in part.char_indices() {
            if c.is_whitespace() || c == '\u{feff}' {
                continue;
            }
            self.push(c, from + o);
        }
    }

    /// The prose: the text without its tables (financial and performance), with a break at every
    /// table boundary and, with `break_at_headings`, around every heading, so that no sentence runs
    /// across them. Rules take it from [`Context::prose`] and [`Context::prose_unbroken`], which
    /// make it once.
    pub(crate) fn prose_with(ctx: &Context, break_at_headings: bool) -> Flow {
        let text = ctx.text;
        let mut cuts: Vec<(usize, usize)> = ctx
            .doc
            .tables
            .iter()
            .map(|t| (t.span.start, t.span.end))
            .collect();
        crate::order::sort(&mut cuts);
        let mut headings: Vec<Span> = Vec::new();
        if break_at_headings {
            headings.extend(ctx.doc.narrative.sections.iter().map(|s| s.span));
            headings.extend(ctx.doc.parts.iter().map(|p| p.span));
        }
        crate::order::sort(&mut headings);
        let mut f = Flow::empty();
        let mut at = 0;
        let mut pieces: Vec<(usize, usize)> = Vec::new();
        for (s, e) in cuts {
            if s > at {
                pieces.push((at, s));
            }
            at = at.max(e);
        }
        if at < text.len() {
            pieces.push((at, text.len()));
        }
        for (s, e) in pieces {
            // Split each piece at headings.
            let mut from = s;
            for h in headings.iter().filter(|h| h.start >= s && h.end <= e) {
                if h.start < from {
                    continue;
                }
                f.extend(text, from, h.start);
                f.push_break(h.start);
                f.extend(text, h.start, h.end);
                f.push_break(h.end);
                from = h.end;
            }
            f.extend(text, from, e);
            f.push_break(e);
        }
        f
    }

    /// The source span of `s[from..to]` (byte indices into `s`).
    pub fn span(&self, from: usize, to: usize) -> Span {
        if self.s.is_empty() {
            return Span::default();
        }
        let from = from.min(self.s.len() - 1);
        let start = self.source(from);
        let last = to.saturating_sub(1).max(from).min(self.s.len() - 1);
        let mut c0 = last;
        while c0 > 0 && !self.s.is_char_boundary(c0) {
            c0 -= 1;
        }
        let len = self.s[c0..].chars().next().map_or(0, char::len_utf8);
        Span::new(start, (self.source(c0) + len).max(start))
    }

    /// Byte indices in `s` of every occurrence of `pat`.
    pub fn find_all(&self, pat: &str) -> Vec<usize> {
        self.s.match_indices(pat).map(|(i, _)| i).collect()
    }
}

/// A 4-digit year (20xx) ending just before byte `end` of `s` and not preceded by another digit:
/// returns the year and the byte where its digits start.
pub(crate) fn year_before(s: &str, end: usize) -> Option<(u16, usize)> {
    let b = s.as_bytes();
    if end < 4 || end > b.len() {
        return None;
    }
    let start = end - 4;
    if !b[start..end].iter().all(u8::is_ascii_digit) || b[start] != b'2' {
        return None;
    }
    if start > 0 && b[start - 1].is_ascii_digit() {
        return None;
    }
    s[start..end].parse().ok().map(|y| (y, start))
}

/// Every `20xx年` in `s`: (year, byte of its first digit, byte just after `年`, plus `度` if it follows).
pub(crate) fn years(s: &str) -> Vec<(u16, usize, usize)> {
    let mut out = Vec::new();
    for (i, _) in s.match_indices('年') {
        if let Some((y, start)) = year_before(s, i) {
            let mut end = i + '年'.len_utf8();
            if s[end..].starts_with('度') {
                end += '度'.len_utf8();
            }
            out.push((y, start, end));
        }
    }
    out
}

/// The characters of `s` before byte `at`, at most `n` of them.
pub(crate) fn before(s: &str, at: usize, n: usize) -> &str {
    let mut start = at;
    for (k, (i, _)) in s[..at].char_indices().rev().enumerate() {
        if k == n {
            break;
        }
        start = i;
    }
    &s[start..at]
}

/// True for CJK ideographs.
pub(crate) fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flow_maps_back_to_the_source() {
        let t = "比 2026 年\n预算增加";
        let f = Flow::of(t, 0, t.len());
        assert_eq!(f.s, "比2026年预算增加");
        let at = f.s.find("2026").unwrap();
        let sp = f.span(at, at + 4);
        assert_eq!(&t[sp.start..sp.end], "2026");
        let ys = years(&f.s);
        assert_eq!(ys.len(), 1);
        assert_eq!(ys[0].0, 2026);
        assert_eq!(before(&f.s, at, 1), "比");
    }

    #[test]
    fn years_need_four_digits() {
        assert!(years("12025年").is_empty());
        assert_eq!(years("2024年度预算")[0].2, "2024年度".len());
    }
}
