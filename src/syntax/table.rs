//! Reading one table region into a [`Table`].
//!
//! The region's lines are sorted into header (titles, `编制单位`, `单位：` line, column headers and the
//! `※` row), body and noise (page numbers, headers repeated after a page break). The body is cut into
//! rows (`rows`), the figures placed in columns (`solve`) and the result checked for sense: a table
//! whose figures cannot be placed is reported unread and holds no cells.

use super::breakdowns;
use super::evidence;
use super::layouts::{self, Layout};
use super::lex::{self, squeeze, Line, Tk, Token};
use super::panels;
use super::regions::{unit_of_line, Region};
use super::rows::{self, RawRow};
use super::solve::{self, Group};
use super::titles;
use crate::model::{Cell, Column, LeftUnread, Row, RowKind, Side, Table, TableKind, TableStatus};
use crate::source::Span;
use rust_decimal::Decimal;
use std::collections::HashMap;

/// Reads the table of `region`. `is_expenditure` tells expenditure labels of two-sided tables.
/// `furniture` marks page numbers and running headers ([`lex::furniture`]); marked page numbers and
/// running headers are skipped.
pub fn read(
    src: &str,
    lines: &[Line],
    tokens: &lex::Tokens,
    furniture: &[lex::Furniture],
    region: &Region,
) -> Table {
    read_with(src, lines, tokens, furniture, region, &[])
}

/// Reads the table of `region`, knowing the totals of some of its columns from another table
/// (column name, printed total or `None` for an empty column): they settle placements the table's
/// own arithmetic leaves open.
pub fn read_with(
    src: &str,
    lines: &[Line],
    tokens: &lex::Tokens,
    furniture: &[lex::Furniture],
    region: &Region,
    known: &[(String, Option<Decimal>)],
) -> Table {
    let mut table = read_rows(src, lines, tokens, furniture, region, known);
    table.decimals = table
        .rows
        .iter()
        .flat_map(|r| &r.cells)
        .map(|c| c.value.scale())
        .max()
        .unwrap_or(0);
    table
}

