//! Assembling table rows from the tokens of a table's body.
//!
//! Three shapes arrive: tab-separated lines with their empty fields (positions are exact),
//! whitespace-separated text where empty cells were dropped and names wrap over lines, and two-sided
//! tables where one line holds an income item and an expenditure item. The result is a list of
//! [`RawRow`]s whose figures still wait for their columns (see `solve`).

use super::layouts::is_header_word;
use super::lex::{squeeze, Tk, Token};
use crate::classification::is_name_of;
use crate::model::{RowKind, Side};
use crate::source::Span;
use rust_decimal::Decimal;

/// One figure of a raw row, or an explicit empty cell (`value: None`): an empty field of a
/// tab-separated line or a dash printed for an empty cell.
#[derive(Clone, Copy, Debug)]
pub struct RawValue {
    pub value: Option<Decimal>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct RawRow {
    pub kind: RowKind,
    pub side: Option<Side>,
    pub code: Option<(String, Span)>,
    pub label: String,
    pub label_span: Span,
    pub item: Option<(String, Span)>,
    pub values: Vec<RawValue>,
    /// `values` hold every column's field, empty ones included.
    pub positioned: bool,
}

impl RawRow {
    pub(super) fn new(label: String, span: Span) -> Self {
        RawRow {
            kind: RowKind::Item,
            side: None,
            code: None,
            label,
            label_span: span,
            item: None,
            values: Vec::new(),
            positioned: false,
        }
    }

    pub fn figures(&self) -> impl Iterator<Item = (Decimal, Span)> + '_ {
        self.values
            .iter()
            .filter_map(|v| v.value.map(|d| (d, v.span)))
    }
}

/// A label without its list numbering: "一、", "1.", "1、", "（一）", "(1)".
pub fn strip_ordinal(label: &str) -> &str {
    let numerals = |c: char| "一二三四五六七八九十".contains(c) || c.is_ascii_digit();
    let inner = label
        .strip_prefix(['（', '('])
        .map(|r| r.trim_start_matches(numerals))
        .and_then(|r| r.strip_prefix(['）', ')']));
    if let Some(rest) = inner {
        return rest;
    }
    let rest = label.trim_start_matches(numerals);
    if rest.len() < label.len() {
        if let Some(r) = rest.strip_prefix(['、', '.', '．']) {
            return r.trim_start();
        }
    }
    label
}

/// Total rows: 总计, 合计, 收入总计, 本年支出合计 …
pub fn is_total_label(label: &str) -> bool {
    // `总计：` (wide/128's 支出总表) is the same label.
    let l = strip_ordinal(label).trim_end_matches(['：', ':']);
    matches!(l, "总计" | "合计" | "小计")
        || l.ends_with("总计")
        || (l.ends_with("合计") && l.chars().count() <= 8)
}

/// Labels that begin an item of their own: "一、…", "1.…", "其中：…".
pub fn starts_item(word: &str) -> bool {
    word.starts_with("其中")
        || word.starts_with(|c: char| c.is_ascii_digit())
        || (word.starts_with(|c: char| "一二三四五六七八九十".contains(c)) && word.contains('、'))
}

/// A label cut by a line break: it does not end the way item names end (费, ）, 计, 出 …).
fn looks_unfinished(label: &str) -> bool {
    !label.ends_with([
        '费', '）', ')', '计', '出', '金', '入', '款', '目', '余', '算',
    ])
}

/// Joins figures cut by a line break (see [`split_figure`]) and turns the rest of the integer
/// tokens into codes or amounts. `decimals` says the table prints its amounts with decimals, so a
/// lone integer cannot be an amount (it is a page number).
pub fn prepare(src: &str, toks: &[Token], decimals: bool) -> Vec<Item> {
    let usual = usual_decimals(src, toks);
    let mut out: Vec<Item> = Vec::with_capacity(toks.len());
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i];
        if let Some((joined, used)) = split_figure(src, toks, i, usual) {
            out.extend(joined.into_iter().map(|(v, span)| Item::Figure(v, span)));
            i += used;
            continue;
        }
        match t.kind {
            Tk::OpenFigure => {
                // "1. 一般公共预算拨款": an ordinal before a label on the same line.
                if let Some(n) = toks
                    .get(i + 1)
                    .filter(|n| n.kind == Tk::Text && n.line == t.line)
                {
                    let mut merged = *n;
                    merged.span = t.span.cover(n.span);
                    out.push(Item::Text(merged));
                    i += 2;
                    continue;
                }
                // "131." whose decimals were not found: the integer part as printed ("1," is nothing).
                let s = t.text(src).trim_end_matches('.');
                if let Some(v) = crate::amount::parse_figure(s) {
                    out.push(Item::Figure(v, t.span));
                }
            }
            // A piece whose figure is not where the layout puts it: never a figure of its own.
            Tk::FigureTail => {}
            Tk::Figure => {
                if let Some(v) = t.value(src) {
                    out.push(Item::Figure(v, t.span));
                } else {
                    out.push(Item::Text(t));
                }
            }
            Tk::Int => {
                let head = t.text(src);
                // Tab-separated: digits right after a label, in its field or the next, and not
                // before another amount, are its amount printed without decimals
                // (`其中：专项资金列入部门预算的项目 ⏎ 50830`, `(2)政府性基金收入 0`, wide/124) —
                // unless they may be a row number (行次 1–99, or one followed by its amount).
                let after_label = i > 0 && {
                    let p = toks[i - 1];
                    p.kind == Tk::Text && p.line == t.line && t.in_field_or_next(p)
                };
                let before_label = toks.get(i + 1).is_none_or(|n| {
                    n.line != t.line || !matches!(n.kind, Tk::Figure | Tk::Empty | Tk::Int)
                });
                if after_label && before_label && (head == "0" || head.len() >= 3) {
                    if let Some(v) = t.value(src) {
                        out.push(Item::Figure(v, t.span));
                        i += 1;
                        continue;
                    }
                }
                // A code group: a head of 3, 5 or 7 digits, then 2-digit parts.
                if is_code_head(head) {
                    let mut j = i + 1;
                    let mut code = head.to_string();
                    while j < toks.len()
                        && toks[j].kind == Tk::Int
                        && toks[j].text(src).len() == 2
                        && code.len() < 7
                        && toks[j].line.abs_diff(t.line) <= 6
                    {
                        code.push_str(toks[j].text(src));
                        j += 1;
                    }
                    let next_is_text = toks.get(j).is_some_and(|n| n.kind == Tk::Text);
                    let next_is_int = toks
                        .get(j)
                        .is_some_and(|n| n.kind == Tk::Int && is_code_head(n.text(src)));
                    if j > i + 1 || next_is_text || next_is_int || decimals || head.len() > 3 {
                        out.push(Item::Code(code, t.span.cover(toks[j - 1].span)));
                        i = j;
                        continue;
                    }
                }
                // "12345 政务服务便民热线项目": digits that begin a name on the same line (in the
                // same field, when the line has fields).
                if let Some(n) = toks.get(i + 1).filter(|n| {
                    n.kind == Tk::Text && n.line == t.line && n.field == t.field && decimals
                }) {
                    let mut merged = *n;
                    merged.span = t.span.cover(n.span);
                    out.push(Item::Text(merged));
                    i += 2;
                    continue;
                }
                if !decimals {
                    if let Some(v) = t.value(src) {
                        out.push(Item::Figure(v, t.span));
                    }
                }
            }
            Tk::Text => out.push(Item::Text(t)),
            Tk::Empty => out.push(Item::Empty(t.span)),
            Tk::Star => {}
        }
        i += 1;
    }
    out
}

