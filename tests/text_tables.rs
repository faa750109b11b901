//! Tables in text copied out of a PDF viewer or `pdftotext` without `-layout`: one cell per line,
//! in reading order. Each input is a table cut unchanged from a wide-corpus text
//! (`fixtures/extracts/wide<NNN>_…`, NNN its document); what is asserted follows from the printed
//! figures (their order, their sums), not a recorded result.

mod common;

use budget_lint::{check, report::TableOut};
use common::{errors, values};

/// Every figure of `text` in reading order, separators removed.
fn figures(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| {
            l.contains('.')
                && l.chars()
                    .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
        })
        .map(|l| l.replace(',', ""))
        .collect()
}

/// The first table of `text`, which must be read.
fn read_table(text: &str) -> TableOut {
    let report = check(text);
    let t = report.tables.into_iter().next().expect("a table");
    assert_eq!(t.status, "read", "{:?}", t.reason);
    t
}

fn no_errors(text: &str) {
    let report = check(text);
    let errors = errors(&report);
    assert!(errors.is_empty(), "{errors:?}");
}

/// `text` with the first `a` and the first `b` exchanged (both must be in it).
fn exchanged(text: &str, a: &str, b: &str) -> String {
    let out = text
        .replacen(a, "\u{0}", 1)
        .replacen(b, a, 1)
        .replacen('\u{0}', b, 1);
    assert_ne!(out, text);
    out
}

/// `text`'s first table is reported unread, and nothing is called an error.
fn left_unread(text: &str) {
    let report = check(text);
    assert_eq!(report.tables[0].status, "unread");
    no_errors(text);
}

/// wide/129 (Jiangsu, 2017): the header names one amount column, 金额, where the reference template
/// prints 合计 / 基本支出 / 项目支出. Each row's one figure is in that column; the codes' sums
/// (合计 = 201 + 208 + 221, 201 = 20101, 20101 = its eight items …) confirm the rows.
const ONE_AMOUNT_COLUMN: &str = include_str!("fixtures/extracts/wide129_one_amount_column.txt");

#[test]
fn a_header_naming_one_amount_column_reads_one_column() {
    let t = &read_table(ONE_AMOUNT_COLUMN);
    assert_eq!(t.columns.len(), 1);
    let read: Vec<String> = values(t).concat();
    assert_eq!(read, figures(ONE_AMOUNT_COLUMN));
    assert_eq!(t.rows[1].code.as_deref(), Some("201"));
    no_errors(ONE_AMOUNT_COLUMN);
}

/// wide/108 (Zhuhai): codes printed in brackets before the names ("[30101]基本工资"), one cell per
/// line, a page break with the header repeated. The codes are codes: their sums confirm the rows.
const BRACKETED_CODES: &str = include_str!("fixtures/extracts/wide108_bracketed_codes.txt");

#[test]
fn codes_in_brackets_before_names_are_codes() {
    let t = &read_table(BRACKETED_CODES);
    let read: Vec<String> = values(t).concat();
    assert_eq!(read, figures(BRACKETED_CODES));
    let first = &t.rows[1];
    assert_eq!(
        (first.code.as_deref(), first.label.as_str()),
        (Some("301"), "工资福利支出")
    );
    assert!(t.rows.iter().skip(1).all(|r| r.code.is_some()));
    no_errors(BRACKETED_CODES);
}

/// wide/108 (Zhuhai) 表3, as its extraction prints it: the first code (201) inside the header, runs
/// of codes and names printed before the figures of the rows above them, a page break with the
/// header repeated, names cut over lines. Every row prints its six figures (0.00 for nothing), so
/// the k-th row of six figures is the k-th code's; the codes' sums confirm it.
const CODES_APART_FROM_FIGURES: &str =
    include_str!("fixtures/extracts/wide108_codes_apart_from_figures.txt");

