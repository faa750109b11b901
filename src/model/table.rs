//! Tables: kind, unit, columns, rows and exact decimal cells.

use super::{MoneyUnit, Span};
use crate::amount::Interval;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// What a table is, whatever the region calls it (see `syntax::titles` for the synonyms).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TableKind {
    /// 收支总体情况表 · 财务收支预算总表 · 收入支出决算总表 (two-sided).
    IncomeExpenditure,
    /// 收入总体情况表 · 收入预算总表 · 收入决算表.
    Income,
    /// 支出总体情况表 · 支出预算总表 · 支出决算表.
    Expenditure,
    /// 财政拨款收支预算总体情况表 · 财政拨款收支预算总表 · 财政拨款收入支出决算总表 (two-sided).
    FiscalIncomeExpenditure,
    /// 一般公共预算支出情况表 · …支出功能分类预算表 · 一般公共预算财政拨款支出决算表.
    GeneralBudget,
    /// 一般公共预算基本支出情况表 · …基本支出部门预算经济分类预算表 · …基本支出决算表.
    GeneralBudgetBasic,
    /// 一般公共预算项目支出情况表.
    GeneralBudgetProjects,
    /// 政府性基金预算支出情况表 and synonyms.
    GovernmentFund,
    /// 国有资本经营预算支出情况表 and synonyms.
    StateCapital,
    /// 财政拨款"三公"经费支出情况表 · "三公"经费和机关运行经费预算表 · …决算表.
    ThreePublic,
    /// 上年结转结余情况明细表.
    CarryOver,
    /// 整体绩效目标表 (its 资金来源 figures).
    PerformanceOverall,
    /// 项目支出绩效目标表 (its funding figures).
    PerformanceProject,
    /// 一般公共预算支出 by economic classification, 基本 and 项目 together (一般公共预算支出经济分类
    /// 情况表 · 一般公共预算支出表（按经济分类）). Recognised; no layout is known, so it is not read.
    GeneralBudgetEconomic,
    /// All 财政拨款 (一般公共预算, 政府性基金, 国有资本经营) by function: 财政拨款支出表（功能科目）·
    /// 财政拨款支出预算表. Recognised; not read.
    FiscalExpenditure,
    /// 基本支出 by economic classification of all funds or all 财政拨款: 基本支出总表 · 部门预算基本支出
    /// 预算表 · 财政拨款基本支出表（经济科目） · 基本支出预算情况表. Recognised; not read.
    BasicExpenditure,
    /// Lists of projects: 项目支出总表 · 项目支出预算表 · 项目支出及其他支出预算表 · 专项业务经费支出表.
    /// Recognised; not read.
    Projects,
    /// 政府采购预算（明细）表 · 政府采购支出表. Recognised; not read.
    Procurement,
    /// 政府购买服务（预算财政拨款）明细表. Recognised; not read.
    PurchaseOfServices,
    /// 一般公共预算机关运行经费支出预算表. Recognised; not read.
    OperatingCosts,
}

impl TableKind {
    /// True for the tables whose rows are keyed by classification codes.
    pub fn is_coded(self) -> bool {
        matches!(
            self,
            TableKind::Income
                | TableKind::Expenditure
                | TableKind::GeneralBudget
                | TableKind::GeneralBudgetBasic
                | TableKind::GeneralBudgetProjects
                | TableKind::GovernmentFund
                | TableKind::StateCapital
        )
    }

    /// True for the 绩效目标表 forms: targets and their wording, read apart from the financial
    /// tables (their text is the narrative's too).
    pub fn is_performance(self) -> bool {
        matches!(
            self,
            TableKind::PerformanceOverall | TableKind::PerformanceProject
        )
    }

    /// True for the tables with an income side and an expenditure side.
    pub fn is_two_sided(self) -> bool {
        matches!(
            self,
            TableKind::IncomeExpenditure | TableKind::FiscalIncomeExpenditure
        )
    }
}