/// The number of decimals most figures of the body print (2, or 6 for 万元 to the yuan), when more
/// than half of at least three figures agree.
fn usual_decimals(src: &str, toks: &[Token]) -> Option<usize> {
    let mut counts = [0usize; 8];
    let mut all = 0;
    for t in toks.iter().filter(|t| t.kind == Tk::Figure) {
        if let Some((_, d)) = t.text(src).split_once('.') {
            counts[d.len().min(7)] += 1;
            all += 1;
        }
    }
    let (scale, &n) = counts.iter().enumerate().max_by_key(|&(_, n)| n)?;
    (all >= 3 && n * 2 > all).then_some(scale)
}

/// Figures cut by a line break, joined: the figures whose pieces start at `toks[at]` and how many
/// tokens they take, or `None`. A cut figure's rest is on the next non-empty line, alone there:
///
/// - `131.` then `99` (cut at the decimal point),
/// - `1,` / `14,` then `234.56` / `770.62` (cut at a thousands separator),
/// - `14,770` then `.62` (cut before the decimal point),
/// - `143,999.0` then `0` (cut inside the decimals); a line ending in several such figures
///   (`143,999.0 32,640.0`) takes as many rests, one a line, when they are all alike (`0`, `0`), so the
///   pairing cannot matter.
///
/// The joined figure must be well formed and print the body's usual number of decimals; only a cut
/// at the decimal point with short decimals is taken when the body has no usual number (as the
/// extraction printed it before). Each joined figure's span covers its pieces; its value is read
/// from the pieces without the break.
fn split_figure(
    src: &str,
    toks: &[Token],
    at: usize,
    usual: Option<usize>,
) -> Option<(Vec<(Decimal, Span)>, usize)> {
    let short = |t: &Token| {
        t.kind == Tk::Figure
            && t.text(src)
                .split_once('.')
                .is_some_and(|(_, d)| usual.is_some_and(|u| d.len() < u))
    };
    let first = *toks.get(at)?;
    // The heads: one cut piece, or the whole run of figures with short decimals ending a line.
    let heads = if short(&first) {
        if at > 0 && toks[at - 1].line == first.line && short(&toks[at - 1]) {
            return None;
        }
        toks[at..]
            .iter()
            .take_while(|t| t.line == first.line && short(t))
            .count()
    } else {
        1
    };
    let rests = toks.get(at + heads..at + heads * 2)?;
    let one_a_line = rests.iter().enumerate().all(|(k, r)| {
        let prev = if k == 0 {
            toks[at + heads - 1]
        } else {
            rests[k - 1]
        };
        let gap = src.get(prev.span.end..r.span.start).unwrap_or("x");
        r.line > prev.line
            && gap.chars().all(char::is_whitespace)
            && toks.get(at + heads + k + 1).is_none_or(|n| n.line > r.line)
    });
    let alike = rests.iter().all(|r| r.text(src) == rests[0].text(src));
    if !one_a_line || !alike {
        return None;
    }
    let mut joined = Vec::with_capacity(heads);
    for (head, rest) in toks[at..at + heads].iter().zip(rests) {
        let (h, r) = (head.text(src), rest.text(src));
        let at_point = h.ends_with('.');
        let fits = match (head.kind, rest.kind) {
            (Tk::OpenFigure, Tk::Int) => true,
            (Tk::OpenFigure, Tk::Figure) => !at_point,
            (Tk::Figure | Tk::Int, Tk::FigureTail) => !h.contains('.'),
            (Tk::Figure, Tk::Int) => short(head),
            _ => false,
        };
        let text = format!("{h}{r}");
        let decimals = text.split_once('.').map_or(0, |(_, d)| d.len());
        let usual_fits = match usual {
            Some(u) => decimals == u,
            // Without a usual number, only the cut at the decimal point (its rest is short).
            None => head.kind == Tk::OpenFigure && at_point && r.len() <= 4,
        };
        if !fits || !usual_fits || !crate::amount::separators_well_placed(&text) {
            return None;
        }
        joined.push((
            crate::amount::parse_figure(&text)?,
            head.span.cover(rest.span),
        ));
    }
    Some((joined, heads * 2))
}

/// A classification code's shape: 3, 5 or 7 digits, starting like a function (2…) or economic
/// (3…, 5…) code.
pub(super) fn is_code_head(s: &str) -> bool {
    matches!(s.len(), 3 | 5 | 7) && s.starts_with(['2', '3', '5'])
}

/// A prepared token.
#[derive(Clone, Debug)]
pub enum Item {
    Code(String, Span),
    Text(Token),
    Figure(Decimal, Span),
    Empty(Span),
}

