//! The N rules on the corpus: the real inconsistencies they must find (each checked by hand from the
//! document text), and no error anywhere else.

mod common;

use budget_lint::Severity;

/// (code, severity, text of the primary label) of every N finding of a document.
fn findings(name: &str) -> Vec<(String, Severity, String)> {
    let text = common::corpus(name);
    let report = budget_lint::check(&text);
    report
        .diagnostics
        .iter()
        .filter(|d| d.code.starts_with('N'))
        .map(|d| {
            let l = d
                .labels
                .iter()
                .find(|l| l.primary)
                .expect("a primary label");
            (d.code.clone(), d.severity, text[l.start..l.end].to_string())
        })
        .collect()
}

fn has(f: &[(String, Severity, String)], code: &str, severity: Severity, label: &str) -> bool {
    f.iter()
        .any(|(c, s, l)| *c == code && *s == severity && l == label)
}

#[test]
fn reference_001_pension_contribution() {
    // "主要用于机关事业单位基本养老保险缴费 57.98 万元": tables 2, 3, 5 and 6 print 57.99.
    let f = findings("001_6149e9281c444aee.txt");
    assert!(has(&f, "N301", Severity::Error, "57.98 万元"), "{f:#?}");
}

#[test]
fn reference_000_performance_funding() {
    // 整体绩效目标表 504.72 + 731.92 = 1236.64 万元 against a 388.89 万元 budget.
    let f = findings("000_799292fe1e9c1d1b.txt");
    assert!(has(&f, "N307", Severity::Error, "504.72"), "{f:#?}");
}

#[test]
fn shanghai_change_against_last_years_execution() {
    // "2025年当年预算执行数为43269.3万元，2026年预算安排3845.49万元，比2025年预算执行数增加17.62%"
    // (the reviewer's finding 4), and "住房公积金（01项）208.8万元 … 2026年预算安排201.50万元" (finding 6).
    let f = findings("real/10_shanghai_putuo_sifaju_2026_bumen_yusuan.txt");
    assert!(has(&f, "N303", Severity::Error, "17.62%"), "{f:#?}");
    assert!(
        has(&f, "N304", Severity::Error, "比2025年预算执行数增加17.62%"),
        "{f:#?}"
    );
    assert!(has(&f, "N308", Severity::Error, "201.50万元"), "{f:#?}");
    // 91.97 ÷ 77.99 − 1 = 17.93%, printed 17.66% (copied from the line above).
    assert!(has(&f, "N303", Severity::Error, "17.66%"), "{f:#?}");
}

#[test]
fn final_accounts_shares() {
    // 2106.66 ÷ 2940.05 = 71.65%, printed 71.73%.
    let f = findings("real/07_shanghai_putuo_caizhengju_2024_bumen_juesuan.txt");
    assert!(has(&f, "N302", Severity::Error, "71.73%"), "{f:#?}");
    // 9746.50 ÷ 9759.38 = 99.868%, printed 99.86%.
    let f = findings("real/08_shanghai_putuo_guiziju_2024_bumen_juesuan.txt");
    assert!(has(&f, "N302", Severity::Error, "99.86%"), "{f:#?}");
}

#[test]
fn final_accounts_execution_rate() {
    // 年初预算为 10210.34 万元，支出决算为 9746.50 万元，完成年初预算的 95.45%:
    // 9746.50 ÷ 10210.34 = 95.457% (95.4570%–95.4572% with the inputs' rounding), printed 95.45%.
    let f = findings("real/08_shanghai_putuo_guiziju_2024_bumen_juesuan.txt");
    assert!(has(&f, "N309", Severity::Error, "95.45%"), "{f:#?}");
    // 131's nineteen statements agree (e.g. 413.57 ÷ 536.20 = 77.13%, printed 77.1%).
    let f = findings("wide/131_central_guojia_xinfangju_2024_bumen_juesuan.txt");
    assert!(!f.iter().any(|x| x.0 == "N309"), "{f:#?}");
}

#[test]
fn dearer_equipment_is_part_of_cheaper() {
    // "单位价值 50 万元以上大型设备 0 台，单位价值 100 万元以上大型设备 2 台": 2 ≤ 0 cannot hold.
    let f = findings("003_03cb8317ef3ace4d.txt");
    assert!(has(&f, "N306", Severity::Error, "2 台"), "{f:#?}");
    // "…50万元以上设备 8 台，其中，…100 万元以上设备 15 台" and "新增配备…50万元以上设备 0 台，
    // 其中，…100 万元以上设备 3 台": 15 ≤ 8 and 3 ≤ 0 cannot hold.
    let f = findings("wide/118_changsha_gonganju_2025_bumen_yusuan.txt");
    assert!(has(&f, "N306", Severity::Error, "15 台"), "{f:#?}");
    assert!(has(&f, "N306", Severity::Error, "3 台"), "{f:#?}");
    // 117 gives 50 万 通用设备 75 台 and 100 万 专用设备 302 台: other kinds, not compared.
    let f = findings("wide/117_huzhou_weijianwei_2026_bumen_yusuan.txt");
    assert!(
        !f.iter().any(|x| x.0 == "N306" && x.1 == Severity::Error),
        "{f:#?}"
    );
}

