//! How a narrative phrase names a table figure.
//!
//! Two ways, both conservative (a link that is not certain can confirm a figure but never accuse it):
//! - by a row's name: the phrase ends with the name of a classification row or item of a read table,
//!   with the 类/款/项 path the phrase gives checked against the row's ancestors
//!   ("社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休（项）");
//! - by a short list of whole-table terms (收支总预算, 支出预算, 人员经费, “三公”经费 …), some of
//!   them only in the section they belong to (基本支出 in the 一般公共预算 section is the total of the
//!   一般公共预算支出表, in the 支出预算 section the total of the 支出总表).

use super::common::{norm, strip_lead, table_yuan, Topic, Yuan};
use crate::model::{
    column_period, DocKind, Period, Row, RowKind, Side, Span, Table, TableKind, TableStatus,
};
use crate::rules::Context;
use rust_decimal::Decimal;
use std::collections::HashMap;

/// One table figure a narrative phrase may name.
#[derive(Clone, Debug)]
pub struct Target<'a> {
    pub table: &'a Table,
    /// `表5「一般公共预算支出情况表」「201 一般公共服务支出」合计列`.
    pub what: String,
    pub span: Span,
    /// The figure as printed in the table, in the table's unit.
    pub printed: Decimal,
    pub amount: Yuan,
    /// The link implies equality. A weak link (a figure that may be only part of the row, a column
    /// the reader is not sure of, a table of wider scope) can confirm a figure but not accuse it.
    pub strong: bool,
}

/// One segment of a 类/款/项 path: its name and, when marked, its level as a code length (3/5/7).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Seg {
    pub name: String,
    pub level: Option<usize>,
}

/// Strips a trailing year phrase: `…（项）”2026年度预算` → `…（项）`.
fn strip_year_tail(s: &str) -> String {
    let s = s.trim_end_matches(':');
    for tail in [
        "年度预算数",
        "年度预算安排",
        "年度预算",
        "年预算数",
        "年预算安排",
        "年预算",
        "年度",
        "年",
    ] {
        if let Some(r) = s.strip_suffix(tail) {
            let chars: Vec<char> = r.chars().collect();
            if chars.len() >= 4 && chars[chars.len() - 4..].iter().all(char::is_ascii_digit) {
                return chars[..chars.len() - 4].iter().collect();
            }
        }
    }
    s.to_string()
}

/// The 类/款/项 path a phrase names: `一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）`,
/// `“一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行”科目`, `公共安全支出（204类）司法（06款）…`.
pub fn path(subject: &str) -> Vec<Seg> {
    let mut s = norm(subject);
    if let Some(r) = s.strip_suffix("科目") {
        s = r.to_string();
    }
    let s = strip_year_tail(&s);
    let chars: Vec<char> = s.chars().collect();
    let mut segs = Vec::new();
    let mut cur = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '(' {
            let digits = chars[i + 1..]
                .iter()
                .take_while(|c| c.is_ascii_digit())
                .count();
            let k = i + 1 + digits;
            let level = match chars.get(k) {
                Some('类') => Some(3),
                Some('款') => Some(5),
                Some('项') => Some(7),
                _ => None,
            };
            if level.is_some() && chars.get(k + 1) == Some(&')') {
                segs.push(Seg {
                    name: strip_lead(&cur),
                    level,
                });
                cur.clear();
                i = k + 2;
                continue;
            }
        }
        if c == '-' || c == '—' {
            if !cur.is_empty() {
                segs.push(Seg {
                    name: strip_lead(&cur),
                    level: None,
                });
                cur.clear();
            }
            i += 1;
            continue;
        }
        cur.push(c);
        i += 1;
    }
    if !cur.is_empty() {
        segs.push(Seg {
            name: strip_lead(&cur),
            level: None,
        });
    }
    segs.retain(|s| !s.name.is_empty());
    segs
}

/// A row's name without its ordinal, `其中：` or `（小计）`.
pub fn clean_label(label: &str) -> String {
    let l = strip_lead(&norm(label));
    l.strip_suffix("(小计)").map_or(l.clone(), str::to_string)
}

/// `一般公共预算拨款` and `一般公共预算资金` are the income item `一般公共预算`.
fn core(s: &str) -> &str {
    for suf in ["拨款", "资金"] {
        if let Some(r) = s.strip_suffix(suf) {
            if r.ends_with("预算") {
                return r;
            }
        }
    }
    s
}

pub fn row_name(r: &Row) -> String {
    match &r.code {
        Some(c) => format!("{c} {}", r.label),
        None => r.label.clone(),
    }
}

fn col_name(t: &Table, side: Option<Side>, col: usize) -> String {
    t.columns_of(side)
        .get(col)
        .map_or_else(String::new, |c| c.name.clone())
}

fn total_like(name: &str) -> bool {
    ["合计", "总计", "预算数", "决算数", "金额", "小计"]
        .iter()
        .any(|w| name.contains(w))
}