/// Rows of a one-sided table from whitespace-separated text, where empty cells were dropped.
/// `item_column`: the table prints a project name beside the classification name (table 7).
pub fn one_sided(
    src: &str,
    items: &[Item],
    item_column: bool,
) -> (Vec<RawRow>, Vec<(String, Span)>) {
    let mut rows: Vec<RawRow> = Vec::new();
    // Code groups seen since the last row started (PDF extraction sometimes prints two in a row).
    let mut pending: Vec<(String, Span)> = Vec::new();
    let mut leftover: Vec<(String, Span)> = Vec::new();
    let mut last_text_line: Option<usize> = None;
    for (k, it) in items.iter().enumerate() {
        match it {
            Item::Code(code, span) => {
                pending.push((code.clone(), *span));
            }
            Item::Text(t) => {
                let word = squeeze(t.text(src));
                let followed_by_figure = matches!(items.get(k + 1), Some(Item::Figure(..)));
                if is_header_word(&word) && !followed_by_figure {
                    continue;
                }
                let current = rows.last_mut().filter(|r| {
                    r.values.is_empty()
                        && pending.is_empty()
                        && (r.code.is_some()
                            || r.item.is_some()
                            || looks_unfinished(&r.label)
                            || word.starts_with(['（', '(']))
                });
                match current {
                    Some(row) if !is_total_label(&row.label) => {
                        let same_line = last_text_line == Some(t.line);
                        if item_column && (row.item.is_some() || same_line) && row.code.is_some() {
                            let it = row.item.get_or_insert((String::new(), t.span));
                            it.0.push_str(&word);
                            it.1 = it.1.cover(t.span);
                        } else {
                            row.label.push_str(&word);
                            row.label_span = row.label_span.cover(t.span);
                            // "事业单位" + "经营收入": a header cell in pieces took a row's code.
                            if is_header_word(&row.label) && !followed_by_figure {
                                if let Some(code) = row.code.take() {
                                    pending.push(code);
                                }
                                rows.pop();
                            }
                        }
                    }
                    _ => {
                        let mut row = RawRow::new(word, t.span);
                        row.code = take_code(&mut pending, &mut leftover, &row.label);
                        rows.push(row);
                    }
                }
                last_text_line = Some(t.line);
            }
            // A figure, or a dash printed for an empty cell: the row's next cell.
            Item::Figure(..) | Item::Empty(..) => {
                let (value, span) = match it {
                    Item::Figure(v, span) => (Some(*v), *span),
                    Item::Empty(span) => (None, *span),
                    _ => continue,
                };
                let needs_row = rows.last().is_none() || !pending.is_empty();
                if needs_row && value.is_none() && rows.is_empty() {
                    continue;
                }
                if needs_row {
                    let mut row = RawRow::new(String::new(), Span::new(span.start, span.start));
                    row.code = take_code(&mut pending, &mut leftover, "");
                    rows.push(row);
                }
                if let Some(row) = rows.last_mut() {
                    row.values.push(RawValue { value, span });
                }
            }
        }
    }
    leftover.append(&mut pending);
    finish_kinds(&mut rows);
    (rows, leftover)
}

/// The code for a row starting now: of the code groups waiting, the one the catalogue names like the
/// row, else the last one; the others are left over for rows that lost theirs.
fn take_code(
    pending: &mut Vec<(String, Span)>,
    leftover: &mut Vec<(String, Span)>,
    label: &str,
) -> Option<(String, Span)> {
    let named = pending.iter().position(|(code, _)| is_name_of(code, label));
    let chosen = match named {
        Some(k) => Some(pending.remove(k)),
        None => pending.pop(),
    };
    leftover.append(pending);
    chosen
}

/// A tab-separated line's fields: how many there are, and where its figures start — after `lead`
/// fields (a `※` row's count), or else after the line's last text field. Text after a figure in
/// the figure's own field is not a name: a description column (绩效目标) run into the last
/// figure's field (wide/107's 项目支出预算表: `0.00 机关及窗口辅助性…`).
fn field_split(line: &[Token], lead: Option<usize>) -> (usize, usize) {
    let fields = line
        .iter()
        .filter_map(|t| t.field)
        .max()
        .map_or(0, |m| m + 1);
    // Tokens come in field order: the field of the last figure seen says whether a text token
    // follows a figure in its own field.
    let mut figure_field = None;
    let mut last_text = None;
    for t in line {
        match t.kind {
            Tk::Figure => figure_field = t.field,
            Tk::Text if t.field != figure_field => last_text = last_text.max(t.field),
            _ => {}
        }
    }
    let split = lead
        .unwrap_or_else(|| last_text.map_or(0, |p| p + 1))
        .min(fields);
    (fields, split)
}

/// The number of figure fields of a tab-separated table: on the lines holding a figure, the fields
/// after the lead ([`field_split`]), most common count first (then the larger). Trailing empty
/// fields cut off a line make it shorter, never longer.
pub fn tabbed_width(src: &str, lines: &[Vec<Token>], lead: Option<usize>) -> usize {
    let widths = lines
        .iter()
        .filter(|line| {
            line.iter()
                .any(|t| t.kind == Tk::Figure && t.text(src).contains(['.', ',']))
        })
        .map(|line| {
            let (fields, split) = field_split(line, lead);
            fields - split
        });
    most_common(widths).unwrap_or(0)
}

/// The most common of `values`, the larger one on a tie.
fn most_common(values: impl Iterator<Item = usize>) -> Option<usize> {
    // How many times each value (index) occurs.
    let mut counts: Vec<usize> = Vec::new();
    for v in values {
        if counts.len() <= v {
            counts.resize(v + 1, 0);
        }
        counts[v] += 1;
    }
    // `max_by_key` keeps the last maximum.
    counts
        .iter()
        .enumerate()
        .max_by_key(|&(_, n)| *n)
        .filter(|&(_, n)| *n > 0)
        .map(|(v, _)| v)
}

/// A tab-separated table's lines, and per field whether its header heads a part of a code (`类`,
/// `款`, `项`; empty when the header says nothing of it).
pub struct Fielded {
    pub lines: Vec<Vec<Token>>,
    pub code_parts: Vec<bool>,
}

impl Fielded {
    /// The lines without the fields marked `aside`, the fields after them moved up.
    pub fn without(mut lines: Vec<Vec<Token>>, code_parts: &[bool], aside: &[bool]) -> Fielded {
        if !aside.contains(&true) {
            return Fielded {
                lines,
                code_parts: code_parts.to_vec(),
            };
        }
        // A field's place once the fields aside before it are gone.
        let mut shift = vec![0usize; aside.len() + 1];
        for f in 0..aside.len() {
            shift[f + 1] = shift[f] + usize::from(aside[f]);
        }
        for line in &mut lines {
            line.retain(|t| t.field.is_none_or(|f| aside.get(f) != Some(&true)));
            for t in line.iter_mut() {
                if let Some(f) = t.field.as_mut() {
                    *f -= shift[(*f).min(aside.len())];
                }
            }
        }
        let code_parts = code_parts
            .iter()
            .zip(aside)
            .filter(|(_, &a)| !a)
            .map(|(&p, _)| p)
            .collect();
        Fielded { lines, code_parts }
    }
}

