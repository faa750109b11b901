//! Family K: classification codes and names.

pub mod code_name;
pub(crate) mod mentions;
pub mod parent_missing;
pub mod unknown_code;

use crate::classification::{self, Scheme};
use crate::model::{Row, Table};
use crate::rules::Rule;
use crate::source::Span;

/// The rules of this family, in code order.
pub static RULES: &[&Rule] = &[&code_name::RULE, &unknown_code::RULE, &parent_missing::RULE];

/// A coded row as the rules see it: its code, its printed name and where both are.
pub(crate) struct Coded<'t> {
    pub row: &'t Row,
    /// Digits only (`2010301`).
    pub code: String,
    pub name: &'t str,
    pub scheme: Option<Scheme>,
    /// The code, or the row's label when the code has no span of its own.
    pub span: Span,
}

/// A row's code and name. Repairs one reading artefact: `301 01基本工资` read as code `301` named
/// `01基本工资` is code `30101` named `基本工资` (the 款 digits were printed against the name).
pub(crate) fn coded(r: &Row) -> Option<Coded<'_>> {
    let code = r.code.as_deref()?;
    let mut code = classification::normalize_code(code)?;
    let mut name = r.label.as_str();
    let digits = name.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 2 && name.len() > 2 && (code.len() == 3 || code.len() == 5) {
        code.push_str(&name[..2]);
        name = &name[2..];
    }
    Some(Coded {
        row: r,
        scheme: Scheme::of_code(&code),
        code,
        name,
        span: r.code_span.unwrap_or(r.label_span),
    })
}

/// The coded rows of the tables whose codes the rules judge: the read tables keyed by codes and the
/// expenditure side of the two-sided tables (its 类 rows).
pub(crate) fn coded_rows(t: &Table) -> Vec<Coded<'_>> {
    if !(t.kind.is_coded() || t.kind.is_two_sided()) {
        return Vec::new();
    }
    t.rows.iter().filter_map(coded).collect()
}

/// True when a printed name is one of the table's column headings: a header word the reader attached
/// to a code printed apart from its name, not a name the document gives the code.
pub(crate) fn is_header_word(t: &Table, name: &str) -> bool {
    t.columns
        .iter()
        .chain(&t.income_columns)
        .flat_map(|c| c.name.split('/'))
        .any(|h| classification::names_equal(h, name))
}