/// Income (left) or expenditure (right) side of a two-sided table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Income,
    Expenditure,
}

/// A column, named by its header path (`财政拨款（补助）/一般公共预算`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Column {
    pub name: String,
}

/// Whether a table was read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "status")]
pub enum TableStatus {
    /// Rows and cells were read.
    Read,
    /// The document declares the table empty ("…为空表") or it has no figures.
    Empty { statement: Option<Span> },
    /// The reader could not make sense of it; it holds no cells.
    Unread { reason: String },
}

/// Total row, classification row or a plain item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RowKind {
    /// 总计 / 合计 / 收入总计 …
    Total,
    /// A row keyed by a classification code.
    Coded,
    /// Any other labelled row (income items, 三公 items, projects …).
    Item,
}

/// The label of a 项目绩效目标表's cost-indicator rows: an upper bound of the project's spending in
/// 万元 ("办公费用 ≤16 万元", "< =3.50 万元"), kept when the bounds can cover the project's 年度预算总额.
pub const COST: &str = "成本指标";

/// Which year a column's figures are of. A table may print last year's figures and the change from
/// them beside this year's (Xi'an's 三公 table: `上年/…`, `本年/…`, `增减/…`); the rules that compare
/// the year's amounts use the current columns only.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    Current,
    Last,
    Change,
}

/// A column's period and the rest of its name (`上年/会议费` → (Last, `会议费`)).
pub fn column_period(name: &str) -> (Period, &str) {
    match name.split_once('/') {
        Some(("上年", rest)) => (Period::Last, rest),
        Some(("增减", rest)) => (Period::Change, rest),
        Some(("本年", rest)) => (Period::Current, rest),
        _ => (Period::Current, name),
    }
}

/// The fiscal funds (财政拨款) a row, a column or a phrase may be named after, in the order of the
/// 财政拨款收支总表's columns.
pub const FISCAL_FUNDS: [&str; 3] = ["一般公共预算", "政府性基金", "国有资本经营"];

/// The expenditure table of each fiscal fund, in the order of [`FISCAL_FUNDS`].
pub const FISCAL_FUND_TABLES: [TableKind; 3] = [
    TableKind::GeneralBudget,
    TableKind::GovernmentFund,
    TableKind::StateCapital,
];

/// The one fiscal fund a name names (`一般公共预算财政拨款` → 0), none when it names none or several.
pub fn fiscal_fund(name: &str) -> Option<usize> {
    let mut named = (0..FISCAL_FUNDS.len()).filter(|&f| name.contains(FISCAL_FUNDS[f]));
    let first = named.next()?;
    named.next().is_none().then_some(first)
}