/// Rows of a one-sided tab-separated table: one line, one row. `lead` fields (code parts, name,
/// project name) come before the figures; without a `※` row, they end at the line's last text field.
pub fn tabbed(src: &str, fielded: &Fielded, lead: Option<usize>, columns: usize) -> Vec<RawRow> {
    let lines = &fielded.lines;
    // With fields headed 类/款/项, a code's further parts come from those fields only (the unit's
    // number `201` beside `201 33 02` is no part: wide/125).
    let part_field =
        |f: usize| !fielded.code_parts.contains(&true) || fielded.code_parts.get(f) == Some(&true);
    let mut rows = Vec::new();
    // Per row kept: the lead fields its code pieces stood in, with each piece.
    let mut pieces: Vec<Vec<(usize, String)>> = Vec::new();
    let text_lead = lead.or_else(|| common_lead(lines));
    for line in lines {
        let mut own: Vec<(usize, String)> = Vec::new();
        if text_lead.is_some_and(|l| is_description(line, l)) {
            continue;
        }
        // A line of figures alone whose lead fields are printed empty (the name wrapped above
        // and below it) starts its figures where the table's rows do.
        let blank_lead = text_lead.filter(|&l| {
            line.iter().all(|t| {
                t.kind == Tk::Empty || (t.kind == Tk::Figure && t.field.is_some_and(|f| f >= l))
            })
        });
        // A line of a code alone in the lead fields (its row's figures on the line above: wide/125).
        let code_alone = text_lead.filter(|&l| {
            let mut printed = line.iter().filter(|t| t.kind != Tk::Empty).peekable();
            printed.peek().is_some()
                && printed.all(|t| {
                    t.kind == Tk::Int && t.field.is_some_and(|f| f < l) && is_code_head(t.text(src))
                })
        });
        let (fields, split) = field_split(line, lead.or(blank_lead).or(code_alone));
        let mut by_field: Vec<Vec<Token>> = vec![Vec::new(); fields];
        for t in line {
            if let Some(f) = t.field {
                by_field[f].push(*t);
            }
        }
        // More fields after the label than columns, the extra ones first and empty: the label spans
        // several fields (wide/111's 政府采购支出表: category, 专项, 经济科目, 品目, 组织形式), the
        // figures stand in the last ones.
        let split = match fields.checked_sub(columns) {
            Some(first)
                if first > split
                    && by_field[split..first]
                        .iter()
                        .flatten()
                        .all(|t| !t.is_number()) =>
            {
                first
            }
            _ => split,
        };
        let mut row = RawRow::new(String::new(), Span::default());
        for (f, field) in by_field[..split].iter().enumerate() {
            let mut text: Vec<&Token> = field.iter().filter(|t| t.kind != Tk::Empty).collect();
            // A code before the name in the same field ("[30101]基本工资", "2010506统计管理").
            let glued = text.len() > 1
                && text[0].kind == Tk::Int
                && is_code_head(text[0].text(src))
                && text[1].kind == Tk::Text;
            if glued && row.code.is_none() {
                let code = text.remove(0);
                row.code = Some((code.text(src).to_string(), code.span));
            }
            let Some(first) = text.first() else { continue };
            let span = first.span.cover(text[text.len() - 1].span);
            let all_digits = text.iter().all(|t| t.kind == Tk::Int);
            if all_digits {
                let mut piece = String::new();
                for t in &text {
                    piece.push_str(t.text(src));
                }
                // Digits no code part is made of beside a code (a unit's number `119001` or a
                // row count `1` after `201 05 07`, wide/123), or standing in a field no `类`,
                // `款`, `项` heads, are not part of it.
                if row.code.is_some() && (!matches!(piece.len(), 2 | 3 | 5 | 7) || !part_field(f)) {
                    continue;
                }
                let code = row.code.get_or_insert((String::new(), span));
                code.0.push_str(&piece);
                code.1 = code.1.cover(span);
                own.push((f, piece));
                continue;
            }
            let word = squeeze(src.get(span.start..span.end).unwrap_or(""));
            if row.label.is_empty() {
                row.label = word;
                row.label_span = span;
            } else if row.item.is_none() {
                row.item = Some((word, span));
            }
        }
        for field in &by_field[split..] {
            let value = field
                .iter()
                .find(|t| t.is_number())
                .and_then(|t| t.value(src).map(|v| (v, t.span)));
            match value {
                Some((v, span)) => row.values.push(RawValue {
                    value: Some(v),
                    span,
                }),
                None => {
                    let span = field.first().map(|t| t.span).unwrap_or_default();
                    row.values.push(RawValue { value: None, span });
                }
            }
        }
        if row.label.is_empty() && row.code.is_none() && row.figures().next().is_none() {
            continue;
        }
        if row.label.is_empty() {
            let s = row.code.as_ref().map(|c| c.1).unwrap_or_default();
            row.label_span = Span::new(s.end, s.end);
        }
        // Trailing empty fields are sometimes cut off the line.
        while row.values.len() < columns {
            let end = row.values.last().map_or(row.label_span.end, |v| v.span.end);
            row.values.push(RawValue {
                value: None,
                span: Span::new(end, end),
            });
        }
        row.positioned = row.values.len() == columns;
        if !row.positioned {
            row.values.retain(|v| v.value.is_some());
        }
        rows.push(row);
        pieces.push(own);
    }
    join_codes_below(&mut rows, &mut pieces);
    join_wrapped_names(&mut rows, &mut pieces);
    join_name_heads(&mut rows, &mut pieces);
    complete_split_codes(&mut rows, &pieces);
    finish_kinds(&mut rows);
    rows
}

/// A line holding only text (and numbers within it) in one field right of the table's `lead`
/// fields: a description column (绩效目标, 项目简介) running on beside a row's figures, not a row.
fn is_description(line: &[Token], lead: usize) -> bool {
    let mut fields = line.iter().filter(|t| t.kind != Tk::Empty).map(|t| t.field);
    let Some(Some(first)) = fields.next() else {
        return false;
    };
    first >= lead
        && fields.all(|f| f == Some(first))
        && line.iter().any(|t| t.kind == Tk::Text)
        && line.iter().all(|t| t.kind != Tk::Figure)
}

/// A coded row's name whose beginning stands on the line above, alone (`其他社会保障和就业支` ⏎
/// `20899 出 3,023.00 …`, wide/104): joined when the catalogue names the code so.
fn join_name_heads(rows: &mut Vec<RawRow>, pieces: &mut Vec<Vec<(usize, String)>>) {
    let mut joined_away = vec![false; rows.len()];
    for i in 1..rows.len() {
        let head = &rows[i - 1];
        let alone = !head.label.is_empty()
            && head.code.is_none()
            && head.item.is_none()
            && head.figures().next().is_none();
        let Some((code, _)) = rows[i].code.as_ref().filter(|_| alone) else {
            continue;
        };
        let joined = format!("{}{}", head.label, rows[i].label);
        if is_name_of(code, &joined) {
            let span = head.label_span.cover(rows[i].label_span);
            rows[i].label = joined;
            rows[i].label_span = span;
            joined_away[i - 1] = true;
        }
    }
    drop_marked(rows, pieces, &joined_away);
}

