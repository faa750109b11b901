//! Tables printing groups of (code, name, amount) side by side: the central template's 基本支出决算表
//! puts 人员经费 in one panel and 公用经费 in two more, `30103 奖金 143.61 30203 咨询费 1.55 310
//! 资本性支出 27.24` on one line (wide/131), with `人员经费合计` and `公用经费合计` on its last line.
//!
//! Read line by line, such a table would be one row per line with the panels' codes run together.
//! It is read panel by panel instead: each panel is where its codes start (the same field on every
//! line), each totals label (`…合计`) heads a column, and the panels between two totals go to the
//! one their classes add up to — the table's own arithmetic decides, and a table it does not decide
//! is left unread. The rows come out panel after panel, each with its amount in its total's column,
//! and one totals row (合计) holding every total.

use super::lex::{squeeze, Tk, Token};
use super::rows::{is_code_head, is_total_label, RawRow, RawValue};
use crate::model::RowKind;
use crate::source::Span;
use rust_decimal::Decimal;

/// Whether the table prints groups of (code, name, amount) side by side: on two or more lines a
/// code and its name stand right of an amount (an integer amount like `30000` has no name after
/// it).
pub(super) fn side_by_side(src: &str, lines: &[Vec<Token>]) -> bool {
    lines
        .iter()
        .filter(|line| {
            let printed: Vec<&Token> = line.iter().filter(|t| t.kind != Tk::Empty).collect();
            let Some(first_amount) = printed.iter().position(|t| t.kind == Tk::Figure) else {
                return false;
            };
            printed[first_amount..]
                .windows(2)
                .any(|w| starts_group(src, w[0], Some(w[1])))
        })
        .count()
        >= 2
}

/// The table's rows panel by panel, positioned over one column per printed total, and the columns'
/// names (the totals' labels without `合计`); or why the panels cannot be read.
pub(super) fn unfold(
    src: &str,
    lines: &[Vec<Token>],
) -> Result<(Vec<RawRow>, Vec<String>), String> {
    let groups: Vec<Vec<Group>> = lines
        .iter()
        .map(|line| groups_of(src, line))
        .collect::<Result<_, _>>()?;
    // Each panel's codes start in one field, the same on every line.
    let mut starts: Vec<usize> = groups
        .iter()
        .flatten()
        .filter(|g| g.code.is_some())
        .map(|g| g.field)
        .collect();
    starts.sort_unstable();
    starts.dedup();
    let most_on_a_line = groups
        .iter()
        .map(|line| line.iter().filter(|g| g.code.is_some()).count())
        .max()
        .unwrap_or(0);
    if starts.len() < 2 || starts.len() != most_on_a_line {
        return Err(
            "表中几组科目并排印出，但各组的科目代码不在固定的位置，无法分清各组".to_string(),
        );
    }
    let panel_of = |field: usize| starts.iter().rposition(|&s| s <= field).unwrap_or(0);
    // Per panel, its rows in order and its total, if one is printed under it.
    let mut panels: Vec<Vec<RawRow>> = starts.iter().map(|_| Vec::new()).collect();
    let mut totals: Vec<Option<&Group>> = vec![None; starts.len()];
    for g in groups.iter().flatten() {
        if g.code.is_some() {
            panels[panel_of(g.field)].push(g.row(src));
        } else if is_total_label(&g.label) {
            let at = panel_of(g.amount.map_or(g.field, |a| a.field));
            if totals[at].replace(g).is_some() {
                return Err(no_totals());
            }
        } else if let Some(last) = panels[panel_of(g.field)]
            .last_mut()
            .filter(|_| g.amount.is_none())
        {
            // A name wrapped onto the next line, in its panel.
            last.label.push_str(&g.label);
            last.label_span = last.label_span.cover(g.label_span);
        } else {
            return Err(format!(
                "表中几组科目并排印出，其中「{}」既无科目代码也不是合计，无法归入哪一组",
                g.label
            ));
        }
    }
    let totals: Vec<(usize, &Group)> = totals
        .into_iter()
        .enumerate()
        .filter_map(|(p, g)| Some((p, g?)))
        .collect();
    if totals.is_empty() {
        return Err(no_totals());
    }
    let runs = runs(&panels, &totals)?;
    let columns = totals.len();
    let mut rows = Vec::new();
    for (panel, mut panel_rows) in panels.into_iter().enumerate() {
        for row in &mut panel_rows {
            row.values = position(&row.values, runs[panel], columns);
        }
        rows.extend(panel_rows);
    }
    // One totals row for all the panels' totals, at the first total's label (`人员经费合计` would
    // name only its own column).
    let mut total = RawRow::new("合计".to_string(), totals[0].1.label_span);
    total.kind = RowKind::Total;
    total.positioned = true;
    total.values = totals.iter().map(|(_, g)| g.value()).collect();
    rows.push(total);
    let names = totals
        .iter()
        .map(|(_, g)| {
            let name = g.label.trim_end_matches("合计").trim_end_matches("总计");
            if name.is_empty() { "合计" } else { name }.to_string()
        })
        .collect();
    Ok((rows, names))
}

