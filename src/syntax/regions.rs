//! Finding where each table starts and ends.
//!
//! A table starts at a title line ([`titles::title_kind`]; a title wrapped over two lines is joined)
//! that is followed, within a few lines, by what only a real table has nearby: a `单位：` line (a money
//! unit or the body's name), `编制单位`, `单位名称：`, `部门（单位）：`, a `※` row, column headers such
//! as `科目编码` or a lone `项目`, a 绩效 form's first fields. That keeps table-of-contents entries out:
//! the lookahead stops at the next title or part heading. The table's number comes from a label line
//! just before the title (`表 5`, `公开 01 表`), the title's own label, or a label line just after it
//! (the central 决算 template). A region ends at the next title (or its label line), a part heading
//! (`第三部分 …`) or a narrative heading.

use super::lex::{squeeze, Line};
use super::titles::{label_number, normalize_title, table_number, title_kind};
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
    kind.is_performance()
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
            if is_part_heading(t) || (is_narrative_heading(t) && !kind.is_performance()) {
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
    merge_continuations(&texts, &mut regions);
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

/// A table printed over several pages often repeats its title on each page: a region whose title
/// reads like the previous region's (same kind, same words once numbering and whitespace are
/// removed), that follows it directly (the previous region ran up to it: no narrative heading
/// between) and carries no other number, continues that table.
fn merge_continuations(texts: &[&str], regions: &mut Vec<Region>) {
    let mut out: Vec<Region> = Vec::with_capacity(regions.len());
    for r in regions.drain(..) {
        if let Some(prev) = out.last_mut() {
            let same_title = normalize_title(texts[prev.title]) == normalize_title(texts[r.title]);
            let adjacent = prev.end >= r.title;
            let same_number = r.number.is_none() || r.number == prev.number;
            if prev.kind == r.kind
                && same_title
                && adjacent
                && same_number
                && !r.kind.is_performance()
            {
                prev.end = r.end;
                continue;
            }
        }
        out.push(r);
    }
    *regions = out;
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

    /// Regions of `src`: (kind, number, title line).
    fn found(src: &str) -> Vec<(TableKind, Option<u32>, usize)> {
        let ls = lines(src);
        find(src, &ls)
            .iter()
            .map(|r| (r.kind, r.number, r.title))
            .collect()
    }

    #[test]
    fn label_line_before_the_title_and_body_unit_line() {
        // 114 Wuxi: running header, "公开 01 表", the title, then "单位：<body>" (money unit later).
        let src = "无锡市交通运输局（本级）2026 年度单位预算公开\n\n公开 01 表\n\n收支总表\n\
                   单位：无锡市交通运输局（本级）\n收入\n项目\n一、一般公共预算拨款收入\n";
        assert_eq!(found(src), vec![(TableKind::IncomeExpenditure, Some(1), 4)]);
    }

    #[test]
    fn label_line_after_the_title() {
        // 131 central 决算: the title, then "公开 01 表".
        let src = "收入支出决算总表\n公开 01 表\n部门：国家信访局\n金额单位：万元\n1.00\n\
                   收入决算表\n公开 02 表\n部门：国家信访局\n金额单位：万元\n";
        let ls = lines(src);
        let r = find(src, &ls);
        assert_eq!(r.len(), 2);
        assert_eq!(
            (r[0].kind, r[0].number),
            (TableKind::IncomeExpenditure, Some(1))
        );
        assert_eq!((r[1].kind, r[1].number), (TableKind::Income, Some(2)));
        assert_eq!(r[0].end, 5);
    }

    #[test]
    fn wrapped_title_and_header_evidence() {
        // 125 Xi'an: a title wrapped over two lines, its label two lines before.
        let src = "表5\n\n2021年部门综合预算一般公共预算支出明细表（按支出功能分类科\n目-不含上年结转）\n\
                   单位：元\n功能科目编码\n";
        assert_eq!(found(src), vec![(TableKind::GeneralBudget, Some(5), 2)]);
        // 106 Guangzhou 表5: no 单位 line, the body's name and the column headers instead.
        let src = "表5\n\n一般公共预算支出情况表（按功能分类科目）\n单位名称：广州市统计局\n功能科目名称\n合计\n";
        assert_eq!(found(src), vec![(TableKind::GeneralBudget, Some(5), 2)]);
        // 126 Yantai: "公开表1" and "部门（单位）：…".
        let src = "公开表1\n\n收支总体情况表\n部门（单位）：烟台市民政局\n\n单位：万元\n";
        assert_eq!(found(src), vec![(TableKind::IncomeExpenditure, Some(1), 2)]);
    }

    #[test]
    fn contents_lists_stay_out() {
        // 100 Beijing: the end of its contents list, then the narrative.
        let src = "九、财政拨款“三公”经费支出表\n十、政府采购预算明细表\n十一、财政拨款政府购买服务明细表\n\
                   十二、项目支出绩效目标表\n- 1 -\n\n\u{c}十三、部门整体支出绩效目标表\n\n- 2 -\n\n\
                   \u{c}第一部分\n\n2026年度部门预算情况说明\n\n一、部门情况说明\n";
        assert!(found(src).is_empty());
        // 122 Quanzhou: a numbered heading naming the 绩效 tables, then the first one.
        let src = "（二）绩效目标表及说明\n1.项目支出绩效目标表\n\n19\n\n\
                   知创大厦泉州知识产权馆建设费用项目绩效目标表\n专项资金情\n况（万元）\n";
        assert_eq!(found(src), vec![(TableKind::PerformanceProject, None, 5)]);
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
