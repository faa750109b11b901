//! What the N rules share: amounts in one unit, intervals of ratios, the sections a narrative figure
//! sits in, the phrases that mark a figure as a change or a breakdown, and the text around a figure.

use crate::amount::{half_unit, Agreement, Interval};
use crate::classification::normalize_name;
use crate::model::{Figure, FigureUnit, MoneyUnit, Narrative, Table};
use crate::rules::Context;
use rust_decimal::{Decimal, RoundingStrategy};
use std::collections::HashSet;

/// A printed amount in 元: its value and half a unit of its last printed digit, both in 元.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Yuan {
    pub value: Decimal,
    pub half: Decimal,
}

impl Yuan {
    pub fn interval(self) -> Interval {
        Interval {
            lo: self.value - self.half,
            hi: self.value + self.half,
        }
    }

    pub fn zero() -> Yuan {
        Yuan {
            value: Decimal::ZERO,
            half: Decimal::ZERO,
        }
    }

    pub fn plus(self, o: Yuan) -> Yuan {
        Yuan {
            value: self.value + o.value,
            half: self.half + o.half,
        }
    }
}

/// 元 per unit of a narrative money unit.
pub fn figure_factor(u: &FigureUnit) -> Option<Decimal> {
    match u {
        FigureUnit::Yuan => Some(Decimal::ONE),
        FigureUnit::WanYuan => Some(Decimal::from(10_000)),
        FigureUnit::YiYuan => Some(Decimal::from(100_000_000)),
        _ => None,
    }
}

pub fn is_money(f: &Figure) -> bool {
    figure_factor(&f.unit).is_some()
}

/// A narrative money figure in 元. A printed zero ("0 万元", "0.00 万元") says nothing is budgeted:
/// it is taken as exactly zero, not as a rounded small amount.
pub fn figure_yuan(f: &Figure) -> Option<Yuan> {
    let k = figure_factor(&f.unit)?;
    let half = if f.value.is_zero() {
        Decimal::ZERO
    } else {
        half_unit(f.value) * k
    };
    Some(Yuan {
        value: f.value * k,
        half,
    })
}

pub fn money_factor(u: MoneyUnit) -> Decimal {
    match u {
        MoneyUnit::Yuan => Decimal::ONE,
        MoneyUnit::WanYuan => Decimal::from(10_000),
    }
}

/// A table figure in 元 (the table must state its unit).
pub fn table_yuan(t: &Table, v: Decimal) -> Option<Yuan> {
    let k = money_factor(t.unit?);
    Some(Yuan {
        value: v * k,
        half: half_unit(v) * k,
    })
}

/// An amount in 元 shown in a narrative unit ("万元").
pub fn show_in(v: Decimal, u: &FigureUnit) -> String {
    let k = figure_factor(u).unwrap_or(Decimal::ONE);
    (v / k).normalize().to_string()
}

pub fn unit_word(u: &FigureUnit) -> &'static str {
    match u {
        FigureUnit::Yuan => "元",
        FigureUnit::WanYuan => "万元",
        FigureUnit::YiYuan => "亿元",
        FigureUnit::Percent => "%",
        FigureUnit::SquareMetres => "平方米",
        FigureUnit::Count(_) => "",
    }
}

/// The figure as printed with its unit: `57.98万元`, `7个`.
pub fn printed(f: &Figure) -> String {
    match &f.unit {
        FigureUnit::Count(w) => format!("{}{w}", f.value),
        u => format!("{}{}", f.value, unit_word(u)),
    }
}

fn round_to(v: Decimal, step: Decimal) -> Decimal {
    if step.is_zero() {
        return v;
    }
    (v / step).round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero) * step
}

/// Compares two printed amounts of the same quantity. One printed more precisely than the other
/// (a table in 元, the narrative in 万元) agrees exactly when it rounds to the other; otherwise the
/// intervals decide between a rounding difference and an error.
pub fn agree_amounts(a: Yuan, b: Yuan) -> Agreement {
    if a.value == b.value {
        return Agreement::Exact;
    }
    let (fine, coarse) = if a.half <= b.half { (a, b) } else { (b, a) };
    if round_to(fine.value, coarse.half * Decimal::TWO) == coarse.value {
        return Agreement::Exact;
    }
    if a.interval().intersects(b.interval()) {
        Agreement::Rounding
    } else {
        Agreement::Mismatch
    }
}