/// The target for a row's cell in a column, if printed.
fn cell_target<'a>(t: &'a Table, r: &'a Row, col: usize, strong: bool) -> Option<Target<'a>> {
    let c = r.cell(col)?;
    let amount = table_yuan(t, c.value)?;
    let row = if r.label.is_empty() {
        "合计".to_string()
    } else {
        row_name(r)
    };
    Some(Target {
        table: t,
        what: format!(
            "{}「{row}」{}列",
            Context::table_name(t),
            col_name(t, r.side, col)
        ),
        span: c.span,
        printed: c.value,
        amount,
        strong: strong && c.alternatives.is_empty(),
    })
}

/// Whether the document's money is all 财政拨款 (then tables of all funds and of 财政拨款 agree on
/// every row). `false` when the tables do not say.
pub fn all_fiscal(ctx: &Context) -> bool {
    // In final accounts, income by function is not expenditure by function (balances carried over).
    if ctx.doc.facts.kind.as_ref().map(|k| k.value) == Some(DocKind::FinalAccounts) {
        return false;
    }
    if let Some(t) = ctx.table(TableKind::Income) {
        let fiscal = t.columns.iter().position(|c| {
            c.name == "财政拨款收入"
                || c.name == "财政拨款"
                || (c.name.starts_with("财政拨款") && c.name.ends_with("小计"))
        });
        if let (Some(total), Some(fc)) = (t.rows.iter().find(|r| r.kind == RowKind::Total), fiscal)
        {
            if let (Some(a), Some(b)) = (total.cell(0), total.cell(fc)) {
                return a.value == b.value;
            }
        }
    }
    if let Some(t) = ctx.table(TableKind::IncomeExpenditure) {
        let total = t
            .rows
            .iter()
            .find(|r| r.kind == RowKind::Total && r.side == Some(Side::Income))
            .and_then(|r| r.cell(0));
        let fiscal = t
            .rows
            .iter()
            .filter(|r| r.side == Some(Side::Income))
            .find(|r| {
                let l = clean_label(&r.label);
                l == "财政拨款收入" || l == "财政拨款" || l == "财政拨款(补助)"
            })
            .and_then(|r| r.cell(0));
        if let (Some(a), Some(b)) = (total, fiscal) {
            return a.value == b.value;
        }
    }
    false
}

/// Tables whose rows are matched by name.
const ROW_TABLES: &[TableKind] = &[
    TableKind::IncomeExpenditure,
    TableKind::Income,
    TableKind::Expenditure,
    TableKind::FiscalIncomeExpenditure,
    TableKind::GeneralBudget,
    TableKind::GeneralBudgetBasic,
    TableKind::GeneralBudgetProjects,
    TableKind::GovernmentFund,
    TableKind::StateCapital,
    TableKind::CarryOver,
];

/// Where a figure stands, for deciding how strong a link is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Place {
    pub topic: Option<Topic>,
    pub in_breakdown: bool,
    pub all_fiscal: bool,
}

fn label_matches(label: &str, name: &str, r: &Row) -> bool {
    if label == name {
        return true;
    }
    // 项 `机关事业单位基本养老保险缴费支出` named `机关事业单位基本养老保险缴费`.
    if r.code.as_deref().is_some_and(|c| c.starts_with('2'))
        && label.strip_suffix("支出") == Some(name)
    {
        return true;
    }
    r.side == Some(Side::Income) && core(label) == core(name)
}

/// True when some ancestor row of `r` (by code) in the table is named `parent`.
fn has_ancestor(t: &Table, r: &Row, parent: &str) -> Option<bool> {
    let code = r.code.as_deref()?;
    let mut found_any = false;
    let mut len = code.len();
    while len > 3 {
        len -= 2;
        let pc = &code[..len];
        for p in t.rows.iter().filter(|p| p.code.as_deref() == Some(pc)) {
            found_any = true;
            let l = clean_label(&p.label);
            if l == parent || l.strip_suffix("支出") == Some(parent) {
                return Some(true);
            }
        }
    }
    found_any.then_some(false)
}

/// The rows named by a path, in every read table, with their figures. The second value is true
/// when rows of that name exist but the path's parent names none of them (the link is then unsure).
/// The rows of the row-keyed tables by every name a narrative path may give them, built once per
/// document so that linking a figure costs a lookup, not a pass over every table.
pub struct RowIndex<'a> {
    by_name: HashMap<String, Vec<(&'a Table, &'a Row)>>,
}

