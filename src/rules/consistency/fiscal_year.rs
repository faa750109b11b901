//! S502 fiscal-year-inconsistent: a year that does not fit the document's fiscal year where the
//! wording fixes which year it must be.

use super::text::{before, years, Flow};
use crate::diag::{Diagnostic, Severity};
use crate::model::DocKind;
use crate::rules::{Context, Family, Rule, RuleDoc, Sink};
use crate::source::{ceil_char_boundary, floor_char_boundary, Span};
use crate::syntax::lex::{lines, squeeze};

pub static RULE: Rule = Rule {
    code: "S502",
    name: "fiscal-year-inconsistent",
    family: Family::Consistency,
    doc: RuleDoc {
        summary: "年份与文件的预算（决算）年度不符",
        summary_en: "A year that does not fit the document's fiscal year",
        what: doc_text!("在措辞决定了应写哪一年的地方核对年份（Y 为文件年度）：与上年比较的基数（“比/与 Y−1 年预算（执行数）”、\
               决算的“与 Y−1 年度相比”）必须是 Y−1 年；“Y−1 年当年预算执行数”必须是 Y−1 年；“Y 年预算安排”“Y 年预算数为”\
               必须是 Y 年；与“Y 年度预算 A 万元”并列的上年数必须是“Y−1 年度预算”；标题、表名和空表说明中的\
               “Y 年（度）部门预算/收支/‘三公’经费……”必须是 Y 年；资产统计的“截至”日期不应早于 Y−1 年（决算不早于 Y 年）；\
               预算文件中项目的实施周期不应在 Y 年之前就已结束；文末落款日期不应早于预算年度开始（决算不应早于年度结束）。\
               同一种错误在文中多处出现时合为一条，其余位置作为关联标注。"),
        why: doc_text!("年份写错说明文字套用了其他年度的模板而未更新，读者无法判断数字比较的基数是哪一年。"),
        example: doc_text!("2026 年预算说明写“财政拨款收入 9628.22 万元，比 2026 年预算增加 793.14 万元”：比较基数应为 2025 年。"),
    },
    check,
};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    /// "比/与/较 YYYY年预算…": the base of a year-on-year comparison.
    Base,
    /// "YYYY年当年预算执行数".
    Executed,
    /// "YYYY年预算安排" / "YYYY年预算数为".
    Arranged,
    /// "Y年度预算 A 万元，YYYY年度预算 B 万元".
    PairedPrior,
    /// A heading, a table title or an empty-table statement about the budget of a year.
    Titled,
    /// "截至YYYY年…".
    AssetDate,
    /// A project period that ends before the budget year.
    Period,
    /// The date the document is signed.
    Signature,
}

struct Hit {
    kind: Kind,
    year: u16,
    span: Span,
    context: String,
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some(y) = ctx.doc.facts.year.as_ref().map(|y| y.value) else {
        sink.skip("文件年度不明，无法核对文中年份".to_string());
        return;
    };
    let budget = ctx
        .doc
        .facts
        .kind
        .as_ref()
        .is_none_or(|k| k.value == DocKind::Budget);
    let mut hits: Vec<Hit> = Vec::new();
    let flow = ctx.prose();
    scan_prose(flow, y, budget, sink, &mut hits);
    // Headings, table titles and empty-table statements.
    let mut titled: Vec<Span> = ctx.doc.narrative.sections.iter().map(|s| s.span).collect();
    titled.extend(ctx.doc.parts.iter().map(|p| p.span));
    titled.extend(ctx.doc.tables.iter().map(|t| t.title_span));
    for t in &ctx.doc.tables {
        if let crate::model::TableStatus::Empty { statement: Some(s) } = t.status {
            titled.push(s);
        }
    }
    crate::order::sort(&mut titled);
    titled.dedup();
    for sp in titled {
        let f = Flow::of(ctx.text, sp.start, sp.end);
        for (year, ys, ye) in years(&f.s) {
            let prev = before(&f.s, ys, 2);
            if ["比", "与", "较", "截至", "截止", "至"]
                .iter()
                .any(|w| prev.ends_with(w))
            {
                continue;
            }
            if !about_the_budget(&f.s[ye..]) {
                continue;
            }
            // "2025年预算执行情况" in a 2026 budget, "2024年部门决算" quoted in a budget: other years
            // on purpose.
            let rest: String = f.s[ye..].chars().take(14).collect();
            if rest.contains("执行") || rest.contains("完成") || (budget && rest.contains("决算"))
            {
                continue;
            }
            sink.checked += 1;
            if year != y {
                hits.push(Hit {
                    kind: Kind::Titled,
                    year,
                    span: f.span(ys, ys + 4),
                    context: snippet(&f.s, ys, ye),
                });
            }
        }
    }
    signature(ctx, y, budget, sink, &mut hits);
    emit(&hits, y, budget, sink);
}