/// The table of `region` with its rows and cells (see [`read_with`]).
fn read_rows(
    src: &str,
    lines: &[Line],
    tokens: &lex::Tokens,
    furniture: &[lex::Furniture],
    region: &Region,
    known: &[(String, Option<Decimal>)],
) -> Table {
    let title_line = lines[region.title];
    let title = squeeze(title_line.text(src));
    let end_span = lines
        .get(region.end.saturating_sub(1))
        .map_or(title_line.end, |l| l.end);
    let mut table = Table {
        kind: region.kind,
        number: region.number,
        title,
        title_span: title_line.span(),
        span: Span::new(title_line.start, end_span.max(title_line.end)),
        subject: None,
        unit: None,
        unit_span: None,
        columns: Vec::new(),
        income_columns: Vec::new(),
        rows: Vec::new(),
        status: TableStatus::Empty { statement: None },
        columns_counted: false,
        by_unit: false,
        left_unread: None,
        decimals: 0,
    };
    if region.kind.is_performance() {
        super::perf::read(src, tokens, region, &mut table);
        return table;
    }
    let mut parts = sort_lines(src, lines, tokens, furniture, region, &mut table);
    let toks: Vec<Token> = parts
        .body
        .iter()
        .flat_map(|&i| tokens.line(i))
        .copied()
        .collect();
    // Header cells that the extraction printed among the rows still say which layout this is —
    // except in a two-sided table laid out in fields, whose body words are its items' names
    // (`国有资本经营预算` under `一、财政拨款`, Hangzhou), not its columns'.
    let laid_out = region.kind.is_two_sided() && toks.iter().any(|t| t.field.is_some());
    for t in toks.iter().filter(|t| t.kind == Tk::Text && !laid_out) {
        let w = squeeze(t.text(src));
        if layouts::is_header_word(&w) {
            parts.header.push_str(&w);
        }
    }
    let known_layout = layouts::choose(region.kind, &parts.header, parts.star_columns)
        .or_else(|| single_row_by_all_words(src, &toks, region.kind, &parts.header));
    if toks.iter().all(|t| !t.is_number()) {
        if let Some(layout) = known_layout {
            set_columns(&mut table, layout);
        }
        table.status = TableStatus::Empty {
            statement: parts.empty_statement,
        };
        return table;
    }
    // Tab-separated when most lines holding figures are: a page number or the next part's
    // heading after a two-row table (wide/122's 收入预算总表) are not rows.
    let with_figures: Vec<usize> = parts
        .body
        .iter()
        .copied()
        .filter(|&i| tokens.line(i).iter().any(|t| t.kind == Tk::Figure))
        .collect();
    let rows_lines = if with_figures.is_empty() {
        &parts.body
    } else {
        &with_figures
    };
    let tabbed = rows_lines
        .iter()
        .filter(|&&i| lines[i].text(src).contains('\t'))
        .count()
        * 2
        > rows_lines.len();
    // A summary table breaking its expenditure down several times is read with the first breakdown.
    let further = (tabbed && region.kind.is_two_sided())
        .then(|| breakdowns::find(&toks))
        .flatten();
    let toks = match further {
        Some(b) => breakdowns::first_breakdown(&toks, b),
        None => toks,
    };
    let decimals = toks
        .iter()
        .any(|t| t.kind == Tk::Figure && t.text(src).contains('.'));
    // A one-sided table in fields: its lines, once, for every reading below.
    parts.fielded = (tabbed && !region.kind.is_two_sided())
        .then(|| lines_in_fields(&toks, &parts.header_cells));
    // One-sided PDF text: rows are cut without knowing the columns, so they can also be counted.
    let countable =
        !tabbed && !region.kind.is_two_sided() && known_layout.is_none_or(|l| !l.single_row);
    let one_sided = countable.then(|| one_sided_rows(src, &toks, region.kind, decimals));
    let mut result = match known_layout {
        Some(layout) => {
            let raw = match &one_sided {
                Some(raw) => std::borrow::Cow::Borrowed(raw),
                None => std::borrow::Cow::Owned(raw_rows(
                    src,
                    &toks,
                    region.kind,
                    layout,
                    &parts,
                    tabbed,
                    decimals,
                )),
            };
            let unplaced =
                layout.single_row && raw.is_empty() && toks.iter().any(|t| t.kind == Tk::Figure);
            if unplaced {
                Err(format!(
                    "一行数字分属 {} 列，而文本没有按列分隔（制表符），仅凭表内运算无法确定各数所在的列",
                    layout.columns.len()
                ))
            } else {
                // A row of more figures than the arithmetic places, taken in printed order (no
                // fields): that order is the columns' only if every identity of the row holds —
                // an extraction that prints columns in runs (Shanghai) reorders them.
                let in_printed_order =
                    layout.single_row && !tabbed && layout.columns.len() > MAX_SOLVED_ROW;
                place(&raw, layout, known)
                    .and_then(|rows| {
                        if in_printed_order {
                            confirm_printed_order(&raw, rows, layout)
                        } else {
                            sense_check(&raw, rows, layout)
                        }
                    })
                    .map(|rows| (rows, layout, false))
            }
        }
        None => Err("表头与已知的表格样式都不相符".to_string()),
    };
    if let (Err(_), Some(raw)) = (&result, &one_sided) {
        let n = parts
            .star_columns
            .or_else(|| raw.iter().map(|r| r.figures().count()).max())
            .unwrap_or(0);
        // Without named columns nothing but the sums can place a row's figures: the placements to
        // weigh must stay few (mostly complete rows), else the reading is left unread.
        let placements: usize = raw
            .iter()
            .map(|r| solve::binomial(n, r.figures().count()))
            .fold(0, usize::saturating_add);
        let affordable = placements <= COUNTED_PLACEMENTS_PER_ROW * raw.len().max(1);
        // Counting is for a header no known layout describes (none matched, the rows hold more
        // figures than its columns, or only the kind's default was taken, a guess the header does
        // not name). A known layout whose identities refused the reading has said what it knows;
        // counting the same figures without those identities would only hide it — unless every
        // row holds the same number of figures: then counting guesses nothing (each figure's column
        // is its place in the row) and the layout was named by words that are not this table's
        // columns (row labels like 商品和服务支出 also name another layout's columns).
        let complete = raw.iter().all(|r| r.figures().count() == n);
        let affordable = affordable
            && known_layout
                .is_none_or(|l| n > l.columns.len() || !l.named_by(&parts.header) || complete);
        if let Some(layout) = layouts::counted(n).filter(|_| affordable) {
            let counted = place(raw, layout, &[])
                .and_then(|rows| confirm_counted(src, raw, rows, layout))
                .map(|rows| (rows, layout, true));
            result = either(result, counted, n);
        }
    }
    // Tab-separated rows (a PDF's tables laid out by geometry, a spreadsheet's copy): each figure's
    // field is its column, so a header no known layout describes still gives the figures their
    // columns, by count; the table's own arithmetic must then support the reading.
    if let Some(fielded) = parts.fielded.as_ref().filter(|_| result.is_err()) {
        if panels::side_by_side(src, &fielded.lines) {
            // Read panel by panel: read by its lines, each line would hold several panels' rows.
            let read = panels::unfold(src, &fielded.lines).and_then(|(raw, names)| {
                let layout = layouts::panels(region.kind, &names).ok_or_else(|| {
                    format!(
                        "表中几组科目并排印出，各组的合计（{}）不是这种表已知的列",
                        names.join("、")
                    )
                })?;
                place(&raw, layout, &[])
                    .and_then(|rows| confirm_fielded(&raw, rows, layout))
                    .map(|rows| (rows, layout, false))
            });
            result = match (result, read) {
                (Err(first), Err(why)) => Err(format!("{first}；{why}")),
                (_, read) => read,
            };
        } else {
            let n = rows::tabbed_width(src, &fielded.lines, parts.star_lead);
            if let Some(layout) = layouts::counted(n) {
                let raw = raw_rows(src, &toks, region.kind, layout, &parts, true, decimals);
                let fielded = place(&raw, layout, &[])
                    .and_then(|rows| confirm_fielded(&raw, rows, layout))
                    .map(|rows| (rows, layout, true));
                result = either(result, fielded, n);
            }
        }
    }
    // One cell per line (a PDF viewer's copy): codes and figures each in order but apart; complete
    // rows pair them by count (`stream`), and the codes' sums must confirm the pairing.
    if result.is_err()
        && !tabbed
        && !region.kind.is_two_sided()
        && one_cell_per_line(&parts, tokens)
    {
        let items = rows::prepare(src, &toks, decimals);
        let stream = super::stream::read(src, &items);
        // The widths that pair figures with codes; the known layout's first.
        let mut widths = stream.widths();
        if let Some(at) =
            known_layout.and_then(|l| widths.iter().position(|&n| n == l.columns.len()))
        {
            let named = widths.remove(at);
            widths.insert(0, named);
        }
        // Each width paired in printed order, then in code order.
        let pairings = widths.into_iter().flat_map(|n| {
            [stream.rows(n), stream.rows_by_code(n)]
                .into_iter()
                .flatten()
                .map(move |raw| (n, raw))
        });
        for (n, paired) in pairings {
            let raw = paired.rows;
            let (layout, counted) = match known_layout.filter(|l| l.columns.len() == n) {
                Some(l) => (l, false),
                None => match layouts::counted(n) {
                    Some(l) => (l, true),
                    None => continue,
                },
            };
            let placed = place(&raw, layout, &[]).ok();
            let confirmed =
                placed.and_then(|rows| confirm_paired(&raw, rows, layout, paired.beside));
            if let Some(rows) = confirmed {
                result = Ok((rows, layout, counted));
                break;
            }
        }
    }
    match result {
        Ok((rows, layout, counted)) => {
            set_columns(&mut table, layout);
            table.columns_counted = counted;
            // A reading that placed none of the amounts printed in the body did not read them:
            // the table is not empty (wide/124's 结转资金支出表, its amounts amid code columns).
            let printed = toks.iter().find(|t| t.kind == Tk::Figure);
            table.status = match printed {
                _ if rows.iter().any(|r| !r.cells.is_empty()) => TableStatus::Read,
                Some(t) => TableStatus::Unread {
                    reason: format!(
                        "表中印有金额（如 {}），但没有一个能归入表的列，行或列未被正确识别",
                        t.text(src)
                    ),
                },
                None => TableStatus::Empty {
                    statement: parts.empty_statement,
                },
            };
            table.by_unit = crate::model::units(
                rows.iter()
                    .filter(|r| r.side.is_none())
                    .map(|r| (r.kind, r.code.as_deref(), !r.cells.is_empty())),
            )
            .is_some();
            if !matches!(table.status, TableStatus::Unread { .. }) {
                table.rows = rows;
            }
            table.left_unread = match further {
                Some(b) => Some(breakdowns::left_unread(b.count)),
                None => table.by_unit.then(by_unit_left_unread),
            };
        }
        Err(reason) => table.status = TableStatus::Unread { reason },
    }
    table
}

