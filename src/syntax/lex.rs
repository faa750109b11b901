//! Lines and tokens.
//!
//! The text is cut into lines (form feeds mark page breaks), and each line into tokens: figures
//! (negative ones too: `-1.20`, `（1.20）`), bare integers (amounts or classification codes — the row
//! reader decides), pieces of figures cut by a line break (`131.`, `1,`, `.62`), text, `※` markers and
//! empty cells (empty fields of tab-separated lines, and the `-`, `—`, `--`, `－` printed for an empty
//! cell). Every token keeps its span in the original text.
//!
//! [`furniture`] finds the lines that are page furniture rather than text: page footers (`- 5 -`,
//! `第 3 页`, a lone page number at a page break) and running headers (the same line at the top of
//! many pages).

use crate::amount::parse_figure;
use crate::source::Span;
use rust_decimal::Decimal;

/// One line of the text, without its line break.
#[derive(Clone, Copy, Debug)]
pub struct Line {
    pub start: usize,
    pub end: usize,
    /// The line starts a new page (a form feed precedes its text).
    pub page_break: bool,
}

impl Line {
    pub fn text(self, src: &str) -> &str {
        src.get(self.start..self.end).unwrap_or("")
    }

    pub fn span(self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// Cuts the text into lines. `\r` before `\n` and form feeds are not part of a line's text.
pub fn lines(src: &str) -> Vec<Line> {
    // Sized once: a long text's lines are a large part of the reading's memory.
    let mut out = Vec::with_capacity(src.bytes().filter(|&b| b == b'\n').count() + 1);
    let mut start = 0;
    for (i, _) in src
        .match_indices('\n')
        .chain(std::iter::once((src.len(), "")))
    {
        if i < start {
            continue;
        }
        let mut s = start;
        let mut e = i;
        let mut page_break = false;
        let raw = &src[s..e];
        let trimmed_start = raw.trim_start_matches(['\u{c}', '\r']);
        if trimmed_start.len() != raw.len() {
            page_break =
                raw.starts_with('\u{c}') || raw.trim_start_matches('\r').starts_with('\u{c}');
            s = e - trimmed_start.len();
        }
        while e > s && matches!(src.as_bytes()[e - 1], b'\r' | b'\x0c') {
            e -= 1;
        }
        out.push(Line {
            start: s,
            end: e,
            page_break,
        });
        start = i + 1;
    }
    out
}

/// A page number line: `- 5 -`, `— 5 —`, `第 3 页` (marked: `Some(true)`), or a lone number of up to
/// three digits (`Some(false)`: a page number only where a page breaks, see [`furniture`]).
pub fn page_number(line: &str) -> Option<bool> {
    let t = squeeze(line);
    let digits =
        |s: &str, max: usize| (1..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    if digits(&t, 3) {
        return Some(false);
    }
    let dashes = ['-', '—', '－'];
    let dashed = t.strip_prefix(dashes).map(|r| r.trim_end_matches(dashes));
    let paged = t.strip_prefix('第').and_then(|r| {
        // "第 3 页" or "第 3 页 共 40 页".
        let (n, rest) = r.split_once('页')?;
        let total = rest.strip_prefix('共').and_then(|x| x.strip_suffix('页'));
        (rest.is_empty() || total.is_some_and(|x| digits(x, 4))).then_some(n)
    });
    dashed
        .or(paged)
        .is_some_and(|n| digits(n, 4))
        .then_some(true)
}

/// What a line is, when it is page furniture rather than text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Furniture {
    /// Text (or a table line).
    #[default]
    None,
    /// `- 5 -`, `第 3 页`: a page number by its marks.
    PageNumber,
    /// A lone number next to a page break (or anywhere in a text without page breaks): a page
    /// number in prose, but possibly a figure in a table.
    LoneNumber,
    /// A line that begins at least three pages (the document's running header).
    RunningHeader,
}

impl Furniture {
    pub fn is_some(self) -> bool {
        self != Furniture::None
    }
}

/// Which lines are page furniture rather than text: page numbers (a lone number only next to a page
/// break, or anywhere in a text without page breaks) and running headers (a line that begins at
/// least three pages, found everywhere it occurs).
pub fn furniture(src: &str, lines: &[Line]) -> Vec<Furniture> {
    let paged = lines.iter().any(|l| l.page_break);
    let filled: Vec<usize> = (0..lines.len())
        .filter(|&i| !lines[i].text(src).trim().is_empty())
        .collect();
    let mut out = vec![Furniture::None; lines.len()];
    let mut page_tops: std::collections::HashMap<String, usize> = Default::default();
    for (k, &i) in filled.iter().enumerate() {
        let at_break = lines[i].page_break
            || filled.get(k + 1).is_some_and(|&n| lines[n].page_break)
            || filled.get(k + 1).is_none();
        match page_number(lines[i].text(src)) {
            Some(true) => out[i] = Furniture::PageNumber,
            Some(false) if at_break || !paged => out[i] = Furniture::LoneNumber,
            _ => {}
        }
    }
    // The first line of each page that is not a page number.
    let mut top = false;
    for &i in &filled {
        top |= lines[i].page_break;
        if top && !out[i].is_some() {
            let t = squeeze(lines[i].text(src));
            if t.chars().count() <= 60 && !t.contains('。') {
                *page_tops.entry(t).or_default() += 1;
            }
            top = false;
        }
    }
    for &i in &filled {
        if page_tops
            .get(&squeeze(lines[i].text(src)))
            .is_some_and(|&n| n >= 3)
        {
            out[i] = Furniture::RunningHeader;
        }
    }
    out
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tk {
    /// A figure with decimals or thousands separators (`1,388.82`, `9.00`).
    Figure,
    /// Digits only (`201`, `03`, `2010301`, `76306134`): a code or an integer amount.
    Int,
    /// A figure cut by a line break at its decimal point (`131.`) or at a thousands separator (`1,`);
    /// the rest follows on a later line.
    OpenFigure,
    /// The rest of a figure cut before its decimal point (`.62` after `14,770`) or before a thousands
    /// separator (`,234.56` after `1`).
    FigureTail,
    Text,
    /// `※`, the marker cells of a column-number row.
    Star,
    /// An empty cell: an empty field of a tab-separated line (empty span), or a dash printed for an
    /// empty cell (`-`, `—`, `--`, `－`). Never a number.
    Empty,
}

#[derive(Clone, Copy, Debug)]
pub struct Token {
    pub kind: Tk,
    pub span: Span,
    /// Index of the line in [`lines`].
    pub line: usize,
    /// Field index for tab-separated lines.
    pub field: Option<usize>,
}

impl Token {
    /// Whether the token stands in `prev`'s field or the next one (both tab-separated).
    pub fn in_field_or_next(self, prev: Token) -> bool {
        prev.field
            .zip(self.field)
            .is_some_and(|(p, f)| f == p || f == p + 1)
    }

    pub fn text(self, src: &str) -> &str {
        src.get(self.span.start..self.span.end).unwrap_or("")
    }

    pub fn value(self, src: &str) -> Option<Decimal> {
        match self.kind {
            Tk::Figure | Tk::Int => parse_figure(self.text(src)),
            _ => None,
        }
    }

    pub fn is_number(self) -> bool {
        matches!(self.kind, Tk::Figure | Tk::Int)
    }
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}'
}

/// The tokens of the lines that hold tables, made once for all the table readers (issue 11: one
/// pass over the text). Other lines have none: the narrative is read character by character.
pub struct Tokens {
    all: Vec<Token>,
    /// Per line: where its tokens are in `all` (an empty range for a line not tokenized).
    at: Vec<std::ops::Range<u32>>,
}

impl Tokens {
    /// The tokens of the lines in `ranges` (line indices; overlapping ranges are fine).
    pub fn of(
        src: &str,
        lines: &[Line],
        ranges: impl IntoIterator<Item = std::ops::Range<usize>>,
    ) -> Tokens {
        let mut all = Vec::new();
        let mut at = vec![0..0; lines.len()];
        let mut done = vec![false; lines.len()];
        for range in ranges {
            for i in range.start..range.end.min(lines.len()) {
                if std::mem::replace(&mut done[i], true) {
                    continue;
                }
                let start = all.len();
                tokenize(src, i, lines[i], &mut all);
                // Token positions fit in u32: texts are far smaller than 4 GB.
                at[i] = start as u32..all.len() as u32;
            }
        }
        Tokens { all, at }
    }

    /// The tokens of line `i` (none for a line that was not tokenized).
    pub fn line(&self, i: usize) -> &[Token] {
        self.at
            .get(i)
            .and_then(|r| self.all.get(r.start as usize..r.end as usize))
            .unwrap_or(&[])
    }
}

/// Tokens of one line. Tab-separated lines keep their empty fields.
pub fn tokenize(src: &str, line_no: usize, line: Line, out: &mut Vec<Token>) {
    let text = line.text(src);
    if text.contains('\t') {
        let mut pos = line.start;
        for (field, part) in text.split('\t').enumerate() {
            let before = out.len();
            words(src, pos, part, line_no, Some(field), out);
            if out.len() == before {
                out.push(Token {
                    kind: Tk::Empty,
                    span: Span::new(pos, pos),
                    line: line_no,
                    field: Some(field),
                });
            }
            pos += part.len() + 1;
        }
    } else {
        words(src, line.start, text, line_no, None, out);
    }
}

fn words(
    src: &str,
    base: usize,
    text: &str,
    line: usize,
    field: Option<usize>,
    out: &mut Vec<Token>,
) {
    let first_new = out.len();
    let mut start: Option<usize> = None;
    let emit = |s: usize, e: usize, out: &mut Vec<Token>| {
        classify(src, Span::new(base + s, base + e), line, field, out);
    };
    for (i, c) in text.char_indices() {
        if is_space(c) {
            if let Some(s) = start.take() {
                emit(s, i, out);
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        emit(s, text.len(), out);
    }
    merge_spaced_letters(src, first_new, out);
    split_glued_code_parts(src, first_new, out);
}

/// "301 01基本工资": a two-digit code part glued to the name, after a code head (in the same field or
/// the one before) — not a numbered item ("350 ⏎ 11、节能环保", an amount and the next cell, wide/124).
fn split_glued_code_parts(src: &str, from: usize, out: &mut Vec<Token>) {
    let mut i = from.max(1);
    while i < out.len() {
        let prev = out[i - 1];
        let t = out[i];
        let w = t.text(src);
        let b = w.as_bytes();
        let glued = t.kind == Tk::Text
            && b.len() > 2
            && b[0].is_ascii_digit()
            && b[1].is_ascii_digit()
            && !b[2].is_ascii()
            && !w[2..].starts_with('、')
            && (prev.field == t.field || t.in_field_or_next(prev))
            && prev.kind == Tk::Int
            && matches!(prev.text(src).len(), 3 | 5);
        if glued {
            let mid = t.span.start + 2;
            out[i].kind = Tk::Int;
            out[i].span = Span::new(t.span.start, mid);
            out.insert(
                i + 1,
                Token {
                    kind: Tk::Text,
                    span: Span::new(mid, t.span.end),
                    ..t
                },
            );
            i += 1;
        }
        i += 1;
    }
}

fn classify(src: &str, span: Span, line: usize, field: Option<usize>, out: &mut Vec<Token>) {
    let w = &src[span.start..span.end];
    let tok = |kind, span| Token {
        kind,
        span,
        line,
        field,
    };
    if w == "※" {
        out.push(tok(Tk::Star, span));
        return;
    }
    let digits = w.bytes().take_while(u8::is_ascii_digit).count();
    if digits == w.len() {
        out.push(tok(Tk::Int, span));
        return;
    }
    if is_empty_mark(w) {
        out.push(tok(Tk::Empty, span));
        return;
    }
    if is_open_figure(w) {
        out.push(tok(Tk::OpenFigure, span));
        return;
    }
    let tail = w.strip_prefix(['.', ',']);
    if tail.is_some_and(|t| t.bytes().next().is_some_and(|b| b.is_ascii_digit()))
        && parse_figure(&format!("0{w}")).is_some()
        && w.bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b',' | b'.'))
    {
        out.push(tok(Tk::FigureTail, span));
        return;
    }
    if parse_figure(w).is_some()
        && w.chars().all(|c| {
            c.is_ascii_digit() || matches!(c, ',' | '.' | '-' | '－' | '(' | ')' | '（' | '）')
        })
    {
        out.push(tok(Tk::Figure, span));
        return;
    }
    // A code glued to its name: "2010506统计管理", or in brackets before it ("[30101]基本工资",
    // Guangdong's tables); the brackets belong to neither.
    let leading_digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
    let bracketed = w
        .strip_prefix('[')
        .map(leading_digits)
        .filter(|&n| w[1 + n..].starts_with(']'));
    // (bytes before the code, its digits, bytes between it and the name)
    let (lead, digits, gap) = bracketed.map_or((0, digits, 0), |n| (1, n, 1));
    if matches!(digits, 3 | 5 | 7) && w[lead + digits + gap..].starts_with(|c: char| !c.is_ascii())
    {
        let code_end = span.start + lead + digits;
        out.push(tok(Tk::Int, Span::new(span.start + lead, code_end)));
        out.push(tok(Tk::Text, Span::new(code_end + gap, span.end)));
        return;
    }
    out.push(tok(Tk::Text, span));
}

/// A dash printed for an empty cell: `-`, `--`, `—`, `——`, `－`.
fn is_empty_mark(w: &str) -> bool {
    matches!(w, "-" | "--" | "—" | "——" | "－" | "－－")
}

/// `131.` (cut at the decimal point) or `1,` / `14,` / `1,234,` (cut at a thousands separator).
fn is_open_figure(w: &str) -> bool {
    let Some(body) = w.strip_suffix(['.', ',']) else {
        return false;
    };
    let mut groups = body.split(',');
    let head = groups.next().unwrap_or("");
    let digits = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
    if w.ends_with('.') {
        // A cut before the decimals: the integer part, separators well placed.
        let mut rest = groups.peekable();
        let grouped = rest.peek().is_some();
        digits(head) && (!grouped || head.len() <= 3) && rest.all(|g| g.len() == 3 && digits(g))
    } else {
        digits(head) && head.len() <= 3 && groups.all(|g| g.len() == 3 && digits(g))
    }
}

/// Letter-spaced labels ("收 入 总 计", "合 计") become one text token.
fn merge_spaced_letters(src: &str, from: usize, out: &mut Vec<Token>) {
    let single = |t: &Token| t.kind == Tk::Text && t.text(src).chars().count() == 1;
    let mut i = from;
    while i < out.len() {
        if single(&out[i]) {
            let mut j = i + 1;
            while j < out.len() && single(&out[j]) {
                j += 1;
            }
            if j - i >= 2 {
                let span = out[i].span.cover(out[j - 1].span);
                out[i].span = span;
                out.drain(i + 1..j);
            }
        }
        i += 1;
    }
}

/// The text with half-width brackets made full-width, so that `财政拨款(补助)` and `财政拨款（补助）`
/// compare equal.
pub fn full_width_brackets(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            c => c,
        })
        .collect()
}

