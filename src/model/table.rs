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
        self.status == TableStatus::Read && !self.columns_counted
    }
}