#[test]
fn codes_printed_apart_from_their_figures_pair_by_order_when_rows_are_complete() {
    let t = &read_table(CODES_APART_FROM_FIGURES);
    assert_eq!(t.columns.len(), 6);
    // All figures, in the printed order, six to a row.
    let printed = figures(CODES_APART_FROM_FIGURES);
    assert_eq!(values(t).concat(), printed);
    assert!(values(t).iter().all(|r| r.len() == 6));
    // The codes in the printed order, after the totals row.
    let codes: Vec<&str> = CODES_APART_FROM_FIGURES
        .lines()
        .map(str::trim)
        .filter(|l| matches!(l.len(), 3 | 5 | 7) && l.bytes().all(|b| b.is_ascii_digit()))
        .collect();
    let read: Vec<&str> = t.rows[1..]
        .iter()
        .filter_map(|r| r.code.as_deref())
        .collect();
    assert_eq!(read, codes);
    assert_eq!(t.rows[0].label, "合计");
    // A name is only given where the catalogue confirms it, or the code has one cell of text.
    let named = t.rows.iter().filter(|r| !r.label.is_empty()).count();
    assert!(
        named * 2 > t.rows.len(),
        "{named} of {} named",
        t.rows.len()
    );
    no_errors(CODES_APART_FROM_FIGURES);
}

#[test]
fn the_same_stream_with_one_code_missing_is_left_unread() {
    // Drop the code of one row: the codes no longer pair with the rows of figures.
    let damaged = CODES_APART_FROM_FIGURES.replacen("\n20113\n", "\n", 1);
    assert_ne!(damaged, CODES_APART_FROM_FIGURES);
    left_unread(&damaged);
}

/// wide/111 (Suzhou) 公开10表, one row under its header, copied one cell per line: the header's
/// cells come between the figures, and the eight figures in the columns' order. The 三公 sums
/// (43.80 = 0.00 + 7.80 + 36.00; 7.80 = 0.00 + 7.80) confirm that order.
const THREE_PUBLIC_ONE_ROW: &str =
    include_str!("fixtures/extracts/wide111_three_public_one_row.txt");

#[test]
fn a_one_row_table_with_its_header_among_the_figures_reads_in_printed_order() {
    let t = &read_table(THREE_PUBLIC_ONE_ROW);
    assert_eq!(t.rows.len(), 1);
    assert_eq!(values(t).concat(), figures(THREE_PUBLIC_ONE_ROW));
    assert_eq!(t.columns.len(), 8);
    assert!(t.columns[6].ends_with("会议费") && t.columns[7].ends_with("培训费"));
    no_errors(THREE_PUBLIC_ONE_ROW);
}

#[test]
fn a_one_row_table_whose_printed_order_breaks_its_sums_is_left_unread() {
    // The extraction printing 出国费 before 合计 (columns in another order): 合计 = 出国 + 车 + 接待
    // no longer holds as read. (Parts of one sum swapped among themselves would still add up: the
    // printed order is taken, as the header's cells are printed in it too.)
    let swapped = THREE_PUBLIC_ONE_ROW
        .replacen("\n43.80\n", "\nX\n", 1)
        .replacen("\n0.00\n\n小计", "\n43.80\n\n小计", 1)
        .replacen("\nX\n", "\n0.00\n", 1);
    assert_ne!(swapped, THREE_PUBLIC_ONE_ROW);
    left_unread(&swapped);
}

/// wide/121 (Fuzhou, from its PDF): 一般公共预算支出经济分类情况表, one amount column, each class's
/// code on the line above its name and figure, the classes without money printed too; then the
/// next table's heading (`九、…情况表`) before its own title.
const ONE_COLUMN_BY_CLASS: &str = include_str!("fixtures/extracts/wide121_one_column_by_class.txt");

