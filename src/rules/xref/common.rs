//! Shared lookups of the X family: which table plays which part, the money unit of each, and
//! printed figures brought to one unit (元) so that tables in 元 and in 万元 can be compared.

use crate::amount::Interval;
use crate::classification::{self, Scheme};
use crate::diag::Diagnostic;
use crate::model::{
    Cell, DocKind, MoneyUnit, Row, RowKind, Side, Span, Table, TableKind, TableStatus,
};
use crate::rules::context::kind_name;
use crate::rules::Context;
use rust_decimal::{Decimal, RoundingStrategy};
use std::collections::{BTreeMap, BTreeSet};

/// A table as the rules can use it.
#[derive(Clone, Copy)]
pub(super) enum Found<'a> {
    /// Read: rows and cells.
    Read(&'a Table),
    /// Declared empty (…为空表) or without figures: every amount is zero.
    Empty(&'a Table),
    /// Missing, unread, or present more than once.
    Unusable,
}

impl<'a> Found<'a> {
    pub fn read(self) -> Option<&'a Table> {
        match self {
            Found::Read(t) => Some(t),
            _ => None,
        }
    }

    pub fn usable(self) -> bool {
        !matches!(self, Found::Unusable)
    }
}

/// The table of a kind, and why it cannot be used when it cannot.
pub(super) fn find<'a>(ctx: &Context<'a>, kind: TableKind) -> (Found<'a>, Option<String>) {
    let all: Vec<&'a Table> = ctx.doc.tables.iter().filter(|t| t.kind == kind).collect();
    let read: Vec<&'a Table> = all.iter().copied().filter(|t| t.is_read()).collect();
    match read.len() {
        1 => return (Found::Read(read[0]), None),
        n if n > 1 => {
            return (
                Found::Unusable,
                Some(format!("{} 出现 {n} 次，无法确定用哪一张", kind_name(kind))),
            )
        }
        _ => {}
    }
    if let Some(t) = all
        .iter()
        .find(|t| matches!(t.status, TableStatus::Empty { .. }))
    {
        return (Found::Empty(t), None);
    }
    (Found::Unusable, ctx.unusable(kind))
}

/// True for final accounts (决算): income by function class is then not expenditure by class.
pub(super) fn is_final(ctx: &Context) -> bool {
    if let Some(k) = &ctx.doc.facts.kind {
        return k.value == DocKind::FinalAccounts;
    }
    ctx.doc.tables.iter().any(|t| t.title.contains("决算"))
}

/// The fiscal year of the document, for the classification catalogue.
pub(super) fn year(ctx: &Context) -> u16 {
    ctx.doc
        .facts
        .year
        .as_ref()
        .map_or(classification::LAST_YEAR, |y| y.value)
}

/// 1 for 元, 10000 for 万元: the factor that brings a table's figures to 元. A table that states no
/// unit takes the document's; a document that states none is compared as it stands.
pub(super) fn unit_of(ctx: &Context, t: &Table) -> Option<MoneyUnit> {
    t.unit.or(ctx.doc.facts.money_unit)
}

fn factor(unit: Option<MoneyUnit>) -> Decimal {
    match unit {
        Some(MoneyUnit::WanYuan) => Decimal::from(10000),
        _ => Decimal::ONE,
    }
}

pub(super) fn unit_str(unit: Option<MoneyUnit>) -> &'static str {
    unit.map_or("", MoneyUnit::as_str)
}

fn half(scale: u32) -> Decimal {
    Decimal::new(5, scale + 1)
}

/// A figure of one table brought to 元: one printed cell, an empty cell (zero), a row the table
/// does not have (zero), or the sum of several printed cells.
#[derive(Clone)]
pub(super) struct Figure<'a> {
    pub table: &'a Table,
    pub row: Option<&'a Row>,
    pub side: Option<Side>,
    pub col: Option<usize>,
    /// The printed cells it stands for (none: zero).
    pub cells: Vec<&'a Cell>,
    /// Value in 元.
    pub value: Decimal,
    /// The values in 元 the printed figures can stand for.
    pub interval: Interval,
    pub unit: Option<MoneyUnit>,
    /// The value as printed, in the table's unit.
    pub printed: Decimal,
    /// The printed precision (decimals) of a single figure.
    pub scale: u32,
    /// `表3「…」「201 一般公共服务支出」合计`: see [`Figure::what`].
    pub label: Label<'a>,
    pub span: Span,
    /// The column of a printed cell is uncertain (empty cells were dropped and the arithmetic
    /// left a choice), or another figure of the row may belong in this column.
    pub ambiguous: bool,
    /// Classification code (for folding a difference that repeats in the totals above).
    pub code: Option<String>,
    /// A totals row: everything in the table lies under it.
    pub total: bool,
    /// A sum of several printed figures.
    pub derived: bool,
}