/// A row's code printed on the line below its figures, with the end of its name when the name
/// wraps (`一般行政管理` + figures ⏎ `2013302 事务`, wide/125 表5: the code cell's text stands
/// at the cell's foot), and the name's beginning perhaps on a line of its own above the figures
/// (`机关事业单位` ⏎ figures ⏎ `2080505 基本养老保险缴费支出`): one row, when the catalogue names
/// the code with the pieces joined.
fn join_codes_below(rows: &mut Vec<RawRow>, pieces: &mut Vec<Vec<(usize, String)>>) {
    let figureless = |r: &RawRow| r.figures().next().is_none() && r.item.is_none();
    let mut joined_away = vec![false; rows.len()];
    for i in 1..rows.len() {
        let (row, below) = (&rows[i - 1], &rows[i]);
        let Some((code, code_span)) = below.code.clone().filter(|_| figureless(below)) else {
            continue;
        };
        if row.code.is_some() || row.figures().next().is_none() || joined_away[i - 1] {
            continue;
        }
        // The name's beginning alone on the line above the figures, when they print none.
        let head = (i >= 2 && row.label.is_empty())
            .then(|| i - 2)
            .filter(|&h| {
                let h = &rows[h];
                !joined_away[i - 2] && h.code.is_none() && figureless(h) && !h.label.is_empty()
            });
        let head_label = head.map_or("", |h| rows[h].label.as_str());
        let joined = format!("{head_label}{}{}", row.label, below.label);
        if !is_name_of(&code, &joined) {
            continue;
        }
        let start = head.map_or(row.label_span, |h| rows[h].label_span);
        let span = start.cover(below.label_span).cover(code_span);
        if let Some(h) = head {
            joined_away[h] = true;
        }
        let row = &mut rows[i - 1];
        row.label = joined;
        row.label_span = span;
        row.code = Some((code, code_span));
        joined_away[i] = true;
        pieces[i - 1] = std::mem::take(&mut pieces[i]);
    }
    drop_marked(rows, pieces, &joined_away);
}

/// Removes the rows (and their code pieces) marked, in one pass.
fn drop_marked(rows: &mut Vec<RawRow>, pieces: &mut Vec<Vec<(usize, String)>>, marked: &[bool]) {
    let mut k = 0;
    rows.retain(|_| {
        k += 1;
        !marked[k - 1]
    });
    let mut k = 0;
    pieces.retain(|_| {
        k += 1;
        !marked[k - 1]
    });
}

/// The lead fields most lines holding a figure have (the larger on a tie).
fn common_lead(lines: &[Vec<Token>]) -> Option<usize> {
    most_common(
        lines
            .iter()
            .filter(|l| l.iter().any(|t| t.kind == Tk::Figure))
            .map(|line| field_split(line, None).1),
    )
}

/// A name wrapped in a tall cell whose figures stand vertically centred, on a line of their own
/// amid the name's lines (`港珠澳大桥珠海公路口` ⏎ figures ⏎ `岸安检服务经费`, wide/108): the
/// name's pieces and the figures are one row. A line of figures with neither name nor code takes
/// as many lines of a name alone from above as from below it, the most both sides have (the
/// figures stand at the cell's middle; more pieces on one side belong to a neighbour's name).
fn join_wrapped_names(rows: &mut Vec<RawRow>, pieces: &mut Vec<Vec<(usize, String)>>) {
    let name_only =
        |r: &RawRow| !r.label.is_empty() && r.code.is_none() && r.figures().next().is_none();
    let mut joined_away = vec![false; rows.len()];
    // Name lines alone right above the row at hand (none of them joined to a row before).
    let mut above = 0;
    for i in 0..rows.len() {
        if joined_away[i] {
            continue;
        }
        if name_only(&rows[i]) {
            above += 1;
            continue;
        }
        let bare = rows[i].label.is_empty() && rows[i].code.is_none();
        let below = if bare {
            rows[i + 1..].iter().take_while(|r| name_only(r)).count()
        } else {
            0
        };
        let k = above.min(below);
        above = 0;
        if k == 0 {
            continue;
        }
        let lines = (i - k..i).chain(i + 1..=i + k);
        let label: String = lines.clone().map(|j| rows[j].label.as_str()).collect();
        rows[i].label = label;
        rows[i].label_span = rows[i - k].label_span.cover(rows[i + k].label_span);
        for j in lines {
            joined_away[j] = true;
        }
    }
    drop_marked(rows, pieces, &joined_away);
}

/// Codes printed in 类 / 款 / 项 columns, each row showing only its own part (`205`, then `08` in
/// the 款 column, then `03` in the 项 column — wide/126 and /127, Yantai): a row whose code
/// starts right of the table's first code column takes the parts of the rows above it in the
/// columns to its left (`2050803`). A part is two digits on a 类 of three or a 款 of five; a row
/// whose parts to the left are unknown keeps what it printed.
fn complete_split_codes(rows: &mut [RawRow], pieces: &[Vec<(usize, String)>]) {
    let Some(first) = pieces.iter().filter_map(|p| p.first().map(|x| x.0)).min() else {
        return;
    };
    // The part last printed in each code column.
    let mut above: Vec<Option<String>> = Vec::new();
    for (row, own) in rows.iter_mut().zip(pieces) {
        let Some(&(start, _)) = own.first() else {
            continue;
        };
        let contiguous = own.windows(2).all(|w| w[1].0 == w[0].0 + 1);
        if start > first && contiguous {
            let prefix: Option<String> = (first..start)
                .map(|f| above.get(f).cloned().flatten())
                .collect();
            let parts_ok = own.iter().all(|(_, p)| p.len() == 2);
            if let (Some(prefix), Some(code)) = (prefix, row.code.as_mut()) {
                if parts_ok && matches!(prefix.len(), 3 | 5) && prefix.len() + code.0.len() <= 7 {
                    code.0.insert_str(0, &prefix);
                }
            }
        }
        let last = own.last().map_or(start, |x| x.0);
        if above.len() <= last {
            above.resize(last + 1, None);
        }
        for (f, p) in own {
            above[*f] = Some(p.clone());
        }
        above.truncate(last + 1);
    }
}