/// What the reading of a table by unit leaves out: its codes compared with the other tables'.
fn by_unit_left_unread() -> LeftUnread {
    LeftUnread {
        zh: "表内按预算单位逐一列示科目，只核对了各单位自身的加总，未与其他表的科目金额对照"
            .to_string(),
        en: "the table lists each budget unit's classes in turn; only each unit's own sums were \
             checked, its codes were not compared with the other tables"
            .to_string(),
    }
}

fn set_columns(table: &mut Table, layout: &Layout) {
    let names = |cols: &[&str]| {
        cols.iter()
            .map(|c| Column {
                name: c.to_string(),
            })
            .collect()
    };
    table.columns = names(layout.columns);
    table.income_columns = names(layout.income_columns);
}

/// The body's raw rows under `layout` (its column count matters to tab-separated and two-sided rows;
/// one-sided PDF text is cut into rows without it: [`one_sided_rows`]).
fn raw_rows(
    src: &str,
    toks: &[Token],
    kind: TableKind,
    layout: &Layout,
    parts: &Parts,
    tabbed: bool,
    decimals: bool,
) -> Vec<RawRow> {
    let raw = if layout.single_row {
        let n = layout.columns.len();
        match single_tabbed_row(src, toks, n) {
            Some(row) => row,
            None => {
                let items = rows::prepare(src, toks, false);
                let figures = items
                    .iter()
                    .filter(|it| matches!(it, rows::Item::Figure(..)))
                    .count();
                // Twelve columns (预算数 and 决算数 side by side) leave too many placements of ten
                // figures for the arithmetic to choose from: such a row is read by its fields
                // only — unless it prints every column's figure, which leaves nothing to place.
                if n > MAX_SOLVED_ROW && figures != n {
                    Vec::new()
                } else {
                    single_row(&items, n)
                }
            }
        }
    } else if kind.is_two_sided() {
        let items = rows::prepare(src, toks, decimals);
        let mut r = rows::two_sided(src, &items, &is_expenditure_label, tabbed);
        for row in &mut r {
            let n = layout.columns_of(row.side).len();
            row.positioned = tabbed && row.values.len() == n;
            if !row.positioned {
                row.values.retain(|v| v.value.is_some());
            }
        }
        r
    } else if let Some(fielded) = &parts.fielded {
        rows::tabbed(src, fielded, parts.star_lead, layout.columns.len())
    } else {
        return one_sided_rows(src, toks, kind, decimals);
    };
    kept_rows(raw, kind)
}

/// The raw rows of a one-sided table in PDF text (a row starts at a code group or a new name).
fn one_sided_rows(src: &str, toks: &[Token], kind: TableKind, decimals: bool) -> Vec<RawRow> {
    let items = rows::prepare(src, toks, decimals);
    let item_column = kind == TableKind::GeneralBudgetProjects;
    let (mut r, leftover) = rows::one_sided(src, &items, item_column);
    rows::attach_leftover_codes(&mut r, leftover);
    rows::pass_codes_of_totals(&mut r);
    if kind.is_coded() {
        rows::infer_missing_codes(&mut r);
        rows::release_duplicate_codes(&mut r);
    }
    if item_column {
        rows::split_items_by_catalogue(&mut r);
    }
    kept_rows(r, kind)
}

/// The rows that say something: a code, a figure, a side, or (outside coded tables) an item name.
fn kept_rows(mut raw: Vec<RawRow>, kind: TableKind) -> Vec<RawRow> {
    // A code is unique in a table, whatever its kind (财政拨款支出表 is coded too).
    if kind.is_coded() || raw.iter().any(|r| r.code.is_some()) {
        rows::drop_repeated_rows(&mut raw);
    }
    raw.into_iter()
        .filter(|r| {
            r.code.is_some()
                || r.figures().next().is_some()
                || r.side.is_some()
                // Items printed without figures are part of what the table states (三公: 因公出国（境）费).
                || (!kind.is_coded() && !r.label.is_empty() && !layouts::is_header_word(&r.label))
        })
        .collect()
}

/// The most columns a single-row table's figures are placed in by arithmetic when the text does not
/// give their fields (Shanghai's 三公 and 机关运行经费 table: 7).
const MAX_SOLVED_ROW: usize = 7;

/// A single-row layout (one row of figures under its header: the 三公 tables) named by every word of
/// the region, when its body holds exactly one figure per column. Text copied one cell per line
/// prints the header's cells among the figures (wide/111: `“三公”经费合计` `43.80` `因公出国（境）费`
/// `0.00` …), and the item names of a 三公 table are not header words elsewhere (they are the rows of
/// the tables that list the items downwards); in a one-row table every word is the header's. The
/// figures then stand in the layout's column order, as printed, with nothing to place.
fn single_row_by_all_words(
    src: &str,
    toks: &[Token],
    kind: TableKind,
    header: &str,
) -> Option<&'static Layout> {
    let mut words = header.to_string();
    for t in toks.iter().filter(|t| t.kind == Tk::Text) {
        words.push_str(&squeeze(t.text(src)));
    }
    let figures = toks.iter().filter(|t| t.kind == Tk::Figure).count();
    layouts::choose(kind, &words, None).filter(|l| l.single_row && l.columns.len() == figures)
}

/// Every figure of the body, in order, as the one row of a single-row table.
fn single_row(items: &[rows::Item], columns: usize) -> Vec<RawRow> {
    let values: Vec<rows::RawValue> = items
        .iter()
        .filter_map(|it| match it {
            rows::Item::Figure(v, span) => Some(rows::RawValue {
                value: Some(*v),
                span: *span,
            }),
            _ => None,
        })
        .collect();
    let positioned = values.len() == columns;
    one_row(values, positioned)
}