/// What a figure is, in Chinese and English. A cell's label is written only when a finding needs
/// it: most figures agree and are never named.
#[derive(Clone)]
pub(super) enum Label<'a> {
    Cell {
        table: &'a Table,
        row: &'a Row,
        col: usize,
    },
    Given {
        zh: String,
        en: String,
    },
}

impl Figure<'_> {
    /// `表3「…」「201 一般公共服务支出」合计`.
    pub fn what(&self) -> String {
        self.named(false)
    }

    /// The label in English.
    pub fn what_en(&self) -> String {
        self.named(true)
    }

    fn named(&self, en: bool) -> String {
        match &self.label {
            Label::Cell { table, row, col } => {
                let (t, r, c) = (
                    Context::table_name(table),
                    row_name(row),
                    column_name(table, row, *col),
                );
                if en {
                    format!("{t} row 「{r}」 column {c}")
                } else {
                    format!("{t}「{r}」{c}")
                }
            }
            Label::Given { zh, en: text_en } => if en { text_en } else { zh }.clone(),
        }
    }
}

fn column_name<'t>(t: &'t Table, row: &Row, col: usize) -> &'t str {
    t.columns_of(row.side)
        .get(col)
        .map_or("", |c| c.name.as_str())
}

pub(super) fn row_name(r: &Row) -> String {
    match &r.code {
        Some(c) => format!("{} {}", spaced_code(c), r.label),
        None => r.label.clone(),
    }
}

/// `2010301` → `201 03 01`.
pub(super) fn spaced_code(c: &str) -> String {
    if !c.bytes().all(|b| b.is_ascii_digit()) {
        return c.to_string();
    }
    match c.len() {
        5 => format!("{} {}", &c[..3], &c[3..]),
        7 => format!("{} {} {}", &c[..3], &c[3..5], &c[5..]),
        _ => c.to_string(),
    }
}

