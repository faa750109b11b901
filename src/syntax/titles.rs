//! Recognising table titles and their regional synonyms.
//!
//! A title names one of the standard tables ([`TableKind`]). Xinjiang numbers them `表 1` … `表 11`
//! (`单位收支总体情况表`), Shanghai prints `2025年部门财务收支预算总表`, final accounts say
//! `收入支出决算总表`, Beijing `预算01表 收支总表`, Jiangsu `公开 01 表` on the line before `收支总表`,
//! Changchun `收支总表（预算表 1）`, Chongqing `表一`. Matching works on the title with its decorations
//! removed (numbering labels, year, 部门/单位 prefixes, quotes and spaces), against a list of key
//! phrases per kind, most specific first; a trailing parenthetical (`（按经济分类）`, `（功能科目）`)
//! takes part in the match, so it can tell two tables apart, but the title must end with 表 before it.
//! Tables outside the common templates (政府采购, 政府购买服务, 机关运行经费, 基本支出 and 项目支出
//! lists …) are recognised with kinds of their own that no layout reads.
//!
//! Table labels (`表1`, `表一`, `表01`, `公开01表`, `预算表12`, `单位预算01表`, `（预算表 1）`) give the
//! table's number: [`label_number`] for a label on its own line, [`table_number`] for one in the title.

use crate::model::TableKind;

/// Key phrases per kind. Order matters: the first match wins, so more specific phrases come first.
/// Phrases are matched against the normalised title with ASCII brackets made full-width, so a
/// parenthetical such as `（按经济分类）` or `（功能科目）` can tell two tables apart.
const PATTERNS: &[(&[&str], TableKind)] = &[
    (
        &["整体绩效目标表", "整体支出绩效目标表"],
        TableKind::PerformanceOverall,
    ),
    (
        &[
            "项目支出绩效目标表",
            "项目绩效目标表",
            "项目支出绩效表",
            "专项业务经费绩效目标表",
            "专项资金绩效目标表",
            "专项资金总体绩效目标表",
            "项目预算绩效目标表",
            "转移支付绩效目标表",
        ],
        TableKind::PerformanceProject,
    ),
    (&["三公经费"], TableKind::ThreePublic),
    (
        &["上年结转结余情况明细表", "结转结余情况表", "结转资金支出表"],
        TableKind::CarryOver,
    ),
    // 政府采购（资产配置、购买服务）预算表 is a procurement table, so before 政府购买服务.
    (&["政府采购"], TableKind::Procurement),
    (&["政府购买服务"], TableKind::PurchaseOfServices),
    (&["机关运行经费"], TableKind::OperatingCosts),
    (&["政府性基金"], TableKind::GovernmentFund),
    (&["国有资本经营"], TableKind::StateCapital),
    (
        &[
            "财政拨款收支预算总体情况表",
            "财政拨款收支预算总表",
            "财政拨款收支总体情况表",
            "财政拨款收入支出决算总表",
            "财政拨款收支决算总表",
            "财政拨款收支总表",
        ],
        TableKind::FiscalIncomeExpenditure,
    ),
    (
        &["一般公共预算基本支出", "一般公共预算财政拨款基本支出"],
        TableKind::GeneralBudgetBasic,
    ),
    (
        &["一般公共预算项目支出", "一般公共预算财政拨款项目支出"],
        TableKind::GeneralBudgetProjects,
    ),
    (
        &[
            "一般公共预算支出经济分类",
            "一般公共预算支出表（按经济分类",
            "一般公共预算支出明细表（按支出经济分类",
            "一般公共预算支出情况表（按经济分类",
        ],
        TableKind::GeneralBudgetEconomic,
    ),
    (
        &[
            "一般公共预算支出情况表",
            "一般公共预算支出功能分类预算表",
            "一般公共预算财政拨款支出决算表",
            "一般公共预算支出表",
            "一般公共预算财政拨款支出情况表",
            "一般公共预算支出预算表",
            "一般公共预算拨款支出预算表",
            "一般公共预算支出明细表",
        ],
        TableKind::GeneralBudget,
    ),
    (
        &["财政拨款支出表", "财政拨款支出预算表"],
        TableKind::FiscalExpenditure,
    ),
    (
        &[
            "基本支出总表",
            "基本支出预算表",
            "基本支出表",
            "基本支出预算情况表",
            "基本支出情况表",
        ],
        TableKind::BasicExpenditure,
    ),
    (
        &[
            "项目支出总表",
            "项目支出预算表",
            "项目支出及其他支出预算表",
            "项目支出预算情况表",
            "项目支出表",
            "专项业务经费支出表",
        ],
        TableKind::Projects,
    ),
    (
        &[
            "收支总体情况表",
            "财务收支预算总表",
            "收支预算总表",
            "收入支出决算总表",
            "收支决算总表",
            "收支总表",
        ],
        TableKind::IncomeExpenditure,
    ),
    (
        &[
            "收入总体情况表",
            "收入预算总表",
            "收入决算表",
            "收入预算表",
            "收入总表",
        ],
        TableKind::Income,
    ),
    (
        &[
            "支出总体情况表",
            "支出预算总表",
            "支出决算表",
            "支出预算表",
            "支出总表",
        ],
        TableKind::Expenditure,
    ),
];