impl<'a> RowIndex<'a> {
    pub fn new(ctx: &'a Context) -> Self {
        let mut by_name: HashMap<String, Vec<(&'a Table, &'a Row)>> = HashMap::new();
        for t in ctx.read_tables().filter(|t| ROW_TABLES.contains(&t.kind)) {
            for r in t.rows.iter().filter(|r| r.kind != RowKind::Total) {
                let label = clean_label(&r.label);
                let mut keys = vec![label.clone()];
                if let Some(short) = label.strip_suffix("支出") {
                    keys.push(short.to_string());
                }
                if r.side == Some(Side::Income) {
                    keys.push(core(&label).to_string());
                }
                crate::order::sort(&mut keys);
                keys.dedup();
                for k in keys {
                    by_name.entry(k).or_default().push((t, r));
                }
            }
        }
        for rows in by_name.values_mut() {
            crate::order::sort_by_key(rows, |(t, r)| (t.span.start, r.label_span.start));
        }
        RowIndex { by_name }
    }

    /// Rows that may be named `name`, nearest to the text offset `at` first (a paste of several
    /// documents links each figure to its own document's tables; the window keeps this linear), each once.
    fn candidates(&self, name: &str, at: usize) -> Vec<(&'a Table, &'a Row)> {
        const WINDOW: usize = 12;
        let mut out: Vec<(&'a Table, &'a Row)> = Vec::new();
        for key in [name, core(name)] {
            let all = self.by_name.get(key).map_or(&[][..], Vec::as_slice);
            let i = all.partition_point(|(t, _)| t.span.start < at);
            let near = &all[i.saturating_sub(WINDOW)..(i + WINDOW).min(all.len())];
            for &(t, r) in near {
                if !out.iter().any(|&(_, o)| std::ptr::eq(o, r)) {
                    out.push((t, r));
                }
            }
        }
        crate::order::sort_by_key(&mut out, |&(t, r)| {
            (t.span.start.abs_diff(at), r.label_span.start)
        });
        out
    }
}

pub fn row_targets<'a>(
    ctx: &'a Context,
    index: &RowIndex<'a>,
    segs: &[Seg],
    place: Place,
    at: usize,
) -> (Vec<Target<'a>>, bool) {
    let mut out = Vec::new();
    let mut parent_conflict = false;
    let Some(last) = segs.last() else {
        return (out, false);
    };
    let name = last.name.as_str();
    if name.chars().count() < 2 {
        return (out, false);
    }
    let parent = (segs.len() >= 2).then(|| segs[segs.len() - 2].name.as_str());
    for (t, r) in index.candidates(name, at) {
        {
            let label = clean_label(&r.label);
            if !label_matches(&label, name, r) {
                continue;
            }
            if let (Some(level), Some(code)) = (last.level, r.code.as_deref()) {
                if code.len() != level {
                    continue;
                }
            }
            if let Some(p) = parent {
                if has_ancestor(t, r, p) == Some(false) {
                    parent_conflict = true;
                    continue;
                }
            }
            let economic = t.kind == TableKind::GeneralBudgetBasic
                || r.code.as_deref().is_some_and(|c| c.starts_with('3'));
            // `其中：…` rows, and in a two-sided table the unnumbered rows below a numbered item,
            // are parts of another item that may share its name (`单位资金` under 非财政拨款结转结余).
            let sub_item = norm(&r.label).starts_with("其中")
                || (t.kind.is_two_sided()
                    && r.side == Some(Side::Income)
                    && strip_lead(&norm(&r.label)) == norm(&r.label));
            let final_income = t.kind == TableKind::Income
                && ctx.doc.facts.kind.as_ref().map(|k| k.value) == Some(DocKind::FinalAccounts);
            let all_funds = matches!(
                t.kind,
                TableKind::Income | TableKind::Expenditure | TableKind::IncomeExpenditure
            ) && r.side != Some(Side::Income);
            // A function class named in a section about basic or project spending is that part
            // of the class, not its whole (wide/118, under （二）项目支出: 公共安全支出 40230.95
            // of the class's 68629.12): the row's total only confirms it.
            let part_of_class =
                !economic && matches!(place.topic, Some(Topic::Basic | Topic::Projects));
            let strong = if part_of_class {
                false
            } else if economic {
                place.topic == Some(Topic::Basic) && !place.in_breakdown
            } else if t.kind == TableKind::CarryOver {
                place.topic == Some(Topic::CarryOver)
            } else if final_income || sub_item || t.kind == TableKind::GeneralBudgetProjects {
                false
            } else if matches!(t.kind, TableKind::GovernmentFund | TableKind::StateCapital) {
                // A fund's own table holds only that fund's share of a class: a statement about
                // the whole budget, its income or expenditure, or the general budget names the
                // class's whole amount (wide/109: 教育支出 33862.49 of all funds, 182.00 of them
                // from the 政府性基金).
                !matches!(
                    place.topic,
                    Some(
                        Topic::Income
                            | Topic::Expenditure
                            | Topic::Overall
                            | Topic::GeneralBudget
                            | Topic::Fiscal
                            | Topic::Basic
                            | Topic::Projects
                    )
                )
            } else if t.kind == TableKind::FiscalIncomeExpenditure {
                // The converse: the 财政拨款收支总表 holds the fiscal money only; a statement about
                // all income, all spending or the whole budget names another amount unless all
                // the money is fiscal (wide/111: 收入预算合计 86,999.14 "包括本年收入 86,999.14",
                // of which the fiscal table's 一、本年收入 is 86,940.35).
                place.all_fiscal
                    || !matches!(
                        place.topic,
                        Some(Topic::Income | Topic::Expenditure | Topic::Overall)
                    )
            } else if all_funds {
                place.all_fiscal
                    || matches!(
                        place.topic,
                        Some(Topic::Income | Topic::Expenditure | Topic::Overall)
                    )
            } else {
                true
            };
            if total_like(&col_name(t, r.side, 0)) {
                match cell_target(t, r, 0, strong) {
                    Some(target) => out.push(target),
                    // A blank cell of a row that is there reads as nothing budgeted; it can confirm a
                    // narrative 0 but not accuse anything.
                    None if t.kind.is_two_sided() => out.push(Target {
                        table: t,
                        what: format!("{}「{}」（空白）", Context::table_name(t), row_name(r)),
                        span: r.label_span,
                        printed: Decimal::ZERO,
                        amount: Yuan::zero(),
                        strong: false,
                    }),
                    None => {}
                }
            }
            if t.kind == TableKind::Income {
                // The 财政拨款 and 一般公共预算 columns of the 收入总表 give the row's fiscal amount.
                for (k, c) in t.columns.iter().enumerate().skip(1) {
                    let fiscal = c.name == "财政拨款收入"
                        || c.name == "财政拨款"
                        || (c.name.starts_with("财政拨款") && c.name.ends_with("小计"))
                        || c.name.ends_with("一般公共预算");
                    if fiscal {
                        out.extend(cell_target(
                            t,
                            r,
                            k,
                            !economic && !sub_item && !final_income,
                        ));
                    }
                }
            }
        }
    }
    let conflict = parent_conflict && out.is_empty();
    (out, conflict)
}