impl<'a> Figure<'a> {
    /// The figure of `row` in column `col` of its side (zero when the cell is empty).
    pub fn cell(ctx: &Context, t: &'a Table, row: &'a Row, col: usize) -> Figure<'a> {
        let unit = unit_of(ctx, t);
        let f = factor(unit);
        let cell = row.cell(col);
        let ambiguous = cell.is_some_and(|c| !c.alternatives.is_empty())
            || row
                .cells
                .iter()
                .any(|c| c.column != col && c.alternatives.contains(&col));
        let scale = t.decimals;
        let (printed, interval, span, cells) = match cell {
            Some(c) => {
                let s = scale.max(c.value.scale());
                let h = half(s);
                (
                    c.value,
                    Interval {
                        lo: (c.value - h) * f,
                        hi: (c.value + h) * f,
                    },
                    c.span,
                    vec![c],
                )
            }
            None => (
                Decimal::ZERO,
                Interval::exact(Decimal::ZERO),
                row.label_span,
                Vec::new(),
            ),
        };
        Figure {
            table: t,
            row: Some(row),
            side: row.side,
            col: Some(col),
            cells,
            value: printed * f,
            interval,
            unit,
            printed,
            scale: cell.map_or(scale, |c| scale.max(c.value.scale())),
            label: Label::Cell { table: t, row, col },
            span,
            ambiguous,
            code: row.code.clone(),
            total: row.kind == RowKind::Total,
            derived: false,
        }
    }

    /// Zero: a row the table does not have, or any figure of a table declared empty.
    pub fn zero(ctx: &Context, t: &'a Table, code: Option<&str>, name: &str) -> Figure<'a> {
        let unit = unit_of(ctx, t);
        let empty = matches!(t.status, TableStatus::Empty { .. });
        let span = match t.status {
            TableStatus::Empty {
                statement: Some(s), ..
            } => s,
            _ => t.title_span,
        };
        let (what, what_en) = if empty {
            (
                format!("{}（空表）", Context::table_name(t)),
                format!("{} (declared empty)", Context::table_name(t)),
            )
        } else {
            (
                format!("{}（无「{name}」行）", Context::table_name(t)),
                format!("{} (no row 「{name}」)", Context::table_name(t)),
            )
        };
        Figure {
            table: t,
            row: None,
            side: None,
            col: None,
            cells: Vec::new(),
            value: Decimal::ZERO,
            interval: Interval::exact(Decimal::ZERO),
            unit,
            printed: Decimal::ZERO,
            scale: 0,
            label: Label::Given {
                zh: what,
                en: what_en,
            },
            span,
            ambiguous: false,
            code: code.map(str::to_string),
            total: false,
            derived: false,
        }
    }

    /// The sum of several figures (all of one table or not), described as such. A sum of one
    /// figure is that figure.
    pub fn sum(mut parts: Vec<Figure<'a>>, what: String, what_en: String) -> Option<Figure<'a>> {
        // Zeros add nothing: a sum of one printed figure and empty cells is that printed figure.
        let printed_parts: Vec<usize> = (0..parts.len())
            .filter(|&i| !parts[i].cells.is_empty())
            .collect();
        if parts.len() > 1
            && printed_parts.len() == 1
            && parts.iter().all(|p| !p.cells.is_empty() || !p.ambiguous)
        {
            return Some(parts.swap_remove(printed_parts[0]));
        }
        let first = parts.first()?.clone();
        if parts.len() == 1 {
            return parts.pop();
        }
        let same_unit = parts.iter().all(|p| p.unit == first.unit);
        let mut value = Decimal::ZERO;
        let mut interval = Interval::exact(Decimal::ZERO);
        let mut printed = Decimal::ZERO;
        let mut cells = Vec::new();
        let mut ambiguous = false;
        let mut span: Option<Span> = None;
        for p in &parts {
            value += p.value;
            interval = interval.plus(p.interval);
            printed += p.printed;
            cells.extend(p.cells.iter().copied());
            ambiguous |= p.ambiguous;
            if !p.cells.is_empty() && span.is_none() {
                span = Some(p.span);
            }
        }
        let one_table = parts.iter().all(|p| std::ptr::eq(p.table, first.table));
        let one_row = one_table
            && parts
                .iter()
                .all(|p| p.row.map(|r| r as *const Row) == first.row.map(|r| r as *const Row));
        Some(Figure {
            table: first.table,
            row: if one_row { first.row } else { None },
            side: first.side,
            col: None,
            cells,
            value,
            interval,
            unit: if same_unit {
                first.unit
            } else {
                Some(MoneyUnit::Yuan)
            },
            printed: if same_unit { printed } else { value },
            scale: parts.iter().map(|p| p.scale).max().unwrap_or(0),
            label: Label::Given {
                zh: what,
                en: what_en,
            },
            span: span.unwrap_or(first.span),
            ambiguous,
            code: first.code.clone(),
            total: first.total,
            derived: true,
        })
    }

    /// The printed value with its unit: `1,938.62 万元` is shown as `1938.62 万元`.
    pub fn shown(&self) -> String {
        let u = unit_str(self.unit);
        if u.is_empty() {
            self.printed.to_string()
        } else {
            format!("{} {u}", self.printed)
        }
    }

    /// A value in 元 expressed in this figure's unit, at its printed precision when that is exact
    /// (`185000` 元 as `18.50` 万元), else with the decimals it needs (`15250` 元 as `1.525` 万元).
    pub fn in_unit(&self, yuan: Decimal) -> Decimal {
        let mut v = (yuan / factor(self.unit)).normalize();
        if v.scale() < self.scale {
            v.rescale(self.scale);
        }
        v
    }

    /// A value in 元 with this figure's unit: `18.50 万元`.
    pub fn amount(&self, yuan: Decimal) -> String {
        let u = unit_str(self.unit);
        if u.is_empty() {
            self.in_unit(yuan).to_string()
        } else {
            format!("{} {u}", self.in_unit(yuan))
        }
    }

    /// Whether the figure's own table backs it: its children add up to it, and it adds up with its
    /// siblings to its parent. `None` when the table says nothing either way.
    pub fn support(&self) -> Option<bool> {
        let (row, col) = (self.row?, self.col?);
        if self.derived {
            return None;
        }
        let t = self.table;
        let rows: Vec<&Row> = t.rows.iter().filter(|r| r.side == row.side).collect();
        let val = |r: &Row| r.cell(col).map_or(Decimal::ZERO, |c| c.value);
        let children_of = |code: Option<&str>| -> Vec<&Row> {
            rows.iter()
                .copied()
                .filter(|r| match (code, r.code.as_deref()) {
                    (None, Some(c)) => c.len() == 3,
                    (Some(p), Some(c)) => c.len() == p.len() + 2 && c.starts_with(p),
                    _ => false,
                })
                .filter(|r| r.item.is_none())
                .collect()
        };
        let mut verdicts = Vec::new();
        let own = if self.total {
            Some(None)
        } else {
            row.code.as_deref().map(Some)
        };
        if let Some(code) = own {
            let ch = children_of(code);
            if !ch.is_empty() {
                verdicts.push(ch.iter().map(|r| val(r)).sum::<Decimal>() == val(row));
            }
            let parent_code = match code {
                Some(c) if c.len() > 3 => c.get(..c.len() - 2).map(Some),
                Some(_) => Some(None),
                None => None,
            };
            if let Some(pc) = parent_code {
                let parent = rows.iter().copied().find(|r| match pc {
                    Some(p) => r.code.as_deref() == Some(p) && r.item.is_none(),
                    None => r.kind == RowKind::Total,
                });
                if let Some(p) = parent {
                    let sibs = children_of(pc);
                    verdicts.push(sibs.iter().map(|r| val(r)).sum::<Decimal>() == val(p));
                }
            }
        }
        if verdicts.is_empty() {
            None
        } else {
            Some(verdicts.iter().all(|&v| v))
        }
    }
}

/// How two figures of the same quantity agree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Verdict {
    /// Equal, or the finer one rounds to the coarser one (15250 元 and 1.53 万元).
    Consistent,
    /// Different, but the rounding intervals meet (尾差).
    Rounding,
    /// Cannot both be true.
    Mismatch,
}