#[test]
fn reference_001_performance_funding() {
    // 000: 0.00 + 504.72 + 731.92 = 1236.64 against a 收入总计 of 388.89.
    let f = findings("000_799292fe1e9c1d1b.txt");
    assert!(
        f.iter().any(|x| x.0 == "N307" && x.1 == Severity::Error),
        "{f:#?}"
    );
    // 001: 年度预算总额 160.41 against the project's 450.00 of general budget in 表7.
    let f = findings("001_6149e9281c444aee.txt");
    assert!(has(&f, "N307", Severity::Error, "160.41"), "{f:#?}");
}

#[test]
fn comparison_words_against_figures() {
    // "较上年增加 9.49 万元，减少的主要原因是…压缩经费": an increase stated, a decrease explained
    // (the 三公 table: 16.00 → 6.51 万元).
    let f = findings("wide/125_xian_xuanchuanbu_2021_bumen_yusuan.txt");
    assert!(
        f.iter().any(|x| x.0 == "N310" && x.1 == Severity::Error),
        "{f:#?}"
    );
    // "财政拨款收入…比2025年预算减少2,163.37万元 … 财政拨款收入支出增加的主要原因是…": the reason
    // names the subject whose decrease was stated in the sentences before (7,630.61 万元 this year).
    let f = findings("real/12_shanghai_putuo_shiquanlu_jiedao_2026_danwei_yusuan.txt");
    assert!(has(&f, "N310", Severity::Error, "增加的主要原因"), "{f:#?}");
    // "…减少2,389.52万元 … 财政拨款收入支出减少的主要原因是项目调整": agrees.
    let f = findings("real/01_shanghai_putuo_zfb_2025_bumen_yusuan.txt");
    assert!(!f.iter().any(|x| x.0 == "N310"), "{f:#?}");
    // Every "决算数大于/小于预算数" of the three 决算 documents agrees with its two figures
    // (e.g. 131: 2066.84 < 2325.72, "决算数小于预算数").
    for name in [
        "real/07_shanghai_putuo_caizhengju_2024_bumen_juesuan.txt",
        "real/08_shanghai_putuo_guiziju_2024_bumen_juesuan.txt",
        "wide/131_central_guojia_xinfangju_2024_bumen_juesuan.txt",
    ] {
        let f = findings(name);
        assert!(!f.iter().any(|x| x.0 == "N310"), "{name}: {f:#?}");
    }
}

#[test]
fn no_other_errors_in_the_corpus() {
    let expected_errors = [
        ("000_799292fe1e9c1d1b.txt", 1),
        ("001_6149e9281c444aee.txt", 3),
        ("003_03cb8317ef3ace4d.txt", 1),
        ("real/05_shanghai_putuo_wanli_jiedao_2024_yusuan.txt", 2),
        (
            "real/07_shanghai_putuo_caizhengju_2024_bumen_juesuan.txt",
            1,
        ),
        ("real/08_shanghai_putuo_guiziju_2024_bumen_juesuan.txt", 2),
        ("real/10_shanghai_putuo_sifaju_2026_bumen_yusuan.txt", 5),
        (
            "real/12_shanghai_putuo_shiquanlu_jiedao_2026_danwei_yusuan.txt",
            2,
        ),
        // Checked in tests/snapshots/WIDE_REVIEW.md.
        ("wide/117_huzhou_weijianwei_2026_bumen_yusuan.txt", 1),
        ("wide/118_changsha_gonganju_2025_bumen_yusuan.txt", 2),
        ("wide/121_fuzhou_jiaoguan_zhidui_2026_danwei_yusuan.txt", 2),
        ("wide/125_xian_xuanchuanbu_2021_bumen_yusuan.txt", 1),
        (
            "wide/128_changchun_xinfangju_benji_2026_bumen_yusuan.txt",
            1,
        ),
    ];
    for (name, _) in common::all_documents() {
        let errors = findings(&name)
            .into_iter()
            .filter(|f| f.1 == Severity::Error)
            .count();
        let want = expected_errors
            .iter()
            .find(|(n, _)| *n == name)
            .map_or(0, |(_, k)| *k);
        assert_eq!(errors, want, "N errors in {name}: {:#?}", findings(&name));
    }
}
