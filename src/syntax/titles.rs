//! Recognising table titles and their regional synonyms.
//!
//! A title names one of the standard tables ([`TableKind`]). Xinjiang numbers them `表 1` … `表 11`
//! (`单位收支总体情况表`), Shanghai prints `2025年部门财务收支预算总表`, final accounts say
//! `收入支出决算总表`. Matching works on the title with its decorations removed (numbering, year,
//! 部门/单位 prefixes, quotes and spaces), against a list of key phrases per kind, most specific first.

use crate::model::TableKind;

/// Key phrases per kind. Order matters: the first match wins, so more specific phrases come first.
const PATTERNS: &[(&[&str], TableKind)] = &[
    (
        &["整体绩效目标表", "整体支出绩效目标表"],
        TableKind::PerformanceOverall,
    ),
    (
        &["项目支出绩效目标表", "项目绩效目标表"],
        TableKind::PerformanceProject,
    ),
    (&["三公经费"], TableKind::ThreePublic),
    (
        &["上年结转结余情况明细表", "结转结余情况表"],
        TableKind::CarryOver,
    ),
    (
        &[
            "财政拨款收支预算总体情况表",
            "财政拨款收支预算总表",
            "财政拨款收支总体情况表",
            "财政拨款收入支出决算总表",
            "财政拨款收支决算总表",
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
            "一般公共预算支出情况表",
            "一般公共预算支出功能分类预算表",
            "一般公共预算财政拨款支出决算表",
            "一般公共预算支出表",
            "一般公共预算财政拨款支出情况表",
        ],
        TableKind::GeneralBudget,
    ),
    (&["政府性基金预算"], TableKind::GovernmentFund),
    (&["国有资本经营预算"], TableKind::StateCapital),
    (
        &[
            "收支总体情况表",
            "财务收支预算总表",
            "收支预算总表",
            "收入支出决算总表",
            "收支决算总表",
        ],
        TableKind::IncomeExpenditure,
    ),
    (
        &["收入总体情况表", "收入预算总表", "收入决算表", "收入预算表"],
        TableKind::Income,
    ),
    (
        &["支出总体情况表", "支出预算总表", "支出决算表", "支出预算表"],
        TableKind::Expenditure,
    ),
];

/// Removes what varies around a title: whitespace, quotes, numbering, year, 部门/单位 prefixes.
pub fn normalize_title(line: &str) -> String {
    let mut s: String = line
        .chars()
        .filter(|c| {
            !c.is_whitespace() && !matches!(c, '“' | '”' | '"' | '\'' | '‘' | '’' | '\u{feff}')
        })
        .collect();
    // Leading numbering: "表1", "1.", "一、", "（一）", "4．" …
    loop {
        let before = s.len();
        for p in ["附表", "表"] {
            if let Some(rest) = s.strip_prefix(p) {
                if rest.starts_with(|c: char| c.is_ascii_digit()) {
                    s = rest.to_string();
                }
            }
        }
        let digits = s.chars().take_while(char::is_ascii_digit).count();
        let numerals = s
            .chars()
            .take_while(|c| "一二三四五六七八九十".contains(*c))
            .count();
        let next = |n: usize| s.chars().nth(n);
        if digits > 0 && matches!(next(digits), Some('.' | '．' | '、' | ':' | '：' | '-')) {
            s = s.chars().skip(digits + 1).collect();
        } else if digits > 0 && digits != 4 {
            s = s.chars().skip(digits).collect();
        } else if numerals > 0 && matches!(next(numerals), Some('、' | '.' | '．')) {
            s = s.chars().skip(numerals + 1).collect();
        } else if s.starts_with(['（', '('])
            && s.chars()
                .nth(1)
                .is_some_and(|c| "一二三四五六七八九十".contains(c))
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

/// The table kind a line names, if the line is (only) a table title.
pub fn title_kind(line: &str) -> Option<TableKind> {
    let t = line.trim();
    if t.is_empty() || t.chars().count() > 60 || t.contains('…') || t.contains("......") {
        return None;
    }
    let n = normalize_title(t);
    // A title ends with 表 (allowing a trailing "（续）" or a year in brackets after it).
    let core = n.trim_end_matches(|c: char| {
        matches!(c, '（' | '）' | '(' | ')' | '续') || c.is_ascii_digit() || c == '年'
    });
    if !core.ends_with('表') {
        return None;
    }
    // Sentences that merely mention a table ("…支出情况表为空表", "详见…表") are not titles.
    if ["为空表", "详见", "见下表", "见附表", "具体情况见", "如下表"]
        .iter()
        .any(|w| core.contains(w))
    {
        return None;
    }
    PATTERNS
        .iter()
        .find(|(phrases, _)| phrases.iter().any(|p| core.contains(p)))
        .map(|&(_, kind)| kind)
}

/// The number of a `表 N` line (the line before a Xinjiang title), or of a `表N 标题` prefix.
pub fn table_number(line: &str) -> Option<u32> {
    let t: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    let rest = t.strip_prefix("附表").or_else(|| t.strip_prefix('表'))?;
    let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.is_empty() || digits.len() > 3 {
        return None;
    }
    digits.parse().ok()
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
