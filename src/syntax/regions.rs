//! Finding where each table starts and ends.
//!
//! A table starts at a title line ([`titles::title_kind`]) that is followed, within a few lines, by
//! what only a real table has nearby (a `单位：` line, a `编制单位` line, a `※` row, a 绩效 form's
//! first fields). That keeps table-of-contents entries out. It ends at the next title, a part heading
//! (`第三部分 …`) or a narrative heading.

use super::lex::{squeeze, Line};
use super::titles::{table_number, title_kind};
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
    if unit_of_line(&t).is_some() || t.starts_with("编制单位") || t.starts_with("编制部门")
    {
        return true;
    }
    matches!(
        kind,
        TableKind::PerformanceOverall | TableKind::PerformanceProject
    ) && ["单位名称", "预算单位", "项目名称", "部门名称", "主管部门"]
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

/// Finds the table regions of a document.
pub fn find(src: &str, lines: &[Line]) -> Vec<Region> {
    let texts: Vec<&str> = lines.iter().map(|l| l.text(src)).collect();
    let mut starts: Vec<(usize, TableKind)> = Vec::new();
    for (i, t) in texts.iter().enumerate() {
        let Some(kind) = title_kind(t) else { continue };
        let mut seen = 0;
        let mut ok = false;
        for next in texts.iter().skip(i + 1) {
            if next.trim().is_empty() {
                continue;
            }
            if title_kind(next).is_some() {
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
            starts.push((i, kind));
        }
    }
    let mut regions = Vec::with_capacity(starts.len());
    for (k, &(title, kind)) in starts.iter().enumerate() {
        let limit = starts.get(k + 1).map_or(lines.len(), |s| s.0);
        let mut end = limit;
        for (j, t) in texts.iter().enumerate().take(limit).skip(title + 1) {
            if is_part_heading(t) || (is_narrative_heading(t) && !is_perf(kind)) {
                end = j;
                break;
            }
        }
        // A "表 N" line just before the title belongs to this table, not the previous one.
        let number = texts[..title]
            .iter()
            .rev()
            .filter(|t| !t.trim().is_empty())
            .take(1)
            .find_map(|t| table_number(t))
            .or_else(|| table_number(texts[title]));
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
        if regions[k].number.is_some() {
            if let Some(prev) = (0..title).rev().find(|&j| !texts[j].trim().is_empty()) {
                if table_number(texts[prev]).is_some() && regions[k - 1].end > prev {
                    regions[k - 1].end = prev;
                }
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
