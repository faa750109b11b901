//! The whole document: its facts, parts, tables and narrative.

use super::{Narrative, Span, Table};
use serde::Serialize;

/// A value found in the text, with where it was found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Located<T> {
    pub value: T,
    pub span: Span,
}

/// 部门 (a department, possibly with subordinate units) or 单位 (one budget unit).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    Department,
    Unit,
}

/// 预算 (the approved budget) or 决算 (the final accounts).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    Budget,
    FinalAccounts,
}

/// The money unit a table states in its `单位：` line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum MoneyUnit {
    #[serde(rename = "元")]
    Yuan,
    #[serde(rename = "万元")]
    WanYuan,
}

impl MoneyUnit {
    pub fn as_str(self) -> &'static str {
        match self {
            MoneyUnit::Yuan => "元",
            MoneyUnit::WanYuan => "万元",
        }
    }
}

/// Facts about the whole document.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Facts {
    /// The publishing body (部门 or 单位 name).
    pub body: Option<Located<String>>,
    pub year: Option<Located<u16>>,
    pub scope: Option<Located<Scope>>,
    pub kind: Option<Located<DocKind>>,
    /// The money unit most of the tables use.
    pub money_unit: Option<MoneyUnit>,
}

/// The four parts of a disclosure (names vary by region).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PartKind {
    /// 概况: functions, organisation, staff.
    Overview,
    /// 公开表: the tables.
    Tables,
    /// 情况说明: the narrative.
    Explanation,
    /// 名词解释: glossary.
    Glossary,
}

/// A part heading found in the text.
#[derive(Clone, Debug, Serialize)]
pub struct Part {
    pub kind: PartKind,
    pub title: String,
    pub span: Span,
}

/// What the reader made of a disclosure.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Document {
    pub facts: Facts,
    pub parts: Vec<Part>,
    pub tables: Vec<Table>,
    pub narrative: Narrative,
    /// True when the text says its tables were published as images (`[图片: …]`).
    pub tables_as_images: bool,
}