/// The 三公 items, whatever a region calls them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Key {
    Total,
    Abroad,
    CarBoth,
    CarBuy,
    CarRun,
    Reception,
    Running,
    /// 会议费 and 培训费, printed beside the 三公 in some provinces' tables (Jiangsu, Xi'an).
    Meeting,
    Training,
}

/// The 三公 item a name is (`因公出国（境）费`, `公务用车购置及运行费（小计）` …).
pub fn three_key(name: &str) -> Option<Key> {
    let n = clean_label(name);
    let n = n.as_str();
    // `…“三公”经费财政拨款支出预算` (wide/131) is the 三公 total too, not the fiscal table's.
    const THREE: [&str; 6] = [
        "三公经费",
        "三公经费预算",
        "三公经费支出",
        "三公经费支出预算",
        "三公经费财政拨款",
        "三公经费财政拨款支出预算",
    ];
    if THREE.iter().any(|w| n.ends_with(w)) {
        return Some(Key::Total);
    }
    if n.ends_with("机关运行经费")
        || n.ends_with("机关运行经费预算")
        || n.ends_with("机关运行经费财政拨款预算")
    {
        return Some(Key::Running);
    }
    match n {
        "因公出国(境)费" | "因公出国(境)费用" | "因公出国境费" => {
            Some(Key::Abroad)
        }
        "公务用车购置及运行费" | "公务用车购置及运行维护费" => {
            Some(Key::CarBoth)
        }
        "公务用车购置费" => Some(Key::CarBuy),
        "公务用车运行费" | "公务用车运行维护费" => Some(Key::CarRun),
        "公务接待费" => Some(Key::Reception),
        "会议费" => Some(Key::Meeting),
        "培训费" => Some(Key::Training),
        _ => None,
    }
}

/// The 三公 item a column of the 三公 table is (`公务用车购置及运行费/购置费` …), in the year's columns
/// (not `上年/…` or `增减/…`).
pub(super) fn column_key(name: &str) -> Option<Key> {
    match period_key(name)? {
        (Period::Current, k) => Some(k),
        _ => None,
    }
}

/// The period and the 三公 item of a column (`上年/“三公”经费/公务接待费` → (Last, Reception)).
fn period_key(name: &str) -> Option<(Period, Key)> {
    let (period, name) = column_period(name);
    let n = norm(name);
    let last = n.rsplit('/').next().unwrap_or(&n);
    // The car columns under 公务用车购置及运行费.
    let car = || match last {
        "小计" => Some(Key::CarBoth),
        "购置费" | "购置" => Some(Key::CarBuy),
        "运行费" | "运行维护费" | "运行" => Some(Key::CarRun),
        _ => None,
    };
    let key = if n.contains("三公") && last == "合计" {
        Key::Total
    } else if let Some(k) = n.contains("公务用车").then(car).flatten() {
        k
    } else if n == "合计" {
        Key::Total
    } else {
        three_key(last)?
    };
    Some((period, key))
}

/// The figures of the 三公 table for an item: rows of that name (合计 column) and, in the one-row
/// layout, the total row's column of that name.
pub fn three_targets<'a>(ctx: &'a Context, key: Key) -> Vec<Target<'a>> {
    three_period_targets(ctx, key, Period::Current)
}