fn no_totals() -> String {
    "表中几组科目并排印出，但没有每组各自的合计，无法分清各组的金额".to_string()
}

/// The most panels side by side whose groupings are weighed (2^n ways).
const MAX_PANELS: usize = 8;

/// Which total's column each panel's amounts are in: the panels before the first total and after
/// the last belong to it; those between two totals to one or the other (once one goes right, all
/// after it do), as the classes of every total's panels add up to it. Exactly one way must hold
/// (ways differing only in panels printing no amount are one).
fn runs(panels: &[Vec<RawRow>], totals: &[(usize, &Group)]) -> Result<Vec<usize>, String> {
    let n = panels.len();
    if n > MAX_PANELS {
        return Err("表中并排的科目组太多，无法分清各组的金额".to_string());
    }
    let printing: Vec<bool> = panels
        .iter()
        .map(|rows| rows.iter().any(|r| r.figures().next().is_some()))
        .collect();
    let mut found: Option<Vec<usize>> = None;
    // Bit p of a way: an untotaled panel p goes to the total on its right.
    for bits in 0u32..1 << n {
        let mut way = Vec::with_capacity(n);
        for p in 0..n {
            let left = totals.iter().rposition(|&(at, _)| at <= p);
            let right = totals.iter().position(|&(at, _)| at >= p);
            let owner = match (left, right) {
                (Some(l), _) if totals[l].0 == p => l,
                (Some(l), Some(r)) => {
                    if bits >> p & 1 == 1 {
                        r
                    } else {
                        l
                    }
                }
                (l, r) => l.or(r).unwrap_or(0),
            };
            way.push(owner);
        }
        if way.windows(2).any(|w| w[1] < w[0]) || !holds(panels, totals, &way) {
            continue;
        }
        match &found {
            None => found = Some(way),
            Some(f) if (0..n).all(|p| !printing[p] || f[p] == way[p]) => {}
            Some(_) => return Err(
                "表中几组科目并排印出，各组的合计可由不止一种分组加出，无法确定各组金额所在的列"
                    .to_string(),
            ),
        }
    }
    found.ok_or_else(|| {
        "表中几组科目并排印出，但各合计与其所在各组的类级科目之和都不相符，无法确定各组金额所在的列"
            .to_string()
    })
}

/// Every printed total is the sum of the top rows of the panels `way` gives it.
fn holds(panels: &[Vec<RawRow>], totals: &[(usize, &Group)], way: &[usize]) -> bool {
    totals.iter().enumerate().all(|(t, (_, g))| {
        let Some(total) = g.amount.map(|a| a.value) else {
            return true;
        };
        let classes: Vec<Decimal> = (0..panels.len())
            .filter(|&p| way[p] == t)
            .flat_map(|p| top_level(&panels[p]))
            .collect();
        adds_up(total, &classes)
    })
}

/// The figures of a panel's top rows: those whose code no other row's code begins.
fn top_level(rows: &[RawRow]) -> Vec<Decimal> {
    let codes: Vec<&str> = rows
        .iter()
        .filter_map(|r| r.code.as_ref().map(|c| c.0.as_str()))
        .collect();
    rows.iter()
        .filter(|r| {
            r.code
                .as_ref()
                .is_some_and(|(c, _)| !codes.iter().any(|o| o.len() < c.len() && c.starts_with(o)))
        })
        .filter_map(|r| r.figures().next().map(|(v, _)| v))
        .collect()
}

/// `total` = Σ `parts`, each printed figure (the total too) within half a unit of its last place of what it stands for.
fn adds_up(total: Decimal, parts: &[Decimal]) -> bool {
    let half = |d: &Decimal| Decimal::new(5, d.scale() + 1);
    let slack: Decimal = parts.iter().map(half).sum::<Decimal>() + half(&total);
    (total - parts.iter().sum::<Decimal>()).abs() < slack
}

/// A printed amount and the field it stands in.
#[derive(Clone, Copy)]
struct Amount {
    value: Decimal,
    span: Span,
    field: usize,
}

