//! Table regions of a page and their columns, from the geometry of the lines.
//!
//! A region starts after a money-unit line (`单位：万元`, `金额单位：元` …) — or at the top of a
//! page when the previous page's table ran to its end — and holds the header lines down to the
//! first line with figures, then the body down to its last line with figures (and the wrapped
//! name pieces that belong to it). It ends at a note (`注：`), a page number, the next unit line or
//! a long stretch of prose.
//!
//! Columns ("slots") are the x-ranges the body's runs cover: where no run of any body line stands
//! is a gap between columns; a column that only a rare run bridges (text overflowing into an empty
//! neighbour cell) is split there. Header runs standing in a gap are columns of their own (a
//! column empty in every row). Every line of the region is then written as one row with one field
//! per column, separated by tabs; a line without figures standing close to a row with figures (a
//! name printed on two lines) is joined into that row's cells.

use crate::glyphs::Rule;
use crate::layout::Builder;
use crate::lines::{Line, Run};

/// The columns of a table: each column's left and right edge on the shown page.
#[derive(Clone, Debug, PartialEq)]
pub struct Columns {
    pub edges: Vec<(f32, f32)>,
}

/// A table region: lines `start..end` of the page (header lines `start..body`), laid out in
/// `columns`.
#[derive(Clone, Debug)]
pub struct Block {
    pub start: usize,
    pub body: usize,
    pub end: usize,
    pub columns: Columns,
}

/// Whether a run is a printed amount (or a dash standing for an empty cell).
pub fn is_figure(text: &str) -> bool {
    let t = text
        .trim_start_matches(['-', '−', '－'])
        .trim_end_matches(['%', '％']);
    if t.is_empty() {
        return matches!(text, "-" | "－" | "—" | "——" | "−");
    }
    let mut digits = 0;
    let mut dots = 0;
    for c in t.chars() {
        match c {
            '0'..='9' => digits += 1,
            ',' => {}
            '.' => dots += 1,
            _ => return false,
        }
    }
    digits > 0 && dots <= 1
}

/// A line with a figure on it (page numbers and the like aside).
fn has_figures(line: &Line) -> bool {
    line.runs
        .iter()
        .any(|r| is_figure(&r.text) && !r.text.starts_with('-'))
        || line.runs.iter().filter(|r| is_figure(&r.text)).count() >= 2
}

/// The money-unit line that opens a table's header.
fn is_unit_line(line: &Line) -> bool {
    let text: String = line.text().chars().filter(|c| !c.is_whitespace()).collect();
    ["单位：", "单位:"].iter().any(|key| {
        text.match_indices(key).any(|(i, _)| {
            let rest = &text[i + key.len()..];
            ["万元", "元", "千元", "亿元"]
                .iter()
                .any(|u| rest.starts_with(u))
        })
    })
}

/// Page furniture or notes: ends a table region.
fn ends_region(line: &Line) -> bool {
    let text: String = line.text().chars().filter(|c| !c.is_whitespace()).collect();
    is_page_number(line)
        || text.starts_with("注：")
        || text.starts_with("注:")
        || text.starts_with("说明：")
        || text.starts_with("备注：")
}

/// A page number (`- 12 -`, `第 3 页`, `12`).
fn is_page_number(line: &Line) -> bool {
    let text: String = line.text().chars().filter(|c| !c.is_whitespace()).collect();
    let core = text.trim_matches(['-', '－', '—', '第', '页']);
    !core.is_empty()
        && core.len() <= 4
        && core.chars().all(|c| c.is_ascii_digit())
        && line.runs.len() <= 3
}

/// A line of prose: one long run without figures.
fn is_prose(line: &Line, width: f32) -> bool {
    line.runs.len() == 1
        && !has_figures(line)
        && line.runs[0].text.chars().count() > 25
        && line.x1() - line.x0() > 0.6 * width
}

