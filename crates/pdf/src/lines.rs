//! Glyphs → runs → lines. A line gathers the glyphs whose baselines agree (within a share of the
//! font size); a run is a stretch of a line without a visible gap (the gap measured against the
//! font size), so Chinese prose, printed without spaces, stays one run.

use crate::glyphs::{Glyph, Rule};

/// A baseline difference up to this share of the font size is the same line.
const SAME_LINE: f32 = 0.4;
/// A gap from this share of the font size on separates runs (a space).
const WORD_GAP: f32 = 0.3;
/// After a space character, a gap from this share of the font size separates runs.
const SPACED_GAP: f32 = 0.15;

/// Glyphs printed side by side without a gap.
#[derive(Clone, Debug)]
pub struct Run {
    pub text: String,
    pub x0: f32,
    pub x1: f32,
    pub base: f32,
    pub size: f32,
    /// The union of the glyphs' user-space boxes.
    pub user: [f32; 4],
}

impl Run {
    fn new(g: &Glyph) -> Run {
        Run {
            text: g.text.clone(),
            x0: g.x0,
            x1: g.x1,
            base: g.base,
            size: g.size,
            user: g.user,
        }
    }

    fn push(&mut self, g: &Glyph) {
        self.text.push_str(&g.text);
        self.x1 = self.x1.max(g.x1);
        self.size = self.size.max(g.size);
        self.user = union(self.user, g.user);
    }

    pub fn top(&self) -> f32 {
        self.base - 0.8 * self.size
    }

    pub fn bottom(&self) -> f32 {
        self.base + 0.2 * self.size
    }
}

#[cfg(test)]
impl Run {
    /// A run of size 10 standing from `x0` to `x1` on baseline `base` (tests' pages).
    pub(crate) fn at(text: &str, x0: f32, x1: f32, base: f32) -> Run {
        Run {
            text: text.into(),
            x0,
            x1,
            base,
            size: 10.0,
            user: [x0, base, x1, base + 10.0],
        }
    }
}

/// The union of two user-space boxes.
pub fn union(a: [f32; 4], b: [f32; 4]) -> [f32; 4] {
    [
        a[0].min(b[0]),
        a[1].min(b[1]),
        a[2].max(b[2]),
        a[3].max(b[3]),
    ]
}

/// Runs on one baseline, left to right.
#[derive(Clone, Debug)]
pub struct Line {
    pub runs: Vec<Run>,
    pub base: f32,
    pub size: f32,
}

impl Line {
    pub fn top(&self) -> f32 {
        self.runs.iter().map(Run::top).fold(f32::INFINITY, f32::min)
    }

    pub fn bottom(&self) -> f32 {
        self.runs
            .iter()
            .map(Run::bottom)
            .fold(f32::NEG_INFINITY, f32::max)
    }

    /// The line's text, runs separated by one space.
    pub fn text(&self) -> String {
        let mut s = String::new();
        for (i, r) in self.runs.iter().enumerate() {
            if i > 0 {
                s.push(' ');
            }
            s.push_str(&r.text);
        }
        s
    }

    pub fn x0(&self) -> f32 {
        self.runs.first().map_or(0.0, |r| r.x0)
    }

    pub fn x1(&self) -> f32 {
        self.runs.last().map_or(0.0, |r| r.x1)
    }
}

/// The page's lines, top to bottom. A vertical ruling line drawn between two glyphs (a table's
/// cell border) separates runs even without a gap: a figure printed against the border and the
/// next cell's name (wide/110 表一: `37,891.58` | `一、一般公共服务支出`) are two cells.
pub fn lines(glyphs: &[Glyph], rules: &[Rule]) -> Vec<Line> {
    let vertical: Vec<&Rule> = rules.iter().filter(|r| r.x0 == r.x1).collect();
    let ruled_between = |p: &Glyph, g: &Glyph| {
        let (a, b) = ((p.x0 + p.x1) / 2.0, (g.x0 + g.x1) / 2.0);
        let (top, bottom) = (g.base - 0.5 * g.size, g.base);
        vertical
            .iter()
            .any(|r| r.x0 > a && r.x0 < b && r.y0 <= top && r.y1 >= bottom)
    };
    let mut order: Vec<usize> = (0..glyphs.len()).collect();
    order.sort_by(|&a, &b| glyphs[a].base.total_cmp(&glyphs[b].base));
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut anchor = f32::NEG_INFINITY;
    let mut anchor_size = 0.0f32;
    for i in order {
        let g = &glyphs[i];
        let tol = SAME_LINE * g.size.max(anchor_size).min(2.0 * g.size);
        match groups.last_mut() {
            Some(group) if g.base - anchor <= tol => {
                group.push(i);
                anchor_size = anchor_size.max(g.size);
            }
            _ => {
                groups.push(vec![i]);
                anchor = g.base;
                anchor_size = g.size;
            }
        }
    }
    groups
        .into_iter()
        .map(|mut group| {
            group.sort_by(|&a, &b| glyphs[a].x0.total_cmp(&glyphs[b].x0));
            let mut runs: Vec<Run> = Vec::new();
            let mut last: Option<&Glyph> = None;
            for &i in &group {
                let g = &glyphs[i];
                if let Some(p) = last {
                    // The same glyph printed again over itself (fake bold): once.
                    if p.text == g.text && (g.x0 - p.x0).abs() < 0.1 * g.size {
                        continue;
                    }
                }
                let ruled = last.is_some_and(|p| ruled_between(p, g));
                match runs.last_mut() {
                    Some(run)
                        if g.x0 - run.x1 < WORD_GAP * g.size.max(run.size)
                            && !(g.spaced && g.x0 - run.x1 > SPACED_GAP * g.size)
                            && !ruled =>
                    {
                        run.push(g)
                    }
                    _ => runs.push(Run::new(g)),
                }
                last = Some(g);
            }
            let base = median(runs.iter().map(|r| r.base).collect());
            let size = runs.iter().map(|r| r.size).fold(0.0, f32::max);
            Line { runs, base, size }
        })
        .collect()
}