pub(super) fn compare(a: &Figure, b: &Figure) -> Verdict {
    if a.value == b.value {
        return Verdict::Consistent;
    }
    if a.unit != b.unit && !a.derived && !b.derived && !a.cells.is_empty() && !b.cells.is_empty() {
        let (fine, coarse) = if a.interval.hi - a.interval.lo <= b.interval.hi - b.interval.lo {
            (a, b)
        } else {
            (b, a)
        };
        let v = fine.value / factor(coarse.unit);
        if v.round_dp_with_strategy(coarse.scale, RoundingStrategy::MidpointAwayFromZero)
            == coarse.printed
        {
            return Verdict::Consistent;
        }
    }
    if a.interval.intersects(b.interval) {
        Verdict::Rounding
    } else {
        Verdict::Mismatch
    }
}

/// Removes ordinals and "其中：" from an item label: `一、一般公共服务支出` → `一般公共服务支出`,
/// `1.一般公共预算拨款` → `一般公共预算拨款`. Returns the label and whether it was a "其中" item.
pub(super) fn strip_ordinal(label: &str) -> (String, bool) {
    let mut s: String = label.chars().filter(|c| !c.is_whitespace()).collect();
    let mut sub = false;
    loop {
        let before = s.clone();
        for p in ["其中：", "其中:", "其中"] {
            if let Some(rest) = s.strip_prefix(p) {
                s = rest.to_string();
                sub = true;
            }
        }
        let chars: Vec<char> = s.chars().collect();
        let numeral = |c: char| "一二三四五六七八九十".contains(c);
        // （一） / (一) / (1)
        if matches!(chars.first(), Some('（') | Some('(')) {
            if let Some(close) = chars.iter().position(|&c| c == '）' || c == ')') {
                if close > 1
                    && chars[1..close]
                        .iter()
                        .all(|&c| numeral(c) || c.is_ascii_digit())
                {
                    s = chars[close + 1..].iter().collect();
                    continue;
                }
            }
        }
        let n = chars
            .iter()
            .take_while(|&&c| numeral(c) || c.is_ascii_digit() || ('０'..='９').contains(&c))
            .count();
        if n > 0
            && n < chars.len()
            && matches!(chars[n], '、' | '.' | '．' | '，' | ',' | ')' | '）')
        {
            s = chars[n + 1..].iter().collect();
        }
        if s == before {
            break;
        }
    }
    (s, sub)
}

/// The function class (类) an expenditure item names: `一、一般公共服务支出` → `201`. One pass over
/// the classes (3-digit codes) alone: it runs for every uncoded row, so it must not fold the name
/// against every entry of every year.
pub(super) fn class_of_name(name: &str, year: u16) -> Option<String> {
    let (name, _) = strip_ordinal(name);
    let (first, last) = classification::covered_years();
    let mut in_year = BTreeSet::new();
    let mut any = BTreeSet::new();
    let classes = classification::entries(Scheme::Function)
        .iter()
        .filter(|e| e.code.len() == 3 && classification::names_equal(e.name, &name));
    for e in classes {
        if e.in_force(year) {
            in_year.insert(e.code);
        }
        if (first..=last).any(|y| e.in_force(y)) {
            any.insert(e.code);
        }
    }
    let one = |set: BTreeSet<&str>| {
        (set.len() == 1).then(|| set.into_iter().next().unwrap_or_default().to_string())
    };
    one(in_year).or_else(|| one(any))
}

/// The function code of an expenditure row: its printed code, or the class its name names.
pub(super) fn row_code(r: &Row, year: u16) -> Option<String> {
    if r.kind == RowKind::Total {
        return None;
    }
    match &r.code {
        Some(c) => Some(c.clone()),
        None => class_of_name(&r.label, year),
    }
}

/// The table's coded rows are function classes (2xx, 3/5/7 digits): an income or expenditure
/// table listed by budget unit (`119 西安市统计局`, `119001 …`, wide/123) has codes too, of units.
pub(super) fn coded_by_function(t: &Table) -> bool {
    use crate::classification::{Level, Scheme};
    t.rows
        .iter()
        .filter_map(|r| r.code.as_deref())
        .all(|c| Scheme::of_code(c) == Some(Scheme::Function) && Level::of_code(c).is_some())
}

/// The rows of a table by classification code (one side).
pub(super) struct Coded<'a> {
    pub table: &'a Table,
    pub by_code: BTreeMap<String, Vec<&'a Row>>,
    /// Code lengths the table has rows at.
    pub lengths: BTreeSet<usize>,
}

