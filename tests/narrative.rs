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

/// The figure whose span starts with `printed` and ends with `unit`, read from `name`.
fn figure_printed(name: &str, printed: &str) -> Option<(String, String)> {
    let text = common::corpus(name);
    let doc = budget_lint::read(&text);
    doc.narrative
        .figures
        .iter()
        .find(|f| text[f.span.start..f.span.end].starts_with(printed))
        .map(|f| {
            (
                f.value.to_string(),
                text[f.span.start..f.span.end].to_string(),
            )
        })
}

#[test]
fn page_numbers_inside_a_sentence_are_skipped() {
    // wide/116 lines 105–108: "2026年收入预算665964.37万元，比上年执行数增加" ⏎ "4" (page number)
    // ⏎ "\f107,573.11万元，增长19.3%，…": the increase is 107,573.11, not 4,107,573.11.
    let name = "wide/116_hangzhou_jiaotongju_2026_bumen_yusuan.txt";
    let (v, _) = figure_printed(name, "107,573.11").expect("107,573.11 read");
    assert_eq!(v, "107573.11");
    let text = common::corpus(name);
    let doc = budget_lint::read(&text);
    let c = doc
        .narrative
        .changes
        .iter()
        .find(|c| value(&doc.narrative, c.amount) == "107573.11")
        .expect("the change of 收入预算");
    assert_eq!(value(&doc.narrative, c.current), "665964.37");
    assert_eq!(value(&doc.narrative, c.percent), "19.3");
    // wide/121 lines 1354–1357: "…基本养老保险缴费支出 2470.32" ⏎ "18" ⏎ "\f万元。": 2470.32 万元,
    // not 2470.3218.
    let (v, printed) = figure_printed(
        "wide/121_fuzhou_jiaoguan_zhidui_2026_danwei_yusuan.txt",
        "2470.32",
    )
    .expect("2470.32 read");
    assert_eq!(v, "2470.32");
    assert!(printed.ends_with("万元"), "{printed}");
    // wide/130 lines 101–105: "…各增加3608.98万元，增长" ⏎ "3" ⏎ "\f17.31%。": 17.31%, not 317.31%.
    let (v, _) = figure_printed(
        "wide/130_jiangsusheng_shengwei_bangongting_2018_bumen_yusuan.txt",
        "17.31",
    )
    .expect("17.31% read");
    assert_eq!(v, "17.31");
}

#[test]
fn footers_and_running_headers_inside_a_sentence_are_skipped() {
    // wide/113 lines 2270–2275: "…年收入预算合计 9,947.88 万" ⏎ "- 28 -" ⏎ "\f无锡市发展和改革委员会
    // 2025 年度部门预算公开" (the running header) ⏎ "元，包括本年收入 9,947.88 万元，…".
    let name = "wide/113_wuxi_fagaiwei_2025_bumen_yusuan.txt";
    let text = common::corpus(name);
    let doc = budget_lint::read(&text);
    let split = doc
        .narrative
        .figures
        .iter()
        .find(|f| {
            f.span.start < text.find("合计 9,947.88 万\n").unwrap() + 20
                && text[f.span.start..f.span.end].starts_with("9,947.88")
        })
        .expect("9,947.88 万元 across the page break");
    assert_eq!(split.unit, FigureUnit::WanYuan);
    assert!(
        !split.subject.contains("无锡市发展和改革委员会"),
        "{}",
        split.subject
    );
    // wide/111 lines 3182–3187: "… 2026 年度财政拨款基本支出预算" ⏎ "- 39 -" ⏎ (header) ⏎
    // "12,889.17 万元，其中：": the subject does not take in the footer or the header.
    let name = "wide/111_suzhou_ziguiju_2026_bumen_yusuan.txt";
    let text = common::corpus(name);
    let doc = budget_lint::read(&text);
    let f = doc
        .narrative
        .figures
        .iter()
        .find(|f| text[f.span.start..f.span.end].starts_with("12,889.17"))
        .expect("12,889.17 read");
    assert!(f.subject.ends_with("基本支出预算"), "{}", f.subject);
}
