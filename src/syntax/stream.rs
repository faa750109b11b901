//! Coded tables printed one cell per line in reading order — text copied out of a PDF viewer, or
//! `pdftotext` without `-layout`.
//!
//! Such an extraction keeps each stream in order but not the two together: the codes (with their
//! names) come in table order, the figures come in table order, row after row, but a run of codes
//! may be printed before the figures of the rows above them (wide/108: the codes of four rows, then
//! their four rows of figures). Reading row by row then gives one row the figures of several. When
//! every row prints a figure in every column (0.00 for nothing), the figures fall into rows by count
//! alone, and the *k*-th row of figures belongs to the *k*-th code. That pairing is a claim the
//! table's own sums must then confirm (see `table.rs`): parent = Σ children holds only when each code
//! stands beside its own figures.
//!
//! Nothing else is guessed: a name printed away from its code (after another code's figures) is
//! given to no row unless it stands just before that row's figures and the catalogue gives the
//! code that name; and a stream whose counts do not match — a row with an empty cell, a code
//! or figure missing — gives no rows at all.
//!
//! The codes may also come out of table order: a block of them printed after every figure, or
//! several blocks swapped (wide/106, wide/125). A classification table lists its classes in code
//! order, parent before children, so the codes sorted give a second pairing
//! ([`Stream::rows_by_code`]). Either pairing must agree with every place where the text itself
//! puts a row's name beside its figures — a code printed alone between two rows of figures, a
//! name the catalogue gives one of the table's codes — and is refused if it moves one of them. So
//! a table printed in another order than its codes (wide/118 prints 2040220 before 2040202) is
//! never re-sorted past the codes printed beside their figures, and a code displaced after the
//! figures is never paired by printed order with a sibling's row (siblings exchanged add up the
//! same: no sum would tell). What no text can tell is a table printed out of code order whose
//! out-of-order codes are all printed away from their figures (ARCHITECTURE.md).
//!
//! When every code (or its catalogue name) is printed beside its own figures, the text pairs them
//! and the count guessed nothing ([`Paired::beside`]): fewer sums need to confirm the reading.

use super::layouts::is_header_word;
use super::lex::squeeze;
use super::rows::{finish_kinds, is_total_label, Item, RawRow, RawValue};
use crate::classification::{is_name_of, names_of_code, normalize_name};
use crate::source::Span;
use std::collections::HashSet;

/// One row's name as the stream printed it: its code, or a totals label (合计).
struct Entry {
    code: Option<(String, Span)>,
    label: String,
    label_span: Span,
    /// The name may still grow: nothing but its own pieces came after it.
    open: bool,
    /// Figures printed before it.
    at: usize,
    /// The only name printed between two runs of figures: it stands beside its own row.
    alone: bool,
}

/// A table body read as its two streams: the rows' names (codes, a totals label) and the figures,
/// each in printed order.
pub struct Stream {
    entries: Vec<Entry>,
    figures: Vec<RawValue>,
    /// Names printed between two runs of figures with no code (the code printed elsewhere), each
    /// with the number of figures printed before it.
    names: Vec<Loose>,
}

/// Rows paired with their names.
pub struct Paired {
    pub rows: Vec<RawRow>,
    /// Every code, or a name the catalogue gives it, was printed alone just before its own
    /// figures: the text itself pairs them, the count guessed nothing.
    pub beside: bool,
}

impl Entry {
    /// Whether the entry stands beside row `row` of `columns` figures: a code printed alone just
    /// before figures says they are its row's — `None` where it says nothing: not alone, no code,
    /// or before the figures of a totals row printed without a label (`first` such rows; the code
    /// then came before them).
    fn beside(&self, row: usize, columns: usize, first: usize) -> Option<bool> {
        (self.alone && self.code.is_some() && self.at >= first * columns)
            .then_some(self.at == row * columns)
    }
}