impl<'a> Coded<'a> {
    pub fn new(t: &'a Table, side: Option<Side>, year: u16) -> Coded<'a> {
        let mut by_code: BTreeMap<String, Vec<&'a Row>> = BTreeMap::new();
        for r in t.rows.iter().filter(|r| r.side == side) {
            if let Some(c) = row_code(r, year) {
                by_code.entry(c).or_default().push(r);
            }
        }
        let lengths = by_code.keys().map(String::len).collect();
        Coded {
            table: t,
            by_code,
            lengths,
        }
    }

    /// The figure of a code in a column: its row, the sum of its project rows (a 项目支出表 lists one
    /// row per project under the same code), or zero when the table has rows at that level but not
    /// this one. `None` when the table does not go down to that level.
    pub fn figure(&self, ctx: &Context, code: &str, col: usize) -> Option<Figure<'a>> {
        let t = self.table;
        match self.by_code.get(code) {
            Some(rows) => {
                if let Some(plain) = rows.iter().find(|r| r.item.is_none()) {
                    return Some(Figure::cell(ctx, t, plain, col));
                }
                let parts: Vec<Figure<'a>> =
                    rows.iter().map(|r| Figure::cell(ctx, t, r, col)).collect();
                let col_name = t
                    .columns_of(rows[0].side)
                    .get(col)
                    .map_or("", |c| c.name.as_str());
                let name = format!("{} {}", spaced_code(code), rows[0].label);
                Figure::sum(
                    parts,
                    format!(
                        "{}「{name}」下 {} 个项目的{col_name}之和",
                        Context::table_name(t),
                        rows.len()
                    ),
                    format!(
                        "{} {col_name} of the {} projects under 「{name}」",
                        Context::table_name(t),
                        rows.len()
                    ),
                )
            }
            None => self
                .lengths
                .contains(&code.len())
                .then(|| Figure::zero(ctx, t, Some(code), &spaced_code(code))),
        }
    }

    /// Codes with at least one non-zero figure in the column.
    pub fn nonzero_codes(&self, col: usize) -> impl Iterator<Item = &String> + '_ {
        self.by_code.iter().filter_map(move |(c, rows)| {
            rows.iter()
                .any(|r| r.cell(col).is_some_and(|c| !c.value.is_zero()))
                .then_some(c)
        })
    }
}

/// The column of a side whose name is one of `names`.
pub(super) fn column(t: &Table, side: Option<Side>, names: &[&str]) -> Option<usize> {
    t.columns_of(side)
        .iter()
        .position(|c| names.contains(&c.name.as_str()))
}

/// The totals row of a side: the first whose label has one of the words.
pub(super) fn total_row<'a>(t: &'a Table, side: Option<Side>, words: &[&str]) -> Option<&'a Row> {
    t.rows.iter().find(|r| {
        r.side == side && r.kind == RowKind::Total && words.iter().any(|w| r.label.contains(w))
    })
}

/// The total of a column of a coded table: its totals row, else the sum of its class rows.
pub(super) fn column_total<'a>(ctx: &Context, t: &'a Table, col: usize) -> Option<Figure<'a>> {
    if let Some(r) = t
        .rows
        .iter()
        .find(|r| r.side.is_none() && r.kind == RowKind::Total)
    {
        return Some(Figure::cell(ctx, t, r, col));
    }
    let classes: Vec<&Row> = t
        .rows
        .iter()
        .filter(|r| r.code.as_ref().is_some_and(|c| c.len() == 3) && r.item.is_none())
        .collect();
    if classes.is_empty() {
        return None;
    }
    let col_name = t.columns.get(col).map_or("", |c| c.name.as_str());
    let parts = classes
        .iter()
        .map(|r| Figure::cell(ctx, t, r, col))
        .collect();
    Figure::sum(
        parts,
        format!(
            "{}各类{col_name}之和（表中无合计行）",
            Context::table_name(t)
        ),
        format!(
            "{} sum of the classes, column {col_name} (no totals row)",
            Context::table_name(t)
        ),
    )
    .map(|mut f| {
        f.total = true;
        f.code = None;
        f
    })
}

/// The columns holding a basic-spending table's whole amounts: its 合计; or, for a table printing
/// 人员经费 and 公用经费 in panels without a 合计 (the central 基本支出决算表, each row's amount
/// under the one panel it stands in), those two.
pub(super) fn basic_columns(t: &Table) -> Option<Vec<usize>> {
    if let Some(col) = column(t, None, &["合计"]) {
        return Some(vec![col]);
    }
    let parts: Vec<usize> = ["人员经费", "公用经费"]
        .iter()
        .filter_map(|name| column(t, None, &[name]))
        .collect();
    (parts.len() == 2).then_some(parts)
}