/// The one row of a single-row table laid out in fields (a PDF's table, a spreadsheet's copy): the
/// only line with a figure, one field per column, an empty field an empty cell — so the columns are
/// known, not solved (wide/131 公开09表 prints blanks between its twelve figures). None when that
/// line is not tab-separated or has another number of fields.
fn single_tabbed_row(src: &str, toks: &[Token], columns: usize) -> Option<Vec<RawRow>> {
    let lines = group_by_line(toks);
    let mut with_figures = lines
        .iter()
        .filter(|l| l.iter().any(|t| t.kind == Tk::Figure));
    let line = with_figures.next()?;
    if with_figures.next().is_some() {
        return None;
    }
    let mut values: Vec<Option<rows::RawValue>> = vec![None; columns];
    for t in line {
        let slot = values.get_mut(t.field?)?;
        let value = match t.kind {
            Tk::Figure | Tk::Int => Some(t.value(src)?),
            Tk::Empty => None,
            _ => return None,
        };
        *slot = Some(rows::RawValue {
            value,
            span: t.span,
        });
    }
    let values: Option<Vec<rows::RawValue>> = values.into_iter().collect();
    Some(one_row(values?, true))
}

fn one_row(values: Vec<rows::RawValue>, positioned: bool) -> Vec<RawRow> {
    let Some(first) = values.first() else {
        return Vec::new();
    };
    vec![RawRow {
        kind: RowKind::Total,
        side: None,
        code: None,
        label: "预算数".to_string(),
        label_span: Span::new(first.span.start, first.span.start),
        item: None,
        positioned,
        values,
    }]
}

fn group_by_line(toks: &[Token]) -> Vec<Vec<Token>> {
    let mut out: Vec<Vec<Token>> = Vec::new();
    for t in toks {
        match out.last_mut() {
            Some(l) if l[0].line == t.line => l.push(*t),
            _ => out.push(vec![*t]),
        }
    }
    out
}

/// Expenditure items of two-sided tables: class names (`一、一般公共服务支出`), 支出总计 and the like.
pub fn is_expenditure_label(label: &str) -> bool {
    let l =
        label.trim_start_matches(|c: char| "一二三四五六七八九十、.．0123456789（）()".contains(c));
    l.ends_with("支出")
        // 单位预留机动经费 (wide/129): money to spend, not a source.
        || (l.ends_with("经费") && !["收入", "结转", "结余", "拨款"].iter().any(|w| l.contains(w)))
        || l.contains("支出总计")
        || l.contains("支出合计")
        || matches!(l, "预备费" | "结转下年" | "年末结转和结余" | "结余分配")
}

/// The lines of a region, sorted.
struct Parts {
    header: String,
    body: Vec<usize>,
    star_columns: Option<usize>,
    /// Number of `※` cells: fields before the figures.
    star_lead: Option<usize>,
    /// Header cells (stacked, one per field) of tab-separated header lines.
    header_cells: Vec<String>,
    /// A one-sided tab-separated table's body in fields ([`lines_in_fields`]), once its tokens are
    /// known.
    fielded: Option<rows::Fielded>,
    empty_statement: Option<Span>,
}

fn sort_lines(
    src: &str,
    lines: &[Line],
    tokens: &lex::Tokens,
    furniture: &[lex::Furniture],
    region: &Region,
    table: &mut Table,
) -> Parts {
    let mut parts = Parts {
        header: String::new(),
        body: Vec::new(),
        star_columns: None,
        star_lead: None,
        header_cells: Vec::new(),
        fielded: None,
        empty_statement: None,
    };
    let mut in_body = false;
    let mut first_header: Option<String> = None;
    let mut header_lines: Vec<&str> = Vec::new();
    let mut skipping_repeat = false;
    // The header lines of the first page, and the lines after a repeated header not among them.
    let mut first_lines: Vec<String> = Vec::new();
    let mut after_repeat: Vec<usize> = Vec::new();
    for i in region.title + 1..region.end {
        let line = lines[i];
        let text = line.text(src);
        let sq = squeeze(text);
        if sq.is_empty() {
            continue;
        }
        if let Some((unit, at)) = unit_of_line(&sq) {
            if table.unit.is_none() {
                table.unit = Some(unit);
                table.unit_span = Some(unit_span(src, line, at, &sq));
            }
            if in_body {
                skipping_repeat = true;
            }
            continue;
        }
        if sq.starts_with("编制单位") || sq.starts_with("编制部门") || sq.starts_with("预算单位：")
        {
            if in_body {
                skipping_repeat = true;
            }
            continue;
        }
        if sq.contains("为空表") || sq.contains("本表无数据") || sq.contains("无此项") {
            parts.empty_statement = Some(line.span());
            continue;
        }
        if let Some((lead, cols)) = star_row(tokens.line(i)) {
            parts.star_columns = parts.star_columns.or(Some(cols));
            parts.star_lead = parts.star_lead.or(Some(lead));
            skipping_repeat = false;
            continue;
        }
        // Page numbers by their marks and the running header (a new page: the table's header may be
        // repeated after it); a lone number may be a figure here.
        match furniture.get(i) {
            Some(lex::Furniture::RunningHeader) => {
                skipping_repeat |= in_body;
                continue;
            }
            Some(lex::Furniture::PageNumber) => continue,
            _ => {}
        }
        // The title (and its "公开 01 表" label) repeated on a later page of the same table.
        let title = titles::title_kind(text);
        if title == Some(region.kind) || titles::label_number(text).is_some() {
            if in_body {
                skipping_repeat = true;
            }
            continue;
        }
        // The next table's title printed twice (`九、…情况表` as a heading, then its own title
        // line, where the next region starts: wide/121) is no row of this one.
        if title.is_some() && in_body {
            continue;
        }
        let starts_body = line_starts_body(src, tokens.line(i));
        if !in_body {
            if starts_body {
                in_body = true;
                // Two-sided tables: income labels printed on lines before the first figure.
                if region.kind.is_two_sided() {
                    pull_back_labels(src, lines, region.title + 1, i, &mut parts);
                }
                parts.body.push(i);
            } else {
                if first_header.is_none() {
                    first_header = Some(sq.clone());
                }
                first_lines.push(sq.clone());
                parts.header.push_str(&sq);
                if text.contains('\t') {
                    header_lines.push(text);
                }
            }
            continue;
        }
        if first_header.as_deref() == Some(sq.as_str()) {
            skipping_repeat = true;
            continue;
        }
        if skipping_repeat {
            if starts_body {
                skipping_repeat = false;
                parts.body.append(&mut after_repeat);
            } else {
                // A line in fields the first page's header did not print, right before the rows
                // go on, is the rows' (a name's beginning, its code and figures on the next line:
                // wide/104).
                let printed = first_lines.contains(&sq);
                if printed || region.kind.is_two_sided() || !text.contains('\t') {
                    after_repeat.clear();
                } else {
                    after_repeat.push(i);
                }
                continue;
            }
        }
        parts.body.push(i);
    }
    parts.header_cells = stacked_header(&header_lines);
    parts.header.push_str(&parts.header_cells.concat());
    parts
}

