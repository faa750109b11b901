//! Coded tables printed one cell per line with the codes and the figures each in order but apart
//! (`syntax/stream.rs`): what a PDF viewer's copy does to a table. Properties: with codes printed
//! in runs before their rows of figures, a table whose rows print every column is read to its true
//! cells;
//! a stream that lost its order (a row's figures printed after other classes' rows) is never read
//! into wrong cells or errors — it is reported unread. Codes printed after all the figures take
//! their rows in code order; a table printed in another order than its codes is then read to its
//! true cells or left unread, never read with two classes' figures exchanged.

mod common;

use budget_lint::{check, Severity};
use common::values;
use proptest::prelude::*;

/// One class (类) with its children (款): per child its 基本支出 and 项目支出 in cents.
type Class = Vec<[i64; 2]>;

fn money(cents: i64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

/// 合计, 基本支出, 项目支出 of a row.
fn row_of(parts: &[[i64; 2]]) -> [i64; 3] {
    let (a, b) = parts.iter().fold((0, 0), |(a, b), p| (a + p[0], b + p[1]));
    [a + b, a, b]
}

/// The table's rows in order: (code, name, figures); the totals row first.
fn rows(classes: &[Class]) -> Vec<(String, String, [i64; 3])> {
    let all: Vec<[i64; 2]> = classes.iter().flatten().copied().collect();
    let mut out = vec![(String::new(), "合计".to_string(), row_of(&all))];
    for (k, class) in classes.iter().enumerate() {
        let code = 201 + k;
        out.push((code.to_string(), "支出".to_string(), row_of(class)));
        for (j, child) in class.iter().enumerate() {
            out.push((
                format!("{code}{:02}", j + 1),
                "事务".to_string(),
                row_of(&[*child]),
            ));
        }
    }
    out
}

/// The table one cell per line: the labels and the rows of figures merged in the order `take_label`
/// says (true: the next label, false: the next row of figures), each stream kept in order; then
/// whatever is left of either. `figure_rows` may be reordered by the caller.
fn stream(labels: &[(String, String)], figure_rows: &[[i64; 3]], take_label: &[bool]) -> String {
    let mut text =
        String::from("表3\n支出总表\n单位：万元\n科目编码\n科目名称\n合计\n基本支出\n项目支出\n");
    let (mut l, mut f) = (0, 0);
    let label = |l: usize, text: &mut String| {
        let (code, name) = &labels[l];
        if !code.is_empty() {
            text.push_str(&format!("{code}\n"));
        }
        text.push_str(&format!("{name}\n"));
    };
    for &take in take_label {
        if take && l < labels.len() {
            label(l, &mut text);
            l += 1;
        } else if f < figure_rows.len() {
            for v in figure_rows[f] {
                text.push_str(&format!("{}\n", money(v)));
            }
            f += 1;
        }
    }
    for rest in l..labels.len() {
        label(rest, &mut text);
    }
    for row in &figure_rows[f..] {
        for v in row {
            text.push_str(&format!("{}\n", money(*v)));
        }
    }
    text
}

fn classes() -> impl Strategy<Value = Vec<Class>> {
    // Every child has both kinds of spending, so each class sums two or more non-zero figures.
    let child = [1i64..500_000, 1i64..500_000];
    proptest::collection::vec(proptest::collection::vec(child, 2..5), 3..6)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn codes_and_complete_rows_in_runs_are_read_to_their_cells(
        classes in classes(),
        runs in proptest::collection::vec(1usize..5, 1..40),
    ) {
        // The rows in runs (as wide/108 prints them): each run's labels, then its rows of figures.
        // A label printed alone between two rows of figures is then the next row's — what the
        // reading takes it to say (a lone label before another row's figures is refused: see
        // `a_table_printed_out_of_code_order_is_never_read_to_other_rows`).
        let table = rows(&classes);
        let labels: Vec<(String, String)> =
            table.iter().map(|(c, n, _)| (c.clone(), n.clone())).collect();
        let figures: Vec<[i64; 3]> = table.iter().map(|r| r.2).collect();
        let mut take = Vec::new();
        for run in runs {
            take.extend(std::iter::repeat_n(true, run));
            take.extend(std::iter::repeat_n(false, run));
        }
        let text = stream(&labels, &figures, &take);
        let report = check(&text);
        let t = &report.tables[0];
        prop_assert_eq!(t.status.as_str(), "read", "{:?}\n{}", t.reason, text);
        let expected: Vec<Vec<String>> =
            figures.iter().map(|f| f.iter().map(|&v| money(v)).collect()).collect();
        prop_assert_eq!(values(t), expected);
        let codes: Vec<Option<String>> = t.rows.iter().map(|r| r.code.clone()).collect();
        let truth: Vec<Option<String>> =
            labels.iter().map(|(c, _)| (!c.is_empty()).then(|| c.clone())).collect();
        prop_assert_eq!(codes, truth);
        prop_assert!(report.diagnostics.iter().all(|d| d.severity != Severity::Error));
    }

    #[test]
    fn a_row_of_figures_printed_out_of_order_leaves_the_table_unread(
        classes in classes(),
        moved in any::<prop::sample::Index>(),
        merge in proptest::collection::vec(any::<bool>(), 0..80),
    ) {
        let table = rows(&classes);
        let labels: Vec<(String, String)> =
            table.iter().map(|(c, n, _)| (c.clone(), n.clone())).collect();
        let truth: Vec<[i64; 3]> = table.iter().map(|r| r.2).collect();
        let mut figures = truth.clone();
        // A row of the first class (its own or a child's) printed after all the others: it passes
        // the rows of other classes. (Moved past its siblings only, a row would leave its parent's
        // sums holding: two siblings' figures exchanged are beyond any arithmetic — ARCHITECTURE.md
        // says so.)
        let at = 1 + moved.index(1 + classes[0].len());
        let row = figures.remove(at);
        figures.push(row);
        let take: Vec<bool> = std::iter::once(true).chain(merge).collect();
        let text = stream(&labels, &figures, &take);
        let report = check(&text);
        let t = &report.tables[0];
        // Unread — or, where the rows the move passed over print the same figures (nothing
        // moved, as far as the table can tell), read to the true cells.
        let expected: Vec<Vec<String>> =
            truth.iter().map(|f| f.iter().map(|&v| money(v)).collect()).collect();
        prop_assert!(t.status == "unread" || values(t) == expected, "{}", text);
        prop_assert!(report.diagnostics.iter().all(|d| d.severity != Severity::Error),
            "{:?}", report.diagnostics.iter().map(|d| &d.message).collect::<Vec<_>>());
    }

    #[test]
    fn codes_printed_after_all_the_figures_take_their_rows_in_code_order(
        classes in classes(),
        from in any::<prop::sample::Index>(),
        len in 1usize..6,
    ) {
        let table = rows(&classes);
        let text = block_moved(&table, from.index(table.len() - 1) + 1, len);
        let report = check(&text);
        let t = &report.tables[0];
        prop_assert_eq!(t.status.as_str(), "read", "{:?}\n{}", t.reason, text);
        let expected: Vec<Vec<String>> =
            table.iter().map(|r| r.2.iter().map(|&v| money(v)).collect()).collect();
        prop_assert_eq!(values(t), expected);
        let codes: Vec<Option<String>> = t.rows.iter().map(|r| r.code.clone()).collect();
        let truth: Vec<Option<String>> =
            table.iter().map(|(c, _, _)| (!c.is_empty()).then(|| c.clone())).collect();
        prop_assert_eq!(codes, truth);
        prop_assert!(report.diagnostics.iter().all(|d| d.severity != Severity::Error));
    }

    #[test]
    fn a_table_printed_out_of_code_order_is_never_read_to_other_rows(
        classes in classes(),
        from in any::<prop::sample::Index>(),
        len in 1usize..6,
    ) {
        // The first class prints its children in reverse code order (as wide/118 prints 2040220
        // before 2040202), each beside its figures; the codes of rows after them printed after
        // all the figures. Code order would exchange the children: the table must be read to its
        // true cells or left unread.
        let mut table = rows(&classes);
        let children = classes[0].len();
        table[2..2 + children].reverse();
        let after = 2 + children;
        let text = block_moved(&table, after + from.index(table.len() - after), len);
        let report = check(&text);
        let t = &report.tables[0];
        let expected: Vec<(Option<String>, Vec<String>)> = table
            .iter()
            .map(|(c, _, f)| ((!c.is_empty()).then(|| c.clone()), f.iter().map(|&v| money(v)).collect()))
            .collect();
        let read: Vec<(Option<String>, Vec<String>)> =
            t.rows.iter().map(|r| r.code.clone()).zip(values(t)).collect();
        prop_assert!(t.status == "unread" || read == expected, "{}", text);
        prop_assert!(report.diagnostics.iter().all(|d| d.severity != Severity::Error));
    }
}

/// The table one cell per line, each row's code and name just before its figures — but the labels
/// of rows `from .. from + len` printed after the last figure, their rows' figures printed bare.
fn block_moved(table: &[(String, String, [i64; 3])], from: usize, len: usize) -> String {
    let moved = from..(from + len).min(table.len());
    let mut text =
        String::from("表3\n支出总表\n单位：万元\n科目编码\n科目名称\n合计\n基本支出\n项目支出\n");
    let label = |(code, name, _): &(String, String, [i64; 3]), text: &mut String| {
        if !code.is_empty() {
            text.push_str(&format!("{code}\n"));
        }
        text.push_str(&format!("{name}\n"));
    };
    for (k, row) in table.iter().enumerate() {
        if !moved.contains(&k) {
            label(row, &mut text);
        }
        for v in row.2 {
            text.push_str(&format!("{}\n", money(v)));
        }
    }
    for row in &table[moved] {
        label(row, &mut text);
    }
    text
}
