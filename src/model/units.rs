//! Tables by budget unit: a department's table that lists each of its units' spending in turn
//! (Shenzhen's 支出总表, 一般公共预算支出表: `深圳市人力资源和社会保障局` with the department's
//! figures, then `…（本级）` and its classes 205, 20503, 2050303 …, then the next unit and its own
//! 205 …). The codes repeat from unit to unit, so a code's parent is the one in its own unit's
//! block, and a unit's row is the sum of its block's classes. Shared by the reader's sense check
//! and the arithmetic rules, so both see the same families.

use super::RowKind;

/// Where the units of a table by unit stand: per row its unit's block (`None` outside every
/// block: the department's row, totals), the row heading each block, and the rows above the first
/// unit that stand for all the units (the department's row, a 合计).
pub struct Units {
    pub block: Vec<Option<usize>>,
    pub heads: Vec<usize>,
    pub departments: Vec<usize>,
}

/// The units of a one-sided table, from its rows in printed order (kind, code, whether it holds
/// figures): a unit's row is an uncoded item row with figures followed by a coded row, its block
/// runs over the coded rows after it (a row without figures — a name's piece cut by a page
/// break — neither starts nor ends one). Taken only when two or more units print the same code —
/// otherwise the codes nest across the whole table as usual (`None`).
pub fn units<'a>(
    rows: impl IntoIterator<Item = (RowKind, Option<&'a str>, bool)>,
) -> Option<Units> {
    let rows: Vec<(RowKind, Option<&str>, bool)> = rows.into_iter().collect();
    let mut block = vec![None; rows.len()];
    let mut heads: Vec<usize> = Vec::new();
    // Per row: whether the next row with a code or figures after it is coded (one pass back).
    let mut next_coded = vec![false; rows.len()];
    for i in (1..rows.len()).rev() {
        let (_, code, figures) = rows[i];
        next_coded[i - 1] = if code.is_some() || figures {
            code.is_some()
        } else {
            next_coded[i]
        };
    }
    let mut current = None;
    for (i, &(kind, code, figures)) in rows.iter().enumerate() {
        if code.is_none() && figures && kind == RowKind::Item && next_coded[i] {
            heads.push(i);
            current = Some(heads.len() - 1);
        } else if code.is_none() && figures {
            current = None;
        }
        block[i] = current;
    }
    let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let repeated = rows.iter().zip(&block).any(|(&(_, code, _), &b)| {
        let (Some(code), Some(b)) = (code, b) else {
            return false;
        };
        *seen.entry(code).or_insert(b) != b
    });
    if heads.len() < 2 || !repeated {
        return None;
    }
    let departments = (0..heads[0])
        .rev()
        .take_while(|&i| rows[i].1.is_none())
        .filter(|&i| rows[i].2)
        .collect();
    Some(Units {
        block,
        heads,
        departments,
    })
}

impl Units {
    /// The sums a table by unit adds to its codes' nesting: each unit's row over the top-level
    /// rows (`top`, row indices) of its block, and the department's rows over the units — as
    /// (parent, children) row indices.
    pub fn families(&self, top: &[usize]) -> Vec<(usize, Vec<usize>)> {
        let mut out: Vec<(usize, Vec<usize>)> =
            self.heads.iter().map(|&h| (h, Vec::new())).collect();
        for &i in top {
            if let Some(b) = self.block[i] {
                out[b].1.push(i);
            }
        }
        out.retain(|(_, children)| !children.is_empty());
        out.extend(self.departments.iter().map(|&d| (d, self.heads.clone())));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows from their labels and codes; a label ending in `…` is a name's piece without figures.
    fn rows<'a>(spec: &[(&'a str, Option<&'a str>)]) -> Vec<(RowKind, Option<&'a str>, bool)> {
        spec.iter()
            .map(|&(label, code)| {
                let kind = match (label, code) {
                    ("合计", _) => RowKind::Total,
                    (_, Some(_)) => RowKind::Coded,
                    _ => RowKind::Item,
                };
                (kind, code, !label.ends_with('…'))
            })
            .collect()
    }

    #[test]
    fn units_printing_the_same_codes_each_head_their_own_block() {
        let r = rows(&[
            ("局", None),
            ("局本级", None),
            ("教育支出", Some("205")),
            ("职业教育", Some("20503")),
            ("其他教育支…", None),
            ("出", Some("20599")),
            ("中心", None),
            ("教育支出", Some("205")),
        ]);
        let u = units(r).expect("a table by unit");
        assert_eq!(u.heads, [1, 6]);
        assert_eq!(u.departments, [0]);
        let own = [
            None,
            Some(0),
            Some(0),
            Some(0),
            Some(0),
            Some(0),
            Some(1),
            Some(1),
        ];
        assert_eq!(u.block, own);
        // Top-level rows: the classes 205 of each unit.
        assert_eq!(
            u.families(&[2, 7]),
            [(1, vec![2]), (6, vec![7]), (0, vec![1, 6])]
        );
    }

    #[test]
    fn sections_with_codes_of_their_own_are_no_units() {
        let r = rows(&[
            ("合计", None),
            ("人员经费", None),
            ("工资福利支出", Some("301")),
            ("公用经费", None),
            ("商品和服务支出", Some("302")),
        ]);
        assert!(units(r).is_none());
    }
}
