//! The rule catalogue: every check the product makes of a document's figures.
//!
//! One family per folder, one rule per file. Each rule is a [`Rule`] value with a stable code
//! (family letter + number), a kebab-case name, its documentation (what it checks, why it matters,
//! an example) and a check function. [`RULES`] is the explicit, ordered list of them all.
//!
//! Families: `A` arithmetic within a table · `X` across tables · `N` narrative against tables and
//! itself · `C` completeness · `S` consistency of the document's facts · `K` classification codes.

pub mod arith;
pub mod catalogue;
pub mod codes;
pub mod completeness;
pub mod consistency;
mod context;
pub mod narrative;
pub mod xref;

pub use context::{Context, Sink};

use crate::diag::Diagnostic;
use crate::model::Document;
use serde::{Deserialize, Serialize};

/// Rule families.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Family {
    Arithmetic,
    CrossTable,
    Narrative,
    Completeness,
    Consistency,
    Classification,
}

impl Family {
    pub fn name_zh(self) -> &'static str {
        match self {
            Family::Arithmetic => "表内运算",
            Family::CrossTable => "表间一致",
            Family::Narrative => "说明与表格",
            Family::Completeness => "完整性",
            Family::Consistency => "前后一致",
            Family::Classification => "科目编码与名称",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            Family::Arithmetic => "Arithmetic within a table",
            Family::CrossTable => "Agreement across tables",
            Family::Narrative => "Narrative against the tables",
            Family::Completeness => "Completeness",
            Family::Consistency => "Consistency",
            Family::Classification => "Classification codes and names",
        }
    }
}

/// A rule's documentation, in Chinese and English.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct RuleDoc {
    pub summary: &'static str,
    pub summary_en: &'static str,
    /// What it checks.
    pub what: &'static str,
    /// Why it matters.
    pub why: &'static str,
    /// A worked example.
    pub example: &'static str,
}

/// One rule of the catalogue.
pub struct Rule {
    pub code: &'static str,
    pub name: &'static str,
    pub family: Family,
    pub doc: RuleDoc,
    pub check: fn(&Context, &mut Sink),
}

/// Every rule, family by family, in code order.
pub static FAMILIES: &[&[&Rule]] = &[
    arith::RULES,
    xref::RULES,
    narrative::RULES,
    completeness::RULES,
    consistency::RULES,
    codes::RULES,
];

/// Every rule of the catalogue.
pub fn all() -> impl Iterator<Item = &'static Rule> {
    FAMILIES.iter().flat_map(|f| f.iter().copied())
}

/// What one rule did on a document: how many identities it checked, what it could not check.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Coverage {
    pub code: String,
    pub rule: String,
    pub checked: usize,
    pub findings: usize,
    /// Why some checks could not run (a table unread, a column ambiguous, a table missing).
    pub skipped: Vec<String>,
    /// The narrative figures this rule checked (their spans), so that a reader of the report can see
    /// which quoted figures were compared with anything.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub figures: Vec<crate::source::Span>,
}

/// Runs every rule. Diagnostics are returned unsorted; coverage in rule order.
pub fn run(text: &str, doc: &Document) -> (Vec<Diagnostic>, Vec<Coverage>) {
    let ctx = Context::new(text, doc);
    let mut diagnostics = Vec::new();
    let mut coverage = Vec::new();
    for rule in all() {
        let mut sink = Sink::default();
        (rule.check)(&ctx, &mut sink);
        coverage.push(Coverage {
            code: rule.code.to_string(),
            rule: rule.name.to_string(),
            checked: sink.checked,
            findings: sink.diagnostics.len(),
            skipped: sink.skipped,
            figures: {
                let mut f = sink.covered;
                crate::order::sort(&mut f);
                f.dedup();
                f
            },
        });
        diagnostics.append(&mut sink.diagnostics);
    }
    (diagnostics, coverage)
}

/// The rule with this code.
pub fn find(code: &str) -> Option<&'static Rule> {
    all().find(|r| r.code == code)
}
