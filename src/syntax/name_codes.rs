//! Codes of rows printed without them, from their names in order (Hangzhou's and Fuzhou's tables
//! print `交通运输支出`, `公路水路运输`, `行政运行` with no code beside them; a PDF's text may lose
//! a code the page printed).
//!
//! Each name is looked up in the classification catalogue (any year) under the rows before it: a
//! 项 of the current 款 first, then a 款 of the current 类, then a 类 — the deepest level that
//! names it exactly once wins (`行政运行` is a 项 of whichever 款 came last). A printed code sets
//! the current 类 or 款 as well. A name the catalogue does not know under the current rows leaves
//! its row uncoded and closes the levels below it: the rows after it cannot be told to belong
//! to the 款 before it (`行政运行` after an unknown 款 is no 项 of the 款 above that).
//!
//! The scheme (function or economic) is the one that names more of the rows.

use crate::classification::{self, Scheme};
use crate::model::RowKind;

/// One row as the inference sees it: its kind, its printed code and its name.
pub type Named<'a> = (RowKind, Option<&'a str>, &'a str);

/// The code of each uncoded item row the catalogue names under the rows before it (`None` for
/// the others, and for every row already coded).
pub fn infer(rows: &[Named]) -> Vec<Option<&'static str>> {
    let function = in_scheme(Scheme::Function, rows);
    let found = |codes: &[Option<&str>]| codes.iter().flatten().count();
    if found(&function) == rows.iter().filter(|r| uncoded(r)).count() {
        return function;
    }
    let economic = in_scheme(Scheme::Economic, rows);
    if found(&economic) > found(&function) {
        economic
    } else {
        function
    }
}

/// Every uncoded item row's code, or `None` when the catalogue does not name them all: the codes
/// of a table printed without any, for its sense check — a row left out would leave its parent
/// short.
pub fn all(rows: &[Named]) -> Option<Vec<Option<&'static str>>> {
    let codes = infer(rows);
    let items = rows.iter().filter(|r| uncoded(r)).count();
    (items >= 2 && codes.iter().flatten().count() == items).then_some(codes)
}

fn uncoded(r: &Named) -> bool {
    r.0 == RowKind::Item && r.1.is_none() && !r.2.trim().is_empty()
}

fn in_scheme(scheme: Scheme, rows: &[Named]) -> Vec<Option<&'static str>> {
    // The current 类 and 款.
    let mut class: Option<String> = None;
    let mut kuan: Option<String> = None;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let found = if uncoded(r) {
            let name = crate::syntax::rows::strip_ordinal(r.2.trim());
            let parents = [kuan.as_deref(), class.as_deref()];
            let code = parents
                .into_iter()
                .flatten()
                .map(Some)
                .chain([None])
                .find_map(|parent| unique(scheme, parent, name));
            if code.is_none() {
                // Unknown here: whatever follows is not known to be under the 款 above.
                kuan = None;
            }
            code
        } else {
            None
        };
        let code = found
            .map(str::to_string)
            .or_else(|| r.1.and_then(classification::normalize_code));
        match code.as_deref().map(str::len) {
            Some(3) => (class, kuan) = (code, None),
            Some(5) => kuan = code,
            _ => {}
        }
        out.push(found);
    }
    out
}

/// The one code named `name` directly under `parent` (a 类 when `parent` is `None`), in any year.
fn unique(scheme: Scheme, parent: Option<&str>, name: &str) -> Option<&'static str> {
    let mut codes = classification::entries(scheme)
        .iter()
        .filter(|e| match parent {
            Some(p) => e.parent() == Some(p),
            None => e.code.len() == 3,
        })
        .filter(|e| classification::names_equal(e.name, name))
        .map(|e| e.code);
    let first = codes.next()?;
    codes.all(|c| c == first).then_some(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(name: &str) -> Named<'_> {
        (RowKind::Item, None, name)
    }

    #[test]
    fn names_in_order_give_their_codes() {
        let rows = [
            (RowKind::Total, None, "合计"),
            item("一般公共服务支出"),
            item("人大事务"),
            item("行政运行"),
            item("政府办公厅（室）及相关机构事务"),
            item("行政运行"),
        ];
        let codes = all(&rows).unwrap();
        assert_eq!(
            codes,
            [
                None,
                Some("201"),
                Some("20101"),
                Some("2010101"),
                Some("20103"),
                Some("2010301")
            ]
        );
    }

    #[test]
    fn a_printed_code_sets_the_level_for_the_names_after_it() {
        let rows = [
            (
                RowKind::Coded,
                Some("201 03"),
                "政府办公厅（室）及相关机构事务",
            ),
            item("行政运行"),
        ];
        assert_eq!(infer(&rows), [None, Some("2010301")]);
        assert_eq!(
            all(&rows),
            None,
            "one uncoded row is too few to stand for a table"
        );
    }

    #[test]
    fn an_unknown_name_leaves_the_rows_below_it_uncoded() {
        let rows = [
            item("一般公共服务支出"),
            item("人大事务"),
            item("某某专项事务"),
            item("行政运行"),
        ];
        assert_eq!(infer(&rows), [Some("201"), Some("20101"), None, None]);
        assert_eq!(all(&rows), None);
        // 行政运行 under no 款 is no one code.
        assert_eq!(infer(&[item("行政运行")]), [None]);
    }

    #[test]
    fn economic_names_give_economic_codes() {
        let rows = [
            (RowKind::Total, None, "合计"),
            item("工资福利支出"),
            item("基本工资"),
            item("津贴补贴"),
        ];
        let codes = all(&rows).unwrap();
        assert_eq!(codes, [None, Some("301"), Some("30101"), Some("30102")]);
    }
}
