//! The narrative statements of real documents come out structured: quoted figures with their
//! subject, shares with the whole they are of, year-on-year changes, component lists.
//! Each expectation below is a sentence printed in the document, quoted in the comment.

mod common;

use budget_lint::model::{Direction, FigureUnit, Narrative};

fn value(n: &Narrative, i: Option<usize>) -> String {
    i.map_or_else(|| "-".to_string(), |i| n.figures[i].value.to_string())
}

#[test]
fn reference_000_income_change_and_share() {
    // "一般公共预算 388.86 万元，占 99.99%，比上年预算增加 22.31 万元，增长 6.09%"
    let doc = budget_lint::read(&common::corpus("000_799292fe1e9c1d1b.txt"));
    let n = &doc.narrative;
    let c = n
        .changes
        .iter()
        .find(|c| value(n, c.current) == "388.86")
        .expect("the change of 一般公共预算");
    assert_eq!(c.base, "上年预算");
    assert_eq!(
        (value(n, c.amount), c.amount_direction),
        ("22.31".to_string(), Some(Direction::Increase))
    );
    assert_eq!(
        (value(n, c.percent), c.percent_direction),
        ("6.09".to_string(), Some(Direction::Increase))
    );
    let share = n
        .figures
        .iter()
        .find(|f| f.unit == FigureUnit::Percent && f.value.to_string() == "99.99")
        .unwrap();
    assert_eq!(value(n, share.share_of), "388.86");
    // Every figure's span covers its printed number in the original text.
    let text = common::corpus("000_799292fe1e9c1d1b.txt");
    for f in &n.figures {
        let printed: String = text[f.span.start..f.span.end]
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let digits: String = f
            .value
            .to_string()
            .chars()
            .filter(|c| c.is_ascii_digit())
            .collect();
        let printed_digits: String = printed.chars().filter(|c| c.is_ascii_digit()).collect();
        assert_eq!(printed_digits, digits, "span {:?} prints {printed}", f.span);
    }
}

#[test]
fn reference_000_component_lists() {
    // "政府采购预算 2.96 万元，其中：政府采购货物预算 2.86 万元，政府采购工程预算 0.00 万元，政府采购服务预算 0.10 万元。"
    let doc = budget_lint::read(&common::corpus("000_799292fe1e9c1d1b.txt"));
    let n = &doc.narrative;
    let list = n
        .lists
        .iter()
        .find(|l| value(n, l.total) == "2.96")
        .expect("政府采购 list");
    let items: Vec<String> = list.items.iter().map(|&i| value(n, Some(i))).collect();
    assert_eq!(items, ["2.86", "0.00", "0.10"]);
    // "实有人数 21人，其中：在职 17人，增加 0人；退休 4 人，增加 0人；离休 0人，增加 0 人。"
    let staff = n
        .lists
        .iter()
        .find(|l| value(n, l.total) == "21")
        .expect("staff list");
    let subjects: Vec<&str> = staff
        .items
        .iter()
        .map(|&i| n.figures[i].subject.as_str())
        .collect();
    assert_eq!(subjects, ["在职", "退休", "离休"]);
}

#[test]
fn shanghai_change_against_last_years_execution() {
    // "2025年当年预算执行数为43269.3万元，2026年预算安排3845.49万元，比2025年预算执行数增加17.62%。"
    let doc = budget_lint::read(&common::corpus(
        "real/10_shanghai_putuo_sifaju_2026_bumen_yusuan.txt",
    ));
    let n = &doc.narrative;
    let c = n
        .changes
        .iter()
        .find(|c| value(n, c.current) == "3845.49")
        .expect("the change");
    assert_eq!(c.base, "2025年预算执行数");
    assert_eq!(value(n, c.base_value), "43269.3");
    assert_eq!(
        (value(n, c.percent), c.percent_direction),
        ("17.62".to_string(), Some(Direction::Increase))
    );
    assert!(c.amount.is_none());
}

#[test]
fn sections_hold_their_figures() {
    let doc = budget_lint::read(&common::corpus("001_6149e9281c444aee.txt"));
    let n = &doc.narrative;
    let f = n
        .figures
        .iter()
        .find(|f| f.value.to_string() == "2104.55" && f.subject.contains("收支总预算"))
        .expect("收支总预算 2,104.55 万元");
    let section = &n.sections[f.section.expect("in a section")];
    assert!(
        section.heading.contains("收支预算情况"),
        "{}",
        section.heading
    );
}