const NUMERALS: &str = "一二三四五六七八九十";

/// The value of a Chinese numeral from 一 to 九十九 (`十二`, `二十`), if `s` is one.
fn chinese_number(s: &str) -> Option<u32> {
    let digit = |c: char| NUMERALS.chars().position(|d| d == c).map(|i| i as u32 + 1);
    let cs: Vec<char> = s.chars().collect();
    match cs.as_slice() {
        [a] => digit(*a),
        ['十', b] => Some(10 + digit(*b).filter(|&d| d < 10)?),
        [a, '十'] => Some(digit(*a).filter(|&d| d < 10)? * 10),
        [a, '十', b] => Some(digit(*a).filter(|&d| d < 10)? * 10 + digit(*b).filter(|&d| d < 10)?),
        _ => None,
    }
}

/// A table label at the start of `s` (whitespace already removed): `表1`, `表一`, `表01`, `附表2`,
/// `公开01表`, `预算01表`, `预算表12`, `单位预算01表`, optionally in brackets (`（预算表1）`).
/// Returns the number and the byte length of the label.
fn label_at(s: &str) -> Option<(u32, usize)> {
    let open = s.starts_with(['（', '(']);
    let mut rest = if open {
        &s[s.chars().next()?.len_utf8()..]
    } else {
        s
    };
    for p in ["单位预算", "部门预算", "预算", "公开", "附"] {
        if let Some(r) = rest.strip_prefix(p) {
            rest = r;
            break;
        }
    }
    let number = |r: &str| -> Option<(u32, usize)> {
        let digits = r.chars().take_while(char::is_ascii_digit).count();
        if (1..=3).contains(&digits) {
            return Some((r[..digits].parse().ok()?, digits));
        }
        let n: String = r.chars().take_while(|c| NUMERALS.contains(*c)).collect();
        Some((chinese_number(&n)?, n.len()))
    };
    let (value, r) = if let Some(r) = rest.strip_prefix('表') {
        let (v, len) = number(r)?;
        (v, &r[len..])
    } else {
        let (v, len) = number(rest)?;
        (v, rest[len..].strip_prefix('表')?)
    };
    let r = if open {
        r.strip_prefix(['）', ')'])?
    } else {
        r
    };
    (value > 0).then_some((value, s.len() - r.len()))
}

/// Removes what varies around a title: whitespace, quotes, numbering, year, 部门/单位 prefixes.
pub fn normalize_title(line: &str) -> String {
    let mut s: String = line
        .chars()
        .filter(|c| {
            !c.is_whitespace() && !matches!(c, '“' | '”' | '"' | '\'' | '‘' | '’' | '\u{feff}')
        })
        .collect();
    // Leading numbering: "表1", "1.", "一、", "（一）", "4．", "预算01表", "公开01表" …
    loop {
        let before = s.len();
        if let Some((_, len)) = label_at(&s) {
            s = s[len..]
                .trim_start_matches([':', '：', '.', '．', '、'])
                .to_string();
        }
        let digits = s.chars().take_while(char::is_ascii_digit).count();
        let numerals = s.chars().take_while(|c| NUMERALS.contains(*c)).count();
        let next = |n: usize| s.chars().nth(n);
        if digits > 0 && matches!(next(digits), Some('.' | '．' | '、' | ':' | '：' | '-')) {
            s = s.chars().skip(digits + 1).collect();
        } else if digits > 0 && digits != 4 {
            s = s.chars().skip(digits).collect();
        } else if numerals > 0 && matches!(next(numerals), Some('、' | '.' | '．')) {
            s = s.chars().skip(numerals + 1).collect();
        } else if s.starts_with(['（', '('])
            && s.chars().nth(1).is_some_and(|c| NUMERALS.contains(c))
        {
            s = s
                .chars()
                .skip_while(|c| !matches!(c, '）' | ')'))
                .skip(1)
                .collect();
        }
        if s.len() == before {
            break;
        }
    }
    s
}

