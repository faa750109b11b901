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
//! not given to any row, and a stream whose counts do not match — a row with an empty cell, a code
//! or figure missing — gives no rows at all.

use super::layouts::is_header_word;
use super::lex::squeeze;
use super::rows::{finish_kinds, is_total_label, Item, RawRow, RawValue};
use crate::source::Span;

/// One row's name as the stream printed it: its code, or a totals label (合计).
struct Entry {
    code: Option<(String, Span)>,
    label: String,
    label_span: Span,
    /// The name may still grow: nothing but its own pieces came after it.
    open: bool,
}

/// A table body read as its two streams: the rows' names (codes, a totals label) and the figures,
/// each in printed order.
pub struct Stream {
    entries: Vec<Entry>,
    figures: Vec<RawValue>,
}

/// The body's two streams (see the module docs).
pub fn read(src: &str, items: &[Item]) -> Stream {
    let mut entries: Vec<Entry> = Vec::new();
    let mut figures: Vec<RawValue> = Vec::new();
    let mut k = 0;
    while k < items.len() {
        match &items[k] {
            Item::Code(code, span) => entries.push(Entry {
                code: Some((code.clone(), *span)),
                label: String::new(),
                label_span: Span::new(span.end, span.end),
                open: true,
            }),
            Item::Text(_) => {
                let run = items[k..]
                    .iter()
                    .take_while(|it| matches!(it, Item::Text(_)))
                    .count();
                let next = items.get(k + run);
                let mut names: Vec<(String, Span)> = Vec::new();
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
                            };
                            // The first figures are the first row's: codes printed before them
                            // (inside the header) come after it.
                            let at = if figures.is_empty() { 0 } else { entries.len() };
                            entries.insert(at, total);
                        }
                    } else if !is_header_word(&word) {
                        names.push((word, t.span));
                    }
                }
                name(&mut entries, &names);
                k += run;
                continue;
            }
            Item::Figure(value, span) => {
                close(&mut entries);
                figures.push(RawValue {
                    value: Some(*value),
                    span: *span,
                });
            }
            Item::Empty(span) => {
                close(&mut entries);
                figures.push(RawValue {
                    value: None,
                    span: *span,
                });
            }
        }
        k += 1;
    }
    Stream { entries, figures }
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
    pub fn rows(&self, columns: usize) -> Option<Vec<RawRow>> {
        if !self.widths().contains(&columns) {
            return None;
        }
        let figure_rows = self.figures.len() / columns;
        let unnamed_total = figure_rows == self.entries.len() + 1;
        let mut out: Vec<RawRow> = Vec::with_capacity(figure_rows);
        let mut chunks = self.figures.chunks(columns);
        if unnamed_total {
            let values = chunks.next()?.to_vec();
            let at = values[0].span.start;
            out.push(row(None, String::new(), Span::new(at, at), values));
        }
        for (e, values) in self.entries.iter().zip(chunks) {
            out.push(row(
                e.code.clone(),
                e.label.clone(),
                e.label_span,
                values.to_vec(),
            ));
        }
        finish_kinds(&mut out);
        Some(out)
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
    use crate::classification::{names_any_year, names_equal, Scheme};
    let known = |s: &str| {
        [Scheme::Function, Scheme::Economic]
            .iter()
            .any(|&sc| names_any_year(sc, code).any(|x| names_equal(x.name, s)))
    };
    (0..pieces.len()).find_map(|start| {
        let mut joined = String::new();
        (start..pieces.len().min(start + MAX_NAME_PIECES)).find_map(|end| {
            joined.push_str(&pieces[end].0);
            known(&joined).then_some((start, end + 1))
        })
    })
}

/// A name is cut over at most this many lines (a long 项 name in a narrow column: 3 or 4); the
/// bound keeps the search linear in the run of text.
const MAX_NAME_PIECES: usize = 6;

/// A figure ends every name that came before it.
fn close(entries: &mut [Entry]) {
    if let Some(e) = entries.last_mut() {
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