/// The table regions of a page, in order. `carry` holds the columns of a table that ran to the
/// end of the previous page, and is set for the next page.
pub fn find(lines: &[Line], rules: &[Rule], carry: &mut Option<Columns>) -> Vec<Block> {
    let mut blocks = Vec::new();
    let width = lines.iter().map(Line::x1).fold(0.0f32, f32::max)
        - lines.iter().map(Line::x0).fold(f32::INFINITY, f32::min);
    let mut i = 0;
    let mut seeds = carry.take();
    // A table continued from the previous page: its body starts at the first line with figures,
    // if that comes before any unit line.
    let mut pending_start: Option<usize> = None;
    if seeds.is_some() {
        let first_fig = lines.iter().position(has_figures);
        let first_unit = lines.iter().position(is_unit_line);
        match (first_fig, first_unit) {
            (Some(f), Some(u)) if f < u => pending_start = Some(f),
            (Some(f), None) => pending_start = Some(f),
            _ => seeds = None,
        }
    }
    while i < lines.len() {
        let (start, body) = if let Some(s) = pending_start.take() {
            (s, s)
        } else {
            let Some(u) = (i..lines.len()).find(|&k| is_unit_line(&lines[k])) else {
                break;
            };
            let start = u + 1;
            // The header: down to the first line with figures, within a few lines.
            let Some(body) = (start..lines.len().min(start + 40)).find(|&k| {
                has_figures(&lines[k]) && !is_number_row(&lines[k])
                    || is_unit_line(&lines[k])
                    || ends_region(&lines[k])
            }) else {
                i = start;
                continue;
            };
            if !has_figures(&lines[body]) || is_unit_line(&lines[body]) || ends_region(&lines[body])
            {
                i = body.max(start);
                continue;
            }
            seeds = None;
            (start, name_head(lines, start, body))
        };
        // The body: down to the last line with figures before the region ends.
        let pitch = body_pitch(lines, body);
        let mut last = body;
        let mut k = body + 1;
        let mut ran_out = true;
        while k < lines.len() {
            let l = &lines[k];
            if ends_region(l) {
                // A page number ends the page, not the table; a note ends the table.
                ran_out = is_page_number(l);
                break;
            }
            if is_unit_line(l) || is_prose(l, width) {
                ran_out = false;
                break;
            }
            if l.top() - lines[k - 1].bottom() > 3.0 * pitch.max(l.size) {
                ran_out = false;
                break;
            }
            if has_figures(l) {
                last = k;
            }
            k += 1;
        }
        // Lines without figures after the last row: kept when close to it (its name's
        // continuation), else they are not the table's.
        let mut end = last + 1;
        while end < k && is_continuation(&lines[end], &lines[end - 1], pitch) {
            end += 1;
        }
        if end < k {
            ran_out = false;
        }
        let columns = columns(&lines[start..end], body - start, seeds.as_ref(), rules);
        if columns.edges.len() >= 2 {
            blocks.push(Block {
                start,
                body,
                end,
                columns: columns.clone(),
            });
            if ran_out {
                *carry = Some(columns);
            }
        }
        seeds = None;
        i = end;
    }
    blocks
}

/// Where the body starts when its first row's name wraps round the row's figures (`深圳市人力资源和
/// 社会保` ⏎ figures ⏎ `障局`, wide/104 表5): the name's first piece, just above the figures, is the
/// row's, not the header's — when a piece stands as far below them, both left of the figures.
fn name_head(lines: &[Line], start: usize, body: usize) -> usize {
    let (Some(above), Some(below)) = (body.checked_sub(1), lines.get(body + 1)) else {
        return body;
    };
    if above < start {
        return body;
    }
    let (head, row) = (&lines[above], &lines[body]);
    let first_figure = row
        .runs
        .iter()
        .find(|r| is_figure(&r.text))
        .map_or(f32::INFINITY, |r| r.x0);
    let piece = |l: &Line| !has_figures(l) && l.x1() < first_figure;
    let (up, down) = (row.base - head.base, below.base - row.base);
    let wrapped = piece(head)
        && piece(below)
        && up > 0.0
        && up < 0.9 * row.size
        && (up - down).abs() < 0.2 * row.size;
    if wrapped {
        above
    } else {
        body
    }
}

