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
/// A row named after a budget unit (`302 无锡市发展和改革委员会`, `201 中共西安市委宣传部`) carries
/// the unit's own code, not a class's: it is no coded row.
pub(crate) fn coded(r: &Row) -> Option<Coded<'_>> {
    let code = r.code.as_deref()?;
    let mut code = classification::normalize_code(code)?;
    let mut name = r.label.as_str();
    let digits = name.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 2 && name.len() > 2 && (code.len() == 3 || code.len() == 5) {
        code.push_str(&name[..2]);
        name = &name[2..];
    }
    if names_a_unit(name) && !classification::is_name_of(&code, name) {
        return None;
    }
    Some(Coded {
        row: r,
        scheme: Scheme::of_code(&code),
        code,
        name,
        span: r.code_span.unwrap_or(r.label_span),
    })
}

/// The name of a government body: a place or the party named, and a body's ending
/// (`无锡市发展和改革委员会`, `中共西安市委宣传部`, `长春市信访局（本级）`). No class of either
/// scheme is named so.
fn names_a_unit(name: &str) -> bool {
    const ENDINGS: [&str; 14] = [
        "委员会",
        "局",
        "厅",
        "办公室",
        "中心",
        "部",
        "院",
        "所",
        "站",
        "队",
        "处",
        "馆",
        "政府",
        "学校",
    ];
    let name = name.trim_end_matches("（本级）").trim_end_matches("(本级)");
    let placed = ["市", "省", "区", "县", "州", "中共"]
        .iter()
        .any(|w| name.contains(w));
    placed && ENDINGS.iter().any(|e| name.ends_with(e))
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