/// The range of `f(x, y)` over the box of two intervals, for an `f` monotone in each argument
/// (extremes at the corners). `None` if `f` is undefined at a corner.
pub fn corners(
    x: Interval,
    y: Interval,
    f: impl Fn(Decimal, Decimal) -> Option<Decimal>,
) -> Option<Interval> {
    let vals = [
        f(x.lo, y.lo)?,
        f(x.lo, y.hi)?,
        f(x.hi, y.lo)?,
        f(x.hi, y.hi)?,
    ];
    let lo = vals.iter().copied().min()?;
    let hi = vals.iter().copied().max()?;
    Some(Interval { lo, hi })
}

fn contains_zero(i: Interval) -> bool {
    i.lo <= Decimal::ZERO && i.hi >= Decimal::ZERO
}

/// The interval of `100 · num / den`, `None` when `den` can be zero.
pub fn percent_of(num: Interval, den: Interval) -> Option<Interval> {
    if contains_zero(den) {
        return None;
    }
    corners(num, den, |a, b| {
        a.checked_mul(Decimal::ONE_HUNDRED)?.checked_div(b)
    })
}

/// `100 · a / b` exactly (to 28 digits).
pub fn pct(a: Decimal, b: Decimal) -> Option<Decimal> {
    a.checked_mul(Decimal::ONE_HUNDRED)?.checked_div(b)
}

/// Compares a printed percentage with the exact ratio computed from printed figures and the range
/// their rounding allows.
pub fn agree_percent(printed: Decimal, exact: Decimal, range: Interval) -> Agreement {
    let r = exact.round_dp_with_strategy(printed.scale(), RoundingStrategy::MidpointAwayFromZero);
    if r == printed {
        Agreement::Exact
    } else if Interval::of_printed(printed).intersects(range) {
        Agreement::Rounding
    } else {
        Agreement::Mismatch
    }
}

/// The percentage a ratio rounds to at the printed precision, for messages.
pub fn rounded(v: Decimal, like: Decimal) -> Decimal {
    v.round_dp_with_strategy(like.scale(), RoundingStrategy::MidpointAwayFromZero)
}

/// A normalized phrase: whitespace removed, full-width forms folded, quotation marks dropped.
pub fn norm(s: &str) -> String {
    normalize_name(s)
        .chars()
        .filter(|c| {
            !matches!(
                c,
                '“' | '”' | '"' | '‘' | '’' | '\'' | '「' | '」' | '《' | '》'
            )
        })
        .collect()
}

const CONNECTORS: &[&str] = &[
    "其中:",
    "其中",
    "主要用于:",
    "主要用于",
    "用于:",
    "用于",
    "主要包括:",
    "主要包括",
    "具体包括:",
    "具体包括",
    "包括:",
    "包括",
    "分别是",
    ":",
];

const NUMERALS: &str = "一二三四五六七八九十";

/// Strips leading ordinals (`1.`, `1、`, `(一)`, `一、`) and connecting words (`其中`, `主要用于`).
pub fn strip_lead(s: &str) -> String {
    let mut s = s.to_string();
    loop {
        let before = s.clone();
        // 1. / 1、 / 12．
        let digits = s.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && digits <= 2 {
            let rest: String = s.chars().skip(digits).collect();
            if let Some(r) = rest
                .strip_prefix('.')
                .or_else(|| rest.strip_prefix('、'))
                .or_else(|| rest.strip_prefix('．'))
            {
                s = r.to_string();
            }
        }
        // (一) / 一、
        if let Some(r) = s.strip_prefix('(') {
            let n = r.chars().take_while(|c| NUMERALS.contains(*c)).count();
            if n > 0 {
                let rest: String = r.chars().skip(n).collect();
                if let Some(r2) = rest.strip_prefix(')') {
                    s = r2.to_string();
                }
            }
        }
        let n = s.chars().take_while(|c| NUMERALS.contains(*c)).count();
        if n > 0 {
            let rest: String = s.chars().skip(n).collect();
            if let Some(r) = rest.strip_prefix('、') {
                s = r.to_string();
            }
        }
        for c in CONNECTORS {
            if let Some(r) = s.strip_prefix(c) {
                s = r.to_string();
                break;
            }
        }
        if s == before {
            return s;
        }
    }
}