/// A name printed between two runs of figures with no code of its own.
struct Loose {
    name: String,
    span: Span,
    /// Figures printed before it.
    at: usize,
    /// The catalogue gives one of the table's codes this name: it then says where that code's row
    /// is.
    owned: bool,
}

/// The body's two streams (see the module docs).
pub fn read(src: &str, items: &[Item]) -> Stream {
    let mut entries: Vec<Entry> = Vec::new();
    let mut figures: Vec<RawValue> = Vec::new();
    let mut loose: Vec<Loose> = Vec::new();
    // Entries printed since the last figure.
    let mut since = 0;
    let mut k = 0;
    while k < items.len() {
        match &items[k] {
            Item::Code(code, span) => {
                since += 1;
                entries.push(Entry {
                    code: Some((code.clone(), *span)),
                    label: String::new(),
                    label_span: Span::new(span.end, span.end),
                    open: true,
                    at: figures.len(),
                    alone: false,
                });
            }
            Item::Text(_) => {
                let run = items[k..]
                    .iter()
                    .take_while(|it| matches!(it, Item::Text(_)))
                    .count();
                let next = items.get(k + run);
                let mut names: Vec<(String, Span)> = Vec::new();
                // The run's words but a totals label: a row's name printed loose may also name a
                // header's column (商品和服务支出).
                let mut words: Vec<(String, Span)> = Vec::new();
                for (j, it) in items[k..k + run].iter().enumerate() {
                    let Item::Text(t) = it else { continue };
                    let word = squeeze(t.text(src));
                    // 合计 names the totals row when a figure or the first code follows it; else it
                    // is the header's 合计 column.
                    if is_total_label(&word) {
                        if j + 1 == run && matches!(next, Some(Item::Figure(..) | Item::Code(..))) {
                            let total = Entry {
                                code: None,
                                label: word,
                                label_span: t.span,
                                open: false,
                                at: figures.len(),
                                alone: false,
                            };
                            since += 1;
                            // The first figures are the first row's: codes printed before them
                            // (inside the header) come after it.
                            let at = if figures.is_empty() { 0 } else { entries.len() };
                            entries.insert(at, total);
                        }
                    } else {
                        if !is_header_word(&word) {
                            names.push((word.clone(), t.span));
                        }
                        words.push((word, t.span));
                    }
                }
                let figure_next = matches!(next, Some(Item::Figure(..)));
                if since == 0 && figure_next && !figures.is_empty() && !words.is_empty() {
                    loose.push(Loose {
                        name: words.iter().map(|(w, _)| w.as_str()).collect(),
                        span: words[0].1.cover(words[words.len() - 1].1),
                        at: figures.len(),
                        owned: false,
                    });
                }
                name(&mut entries, &names);
                k += run;
                continue;
            }
            Item::Figure(value, span) => {
                close(&mut entries, since);
                since = 0;
                figures.push(RawValue {
                    value: Some(*value),
                    span: *span,
                });
            }
            Item::Empty(span) => {
                close(&mut entries, since);
                since = 0;
                figures.push(RawValue {
                    value: None,
                    span: *span,
                });
            }
        }
        k += 1;
    }
    // The names the catalogue gives the table's codes, once for the table.
    if !loose.is_empty() {
        let owned: HashSet<String> = entries
            .iter()
            .filter_map(|e| e.code.as_ref())
            .flat_map(|(code, _)| names_of_code(code))
            .map(normalize_name)
            .collect();
        for l in &mut loose {
            l.owned = owned.contains(&normalize_name(&l.name));
        }
    }
    Stream {
        entries,
        figures,
        names: loose,
    }
}

impl Stream {
    /// The row widths that pair the figures with the names, narrowest first: as many rows of
    /// figures as names, or one more when the totals row's label was printed in the header (its
    /// figures come first). None when most names are not codes.
    pub fn widths(&self) -> Vec<usize> {
        let (names, figures) = (self.entries.len(), self.figures.len());
        let coded = self.entries.iter().filter(|e| e.code.is_some()).count();
        if names == 0 || coded * 2 < names {
            return Vec::new();
        }
        let mut out = Vec::new();
        if self.unnamed_total_first() && figures % (names + 1) == 0 && figures > 0 {
            out.push(figures / (names + 1));
        }
        if figures % names == 0 && figures > 0 {
            out.push(figures / names);
        }
        out
    }