/// Figures wrapped in their cell: a cell too narrow for `576,171.11` prints `576,171.1` above its
/// row's baseline and `1` below it (wide/116 表3 and 表5, Hangzhou; several cells of one row at
/// once in wide/128's 预算表5: `1682.7 1682.7 1208.2 0.0 0.0` over the row, `6 6 0 0 0` under it).
/// The pieces on the lines just above and below a row, each lower one under an upper one (at its
/// end, start or middle, as the cell aligns), and together figures with two decimals where the
/// upper pieces have fewer, are figures of that row, placed where the upper pieces stand (the row
/// holds nothing there). A name wrapped in its own tall cell may share those lines, left of the
/// pieces (`深圳市人力资源和社会保` `435,216.1` ⏎ the row's other figures ⏎ `障局` `7`, wide/104
/// 表5): the name's pieces stay on their lines, for the reader to join round the row.
pub fn join_wrapped_figures(lines: &mut Vec<Line>) {
    // The pieces' lines, dropped at the end in one pass when nothing is left on them.
    let mut joined = vec![false; lines.len()];
    let mut i = 0;
    while i + 2 < lines.len() {
        if let Some(runs) = wrapped(&lines[i], &lines[i + 1], &lines[i + 2]) {
            let row = &mut lines[i + 1];
            for run in runs {
                let at = row.runs.partition_point(|r| r.x0 < run.x0);
                row.runs.insert(at, run);
            }
            for k in [i, i + 2] {
                lines[k].runs.retain(|r| !is_piece(r));
                joined[k] = lines[k].runs.is_empty();
            }
            i += 3;
            continue;
        }
        i += 1;
    }
    let mut k = 0;
    lines.retain(|_| {
        k += 1;
        !joined[k - 1]
    });
}

/// A run of digits, separators and a decimal point: a figure or a piece of one.
fn is_piece(r: &Run) -> bool {
    !r.text.is_empty()
        && r.text
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
}

/// The figures whose pieces are the runs of figures of `above` and `below`, on `row`'s baseline:
/// each such run below under one above, and the runs above without a piece below whole figures (a
/// cell wide enough for its figure, printed at the same height as its wrapped neighbour: wide/116
/// 表5). Other runs of `above` and `below` (a name's pieces) stand left of all of them.
fn wrapped(above: &Line, row: &Line, below: &Line) -> Option<Vec<Run>> {
    let heads: Vec<&Run> = above.runs.iter().filter(|r| is_piece(r)).collect();
    let tails: Vec<&Run> = below.runs.iter().filter(|r| is_piece(r)).collect();
    if heads.is_empty() || tails.is_empty() || heads.len() < tails.len() {
        return None;
    }
    let left = heads[0].x0.min(tails[0].x0);
    let named_left = |l: &Line| l.runs.iter().all(|r| is_piece(r) || r.x1 < left);
    if !named_left(above) || !named_left(below) {
        return None;
    }
    let size = above.size.max(below.size);
    let between = above.base < row.base
        && row.base < below.base
        && below.base - above.base < 2.5 * row.size.max(size);
    if !between {
        return None;
    }
    let mut tails = tails.into_iter().peekable();
    let mut out = Vec::with_capacity(heads.len());
    for head in heads {
        let run = match tails.next_if(|t| under(head, t)) {
            Some(tail) => joined_figure(head, tail, row),
            None => whole_figure(head, row),
        }?;
        out.push(run);
    }
    tails.next().is_none().then_some(out)
}