/// Which rows of a summary table's expenditure side (uncoded, in printed order: kind, label and
/// first printed figure) are its classes, the items its totals add up. Every item is, unless the
/// classes are numbered (`一、教育支出`) and followed by their 款 and 项 by name alone (wide/104:
/// `职业教育`, `技校教育` under `一、教育支出`): then an item after a numbered one is inside it until
/// a totals row (本年支出合计) ends the classes, items after that total (结转下年) standing on their
/// own again. That nesting is taken only when the first total's figure is the sum of the numbered
/// classes before it — the document's own arithmetic, so a table with several expenditure sides
/// side by side (wide/123: three `一、财政拨款`) is not nested into a false sum. Unnumbered
/// classes are told by their names (the catalogue's 类), again only when they add up to the total.
/// Shared by the
/// reader's sense check and the arithmetic rules, so both see the same families.
pub fn expenditure_classes<'a>(
    rows: impl IntoIterator<Item = (RowKind, &'a str, Option<Decimal>)>,
) -> Vec<bool> {
    let rows: Vec<(RowKind, &str, Option<Decimal>)> = rows.into_iter().collect();
    let flat: Vec<bool> = rows.iter().map(|r| r.0 == RowKind::Item).collect();
    let mut in_class = false;
    let nested: Vec<bool> = rows
        .iter()
        .map(|&(kind, label, _)| {
            if kind == RowKind::Total {
                in_class = false;
            }
            if kind != RowKind::Item {
                return false;
            }
            let numbered = label.starts_with(|c: char| "一二三四五六七八九十".contains(c))
                && label.contains('、');
            in_class |= numbered;
            numbered || !in_class
        })
        .collect();
    // The document's own arithmetic decides: the classes before the first total with a figure
    // add up to it — or those after it, up to the next total, when it heads the side
    // (`一、本年支出合计` above the classes, Hangzhou's 财政拨款收支预算总表).
    let total = rows
        .iter()
        .position(|r| r.0 == RowKind::Total && r.2.is_some());
    let items = |r: &(RowKind, &str, Option<Decimal>)| r.0 == RowKind::Item;
    let covered = total.map(|t| {
        if rows[..t].iter().any(items) {
            0..t
        } else {
            let end = rows[t + 1..]
                .iter()
                .position(|r| r.0 == RowKind::Total)
                .map_or(rows.len(), |k| t + 1 + k);
            t + 1..end
        }
    });
    // The classes add up to the total, give or take `slack` (a share of the total).
    let add_up_within = |classes: &[bool], slack: Decimal| {
        let (Some(total), Some(covered)) = (total, covered.clone()) else {
            return false;
        };
        let sum = covered
            .filter(|&i| classes[i])
            .filter_map(|i| rows[i].2)
            .fold(Interval::exact(Decimal::ZERO), |s, v| {
                s.plus(Interval::of_printed(v))
            });
        rows[total].2.is_some_and(|t| {
            let slack = Interval {
                lo: -(t.abs() * slack),
                hi: t.abs() * slack,
            };
            Interval::of_printed(t).plus(slack).intersects(sum)
        })
    };
    let adds_up = |classes: &[bool]| add_up_within(classes, Decimal::ZERO);
    if nested != flat && adds_up(&nested) {
        return nested;
    }
    // Unnumbered classes followed by their 款 and 项 by name alone (Hangzhou: `公共安全支出`,
    // `公安`, `行政运行`): the items named like a function class (类) of the catalogue. They may
    // miss their total by a misprint (wide/116 prints 6651.38 for 一般公共服务支出, its parts and
    // the narrative 6,701.98): within 1 % of it they are the classes (every item would add up to
    // a multiple of it), and the misprint is then reported, not the reading refused.
    if !adds_up(&flat) {
        // Items after the total the classes add up to (年终结转结余) stand on their own.
        let after = covered
            .clone()
            .map_or(rows.len(), |c| c.end.max(total.unwrap_or(0) + 1));
        let named: Vec<bool> = (0..rows.len())
            .map(|i| {
                let (kind, label, _) = rows[i];
                kind == RowKind::Item && (crate::classification::is_class_name(label) || i >= after)
            })
            .collect();
        if named.contains(&true) && add_up_within(&named, Decimal::new(1, 2)) {
            return named;
        }
    }
    flat
}

/// One printed figure in its column.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Cell {
    /// Index into the table's columns for the row's side.
    pub column: usize,
    pub value: Decimal,
    pub span: Span,
    /// Other columns the figure could be in, when empty cells were dropped and the arithmetic
    /// leaves a choice. Empty when the column is certain.
    pub alternatives: Vec<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Row {
    pub kind: RowKind,
    pub side: Option<Side>,
    /// Concatenated classification code (`2010301`).
    pub code: Option<String>,
    pub code_span: Option<Span>,
    /// The printed name, whitespace removed.
    pub label: String,
    pub label_span: Span,
    /// A project name printed beside the classification name (table 7).
    pub item: Option<String>,
    pub cells: Vec<Cell>,
}

impl Row {
    pub fn cell(&self, column: usize) -> Option<&Cell> {
        self.cells.iter().find(|c| c.column == column)
    }

