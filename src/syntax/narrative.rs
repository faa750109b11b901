//! The narrative: quoted figures, year-on-year statements, component lists and section headings.
//!
//! PDF text wraps sentences anywhere, even inside "增\n长 6.09%". The narrative lines (everything
//! outside the financial tables) are therefore joined into one flow of characters with whitespace
//! removed, each character remembering its byte offset in the original text, and scanned there.
//!
//! Page furniture is left out of the flow (`lex::furniture`): a sentence runs on across a page break
//! as if the footer (`- 13 -`, a lone `4`) and the running header were not there, so
//! "比上年执行数增加" ⏎ `4` ⏎ (page break) `107,573.11万元` reads 107,573.11. Digits on both sides of a
//! page break are not joined into one number: the flow is broken there instead.

use super::lex::{Furniture, Line};
use super::regions::Region;
use crate::amount::parse_figure;
use crate::model::{Change, ComponentList, Direction, Figure, FigureUnit, Narrative, Section};
use crate::source::Span;

/// The joined narrative: characters and their source offsets.
struct Flow {
    chars: Vec<char>,
    offs: Vec<usize>,
    /// The section in force from each character on where it changes (character index, section):
    /// see [`Flow::section_at`].
    sections: Vec<(usize, Option<usize>)>,
    /// Sentence number of each character (a new one after `。` or a break).
    sentence: Vec<u32>,
}

impl Flow {
    /// The section index in force at character `i`.
    fn section_at(&self, i: usize) -> Option<usize> {
        if i >= self.chars.len() {
            return None;
        }
        let k = self.sections.partition_point(|&(from, _)| from <= i);
        k.checked_sub(1).and_then(|k| self.sections[k].1)
    }

    fn span(&self, from: usize, to: usize) -> Span {
        let start = self.offs.get(from).copied().unwrap_or(0);
        let last = to.saturating_sub(1).max(from);
        let end = self
            .offs
            .get(last)
            .map_or(start, |&o| o + self.chars[last].len_utf8());
        Span::new(start, end.max(start))
    }

    fn text(&self, from: usize, to: usize) -> String {
        self.chars[from.min(self.chars.len())..to.min(self.chars.len())]
            .iter()
            .filter(|&&c| c != '\n')
            .collect()
    }

    fn starts_with(&self, at: usize, s: &str) -> bool {
        (at..)
            .zip(s.chars())
            .all(|(i, c)| self.chars.get(i) == Some(&c))
    }
}

const BREAK: char = '\n';

/// Reads the narrative of the lines outside the financial tables.
/// `furniture` marks page numbers and running headers ([`super::lex::furniture`]), which are skipped.
pub fn read(src: &str, lines: &[Line], furniture: &[Furniture], regions: &[Region]) -> Narrative {
    let mut narrative = Narrative::default();
    // The lines of the financial tables (绩效 forms are read as narrative too), marked once.
    let mut table_line = vec![false; lines.len()];
    for r in regions.iter().filter(|r| !r.kind.is_performance()) {
        let end = r.end.min(lines.len());
        if let Some(span) = table_line.get_mut(r.title.min(end)..end) {
            span.fill(true);
        }
    }
    let in_table = |i: usize| table_line[i];
    let mut flow = Flow {
        chars: Vec::new(),
        offs: Vec::new(),
        sections: Vec::new(),
        sentence: Vec::new(),
    };
    // A page break (or furniture) passed since the last text line.
    let mut crossed = false;
    for (i, l) in lines.iter().enumerate() {
        if in_table(i) {
            push_break(&mut flow, l.start);
            continue;
        }
        crossed |= l.page_break || furniture[i].is_some();
        if furniture[i].is_some() {
            continue;
        }
        let text = l.text(src);
        if text.trim().is_empty() {
            continue;
        }
        let glued_digits = flow
            .chars
            .last()
            .is_some_and(|c| c.is_ascii_digit() || *c == ',' || *c == '.')
            && text
                .trim_start()
                .starts_with(|c: char| c.is_ascii_digit() || c == ',' || c == '.');
        if crossed && glued_digits {
            push_break(&mut flow, l.start);
        }
        crossed = false;
        if let Some((heading, level)) = heading(text) {
            push_break(&mut flow, l.start);
            narrative.sections.push(Section {
                heading,
                span: l.span(),
                level,
            });
        }
        let current = narrative.sections.len().checked_sub(1);
        for (o, c) in text.char_indices() {
            if c.is_whitespace() || c == '\u{3000}' {
                continue;
            }
            push_char(&mut flow, c, l.start + o, current);
        }
        let trimmed = text.trim_end();
        if trimmed.ends_with('。') || heading(text).is_some() || trimmed.starts_with("[图片") {
            push_break(&mut flow, l.end);
        }
    }
    scan_figures(&flow, &mut narrative);
    scan_changes(&flow, &mut narrative);
    scan_lists(&flow, &mut narrative);
    narrative
}

