//! Recognising table titles and their regional synonyms.
//!
//! A title names one of the standard tables ([`TableKind`]). Xinjiang numbers them `表 1` … `表 11`
//! (`单位收支总体情况表`), Shanghai prints `2025年部门财务收支预算总表`, final accounts say
//! `收入支出决算总表`. Matching works on the title with its decorations removed (numbering, year,
//! 部门/单位 prefixes, quotes and spaces), against a list of key phrases per kind, most specific first.

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
        &[
            "上年结转结余情况明细表",
            "结转结余情况表",
            "上年结转资金支出表",
        ],
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
    if t.is_empty() || t.chars().count() > 70 || t.contains('…') || t.contains("......") {
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
    let key: String = n
        .chars()
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            c => c,
        })
        .collect();
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
}