/// One group of a line: a code (absent on a totals label or a wrapped name), its name and its
/// amount.
struct Group {
    /// The field the group starts in.
    field: usize,
    code: Option<Token>,
    label: String,
    label_span: Span,
    amount: Option<Amount>,
}

impl Group {
    fn value(&self) -> RawValue {
        match self.amount {
            Some(a) => RawValue {
                value: Some(a.value),
                span: a.span,
            },
            None => RawValue {
                value: None,
                span: Span::new(self.label_span.end, self.label_span.end),
            },
        }
    }

    fn row(&self, src: &str) -> RawRow {
        let mut row = RawRow::new(self.label.clone(), self.label_span);
        row.kind = RowKind::Coded;
        row.code = self.code.map(|c| (c.text(src).to_string(), c.span));
        row.values = vec![self.value()];
        row
    }
}

/// Whether `t` starts a group: a code with a name after it.
fn starts_group(src: &str, t: &Token, next: Option<&Token>) -> bool {
    t.kind == Tk::Int && is_code_head(t.text(src)) && next.is_some_and(|n| n.kind == Tk::Text)
}

/// A line's groups, in printed order. A group starts at a code followed by its name, or at a name
/// after an amount (a totals label); a second amount in one group means the line is not panels.
fn groups_of(src: &str, line: &[Token]) -> Result<Vec<Group>, String> {
    // A line not laid out in fields (a note, a page number) is no part of the panels.
    let printed: Vec<&Token> = line
        .iter()
        .filter(|t| t.kind != Tk::Empty && t.field.is_some())
        .collect();
    let mut groups: Vec<Group> = Vec::new();
    for (i, &t) in printed.iter().enumerate() {
        let field = t.field.unwrap_or(0);
        let opens = starts_group(src, t, printed.get(i + 1).copied());
        let after_amount = groups.last().is_some_and(|g| g.amount.is_some());
        if opens || groups.is_empty() || (t.kind == Tk::Text && after_amount) {
            groups.push(Group {
                field,
                code: opens.then_some(*t),
                label: String::new(),
                label_span: Span::new(t.span.end, t.span.end),
                amount: None,
            });
            if opens {
                continue;
            }
        }
        let g = groups.last_mut().expect("a group was opened");
        match t.kind {
            Tk::Text if g.amount.is_none() => {
                let word = squeeze(t.text(src));
                if g.label.is_empty() {
                    g.label_span = t.span;
                } else {
                    g.label_span = g.label_span.cover(t.span);
                }
                g.label.push_str(&word);
            }
            Tk::Figure | Tk::Int if g.amount.is_none() && !g.label.is_empty() => {
                let value = t.value(src).ok_or_else(|| not_panels(t.text(src)))?;
                g.amount = Some(Amount {
                    value,
                    span: t.span,
                    field,
                });
            }
            _ => return Err(not_panels(t.text(src))),
        }
    }
    Ok(groups)
}

fn not_panels(text: &str) -> String {
    format!(
        "表中几组科目并排印出，但「{text}」不能归入任何一组（科目代码、名称、金额），无法分清各组"
    )
}

/// A panel row's one value placed in column `column` of `columns`.
fn position(values: &[RawValue], column: usize, columns: usize) -> Vec<RawValue> {
    let value = values[0];
    let empty = RawValue {
        value: None,
        span: Span::new(value.span.end, value.span.end),
    };
    (0..columns)
        .map(|c| if c == column { value } else { empty })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn a_total_adds_up_within_its_parts_rounding_only() {
        // wide/131: 301 6 982.75 + 303 984.97 = 7 967.72.
        assert!(adds_up(d("7967.72"), &[d("6982.75"), d("984.97")]));
        // Three printed figures may miss their total by a cent, not by two.
        assert!(adds_up(d("10.01"), &[d("3.33"), d("3.33"), d("3.34")]));
        assert!(!adds_up(d("10.02"), &[d("3.33"), d("3.33"), d("3.34")]));
    }

    #[test]
    fn a_panels_top_rows_are_those_no_other_code_begins() {
        let row = |code: &str, value: &str| {
            let mut r = RawRow::new(String::new(), Span::default());
            r.code = Some((code.to_string(), Span::default()));
            r.values = vec![RawValue {
                value: Some(d(value)),
                span: Span::default(),
            }];
            r
        };
        let rows = [row("302", "5.00"), row("30201", "5.00"), row("310", "1.00")];
        assert_eq!(top_level(&rows), [d("5.00"), d("1.00")]);
    }
}