/// The header cells of tab-separated header lines, each field's fragments stacked top to bottom
/// (`政府性基金` over `预算` is `政府性基金预算`): a cell printed over two lines names its column in
/// one piece, which the lines' own concatenation does not give. Appended to the header text the
/// layouts are chosen by.
fn stacked_header(header_lines: &[&str]) -> Vec<String> {
    let mut fields: Vec<String> = Vec::new();
    for line in header_lines {
        for (f, cell) in line.split('\t').enumerate() {
            if fields.len() <= f {
                fields.resize(f + 1, String::new());
            }
            fields[f].push_str(&squeeze(cell));
        }
    }
    fields
}

/// Whether a header cell heads one part of a code printed in 类 / 款 / 项 columns: `类`, `款`,
/// `项` alone or under `…科目编码`. (A whole code's column, `科目编码`, heads codes followed by
/// their names and amounts in the central template's 基本支出 tables, several groups side by side:
/// a column of the table, not an aside.)
fn heads_codes(cell: &str) -> bool {
    cell.ends_with(['类', '款', '项'])
        && (cell.chars().count() == 1 || cell.contains("编码") || cell.contains("代码"))
}

/// The table's lines in fields, without the columns of codes standing amid its figures (a
/// purchase list's 经济科目 类/款 between its quantity and its amount: `1 302 27 502 05
/// 280,000.00`, wide/123 and /125): their digits are codes, not amounts, and are not read. The
/// columns are known by their header cells ([`heads_codes`]), field for field, right of the first
/// field of numbers after the names that is no such column; code columns before it (a row's own
/// code, or a second code beside its name, which may group the rows: Yantai's 政府经济分类) stay.
///
/// Also gives, per field kept, whether its header heads a part of the rows' own code (`类`, `款`,
/// `项`): [`rows::tabbed`] then takes a code's parts from those fields only.
fn lines_in_fields(toks: &[Token], header_cells: &[String]) -> rows::Fielded {
    let lines = group_by_line(toks);
    let heads = |f: usize| header_cells.get(f).is_some_and(|c| heads_codes(c));
    let parts: Vec<bool> = (0..header_cells.len()).map(heads).collect();
    let fields_of = |kinds: &[Tk]| {
        lines
            .iter()
            .flatten()
            .filter(|t| kinds.contains(&t.kind))
            .filter_map(|t| t.field)
            .collect::<Vec<usize>>()
    };
    let first_amount = fields_of(&[Tk::Text])
        .into_iter()
        .min()
        .and_then(|first_text| {
            fields_of(&[Tk::Int, Tk::Figure])
                .into_iter()
                .filter(|&f| f > first_text && !heads(f))
                .min()
        });
    let Some(first_amount) = first_amount else {
        return rows::Fielded {
            lines,
            code_parts: parts,
        };
    };
    let aside: Vec<bool> = (0..header_cells.len())
        .map(|f| f > first_amount && heads(f))
        .collect();
    rows::Fielded::without(lines, &parts, &aside)
}

/// The exact span of the unit word in a `单位：万元` line (`at` is a byte offset in the squeezed text).
fn unit_span(src: &str, line: Line, at: usize, sq: &str) -> Span {
    let text = line.text(src);
    let word = if sq[at..].trim_start_matches(['：', ':']).starts_with("万元") {
        "万元"
    } else {
        "元"
    };
    // Find the unit word after the last "单位".
    let base = text.rfind("单位").unwrap_or(0);
    match text[base..].find(word) {
        Some(j) => Span::new(line.start + base + j, line.start + base + j + word.len()),
        None => line.span(),
    }
}

/// `※ ※ ※ ※ 1 2 3 …`: returns (number of ※, number of column numbers).
fn star_row(toks: &[Token]) -> Option<(usize, usize)> {
    let stars = toks.iter().filter(|t| t.kind == Tk::Star).count();
    let ints = toks.iter().filter(|t| t.kind == Tk::Int).count();
    let others = toks
        .iter()
        .filter(|t| !matches!(t.kind, Tk::Star | Tk::Int | Tk::Empty))
        .count();
    (stars > 0 && ints > 0 && others == 0).then_some((stars, ints))
}

/// A body line has a figure, or starts with a classification code.
fn line_starts_body(src: &str, toks: &[Token]) -> bool {
    let first = toks.iter().find(|t| t.kind != Tk::Empty);
    let code_first = first.is_some_and(|t| t.kind == Tk::Int && rows::is_code_head(t.text(src)));
    code_first
        || toks.iter().any(|t| {
            t.kind == Tk::OpenFigure || (t.kind == Tk::Figure && t.text(src).contains(['.', ',']))
        })
}

fn pull_back_labels(src: &str, lines: &[Line], from: usize, to: usize, parts: &mut Parts) {
    let mut pulled = Vec::new();
    for j in (from..to).rev() {
        let sq = squeeze(lines[j].text(src));
        if sq.is_empty() {
            continue;
        }
        let ordinal =
            sq.starts_with(|c: char| "一二三四五六七八九十".contains(c)) && sq.contains('、');
        if !ordinal {
            break;
        }
        pulled.push(j);
    }
    pulled.reverse();
    parts.body.extend(pulled);
}