/// A row of column numbers (`1 2 3 4`) or of small integers only: a header line.
fn is_number_row(line: &Line) -> bool {
    let figures: Vec<&Run> = line.runs.iter().filter(|r| is_figure(&r.text)).collect();
    figures.len() >= 3
        && figures
            .iter()
            .all(|r| r.text.len() <= 2 && r.text.chars().all(|c| c.is_ascii_digit()))
}

/// The usual distance between the body's lines with figures (from `body` on).
fn body_pitch(lines: &[Line], body: usize) -> f32 {
    let mut gaps: Vec<f32> = Vec::new();
    let mut prev: Option<&Line> = None;
    for l in lines[body..].iter().take(40) {
        if !has_figures(l) {
            continue;
        }
        if let Some(p) = prev {
            let d = l.base - p.base;
            if d > 0.0 {
                gaps.push(d);
            }
        }
        prev = Some(l);
    }
    gaps.sort_by(f32::total_cmp);
    gaps.get(gaps.len() / 2)
        .copied()
        .unwrap_or_else(|| 1.6 * lines[body].size)
}

/// A line without figures that continues the row above it (a wrapped name).
fn is_continuation(line: &Line, above: &Line, pitch: f32) -> bool {
    !has_figures(line) && !starts_with_code(line) && line.base - above.base < 0.75 * pitch
}

/// A line whose first run is a classification code (`201`, `20101`, `2010101`, `201 01`).
fn starts_with_code(line: &Line) -> bool {
    line.runs.first().is_some_and(|r| {
        let head: String = r.text.chars().take_while(|c| c.is_ascii_digit()).collect();
        matches!(head.len(), 3 | 5 | 7)
    })
}

/// The columns of a region: `lines` with the header first (`header` lines), then the body.
fn columns(lines: &[Line], header: usize, seeds: Option<&Columns>, rules: &[Rule]) -> Columns {
    let body = &lines[header..];
    let (lo, hi) = lines
        .iter()
        .fold((f32::INFINITY, f32::NEG_INFINITY), |(a, b), l| {
            (a.min(l.x0()), b.max(l.x1()))
        });
    if hi.partial_cmp(&lo) != Some(std::cmp::Ordering::Greater) || hi - lo > 5000.0 {
        return Columns { edges: Vec::new() };
    }
    let bins = (hi - lo).ceil() as usize + 2;
    let bin = |x: f32| (((x - lo).max(0.0)) as usize).min(bins - 1);
    // How many body lines cover each point.
    let mut cover = vec![0u32; bins];
    for l in body {
        let mut seen = vec![false; bins];
        for r in &l.runs {
            for (b, s) in seen
                .iter_mut()
                .enumerate()
                .take(bin(r.x1) + 1)
                .skip(bin(r.x0))
            {
                if !*s {
                    *s = true;
                    cover[b] += 1;
                }
            }
        }
    }
    let mut slots: Vec<(usize, usize)> = Vec::new();
    let mut b = 0;
    while b < bins {
        if cover[b] == 0 {
            b += 1;
            continue;
        }
        let s = b;
        while b < bins && cover[b] > 0 {
            b += 1;
        }
        split_valleys(&cover[s..b], s, &mut slots);
    }
    let mut slots: Vec<(f32, f32)> = slots
        .into_iter()
        .map(|(a, b)| (lo + a as f32, lo + b as f32))
        .collect();
    // A drawn grid: its vertical lines are the columns' edges (empty columns included); a
    // grid cell holding several aligned blocks (a code and a name) is cut between them.
    if let Some(xs) = grid_lines(body, rules, &slots) {
        let mut edges = Vec::new();
        for w in xs.windows(2) {
            let (a, b) = (w[0], w[1]);
            let inner: Vec<&(f32, f32)> = slots
                .iter()
                .filter(|s| (s.0 + s.1) / 2.0 > a && (s.0 + s.1) / 2.0 < b)
                .collect();
            let mut left = a;
            for pair in inner.windows(2) {
                // Only a column of codes is cut off the text beside it.
                if !codes_only(body, *pair[0]) {
                    continue;
                }
                let cut = (pair[0].1 + pair[1].0) / 2.0;
                edges.push((left, cut));
                left = cut;
            }
            edges.push((left, b));
        }
        return Columns { edges };
    }
    // Columns only the header (or the previous page's table) shows: empty in every row.
    let mut extra: Vec<(f32, f32)> = Vec::new();
    for l in lines[..header].iter().rev() {
        for r in &l.runs {
            // One character: a piece of a spaced-out or stacked header word.
            if r.text.chars().count() < 2 {
                continue;
            }
            if !slots
                .iter()
                .chain(&extra)
                .any(|&(a, b)| r.x0 < b + 1.0 && r.x1 > a - 1.0)
            {
                extra.push((r.x0, r.x1));
            }
        }
    }
    if let Some(seeds) = seeds {
        for &(a, b) in &seeds.edges {
            if !slots
                .iter()
                .chain(&extra)
                .any(|&(x, y)| a < y + 1.0 && b > x - 1.0)
            {
                extra.push((a, b));
            }
        }
    }
    slots.extend(extra);
    slots.sort_by(|a, b| a.0.total_cmp(&b.0));
    Columns { edges: slots }
}