/// A row's whole amount in a basic-spending table, over the `cols` of [`basic_columns`] (a panel
/// row prints one of them: the sum is that figure).
pub(super) fn basic_cell<'a>(
    ctx: &Context,
    t: &'a Table,
    row: &'a Row,
    cols: &[usize],
) -> Figure<'a> {
    let printing: Vec<usize> = cols
        .iter()
        .copied()
        .filter(|&c| row.cell(c).is_some())
        .collect();
    match printing[..] {
        // An empty row is in its class's column (`302 12` empty under `302`'s 公用经费).
        [] => {
            let code = row.code.as_deref().unwrap_or("");
            let col = t
                .rows
                .iter()
                .filter(|r| {
                    r.code
                        .as_deref()
                        .is_some_and(|c| c.len() < code.len() && code.starts_with(c))
                })
                .find_map(|r| cols.iter().copied().find(|&c| r.cell(c).is_some()))
                .unwrap_or(cols[0]);
            Figure::cell(ctx, t, row, col)
        }
        [col] => Figure::cell(ctx, t, row, col),
        _ => {
            let parts = printing
                .iter()
                .map(|&c| Figure::cell(ctx, t, row, c))
                .collect();
            let name = format!("{}「{}」", Context::table_name(t), row_name(row));
            Figure::sum(parts, format!("{name}人员经费与公用经费之和"), name)
                .expect("two printed parts")
        }
    }
}

/// A basic-spending table's total, over the `cols` of [`basic_columns`].
pub(super) fn basic_total<'a>(ctx: &Context, t: &'a Table, cols: &[usize]) -> Option<Figure<'a>> {
    let parts = cols
        .iter()
        .map(|&c| column_total(ctx, t, c))
        .collect::<Option<Vec<Figure<'a>>>>()?;
    Figure::sum(
        parts,
        format!("{}人员经费与公用经费合计之和", Context::table_name(t)),
        format!("{} 人员经费 total + 公用经费 total", Context::table_name(t)),
    )
}

/// Where an income amount comes from, as the summary tables and the income table name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Source {
    /// 收入总计.
    Total,
    /// 本年收入（合计）.
    CurrentYear,
    /// 财政拨款（补助）/ 财政拨款收入.
    Fiscal,
    /// 一般公共预算（拨款）, with the transfers from above.
    GeneralAll,
    /// 其中：一般财力 — the 收入表's 一般公共预算 column beside the transfer column.
    GeneralOwn,
    GeneralTransfer,
    FundAll,
    FundOwn,
    FundTransfer,
    CapitalAll,
    CapitalOwn,
    CapitalTransfer,
    /// 财政专户（核拨 / 教育收费）.
    SpecialAccount,
    /// 单位资金.
    UnitFunds,
    /// 事业收入.
    Business,
    /// 事业单位经营收入.
    Operating,
    /// 上级补助收入.
    Superior,
    /// 附属单位上缴收入.
    Affiliated,
    /// 其他收入.
    Other,
    /// 上年结转结余.
    CarryTotal,
    /// 财政拨款结转.
    FiscalCarry,
    /// 非财政拨款结转结余.
    NonFiscalCarry,
}

impl Source {
    pub fn name(self) -> &'static str {
        match self {
            Source::Total => "收入总计",
            Source::CurrentYear => "本年收入",
            Source::Fiscal => "财政拨款收入",
            Source::GeneralAll => "一般公共预算拨款",
            Source::GeneralOwn => "一般公共预算（一般财力）",
            Source::GeneralTransfer => "上级一般公共预算安排的转移支付",
            Source::FundAll => "政府性基金预算拨款",
            Source::FundOwn => "政府性基金预算（本级）",
            Source::FundTransfer => "上级政府性基金安排的转移支付",
            Source::CapitalAll => "国有资本经营预算拨款",
            Source::CapitalOwn => "国有资本经营预算（本级）",
            Source::CapitalTransfer => "上级国有资本经营预算安排的转移支付",
            Source::SpecialAccount => "财政专户核拨",
            Source::UnitFunds => "单位资金",
            Source::Business => "事业收入",
            Source::Operating => "事业单位经营收入",
            Source::Superior => "上级补助收入",
            Source::Affiliated => "附属单位上缴收入",
            Source::Other => "其他收入",
            Source::CarryTotal => "上年结转结余",
            Source::FiscalCarry => "财政拨款结转",
            Source::NonFiscalCarry => "非财政拨款结转结余",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            Source::Total => "total income",
            Source::CurrentYear => "income of the year",
            Source::Fiscal => "fiscal appropriations",
            Source::GeneralAll => "general public budget appropriations",
            Source::GeneralOwn => "general public budget (own resources)",
            Source::GeneralTransfer => "general budget transfers from above",
            Source::FundAll => "government fund appropriations",
            Source::FundOwn => "government fund (own)",
            Source::FundTransfer => "government fund transfers from above",
            Source::CapitalAll => "state capital appropriations",
            Source::CapitalOwn => "state capital (own)",
            Source::CapitalTransfer => "state capital transfers from above",
            Source::SpecialAccount => "special fiscal account",
            Source::UnitFunds => "unit funds",
            Source::Business => "business income",
            Source::Operating => "operating income",
            Source::Superior => "subsidies from above",
            Source::Affiliated => "remittances of affiliated units",
            Source::Other => "other income",
            Source::CarryTotal => "carry-over from last year",
            Source::FiscalCarry => "fiscal carry-over",
            Source::NonFiscalCarry => "non-fiscal carry-over",
        }
    }
}