/// `s` without its trailing bracketed groups (`（按经济分类科目）`, `(预算表 1)`, `（续）`,
/// `(不含上年结转)`) and trailing years, so that a title can be seen to end with 表.
fn strip_trailing_groups(s: &str) -> &str {
    let mut s = s;
    loop {
        let before = s.len();
        s = s.trim_end_matches(|c: char| c.is_ascii_digit() || c == '年' || c == '度');
        if let Some(inner) = s.strip_suffix(['）', ')']) {
            if let Some(open) = inner.rfind(['（', '(']) {
                if inner[open..].chars().count() <= 24 {
                    s = &inner[..open];
                }
            }
        }
        if s.len() == before {
            return s;
        }
    }
}

/// The table kind a line names, if the line is (only) a table title.
pub fn title_kind(line: &str) -> Option<TableKind> {
    let t = line.trim();
    // A title ends with 表: a line without one is passed over before it is normalised.
    if !t.contains('表') || t.chars().count() > 70 || t.contains('…') || t.contains("......") {
        return None;
    }
    let n = normalize_title(t);
    // A title ends with 表 (allowing trailing brackets — "（续）", "（预算表 1）", a year — after it).
    let core = strip_trailing_groups(&n);
    if !core.ends_with('表') {
        return None;
    }
    // Sentences that merely mention a table ("…支出情况表为空表", "详见…表") are not titles.
    if [
        "为空表",
        "详见",
        "见下表",
        "见附表",
        "具体情况见",
        "如下表",
        "。",
        "，",
        "；",
    ]
    .iter()
    .any(|w| core.contains(w))
    {
        return None;
    }
    let key = super::lex::full_width_brackets(&n);
    PATTERNS
        .iter()
        .find(|(phrases, _)| phrases.iter().any(|p| key.contains(p)))
        .map(|&(_, kind)| kind)
}

/// The number of a line that is only a table label (`表 5`, `表一`, `公开 01 表`, `预算01表`,
/// `单位预算01表`): such a line is printed just before (or, in the central 决算 template, just
/// after) its table's title.
pub fn label_number(line: &str) -> Option<u32> {
    let t: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    let (n, len) = label_at(&t)?;
    t[len..]
        .trim_matches([':', '：', '.', '．'])
        .is_empty()
        .then_some(n)
}