    /// The first name is a code: a totals row, if the figures hold one more row, was printed away.
    fn unnamed_total_first(&self) -> bool {
        self.entries.first().is_some_and(|e| e.code.is_some())
    }

    /// The rows when every row prints `columns` figures, paired by order; `None` when the counts do
    /// not pair ([`Stream::widths`] gives the widths that do).
    pub fn rows(&self, columns: usize) -> Option<Paired> {
        let order: Vec<usize> = (0..self.entries.len()).collect();
        self.paired(&order, columns)
    }

    /// The rows paired as [`Stream::rows`] does, the names taken in code order (a totals row
    /// first); `None` where that is the printed order (nothing new), where a code is printed twice
    /// or there are two totals rows, where the counts do not pair, or where code order would move a
    /// name the text prints beside its row.
    pub fn rows_by_code(&self, columns: usize) -> Option<Paired> {
        let mut order: Vec<usize> = (0..self.entries.len()).collect();
        order.sort_by(|&a, &b| {
            let code = |i: usize| self.entries[i].code.as_ref().map(|c| c.0.as_str());
            code(a).cmp(&code(b))
        });
        let same = order.windows(2).any(|w| {
            let (a, b) = (&self.entries[w[0]].code, &self.entries[w[1]].code);
            a.as_ref().map(|c| &c.0) == b.as_ref().map(|c| &c.0)
        });
        if same || order.iter().enumerate().all(|(k, &i)| k == i) {
            return None;
        }
        self.paired(&order, columns)
    }

    /// The figures cut into rows of `columns`, the k-th row given the name `order[k]` (after a
    /// first row for a totals label printed away, if the figures hold one more row).
    fn paired(&self, order: &[usize], columns: usize) -> Option<Paired> {
        if !self.widths().contains(&columns) {
            return None;
        }
        let figure_rows = self.figures.len() / columns;
        let unnamed_total = figure_rows == self.entries.len() + 1;
        let first = usize::from(unnamed_total);
        if !self.beside_their_rows(order, columns, first) {
            return None;
        }
        let mut out: Vec<RawRow> = Vec::with_capacity(figure_rows);
        let mut chunks = self.figures.chunks(columns);
        if unnamed_total {
            let values = chunks.next()?.to_vec();
            let at = values[0].span.start;
            out.push(row(None, String::new(), Span::new(at, at), values));
        }
        // Every coded row's code printed alone just before its figures, or its name (one the
        // catalogue gives its code) printed there: the text pairs them.
        let mut beside = true;
        for (k, (&i, values)) in order.iter().zip(chunks).enumerate() {
            let e = &self.entries[i];
            let named_here = e.code.as_ref().and_then(|(code, _)| {
                self.names_at((k + first) * columns)
                    .iter()
                    .find(|l| is_name_of(code, &l.name))
            });
            let here = e.beside(k + first, columns, first) == Some(true);
            beside &= e.code.is_none() || here || named_here.is_some();
            // A code printed without its name takes the name printed beside its row.
            let (label, span) = match named_here.filter(|_| e.label.is_empty()) {
                Some(l) => (l.name.clone(), l.span),
                None => (e.label.clone(), e.label_span),
            };
            out.push(row(e.code.clone(), label, span, values.to_vec()));
        }
        finish_kinds(&mut out);
        Some(Paired { rows: out, beside })
    }