/// The x of the vertical lines drawn down the body (each over at least half its height), left
/// to right; `None` without a grid of at least two columns. A line some body block crosses is
/// not a column edge.
fn grid_lines(body: &[Line], rules: &[Rule], slots: &[(f32, f32)]) -> Option<Vec<f32>> {
    let top = body.first()?.top();
    let bottom = body.iter().map(Line::bottom).fold(top, f32::max);
    let height = bottom - top;
    if height <= 0.0 {
        return None;
    }
    let mut vertical: Vec<(f32, f32)> = rules
        .iter()
        .filter(|r| r.x0 == r.x1 && r.y0 < bottom && r.y1 > top)
        .map(|r| (r.x0, r.y1.min(bottom) - r.y0.max(top)))
        .collect();
    vertical.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut xs: Vec<(f32, f32)> = Vec::new();
    for (x, len) in vertical {
        match xs.last_mut() {
            Some(last) if x - last.0 < 1.5 => last.1 += len,
            _ => xs.push((x, len)),
        }
    }
    let xs: Vec<f32> = xs
        .into_iter()
        .filter(|&(x, len)| {
            len >= 0.5 * height && !slots.iter().any(|s| s.0 < x - 2.0 && s.1 > x + 2.0)
        })
        .map(|(x, _)| x)
        .collect();
    (xs.len() >= 3).then_some(xs)
}

/// Whether every body run standing in `slot` is a classification code (digits only).
fn codes_only(body: &[Line], slot: (f32, f32)) -> bool {
    let mut any = false;
    for r in body.iter().flat_map(|l| &l.runs) {
        if (r.x0 + r.x1) / 2.0 > slot.0 && (r.x0 + r.x1) / 2.0 < slot.1 {
            if !r.text.chars().all(|c| c.is_ascii_digit()) {
                return false;
            }
            any = true;
        }
    }
    any
}

/// Cuts a stretch of covered bins at its valleys: a point covered by at most a tenth of the
/// lines covering both sides (and by at most two) is where a rare run bridged two columns.
fn split_valleys(cover: &[u32], offset: usize, out: &mut Vec<(usize, usize)>) {
    let n = cover.len();
    let mut start = 0;
    let mut i = 0;
    while i < n {
        let c = cover[i];
        let left = cover[start..i].iter().copied().max().unwrap_or(0);
        let right = cover[i..].iter().copied().max().unwrap_or(0);
        let floor = left.min(right);
        if c <= 2 && floor >= 4 && c * 10 <= floor && i > start {
            // The valley: up to where the coverage rises again.
            let mut j = i;
            while j < n && cover[j] * 10 <= floor && cover[j] <= 2 {
                j += 1;
            }
            if j < n {
                out.push((offset + start, offset + i));
                start = j;
                i = j;
                continue;
            }
        }
        i += 1;
    }
    out.push((offset + start, offset + n));
}

