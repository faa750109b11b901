//! Tables in tab-separated rows whose header no known layout describes (a PDF's tables laid out by
//! geometry, a spreadsheet's copy): each figure's field is its column, so the table is read by its
//! fields (columns counted, `columns_counted`) when its own sums support the reading. Properties:
//! a consistent table is read exactly as printed with no error; the same table with figures moved
//! between columns in rows of three different classes (what a broken extraction does) is not read
//! into errors — it is reported unread.

mod common;

use budget_lint::{check, Severity};
use common::{no_errors, values};
use proptest::prelude::*;

/// One class (类) with its children (款): per child the figures of 一般公共预算, 政府性基金 and
/// 事业收入 in cents; the class's row and the columns 总计 = 小计 + 事业收入, 小计 = the first two
/// follow.
type Class = Vec<[i64; 3]>;

/// The five printed figures of a row from its three sources: 总计, 小计, 一般, 基金, 事业收入.
fn figures([a, b, c]: [i64; 3]) -> [i64; 5] {
    [a + b + c, a + b, a, b, c]
}

fn money(cents: i64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

fn sum(rows: &[[i64; 3]]) -> [i64; 3] {
    rows.iter()
        .fold([0; 3], |s, r| [s[0] + r[0], s[1] + r[1], s[2] + r[2]])
}

/// The table as tab-separated text, with every row's five figures (after `swap`, which may move
/// figures between fields) and their row, in printed order.
fn table(classes: &[Class], swap: &dyn Fn(usize, &mut [i64; 5])) -> (String, Vec<[i64; 5]>) {
    let mut text = String::from(
        "表3\n支出总表\n单位：万元\n\t\t\t\t财政拨款\t\t单位资金\n\
         科目编码\t科目名称\t总计\t小计\t一般公共预算\t政府性基金\t事业收入\n",
    );
    let mut printed = Vec::new();
    let mut row = |code: String, name: &str, mut f: [i64; 5], text: &mut String| {
        swap(printed.len(), &mut f);
        let cells: Vec<String> = f.iter().map(|&v| money(v)).collect();
        text.push_str(&format!("{code}\t{name}\t{}\n", cells.join("\t")));
        printed.push(f);
    };
    let all: Vec<[i64; 3]> = classes.iter().map(|c| sum(c)).collect();
    row(String::new(), "合计", figures(sum(&all)), &mut text);
    for (k, class) in classes.iter().enumerate() {
        let code = 201 + k;
        row(code.to_string(), "支出", figures(sum(class)), &mut text);
        for (j, child) in class.iter().enumerate() {
            row(
                format!("{code}{:02}", j + 1),
                "事务",
                figures(*child),
                &mut text,
            );
        }
    }
    (text, printed)
}

fn classes() -> impl Strategy<Value = Vec<Class>> {
    // Every child has money from all three sources, so 总计 differs from 一般公共预算 everywhere.
    let child = [1i64..500_000, 1i64..500_000, 1i64..500_000];
    proptest::collection::vec(proptest::collection::vec(child, 2..5), 3..6)
}

#[test]
fn a_header_no_layout_describes_gives_columns_by_its_fields() {
    let classes = vec![
        vec![[4000, 2000, 1000], [3000, 1000, 1000]],
        vec![[2500, 500, 500], [1500, 500, 500]],
    ];
    let (text, printed) = table(&classes, &|_, _| {});
    let report = check(&text);
    let t = &report.tables[0];
    assert_eq!(t.status, "read", "{:?}", t.reason);
    assert!(t.columns_counted);
    assert_eq!(t.columns.len(), 5);
    let expected: Vec<Vec<String>> = printed
        .iter()
        .map(|f| f.iter().map(|&v| money(v)).collect())
        .collect();
    assert_eq!(values(t), expected);
    assert!(report
        .diagnostics
        .iter()
        .all(|d| d.severity != Severity::Error));
}

#[test]
fn figure_pieces_on_lines_of_their_own_leave_the_table_unread() {
    // Figures cut off their rows onto lines of their own (wide/128 in an extraction that keeps
    // them: `1682.7` over `6`, `1378.4` over `1`): rows of figures with no name, each taken for a
    // totals row over the same classes. Their failures would share those classes and pass for
    // one misprint; the reading is refused instead.
    let classes = vec![
        vec![[4000, 2000, 1000], [3000, 1000, 1000]],
        vec![[2500, 500, 500], [1500, 500, 500]],
        vec![[1000, 200, 100], [900, 100, 100]],
    ];
    let (text, _) = table(&classes, &|_, _| {});
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    for at in [7, 10, 13] {
        lines.insert(at, "\t\t1682.7\t\t\t\t".to_string());
    }
    let report = check(&lines.join("\n"));
    let t = &report.tables[0];
    assert_eq!(t.status, "unread");
    assert!(
        t.reason.as_deref().unwrap_or("").contains("没有项目名称"),
        "{:?}",
        t.reason
    );
    assert!(report
        .diagnostics
        .iter()
        .all(|d| d.severity != Severity::Error));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn a_consistent_table_is_read_as_printed(classes in classes()) {
        let (text, printed) = table(&classes, &|_, _| {});
        let report = check(&text);
        let t = &report.tables[0];
        prop_assert_eq!(t.status.as_str(), "read", "{:?}", t.reason);
        let expected: Vec<Vec<String>> =
            printed.iter().map(|f| f.iter().map(|&v| money(v)).collect()).collect();
        prop_assert_eq!(values(t), expected);
        prop_assert!(report.diagnostics.iter().all(|d| d.severity != Severity::Error));
    }

    #[test]
    fn figures_moved_between_columns_in_three_classes_leave_the_table_unread(
        classes in classes(),
        picks in proptest::collection::vec(any::<prop::sample::Index>(), 3),
    ) {
        // In three classes, one child each gets its 总计 and 一般公共预算 figures exchanged.
        let mut rows = Vec::new();
        let mut at = 1; // after the 合计 row
        for (k, class) in classes.iter().enumerate().take(3) {
            rows.push(at + 1 + picks[k].index(class.len()));
            at += 1 + class.len();
        }
        let (text, _) = table(&classes, &|i, f: &mut [i64; 5]| {
            if rows.contains(&i) {
                f.swap(0, 2);
            }
        });
        let report = check(&text);
        let t = &report.tables[0];
        prop_assert_eq!(t.status.as_str(), "unread");
        prop_assert!(report.diagnostics.iter().all(|d| d.severity != Severity::Error),
            "{:?}", report.diagnostics.iter().map(|d| &d.message).collect::<Vec<_>>());
    }
}

/// wide/131 公开09表 as the PDF lays it out: the 预算数 and the 决算数 of the six 三公 items in one
/// row of twelve fields, two of them empty (公务用车购置费).
const THREE_PUBLIC_FINAL: &str = "一般公共预算财政拨款“三公”经费支出决算表\n公开09表\n\
部门：国家信访局 金额单位：万元\n\
\t\t\t预算数\t\t\t\t\t\t决算数\t\t\n\
\t\t公务用车购置及运行维护费\t\t\t\t\t\t公务用车购置及运行维护费\t\t\t\n\
\t因公出国\t\t\t\t公务接待\t\t因公出国（境）\t\t\t\t\n\
合计\t\t\t公务用车购\t公务用车运\t\t合计\t\t\t\t公务用车运行维\t公务接待费\n\
\t（境）费\t小计\t\t\t费\t\t费\t小计\t公务用车购置费\t\t\n\
\t\t\t置费\t行维护费\t\t\t\t\t\t护费\t\n\
1\t2\t3\t4\t5\t6\t7\t8\t9\t10\t11\t12\n\
76.43\t30.00\t40.63\t\t40.63\t5.80\t46.21\t4.69\t40.61\t\t40.61\t0.90\n\
注：本表反映部门本年度“三公”经费支出预决算情况。\n";

#[test]
fn a_single_row_in_fields_keeps_its_empty_cells() {
    let r = check(THREE_PUBLIC_FINAL);
    let t = &r.tables[0];
    assert_eq!(t.status, "read", "{t:#?}");
    let cells: Vec<(&str, &str)> = t.rows[0]
        .cells
        .iter()
        .map(|c| (c.column.as_str(), c.value.as_str()))
        .collect();
    let at = |column: &str| cells.iter().find(|c| c.0 == column).map(|c| c.1);
    assert_eq!(at("预算数/公务接待费"), Some("5.80"), "{cells:?}");
    assert_eq!(at("决算数/合计"), Some("46.21"), "{cells:?}");
    assert_eq!(
        at("决算数/公务用车购置及运行维护费/公务用车运行维护费"),
        Some("40.61"),
        "{cells:?}"
    );
    // The empty fields stay empty: no 购置费 in either block.
    assert_eq!(at("预算数/公务用车购置及运行维护费/公务用车购置费"), None);
    assert_eq!(at("决算数/公务用车购置及运行维护费/公务用车购置费"), None);
    assert_eq!(cells.len(), 10, "{cells:?}");
    // 4.69 + 40.61 + 0.90 = 46.20 against 46.21: a rounding difference, no error.
    assert!(
        r.diagnostics.iter().all(|d| d.severity != Severity::Error),
        "{:#?}",
        r.diagnostics
    );
}

/// Jiangsu's 公开10表 as the PDF lays it out (wide/111, page 23): the 三公 items with 会议费 and
/// 培训费 in one row, 公务接待费 after the cars.
const THREE_PUBLIC_MEETINGS: &str = "一般公共预算“三公”经费、会议费、培训费支出表\n\
部门：苏州市自然资源和规划局 单位：万元\n\
\t\t公务用车购置及运行维护费\t\t\t\t\t\n\
“三公”经费合计\t因公出国（境）费\t\t\t公务用车运行维\t公务接待费\t会议费\t培训费\n\
\t\t小计\t公务用车购置费\t\t\t\t\n\
\t\t\t\t护费\t\t\t\n\
43.80\t0.00\t7.80\t0.00\t7.80\t36.00\t26.60\t56.05\n";

#[test]
fn the_three_public_row_with_meetings_and_training_is_read_by_its_header() {
    let r = check(THREE_PUBLIC_MEETINGS);
    let t = &r.tables[0];
    assert_eq!(t.status, "read", "{t:#?}");
    let at = |column: &str| {
        t.rows[0]
            .cells
            .iter()
            .find(|c| c.column == column)
            .map(|c| c.value.as_str())
    };
    // 43.80 = 0.00 + 7.80 + 36.00: 会议费 and 培训费 stand beside the 三公, not inside them.
    assert_eq!(at("公务接待费"), Some("36.00"));
    assert_eq!(at("公务用车购置及运行费/小计"), Some("7.80"));
    assert_eq!(at("会议费"), Some("26.60"));
    assert_eq!(at("培训费"), Some("56.05"));
    assert!(r.diagnostics.iter().all(|d| d.severity != Severity::Error));
    // A 合计 1 万元 off is a misprint against that row's identity.
    let r = check(&THREE_PUBLIC_MEETINGS.replace("43.80", "44.80"));
    assert!(
        r.diagnostics
            .iter()
            .any(|d| d.code == "A102" && d.severity == Severity::Error),
        "{:#?}",
        r.diagnostics
    );
}

/// Jiangsu's 政府采购支出表 as the PDF lays it out (wide/114, page 29): the label takes five fields
/// (category or unit, 专项, 经济科目, 品目, 组织形式), the figures the last five.
const PROCUREMENT: &str = "政府采购支出表\n\
单位：无锡市交通运输局（本级） 单位：万元\n\
\t\t\t\t\t\t资金来源\t\t\t\n\
采购品目大类\t专项名称\t经济科目\t采购品目名称\t采购组织形式\t一般公共\t\t\t上年结转和\t总计\n\
\t\t\t\t\t\t政府性基金\t其他资金\t\t\n\
\t\t\t\t\t预算资金\t\t\t结余资金\t\n\
合计\t\t\t\t\t112.90\t\t\t\t112.90\n\
货物\t\t\t\t\t2.00\t\t\t\t2.00\n\
无锡市交通运输局（本级）\t\t\t\t\t2.00\t\t\t\t2.00\n\
\t商品和服务支出(公用经费定额)\t办公费\t复印纸\t集中采购\t2.00\t\t\t\t2.00\n\
服务\t\t\t\t\t110.90\t\t\t\t110.90\n\
无锡市交通运输局（本级）\t\t\t\t\t110.90\t\t\t\t110.90\n\
\t商品和服务支出(公用经费定额)\t办公费\t其他印刷服务\t集中采购\t5.00\t\t\t\t5.00\n\
\t行业服务质量提升经费\t委托业务费\t其他咨询服务\t分散采购\t105.90\t\t\t\t105.90\n";

#[test]
fn a_label_over_several_fields_leaves_the_figures_in_the_last_ones() {
    let r = check(PROCUREMENT);
    let t = &r.tables[0];
    assert_eq!(t.status, "read", "{t:#?}");
    // Every figure in its field's column, none left to the arithmetic to choose.
    for row in &t.rows {
        let columns: Vec<&str> = row.cells.iter().map(|c| c.column.as_str()).collect();
        assert_eq!(columns, ["一般公共预算资金", "总计"], "{row:#?}");
    }
    assert!(r
        .diagnostics
        .iter()
        .all(|d| d.code != "R002" && d.severity != Severity::Error));
}

#[test]
fn a_single_row_of_twelve_columns_without_fields_is_left_unread() {
    let spaced = THREE_PUBLIC_FINAL.replace('\t', " ");
    let r = check(&spaced);
    let t = &r.tables[0];
    assert!(t.status.starts_with("unread"), "{t:#?}");
    assert!(
        r.diagnostics.iter().all(|d| d.code != "A102"),
        "{:#?}",
        r.diagnostics
    );
}

/// wide/122 (Quanzhou) 收入预算总表 as the PDF reader lays it out: two rows of figures, then the
/// page number and the next part's heading, which are not rows: the table is still tab-separated
/// and read by its fields, each row's 总计 the sum of the rest as printed.
const TWO_ROWS: &str = include_str!("fixtures/extracts/wide122_two_rows_then_page_number.txt");

#[test]
fn a_short_table_followed_by_a_page_number_is_read_by_its_fields() {
    let report = check(TWO_ROWS);
    let t = report.tables.first().expect("a table");
    assert_eq!(t.status, "read", "{:?}", t.reason);
    let printed: Vec<Vec<String>> = TWO_ROWS
        .lines()
        .filter(|l| l.matches('\t').count() > 5 && l.contains('.'))
        .filter(|l| !l.starts_with('\t'))
        .map(|l| l.split('\t').skip(1).map(str::to_string).collect())
        .collect();
    assert_eq!(values(t), printed);
    for row in &printed {
        let v: Vec<rust_decimal::Decimal> = row.iter().map(|x| x.parse().unwrap()).collect();
        assert_eq!(v[0], v[1..].iter().sum());
    }
}

/// wide/124 (Xi'an, 2020) 支出总表 by budget unit, laid out from its PDF: units coded `242001` …,
/// no classification code, twelve amount columns no layout names. The 合计 row is the sum of the
/// units' rows in 一般公共预算拨款/小计 (181716.56), which confirms the fields; in 合计 it is not
/// (182157.13 against 182066.56 over the units: the 90.57 carried over from last year, which
/// the units' rows leave out — the document's own discrepancy, one root, so the reading stands).
const BY_UNIT: &str = include_str!("fixtures/extracts/wide124_expenditure_by_unit.txt");

#[test]
fn a_table_by_unit_is_confirmed_by_its_total_over_the_units() {
    let report = check(BY_UNIT);
    let t = report.tables.first().expect("a table");
    assert_eq!(t.status, "read", "{:?}", t.reason);
    let printed = |label: &str, field: usize| -> rust_decimal::Decimal {
        let line = BY_UNIT
            .lines()
            .find(|l| l.split('\t').nth(1) == Some(label))
            .expect("printed");
        line.split('\t').nth(field).unwrap().parse().unwrap()
    };
    let units: Vec<_> = t.rows.iter().filter(|r| r.code.is_some()).collect();
    assert!(units.len() >= 10);
    for r in &units {
        assert_eq!(
            r.cells[1].value.parse::<rust_decimal::Decimal>().unwrap(),
            printed(&r.label, 3)
        );
    }
    let sum: rust_decimal::Decimal = units.iter().map(|r| printed(&r.label, 3)).sum();
    assert_eq!(sum, printed("合计", 3));
}

const PROJECT_LIST: &str = include_str!("fixtures/extracts/wide124_project_list.txt");

/// The printed amount of each project line of a list (`[unit]name ⇥ project ⇥ amount ⇥`; a page's
/// first line starts with its form feed).
fn listed_amounts(text: &str) -> Vec<rust_decimal::Decimal> {
    text.lines()
        .map(|l| l.trim_start_matches('\u{c}'))
        .filter(|l| l.starts_with('['))
        .filter_map(|l| l.split('\t').nth(2)?.trim().parse().ok())
        .collect()
}

#[test]
fn a_project_list_without_codes_is_confirmed_by_its_total_over_the_projects() {
    let amounts = listed_amounts(PROJECT_LIST);
    let total: rust_decimal::Decimal = PROJECT_LIST
        .lines()
        .find(|l| l.split('\t').nth(1) == Some("合计"))
        .and_then(|l| l.split('\t').nth(2)?.parse().ok())
        .expect("a 合计 line");
    assert!(amounts.len() > 50);
    // The arithmetic the reading stands on: the projects add up to the printed total.
    assert_eq!(
        amounts.iter().copied().sum::<rust_decimal::Decimal>(),
        total
    );
    let report = check(PROJECT_LIST);
    let t = &report.tables[0];
    assert_eq!(t.status, "read", "{:?}", t.reason);
    let read: Vec<rust_decimal::Decimal> = t
        .rows
        .iter()
        .filter(|r| r.label != "合计")
        .filter_map(|r| r.cells.first()?.value.parse().ok())
        .collect();
    assert_eq!(read, amounts);
    assert!(no_errors(&report));
}

/// A purchase list: 合计 and three purchases, each with its 经济科目 类 and 款 printed in columns
/// of their own before the amount (`codes`), or without them.
fn purchase_list(codes: bool) -> String {
    let mut text = String::from("表12\n政府采购预算表\n单位：元\n");
    let code = |c: &str, k: &str| {
        if codes {
            format!("{c}\t{k}\t")
        } else {
            String::new()
        }
    };
    text.push_str(&format!(
        "采购项目\t采购目录\t{}预算金额\n",
        code("类", "款")
    ));
    text.push_str(&format!("合计\t\t{}470,000.00\n", code("", "")));
    for (project, item, c, k, amount) in [
        ("普查", "A02010105台式计算机", "310", "02", "120,000.00"),
        ("普查", "C23090199其他印刷服务", "302", "02", "150,000.00"),
        ("宣传", "C23150000广告宣传服务", "302", "99", "200,000.00"),
    ] {
        text.push_str(&format!("{project}\t{item}\t{}{amount}\n", code(c, k)));
    }
    text
}

#[test]
fn a_list_total_confirms_only_its_own_column_not_printed_codes() {
    let plain = check(&purchase_list(false));
    assert_eq!(
        plain.tables[0].status, "read",
        "{:?}",
        plain.tables[0].reason
    );
    // 120 000 + 150 000 + 200 000 = 470 000: the amounts are confirmed; the 类/款 columns hold
    // codes (302, 02) no total adds up, so with them the list is not read as amounts.
    let coded = check(&purchase_list(true));
    let t = &coded.tables[0];
    assert_eq!(t.status, "unread");
    assert!(t
        .reason
        .as_deref()
        .unwrap_or("")
        .contains("没有一组加总关系可以印证"));
    assert!(no_errors(&coded));
}

const PROJECTS_WITH_GOALS: &str = include_str!("fixtures/extracts/wide108_projects_with_goals.txt");

#[test]
fn figures_centred_in_a_wrapped_name_join_it_and_goal_text_is_no_row() {
    let report = check(PROJECTS_WITH_GOALS);
    let t = &report.tables[0];
    assert_eq!(t.status, "read", "{:?}", t.reason);
    let row = t
        .rows
        .iter()
        .find(|r| r.label == "港珠澳大桥珠海公路口岸安检服务经费")
        .expect("the name printed over two lines around its figures");
    assert_eq!(row.cells[0].value, "968.69");
    // The 绩效目标 column's sentences make no rows, and every row of figures has its
    // columns in place: 总计 = 合计 + 财政专户 + 其他资金, 合计 = 一般 + 基金 + 国资.
    assert!(t.rows.iter().all(|r| !r.label.contains('。')));
    for r in t.rows.iter().filter(|r| !r.cells.is_empty()) {
        let v = |c: usize| -> rust_decimal::Decimal {
            r.cells
                .iter()
                .find(|x| x.column == format!("第{}列", c + 1))
                .map_or(rust_decimal::Decimal::ZERO, |x| x.value.parse().unwrap())
        };
        assert_eq!(v(0), v(1) + v(5) + v(6), "{}", r.label);
        assert_eq!(v(1), v(2) + v(3) + v(4), "{}", r.label);
    }
    assert!(no_errors(&report));
}

const CARRY_OVER_AMID_CODES: &str =
    include_str!("fixtures/extracts/wide124_carry_over_amid_codes.txt");

#[test]
fn amounts_no_column_takes_leave_the_table_unread_not_empty() {
    // 7.70 + 47.51 + 26.38 + 3.82 + 5.16 = 90.57 are printed amid code columns; a reading that
    // places none of them has not read the table, which is not empty (no C402, no X205 against
    // the summary's 上年结转).
    let report = check(CARRY_OVER_AMID_CODES);
    let t = &report.tables[0];
    assert_eq!(t.status, "unread");
    assert!(t.rows.is_empty());
    assert!(t.reason.as_deref().unwrap_or("").contains("7.70"));
    assert!(report.diagnostics.iter().all(|d| d.code != "C402"));
}

const PURCHASE_LIST: &str = include_str!("fixtures/extracts/wide123_purchase_list.txt");

#[test]
fn code_columns_amid_a_purchase_lists_figures_are_not_read_as_amounts() {
    // 数量 then 经济科目 类/款 (`1 302 27 502 05`) then 预算金额: the header's 类/款 cells stand
    // right of the quantity, so their digits are codes, not amounts.
    let report = check(PURCHASE_LIST);
    let t = &report.tables[0];
    assert_eq!(t.status, "read", "{:?}", t.reason);
    let amount_of = |r: &budget_lint::report::RowOut| -> Vec<rust_decimal::Decimal> {
        r.cells.iter().map(|c| c.value.parse().unwrap()).collect()
    };
    // The purchases (a 采购目录 item beside the project) add up to the totals row in both
    // columns holding figures: 数量 and 预算金额.
    let total = t.rows.iter().find(|r| r.label == "合计").unwrap();
    let purchases: Vec<Vec<rust_decimal::Decimal>> = t
        .rows
        .iter()
        .filter(|r| r.item.is_some())
        .map(amount_of)
        .collect();
    assert_eq!(purchases.len(), 16);
    for (k, printed) in amount_of(total).into_iter().enumerate() {
        let sum: rust_decimal::Decimal = purchases.iter().map(|p| p[k]).sum();
        assert_eq!(sum, printed, "column {k}");
    }
    assert_eq!(
        amount_of(total),
        ["187920".parse().unwrap(), "18712700.00".parse().unwrap()]
    );
    // The row's code is its 类 款 项 (`201 05 07`), not that with the unit's number after it.
    assert!(t
        .rows
        .iter()
        .filter_map(|r| r.code.as_deref())
        .all(|c| c == "2010507"));
    assert!(no_errors(&report));
}

const CODES_BELOW: &str = include_str!("fixtures/extracts/wide125_codes_below_their_rows.txt");

#[test]
fn a_code_printed_below_its_rows_figures_is_that_rows() {
    // `→行政运行→17,651,794.92…` ⏎ `2013301→→…`; `→一般行政管理→30,964,000.00…` ⏎ `2013302→事务`;
    // `→机关事业单位→` ⏎ figures ⏎ `2080505→基本养老保险缴费支出`: one row each, as the catalogue
    // names the code.
    let report = check(CODES_BELOW);
    let t = &report.tables[0];
    assert_eq!(t.status, "read", "{:?}", t.reason);
    let row = |code: &str| {
        t.rows
            .iter()
            .find(|r| r.code.as_deref() == Some(code))
            .unwrap()
    };
    assert_eq!(row("2013301").label, "行政运行");
    assert_eq!(row("2013301").cells[0].value, "17651794.92");
    assert_eq!(row("2013302").label, "一般行政管理事务");
    assert_eq!(row("2080505").label, "机关事业单位基本养老保险缴费支出");
    assert_eq!(row("2080505").cells[0].value, "1449977.63");
    // Every row holding figures has its code: no code left on a row of its own.
    assert!(t
        .rows
        .iter()
        .all(|r| r.kind == budget_lint::model::RowKind::Total
            || (r.code.is_some() && !r.cells.is_empty())));
    assert!(no_errors(&report));
}

const BASIC_WITH_SUBTOTAL: &str = include_str!("fixtures/extracts/wide109_basic_with_subtotal.txt");

#[test]
fn basic_spending_printed_with_its_subtotal_and_parts_gets_named_columns() {
    // 总计 | 基本支出: 小计 人员经费 公用经费 | 项目支出 (Chongqing, Hangzhou): five named columns,
    // 合计 = 基本支出 + 项目支出 and 基本支出 = 人员经费 + 公用经费 in every row (within a cent).
    let report = check(BASIC_WITH_SUBTOTAL);
    let t = &report.tables[0];
    assert_eq!(t.status, "read", "{:?}", t.reason);
    assert!(!t.columns_counted);
    let names: Vec<&str> = t.columns.iter().map(String::as_str).collect();
    assert_eq!(
        names,
        ["合计", "基本支出", "人员经费", "公用经费", "项目支出"]
    );
    let total = t.rows.iter().find(|r| r.label == "合计").unwrap();
    let v = |name: &str| -> rust_decimal::Decimal {
        total
            .cells
            .iter()
            .find(|c| c.column == name)
            .map_or(rust_decimal::Decimal::ZERO, |c| c.value.parse().unwrap())
    };
    // 33,325.21 + 94,823.35 = 128,148.56; 23,208.51 + 10,116.70 = 33,325.21.
    assert_eq!(v("基本支出") + v("项目支出"), v("合计"));
    assert_eq!(v("人员经费") + v("公用经费"), v("基本支出"));
    assert!(no_errors(&report));
}

const PANELS: &str = include_str!("fixtures/extracts/wide131_panels_side_by_side.txt");

/// The read rows of a panel table: (code, column, value) per coded row holding a figure.
fn panel_cells(t: &budget_lint::report::TableOut) -> Vec<(String, String, rust_decimal::Decimal)> {
    t.rows
        .iter()
        .filter_map(|r| Some((r.code.clone()?, r)))
        .flat_map(|(code, r)| {
            r.cells
                .iter()
                .map(move |c| (code.clone(), c.column.clone(), c.value.parse().unwrap()))
        })
        .collect()
}

#[test]
fn groups_of_codes_printed_side_by_side_are_read_panel_by_panel() {
    // The central template's 基本支出决算表: `30103 奖金 143.61 30203 咨询费 1.55 310 资本性支出
    // 27.24` is three rows of three panels, the first panel 人员经费's, the other two 公用经费's.
    let report = check(PANELS);
    let t = &report.tables[0];
    assert_eq!(t.status, "read", "{:?}", t.reason);
    assert_eq!(t.columns, ["人员经费", "公用经费"]);
    // One row per printed code, none run together with another panel's.
    let printed_codes = PANELS
        .split(['\t', ' ', '\n'])
        .filter(|w| matches!(w.len(), 3 | 5) && w.starts_with('3'))
        .filter(|w| w.bytes().all(|b| b.is_ascii_digit()))
        .count();
    let coded: Vec<_> = t.rows.iter().filter(|r| r.code.is_some()).collect();
    assert_eq!(coded.len(), printed_codes);
    let cells = panel_cells(t);
    let at = |code: &str| {
        cells
            .iter()
            .find(|c| c.0 == code)
            .map(|c| (c.1.as_str(), c.2.to_string()))
    };
    assert_eq!(at("30103"), Some(("人员经费", "143.61".to_string())));
    assert_eq!(at("30203"), Some(("公用经费", "1.55".to_string())));
    assert_eq!(at("310"), Some(("公用经费", "27.24".to_string())));
    assert_eq!(at("30212"), None, "因公出国（境）费用 prints no amount");
    // Each column's total is the sum of the classes in its panels: 301 6 982.75 + 303 984.97 =
    // 7 967.72, and 302 2 239.41 + 310 27.24 = 2 266.65 (307 and 399 print nothing).
    let classes = |column: &str| -> rust_decimal::Decimal {
        cells
            .iter()
            .filter(|c| c.0.len() == 3 && c.1 == column)
            .map(|c| c.2)
            .sum()
    };
    let total = t
        .rows
        .iter()
        .find(|r| r.code.is_none())
        .expect("totals row");
    let total_of = |column: &str| -> rust_decimal::Decimal {
        let cell = total.cells.iter().find(|c| c.column == column).unwrap();
        cell.value.parse().unwrap()
    };
    assert_eq!(total_of("人员经费"), classes("人员经费"));
    assert_eq!(total_of("公用经费"), classes("公用经费"));
    assert_eq!(total_of("人员经费").to_string(), "7967.72");
    assert!(no_errors(&report));
}

#[test]
fn panels_whose_totals_no_grouping_adds_up_to_are_left_unread() {
    // The same table with 公用经费合计 misprinted by 100: no grouping of the panels gives it, so the
    // panels' columns are not known and nothing is read into findings.
    let altered = PANELS.replace("\t2,266.65", "\t2,366.65");
    assert_ne!(altered, PANELS);
    let report = check(&altered);
    let t = &report.tables[0];
    assert_eq!(t.status, "unread");
    assert!(
        t.reason.as_deref().unwrap_or("").contains("并排"),
        "{:?}",
        t.reason
    );
    assert!(no_errors(&report));
}

#[test]
fn a_final_accounts_three_public_items_are_compared_with_the_panels_by_what_was_spent() {
    // wide/131's 公开06表 (panels) and 公开09表 (预算数 and 决算数 of the 三公 items) as one final
    // account: the items are compared by their 决算数. 公务接待费 0.90 and 公务用车运行维护费 40.61
    // are printed in both tables; only 因公出国（境）费 4.69, absent from 302 12 (no amount), is
    // reported — as project spending to check, not an error. By their 预算数 (5.80, 40.63, 30.00)
    // all three would have differed.
    let doc = format!("国家信访局2024年度部门决算\n{PANELS}{THREE_PUBLIC_FINAL}");
    let report = check(&doc);
    let x204: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "X204")
        .collect();
    assert_eq!(x204.len(), 1, "{x204:#?}");
    assert_eq!(x204[0].severity, Severity::Warning);
    assert!(x204[0].message.contains("决算数/因公出国（境）费 为 4.69"));
    assert!(x204[0]
        .message
        .contains("302 12 因公出国（境）费用」公用经费"));
    assert!(no_errors(&report));
}
