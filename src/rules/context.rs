//! What a rule sees: the document, its text, and lookups shared by the rules.

use crate::diag::Diagnostic;
use crate::model::{Document, Table, TableKind, TableStatus};
use crate::rules::consistency::text::Flow;

pub struct Context<'a> {
    pub text: &'a str,
    pub doc: &'a Document,
    /// The prose flows several rules scan, made once on first use (see [`Context::prose`]).
    prose: std::cell::OnceCell<Flow>,
    prose_unbroken: std::cell::OnceCell<Flow>,
}

/// Where a rule puts its findings and its coverage.
#[derive(Default)]
pub struct Sink {
    pub diagnostics: Vec<Diagnostic>,
    /// Identities checked.
    pub checked: usize,
    pub skipped: Vec<String>,
    /// Narrative figures the rule compared with something (each a figure's span).
    pub covered: Vec<crate::source::Span>,
}

impl Sink {
    pub fn push(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }

    /// Records that the figure at `span` took part in a check.
    pub fn cover(&mut self, span: crate::source::Span) {
        self.covered.push(span);
    }

    pub fn skip(&mut self, reason: String) {
        if !self.skipped.contains(&reason) {
            self.skipped.push(reason);
        }
    }
}

impl<'a> Context<'a> {
    pub fn new(text: &'a str, doc: &'a Document) -> Self {
        Context {
            text,
            doc,
            prose: std::cell::OnceCell::new(),
            prose_unbroken: std::cell::OnceCell::new(),
        }
    }

    /// The prose: the text without its tables, with a break at every table boundary and around
    /// every heading, so that no sentence runs across them. Made once, on first use.
    pub(crate) fn prose(&self) -> &Flow {
        self.prose.get_or_init(|| Flow::prose_with(self, true))
    }

    /// The prose as [`Context::prose`], breaking only at tables: headings the reader recognised may
    /// be the first line of a wrapped sentence ("（三）负责对…（建筑、市政、").
    pub(crate) fn prose_unbroken(&self) -> &Flow {
        self.prose_unbroken
            .get_or_init(|| Flow::prose_with(self, false))
    }

    /// Tables that were read, with named columns.
    pub fn read_tables(&self) -> impl Iterator<Item = &'a Table> {
        self.doc.tables.iter().filter(|t| t.is_read())
    }

    /// Tables whose rows can be checked on their own: read with named columns, or with counted
    /// columns (within-table sums and row codes only).
    pub fn checkable_tables(&self) -> impl Iterator<Item = &'a Table> {
        self.doc
            .tables
            .iter()
            .filter(|t| t.status == TableStatus::Read)
    }

    /// The read table of a kind, if there is exactly one read.
    pub fn table(&self, kind: TableKind) -> Option<&'a Table> {
        let mut it = self.read_tables().filter(move |t| t.kind == kind);
        let first = it.next()?;
        it.next().is_none().then_some(first)
    }

    /// Why a table of `kind` cannot be used: missing or unread.
    pub fn unusable(&self, kind: TableKind) -> Option<String> {
        match self.doc.tables.iter().find(|t| t.kind == kind) {
            None => Some(format!("{} 不在文中", kind_name(kind))),
            Some(t) => match &t.status {
                TableStatus::Unread { .. } => Some(format!("「{}」未能读取", t.title)),
                _ => None,
            },
        }
    }

    /// `表3「单位支出总体情况表」` — how findings name a table.
    pub fn table_name(t: &Table) -> String {
        match t.number {
            Some(n) => format!("表{n}「{}」", t.title),
            None => format!("「{}」", t.title),
        }
    }
}

/// The severity of a difference between printed figures: a rounding difference or an error.
pub fn severity(agreement: crate::amount::Agreement) -> crate::diag::Severity {
    if agreement == crate::amount::Agreement::Rounding {
        crate::diag::Severity::Rounding
    } else {
        crate::diag::Severity::Error
    }
}

/// The severity and verdict phrase (Chinese, English) of a difference `diff` (printed with `unit`,
/// possibly empty) between figures whose agreement is `Rounding` or `Mismatch`.
pub fn verdict(
    agreement: crate::amount::Agreement,
    diff: impl std::fmt::Display,
    unit: &str,
) -> (crate::diag::Severity, String, String) {
    let unit_en = if unit.is_empty() {
        String::new()
    } else {
        format!(" {unit}")
    };
    let severity = severity(agreement);
    let (zh, en) = if severity == crate::diag::Severity::Rounding {
        ("可由四舍五入解释（尾差）", "that rounding explains")
    } else {
        ("不能由四舍五入解释", "that rounding cannot explain")
    };
    (
        severity,
        format!("相差 {diff}{unit}，{zh}"),
        format!("a difference of {diff}{unit_en} {en}"),
    )
}

/// The generic name of a table kind, for messages about a missing table.
pub fn kind_name(kind: TableKind) -> &'static str {
    match kind {
        TableKind::IncomeExpenditure => "收支总体情况表",
        TableKind::Income => "收入总体情况表",
        TableKind::Expenditure => "支出总体情况表",
        TableKind::FiscalIncomeExpenditure => "财政拨款收支总体情况表",
        TableKind::GeneralBudget => "一般公共预算支出情况表",
        TableKind::GeneralBudgetBasic => "一般公共预算基本支出情况表",
        TableKind::GeneralBudgetProjects => "一般公共预算项目支出情况表",
        TableKind::GovernmentFund => "政府性基金预算支出情况表",
        TableKind::StateCapital => "国有资本经营预算支出情况表",
        TableKind::ThreePublic => "“三公”经费支出情况表",
        TableKind::CarryOver => "上年结转结余情况明细表",
        TableKind::PerformanceOverall => "整体绩效目标表",
        TableKind::PerformanceProject => "项目支出绩效目标表",
        TableKind::GeneralBudgetEconomic => "一般公共预算支出经济分类情况表",
        TableKind::FiscalExpenditure => "财政拨款支出表",
        TableKind::BasicExpenditure => "基本支出预算表",
        TableKind::Projects => "项目支出预算表",
        TableKind::Procurement => "政府采购预算表",
        TableKind::PurchaseOfServices => "政府购买服务预算表",
        TableKind::OperatingCosts => "机关运行经费支出预算表",
    }
}