/// Words after "YYYY年(度)" that make a phrase about that year's budget or final accounts.
fn about_the_budget(after: &str) -> bool {
    let after = after.trim_start_matches(['“', '"', '‘']);
    [
        "部门预算",
        "单位预算",
        "预算单位",
        "区级部门",
        "部门决算",
        "单位决算",
        "部门",
        "单位",
        "收支预算",
        "收入预算",
        "支出预算",
        "财政拨款",
        "一般公共预算",
        "政府性基金",
        "国有资本经营",
        "三公",
        "机关运行经费",
        "政府采购",
        "预算情况",
        "决算情况",
        "收支总预算",
        "上年结转",
        "无",
        "没有",
    ]
    .iter()
    .any(|w| after.starts_with(w))
}

fn snippet(s: &str, ys: usize, ye: usize) -> String {
    let from = before(s, ys, 4);
    let to: String = s[ye..].chars().take(8).collect();
    format!("{from}{}{to}", &s[ys..ye]).replace('\n', "")
}

fn scan_prose(flow: &Flow, y: u16, budget: bool, sink: &mut Sink, hits: &mut Vec<Hit>) {
    let s = flow.s.as_str();
    let ys = years(s);
    for (k, &(year, start, end)) in ys.iter().enumerate() {
        let prev = before(s, start, 2);
        let after = &s[end..];
        let compared = ["比", "与", "较"].iter().any(|w| prev.ends_with(w));
        let mut push = |kind: Kind, ok: bool, sink: &mut Sink| {
            sink.checked += 1;
            if !ok {
                hits.push(Hit {
                    kind,
                    year,
                    span: flow.span(start, start + 4),
                    context: snippet(s, start, end),
                });
            }
        };
        let budget_word = ["预算执行数", "预算数", "预算", "决算数", "决算", "执行数"]
            .iter()
            .find(|w| after.starts_with(**w))
            .map_or(0, |w| w.len());
        let direction = [
            "增加",
            "减少",
            "增长",
            "下降",
            "持平",
            "相比",
            "一致",
            "基本持平",
            "降低",
            "上升",
            "对比",
            "比较",
        ]
        .iter()
        .any(|w| after[budget_word..].starts_with(w));
        if compared {
            // A budget is compared with last year's budget (or its execution); a comparison with
            // an older year's final accounts may be the latest available and is not judged.
            let year_on_year = if budget {
                budget_word > 0 && !after.starts_with("决算")
            } else {
                s[..end].ends_with('度') && (budget_word > 0 || direction)
            };
            if year_on_year {
                push(Kind::Base, year + 1 == y, sink);
            }
            continue;
        }
        if ["截至", "截止"].iter().any(|w| prev.ends_with(w)) {
            let ok = if budget {
                year + 1 >= y && year <= y
            } else {
                year >= y && year <= y + 1
            };
            push(Kind::AssetDate, ok, sink);
            continue;
        }
        if !budget {
            continue;
        }
        if after.starts_with("当年预算执行") || after.starts_with("预算执行数") {
            push(Kind::Executed, year + 1 == y, sink);
        } else if after.starts_with("预算安排") || after.starts_with("预算数为") {
            // Judged only in the "Y−1 年当年预算执行数为 A，Y 年预算安排 B，比 Y−1 年…" sentence,
            // where the arrangement is this year's figure; elsewhere last year's arrangement may be
            // quoted as a base.
            let sentence = sentence_around(s, start);
            let current = [format!("{y}年预算安排"), format!("{y}年度预算安排")];
            if sentence.contains("执行数") && !current.iter().any(|c| sentence.contains(c.as_str()))
            {
                push(Kind::Arranged, year == y, sink);
            }
        } else if s[..end].ends_with("年度")
            && after.starts_with("预算")
            && starts_with_figure(&after["预算".len()..])
        {
            // "Y年度预算 A 万元，YYYY年度预算 B 万元": the second is the previous year's.
            if let Some(&(py, pstart, pend)) = k.checked_sub(1).map(|j| &ys[j]) {
                let gap = &s[pend..start];
                if py == y
                    && year != y
                    && s[pstart..pend].ends_with("年度")
                    && gap.starts_with("预算")
                    && gap.chars().count() <= 20
                    && (gap.ends_with('，') || gap.ends_with(','))
                {
                    push(Kind::PairedPrior, year + 1 == y, sink);
                }
            }
        }
        // A project period: "实施周期：YYYY年M月D日-YYYY年M月D日".
        let labelled = [
            "实施周期",
            "执行时间",
            "实施期限",
            "项目周期",
            "起止时间",
            "实施时间",
            "执行期限",
        ]
        .iter()
        .any(|w| before(s, start, 12).contains(w));
        if let Some(date_end) = date_end(s, end).filter(|_| labelled) {
            let sep = &s[date_end..];
            if let Some(rest) = ["-", "—", "－", "~", "～", "至", "到", "–"]
                .iter()
                .find_map(|w| sep.strip_prefix(w))
            {
                let at = s.len() - rest.len();
                if let Some(&(ey, es, _)) = ys.get(k + 1).filter(|n| n.1 == at) {
                    sink.checked += 1;
                    if ey < y {
                        hits.push(Hit {
                            kind: Kind::Period,
                            year: ey,
                            span: flow.span(es, es + 4),
                            context: s[start..date_end_or(s, es)].to_string(),
                        });
                    }
                }
            }
        }
    }
}