/// Whether `tail` stands under `head`: at its end (right-aligned cells), its start or its middle.
fn under(head: &Run, tail: &Run) -> bool {
    let size = head.size.max(tail.size);
    tail.x0 >= head.x0 - size / 2.0 && tail.x1 <= head.x1 + size / 2.0
}

/// Whether nothing of `row` stands between `x0` and `x1`.
fn free(row: &Line, x0: f32, x1: f32) -> bool {
    !row.runs.iter().any(|r| r.x1 > x0 && r.x0 < x1)
}

/// Whether `text` is an amount with two decimals, its separators well placed.
fn two_decimals(text: &str) -> bool {
    text.split_once('.').map(|(_, d)| d.len()) == Some(2)
        && budget_lint::amount::separators_well_placed(text)
}

/// `head` (a run of figures, [`is_piece`]) above the row, a figure whole, moved onto the row where
/// the row holds nothing.
fn whole_figure(head: &Run, row: &Line) -> Option<Run> {
    (two_decimals(&head.text) && free(row, head.x0, head.x1)).then(|| Run {
        base: row.base,
        ..head.clone()
    })
}

/// `head` (a run of figures) above the row and `tail` under it ([`under`]) as one figure, where the
/// row holds nothing.
fn joined_figure(head: &Run, tail: &Run, row: &Line) -> Option<Run> {
    let decimals = |t: &str| t.split_once('.').map(|(_, d)| d.len());
    let head_ok = decimals(&head.text).is_some_and(|d| d < 2);
    let tail_ok = !tail.text.is_empty()
        && tail.text.len() <= 2
        && tail.text.bytes().all(|b| b.is_ascii_digit());
    let text = format!("{}{}", head.text, tail.text);
    let size = head.size.max(tail.size);
    let ok = head_ok && tail_ok && free(row, head.x0, head.x1.max(tail.x1)) && two_decimals(&text);
    ok.then(|| Run {
        text,
        x0: head.x0,
        x1: head.x1.max(tail.x1),
        base: row.base,
        size,
        user: union(head.user, tail.user),
    })
}