/// Rows of a two-sided table: each label starts an item; the figures after it are its values.
/// Labels naming an expenditure class (by code or name) go to the expenditure side.
pub fn two_sided(
    src: &str,
    items: &[Item],
    is_expenditure: &dyn Fn(&str) -> bool,
    tabbed: bool,
) -> Vec<RawRow> {
    let mut rows: Vec<RawRow> = Vec::new();
    let mut pending: Option<(String, Span)> = None;
    let mut open = false;
    let mut last_line = None;
    let expenditure_from = if tabbed {
        expenditure_field(items)
    } else {
        None
    };
    for (k, it) in items.iter().enumerate() {
        match it {
            Item::Code(c, s) => pending = Some((c.clone(), *s)),
            Item::Text(t) => {
                let word = squeeze(t.text(src));
                let followed_by_figure = matches!(items.get(k + 1), Some(Item::Figure(..)));
                if is_header_word(&word) && !followed_by_figure && pending.is_none() {
                    open = false;
                    continue;
                }
                // A wrapped label: text right after a label on the next line, no figures between.
                // A numbered label cut mid-word ("十九、粮油物资储" ⏎ "备支出", wide/129; also
                // "十八、住房保障支" ⏎ "1,512.23" ⏎ "出") continues when the two read as one
                // expenditure item.
                if let Some(row) = rows.last_mut() {
                    let coded = row.side == Some(Side::Expenditure)
                        && row.code.is_some()
                        && !is_expenditure(&word)
                        && last_line.is_some_and(|l: usize| t.line == l + 1);
                    let numbered = starts_item(&row.label)
                        && !is_expenditure(&row.label)
                        && is_expenditure(&format!("{}{word}", row.label))
                        && last_line.is_some_and(|l: usize| t.line <= l + 2);
                    // (A figure printed between the halves of a numbered label is still its own.)
                    let continues = open
                        && (row.values.is_empty() || numbered)
                        && pending.is_none()
                        && !tabbed
                        && (coded || numbered)
                        && !is_total_label(&word)
                        && !starts_item(&word);
                    if continues {
                        if numbered {
                            row.side = Some(Side::Expenditure);
                        }
                        row.label.push_str(&word);
                        row.label_span = row.label_span.cover(t.span);
                        last_line = Some(t.line);
                        continue;
                    }
                }
                let mut row = RawRow::new(word.clone(), t.span);
                row.code = pending.take();
                // Tab-separated: a label's column says its side (an expenditure item need not
                // name a class: "公安", "行政运行" under their class, wide/115 read from its PDF).
                let by_field = expenditure_from.zip(t.field).map(|(from, f)| f >= from);
                // On a line without fields, a totals label after an income row of the same line is
                // the expenditure side's (`总计 31 22,066.59 总计 62 22,066.59`, wide/131's last
                // line, untabbed: the income side is left).
                let second_total = by_field.is_none()
                    && is_total_label(&word)
                    && last_line == Some(t.line)
                    && rows.last().is_some_and(|r| r.side == Some(Side::Income));
                let side = if row.code.is_some()
                    || second_total
                    || by_field.unwrap_or_else(|| is_expenditure(&word))
                {
                    Side::Expenditure
                } else {
                    Side::Income
                };
                row.side = Some(side);
                rows.push(row);
                open = true;
                last_line = Some(t.line);
            }
            Item::Figure(v, s) => {
                if let Some(row) = rows.last_mut().filter(|_| open) {
                    row.values.push(RawValue {
                        value: Some(*v),
                        span: *s,
                    });
                }
            }
            // An empty field, or a dash printed for an empty cell (its span is not empty).
            Item::Empty(s) => {
                if tabbed || s.start < s.end {
                    if let Some(row) = rows.last_mut().filter(|_| open) {
                        row.values.push(RawValue {
                            value: None,
                            span: *s,
                        });
                    }
                }
            }
        }
    }
    finish_kinds(&mut rows);
    rows
}

/// In tab-separated two-sided text: the first field of the expenditure side, the field most
/// lines print their second label in (a line with labels on both sides). `None` when no line has
/// two labels.
fn expenditure_field(items: &[Item]) -> Option<usize> {
    let mut firsts: Vec<(usize, usize)> = Vec::new();
    let mut seconds: Vec<usize> = Vec::new();
    for it in items {
        let Item::Text(t) = it else { continue };
        let Some(f) = t.field else { continue };
        match firsts.last() {
            Some(&(line, first)) if line == t.line => {
                if f > first && seconds.len() < firsts.len() {
                    seconds.push(f);
                }
            }
            _ => firsts.push((t.line, f)),
        }
    }
    let mut counts: Vec<(usize, usize)> = Vec::new();
    for f in seconds {
        match counts.iter_mut().find(|(v, _)| *v == f) {
            Some(c) => c.1 += 1,
            None => counts.push((f, 1)),
        }
    }
    counts
        .into_iter()
        .max_by_key(|&(f, n)| (n, std::cmp::Reverse(f)))
        .map(|(f, _)| f)
}

pub(super) fn finish_kinds(rows: &mut [RawRow]) {
    for r in rows {
        // A row of figures with neither name nor code: the totals row whose label was printed away.
        // `一、本年支出` heading a summary's expenditure classes (Changchun) is their total.
        let year_spending =
            r.side == Some(Side::Expenditure) && strip_ordinal(&r.label) == "本年支出";
        r.kind = if is_total_label(&r.label)
            || year_spending
            || (r.label.is_empty() && r.code.is_none())
        {
            RowKind::Total
        } else if r.code.is_some() {
            RowKind::Coded
        } else {
            RowKind::Item
        };
    }
}

/// Splits a project name off a classification name printed in the same cell run (table 7 in PDF
/// text: "其他政府办公厅（室）及相关机构事务支出" + "克州…项目"), using the catalogue's names for the
/// row's code. A name cut short by a page break still splits where it stops matching.
pub fn split_items_by_catalogue(rows: &mut [RawRow]) {
    use crate::classification::{names_any_year, normalize_name, Scheme};
    for r in rows
        .iter_mut()
        .filter(|r| r.item.is_none() && r.kind == RowKind::Coded)
    {
        let Some((code, _)) = &r.code else { continue };
        if code.len() != 7 {
            continue;
        }
        let label: Vec<char> = r.label.chars().collect();
        let folded: Vec<char> = normalize_name(&r.label).chars().collect();
        if folded.len() != label.len() {
            continue;
        }
        let best = names_any_year(Scheme::Function, code)
            .map(|e| {
                let name: Vec<char> = normalize_name(e.name).chars().collect();
                folded.iter().zip(&name).take_while(|(a, b)| a == b).count()
            })
            .max()
            .unwrap_or(0);
        if best >= 4 && best < label.len() {
            let name: String = label[..best].iter().collect();
            let item: String = label[best..].iter().collect();
            let cut = r.label_span.start + r.label.char_indices().nth(best).map_or(0, |(b, _)| b);
            r.item = Some((item, Span::new(cut.min(r.label_span.end), r.label_span.end)));
            r.label = name;
        }
    }
}

/// Gives code groups that were printed away from their names (some PDF extractions move them) to
/// the rows left without a code: first to the row whose name the catalogue gives the code, then the
/// rest in order, when the counts agree.
pub fn attach_leftover_codes(rows: &mut [RawRow], mut leftover: Vec<(String, Span)>) {
    let codeless = |rows: &[RawRow]| -> Vec<usize> {
        rows.iter()
            .enumerate()
            .filter(|(_, r)| r.code.is_none() && r.kind != RowKind::Total && !r.label.is_empty())
            .map(|(i, _)| i)
            .collect()
    };
    if leftover.is_empty() || codeless(rows).len() != leftover.len() {
        return;
    }
    for i in codeless(rows) {
        let by_name = leftover
            .iter()
            .position(|(code, _)| is_name_of(code, &rows[i].label));
        if let Some(k) = by_name {
            rows[i].code = Some(leftover.remove(k));
            rows[i].kind = RowKind::Coded;
        }
    }
    for (i, code) in codeless(rows).into_iter().zip(leftover) {
        rows[i].code = Some(code);
        rows[i].kind = RowKind::Coded;
    }
}