fn push_break(flow: &mut Flow, at: usize) {
    if flow.chars.last().is_some_and(|&c| c != BREAK) {
        push_char(flow, BREAK, at, None);
    }
}

fn push_char(flow: &mut Flow, c: char, at: usize, section: Option<usize>) {
    let sentence = match flow.chars.last() {
        Some(&c) if c == '。' || c == BREAK => flow.sentence.last().map_or(0, |s| s + 1),
        _ => flow.sentence.last().copied().unwrap_or(0),
    };
    if flow.sections.last().is_none_or(|&(_, s)| s != section) {
        flow.sections.push((flow.chars.len(), section));
    }
    flow.chars.push(c);
    flow.offs.push(at);
    flow.sentence.push(sentence);
}

/// A section heading: `一、…`, `（一）…`, `(二) …` on a short line without a full stop, not ending in
/// a number; or a short one numbered `4.` ([`numbered`]).
fn heading(line: &str) -> Option<(String, u8)> {
    // At most 61 characters are looked at: a longer line is no heading (and a line of megabytes
    // costs no more than a short one).
    let t: String = line
        .chars()
        .filter(|c| !c.is_whitespace())
        .take(61)
        .collect();
    if numbered(&t) {
        return Some((t, 3));
    }
    // "（四）2080505-机关事业单位基本养老保险缴费支出 2470.32" ⏎ "万元。…": an item whose figure's
    // unit is on the next line, not a heading.
    if t.is_empty()
        || t.chars().count() > 60
        || t.contains('。')
        || t.ends_with(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    let numerals = "一二三四五六七八九十";
    let first = t.chars().next()?;
    if numerals.contains(first) {
        let n = t.chars().take_while(|c| numerals.contains(*c)).count();
        if t.chars().nth(n) == Some('、') {
            return Some((t, 1));
        }
    }
    if matches!(first, '（' | '(') {
        let n = t
            .chars()
            .skip(1)
            .take_while(|c| numerals.contains(*c))
            .count();
        if n > 0 && matches!(t.chars().nth(n + 1), Some('）' | ')')) {
            return Some((t, 2));
        }
    }
    if t.starts_with("第") && super::regions::is_part_heading(&t) {
        return Some((t, 0));
    }
    None
}

/// `4.预算绩效情况说明。`: a heading numbered in digits (Zhejiang's third level), a short phrase
/// with no clause and no figure inside it — not `3.2026年减少…` nor `1.因人员调整，…` (a list item
/// wrapped at the line's end), nor `5. 单位资金 212 城乡社区支出` (a row of a table).
fn numbered(t: &str) -> bool {
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    let mut rest = t.chars().skip(digits);
    let stop = rest.next();
    let body: String = rest.collect();
    let body = body.strip_suffix('。').unwrap_or(&body);
    (1..=2).contains(&digits)
        && matches!(stop, Some('.' | '．' | '、'))
        && (2..=20).contains(&body.chars().count())
        && !body.contains(|c: char| c.is_ascii_digit() || "，。；：,;:".contains(c))
}

/// Clause boundaries: where the phrase a figure is about starts. Brackets and quotes are not
/// boundaries: names contain them (因公出国（境）费, “三公”经费).
const BOUNDARY: &str = "，。；：;:、\n,";
const COUNT_WORDS: &[&str] = &[
    "平方米",
    "台（套）",
    "人",
    "个",
    "辆",
    "台",
    "名",
    "家",
    "次",
    "宗",
    "件",
    "套",
    "所",
];

/// Reads a number at `i` (digits, thousands separators, decimals). Returns its end.
fn number_at(f: &Flow, i: usize) -> Option<usize> {
    let c = f.chars[i];
    if !c.is_ascii_digit() {
        return None;
    }
    if i > 0 {
        let p = f.chars[i - 1];
        if p.is_ascii_digit() || p == '.' || p == ',' || p.is_ascii_alphabetic() {
            return None;
        }
    }
    let mut j = i;
    let mut dot = false;
    while j < f.chars.len() {
        let c = f.chars[j];
        let next_is_digit = f.chars.get(j + 1).is_some_and(char::is_ascii_digit);
        if c.is_ascii_digit() || (c == ',' && !dot && next_is_digit) {
            j += 1;
        } else if c == '.' && !dot && f.chars.get(j + 1).is_some_and(char::is_ascii_digit) {
            dot = true;
            j += 1;
        } else {
            break;
        }
    }
    Some(j)
}

fn unit_after(f: &Flow, j: usize) -> Option<(FigureUnit, usize)> {
    let units: &[(&str, FigureUnit)] = &[
        ("万元", FigureUnit::WanYuan),
        ("亿元", FigureUnit::YiYuan),
        ("元", FigureUnit::Yuan),
        ("%", FigureUnit::Percent),
        ("％", FigureUnit::Percent),
    ];
    for (w, u) in units {
        if f.starts_with(j, w) {
            return Some((u.clone(), j + w.chars().count()));
        }
    }
    for w in COUNT_WORDS {
        if f.starts_with(j, w) {
            let unit = if *w == "平方米" {
                FigureUnit::SquareMetres
            } else {
                FigureUnit::Count((*w).to_string())
            };
            return Some((unit, j + w.chars().count()));
        }
    }
    None
}

/// The phrase before a figure, back to the previous clause boundary, without connecting verbs.
fn subject_before(f: &Flow, i: usize) -> String {
    let mut s = i;
    while s > 0 && !BOUNDARY.contains(f.chars[s - 1]) && i - s < 40 {
        s -= 1;
    }
    let mut text = f.text(s, i);
    for tail in [
        "预算数为",
        "预算安排",
        "数为",
        "为",
        "是",
        "共计",
        "共",
        "达到",
        "达",
        "约",
    ] {
        if let Some(t) = text.strip_suffix(tail) {
            text = t.to_string();
            break;
        }
    }
    let text = text.trim_start_matches("其中").to_string();
    // "行政运行（项）：2025年预算数为 305.02 万元": the phrase is before the colon.
    let only_year = text
        .trim_end_matches('度')
        .strip_suffix('年')
        .is_some_and(|y| y.chars().all(|c| c.is_ascii_digit()));
    if (text.is_empty() || only_year) && s > 0 && matches!(f.chars[s - 1], '：' | ':') {
        return subject_before(f, s - 1);
    }
    text
}

fn scan_figures(f: &Flow, n: &mut Narrative) {
    let mut i = 0;
    while i < f.chars.len() {
        let Some(j) = number_at(f, i) else {
            i += 1;
            continue;
        };
        let Some((unit, end)) = unit_after(f, j) else {
            i = j.max(i + 1);
            continue;
        };
        let printed: String = f.chars[i..j].iter().collect();
        if let Some(value) = parse_figure(&printed) {
            let subject = subject_before(f, i);
            let share_of = if unit == FigureUnit::Percent && subject.starts_with('占') {
                last_in_sentence(n, f, i, |p| is_money(&p.unit))
            } else {
                None
            };
            n.figures.push(Figure {
                value,
                unit,
                span: f.span(i, end),
                subject,
                section: f.section_at(i),
                share_of,
            });
        }
        i = end;
    }
}

fn is_money(u: &FigureUnit) -> bool {
    matches!(
        u,
        FigureUnit::Yuan | FigureUnit::WanYuan | FigureUnit::YiYuan
    )
}

/// True when the character ending at source offset `from` is in the sentence of flow index `to`.
fn same_sentence(f: &Flow, from: usize, to: usize) -> bool {
    let at = f.offs.partition_point(|&o| o < from).saturating_sub(1);
    f.sentence.get(at) == f.sentence.get(to)
}

/// The last figure before flow index `i`, in the same sentence, that satisfies `pred`.
fn last_in_sentence(
    n: &Narrative,
    f: &Flow,
    i: usize,
    pred: impl Fn(&Figure) -> bool,
) -> Option<usize> {
    let here = f.offs.get(i).copied().unwrap_or(usize::MAX);
    let upto = n.figures.partition_point(|x| x.span.end <= here);
    (0..upto)
        .rev()
        .take_while(|&k| same_sentence(f, n.figures[k].span.end, i))
        .find(|&k| pred(&n.figures[k]))
}

fn direction_at(f: &Flow, i: usize) -> Option<(Direction, usize)> {
    const WORDS: &[(&str, Direction)] = &[
        ("基本持平", Direction::Flat),
        ("持平", Direction::Flat),
        ("保持一致", Direction::Flat),
        ("增加", Direction::Increase),
        ("增长", Direction::Increase),
        ("上升", Direction::Increase),
        ("提高", Direction::Increase),
        ("减少", Direction::Decrease),
        ("下降", Direction::Decrease),
        ("降低", Direction::Decrease),
        ("减", Direction::Decrease),
        ("增", Direction::Increase),
    ];
    WORDS
        .iter()
        .find(|(w, _)| f.starts_with(i, w))
        .map(|(w, d)| (*d, i + w.chars().count()))
}

fn figure_starting_at(n: &Narrative, f: &Flow, i: usize) -> Option<usize> {
    let off = *f.offs.get(i)?;
    n.figures.binary_search_by_key(&off, |x| x.span.start).ok()
}

fn scan_changes(f: &Flow, n: &mut Narrative) {
    let mut i = 0;
    while i < f.chars.len() {
        let c = f.chars[i];
        let is_cmp = (c == '比' || c == '较' || c == '与')
            && !f.starts_with(i, "比例")
            && !f.starts_with(i, "比重");
        if !is_cmp {
            i += 1;
            continue;
        }
        // The base runs up to a direction word, within a short distance.
        let mut k = i + 1;
        let mut found = None;
        while k < f.chars.len() && k - i <= 16 && !BOUNDARY.contains(f.chars[k]) {
            if let Some(d) = direction_at(f, k) {
                found = Some((k, d));
                break;
            }
            k += 1;
        }
        let Some((dir_at, (dir, after))) = found else {
            i += 1;
            continue;
        };
        // A change states a figure, or says 持平; "较上年有所增加" alone is only an explanation.
        if dir != Direction::Flat && figure_starting_at(n, f, after).is_none() {
            i += 1;
            continue;
        }
        let base = f.text(i + 1, dir_at);
        let looks_like_base = base.contains('年')
            || base.contains("预算")
            || base.contains("决算")
            || base.contains("执行");
        if base.is_empty() || !looks_like_base {
            i += 1;
            continue;
        }
        let mut change = Change {
            span: f.span(i, after),
            subject: String::new(),
            current: None,
            base: base.clone(),
            base_span: f.span(i + 1, dir_at),
            base_value: None,
            amount_direction: None,
            amount: None,
            percent_direction: None,
            percent: None,
            section: f.section_at(i),
        };
        let mut end = after;
        // "增加 22.31 万元" or "增加 17.62%".
        if let Some(fi) = figure_starting_at(n, f, after) {
            if n.figures[fi].unit == FigureUnit::Percent {
                change.percent = Some(fi);
                change.percent_direction = Some(dir);
            } else {
                change.amount = Some(fi);
                change.amount_direction = Some(dir);
            }
            end = f.offs.partition_point(|&o| o < n.figures[fi].span.end);
        } else {
            change.amount_direction = Some(dir);
        }
        // "，增长 6.09%" right after.
        if change.percent.is_none() {
            let mut m = end;
            if f.chars.get(m).is_some_and(|&c| c == '，' || c == ',') {
                m += 1;
            }
            if let Some((d2, a2)) = direction_at(f, m) {
                if let Some(fi) = figure_starting_at(n, f, a2) {
                    if n.figures[fi].unit == FigureUnit::Percent {
                        change.percent = Some(fi);
                        change.percent_direction = Some(d2);
                        end = f.offs.partition_point(|&o| o < n.figures[fi].span.end);
                    }
                }
            }
        }
        change.span = f.span(i, end.max(after));
        // The current figure: the last money figure before the comparison, in the same sentence and
        // after the change stated before it ("因公出国（境）费0万元，较上年降低25万元；公务接待费较上年降低
        // 1.17 万元": 1.17 has no current figure, and 0 or 25 is not it).
        let previous_end = n.changes.last().map_or(0, |c| c.span.end);
        change.current = last_in_sentence(n, f, i, |x| {
            is_money(&x.unit) && x.share_of.is_none() && x.span.start >= previous_end
        });
        // "2025年当年预算执行数为43269.3万元，2026年预算安排3845.49万元，比2025年预算执行数增加…":
        // a quoted base value.
        if let Some(cur) = change.current {
            // The base's year and kind ("2025年预算执行数" → 2025, 执行数) must both appear in its subject.
            let year: String = base.chars().filter(char::is_ascii_digit).collect();
            let word = ["执行", "决算", "预算"]
                .into_iter()
                .find(|w| base.contains(w));
            change.base_value = (0..cur)
                .rev()
                .take_while(|&k| same_sentence(f, n.figures[k].span.end, i))
                .find(|&k| {
                    let x = &n.figures[k];
                    is_money(&x.unit)
                        && !year.is_empty()
                        && x.subject.contains(year.as_str())
                        && word.is_some_and(|w| x.subject.contains(w))
                });
            change.subject = n.figures[cur].subject.clone();
        } else {
            // No current figure: what changed is named just before the comparison.
            change.subject = subject_before(f, i);
        }
        n.changes.push(change);
        i = end.max(i + 1);
    }
}

fn scan_lists(f: &Flow, n: &mut Narrative) {
    let change_parts: std::collections::HashSet<usize> = n
        .changes
        .iter()
        .flat_map(|c| [c.amount, c.percent])
        .flatten()
        .collect();
    let mut i = 0;
    while i + 1 < f.chars.len() {
        if !(f.chars[i] == '其' && f.chars[i + 1] == '中') {
            i += 1;
            continue;
        }
        let here = f.offs[i];
        let Some(total) = last_in_sentence(n, f, i, |x| x.unit != FigureUnit::Percent)
            .filter(|t| !change_parts.contains(t))
        else {
            i += 2;
            continue;
        };
        let unit = n.figures[total].unit.clone();
        let mut items = Vec::new();
        let mut end = i + 2;
        for (fi, x) in n.figures.iter().enumerate().skip(total + 1) {
            let start_idx = f.offs.partition_point(|&o| o < x.span.start);
            if !same_sentence(f, here, start_idx) {
                break;
            }
            let is_change_word = ["增加", "减少", "增长", "下降"]
                .iter()
                .any(|w| x.subject.ends_with(w));
            if x.unit != unit
                || change_parts.contains(&fi)
                || x.share_of.is_some()
                || is_change_word
            {
                continue;
            }
            items.push(fi);
            end = f.offs.partition_point(|&o| o < x.span.end);
        }
        // "…服务预算 225.99 万元；其中一般公共预算拨款政府采购 504.98 万元：货物 480.50 万元、…"
        // (wide/110): a figure right after 其中 that a colon follows heads its own list. The colon
        // must follow the figure and its unit word: a colon further on ("1.行政运行 2,542.46万元，
        // 较上年增加…，增长的主要原因是：…", wide/123) opens an explanation, not a list.
        let mut total = total;
        if items.len() >= 3 {
            let after = f
                .offs
                .partition_point(|&o| o < n.figures[items[0]].span.end);
            if matches!(f.chars.get(after), Some('：' | ':')) {
                total = items.remove(0);
            }
        }
        if items.len() >= 2 {
            n.lists.push(ComponentList {
                span: f.span(
                    f.offs.partition_point(|&o| o < n.figures[total].span.start),
                    end,
                ),
                total: Some(total),
                items,
                section: f.section_at(i),
            });
        }
        i = end.max(i + 2);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::lex::lines;

    #[test]
    fn a_short_phrase_numbered_in_digits_is_a_third_level_heading() {
        // wide/117 (Huzhou): `4.预算绩效情况说明。` heads the section of its performance figures.
        assert_eq!(heading("4.预算绩效情况说明。").map(|h| h.1), Some(3));
        assert_eq!(
            heading("1.一般公共预算当年拨款规模变化情况。").map(|h| h.1),
            Some(3)
        );
        // A list item wrapped at the line's end, or a clause, is no heading.
        for line in [
            "3.2026年减少一次性项目以及部分基建项目",
            "1.因人员调整，2026年一般公共预算金额",
            "2.“三公”经费主要是因公出国（境）费、公务用车购置费及运行费、公务接待费等支出情况。",
        ] {
            assert_eq!(heading(line), None, "{line}");
        }
    }

    fn narrative(text: &str) -> Narrative {
        let ls = lines(text);
        read(text, &ls, &crate::syntax::lex::furniture(text, &ls), &[])
    }

    #[test]
    fn change_with_amount_and_percent_across_a_line_break() {
        let n = narrative("一般公共预算 388.86 万元，占 99.99%，比上年预算增加 22.31 万元，增\n\n长 6.09%，主要原因是人员增加。");
        assert_eq!(n.changes.len(), 1);
        let c = &n.changes[0];
        assert_eq!(c.base, "上年预算");
        assert_eq!(n.figures[c.current.unwrap()].value.to_string(), "388.86");
        assert_eq!(n.figures[c.amount.unwrap()].value.to_string(), "22.31");
        assert_eq!(c.amount_direction, Some(Direction::Increase));
        assert_eq!(n.figures[c.percent.unwrap()].value.to_string(), "6.09");
        let share = n
            .figures
            .iter()
            .find(|f| f.unit == FigureUnit::Percent && f.value.to_string() == "99.99")
            .unwrap();
        assert_eq!(share.share_of, c.current);
    }

    #[test]
    fn explanations_without_figures_are_not_changes() {
        let n = narrative("故机关运行经费较上年有所增加。");
        assert!(n.changes.is_empty());
        let n = narrative("政府性基金拨款支出预算0万元，比2024年预算持平。");
        assert_eq!(n.changes.len(), 1);
        assert_eq!(n.changes[0].amount_direction, Some(Direction::Flat));
    }

    #[test]
    fn a_figure_after_qizhong_with_a_colon_heads_its_own_list() {
        // wide/110 lines 71–73.
        let n = narrative(
            "政府采购预算总额 712.49 万元：政府采购货物预算486.50 万元、政府采购工程预算 0 万元、\
             政府采购服务预算 225.99 万元；其中一般公共预算拨款政府采购 504.98 万元：政府采购货物预算 \
             480.50 万元、政府采购工程预算 0 万元、政府采购服务预算 24.48 万元。",
        );
        let list = n.lists.last().unwrap();
        let value = |i: usize| n.figures[i].value.to_string();
        assert_eq!(list.total.map(value).as_deref(), Some("504.98"));
        let items: Vec<String> = list.items.iter().map(|&i| value(i)).collect();
        assert_eq!(items, ["480.50", "0", "24.48"]);
    }

    #[test]
    fn a_colon_after_the_first_items_explanation_does_not_make_it_a_total() {
        // wide/123 lines 222–226: thirteen numbered items of 6,210.93; the first one's reason
        // follows a colon.
        let n = narrative(
            "本部门当年一般公共预算支出6,210.93万元，其中：\n\
             1.行政运行（2010501）2,542.46万元，较上年增加116.55万元，增长4.80%，增长的主要\n\
             原因是：实有人数增加，工资津补贴及配套的公用经费预算支出增加；\n\
             2.专项统计业务（2010505）82.65万元，较上年减少68.10万元，下降45.17%，下降的主要\n\
             原因是：原列入本支出功能科目的统计资料印刷预算支出本年调整至专项普查活动；\n\
             3.专项普查活动（2010507）2,378.66万元，较上年增加2,035.02万元，增长592.20%，增\n\
             长的主要原因是：本年增加第四次全国农业普查预算支出；",
        );
        let list = n.lists.last().unwrap();
        let value = |i: usize| n.figures[i].value.to_string();
        assert_eq!(list.total.map(value).as_deref(), Some("6210.93"));
        let items: Vec<String> = list.items.iter().map(|&i| value(i)).collect();
        assert_eq!(items, ["2542.46", "82.65", "2378.66"]);
    }

    #[test]
    fn component_lists_skip_change_figures() {
        let n =
            narrative("实有人数 21人，其中：在职 17人，增加 0人；退休 4 人，增加 0人；离休 0人。");
        assert_eq!(n.lists.len(), 1);
        let items: Vec<String> = n.lists[0]
            .items
            .iter()
            .map(|&i| n.figures[i].subject.clone())
            .collect();
        assert_eq!(items, ["在职", "退休", "离休"]);
    }

    #[test]
    fn subject_before_a_colon_and_year() {
        let n =
            narrative("1、一般公共服务支出（类）行政运行（项）：\n2025 年预算数为 305.02 万元。");
        assert_eq!(n.figures[0].subject, "一般公共服务支出（类）行政运行（项）");
    }

    #[test]
    fn a_change_without_its_current_figure_is_about_the_words_before_it() {
        // wide/124: the second change has no figure of its own before it; the 0 and 25 of the
        // clause before are another item's.
        let n = narrative(
            "因公出国（境）费0万元，较上年降低25万元；公务接待费较上年降低 1.17 万元（26.17 ），原因是压缩。",
        );
        let subjects: Vec<&str> = n.changes.iter().map(|c| c.subject.as_str()).collect();
        assert_eq!(subjects, ["因公出国（境）费", "公务接待费"]);
        assert_eq!(n.changes[1].current, None);
    }
}