    /// The printed value in a column and the interval it stands for; zero when the cell is empty.
    pub fn value_or_zero(&self, column: usize) -> (Decimal, Interval) {
        self.cell(column)
            .map_or((Decimal::ZERO, Interval::exact(Decimal::ZERO)), |c| {
                (c.value, Interval::of_printed(c.value))
            })
    }

    /// The row's whole extent in the text.
    pub fn span(&self) -> Span {
        self.cells
            .iter()
            .fold(self.label_span, |s, c| s.cover(c.span))
    }
}

/// What of a read table was left out of its reading, in Chinese and English.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LeftUnread {
    pub zh: String,
    pub en: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Table {
    pub kind: TableKind,
    /// The number printed before the title (`表 3`), or the position in the table set.
    pub number: Option<u32>,
    pub title: String,
    pub title_span: Span,
    /// What the table is about when the title does not say: the project of a 项目支出绩效目标表.
    pub subject: Option<String>,
    /// From the title to the table's last line.
    pub span: Span,
    pub unit: Option<MoneyUnit>,
    pub unit_span: Option<Span>,
    /// Columns of a one-sided table, or of the expenditure side of a two-sided one.
    pub columns: Vec<Column>,
    /// Columns of the income side of a two-sided table.
    pub income_columns: Vec<Column>,
    pub rows: Vec<Row>,
    pub status: TableStatus,
    /// The header matched no known layout: the columns were counted from the figures, unnamed, and
    /// the reading rests on the table's own sums alone. Only within-table arithmetic uses such a
    /// table (`Context::checkable_tables`); rules that compare named columns see it as unread
    /// ([`Table::is_read`] is false).
    pub columns_counted: bool,
    /// The table lists each budget unit's spending in turn, the codes repeating from unit to unit
    /// ([`super::units`]): its sums are checked unit by unit, but a code's figure is no one row's,
    /// so rules that compare a table's codes with other tables see it as unread
    /// ([`Table::is_read`] is false) and R006 says so.
    pub by_unit: bool,
    /// A part of a read table left out of the reading, and why (a summary table's further
    /// expenditure breakdowns, `syntax::breakdowns`); reported as R006.
    pub left_unread: Option<LeftUnread>,
    /// The number of decimals the table prints its figures with: the most any of its figures shows.
    /// Some templates drop trailing zeros (`7` beside `1.53` in one row means 7.00), so a figure is
    /// read at its table's precision, never coarser than its own. Set once the rows are read.
    #[serde(skip)]
    pub decimals: u32,
}

impl Table {
    pub fn columns_of(&self, side: Option<Side>) -> &[Column] {
        match side {
            Some(Side::Income) => &self.income_columns,
            _ => &self.columns,
        }
    }

    pub fn column_index(&self, side: Option<Side>, name: &str) -> Option<usize> {
        self.columns_of(side).iter().position(|c| c.name == name)
    }