/// The figures of the 三公 table for an item in one period: [`three_targets`] for the year, the
/// totals row's `上年/…` or `增减/…` column of the item for the others.
pub fn three_period_targets<'a>(ctx: &'a Context, key: Key, period: Period) -> Vec<Target<'a>> {
    let mut out = Vec::new();
    for t in ctx
        .read_tables()
        .filter(|t| t.kind == TableKind::ThreePublic)
    {
        for r in &t.rows {
            if r.kind == RowKind::Total {
                for (k, c) in t.columns.iter().enumerate() {
                    if period_key(&c.name) == Some((period, key)) {
                        out.extend(cell_target(t, r, k, true));
                    }
                }
            } else if period == Period::Current && three_key(&r.label) == Some(key) {
                out.extend(cell_target(t, r, 0, true));
            }
        }
    }
    out
}

/// Whole-table terms.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Term {
    FiscalTotals,
    AllTotals,
    IncomeTotal,
    ExpenditureTotal,
    FiscalExpenditure,
    GeneralBudget,
    Fund,
    Capital,
    BasicTotal,
    ProjectsTotal,
    Personnel,
    Public,
    /// 基本支出 / 项目支出 of the section's table.
    Basic,
    Project,
    Three(Key),
    CarryOver,
    CarryFiscal,
    CarryNonFiscal,
    /// The scale of the project named in the section heading.
    ProjectScale(String),
}

/// Suffixes naming a whole-table figure, most specific first, with words that must not come just
/// before them (`事业收入预算` is not the 收入预算).
const SUFFIXES: &[(&[&str], Term, &[&str])] = &[
    (
        &[
            "财政拨款收支总预算",
            "财政拨款收支预算总额",
            "财政拨款收支总计",
            "财政拨款收入支出总计",
        ],
        Term::FiscalTotals,
        &[],
    ),
    (
        &["收支总预算", "收支预算总额", "收支总计", "收入支出总计"],
        Term::AllTotals,
        &["财政拨款"],
    ),
    (
        &["一般公共预算基本支出", "一般公共预算财政拨款基本支出"],
        Term::BasicTotal,
        &[],
    ),
    (
        &["一般公共预算项目支出", "一般公共预算财政拨款项目支出"],
        Term::ProjectsTotal,
        &[],
    ),
    (
        &[
            "一般公共预算拨款支出预算",
            "一般公共预算财政拨款支出预算",
            "一般公共预算拨款合计",
            "一般公共预算当年拨款",
            "一般公共预算财政拨款支出",
            "一般公共预算拨款支出",
            "一般公共预算支出",
        ],
        Term::GeneralBudget,
        &[],
    ),
    (
        &[
            "政府性基金拨款支出预算",
            "政府性基金预算财政拨款支出预算",
            "政府性基金预算拨款支出",
            "政府性基金预算财政拨款支出",
            "政府性基金预算支出",
        ],
        Term::Fund,
        &[],
    ),
    (
        &[
            "国有资本经营预算拨款支出预算",
            "国有资本经营预算拨款支出",
            "国有资本经营预算财政拨款支出",
            "国有资本经营预算支出",
        ],
        Term::Capital,
        &[],
    ),
    (
        &["财政拨款支出预算", "财政拨款支出总计"],
        Term::FiscalExpenditure,
        &[],
    ),
    (
        &["收入预算", "收入总计", "收入预算总额"],
        Term::IncomeTotal,
        &[
            "财政拨款",
            "拨款",
            "事业",
            "经营",
            "基金",
            "一般公共预算",
            "其他",
            "资本",
            "本年",
        ],
    ),
    (
        &["支出预算", "支出总计", "支出预算总额"],
        Term::ExpenditureTotal,
        &[
            "财政拨款",
            "拨款",
            "基金",
            "一般公共预算",
            "资本",
            "经营",
            "基本",
            "项目",
            "其他",
            "本年",
            "采购",
        ],
    ),
    (&["上年结转结余"], Term::CarryOver, &[]),
];

const SCALE_WORDS: &[&str] = &[
    "预算安排规模",
    "预算规模",
    "资金规模",
    "预算安排",
    "预算金额",
    "项目资金",
    "项目预算",
];

/// The project a heading names: `（一）项目名称：政府采购专家评审费`.
pub fn project_of_heading(h: &str) -> Option<String> {
    let h = norm(h);
    let (_, rest) = h.split_once("项目名称")?;
    let rest = rest.trim_start_matches(':');
    (!rest.is_empty()).then(|| rest.to_string())
}

/// Words that end the name of a body (局, 委员会, 中心 …) or a phrase naming the whole budget.
const WHOLE_ENDINGS: &[&str] = &[
    "年",
    "年度",
    "部门",
    "单位",
    "本级",
    ")",
    "的",
    "局",
    "委",
    "委员会",
    "中心",
    "办公室",
    "办事处",
    "院",
    "所",
    "站",
    "队",
    "会",
    "厅",
    "处",
    "室",
    "校",
    "馆",
    "团",
    "社",
    "台",
    "园",
    "司",
];