/// The sentence around byte `at`: from the previous full stop or break to the next.
fn sentence_around(s: &str, at: usize) -> &str {
    // Within a window of a few hundred bytes, so that long texts stay linear.
    let lo = floor_char_boundary(s, at.saturating_sub(600));
    let hi = ceil_char_boundary(s, at + 600);
    let (s, at) = (&s[lo..hi], at - lo);
    let from = s[..at]
        .rfind(['。', '\n'])
        .map_or(0, |i| i + s[i..].chars().next().map_or(1, char::len_utf8));
    let to = s[at..].find(['。', '\n']).map_or(s.len(), |i| at + i);
    &s[from..to]
}

fn starts_with_figure(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_digit())
}

/// After "YYYY年" at byte `at`: "M月D日" ends where? (None unless a full date follows.)
fn date_end(s: &str, at: usize) -> Option<usize> {
    let r = &s[at..];
    let m = r.bytes().take_while(u8::is_ascii_digit).count();
    if m == 0 || m > 2 || !r[m..].starts_with('月') {
        return None;
    }
    let r2 = &r[m + '月'.len_utf8()..];
    let d = r2.bytes().take_while(u8::is_ascii_digit).count();
    if d == 0 || d > 2 || !r2[d..].starts_with('日') {
        return None;
    }
    Some(at + m + '月'.len_utf8() + d + '日'.len_utf8())
}