/// The text of a span with all whitespace removed.
pub fn squeeze(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    out.extend(s.chars().filter(|&c| !is_space(c)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(s: &str) -> Vec<(Tk, String)> {
        let ls = lines(s);
        let mut out = Vec::new();
        for (i, l) in ls.iter().enumerate() {
            tokenize(s, i, *l, &mut out);
        }
        out.iter()
            .map(|t| (t.kind, t.text(s).to_string()))
            .collect()
    }

    #[test]
    fn lines_strip_form_feeds_and_cr() {
        let s = "a\r\n\u{c}b\nc";
        let ls = lines(s);
        assert_eq!(ls.len(), 3);
        assert_eq!(ls[0].text(s), "a");
        assert_eq!(ls[1].text(s), "b");
        assert!(ls[1].page_break);
        assert_eq!(ls[2].text(s), "c");
    }

    #[test]
    fn tokens_of_a_row() {
        let k = kinds("201 03 01 行政运行 305.02 1,305.02 131.");
        assert_eq!(
            k.iter().map(|x| x.0).collect::<Vec<_>>(),
            vec![
                Tk::Int,
                Tk::Int,
                Tk::Int,
                Tk::Text,
                Tk::Figure,
                Tk::Figure,
                Tk::OpenFigure
            ]
        );
    }

    #[test]
    fn tab_fields_keep_empties() {
        let k = kinds("201\t03\t\t名称\t1.00\t");
        assert_eq!(k.len(), 6);
        assert_eq!(k[2].0, Tk::Empty);
        assert_eq!(k[5].0, Tk::Empty);
    }

    #[test]
    fn glued_codes_and_spaced_letters() {
        let k = kinds("2010506统计管理 1,200");
        assert_eq!(k[0], (Tk::Int, "2010506".to_string()));
        assert_eq!(k[1], (Tk::Text, "统计管理".to_string()));
        let k = kinds("301 01基本工资 2,724,912");
        assert_eq!(k[1], (Tk::Int, "01".to_string()));
        assert_eq!(k[2], (Tk::Text, "基本工资".to_string()));
        // Guangdong prints the code in brackets before the name; a unit's code, a document number and
        // a code with a space after it are not a classification code glued to a name.
        let k = kinds("[30101]基本工资 636.67");
        assert_eq!(k[0], (Tk::Int, "30101".to_string()));
        assert_eq!(k[1], (Tk::Text, "基本工资".to_string()));
        for not_code in ["[242001]西安市人力资源和社会保障局", "[2013]189号", "[292]"]
        {
            assert_eq!(kinds(not_code)[0].0, Tk::Text, "{not_code}");
        }
        let k = kinds("收 入 总 计 388.89");
        assert_eq!(k[0], (Tk::Text, "收 入 总 计".to_string()));
    }

    #[test]
    fn negative_figures() {
        // wide/105 line 3840 and wide/104 line 50438: negatives in a table column.
        assert_eq!(kinds("-3.50"), [(Tk::Figure, "-3.50".to_string())]);
        let s = "-1.20";
        let mut out = Vec::new();
        tokenize(s, 0, lines(s)[0], &mut out);
        assert_eq!(out[0].value(s).unwrap().to_string(), "-1.20");
        // Accounting negatives (none in the corpus): a bracketed figure with decimals; "（1）" stays
        // a list ordinal.
        let s = "（1.20） (1)";
        let mut out = Vec::new();
        tokenize(s, 0, lines(s)[0], &mut out);
        assert_eq!(out[0].kind, Tk::Figure);
        assert_eq!(out[0].value(s).unwrap().to_string(), "-1.20");
        assert_eq!(out[1].kind, Tk::Text);
    }

    #[test]
    fn six_decimals_and_yuan_separators() {
        // wide/100 line 217: 万元 to the yuan.
        let s = "32,365.090089 一、一般公共服务支出";
        let mut out = Vec::new();
        tokenize(s, 0, lines(s)[0], &mut out);
        assert_eq!(out[0].kind, Tk::Figure);
        let v = out[0].value(s).unwrap();
        assert_eq!((v.to_string(), v.scale()), ("32365.090089".to_string(), 6));
        // real/12 line 239: 元 with separators, glued code.
        let s = "\u{c}2101101行政单位医疗 1,025,800 1,025,800 ";
        let mut out = Vec::new();
        tokenize(s, 0, lines(s)[0], &mut out);
        let k: Vec<Tk> = out.iter().map(|t| t.kind).collect();
        assert_eq!(k, [Tk::Int, Tk::Text, Tk::Figure, Tk::Figure]);
        assert_eq!(out[2].value(s).unwrap().to_string(), "1025800");
    }

    #[test]
    fn dashes_are_empty_cells_and_footers_stay_page_numbers() {
        // wide/131 lines 1547–1553: "140.61" ⏎ "--" ⏎ "0.0%"; wide/101 line 39337: "-" for 中央财政资金.
        for dash in ["--", "-", "—", "－"] {
            let k = kinds(dash);
            assert_eq!(k, [(Tk::Empty, dash.to_string())], "{dash}");
        }
        // A dash is never a number.
        let s = "140.61\n\n--\n";
        let mut out = Vec::new();
        for (i, l) in lines(s).iter().enumerate() {
            tokenize(s, i, *l, &mut out);
        }
        assert_eq!(out.iter().filter(|t| t.is_number()).count(), 1);
        assert!(out[1].value(s).is_none());
        // Footers: 003 line 51 "- 5 -", wide/110 line 14 "— 1 —"; a lone page number, wide/116 line 106.
        assert_eq!(page_number("- 5 -"), Some(true));
        assert_eq!(page_number("— 1 —"), Some(true));
        assert_eq!(page_number("第 3 页"), Some(true));
        assert_eq!(page_number("4"), Some(false));
        assert_eq!(page_number("2026"), None);
        assert_eq!(page_number("-"), None);
    }

    #[test]
    fn cut_figures() {
        // 003 lines 249–251: "131." ⏎ "" ⏎ "99".
        assert_eq!(kinds("131.")[0].0, Tk::OpenFigure);
        // Cut at a separator or before the point (none in the corpus): pieces, not figures.
        assert_eq!(kinds("14,")[0].0, Tk::OpenFigure);
        assert_eq!(kinds(".62")[0].0, Tk::FigureTail);
        assert_eq!(kinds(",234.56")[0].0, Tk::FigureTail);
        // Table-of-contents leaders are text.
        assert_eq!(kinds("................40")[0].0, Tk::Text);
    }

    #[test]
    fn furniture_of_pages() {
        // wide/116 lines 105–108: a lone page number before a page break.
        let s =
            "2026年收入预算665964.37万元，比上年执行数增加\n4\n\n\u{c}107,573.11万元，增长19.3%，";
        let f = furniture(s, &lines(s));
        use Furniture::{LoneNumber, None as Text, PageNumber, RunningHeader};
        assert_eq!(f, [Text, LoneNumber, Text, Text]);
        // wide/113 lines 2270–2275: footer, then the running header at the top of the page (it tops
        // at least three pages).
        let header = "无锡市发展和改革委员会 2025 年度部门预算公开";
        let s = format!(
            "{header}\n正文\n- 27 -\n\u{c}{header}\n年收入预算合计 9,947.88 万\n\n- 28 -\n\n\u{c}{header}\n\n元，包括本年收入 9,947.88 万元\n\u{c}{header}\n"
        );
        let ls = lines(&s);
        let f = furniture(&s, &ls);
        let kept: Vec<&str> = ls
            .iter()
            .zip(&f)
            .filter(|(l, x)| !x.is_some() && !l.text(&s).is_empty())
            .map(|(l, _)| l.text(&s))
            .collect();
        assert_eq!(
            kept,
            [
                "正文",
                "年收入预算合计 9,947.88 万",
                "元，包括本年收入 9,947.88 万元"
            ]
        );
        assert_eq!(f[0], RunningHeader);
        assert_eq!(f[2], PageNumber);
        // Without page breaks a lone number is a page number (pasted text: 000 line 813 "20").
        let s = "（一）一般公共预算当年拨款规模变化情况\n\n20\n\n哈密市政务服务和公共资源交易中心";
        assert_eq!(
            furniture(s, &lines(s)),
            [Text, Text, LoneNumber, Text, Text]
        );
    }
}