/// A phrase for messages: without a leading ordinal, quotation marks, `科目`, or a trailing year
/// phrase (`…（项）”2026年度预算` → `…（项）`).
pub fn tidy(subject: &str) -> String {
    let mut s: String = subject.trim().to_string();
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 {
        let rest: String = s.chars().skip(digits).collect();
        if let Some(r) = rest
            .strip_prefix('.')
            .or_else(|| rest.strip_prefix('、'))
            .or_else(|| rest.strip_prefix('．'))
        {
            s = r.to_string();
        }
    }
    // A phrase the reader cut in the middle of a path starts with `）-`.
    s = s
        .trim_start_matches(['.', '“', '"', '）', ')', '-', '—'])
        .to_string();
    for tail in [
        "年度预算数",
        "年度预算",
        "年预算安排",
        "年预算数",
        "年预算",
        "年度",
        "年",
    ] {
        if let Some(r) = s.strip_suffix(tail) {
            let chars: Vec<char> = r.chars().collect();
            if chars.len() > 4 && chars[chars.len() - 4..].iter().all(char::is_ascii_digit) {
                s = chars[..chars.len() - 4].iter().collect();
                break;
            }
        }
    }
    s = s.trim_end_matches("科目").to_string();
    s.trim_end_matches(['”', '"']).to_string()
}

/// True when the phrase starts a breakdown ("主要用于…", "包括…").
pub fn opens_breakdown(subject: &str) -> bool {
    let s = norm(subject);
    let s = s.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == '、');
    ["主要用于", "用于", "主要包括", "具体包括", "包括"]
        .iter()
        .any(|w| s.starts_with(w))
}

const DIRECTION_WORDS: &[&str] = &[
    "增加", "减少", "增长", "下降", "上升", "降低", "持平", "提高", "增", "减",
];

/// True when the phrase a figure is about is a year-on-year statement or its explanation
/// ("比上年预算增加", "公务接待费增加", "主要原因是…增加").
pub fn is_change_phrase(subject: &str) -> bool {
    let s = norm(subject);
    DIRECTION_WORDS.iter().any(|w| s.ends_with(w))
        || [
            "比上年",
            "较上年",
            "比上一",
            "较上一",
            "同比",
            "原因",
            "增加",
            "减少",
            "增长",
            "下降",
        ]
        .iter()
        .any(|w| s.contains(w))
}

/// True when the phrase is about another year than the document's, or about last year's budget
/// or its execution ("2025年度预算" in a 2026 budget, "上年", "执行数", "年初预算").
pub fn other_period(subject: &str, year: Option<u16>) -> bool {
    let s = norm(subject);
    if ["上年", "上一年", "去年", "执行", "年初预算", "调整预算"]
        .iter()
        .any(|w| s.contains(w))
    {
        return true;
    }
    let Some(year) = year else {
        return false;
    };
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i + 4 < chars.len() {
        let is4 = chars[i..i + 4].iter().all(char::is_ascii_digit)
            && (i == 0 || !chars[i - 1].is_ascii_digit());
        if is4 && chars[i + 4] == '年' {
            let y: String = chars[i..i + 4].iter().collect();
            if y.parse::<u16>().ok() != Some(year) {
                return true;
            }
            i += 4;
        }
        i += 1;
    }
    false
}