/// A code printed just before a totals label ("301" ⏎ "本年一般公共预算基本支出合计" ⏎ "工资福利支出",
/// wide/113) belongs to the next row, which lacks one: a total is never a classification.
pub fn pass_codes_of_totals(rows: &mut [RawRow]) {
    for i in 1..rows.len() {
        let (before, after) = rows.split_at_mut(i);
        let (prev, next) = (&mut before[i - 1], &mut after[0]);
        let label = strip_ordinal(&prev.label);
        let totals = label.ends_with("合计") || label.ends_with("总计");
        if totals && prev.code.is_some() && next.code.is_none() && !next.label.is_empty() {
            next.code = prev.code.take();
            next.kind = RowKind::Coded;
            prev.kind = RowKind::Total;
        }
    }
}

/// A row printing the code, name and figures of the row directly above it (wide/113 公开03表:
/// "21999 其他支出 502.00" twice, the 款 repeated at the 项 level as it has no 项) is not a second
/// child of their parent — a code is unique in a table — but the same row again: it is dropped,
/// so the sums by code count the amount once. (Without its code it would be taken by its name:
/// "其他支出" is also a class.)
pub fn drop_repeated_rows(rows: &mut Vec<RawRow>) {
    let values = |r: &RawRow| r.figures().map(|f| f.0).collect::<Vec<_>>();
    let mut i = 1;
    while i < rows.len() {
        let (prev, row) = (&rows[i - 1], &rows[i]);
        let same_code = matches!((&prev.code, &row.code), (Some(a), Some(b)) if a.0 == b.0);
        if same_code
            && prev.label == row.label
            && row.figures().next().is_some()
            && values(prev) == values(row)
        {
            rows.remove(i);
        } else {
            i += 1;
        }
    }
}

/// An unlabelled row whose code another, named row also carries took a code printed in the header
/// (wide/114 公开10表 prints "212 21208 2120803" above the columns): the code is the named row's,
/// and the unlabelled row of figures is the totals row.
pub fn release_duplicate_codes(rows: &mut [RawRow]) {
    let named: std::collections::HashSet<String> = rows
        .iter()
        .filter(|r| !r.label.is_empty())
        .filter_map(|r| r.code.as_ref().map(|c| c.0.clone()))
        .collect();
    for r in rows.iter_mut().filter(|r| r.label.is_empty()) {
        if r.code.as_ref().is_some_and(|c| named.contains(&c.0)) {
            r.code = None;
            r.kind = RowKind::Total;
        }
    }
}