/// What an income item of a summary table (收支总表 / 财政拨款收支总表) is. `carry` is true once the
/// items of 上年结转结余 have begun.
pub(super) fn source_of_item(label: &str, kind: RowKind, carry: &mut bool) -> Option<Source> {
    let (s, sub) = strip_ordinal(label);
    if s.starts_with("本年收入") {
        return Some(Source::CurrentYear);
    }
    if kind == RowKind::Total || s.contains("总计") {
        return (!s.contains("支出")).then_some(Source::Total);
    }
    if s.contains("结转") || s.contains("结余") {
        *carry = true;
    }
    if *carry {
        if s.starts_with("上年结转") || s.starts_with("年初结转") {
            return Some(Source::CarryTotal);
        }
        if s.starts_with("财政拨款结转") {
            return Some(Source::FiscalCarry);
        }
        if s.starts_with("非财政拨款结转") {
            return Some(Source::NonFiscalCarry);
        }
        return None;
    }
    if sub {
        return match s.as_str() {
            "一般财力" => Some(Source::GeneralOwn),
            "政府性基金收入" => Some(Source::FundOwn),
            "国有资本经营收入" => Some(Source::CapitalOwn),
            _ => None,
        };
    }
    if s.starts_with("上级") && s.contains("转移支付") {
        if s.contains("一般公共预算") {
            return Some(Source::GeneralTransfer);
        }
        if s.contains("政府性基金") {
            return Some(Source::FundTransfer);
        }
        if s.contains("国有资本") {
            return Some(Source::CapitalTransfer);
        }
        return None;
    }
    let exact = [
        ("上级补助收入", Source::Superior),
        ("附属单位上缴收入", Source::Affiliated),
        ("其他收入", Source::Other),
        ("事业收入", Source::Business),
        ("事业单位经营收入", Source::Operating),
        ("经营收入", Source::Operating),
        ("单位资金", Source::UnitFunds),
    ];
    if let Some((_, src)) = exact.iter().find(|(n, _)| s == *n) {
        return Some(*src);
    }
    if s.starts_with("一般公共预算") {
        return Some(Source::GeneralAll);
    }
    if s.starts_with("政府性基金") {
        return Some(Source::FundAll);
    }
    if s.starts_with("国有资本经营") {
        return Some(Source::CapitalAll);
    }
    if s.starts_with("财政专户") {
        return Some(Source::SpecialAccount);
    }
    if s.starts_with("财政拨款") {
        return Some(Source::Fiscal);
    }
    None
}

/// What a column of the 收入表 holds.
pub(super) fn source_of_column(name: &str, final_accounts: bool) -> Option<Source> {
    let seg = name.rsplit('/').next().unwrap_or(name);
    if seg.contains("上级") && seg.contains("转移支付") {
        if seg.contains("一般公共预算") {
            return Some(Source::GeneralTransfer);
        }
        if seg.contains("政府性基金") {
            return Some(Source::FundTransfer);
        }
        if seg.contains("国有资本") {
            return Some(Source::CapitalTransfer);
        }
        return None;
    }
    if seg == "小计" && name.starts_with("财政拨款") {
        return Some(Source::Fiscal);
    }
    if name.starts_with("财政拨款（补助）/") || name.starts_with("财政拨款(补助)/") {
        if seg.starts_with("一般公共预算") {
            return Some(Source::GeneralOwn);
        }
        if seg.starts_with("政府性基金") {
            return Some(Source::FundOwn);
        }
        if seg.starts_with("国有资本") {
            return Some(Source::CapitalOwn);
        }
    }
    match seg {
        "总计" => Some(Source::Total),
        "合计" if final_accounts => Some(Source::CurrentYear),
        "合计" => Some(Source::Total),
        "财政拨款收入" | "财政拨款" => Some(Source::Fiscal),
        "单位资金" => Some(Source::UnitFunds),
        "财政拨款结转" => Some(Source::FiscalCarry),
        "非财政拨款结转结余" => Some(Source::NonFiscalCarry),
        "事业收入" => Some(Source::Business),
        "事业单位经营收入" | "经营收入" => Some(Source::Operating),
        "上级补助收入" => Some(Source::Superior),
        "附属单位上缴收入" => Some(Source::Affiliated),
        "其他收入" => Some(Source::Other),
        s if s.starts_with("财政专户") => Some(Source::SpecialAccount),
        _ => None,
    }
}

/// The income items of a two-sided table, by source, first occurrence only.
pub(super) fn income_items(t: &Table) -> BTreeMap<Source, &Row> {
    let mut out = BTreeMap::new();
    let mut carry = false;
    for r in t.rows.iter().filter(|r| r.side == Some(Side::Income)) {
        if let Some(s) = source_of_item(&r.label, r.kind, &mut carry) {
            out.entry(s).or_insert(r);
        }
    }
    out
}