#[test]
fn one_column_with_figures_on_their_names_lines_is_read_by_its_one_sum() {
    // 27,495.26 + 19,712.55 + 1,336.03 + 221.04 = 48,764.88, the 合计: one sum, but one column
    // leaves no column to choose and each figure stands on its name's line.
    let t = &read_table(ONE_COLUMN_BY_CLASS);
    assert_eq!(t.columns.len(), 1);
    let with_figures: Vec<(Option<&str>, &str)> = t
        .rows
        .iter()
        .filter(|r| !r.cells.is_empty())
        .map(|r| (r.code.as_deref(), r.cells[0].value.as_str()))
        .collect();
    assert_eq!(
        with_figures,
        [
            (None, "48764.88"),
            (Some("301"), "27495.26"),
            (Some("302"), "19712.55"),
            (Some("303"), "1336.03"),
            (Some("310"), "221.04")
        ]
    );
    // The next table's heading is no row of this one.
    assert!(t.rows.iter().all(|r| !r.label.contains("情况表")));
    no_errors(ONE_COLUMN_BY_CLASS);
}

/// Each parent's figures equal its children's, column by column (children: the codes two digits
/// longer that start with the parent's), in cents; the number of parents checked.
fn parents_add_up(t: &TableOut) -> usize {
    let cents = |v: &str| -> i64 { v.replace('.', "").parse().unwrap() };
    let coded: Vec<(&str, Vec<i64>)> = t
        .rows
        .iter()
        .filter_map(|r| {
            Some((
                r.code.as_deref()?,
                r.cells.iter().map(|c| cents(&c.value)).collect(),
            ))
        })
        .collect();
    let mut checked = 0;
    for (code, figures) in &coded {
        let children: Vec<&Vec<i64>> = coded
            .iter()
            .filter(|(c, _)| c.len() == code.len() + 2 && c.starts_with(code))
            .map(|(_, f)| f)
            .collect();
        if children.is_empty() {
            continue;
        }
        for (col, &v) in figures.iter().enumerate() {
            assert_eq!(
                v,
                children.iter().map(|f| f[col]).sum::<i64>(),
                "{code}, column {col}"
            );
        }
        checked += 1;
    }
    checked
}

/// wide/106 (Guangzhou) 表5, as its extraction prints it: most codes glued to their names just
/// before their three figures, but six of them (`[20801]…`, `[210]…`, `[21007]…`, `[2100799]…`,
/// `[221]…`, `[22102]…`) printed together after the last figure, their rows printing figures with
/// no name before them.
const CODES_AFTER_THE_FIGURES: &str =
    include_str!("fixtures/extracts/wide106_codes_after_the_figures.txt");

/// The codes of `text` (bare or in brackets at a line's start), in printed order.
fn printed_codes(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| {
            let l = l.trim().trim_start_matches('[');
            let digits: String = l.chars().take_while(char::is_ascii_digit).collect();
            let rest = &l[digits.len()..];
            (matches!(digits.len(), 3 | 5 | 7) && (rest.is_empty() || rest.starts_with(']')))
                .then_some(digits)
        })
        .collect()
}

#[test]
fn codes_printed_after_the_figures_take_their_rows_in_code_order() {
    let t = &read_in_code_order(CODES_AFTER_THE_FIGURES);
    // Three figures a row. Every parent is the sum of its children in each column (checked in
    // `read_in_code_order`): 208 (370.17) = 20801 (20.92) + 20805 (349.25), 221 = 22102 = 197.59 +
    // 566.53 …
    assert!(values(t).iter().all(|r| r.len() == 3));
    // A code printed just before its figures keeps them: [2010501]行政运行 6,453.03.
    assert_eq!(row_of(t, "2010501").cells[0].value, "6453.03");
}

/// The first table of `text`, read: its figures in printed order, its codes — printed out of
/// order — sorted, every parent the sum of its children (at least eight parents); and no error.
fn read_in_code_order(text: &str) -> TableOut {
    let t = read_table(text);
    assert_eq!(values(&t).concat(), figures(text));
    let printed = printed_codes(text);
    let mut sorted = printed.clone();
    sorted.sort();
    assert_ne!(printed, sorted);
    let read: Vec<String> = t.rows[1..].iter().filter_map(|r| r.code.clone()).collect();
    assert_eq!(read, sorted);
    assert!(parents_add_up(&t) >= 8);
    no_errors(text);
    t
}

/// The row of `t` with this code.
fn row_of<'a>(t: &'a TableOut, code: &str) -> &'a budget_lint::report::RowOut {
    t.rows
        .iter()
        .find(|r| r.code.as_deref() == Some(code))
        .unwrap()
}