/// Places every row's figures and builds the model rows.
fn place(
    raw: &[RawRow],
    layout: &Layout,
    external: &[(String, Option<Decimal>)],
) -> Result<Vec<Row>, String> {
    let mut out: Vec<Option<Row>> = vec![None; raw.len()];
    for side in [None, Some(Side::Income), Some(Side::Expenditure)] {
        let idx: Vec<usize> = (0..raw.len()).filter(|&i| raw[i].side == side).collect();
        if idx.is_empty() {
            continue;
        }
        let members: Vec<&RawRow> = idx.iter().map(|&i| &raw[i]).collect();
        let groups = hierarchy(&members);
        let n = layout.columns_of(side).len();
        let known =
            if side == Some(Side::Expenditure) && layout.kind.is_some_and(|k| k.is_two_sided()) {
                income_named_columns(raw, layout)
            } else if side.is_none() {
                external
                    .iter()
                    .filter_map(|(name, value)| {
                        let column = layout.columns.iter().position(|c| c == name)?;
                        Some(solve::ColumnTotal {
                            column,
                            value: *value,
                        })
                    })
                    .collect()
            } else {
                Vec::new()
            };
        let placements = solve::solve(
            &members,
            n,
            layout.identities_of(side),
            &groups,
            layout,
            &known,
        )?;
        for (k, (&i, p)) in idx.iter().zip(placements).enumerate() {
            let r = members[k];
            let cells = r
                .figures()
                .zip(p.columns.iter().zip(p.alternatives))
                .map(|((value, span), (&column, alternatives))| Cell {
                    column,
                    value,
                    span,
                    alternatives,
                })
                .collect();
            out[i] = Some(Row {
                kind: r.kind,
                side: r.side,
                code: r.code.as_ref().map(|c| c.0.clone()),
                code_span: r.code.as_ref().map(|c| c.1),
                label: r.label.clone(),
                label_span: r.label_span,
                item: r.item.as_ref().map(|i| i.0.clone()),
                cells,
            });
        }
    }
    Ok(out.into_iter().flatten().collect())
}

/// In a two-sided table, income items named like an expenditure column ("二、政府性基金预算 3,680,000")
/// give that column's total; a named item without a figure says the column is empty.
fn income_named_columns(raw: &[RawRow], layout: &Layout) -> Vec<solve::ColumnTotal> {
    layout
        .columns
        .iter()
        .enumerate()
        .skip(1)
        .filter_map(|(column, name)| {
            let item = raw
                .iter()
                .find(|r| r.side == Some(Side::Income) && rows::strip_ordinal(&r.label) == *name)?;
            Some(solve::ColumnTotal {
                column,
                value: item.figures().next().map(|f| f.0),
            })
        })
        .collect::<Vec<_>>()
}

/// Refuses a reading that the table's own arithmetic contradicts (`evidence`): real documents have a
/// few misprints, a misread layout (figures printed beside another row's name, columns not the printed
/// ones) breaks identities all over the table. Never half-guess.
fn sense_check(raw: &[RawRow], rows: Vec<Row>, layout: &Layout) -> Result<Vec<Row>, String> {
    let Judged { rows, verdict, .. } = judged(raw, rows, layout)?;
    if verdict.misread() {
        return Err(verdict.reason());
    }
    Ok(rows)
}

/// This many rows of figures without a name or code on one side make a reading unreliable.
const MAX_UNNAMED_TOTALS: usize = 3;

/// This many item names of a two-sided table cut into pieces make its reading unreliable.
const MAX_LABEL_PIECES: usize = 3;

/// On average at most this many placements per row are weighed when counting columns.
const COUNTED_PLACEMENTS_PER_ROW: usize = 4;

/// Sums that must hold in a table read by counting its figures before the reading is believed.
const MIN_CONFIRMING: usize = 3;

/// A reading with counted columns has nothing but its sums to stand on: at least [`MIN_CONFIRMING`]
/// of them must hold and none may fail — with no column names, a failing sum cannot be told from a
/// figure counted into the wrong column.
///
/// One column leaves no column to choose, and a figure printed on its name's line is that row's by
/// the text itself: then one parent = Σ children over two or more non-zero rows, confirming the
/// figures are the rows' amounts and none is missing or extra, is enough (wide/121's
/// 经济分类情况表: 合计 over its four classes with figures).
fn confirm_counted(
    src: &str,
    raw: &[RawRow],
    rows: Vec<Row>,
    layout: &Layout,
) -> Result<Vec<Row>, String> {
    let Judged {
        rows,
        verdict,
        groups,
    } = judged(raw, rows, layout)?;
    let holding = verdict.checked - verdict.failing;
    let on_name_lines = layout.columns.len() == 1
        && raw.iter().all(|r| {
            r.figures().all(|(_, at)| {
                !r.label.is_empty()
                    && src
                        .get(r.label_span.end..at.start)
                        .is_some_and(|between| !between.contains('\n'))
            })
        });
    if on_name_lines
        && verdict.failing == 0
        && evidence::distinguishing_sums(&rows, unsided(&groups), 1) >= 1
    {
        return Ok(rows);
    }
    if holding < MIN_CONFIRMING {
        return Err(format!(
            "只有 {holding} 组上下级加总关系可以印证读数，不足以确认各数所在的列"
        ));
    }
    if verdict.failing > 0 {
        return Err(format!(
            "按数字个数分列后有 {}/{} 组加总关系不成立，无法区分印错与分错列",
            verdict.failing, verdict.checked
        ));
    }
    Ok(rows)
}

/// A reading whose rows were paired with their codes by order ([`super::stream`]): the pairing is
/// believed only when the codes' sums confirm it — at least [`MIN_CONFIRMING`] parent = Σ children
/// hold over two or more non-zero children ([`evidence::distinguishing_sums`]) and the sums'
/// failures are a misprint's, not a misreading's ([`evidence::Verdict::misread`]: a code paired
/// with another row's figures leaves failures that need several rows to explain, or the same
/// difference in rows with nothing in common) — and the layout's own identities do not call it
/// misread. Where every code (or its catalogue name) stood just before its own figures
/// (`beside`), the text pairs them and one such sum is enough.
fn confirm_paired(
    raw: &[RawRow],
    rows: Vec<Row>,
    layout: &Layout,
    beside: bool,
) -> Option<Vec<Row>> {
    let sums_only = layouts::counted(layout.columns.len())?;
    let Judged {
        rows,
        verdict: vertical,
        groups,
    } = judged(raw, rows, sums_only).ok()?;
    let confirming = evidence::distinguishing_sums(&rows, unsided(&groups), layout.columns.len());
    // Codes printed beside their own figures need no count to pair them: one sum that tells rows
    // apart is enough.
    let needed = if beside { 1 } else { MIN_CONFIRMING };
    if confirming < needed || vertical.misread() {
        return None;
    }
    sense_check(raw, rows, layout).ok()
}

