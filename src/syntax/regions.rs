//! Finding where each table starts and ends.
//!
//! A table starts at a title line ([`titles::title_kind`]) that is followed, within a few lines, by
//! what only a real table has nearby (a `单位：` line, a `编制单位` line, a `※` row, a 绩效 form's
//! first fields). That keeps table-of-contents entries out. It ends at the next title, a part heading
//! (`第三部分 …`) or a narrative heading.

use super::lex::{squeeze, Line};
use super::titles::{label_number, table_number, title_kind};
use crate::model::TableKind;

#[derive(Clone, Debug)]
pub struct Region {
    pub kind: TableKind,
    pub number: Option<u32>,
    /// Line index of the title.
    pub title: usize,
    /// Line index one past the table's last line.
    pub end: usize,
}

const LOOKAHEAD: usize = 10;

/// A part heading: `第二部分 …`.
pub fn is_part_heading(s: &str) -> bool {
    let t = squeeze(s);
    let Some(rest) = t.strip_prefix('第') else {
        return false;
    };
    let n = rest
        .chars()
        .take_while(|c| "一二三四五六七八九十".contains(*c))
        .count();
    n > 0 && rest.chars().nth(n) == Some('部') && rest.chars().nth(n + 1) == Some('分')
}

/// A heading of the narrative that ends a table region.
fn is_narrative_heading(s: &str) -> bool {
    let t = squeeze(s);
    if t.chars().count() > 40 {
        return false;
    }
    [
        "情况说明",
        "名词解释",
        "编制说明",
        "需说明的事项",
        "主要职能",
        "机构设置",
    ]
    .iter()
    .any(|w| t.contains(w))
        && !t.ends_with('表')
}

/// Evidence near a title that a real table follows.
fn looks_like_table_start(s: &str, kind: TableKind) -> bool {
    let t = squeeze(s);
    if t.starts_with('※') {
        return true;
    }
    if unit_of_line(&t).is_some() {
        return true;
    }
    // The body the table belongs to, before or instead of the money unit: "编制单位：…",
    // "单位：无锡市交通运输局（本级）" (Wuxi, the unit on a later line), "单位名称：广州市统计局"
    // (Guangzhou, Chongqing), "部门（单位）：烟台市民政局" (Yantai), "部门：" (Jiangsu 2017).
    if [
        "编制单位",
        "编制部门",
        "单位：",
        "单位:",
        "单位名称：",
        "单位名称:",
        "部门（单位）",
        "部门(单位)",
        "部门名称：",
        "部门：",
        "预算单位：",
        "金额单位",
    ]
    .iter()
    .any(|w| t.starts_with(w))
    {
        return true;
    }
    // Column headers right after the title (a contents list never has them).
    if [
        "科目编码",
        "功能科目编码",
        "科目名称",
        "功能分类科目",
        "经济分类科目",
        "部门预算支出经济分类科目",
        "部门预算支出经济科目",
        "采购类别",
        "采购品目",
    ]
    .iter()
    .any(|w| t.starts_with(w))
        || [
            "项目",
            "预算数",
            "本年预算数",
            "合计",
            "收入",
            "支出",
            "金额",
        ]
        .contains(&t.as_str())
    {
        return true;
    }
    // A 绩效 form's first fields (Beijing 预算14表: "转移支付名称"; Quanzhou: "专项资金情况（万元）").
    is_perf(kind)
        && [
            "单位名称",
            "预算单位",
            "项目名称",
            "部门名称",
            "主管部门",
            "转移支付名称",
            "专项资金情",
            "资金总额",
        ]
        .iter()
        .any(|w| t.starts_with(w))
}

/// The money unit a line states (`单位：万元`, `金额单位：元`), if any.
pub fn unit_of_line(squeezed: &str) -> Option<(crate::model::MoneyUnit, usize)> {
    let mut from = 0;
    while let Some(i) = squeezed[from..].find("单位") {
        let at = from + i + "单位".len();
        let rest = &squeezed[at..];
        let rest = rest
            .strip_prefix('：')
            .or_else(|| rest.strip_prefix(':'))
            .unwrap_or("");
        if rest.starts_with("万元") {
            return Some((crate::model::MoneyUnit::WanYuan, at));
        }
        if rest.starts_with('元') {
            return Some((crate::model::MoneyUnit::Yuan, at));
        }
        from = at;
    }
    None
}