    /// Every name the text prints beside its row stays there under `order` (its row is the one
    /// whose figures follow it): a code alone between two runs of figures, and a name with no code
    /// that the catalogue gives one of the table's codes, which must then be its row's.
    fn beside_their_rows(&self, order: &[usize], columns: usize, first: usize) -> bool {
        let mut row_of = vec![0; self.entries.len()];
        for (k, &i) in order.iter().enumerate() {
            row_of[i] = k + first;
        }
        let codes_placed = self
            .entries
            .iter()
            .zip(&row_of)
            .all(|(e, &r)| e.beside(r, columns, first) != Some(false));
        if !codes_placed {
            return false;
        }
        let code_at = |r: usize| {
            r.checked_sub(first)
                .and_then(|k| order.get(k))
                .and_then(|&i| self.entries[i].code.as_ref())
                .map(|c| c.0.as_str())
        };
        self.names.iter().all(|l| {
            l.at % columns != 0
                || !l.owned
                || code_at(l.at / columns).is_some_and(|c| is_name_of(c, &l.name))
        })
    }

    /// The names printed loose just before the figure at `at`.
    fn names_at(&self, at: usize) -> &[Loose] {
        let from = self.names.partition_point(|l| l.at < at);
        let to = self.names.partition_point(|l| l.at <= at);
        &self.names[from..to]
    }
}

/// Gives the name pieces of one run of text to the codes waiting for a name (printed since the last
/// figure, none named yet), in order. One code and one piece: that is its name. Else each code
/// takes as many pieces as make a name the catalogue gives it (a name cut by line breaks is several
/// pieces; `2019999`, `208`, then both names). Header
/// cells the extraction printed among them (`对附属单位补助支` `出`) are skipped before a name. Where no
/// catalogue name fits, that code and the rest stay unnamed — a name is never guessed, and a row
/// without one keeps its code. Pieces with no code waiting (a note, a name printed after its
/// code's figures) are no row's.
fn name(entries: &mut [Entry], names: &[(String, Span)]) {
    let waiting = entries
        .iter()
        .rev()
        .take_while(|e| e.open && e.code.is_some() && e.label.is_empty())
        .count();
    let first = entries.len() - waiting;
    // One code, one piece: the cell after the code is its name, whatever it says (a code the
    // catalogue does not have, a name it spells otherwise — what the code rules report).
    if let ([e], [(word, span)]) = (&mut entries[first..], names) {
        e.label.clone_from(word);
        e.label_span = *span;
        return;
    }
    let mut from = 0;
    for e in &mut entries[first..] {
        let Some((code, _)) = &e.code else { break };
        let Some((start, end)) = catalogue_name(code, &names[from..]) else {
            break;
        };
        let pieces = &names[from + start..from + end];
        e.label = pieces.iter().map(|(w, _)| w.as_str()).collect();
        e.label_span = pieces[0].1.cover(pieces[pieces.len() - 1].1);
        from += end;
    }
}

/// The first run of at most [`MAX_NAME_PIECES`] `pieces` (start, end) that joined is a name of
/// `code` in the catalogue (any year).
fn catalogue_name(code: &str, pieces: &[(String, Span)]) -> Option<(usize, usize)> {
    (0..pieces.len()).find_map(|start| {
        let mut joined = String::new();
        (start..pieces.len().min(start + MAX_NAME_PIECES)).find_map(|end| {
            joined.push_str(&pieces[end].0);
            is_name_of(code, &joined).then_some((start, end + 1))
        })
    })
}

/// A name is cut over at most this many lines (a long 项 name in a narrow column: 3 or 4); the
/// bound keeps the search linear in the run of text.
const MAX_NAME_PIECES: usize = 6;

/// A figure ends every name that came before it; the one name printed since the last figure
/// (`since` entries) stands beside its row.
fn close(entries: &mut [Entry], since: usize) {
    if let Some(e) = entries.last_mut() {
        if since == 1 && e.open {
            e.alone = true;
        }
        e.open = false;
    }
}

fn row(
    code: Option<(String, Span)>,
    label: String,
    label_span: Span,
    values: Vec<RawValue>,
) -> RawRow {
    RawRow {
        code,
        label,
        label_span,
        values,
        positioned: true,
        ..RawRow::new(String::new(), Span::default())
    }
}