/// Codes lost from rows of a coded table, from their names under the rows before them
/// ([`super::name_codes`]); a row so coded becomes a coded row.
pub fn infer_missing_codes(rows: &mut [RawRow]) {
    let named: Vec<super::name_codes::Named> = rows
        .iter()
        .map(|r| {
            (
                r.kind,
                r.code.as_ref().map(|c| c.0.as_str()),
                r.label.as_str(),
            )
        })
        .collect();
    let codes = super::name_codes::infer(&named);
    for (r, code) in rows.iter_mut().zip(codes) {
        if let Some(code) = code {
            r.code = Some((code.to_string(), r.label_span));
            r.kind = RowKind::Coded;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals() {
        assert_eq!(strip_ordinal("一、一般公共预算"), "一般公共预算");
        assert_eq!(strip_ordinal("一般公共预算"), "一般公共预算");
        assert_eq!(strip_ordinal("1. 一般公共预算拨款"), "一般公共预算拨款");
        assert_eq!(strip_ordinal("（三）公务接待费"), "公务接待费");
        assert_eq!(strip_ordinal("2024年"), "2024年");
    }

    #[test]
    fn a_code_before_a_totals_label_goes_to_the_next_row() {
        // wide/113 公开08表: "301" printed before the totals label, then 工资福利支出.
        let mut rows = vec![
            RawRow::new("本年一般公共预算基本支出合计".into(), Span::new(0, 0)),
            RawRow::new("工资福利支出".into(), Span::new(0, 0)),
        ];
        rows[0].code = Some(("301".into(), Span::new(0, 3)));
        rows[0].kind = RowKind::Coded;
        pass_codes_of_totals(&mut rows);
        assert_eq!(rows[0].kind, RowKind::Total);
        assert!(rows[0].code.is_none());
        assert_eq!(rows[1].code.as_ref().map(|c| c.0.as_str()), Some("301"));
    }

    #[test]
    fn a_header_code_on_the_totals_row_is_released() {
        let mut rows = vec![
            RawRow::new(String::new(), Span::new(0, 0)),
            RawRow::new("城市建设支出".into(), Span::new(0, 0)),
        ];
        rows[0].code = Some(("2120803".into(), Span::new(0, 7)));
        rows[1].code = Some(("2120803".into(), Span::new(9, 16)));
        release_duplicate_codes(&mut rows);
        assert_eq!(rows[0].kind, RowKind::Total);
        assert!(rows[0].code.is_none() && rows[1].code.is_some());
    }

    #[test]
    fn codes_split_over_class_section_item_columns_are_completed() {
        // wide/126 公开表3 as the PDF reader lays it out: 类 | 款 | 项 | 科目名称 | figures.
        let s = "205\t\t\t教育支出\t16.00\t1.50\t14.50\t\n\
                 \t08\t\t进修及培训\t16.00\t1.50\t14.50\t\n\
                 \t\t03\t培训支出\t16.00\t1.50\t14.50\t\n\
                 208\t\t\t社会保障和就业支出\t3,667.59\t2,806.09\t861.50\t\n\
                 \t02\t\t民政管理事务\t1,218.39\t846.89\t371.50\t\n\
                 \t\t02\t一般行政管理事务\t217.50\t\t217.50\t\n\
                 \t05\t\t行政事业单位养老支出\t599.16\t599.16\t\t\n\
                 \t\t01\t行政单位离退休\t141.89\t141.89\t\t\n";
        use crate::syntax::lex::{lines, tokenize};
        let mut by_line: Vec<Vec<Token>> = Vec::new();
        for (i, l) in lines(s).iter().enumerate() {
            let mut toks = Vec::new();
            tokenize(s, i, *l, &mut toks);
            by_line.push(toks);
        }
        let fielded = Fielded {
            lines: by_line,
            code_parts: Vec::new(),
        };
        let rows = tabbed(s, &fielded, None, 4);
        let codes: Vec<&str> = rows
            .iter()
            .map(|r| r.code.as_ref().map_or("", |c| c.0.as_str()))
            .collect();
        assert_eq!(
            codes,
            ["205", "20508", "2050803", "208", "20802", "2080202", "20805", "2080501"]
        );
        // The empty 基本支出 field keeps its place.
        assert!(rows[5].positioned && rows[5].values[1].value.is_none());
    }

    #[test]
    fn a_row_repeating_the_row_above_is_dropped() {
        // wide/113 公开03表 (PDF): "219 援助其他地区支出", then "21999 其他支出 502.00" twice.
        let s = "219\t援助其他地区支出\t502.00\t\t502.00\t\t\t\n\
                 21999\t其他支出\t502.00\t\t502.00\t\t\t\n\
                 21999\t其他支出\t502.00\t\t502.00\t\t\t\n\
                 221\t住房保障支出\t1,348.62\t1,348.62\t\t\t\t\n";
        use crate::syntax::lex::{lines, tokenize};
        let by_line: Vec<Vec<Token>> = lines(s)
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let mut toks = Vec::new();
                tokenize(s, i, *l, &mut toks);
                toks
            })
            .collect();
        let fielded = Fielded {
            lines: by_line,
            code_parts: Vec::new(),
        };
        let mut rows = tabbed(s, &fielded, None, 3);
        let mut other = rows.clone();
        drop_repeated_rows(&mut rows);
        let codes: Vec<Option<&str>> = rows
            .iter()
            .map(|r| r.code.as_ref().map(|c| c.0.as_str()))
            .collect();
        assert_eq!(codes, [Some("219"), Some("21999"), Some("221")]);
        // Different figures: not a repetition, the row stays (the arithmetic will judge it).
        other[2].values.truncate(1);
        drop_repeated_rows(&mut other);
        assert_eq!(other.len(), 4);
    }

    #[test]
    fn total_labels() {
        assert!(is_total_label("总计"));
        assert!(is_total_label("收入总计"));
        assert!(is_total_label("合计"));
        // wide/128's 支出总表 prints its total as `总计：`.
        assert!(is_total_label("总计："));
        assert!(!is_total_label("一般公共服务支出"));
        assert!(!is_total_label("一般公共服务支出："));
    }

    fn prepared(s: &str) -> Vec<Item> {
        use crate::syntax::lex::{lines, tokenize};
        let mut toks = Vec::new();
        for (i, l) in lines(s).iter().enumerate() {
            tokenize(s, i, *l, &mut toks);
        }
        prepare(s, &toks, true)
    }

    /// The figures of prepared items as printed (pieces with their break) and their values.
    fn figures(s: &str) -> Vec<(String, String)> {
        prepared(s)
            .iter()
            .filter_map(|it| match it {
                Item::Figure(v, sp) => Some((s[sp.start..sp.end].to_string(), v.to_string())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn figures_cut_inside_their_decimals() {
        // wide/114 lines 411–452 (公开02表 收入总表): "143,999.0 32,640.0" ⏎ "0" ⏎ "0": both cut after
        // one decimal (the table prints two), their rests alike on the next lines. The second
        // "143,999.0 32,640.0" is followed by "196,278.67": its rests are not where the layout puts
        // them, so it stays as printed (same value, one decimal).
        let s = "合计\n\n小计\n\n984,760.87\n\n984,760.87\n\n984,760.87\n\n984,760.87\n\n国有资\n一般公共预 政府性基\n财政专户管\n本经营\n算\n金预算\n理资金\n预算\n\n上年结转结余\n事业\n收入\n\n143,999.0 32,640.0\n0\n0\n143,999.0 32,640.0\n196,278.67\n0\n0\n196,278.67\n\n附属单\n事业单位 上级补\n位上缴\n经营收入 助收入\n收入\n\n其他\n收入\n";
        let f = figures(s);
        // Each span runs from the figure's first piece to its rest (so the first covers the second's
        // head too).
        assert_eq!(
            f[4],
            ("143,999.0 32,640.0\n0".to_string(), "143999.00".to_string())
        );
        assert_eq!(f[5], ("32,640.0\n0\n0".to_string(), "32640.00".to_string()));
        assert_eq!(f[6], ("143,999.0".to_string(), "143999.0".to_string()));
        assert_eq!(f[7], ("32,640.0".to_string(), "32640.0".to_string()));
        assert_eq!(f[8].1, "196278.67");
        assert_eq!(f[9].1, "196278.67");
        assert_eq!(f.len(), 10);
    }

    #[test]
    fn figures_cut_at_the_point_or_a_separator() {
        // 003 lines 247–251: "201 一般公共服务支出 581.66 449.67 449.67" ⏎ "131." ⏎ "" ⏎ "99".
        let s = "201 一般公共服务支出 581.66 449.67 449.67\n131.\n\n99\n\n201 03\n";
        assert_eq!(
            figures(s)[3],
            ("131.\n\n99".to_string(), "131.99".to_string())
        );
        // Not in the corpus, same mechanism: cut before the point, at a separator.
        let s = "行政运行 1.00 2.00 3.00 14,770\n.62\n";
        assert_eq!(
            figures(s)[3],
            ("14,770\n.62".to_string(), "14770.62".to_string())
        );
        let s = "行政运行 1.00 2.00 3.00 14,\n770.62\n";
        assert_eq!(figures(s)[3].1, "14770.62");
        // Ambiguous: the rest is not alone on its line, or the joined figure would not print the
        // usual decimals. Nothing is invented.
        let s = "行政运行 1.00 2.00 3.00 131.\n99 5.00\n";
        assert!(figures(s).iter().all(|f| f.1 != "131.99"));
        let s = "行政运行 1.00 2.00 3.00 14,\n770.6\n";
        assert!(figures(s).iter().all(|f| !f.1.starts_with("14770")));
        let s = "行政运行 1.00 2.00 3.00 14,\n\n- 5 -\n770.62\n";
        assert!(figures(s).iter().all(|f| !f.1.starts_with("14770")));
    }

    #[test]
    fn dashes_keep_their_cell() {
        // wide/131 lines 1547–1555: "140.61" ⏎ "--" ⏎ "0.0%" ⏎ "--": a dash is an empty cell, never
        // a figure; in a row it is a value without a figure.
        let s = "2010101 行政运行 140.61 -- 40.00\n";
        let items = prepared(s);
        assert!(matches!(items[2], Item::Figure(..)));
        assert!(matches!(items[3], Item::Empty(sp) if &s[sp.start..sp.end] == "--"));
        let (rows, _) = one_sided(s, &items, false);
        let v: Vec<Option<String>> = rows[0]
            .values
            .iter()
            .map(|v| v.value.map(|d| d.to_string()))
            .collect();
        assert_eq!(
            v,
            [Some("140.61".to_string()), None, Some("40.00".to_string())]
        );
        assert_eq!(rows[0].figures().count(), 2);
    }
}