fn whole_prefix(before: &str, body: Option<&str>) -> bool {
    before.is_empty()
        || body.is_some_and(|b| before.ends_with(&norm(b)))
        || WHOLE_ENDINGS.iter().any(|w| before.ends_with(w))
}

/// The whole-table term a phrase is, given where it stands.
pub fn term_of(
    subject: &str,
    place: Place,
    innermost_heading: Option<&str>,
    body: Option<&str>,
) -> Option<Term> {
    let s = norm(subject);
    let bare = strip_lead(&s);
    if let Some(k) = three_key(&bare) {
        return match k {
            Key::Total => Some(Term::Three(Key::Total)),
            Key::Running => Some(Term::Three(Key::Running)),
            _ if place.topic == Some(Topic::ThreePublic) => Some(Term::Three(k)),
            _ => None,
        };
    }
    for (suffixes, term, forbid) in SUFFIXES {
        for suf in *suffixes {
            if let Some(before) = s.strip_suffix(suf) {
                if forbid.iter().any(|w| before.ends_with(w)) {
                    return None;
                }
                // A generic term (收入预算, 支出预算) must stand alone or after the body's name or
                // the year: `部门收入预算`, `…中心2025年支出预算`, not `非税收入预算`.
                if !forbid.is_empty() && !whole_prefix(before, body) {
                    return None;
                }
                return Some(term.clone());
            }
        }
    }
    if place.topic == Some(Topic::Projects) {
        if let Some(project) = innermost_heading.and_then(project_of_heading) {
            if SCALE_WORDS.iter().any(|w| s.ends_with(w)) {
                return Some(Term::ProjectScale(project));
            }
        }
    }
    if place.in_breakdown {
        return None;
    }
    match (bare.as_str(), place.topic) {
        ("人员经费", Some(Topic::Basic | Topic::GeneralBudget)) => Some(Term::Personnel),
        ("公用经费", Some(Topic::Basic | Topic::GeneralBudget)) => Some(Term::Public),
        ("基本支出", Some(Topic::GeneralBudget | Topic::Expenditure)) => Some(Term::Basic),
        ("项目支出", Some(Topic::GeneralBudget | Topic::Expenditure)) => Some(Term::Project),
        ("财政拨款", Some(Topic::CarryOver)) => Some(Term::CarryFiscal),
        ("非财政拨款", Some(Topic::CarryOver)) => Some(Term::CarryNonFiscal),
        _ => None,
    }
}

/// The tables a term needs (for saying what could not be checked).
pub fn term_tables(term: &Term) -> &'static [TableKind] {
    match term {
        Term::FiscalTotals | Term::FiscalExpenditure => &[TableKind::FiscalIncomeExpenditure],
        Term::AllTotals | Term::IncomeTotal | Term::ExpenditureTotal => {
            &[TableKind::IncomeExpenditure]
        }
        Term::GeneralBudget | Term::Basic | Term::Project => &[TableKind::GeneralBudget],
        Term::Fund => &[TableKind::GovernmentFund],
        Term::Capital => &[TableKind::StateCapital],
        Term::BasicTotal | Term::Personnel | Term::Public => &[TableKind::GeneralBudgetBasic],
        Term::ProjectsTotal | Term::ProjectScale(_) => &[TableKind::GeneralBudgetProjects],
        Term::Three(_) => &[TableKind::ThreePublic],
        Term::CarryOver | Term::CarryFiscal | Term::CarryNonFiscal => &[TableKind::CarryOver],
    }
}

fn totals(t: &Table, side: Option<Side>) -> impl Iterator<Item = &Row> {
    t.rows
        .iter()
        .filter(move |r| r.kind == RowKind::Total && (side.is_none() || r.side == side))
}

/// A total cannot be smaller than a row it totals: when it is, the reader took some other row for
/// the total, and the table's totals are not used.
fn plausible_total(t: &Table, total: &Row, col: usize) -> bool {
    let Some(tc) = total.cell(col) else {
        return true;
    };
    t.rows
        .iter()
        .filter(|r| r.kind != RowKind::Total && r.side == total.side)
        .filter_map(|r| r.cell(col))
        .all(|c| c.value <= tc.value || c.value < Decimal::ZERO)
}

fn column_named(t: &Table, side: Option<Side>, w: &str) -> Option<usize> {
    t.columns_of(side)
        .iter()
        .position(|c| c.name == w || c.name.ends_with(&format!("/{w}")))
}