/// The economic code of a row of the basic spending table. A `302` printed apart from `17公务接待费`
/// is read as code `302` with the label `17公务接待费`: the two digits belong to the code.
pub(super) fn econ_code(r: &Row) -> Option<String> {
    let code = r.code.as_ref()?;
    if code.len() == 3 {
        let digits: String = r.label.chars().take(2).collect();
        if digits.len() == 2
            && digits.chars().all(|c| c.is_ascii_digit())
            && !r.label[2..].starts_with(|c: char| c.is_ascii_digit())
        {
            return Some(format!("{code}{digits}"));
        }
    }
    Some(code.clone())
}

/// Adds the note that the two figures' tables differ in unit, when they do.
pub(super) fn unit_note(d: Diagnostic, a: &Figure, b: &Figure) -> Diagnostic {
    if a.unit != b.unit && a.unit.is_some() && b.unit.is_some() {
        d.note("两表金额单位不同，已按 1 万元 = 10000 元 换算后比较 / the tables differ in unit; compared after converting 1 万元 = 10000 元")
    } else {
        d
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_are_stripped() {
        assert_eq!(strip_ordinal("一、一般公共服务支出").0, "一般公共服务支出");
        assert_eq!(strip_ordinal("1.一般公共预算拨款").0, "一般公共预算拨款");
        assert_eq!(strip_ordinal("1、一般公共预算").0, "一般公共预算");
        assert_eq!(
            strip_ordinal("2. 非财政拨款结转结余").0,
            "非财政拨款结转结余"
        );
        assert_eq!(strip_ordinal("（三）公务接待费").0, "公务接待费");
        assert_eq!(
            strip_ordinal("十、灾害防治及应急管理支出").0,
            "灾害防治及应急管理支出"
        );
        assert_eq!(
            strip_ordinal("其中：一般财力"),
            ("一般财力".to_string(), true)
        );
        assert_eq!(
            strip_ordinal("12345政务服务便民热线项目").0,
            "12345政务服务便民热线项目"
        );
    }

    #[test]
    fn classes_by_name() {
        assert_eq!(
            class_of_name("八、城乡社区支出", 2026).as_deref(),
            Some("212")
        );
        assert_eq!(
            class_of_name("一、一般公共服务支出", 2025).as_deref(),
            Some("201")
        );
        assert_eq!(class_of_name("一、财政拨款收入", 2025), None);
    }

    #[test]
    fn income_items_follow_their_section() {
        let mut carry = false;
        let got: Vec<Option<Source>> = [
            "一、本年收入",
            "1.一般公共预算拨款",
            "其中：一般财力",
            "上级一般公共预算安排转移支付",
            "2.政府性基金预算拨款",
            "其中：政府性基金收入",
            "5.单位资金",
            "其他收入",
            "二、上年结转结余",
            "1.财政拨款结转",
            "其中：一般公共预算拨款",
            "2.非财政拨款结转结余",
            "单位资金",
        ]
        .iter()
        .map(|l| source_of_item(l, RowKind::Item, &mut carry))
        .collect();
        use Source::*;
        assert_eq!(
            got,
            vec![
                Some(CurrentYear),
                Some(GeneralAll),
                Some(GeneralOwn),
                Some(GeneralTransfer),
                Some(FundAll),
                Some(FundOwn),
                Some(UnitFunds),
                Some(Other),
                Some(CarryTotal),
                Some(FiscalCarry),
                None,
                Some(NonFiscalCarry),
                None,
            ]
        );
        let mut carry = false;
        assert_eq!(
            source_of_item("收入总计", RowKind::Total, &mut carry),
            Some(Source::Total)
        );
        assert_eq!(
            source_of_item("一、财政拨款收入", RowKind::Item, &mut carry),
            Some(Source::Fiscal)
        );
        assert_eq!(
            source_of_item("1.一般公共预算资金", RowKind::Item, &mut carry),
            Some(Source::GeneralAll)
        );
    }

    #[test]
    fn income_columns() {
        assert_eq!(
            source_of_column("财政拨款（补助）/一般公共预算", false),
            Some(Source::GeneralOwn)
        );
        assert_eq!(
            source_of_column("财政拨款（补助）/上级一般公共预算安排的转移支付", false),
            Some(Source::GeneralTransfer)
        );
        assert_eq!(
            source_of_column("财政拨款（补助）/小计", false),
            Some(Source::Fiscal)
        );
        assert_eq!(
            source_of_column("财政拨款收入", false),
            Some(Source::Fiscal)
        );
        assert_eq!(source_of_column("合计", false), Some(Source::Total));
        assert_eq!(source_of_column("合计", true), Some(Source::CurrentYear));
        assert_eq!(
            source_of_column("财政专户（教育收费）", false),
            Some(Source::SpecialAccount)
        );
    }
}