/// The column a run stands in: the one it overlaps most (a figure: the one holding its right
/// edge, as figures are right-aligned); in a gap, the nearest.
fn slot_of(run: &Run, columns: &Columns) -> usize {
    let edges = &columns.edges;
    let key = if is_figure(&run.text) {
        (run.x1 - 0.5, run.x1 - 0.5)
    } else {
        (run.x0, run.x1)
    };
    let mut best = 0;
    let mut best_score = f32::NEG_INFINITY;
    for (i, &(a, b)) in edges.iter().enumerate() {
        let overlap = key.1.min(b) - key.0.max(a);
        let score = if overlap >= 0.0 {
            overlap + 1000.0
        } else {
            overlap
        };
        if score > best_score + 1e-3 {
            best = i;
            best_score = score;
        }
    }
    if !is_figure(&run.text) {
        // Text overflowing to the right: the column holding its left edge, when there is one.
        if let Some(i) = edges
            .iter()
            .position(|&(a, b)| run.x0 >= a - 1.0 && run.x0 <= b)
        {
            return i;
        }
    }
    best
}

/// One row's cells: per column, the runs in it (with the line they come from).
type Cells<'a> = Vec<Vec<(usize, &'a Run)>>;

/// Writes a table region: one line per row, cells separated by tabs; header lines likewise.
pub fn write(
    out: &mut Builder,
    page: u32,
    lines: &[Line],
    header: usize,
    columns: &Columns,
    rules: &[Rule],
) {
    let n = columns.edges.len();
    // Header lines: as they are.
    for line in &lines[..header] {
        let mut cells: Cells<'_> = vec![Vec::new(); n];
        for r in &line.runs {
            cells[slot_of(r, columns)].push((0, r));
        }
        emit(out, page, &cells);
    }
    // Body: rows anchored on lines with figures; other lines join the nearest such line when it
    // is close enough (a name printed on two lines), else are rows of their own.
    let body = &lines[header..];
    let anchors: Vec<usize> = (0..body.len()).filter(|&i| has_figures(&body[i])).collect();
    let mut owner: Vec<usize> = (0..body.len()).collect();
    let grid = row_rules(body, rules);
    for i in 0..body.len() {
        if has_figures(&body[i]) || starts_with_code(&body[i]) {
            continue;
        }
        let size = body[i].size;
        // Drawn row lines: the row is what stands between two of them. Otherwise only a line
        // closer to a row than a line of text is to the next joins it (a name printed on two
        // lines beside figures centred between them).
        let near = anchors
            .iter()
            .map(|&a| (a, (body[a].base - body[i].base).abs()))
            .filter(|&(a, d)| match &grid {
                Some(ys) => same_band(ys, body[a].base, body[i].base),
                None => d < 0.9 * size,
            })
            .min_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((a, _)) = near {
            // Only where the row has room: the line's text goes to columns the row's own line
            // leaves empty, or continues the text of the row's cell.
            if fits(&body[i], &body[a], columns) {
                owner[i] = a;
            }
        }
    }
    for i in 0..body.len() {
        if owner[i] != i {
            continue;
        }
        let mut cells: Cells<'_> = vec![Vec::new(); n];
        for (j, line) in body.iter().enumerate() {
            if owner[j] != i {
                continue;
            }
            for r in &line.runs {
                cells[slot_of(r, columns)].push((j, r));
            }
        }
        for c in &mut cells {
            c.sort_by(|a, b| {
                body[a.0]
                    .base
                    .total_cmp(&body[b.0].base)
                    .then(a.1.x0.total_cmp(&b.1.x0))
            });
        }
        emit(out, page, &cells);
    }
}

/// The heights of the horizontal rules drawn across the body (a grid's row lines), when there
/// are enough of them to separate its rows.
fn row_rules(body: &[Line], rules: &[Rule]) -> Option<Vec<f32>> {
    let top = body.first()?.top() - 2.0;
    let bottom = body.last()?.bottom() + 2.0;
    let (x0, x1) = body
        .iter()
        .fold((f32::INFINITY, f32::NEG_INFINITY), |(a, b), l| {
            (a.min(l.x0()), b.max(l.x1()))
        });
    let mut ys: Vec<f32> = rules
        .iter()
        .filter(|r| r.y0 == r.y1 && r.y0 > top && r.y0 < bottom && r.x1 > x0 && r.x0 < x1)
        .map(|r| r.y0)
        .collect();
    ys.sort_by(f32::total_cmp);
    ys.dedup_by(|a, b| (*a - *b).abs() < 1.0);
    let rows = body.iter().filter(|l| has_figures(l)).count();
    (ys.len() >= 3 && ys.len() * 2 >= rows).then_some(ys)
}