/// The number a title line carries itself: a label before it (`表1：2026年…`, `预算 01表 收支总表`)
/// or in brackets after it (`收支总表（预算表 1）`, `…表(预算表 10)`).
pub fn table_number(line: &str) -> Option<u32> {
    let t: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    if let Some((n, _)) = label_at(&t) {
        return Some(n);
    }
    let inner = t.strip_suffix(['）', ')'])?;
    let open = inner.rfind(['（', '('])?;
    let (n, len) = label_at(&t[open..])?;
    (open + len == t.len()).then_some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_synonyms() {
        assert_eq!(
            title_kind("单位收支总体情况表"),
            Some(TableKind::IncomeExpenditure)
        );
        assert_eq!(
            title_kind("\u{c}2025年部门财务收支预算总表"),
            Some(TableKind::IncomeExpenditure)
        );
        assert_eq!(
            title_kind("收入支出决算总表"),
            Some(TableKind::IncomeExpenditure)
        );
        assert_eq!(
            title_kind("2025年部门收入预算总表"),
            Some(TableKind::Income)
        );
        assert_eq!(
            title_kind("财政拨款收支预算总体情况表"),
            Some(TableKind::FiscalIncomeExpenditure)
        );
        assert_eq!(
            title_kind("财政拨款收入支出决算总表"),
            Some(TableKind::FiscalIncomeExpenditure)
        );
        assert_eq!(
            title_kind("2026年预算单位一般公共预算基本支出部门预算经济分类预算表"),
            Some(TableKind::GeneralBudgetBasic)
        );
        assert_eq!(
            title_kind("一般公共预算财政拨款支出决算表"),
            Some(TableKind::GeneralBudget)
        );
        assert_eq!(
            title_kind("财政拨款“三公”经费支出情况表"),
            Some(TableKind::ThreePublic)
        );
        assert_eq!(
            title_kind("政府性基金预算财政拨款收入支出决算表"),
            Some(TableKind::GovernmentFund)
        );
        assert_eq!(
            title_kind("上年结转结余情况明细表"),
            Some(TableKind::CarryOver)
        );
        assert_eq!(
            title_kind(" 项目支出绩效目标表"),
            Some(TableKind::PerformanceProject)
        );
    }

    #[test]
    fn sentences_and_toc_lines_are_not_titles() {
        assert_eq!(title_kind("政府性基金预算支出情况表为空表。"), None);
        assert_eq!(title_kind("1. 2025年部门财务收支预算总表 ………………"), None);
        assert_eq!(title_kind("详见单位的项目绩效目标表"), None);
        assert_eq!(title_kind("收入预算包括：一般公共预算、单位资金。"), None);
    }

    #[test]
    fn table_numbers() {
        assert_eq!(table_number(" 表 10"), Some(10));
        assert_eq!(table_number("表1"), Some(1));
        assert_eq!(table_number("表格"), None);
    }

    /// Titles quoted from the wide corpus (`/work/shared/corpus/wide`), by document.
    #[test]
    fn wide_corpus_titles() {
        use TableKind as K;
        let cases: &[(&str, K)] = &[
            // 100 Beijing: 预算01表–预算13表, label and title on one line.
            ("预算 01表 收支总表", K::IncomeExpenditure),
            ("预算02表 收入总表", K::Income),
            ("预算03表 支出总表", K::Expenditure),
            ("预算04表 财政拨款收支总表", K::FiscalIncomeExpenditure),
            ("预算 09表 财政拨款“三公 ”经费支出表", K::ThreePublic),
            ("预算10表 政府采购预算明细表", K::Procurement),
            (
                "预算 11表 财政拨款政府购买服务明细表",
                K::PurchaseOfServices,
            ),
            ("预算表12 项目支出绩效目标表", K::PerformanceProject),
            ("预算 13表 部门整体支出绩效目标表", K::PerformanceOverall),
            // 101 Beijing
            (
                "预算14表医药卫生体制改革专项转移支付绩效目标表",
                K::PerformanceProject,
            ),
            // 102 Shanghai
            ("2026年预算单位财政拨款支出预算表", K::FiscalExpenditure),
            ("2026年预算单位财政拨款项目支出预算表", K::Projects),
            // 105 Shenzhen
            ("基本支出总表", K::BasicExpenditure),
            ("项目支出总表", K::Projects),
            ("一般公共预算支出表（按功能分类）", K::GeneralBudget),
            ("一般公共预算支出表（按经济分类）", K::GeneralBudgetEconomic),
            // 106 Guangzhou
            ("一般公共预算支出情况表（按功能分类科目）", K::GeneralBudget),
            (
                "一般公共预算基本支出情况表（按经济分类科目）",
                K::GeneralBudgetBasic,
            ),
            (
                "一般公共预算项目支出情况表（按经济分类科目）",
                K::GeneralBudgetProjects,
            ),
            ("财政拨款安排的行政经费及“三公”经费预算表", K::ThreePublic),
            ("部门预算基本支出预算表", K::BasicExpenditure),
            ("部门预算项目支出及其他支出预算表", K::Projects),
            // 109 Chongqing
            ("2026 年政府采购预算明细表", K::Procurement),
            (
                "2026 年市级重点专项资金绩效目标表（一级项目）",
                K::PerformanceProject,
            ),
            // 114 Wuxi (Jiangsu 公开01–13表)
            ("财政拨款支出表（功能科目）", K::FiscalExpenditure),
            ("财政拨款基本支出表（经济科目）", K::BasicExpenditure),
            ("一般公共预算支出表", K::GeneralBudget),
            (
                "一般公共预算“三公”经费、会议费、培训费支出表",
                K::ThreePublic,
            ),
            ("国有资本经营预算支出预算表", K::StateCapital),
            ("一般公共预算机关运行经费支出预算表", K::OperatingCosts),
            ("政府采购支出表", K::Procurement),
            // 115 Hangzhou
            ("表1：2026年市级部门收支预算总表", K::IncomeExpenditure),
            (
                "表5：2026年市级部门一般公共预算支出预算表",
                K::GeneralBudget,
            ),
            ("表10：2026年市级部门项目支出预算表", K::Projects),
            ("表11：2026年市级部门项目支出绩效表", K::PerformanceProject),
            // 120 Fuzhou
            ("2026 年度一般公共预算拨款支出预算表", K::GeneralBudget),
            (
                "2026 年度一般公共预算支出经济分类情况表",
                K::GeneralBudgetEconomic,
            ),
            (
                "2026 年度一般公共预算基本支出经济分类情况表",
                K::GeneralBudgetBasic,
            ),
            // 123, 125 Xi'an
            ("部门综合预算收支总表", K::IncomeExpenditure),
            ("部门综合预算专项业务经费支出表", K::Projects),
            ("部门综合预算财政拨款上年结转资金支出表", K::CarryOver),
            // 124 Xi'an 2020
            ("2020年部门综合预算财政拨款结转资金支出表", K::CarryOver),
            (
                "部门综合预算政府采购（资产配置、购买服务）预算表",
                K::Procurement,
            ),
            (
                "部门综合预算一般公共预算拨款“三公”经费及会议费、培训费支出预算表",
                K::ThreePublic,
            ),
            (
                "2021年部门综合预算政府性基金收支表（不含上年结转）",
                K::GovernmentFund,
            ),
            ("部门专项业务经费绩效目标表", K::PerformanceProject),
            // 126 Yantai
            ("基本支出预算情况表", K::BasicExpenditure),
            ("项目支出预算情况表", K::Projects),
            ("政府采购预算表", K::Procurement),
            ("政策和项目预算绩效目标表", K::PerformanceProject),
            // 128 Changchun: the label after the title.
            ("收支总表（预算表 1）", K::IncomeExpenditure),
            ("本年一般公共预算支出表（预算表 5）", K::GeneralBudget),
            ("项目支出表(预算表 9)", K::Projects),
            ("国有资本经营预算支出明细表(预算表 10)", K::StateCapital),
            // 129 Jiangsu provincial 2017
            ("财政拨款政府性基金支出预算表", K::GovernmentFund),
            ("2017 年政府采购预算表", K::Procurement),
            // 131 central 决算
            ("一般公共预算财政拨款基本支出决算表", K::GeneralBudgetBasic),
            ("国有资本经营预算财政拨款支出决算表", K::StateCapital),
        ];
        for (line, kind) in cases {
            assert_eq!(title_kind(line), Some(*kind), "{line}");
        }
    }

    #[test]
    fn wide_corpus_non_titles() {
        // 118 Changsha, 100 Beijing, 122 Quanzhou, 115 Hangzhou: sentences and headings.
        assert_eq!(
            title_kind("本部门无当年政府性基金预算收支，并已公开空表。"),
            None
        );
        assert_eq!(title_kind("绩效目标详见报表。"), None);
        assert_eq!(title_kind("（二）绩效目标表及说明"), None);
        assert_eq!(title_kind("四、2026 年杭州市公安局预算公开表"), None);
        assert_eq!(title_kind("2026 年度部门预算报表"), None);
        assert_eq!(title_kind("注：本表本年无发生额。"), None);
    }

    #[test]
    fn labels_and_numbers_of_the_wide_corpus() {
        // Labels on their own line: 114 "公开 01 表", 126 "公开表1", 100 "预算01表", 102 "单位预算01表",
        // 109 "表九", 105 "表 10".
        assert_eq!(label_number("公开 01 表"), Some(1));
        assert_eq!(label_number("公开表1"), Some(1));
        assert_eq!(label_number("预算01表"), Some(1));
        assert_eq!(label_number("单位预算11表"), Some(11));
        assert_eq!(label_number("表九"), Some(9));
        assert_eq!(label_number("表十二"), Some(12));
        assert_eq!(label_number("表 10"), Some(10));
        // Not labels: a title, a contents entry, a year, a page number.
        assert_eq!(label_number("预算 01表 收支总表"), None);
        assert_eq!(label_number("一、收支总表"), None);
        assert_eq!(label_number("2026 年"), None);
        assert_eq!(label_number("- 10 -"), None);
        // The number a title carries: before it (100, 115) or after it (128).
        assert_eq!(table_number("预算 01表 收支总表"), Some(1));
        assert_eq!(table_number("预算表12 项目支出绩效目标表"), Some(12));
        assert_eq!(table_number("表10：2026年市级部门项目支出预算表"), Some(10));
        assert_eq!(table_number("收支总表（预算表 1）"), Some(1));
        assert_eq!(
            table_number("国有资本经营预算支出明细表(预算表 10)"),
            Some(10)
        );
        assert_eq!(table_number("2026年部门收支总体情况表"), None);
        assert_eq!(
            table_number("一般公共预算支出情况表（按功能分类科目）"),
            None
        );
        // Numbering stripped from titles.
        assert_eq!(normalize_title("预算 01表 收支总表"), "收支总表");
        assert_eq!(
            normalize_title("表1：2026年市级部门收支预算总表"),
            "2026年市级部门收支预算总表"
        );
    }
}