fn date_end_or(s: &str, year_start: usize) -> usize {
    let after_year = year_start + 4 + '年'.len_utf8();
    if !s[year_start + 4..].starts_with('年') {
        return (year_start + 4).min(s.len());
    }
    date_end(s, after_year).unwrap_or(after_year)
}

/// The date at the end of the document ("2025年3月14日" on the last line, under the body's name).
fn signature(ctx: &Context, y: u16, budget: bool, sink: &mut Sink, hits: &mut Vec<Hit>) {
    let text = ctx.text;
    let Some(last) = lines(text)
        .into_iter()
        .rev()
        .find(|l| !l.text(text).trim().is_empty())
    else {
        return;
    };
    let sq = squeeze(last.text(text));
    let ys = years(&sq);
    let Some(&(year, 0, end)) = ys.first() else {
        return;
    };
    if date_end(&sq, end) != Some(sq.len()) {
        return;
    }
    sink.checked += 1;
    let ok = if budget { year >= y } else { year > y };
    if !ok {
        let f = Flow::of(text, last.start, last.end);
        hits.push(Hit {
            kind: Kind::Signature,
            year,
            span: f.span(0, 4),
            context: sq.clone(),
        });
    }
}

fn emit(hits: &[Hit], y: u16, budget: bool, sink: &mut Sink) {
    let mut groups: Vec<(Kind, u16, Vec<&Hit>)> = Vec::new();
    for h in hits {
        match groups.iter_mut().find(|g| g.0 == h.kind && g.1 == h.year) {
            Some(g) => g.2.push(h),
            None => groups.push((h.kind, h.year, vec![h])),
        }
    }
    let prev = y - 1;
    for (kind, year, hs) in groups {
        let (what, what_en, expected) = match kind {
            Kind::Base => (
                format!("与上年比较的基数应为 {prev} 年，此处写作 {year} 年"),
                format!("the base of a year-on-year comparison should be {prev}, not {year}"),
                prev.to_string(),
            ),
            Kind::Executed => (
                format!("上年预算执行数应为 {prev} 年的数，此处写作 {year} 年"),
                format!("last year's execution should be {prev}'s, not {year}'s"),
                prev.to_string(),
            ),
            Kind::Arranged => (
                format!("本年预算安排应为 {y} 年，此处写作 {year} 年"),
                format!("this year's allocation should be for {y}, not {year}"),
                y.to_string(),
            ),
            Kind::PairedPrior => (
                format!("与 {y} 年度预算并列比较的应为 {prev} 年度预算，此处写作 {year} 年度"),
                format!("the prior-year figure beside {y} should be {prev}'s, not {year}'s"),
                prev.to_string(),
            ),
            Kind::Titled => (
                format!("标题、表名或空表说明中的年度应为 {y} 年，此处写作 {year} 年"),
                format!(
                    "a title or statement about the {y} {} names {year}",
                    if budget { "budget" } else { "accounts" }
                ),
                y.to_string(),
            ),
            Kind::AssetDate => (
                format!(
                    "资产情况的截止日期写作 {year} 年，与 {y} 年度{}不相称",
                    if budget {
                        "预算（应为上年末或本年初）"
                    } else {
                        "决算（应为本年末）"
                    }
                ),
                format!("an asset reporting date in {year} does not fit the {y} document"),
                String::new(),
            ),
            Kind::Period => (
                format!("项目实施周期在 {year} 年已结束，早于 {y} 年预算年度"),
                format!("the project period ends in {year}, before the {y} budget year"),
                String::new(),
            ),
            Kind::Signature => (
                format!(
                    "落款日期为 {year} 年，早于{}",
                    if budget {
                        format!("{y} 年预算年度开始")
                    } else {
                        format!("{y} 年度结束")
                    }
                ),
                format!(
                    "the document is dated {year}, before the {y} {}",
                    if budget {
                        "budget year begins"
                    } else {
                        "year ends"
                    }
                ),
                String::new(),
            ),
        };
        let n = hs.len();
        let mut d = Diagnostic::new(
            RULE.code,
            RULE.name,
            Severity::Warning,
            format!(
                "{what}（「{}」{}）。",
                hs[0].context,
                if n > 1 {
                    format!("，共 {n} 处")
                } else {
                    String::new()
                }
            ),
            format!(
                "{what_en} (「{}」{}).",
                hs[0].context,
                if n > 1 {
                    format!(", {n} places")
                } else {
                    String::new()
                }
            ),
        )
        .primary(
            hs[0].span,
            if expected.is_empty() {
                format!("{year} 年与 {y} 年度不符")
            } else {
                format!("应为 {expected} 年")
            },
            format!("{year} does not fit"),
        );
        if !expected.is_empty() {
            d = d.expected_actual(expected, year.to_string());
        }
        for h in &hs[1..] {
            d = d.related(
                h.span,
                format!("同样写作 {year} 年（「{}」）", h.context),
                format!("also {year}"),
            );
        }
        d = d.note(format!(
            "文件年度为 {y} 年（{}）/ the document's fiscal year is {y}",
            if budget { "预算" } else { "决算" }
        ));
        sink.push(d);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(t: &str, y: u16, budget: bool) -> Vec<(Kind, u16)> {
        let f = Flow::of(t, 0, t.len());
        let mut hits = Vec::new();
        let mut sink = Sink::default();
        scan_prose(&f, y, budget, &mut sink, &mut hits);
        hits.iter().map(|h| (h.kind, h.year)).collect()
    }

    #[test]
    fn comparisons_and_statements() {
        assert_eq!(
            kinds(
                "财政拨款收入9628.22万元，比2026年预算增加793.14万元",
                2026,
                true
            ),
            vec![(Kind::Base, 2026)]
        );
        assert!(kinds("比2025年预算执行数减少1.07%", 2026, true).is_empty());
        assert_eq!(
            kinds(
                "2025年当年预算执行数5.57万元，2026年预算安排10万元，比2024年预算执行数增加79.53%",
                2026,
                true
            ),
            vec![(Kind::Base, 2024)]
        );
        assert_eq!(
            kinds(
                "2025年当年预算执行数为7.11万元，2025年预算安排8.61万元",
                2026,
                true
            ),
            vec![(Kind::Arranged, 2025)]
        );
        assert_eq!(
            kinds(
                "”2026年度预算1,687.92万元，2024年度预算1,676.41万元，主要用于",
                2026,
                true
            ),
            vec![(Kind::PairedPrior, 2024)]
        );
        assert!(kinds(
            "”2026年度预算18万元，2025年度预算20万元，主要用于",
            2026,
            true
        )
        .is_empty());
        assert_eq!(
            kinds("实施周期2025年1月1日-2025年12月31日", 2026, true),
            vec![(Kind::Period, 2025)]
        );
        assert!(kinds("资金执行时间：2025年1月1日-2025年12月31日", 2025, true).is_empty());
        assert!(kinds("项目一期于2023年1月1日-2024年12月31日完成", 2026, true).is_empty());
        assert!(kinds("2025年预算安排100万元，2026年预算安排120万元", 2026, true).is_empty());
        assert!(kinds("比2024年决算数增加10%", 2026, true).is_empty());
        assert!(kinds("主要原因是2024年与2025年均未安排", 2025, true).is_empty());
        assert!(kinds("截至2025年8月31日，共有车辆3辆", 2026, true).is_empty());
        assert_eq!(
            kinds("截至2023年8月31日，共有车辆3辆", 2026, true),
            vec![(Kind::AssetDate, 2023)]
        );
        // Final accounts compare with the previous 年度.
        assert!(kinds("与2023年度相比，收入增加", 2024, false).is_empty());
        assert_eq!(
            kinds("与2022年度相比，收入增加", 2024, false),
            vec![(Kind::Base, 2022)]
        );
    }
}