/// A title at line `i`: the line itself, or the line joined with the next when the title is
/// wrapped ("…一般公共预算支出明细表（按支出功能分类科" + "目-不含上年结转）"). Returns the kind and the
/// index of the title's last line.
fn title_at(texts: &[&str], i: usize) -> Option<(TableKind, usize)> {
    if let Some(kind) = title_kind(texts[i]) {
        return Some((kind, i));
    }
    let first = texts[i].trim();
    if first.is_empty() || label_number(first).is_some() {
        return None;
    }
    let next = texts.get(i + 1)?.trim();
    if next.is_empty() || next.chars().count() > 20 || title_kind(next).is_some() {
        return None;
    }
    title_kind(&format!("{first}{next}")).map(|kind| (kind, i + 1))
}

/// The next non-empty line after `i`, if any.
fn next_nonempty(texts: &[&str], i: usize) -> Option<usize> {
    (i + 1..texts.len()).find(|&j| !texts[j].trim().is_empty())
}

/// Finds the table regions of a document.
pub fn find(src: &str, lines: &[Line]) -> Vec<Region> {
    let texts: Vec<&str> = lines.iter().map(|l| l.text(src)).collect();
    // (title line, last line of the title, kind)
    let mut starts: Vec<(usize, usize, TableKind)> = Vec::new();
    let mut i = 0;
    while i < texts.len() {
        let Some((kind, last)) = title_at(&texts, i) else {
            i += 1;
            continue;
        };
        let mut seen = 0;
        let mut ok = false;
        for (j, next) in texts.iter().enumerate().skip(last + 1) {
            if next.trim().is_empty() || label_number(next).is_some() {
                continue;
            }
            if is_part_heading(next) || title_at(&texts, j).is_some() {
                break;
            }
            if looks_like_table_start(next, kind) {
                ok = true;
                break;
            }
            seen += 1;
            if seen >= LOOKAHEAD {
                break;
            }
        }
        if ok {
            starts.push((i, last, kind));
        }
        i = last + 1;
    }
    let mut regions = Vec::with_capacity(starts.len());
    for (k, &(title, last, kind)) in starts.iter().enumerate() {
        let limit = starts.get(k + 1).map_or(lines.len(), |s| s.0);
        let mut end = limit;
        for (j, t) in texts.iter().enumerate().take(limit).skip(last + 1) {
            if is_part_heading(t) || (is_narrative_heading(t) && !is_perf(kind)) {
                end = j;
                break;
            }
        }
        // A "表 N" / "公开 01 表" line just before the title belongs to this table, not the previous
        // one; else the title's own label; else (central 决算 template) a label line just after it.
        let title_text: String = texts[title..=last].concat();
        let number = (0..title)
            .rev()
            .find(|&j| !texts[j].trim().is_empty())
            .and_then(|j| label_number(texts[j]))
            .or_else(|| table_number(&title_text))
            .or_else(|| next_nonempty(&texts, last).and_then(|j| label_number(texts[j])));
        regions.push(Region {
            kind,
            number,
            title,
            end,
        });
    }
    // Trim each region's end before the next region's "表 N" line.
    for k in 1..regions.len() {
        let title = regions[k].title;
        if let Some(prev) = (0..title).rev().find(|&j| !texts[j].trim().is_empty()) {
            if label_number(texts[prev]).is_some() && regions[k - 1].end > prev {
                regions[k - 1].end = prev;
            }
        }
    }
    regions
}

fn is_perf(kind: TableKind) -> bool {
    matches!(
        kind,
        TableKind::PerformanceOverall | TableKind::PerformanceProject
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::lex::lines;

    #[test]
    fn toc_entries_are_not_tables() {
        let src = "一、收入支出决算总表\n二、收入决算表\n\u{c}收入支出决算总表\n单位：万元\n项目 决算数\n";
        let ls = lines(src);
        let r = find(src, &ls);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].title, 2);
    }

    #[test]
    fn units_and_part_headings() {
        assert_eq!(
            unit_of_line("编制单位：某某局单位：万元").map(|u| u.0),
            Some(crate::model::MoneyUnit::WanYuan)
        );
        assert_eq!(
            unit_of_line("单位:元").map(|u| u.0),
            Some(crate::model::MoneyUnit::Yuan)
        );
        assert!(unit_of_line("编制单位：某某单位").is_none());
        assert!(is_part_heading(" 第三部分 2025 年单位预算情况说明"));
        assert!(!is_part_heading("第三方"));
    }
}