/// The clause just before a figure in the text ("2024 年预算数为" in "行政运行（项）：2024 年预算数为
/// 252.37 万元"): the reader takes the phrase before the colon as the subject, and the year it
/// drops must still be seen.
pub fn clause_before(text: &str, at: usize) -> String {
    let before = flow_before(text, at, 40);
    let s: String = before.iter().map(|p| p.0).collect();
    let cut = s
        .char_indices()
        .rev()
        .find(|(_, c)| matches!(c, '，' | ',' | '；' | ';' | '：' | ':' | '。'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    s[cut..].to_string()
}

/// True when the figure is about another period, by its subject or by the clause before it.
pub fn figure_other_period(text: &str, f: &Figure, year: Option<u16>) -> bool {
    other_period(&f.subject, year) || other_period(&clause_before(text, f.span.start), year)
}

/// Indices of figures that are parts of year-on-year statements: amounts, percentages, quoted bases.
pub fn change_parts(n: &Narrative) -> HashSet<usize> {
    n.changes
        .iter()
        .flat_map(|c| [c.amount, c.percent, c.base_value])
        .flatten()
        .collect()
}

/// What a section of the narrative is about, from its heading (innermost first).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Topic {
    Performance,
    ThreePublic,
    Running,
    CarryOver,
    Projects,
    Basic,
    GeneralBudget,
    Fiscal,
    Income,
    Expenditure,
    Overall,
    Procurement,
    Assets,
}

fn is_glossary_or_toc(h: &str) -> bool {
    h.contains("……")
        || h.contains("...")
        || h.contains("：是")
        || h.contains(":是")
        || h.contains("：指")
        || h.contains(":指")
}

/// Heading words and the topic they name, most specific first.
const HEADING_TOPICS: &[(&[&str], Topic)] = &[
    (&["绩效"], Topic::Performance),
    (&["三公"], Topic::ThreePublic),
    (&["运行经费"], Topic::Running),
    (&["结转结余"], Topic::CarryOver),
    (&["项目名称", "项目支出", "项目经费"], Topic::Projects),
    (&["基本支出"], Topic::Basic),
    (&["一般公共预算"], Topic::GeneralBudget),
    (&["财政拨款"], Topic::Fiscal),
    (&["政府采购"], Topic::Procurement),
    (&["国有资产"], Topic::Assets),
    (&["收支"], Topic::Overall),
    (&["收入"], Topic::Income),
    (&["支出"], Topic::Expenditure),
];

fn topic_of_heading(h: &str) -> Option<Topic> {
    let h = norm(h);
    HEADING_TOPICS
        .iter()
        .find(|(words, _)| words.iter().any(|w| h.contains(w)))
        .map(|&(_, topic)| topic)
}

/// The headings in force at a section, innermost first (glossary entries and table-of-contents
/// lines skipped: they are not sections of the explanation).
pub fn heading_chain(n: &Narrative, section: Option<usize>) -> Vec<&str> {
    let Some(mut i) = section else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut level = u8::MAX;
    loop {
        let s = &n.sections[i];
        if s.level < level {
            if !is_glossary_or_toc(&s.heading) {
                out.push(s.heading.as_str());
            }
            level = s.level;
        }
        if level == 0 || i == 0 {
            break;
        }
        i -= 1;
    }
    out
}

/// The topic of the innermost heading that has one.
pub fn topic(n: &Narrative, section: Option<usize>) -> Option<Topic> {
    heading_chain(n, section)
        .into_iter()
        .find_map(topic_of_heading)
}

/// For each figure, whether it lies inside a "主要用于…" breakdown of the figure before it:
/// from a figure whose phrase opens one, through the end of the sentence, unless a figure that
/// `is_head` (a classification row of its own) starts a new statement. Figures introduced by
/// `其中` after a classification row's figure are parts of that row too, through the end of the
/// sentence or the next row (wide/124: `对个人和家庭的补助（303）100151.38 万元，其中：人员经费
/// 138.06 万元` is the 人员经费 within 303, not the table's whole 人员经费; so is the `公用经费
/// 75.66 万元` after `（505）2945.22万元, 其中：人员经费1903.54万元, 较上年增加…;`).
pub fn breakdowns(ctx: &Context, is_head: impl Fn(&Figure) -> bool) -> Vec<bool> {
    let n = &ctx.doc.narrative;
    let mut out = Vec::with_capacity(n.figures.len());
    let mut open = false;
    // The sentence so far named a classification row with its figure; its 其中 parts are open.
    let mut row_named = false;
    let mut row_parts = false;
    let mut prev: Option<&Figure> = None;
    for f in &n.figures {
        let prev_end = prev.map_or(0, |p| p.span.end);
        let gap = ctx
            .text
            .get(prev_end.min(f.span.start)..f.span.start)
            .unwrap_or("");
        if gap.contains('。') {
            open = false;
            row_named = false;
            row_parts = false;
        }
        if opens_breakdown(&f.subject) {
            open = true;
        } else if open && is_head(f) {
            open = false;
        }
        if is_head(f) || names_code(&f.subject) {
            row_named = true;
            row_parts = false;
        } else if row_named && gap.contains("其中") {
            row_parts = true;
        }
        out.push(open || row_parts);
        prev = Some(f);
    }
    out
}

/// Whether a phrase names a classification row by its code in brackets: `对个人和家庭的补助（303）`.
fn names_code(subject: &str) -> bool {
    let s = norm(subject);
    let chars: Vec<char> = s.chars().collect();
    chars.windows(5).any(|w| {
        matches!(w[0], '（' | '(')
            && w[1..4].iter().all(|c| c.is_ascii_digit())
            && matches!(w[4], '）' | ')')
    })
}

/// True when the text between two spans has no sentence end.
pub fn same_sentence(ctx: &Context, a: crate::source::Span, b: crate::source::Span) -> bool {
    let (from, to) = if a.end <= b.start {
        (a.end, b.start)
    } else {
        (b.end, a.start)
    };
    if from > to {
        return true;
    }
    !ctx.text.get(from..to).unwrap_or("。").contains('。')
}

/// A page footer line (`- 5 -`, `20`, `第 3 页`; `lex::page_number`) or an empty line.
fn is_footer(line: &str) -> bool {
    line.trim().is_empty() || crate::syntax::lex::page_number(line).is_some()
}

/// The text from byte `from` on, whitespace and page footers removed, up to and including the
/// first `。` (at most `max` characters). Each character with its byte offset.
pub fn flow_after(text: &str, from: usize, max: usize) -> Vec<(char, usize)> {
    let mut out = Vec::new();
    let mut pos = crate::source::ceil_char_boundary(text, from);
    let mut first = true;
    while pos < text.len() && out.len() < max {
        let end = text[pos..].find('\n').map_or(text.len(), |k| pos + k);
        let line = &text[pos..end];
        if first || !is_footer(line) {
            for (o, c) in line.char_indices() {
                if c.is_whitespace() || c == '\u{c}' {
                    continue;
                }
                out.push((c, pos + o));
                if c == '。' || out.len() >= max {
                    return out;
                }
            }
        }
        first = false;
        pos = end + 1;
    }
    out
}

/// The text before byte `to`, whitespace and page footers removed, back to (not including) the
/// previous `。` (at most `max` characters), in reading order.
pub fn flow_before(text: &str, to: usize, max: usize) -> Vec<(char, usize)> {
    let mut out: Vec<(char, usize)> = Vec::new();
    let mut end = to.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut first = true;
    'lines: loop {
        let start = text[..end].rfind('\n').map_or(0, |k| k + 1);
        let line = &text[start..end];
        if first || !is_footer(line) {
            for (o, c) in line.char_indices().rev() {
                if c.is_whitespace() || c == '\u{c}' {
                    continue;
                }
                if c == '。' || out.len() >= max {
                    break 'lines;
                }
                out.push((c, start + o));
            }
        }
        first = false;
        if start == 0 {
            break;
        }
        end = start - 1;
    }
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn wan(s: &str) -> Yuan {
        Yuan {
            value: d(s) * Decimal::from(10_000),
            half: half_unit(d(s)) * Decimal::from(10_000),
        }
    }

    fn yuan(s: &str) -> Yuan {
        Yuan {
            value: d(s),
            half: half_unit(d(s)),
        }
    }

    #[test]
    fn amounts_across_units_and_precisions() {
        assert_eq!(
            agree_amounts(wan("3845.49"), yuan("38454872")),
            Agreement::Exact
        );
        assert_eq!(agree_amounts(wan("839"), wan("839.00")), Agreement::Exact);
        assert_eq!(
            agree_amounts(wan("57.98"), wan("57.99")),
            Agreement::Mismatch
        );
        assert_eq!(
            agree_amounts(wan("450"), wan("450.60")),
            Agreement::Mismatch
        );
        assert_eq!(
            agree_amounts(wan("9101.68"), yuan("91016775.35")),
            Agreement::Exact
        );
    }

    #[test]
    fn percentages_with_intervals() {
        let part = Interval::of_printed(d("388.86"));
        let whole = Interval::of_printed(d("388.89"));
        let range = percent_of(part, whole).unwrap();
        let exact = pct(d("388.86"), d("388.89")).unwrap();
        assert_eq!(agree_percent(d("99.99"), exact, range), Agreement::Exact);
        assert_eq!(agree_percent(d("99.90"), exact, range), Agreement::Mismatch);
        assert!(percent_of(part, Interval::of_printed(d("0.00"))).is_none());
    }

    #[test]
    fn leading_ordinals_and_connectors() {
        assert_eq!(strip_lead("1.一般公共预算拨款"), "一般公共预算拨款");
        assert_eq!(
            strip_lead("(二)公务用车购置及运行费"),
            "公务用车购置及运行费"
        );
        assert_eq!(strip_lead("一、财政拨款收入"), "财政拨款收入");
        assert_eq!(
            strip_lead("主要用于机关事业单位基本养老保险缴费"),
            "机关事业单位基本养老保险缴费"
        );
        assert_eq!(strip_lead("其中:一般财力"), "一般财力");
    }

    #[test]
    fn periods() {
        assert!(other_period("2025年度预算", Some(2026)));
        assert!(other_period("2025年当年预算执行", Some(2026)));
        assert!(!other_period("2026年“三公”经费", Some(2026)));
        assert!(!other_period("行政运行(项)", Some(2026)));
    }

    #[test]
    fn flows_skip_page_footers() {
        let text =
            "下设 7 个科室，分别是：办公室、12345\n\n- 5 -\n\n政务热线管理科、效能\n督查科。后文";
        let f: String = flow_after(text, 0, 200).iter().map(|p| p.0).collect();
        assert_eq!(
            f,
            "下设7个科室，分别是：办公室、12345政务热线管理科、效能督查科。"
        );
        let b: String = flow_before(text, text.find("督查").unwrap(), 200)
            .iter()
            .map(|p| p.0)
            .collect();
        assert_eq!(b, "下设7个科室，分别是：办公室、12345政务热线管理科、效能");
    }
}