/// Most body lines hold one token: the text came one cell per line. A code glued to its name
/// (`[2010501]行政运行`, Guangdong) is one cell.
fn one_cell_per_line(parts: &Parts, tokens: &lex::Tokens) -> bool {
    let counts = parts.body.iter().map(|&i| {
        let kinds = || {
            tokens
                .line(i)
                .iter()
                .map(|t| t.kind)
                .filter(|&k| k != Tk::Empty)
        };
        match kinds().count() {
            2 if kinds().eq([Tk::Int, Tk::Text]) => 1,
            n => n,
        }
    });
    let (single, all) = counts
        .filter(|&c| c > 0)
        .fold((0, 0), |(s, a), c| (s + usize::from(c == 1), a + 1));
    all > 0 && single * 10 >= all * 9
}

/// A single row read in printed order: every identity holds, and one of them adds up two or more
/// non-zero figures (zeros add up whatever their order).
fn confirm_printed_order(
    raw: &[RawRow],
    rows: Vec<Row>,
    layout: &Layout,
) -> Result<Vec<Row>, String> {
    let Judged { rows, verdict, .. } = judged(raw, rows, layout)?;
    let distinguishing = rows.iter().any(|r| {
        layout.identities.iter().any(|id| {
            id.parts
                .iter()
                .filter(|&&p| r.cell(p).is_some_and(|c| !c.value.is_zero()))
                .count()
                >= 2
        })
    });
    if verdict.failing > 0 || !distinguishing {
        return Err(format!(
            "一行数字按印出的顺序分属 {} 列，但表内运算不能印证这一顺序（文本可能按列分段打乱了次序）",
            layout.columns.len()
        ));
    }
    Ok(rows)
}

/// The reading by counted columns when the first one failed, or both reasons.
fn either<T>(first: Result<T, String>, counted: Result<T, String>, n: usize) -> Result<T, String> {
    match (first, counted) {
        (Err(first), Err(second)) => {
            Err(format!("{first}；按数字个数分为 {n} 列也不成立：{second}"))
        }
        (_, counted) => counted,
    }
}

/// A reading whose figures stand in their own fields (tab-separated rows, one field per column) but
/// whose columns have no names: the placement is the text's, not a guess, so the evidence rule of
/// every read table applies (a misprint is a finding, a misreading makes the table unread), and
/// with more than one column at least one sum must hold — parent = Σ children, a column that is
/// the sum of the columns after it ([`evidence::column_sums`]), or a list's total over its rows
/// ([`evidence::list_totals`]): the fields are then the columns.
fn confirm_fielded(raw: &[RawRow], rows: Vec<Row>, layout: &Layout) -> Result<Vec<Row>, String> {
    let Judged { rows, verdict, .. } = judged(raw, rows, layout)?;
    if verdict.misread() {
        return Err(verdict.reason());
    }
    let columns = layout.columns.len();
    let holding = verdict.checked - verdict.failing + evidence::column_sums(&rows, columns);
    if columns == 1 || holding > 0 {
        return Ok(rows);
    }
    // A list's totals confirm only their own columns: each column holding a figure must be one
    // (a purchase list's 经济科目 类/款 columns print codes, `302`, `05`, that no total adds up).
    let listed = evidence::list_totals(&rows, columns);
    let unconfirmed = (0..columns).find(|&c| {
        !listed[c]
            && rows
                .iter()
                .any(|r| r.cell(c).is_some_and(|x| !x.value.is_zero()))
    });
    match unconfirmed {
        None if listed.contains(&true) => Ok(rows),
        Some(c) if listed.contains(&true) => Err(format!(
            "第{}列的数字没有一组加总关系可以印证，无法确认它们是金额",
            c + 1
        )),
        _ => Err("没有一组加总关系可以印证读数，无法确认各数所在的列".to_string()),
    }
}

