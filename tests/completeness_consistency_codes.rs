//! The C (completeness), S (consistency) and K (classification) rules on the real documents: the real
//! defects they find (each quoted from the document in a comment), no findings where the documents are
//! right, and faults injected into correct documents.

mod common;

use budget_lint::Severity;

/// (code, severity, text of the primary label) of the C/S/K findings.
fn findings(text: &str) -> Vec<(String, Severity, String)> {
    budget_lint::check(text)
        .diagnostics
        .iter()
        .filter(|d| matches!(d.code.chars().next(), Some('C' | 'S' | 'K')))
        .map(|d| {
            let primary = d
                .labels
                .iter()
                .find(|l| l.primary)
                .map_or(String::new(), |l| text[l.start..l.end].to_string());
            (d.code.to_string(), d.severity, primary)
        })
        .collect()
}

fn has(
    found: &[(String, Severity, String)],
    code: &str,
    severity: Severity,
    primary: &str,
) -> bool {
    found
        .iter()
        .any(|(c, s, p)| c == code && *s == severity && p == primary)
}

#[test]
fn the_reference_documents_are_clean_of_naming_and_completeness_errors() {
    // 000 is complete, consistently named and dated.
    let f = findings(&common::corpus("000_799292fe1e9c1d1b.txt"));
    assert!(f.is_empty(), "{f:#?}");
    for name in ["001_6149e9281c444aee.txt", "003_03cb8317ef3ace4d.txt"] {
        let f = findings(&common::corpus(name));
        assert!(
            f.iter().all(|(_, s, _)| *s != Severity::Error),
            "{name}: {f:#?}"
        );
    }
}

#[test]
fn real_defects_of_the_sifaju_2026_budget() {
    // These are the reviewer's findings in real/annotations/10_….review.tsv.
    let text = common::corpus("real/10_shanghai_putuo_sifaju_2026_bumen_yusuan.txt");
    let f = findings(&text);
    // "财政拨款收入9628.22万元，比2026年预算增加793.14万元" (and four more) in a 2026 budget.
    assert!(has(&f, "S502", Severity::Warning, "2026"), "{f:#?}");
    // "信息化建设及运行维护等方面的支出。。"
    assert!(has(&f, "S504", Severity::Warning, "。。"), "{f:#?}");
    // "开展“人民调解协议书检查”、优秀调解案例”活动。" — one right quote too many.
    assert!(has(&f, "S504", Severity::Warning, "”"), "{f:#?}");
    // "医疗卫生与计划生育支出（210类）" while the tables print 卫生健康支出.
    assert!(
        has(&f, "K601", Severity::Error, "医疗卫生与计划生育支出"),
        "{f:#?}"
    );
}

#[test]
fn real_defects_of_other_documents() {
    // 05: the “三公” table prints 47.91 … 443.18 above "本部门2024年无“三公”经费和机关运行经费预算，
    // 故本表为空表".
    let f = findings(&common::corpus(
        "real/05_shanghai_putuo_wanli_jiedao_2024_yusuan.txt",
    ));
    assert!(
        f.iter()
            .any(|(c, s, _)| c == "C402" && *s == Severity::Error),
        "{f:#?}"
    );
    // 31: the 国有资本经营预算 table says "本部门2025年无政府性基金预算……故本表为空表".
    let f = findings(&common::corpus(
        "real/31_shanghai_putuo_caizhengju_2025_bumen_yusuan.txt",
    ));
    assert!(
        f.iter()
            .any(|(c, s, _)| c == "C402" && *s == Severity::Warning),
        "{f:#?}"
    );
    // Template wording left in: 08 "比 2023 年度减少 0.15 万元，下降（增长）27.78%" (both words of the
    // template's choice), wide/127 "比上年预算（注：上年3,468.18万元，公开时请删除注释）".
    let f = findings(&common::corpus(
        "real/08_shanghai_putuo_guiziju_2024_bumen_juesuan.txt",
    ));
    assert!(has(&f, "S504", Severity::Warning, "下降（增长）"), "{f:#?}");
    let f = findings(&common::corpus(
        "wide/127_yantai_zhujianju_2026_bumen_yusuan.txt",
    ));
    assert!(has(&f, "S504", Severity::Warning, "公开时请删除"), "{f:#?}");
    // 001: its 部门整体绩效目标表 names "昌吉回族自治州政务服务和公共资源交易管理局" as 部门名称, while the
    // document (title, every 编制部门 line, the 预算单位 of its project table) is "…交易中心".
    let f = findings(&common::corpus("001_6149e9281c444aee.txt"));
    assert!(
        has(
            &f,
            "S501",
            Severity::Warning,
            "昌吉回族自治州政务服务和公共资源交易管理局"
        ),
        "{f:#?}"
    );
    // 08: a page header "上海市规划和自然资源局 2024 年度部门决算表" and "上海市普陀区规划与自然资源局".
    let f = findings(&common::corpus(
        "real/08_shanghai_putuo_guiziju_2024_bumen_juesuan.txt",
    ));
    assert!(
        has(&f, "S501", Severity::Warning, "上海市规划和自然资源局"),
        "{f:#?}"
    );
    assert!(
        has(
            &f,
            "S501",
            Severity::Warning,
            "上海市普陀区规划与自然资源局"
        ),
        "{f:#?}"
    );
    // 12: "比2024年预算执行数增加79.53%", "2025年预算安排8.61万元", "2024年度预算1,676.41万元" in 2026.
    let f = findings(&common::corpus(
        "real/12_shanghai_putuo_shiquanlu_jiedao_2026_danwei_yusuan.txt",
    ));
    assert_eq!(
        f.iter()
            .filter(|(c, _, p)| c == "S502" && p.starts_with("202"))
            .count(),
        3,
        "{f:#?}"
    );
    // 003: "234 抗疫特别国债安排的支出" in table 1, "234 抗疫特别国债还本支出" in table 4 (2024).
    let f = findings(&common::corpus("003_03cb8317ef3ace4d.txt"));
    assert!(
        has(&f, "K601", Severity::Warning, "抗疫特别国债安排的支出"),
        "{f:#?}"
    );
}