fn median(mut v: Vec<f32>) -> f32 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(f32::total_cmp);
    v[v.len() / 2]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(text: &str, x0: f32, base: f32) -> Glyph {
        Glyph {
            text: text.into(),
            x0,
            x1: x0 + 10.0,
            base,
            size: 10.0,
            user: [x0, 0.0, x0 + 10.0, 10.0],
            spaced: false,
        }
    }

    #[test]
    fn glyphs_group_into_lines_and_runs_by_baseline_and_gap() {
        let glyphs = vec![
            g("乙", 10.0, 50.0),
            g("甲", 0.0, 51.0),
            g("1", 40.0, 49.5),
            g("丙", 0.0, 70.0),
            g("丙", 0.5, 70.0),
            g(".", 20.0, 90.0),
            g(".", 23.0, 90.0),
        ];
        let lines = lines(&glyphs, &[]);
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0].text(), "甲乙 1");
        // Printed twice over itself (fake bold): once.
        assert_eq!(lines[1].text(), "丙");
        // Dot leaders close together are not duplicates.
        assert_eq!(lines[2].text(), "..");
    }

    #[test]
    fn a_cell_border_between_glyphs_separates_runs() {
        // wide/110 表一: "37,891.58" right-aligned against the border, "一、…" right after it.
        let glyphs = vec![g("8", 0.0, 50.0), g("一", 10.0, 50.0), g("、", 20.0, 50.0)];
        let border = Rule {
            x0: 10.0,
            y0: 30.0,
            x1: 10.0,
            y1: 60.0,
        };
        assert_eq!(lines(&glyphs, &[]).first().unwrap().text(), "8一、");
        assert_eq!(lines(&glyphs, &[border]).first().unwrap().text(), "8 一、");
        // A horizontal rule (an underline) separates nothing.
        let under = Rule {
            x0: 0.0,
            y0: 52.0,
            x1: 30.0,
            y1: 52.0,
        };
        assert_eq!(lines(&glyphs, &[under]).first().unwrap().text(), "8一、");
    }

    fn run(text: &str, x0: f32, x1: f32, base: f32) -> Run {
        Run::at(text, x0, x1, base)
    }

    fn line(runs: Vec<Run>) -> Line {
        let base = runs[0].base;
        Line {
            runs,
            base,
            size: 10.0,
        }
    }

    #[test]
    fn a_figure_wrapped_in_its_cell_joins_its_row() {
        // wide/116 表3 (page 26): "576,171.1" above the 合计 row, "1" below it, right-aligned.
        let mut lines = vec![
            line(vec![run("576,171.1", 588.0, 632.0, 159.4)]),
            line(vec![
                run("合计", 43.0, 63.0, 167.2),
                run("15868.83", 535.0, 579.0, 167.0),
            ]),
            line(vec![run("1", 628.0, 633.0, 175.4)]),
        ];
        join_wrapped_figures(&mut lines);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].text(), "合计 15868.83 576,171.11");
        // Not joined: a page number far below, a piece not under the figure, a figure that
        // already prints two decimals.
        for (head, tail, tail_x, tail_base) in [
            ("576,171.1", "1", 628.0, 400.0),
            ("576,171.1", "1", 640.0, 175.4),
            ("576,171.10", "1", 628.0, 175.4),
        ] {
            let mut lines = vec![
                line(vec![run(head, 588.0, 632.0, 159.4)]),
                line(vec![run("合计", 43.0, 63.0, 167.2)]),
                line(vec![run(tail, tail_x, tail_x + 5.0, tail_base)]),
            ];
            join_wrapped_figures(&mut lines);
            assert_eq!(lines.len(), 3, "{head} {tail_x} {tail_base}");
        }
    }

    #[test]
    fn a_whole_figure_beside_a_wrapped_one_joins_the_row_too() {
        // wide/116 表5 (page 29): `226,000.00` whole and `226,000.0` wrapped above the name, `0`
        // under the second.
        let mut lines = vec![
            line(vec![
                run("226,000.00", 277.6, 326.6, 625.9),
                run("226,000.0", 510.4, 554.7, 625.9),
            ]),
            line(vec![run("城乡社区支出", 44.2, 103.9, 633.5)]),
            line(vec![run("0", 550.7, 555.7, 641.8)]),
        ];
        join_wrapped_figures(&mut lines);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].text(), "城乡社区支出 226,000.00 226,000.00");
        // A whole figure alone above, nothing under it: no piece, nothing moves.
        let mut lines = vec![
            line(vec![run("226,000.00", 277.6, 326.6, 625.9)]),
            line(vec![run("城乡社区支出", 44.2, 103.9, 633.5)]),
            line(vec![run("其他", 44.2, 63.9, 641.8)]),
        ];
        join_wrapped_figures(&mut lines);
        assert_eq!(lines.len(), 3);
    }

    #[test]
    fn a_figure_wrapped_beside_a_wrapped_name_joins_its_row_and_leaves_the_name() {
        // wide/104 表5: `深圳市人力资源和社会保` `435,216.1` ⏎ the row's other figures ⏎ `障局` `7`.
        let pieces = |name: &str, figure: &str, x0: f32, base: f32| {
            line(vec![
                run(name, 10.0, 100.0, base),
                run(figure, x0, 150.0, base),
            ])
        };
        let mut lines = vec![
            pieces("深圳市人力资源和社会保", "435,216.1", 110.0, 112.2),
            line(vec![run("401,100.54", 160.0, 200.0, 120.0)]),
            pieces("障局", "7", 145.0, 127.8),
        ];
        join_wrapped_figures(&mut lines);
        let texts: Vec<String> = lines.iter().map(Line::text).collect();
        assert_eq!(
            texts,
            ["深圳市人力资源和社会保", "435,216.17 401,100.54", "障局"]
        );
        // A name piece right of the figure pieces is not a name wrapped beside them.
        let mut lines = vec![
            pieces("深圳市人力资源和社会保", "435,216.1", 110.0, 112.2),
            line(vec![run("401,100.54", 160.0, 200.0, 120.0)]),
            line(vec![
                run("7", 145.0, 150.0, 127.8),
                run("障局", 210.0, 230.0, 127.8),
            ]),
        ];
        join_wrapped_figures(&mut lines);
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[1].text(), "401,100.54");
    }

    #[test]
    fn several_figures_wrapped_in_one_row_join_it() {
        // wide/128 预算表5 (总计 row): cells wrapped at their start or middle, not their end.
        let pieces = |tails: bool| {
            let (y, texts) = if tails {
                (217.85, ["6", "0"])
            } else {
                (208.25, ["1682.7", "1208.2"])
            };
            let xs = if tails {
                [(193.2, 196.9), (276.4, 280.1)]
            } else {
                [(193.2, 215.5), (267.0, 289.4)]
            };
            line(
                texts
                    .iter()
                    .zip(xs)
                    .map(|(t, (x0, x1))| run(t, x0, x1, y))
                    .collect(),
            )
        };
        let mut lines = vec![
            pieces(false),
            line(vec![
                run("总计：", 82.4, 104.9, 213.05),
                run("997.20", 305.0, 327.4, 213.05),
            ]),
            pieces(true),
        ];
        join_wrapped_figures(&mut lines);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].text(), "总计： 1682.76 1208.20 997.20");
        // One upper piece without its lower one: nothing joins.
        let mut lines = vec![
            pieces(false),
            line(vec![run("总计：", 82.4, 104.9, 213.05)]),
            line(vec![run("6", 193.2, 196.9, 217.85)]),
        ];
        join_wrapped_figures(&mut lines);
        assert_eq!(lines.len(), 3);
    }
}