/// The reading's rows with the verdict of the table's arithmetic, or why the rows cannot be right.
fn judged(raw: &[RawRow], rows: Vec<Row>, layout: &Layout) -> Result<Judged, String> {
    let mut groups = Vec::new();
    for side in [None, Some(Side::Income), Some(Side::Expenditure)] {
        let idx: Vec<usize> = (0..raw.len()).filter(|&i| raw[i].side == side).collect();
        let members: Vec<&RawRow> = idx.iter().map(|&i| &raw[i]).collect();
        let side_groups: Vec<Group> = hierarchy(&members)
            .into_iter()
            .map(|g| Group {
                parent: idx[g.parent],
                children: g.children.iter().map(|&c| idx[c]).collect(),
            })
            .collect();
        for g in &side_groups {
            // A totals row whose label was printed away (found only by its place) and that is smaller
            // than one of its own non-negative parts is not a totals row: the rows were displaced.
            let first = |r: &Row| r.cell(0).map(|c| c.value);
            let pi = g.parent;
            if rows[pi].kind == RowKind::Total && rows[pi].label.is_empty() {
                if let Some(total) = first(&rows[pi]).filter(|t| !t.is_sign_negative()) {
                    let children = &g.children;
                    let biggest = children.iter().filter_map(|&c| first(&rows[c])).max();
                    if biggest.is_some_and(|b| b > total)
                        && !children
                            .iter()
                            .any(|&c| first(&rows[c]).is_some_and(|v| v.is_sign_negative()))
                    {
                        return Err("总计行小于其中一项，行与数字的对应关系不可靠".to_string());
                    }
                }
            }
        }
        groups.push((side, side_groups));
    }
    // Rows of figures with neither name nor code are taken for the totals row whose label was
    // printed away; a table has one such row per side at most. Several are pieces of figures or
    // lines the extraction cut off their rows (a digit wrapped in its cell, `1682.7` over `6`), and
    // each would sum the same classes: their failures would share those rows and pass for one
    // misprint.
    for side in [None, Some(Side::Income), Some(Side::Expenditure)] {
        let unnamed = rows
            .iter()
            .filter(|r| r.side == side && r.kind == RowKind::Total && r.label.is_empty())
            .filter(|r| r.code.is_none() && !r.cells.is_empty())
            .count();
        if unnamed >= MAX_UNNAMED_TOTALS {
            return Err(format!(
                "有 {unnamed} 行数字没有项目名称，行与数字的对应关系不可靠"
            ));
        }
    }
    // Two-sided tables whose item names came apart ("收入合" ⏎ "计", "一、财政" ⏎ "拨款",
    // wide/129): when several labels are short unnumbered pieces, the pairing of
    // names and figures is the extraction's, not the table's. (Item names are numbered "一、…"
    // or longer than three characters.)
    let pieces = rows
        .iter()
        .filter(|r| r.side.is_some() && !r.label.is_empty())
        .filter(|r| {
            let short = r.label.chars().count() <= 3;
            short
                && !rows::is_total_label(&r.label)
                && !rows::starts_item(&r.label)
                && !layouts::is_header_word(&r.label)
        })
        .count();
    if pieces >= MAX_LABEL_PIECES {
        return Err(format!(
            "有 {pieces} 个项目名称被拆散在几行中，项目与数字的对应关系不可靠"
        ));
    }
    // Two-sided tables: a side with figures has a totals row with figures; when the extraction moved
    // the totals' figures to another row, the pairing of labels and figures cannot be trusted.
    for side in [Side::Income, Side::Expenditure] {
        let on_side = || rows.iter().filter(move |r| r.side == Some(side));
        let has_figures = on_side().any(|r| !r.cells.is_empty());
        let total_empty = on_side().any(|r| r.kind == RowKind::Total && r.cells.is_empty());
        if has_figures && total_empty {
            return Err("总计行没有读到数字，项目与数字的对应关系不可靠".to_string());
        }
    }
    let verdict = evidence::judge(&rows, layout, &groups);
    Ok(Judged {
        rows,
        verdict,
        groups,
    })
}

/// A reading's rows, the verdict of the table's arithmetic on them, and the families it judged by
/// (per side, as indices into the rows).
struct Judged {
    rows: Vec<Row>,
    verdict: evidence::Verdict,
    groups: evidence::SideGroups,
}

/// The families of the rows printed on no side: all of a one-sided table's.
fn unsided(groups: &evidence::SideGroups) -> &[Group] {
    groups
        .iter()
        .find(|(side, _)| side.is_none())
        .map_or(&[], |(_, g)| g.as_slice())
}

/// Parent/children groups by classification code, and totals over the top-level rows.
fn hierarchy(rows: &[&RawRow]) -> Vec<Group> {
    // A table printing no code at all: the catalogue's codes of its names, when every name has one.
    let named = if rows.iter().any(|r| r.code.is_some()) {
        None
    } else {
        let named: Vec<super::name_codes::Named> = rows
            .iter()
            .map(|r| (r.kind, None, r.label.as_str()))
            .collect();
        super::name_codes::all(&named)
    };
    let code = |i: usize| {
        rows[i]
            .code
            .as_ref()
            .map(|c| c.0.as_str())
            .or_else(|| named.as_ref().and_then(|n| n[i]))
    };
    // In a table by unit, codes nest within their unit's block (`model::units`).
    let units = crate::model::units(rows.iter().map(|r| {
        (
            r.kind,
            r.code.as_ref().map(|c| c.0.as_str()),
            r.figures().next().is_some(),
        )
    }));
    let block = |i: usize| units.as_ref().and_then(|u| u.block[i]);
    let mut by_parent: HashMap<(Option<usize>, &str), Vec<usize>> = HashMap::new();
    for i in 0..rows.len() {
        if let Some(c) = code(i).filter(|c| c.len() > 3) {
            by_parent
                .entry((block(i), &c[..c.len() - 2]))
                .or_default()
                .push(i);
        }
    }
    let mut groups: Vec<Group> = Vec::new();
    for (p, r) in rows.iter().enumerate() {
        let Some(children) = code(p).and_then(|pc| by_parent.get(&(block(p), pc))) else {
            continue;
        };
        if r.item.is_none() {
            groups.push(Group {
                parent: p,
                children: children.clone(),
            });
        }
    }
    let classes = crate::model::expenditure_classes(rows.iter().map(|r| match r.side {
        Some(Side::Expenditure) if r.code.is_none() => {
            (r.kind, r.label.as_str(), r.figures().next().map(|f| f.0))
        }
        _ => (RowKind::Coded, "", None),
    }));
    // The top level: classes (3-digit codes); in a table coded otherwise (units, `242001 西安市
    // 人力资源和社会保障局`, wide/124), the shortest codes printed — when no two rows share one
    // (rows under one code are its projects, not a level of their own).
    let shortest = (0..rows.len())
        .filter_map(|i| code(i).map(str::len))
        .min()
        .unwrap_or(3);
    let mut at_shortest: Vec<&str> = (0..rows.len())
        .filter_map(code)
        .filter(|c| c.len() == shortest)
        .collect();
    let count = at_shortest.len();
    at_shortest.sort_unstable();
    at_shortest.dedup();
    let top_len = if shortest > 3 && at_shortest.len() == count {
        shortest
    } else {
        3
    };
    let top: Vec<usize> = (0..rows.len())
        .filter(|&i| match code(i) {
            Some(c) => c.len() == top_len,
            None => classes[i],
        })
        .collect();
    // A unit's row adds up its block's classes; the department's rows add up the units.
    if let Some(u) = &units {
        groups.extend(
            u.families(&top)
                .into_iter()
                .map(|(parent, children)| Group { parent, children }),
        );
    }
    for (t, r) in rows.iter().enumerate() {
        if r.kind == RowKind::Total && !top.is_empty() {
            // A total between the top-level rows (本年支出合计 before 年终结转结余) adds up those
            // above it.
            let above = top.partition_point(|&i| i < t);
            let children = if above == 0 || above == top.len() {
                top.clone()
            } else {
                top[..above].to_vec()
            };
            groups.push(Group {
                parent: t,
                children,
            });
        }
    }
    groups
}