#[test]
fn injected_faults_are_found() {
    // Table 11 and its narrative statement removed from 000.
    let t = common::corpus("000_799292fe1e9c1d1b.txt");
    let (i, j) = (t.find(" 表 11").unwrap(), t.find(" 第三部分").unwrap());
    let cut = format!("{}{}", &t[..i], &t[j..]).replace("上年结转结余情况明细表为空表", "");
    assert!(findings(&cut).iter().any(|(c, _, _)| c == "C401"));
    // A stale class name in a 2025 table.
    let t = common::corpus("001_6149e9281c444aee.txt").replacen(
        "卫生健康支出",
        "医疗卫生与计划生育支出",
        1,
    );
    assert!(has(
        &findings(&t),
        "K601",
        Severity::Error,
        "医疗卫生与计划生育支出"
    ));
    // Another region's body in one 编制单位 line.
    let t = common::corpus("003_03cb8317ef3ace4d.txt").replacen(
        "编制单位：克孜勒苏柯尔克孜自治州政务服务和公共资源交易中心 单位",
        "编制单位：阿克苏地区政务服务和公共资源交易中心 单位",
        1,
    );
    assert!(has(
        &findings(&t),
        "S501",
        Severity::Warning,
        "阿克苏地区政务服务和公共资源交易中心"
    ));
    // The comparison base of a 2025 budget moved to 2025.
    let t = common::corpus("real/01_shanghai_putuo_zfb_2025_bumen_yusuan.txt").replacen(
        "比2024年预算减少",
        "比2025年预算减少",
        1,
    );
    assert!(has(&findings(&t), "S502", Severity::Warning, "2025"));
    // A unit's table titled as a department's.
    let t = common::corpus("real/12_shanghai_putuo_shiquanlu_jiedao_2026_danwei_yusuan.txt")
        .replacen("2026年预算单位收入预算总表", "2026年部门收入预算总表", 2);
    assert!(has(&findings(&t), "S503", Severity::Warning, "部门"));
}

#[test]
fn a_drafting_note_holding_two_phrases_is_one_place() {
    // wide/127's note with "此段" after it: both 公开时请删除 and 请删除此 are in it, one note.
    let text = "烟台市住房和城乡建设局2026年部门预算\n\n委托业务费财政拨款预算为2,196.52万元，比上年预算（注：上年3,468.18万元，公开时请删除此段）减少1271.66万元。\n";
    let report = budget_lint::check(text);
    let s504: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "S504")
        .collect();
    assert_eq!(s504.len(), 1, "{s504:#?}");
    assert_eq!(s504[0].labels.len(), 1, "{:#?}", s504[0].labels);
    assert!(has(
        &findings(text),
        "S504",
        Severity::Warning,
        "公开时请删除"
    ));
}