#[test]
fn codes_printed_beside_figures_that_code_order_would_move_leave_the_table_unread() {
    // Two sibling classes exchanged where each is printed just before its own figures: the table
    // may print its classes in another order than their codes (wide/118 prints 2040220 before
    // 2040202), so code order cannot place the codes printed after the figures. Sums cannot tell
    // (siblings exchanged add up the same): the text's own pairing must be kept, and is refused.
    left_unread(&exchanged(
        CODES_AFTER_THE_FIGURES,
        "[2010505]专项统计业务",
        "[2010506]统计管理",
    ));
}

/// wide/113 (Wuxi) 公开12表, one amount column: the first code (302) printed before the totals
/// row's figure and its name after it; every other code just before its name and figure.
const OPERATING_COSTS_ONE_COLUMN: &str =
    include_str!("fixtures/extracts/wide113_operating_costs_one_column.txt");

#[test]
fn one_column_whose_names_stand_beside_their_figures_needs_one_sum() {
    // One sum tells the rows apart (302 = its eight items, 247.45); the text prints each name
    // beside its figure, so no count had to pair them.
    let t = &read_table(OPERATING_COSTS_ONE_COLUMN);
    assert_eq!(t.columns.len(), 1);
    assert_eq!(values(t).concat(), figures(OPERATING_COSTS_ONE_COLUMN));
    assert_eq!(parents_add_up(t), 1);
    let first = &t.rows[1];
    assert_eq!(
        (first.code.as_deref(), first.label.as_str()),
        (Some("302"), "商品和服务支出")
    );
    no_errors(OPERATING_COSTS_ONE_COLUMN);
}

/// wide/125 (Xi'an, 2021) 表5 over two pages: the names stand beside their four figures, the codes
/// are printed in blocks elsewhere (2079903 and 208 first, then the others).
const CODES_APART_NAMES_BESIDE: &str =
    include_str!("fixtures/extracts/wide125_codes_apart_names_beside.txt");

#[test]
fn codes_printed_in_blocks_apart_take_their_rows_in_code_order_where_the_names_agree() {
    let t = &read_in_code_order(CODES_APART_NAMES_BESIDE);
    // A name printed beside its row, and the catalogue's for its code, names the row.
    assert_eq!(row_of(t, "2013301").label, "行政运行");
}

#[test]
fn a_name_beside_another_codes_row_leaves_the_table_unread() {
    // 行政运行 and 购房补贴 exchanged: the names beside the figures now contradict code order.
    left_unread(&exchanged(
        CODES_APART_NAMES_BESIDE,
        "\n行政运行\n",
        "\n购房补贴\n",
    ));
}

/// wide/128 (Changchun) 预算表3, one cell per line, nine figures a row: most codes printed apart
/// from their rows (two blocks of them after the figures), 总计： and the names of some rows beside
/// their figures. The table itself misprints: 20140 信访事务's 当年预算 小计 (the second column) is
/// 1,378.41, but its three items print 903.85, 0.00 and 0.00 there (2014002 and 2014099 print their
/// 458.00 and 16.56 only as 项目支出).
const MISPRINT_IN_A_STREAM: &str =
    include_str!("fixtures/extracts/wide128_misprint_in_a_stream.txt");

#[test]
fn a_misprint_in_a_table_paired_by_code_order_is_reported() {
    let report = check(MISPRINT_IN_A_STREAM);
    let t = &report.tables[0];
    assert_eq!(t.status, "read", "{:?}", t.reason);
    assert_eq!(values(t).concat(), figures(MISPRINT_IN_A_STREAM));
    let second = |code: &str| -> i64 {
        row_of(t, code).cells[1]
            .value
            .replace('.', "")
            .parse()
            .unwrap()
    };
    let items = second("2014001") + second("2014002") + second("2014099");
    assert_eq!((second("20140"), items), (137_841, 90_385));
    // That one misprint is the one error; the totals row's cent is a rounding.
    let errors = errors(&report);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].message.contains("20140") && errors[0].message.contains("1378.41"));
}