/// Totals of read tables of a kind in a column (first column when `col` is `None`); a table the
/// document declares empty stands for 0.
fn total_targets<'a>(
    ctx: &'a Context,
    kind: TableKind,
    side: Option<Side>,
    col: Option<&str>,
    out: &mut Vec<Target<'a>>,
) {
    for t in ctx.doc.tables.iter().filter(|t| t.kind == kind) {
        match &t.status {
            TableStatus::Read if t.is_read() => {
                let k = match col {
                    None => Some(0),
                    Some(w) => column_named(t, side, w),
                };
                let Some(k) = k else {
                    continue;
                };
                if col.is_none() && !total_like(&col_name(t, side, 0)) {
                    continue;
                }
                for r in totals(t, side) {
                    if plausible_total(t, r, k) {
                        out.extend(cell_target(t, r, k, true));
                    }
                }
            }
            TableStatus::Empty {
                statement: Some(span),
            } if col.is_none() => out.push(Target {
                table: t,
                what: format!("{}（声明为空表）", Context::table_name(t)),
                span: *span,
                printed: Decimal::ZERO,
                amount: Yuan::zero(),
                strong: true,
            }),
            _ => {}
        }
    }
}

/// The table figures a whole-table term names.
pub fn term_targets<'a>(ctx: &'a Context, term: &Term, place: Place) -> Vec<Target<'a>> {
    use TableKind as K;
    let mut out = Vec::new();
    let inc = Some(Side::Income);
    let exp = Some(Side::Expenditure);
    match term {
        Term::FiscalTotals => {
            total_targets(ctx, K::FiscalIncomeExpenditure, inc, None, &mut out);
            total_targets(ctx, K::FiscalIncomeExpenditure, exp, None, &mut out);
        }
        Term::AllTotals => {
            total_targets(ctx, K::IncomeExpenditure, inc, None, &mut out);
            total_targets(ctx, K::IncomeExpenditure, exp, None, &mut out);
        }
        Term::IncomeTotal => {
            total_targets(ctx, K::IncomeExpenditure, inc, None, &mut out);
            total_targets(ctx, K::Income, None, None, &mut out);
        }
        Term::ExpenditureTotal => {
            total_targets(ctx, K::IncomeExpenditure, exp, None, &mut out);
            total_targets(ctx, K::Expenditure, None, None, &mut out);
        }
        Term::FiscalExpenditure => {
            total_targets(ctx, K::FiscalIncomeExpenditure, exp, None, &mut out);
        }
        Term::GeneralBudget => {
            total_targets(ctx, K::GeneralBudget, None, None, &mut out);
            total_targets(
                ctx,
                K::FiscalIncomeExpenditure,
                exp,
                Some("一般公共预算"),
                &mut out,
            );
        }
        Term::Fund => {
            total_targets(ctx, K::GovernmentFund, None, None, &mut out);
            total_targets(
                ctx,
                K::FiscalIncomeExpenditure,
                exp,
                Some("政府性基金预算"),
                &mut out,
            );
        }
        Term::Capital => {
            total_targets(ctx, K::StateCapital, None, None, &mut out);
            total_targets(
                ctx,
                K::FiscalIncomeExpenditure,
                exp,
                Some("国有资本经营预算"),
                &mut out,
            );
        }
        Term::BasicTotal => {
            total_targets(ctx, K::GeneralBudgetBasic, None, None, &mut out);
            total_targets(ctx, K::GeneralBudget, None, Some("基本支出"), &mut out);
        }
        Term::ProjectsTotal => {
            total_targets(ctx, K::GeneralBudgetProjects, None, None, &mut out);
            total_targets(ctx, K::GeneralBudget, None, Some("项目支出"), &mut out);
        }
        Term::Personnel => {
            total_targets(ctx, K::GeneralBudgetBasic, None, Some("人员经费"), &mut out);
        }
        Term::Public => {
            total_targets(ctx, K::GeneralBudgetBasic, None, Some("公用经费"), &mut out);
        }
        Term::Basic => {
            if place.topic == Some(Topic::GeneralBudget) {
                total_targets(ctx, K::GeneralBudget, None, Some("基本支出"), &mut out);
                total_targets(ctx, K::GeneralBudgetBasic, None, None, &mut out);
            } else {
                total_targets(ctx, K::Expenditure, None, Some("基本支出"), &mut out);
            }
        }
        Term::Project => {
            if place.topic == Some(Topic::GeneralBudget) {
                total_targets(ctx, K::GeneralBudget, None, Some("项目支出"), &mut out);
                total_targets(ctx, K::GeneralBudgetProjects, None, None, &mut out);
            } else {
                total_targets(ctx, K::Expenditure, None, Some("项目支出"), &mut out);
            }
        }
        Term::Three(key) => out = three_targets(ctx, *key),
        Term::CarryOver => total_targets(ctx, K::CarryOver, None, None, &mut out),
        Term::CarryFiscal => {
            total_targets(ctx, K::CarryOver, None, Some("财政拨款/小计"), &mut out);
        }
        Term::CarryNonFiscal => {
            total_targets(ctx, K::CarryOver, None, Some("非财政拨款/小计"), &mut out);
        }
        Term::ProjectScale(project) => {
            if let Some(t) = ctx.table(K::GeneralBudgetProjects) {
                let rows: Vec<&Row> = t
                    .rows
                    .iter()
                    .filter(|r| r.item.as_deref().is_some_and(|i| norm(i) == norm(project)))
                    .collect();
                let cells: Vec<_> = rows.iter().filter_map(|r| r.cell(0)).collect();
                if !cells.is_empty()
                    && cells.len() == rows.len()
                    && total_like(&col_name(t, None, 0))
                {
                    let sum: Decimal = cells.iter().map(|c| c.value).sum();
                    let mut amount = Yuan::zero();
                    for c in &cells {
                        if let Some(y) = table_yuan(t, c.value) {
                            amount = amount.plus(y);
                        }
                    }
                    if t.unit.is_some() {
                        out.push(Target {
                            table: t,
                            what: format!(
                                "{}项目「{project}」{}列",
                                Context::table_name(t),
                                col_name(t, None, 0)
                            ),
                            span: cells[0].span,
                            printed: sum,
                            amount,
                            strong: cells.iter().all(|c| c.alternatives.is_empty()),
                        });
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(segs: &[Seg]) -> Vec<(&str, Option<usize>)> {
        segs.iter().map(|s| (s.name.as_str(), s.level)).collect()
    }

    #[test]
    fn paths_of_the_three_notations() {
        assert_eq!(
            names(&path(
                "一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）"
            )),
            [
                ("一般公共服务支出", Some(3)),
                ("政府办公厅(室)及相关机构事务", Some(5)),
                ("行政运行", Some(7))
            ]
        );
        assert_eq!(
            names(&path(
                "1.“一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行”科目"
            )),
            [
                ("一般公共服务支出", None),
                ("政府办公厅(室)及相关机构事务", None),
                ("行政运行", None)
            ]
        );
        assert_eq!(
            names(&path(
                "住房保障支出（221类）住房改革支出（02款）住房公积金（01项）"
            )),
            [
                ("住房保障支出", Some(3)),
                ("住房改革支出", Some(5)),
                ("住房公积金", Some(7))
            ]
        );
        assert_eq!(
            names(&path(
                ".“一般公共服务支出(类）-统计信息事务（款）-统计管理（项）”2026年度预算"
            ))
            .last()
            .copied(),
            Some(("统计管理", Some(7)))
        );
        assert_eq!(
            names(&path("主要用于机关事业单位基本养老保险缴费")),
            [("机关事业单位基本养老保险缴费", None)]
        );
    }

    #[test]
    fn three_public_names() {
        assert_eq!(three_key("（一）因公出国（境）费"), Some(Key::Abroad));
        assert_eq!(
            three_key("公务用车购置及运行费（小计）"),
            Some(Key::CarBoth)
        );
        assert_eq!(three_key("2026年“三公”经费"), Some(Key::Total));
        assert_eq!(column_key("公务用车购置及运行费/购置费"), Some(Key::CarBuy));
        assert_eq!(column_key("合计"), Some(Key::Total));
        // Xi'an's 三公 table: the year's columns only, its 合计 holding 会议费 and 培训费 is no item.
        assert_eq!(column_key("本年/“三公”经费/合计"), Some(Key::Total));
        assert_eq!(column_key("本年/会议费"), Some(Key::Meeting));
        assert_eq!(column_key("上年/“三公”经费/公务接待费"), None);
        assert_eq!(column_key("增减/培训费"), None);
        assert_eq!(column_key("本年/三公、会议费、培训费合计"), None);
        assert_eq!(
            period_key("上年/“三公”经费/公务用车购置及运行费/运行费"),
            Some((Period::Last, Key::CarRun))
        );
    }

    #[test]
    fn terms_need_their_place() {
        let p = |topic| Place {
            topic,
            in_breakdown: false,
            all_fiscal: false,
        };
        assert_eq!(
            term_of("收支总预算", p(None), None, None),
            Some(Term::AllTotals)
        );
        assert_eq!(
            term_of("2025年财政拨款收支总预算", p(None), None, None),
            Some(Term::FiscalTotals)
        );
        assert_eq!(term_of("事业收入预算", p(None), None, None), None);
        assert_eq!(term_of("非税收入预算", p(None), None, None), None);
        assert_eq!(
            term_of("上海市普陀区商务委员会收入预算", p(None), None, None),
            Some(Term::IncomeTotal)
        );
        assert_eq!(term_of("人员经费", p(None), None, None), None);
        assert_eq!(
            term_of("人员经费", p(Some(Topic::Basic)), None, None),
            Some(Term::Personnel)
        );
        assert_eq!(
            term_of(
                "预算安排规模",
                p(Some(Topic::Projects)),
                Some("（一）项目名称：政府采购专家评审费"),
                None
            ),
            Some(Term::ProjectScale("政府采购专家评审费".to_string()))
        );
    }
}