/// Whether two baselines stand between the same two row lines (text sits above its baseline).
fn same_band(ys: &[f32], a: f32, b: f32) -> bool {
    let band = |y: f32| ys.partition_point(|&r| r < y - 1.0);
    band(a) == band(b)
}

/// Whether a line without figures can join the row of `anchor`: none of its runs is a figure
/// and each stands in a column where the anchor holds text or nothing.
fn fits(line: &Line, anchor: &Line, columns: &Columns) -> bool {
    line.runs.iter().all(|r| {
        let s = slot_of(r, columns);
        !anchor
            .runs
            .iter()
            .any(|a| slot_of(a, columns) == s && is_figure(&a.text))
    })
}

/// Writes one row: its cells separated by tabs; the runs of one cell on one line separated by a
/// space, on several lines (a wrapped name) joined without one (Chinese has no spaces).
fn emit(out: &mut Builder, page: u32, cells: &Cells<'_>) {
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.push("\t");
        }
        let mut prev: Option<(usize, &Run)> = None;
        for &(line, run) in cell {
            if let Some((pl, pr)) = prev {
                let ascii = pr
                    .text
                    .chars()
                    .last()
                    .is_some_and(|c| c.is_ascii_alphanumeric())
                    && run
                        .text
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_ascii_alphanumeric());
                if pl == line || ascii {
                    out.push(" ");
                }
            }
            out.placed(&run.text, page, run.user);
            prev = Some((line, run));
        }
    }
    out.push("\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_are_amounts_and_dashes() {
        for t in ["1,234.56", "0.00", "-12.5", "15%", "-", "7"] {
            assert!(is_figure(t), "{t}");
        }
        for t in ["201", "合计"] {
            assert_eq!(is_figure(t), t == "201", "{t}");
        }
        assert!(!is_figure("1.2.3"));
        assert!(!is_figure("表1"));
    }

    fn line(runs: &[(&str, f32, f32)], base: f32) -> Line {
        Line {
            runs: runs
                .iter()
                .map(|&(text, x0, x1)| Run::at(text, x0, x1, base))
                .collect(),
            base,
            size: 10.0,
        }
    }

    #[test]
    fn a_first_row_named_round_its_figures_starts_the_body_at_its_name() {
        // wide/104 表5 (page 148): the header, then `深圳市人力资源和社会保` ⏎ the row's figures
        // 7.8 lower ⏎ `障局` 7.8 lower again.
        let header = line(&[("总计", 120.0, 140.0), ("一般公共", 170.0, 200.0)], 100.0);
        let head = line(&[("深圳市人力资源和社会保", 10.0, 100.0)], 112.2);
        let row = line(
            &[("435,216.17", 110.0, 150.0), ("401,100.54", 160.0, 200.0)],
            120.0,
        );
        let tail = line(&[("障局", 10.0, 30.0)], 127.8);
        let lines = [header.clone(), head.clone(), row.clone(), tail.clone()];
        assert_eq!(name_head(&lines, 0, 2), 1);
        // A header line just above (nothing of the row's name below): the body starts at the row.
        let next = line(
            &[("促进就业管理", 10.0, 60.0), ("7.10", 130.0, 150.0)],
            135.6,
        );
        assert_eq!(
            name_head(&[header.clone(), head.clone(), row.clone(), next], 0, 2),
            2
        );
        // A piece below twice as far: not one name wrapped round the figures.
        let far = line(&[("障局", 10.0, 30.0)], 135.6);
        assert_eq!(name_head(&[header, head, row, far], 0, 2), 2);
    }
}