    /// Read, with columns named by a known layout.
    pub fn is_read(&self) -> bool {
        self.status == TableStatus::Read && !self.columns_counted && !self.by_unit
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn a_name_names_one_fund_or_none() {
        assert_eq!(fiscal_fund("一、一般公共预算财政拨款"), Some(0));
        assert_eq!(fiscal_fund("政府性基金预算"), Some(1));
        assert_eq!(fiscal_fund("三、国有资本经营预算财政拨款"), Some(2));
        assert_eq!(fiscal_fund("年初财政拨款结转和结余"), None);
        assert_eq!(fiscal_fund("一般公共预算和政府性基金预算"), None);
    }

    fn rows<'a>(printed: &[(RowKind, &'a str, &str)]) -> Vec<(RowKind, &'a str, Option<Decimal>)> {
        printed
            .iter()
            .map(|&(k, l, v)| (k, l, (!v.is_empty()).then(|| Decimal::from_str(v).unwrap())))
            .collect()
    }

    #[test]
    fn classes_followed_by_their_items_by_name_nest_when_the_total_says_so() {
        use RowKind::{Item, Total};
        // wide/104's shape: 一、教育支出 = 职业教育 (= 技校教育 + …); the total adds the classes.
        let printed = rows(&[
            (Item, "一、教育支出", "100.00"),
            (Item, "职业教育", "100.00"),
            (Item, "技校教育", "100.00"),
            (Item, "二、科学技术支出", "50.00"),
            (Item, "基础研究", "50.00"),
            (Total, "本年支出合计", "150.00"),
            (Item, "结转下年", "10.00"),
            (Total, "支出总计", "160.00"),
        ]);
        let classes = expenditure_classes(printed);
        assert_eq!(
            classes,
            [true, false, false, true, false, false, true, false]
        );
    }

    #[test]
    fn nesting_the_total_does_not_confirm_is_not_taken() {
        use RowKind::{Item, Total};
        // wide/123's shape: three expenditure sides read as one, each with its "一、财政拨款":
        // their sum is not the total, so every item stays top-level (and the sums fail broadly).
        let printed = rows(&[
            (Item, "一、财政拨款", "62.00"),
            (Item, "1、一般公共服务支出", "50.00"),
            (Item, "一、财政拨款", "62.00"),
            (Item, "1、人员经费和公用经费支出", "36.00"),
            (Total, "本年支出合计", "62.00"),
        ]);
        let classes = expenditure_classes(printed);
        assert_eq!(classes, [true, true, true, true, false]);
        // No numbered class: every item is one.
        let flat = rows(&[
            (Item, "教育支出", "1.00"),
            (Item, "科学技术支出", "2.00"),
            (Total, "合计", "3.00"),
        ]);
        assert_eq!(expenditure_classes(flat), [true, true, false]);
    }

    #[test]
    fn unnumbered_classes_are_told_by_their_names_when_they_add_up() {
        use RowKind::{Item, Total};
        // wide/115's 财政拨款收支预算总表 (excerpt, figures scaled): the total heads the side, the
        // classes are followed by their 款 and 项 by name only, two of them repeating the class's
        // word (其他一般公共服务支出 is both 款 and 项).
        let printed = rows(&[
            (Total, "一、本年支出合计", "305041.02"),
            (Item, "一般公共服务支出", "5140.00"),
            (Item, "其他一般公共服务支出", "5140.00"),
            (Item, "其他一般公共服务支出", "5140.00"),
            (Item, "公共安全支出", "299901.02"),
            (Item, "公安", "299901.02"),
            (Item, "行政运行", "260448.73"),
            (Item, "二、年终结转结余", ""),
            (Total, "支出总计", "305041.02"),
        ]);
        assert_eq!(
            expenditure_classes(printed),
            [false, true, false, false, true, false, false, false, false]
        );
        // The classes before the total, a carry-over after it standing on its own; one class
        // misprinted (wide/116: 一般公共服务支出 6651.38 over parts of 6,701.98) stays a class:
        // the classes miss the total by 50.60, the items of all levels would hold it twice over.
        let misprinted = rows(&[
            (Item, "一般公共服务支出", "6651.38"),
            (Item, "其他一般公共服务支出", "6701.98"),
            (Item, "城乡社区支出", "437000.00"),
            (Item, "其他城乡社区支出", "437000.00"),
            (Total, "本年支出合计", "443701.98"),
            (Item, "年终结转结余", "10.00"),
            (Total, "支出总计", "443711.98"),
        ]);
        assert_eq!(
            expenditure_classes(misprinted),
            [true, false, true, false, false, true, false]
        );
        // Named classes far from the total (9000.00 of 20000.00) are not taken for the classes.
        let far = rows(&[
            (Item, "一般公共服务支出", "5000.00"),
            (Item, "其他一般公共服务支出", "5000.00"),
            (Item, "城乡社区支出", "4000.00"),
            (Total, "本年支出合计", "20000.00"),
        ]);
        assert_eq!(expenditure_classes(far), [true, true, true, false]);
    }
}
