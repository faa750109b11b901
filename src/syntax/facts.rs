//! Document facts: body name, fiscal year, 部门 or 单位, 预算 or 决算, parts.

use super::lex::{squeeze, Line};
use super::regions::is_part_heading;
use crate::model::{DocKind, Facts, Located, Part, PartKind, Scope};
use crate::source::Span;
use std::collections::HashMap;

/// Reads the facts from the text's lines.
pub fn read(src: &str, lines: &[Line]) -> Facts {
    let mut facts = Facts::default();
    // Year, scope and kind: the first "2025年部门预算" / "2024年度部门决算" / "2026年预算单位…" phrase.
    let mut title_line = None;
    for (li, l) in lines.iter().enumerate() {
        let t = l.text(src);
        if let Some(found) = year_phrase(t) {
            title_line = Some((li, found.1.start));
            let (year, ys, scope, kind) = found;
            let base = l.start;
            facts.year = Some(Located {
                value: year,
                span: Span::new(base + ys.start, base + ys.end),
            });
            if let Some((s, sp)) = scope {
                facts.scope = Some(Located {
                    value: s,
                    span: Span::new(base + sp.start, base + sp.end),
                });
            }
            if let Some((k, sp)) = kind {
                facts.kind = Some(Located {
                    value: k,
                    span: Span::new(base + sp.start, base + sp.end),
                });
            }
            break;
        }
    }
    facts.body = body_name(src, lines).or_else(|| {
        let (li, year_at) = title_line?;
        body_from_title(src, lines, li, year_at)
    });
    facts
}

/// The body's name from the document's title: the words before "2024年度部门决算" on its line, or
/// the short lines just above it ("上海市普陀区规划和自然" + "资源局").
fn body_from_title(
    src: &str,
    lines: &[Line],
    li: usize,
    year_at: usize,
) -> Option<Located<String>> {
    let line = lines[li];
    let before = &line.text(src)[..year_at];
    let name = squeeze(before);
    if name.chars().count() >= 4 {
        return Some(Located {
            value: name,
            span: Span::new(line.start, line.start + before.trim_end().len()),
        });
    }
    let above: Vec<usize> = (0..li)
        .rev()
        .filter(|&j| !lines[j].text(src).trim().is_empty())
        .take(2)
        .take_while(|&j| {
            let t = squeeze(lines[j].text(src));
            t.chars().count() < 20 && !t.chars().any(|c| c.is_ascii_digit())
        })
        .collect();
    let first = *above.last()?;
    let last = above[0];
    let value: String = above
        .iter()
        .rev()
        .map(|&j| squeeze(lines[j].text(src)))
        .collect();
    (value.chars().count() >= 4).then(|| Located {
        value,
        span: Span::new(lines[first].start, lines[last].end),
    })
}

type YearPhrase = (u16, Span, Option<(Scope, Span)>, Option<(DocKind, Span)>);

/// Finds "<year>年[度][部门|单位|预算单位][预算|决算]" in a line; spans are relative to the line.
fn year_phrase(t: &str) -> Option<YearPhrase> {
    let b = t.as_bytes();
    let mut i = 0;
    while i + 4 <= b.len() {
        let is_year = b[i..i + 4].iter().all(u8::is_ascii_digit)
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && b.get(i + 4).is_none_or(|c| !c.is_ascii_digit())
            && (b[i] == b'2');
        if is_year {
            let year: u16 = t[i..i + 4].parse().ok()?;
            let mut rest_at = i + 4;
            let rest = &t[rest_at..];
            let trimmed = rest.trim_start();
            rest_at += rest.len() - trimmed.len();
            if let Some(after) = trimmed.strip_prefix('年') {
                let mut at = rest_at + '年'.len_utf8();
                let after = after.strip_prefix('度').map_or(after, |a| {
                    at += '度'.len_utf8();
                    a
                });
                let after_trim = after.trim_start();
                at += after.len() - after_trim.len();
                let (scope, skip) = if after_trim.starts_with("预算单位") {
                    (Some(Scope::Unit), "预算单位".len())
                } else if after_trim.starts_with("部门") {
                    (Some(Scope::Department), "部门".len())
                } else if after_trim.starts_with("单位") {
                    (Some(Scope::Unit), "单位".len())
                } else if after_trim.starts_with("区级部门") {
                    (Some(Scope::Department), "区级部门".len())
                } else {
                    (None, 0)
                };
                // "2026年预算单位…": the word 预算 comes before 单位.
                let kind_at = if skip == "预算单位".len() {
                    at
                } else {
                    at + skip
                };
                let tail = &t[kind_at..];
                let kind = if tail.starts_with("预算") {
                    Some(DocKind::Budget)
                } else if tail.starts_with("决算") {
                    Some(DocKind::FinalAccounts)
                } else {
                    None
                };
                if let Some(k) = kind {
                    let scope_end = if kind_at == at {
                        at + "预算单位".len()
                    } else {
                        kind_at
                    };
                    let scope = scope.map(|s| (s, Span::new(at, scope_end)));
                    return Some((
                        year,
                        Span::new(i, i + 4),
                        scope,
                        Some((k, Span::new(kind_at, kind_at + "预算".len()))),
                    ));
                }
            }
        }
        i += 1;
    }
    None
}

/// The body's name: the most frequent value of the `编制单位：` / `编制部门：` / `预算主管部门：` lines.
fn body_name(src: &str, lines: &[Line]) -> Option<Located<String>> {
    let mut counts: HashMap<String, (usize, Span)> = HashMap::new();
    for l in lines {
        let t = l.text(src);
        // Every key starts with one of these: most lines are passed over with one scan.
        if !t.contains(['编', '预', '单', '部']) {
            continue;
        }
        for key in [
            "编制单位：",
            "编制部门：",
            "预算主管部门：",
            "编制单位:",
            "编制部门:",
            "单位名称（盖章）",
            "部门名称：",
        ] {
            let Some(at) = t.find(key) else { continue };
            let rest_start = at + key.len();
            let rest = &t[rest_start..];
            let lead = rest.len() - rest.trim_start().len();
            let name_start = rest_start + lead;
            let mut name_end = t.len();
            for stop in ["单位：", "单位:", "金额单位", "\t", " "] {
                if let Some(p) = t[name_start..].find(stop) {
                    name_end = name_end.min(name_start + p);
                }
            }
            let name = squeeze(&t[name_start..name_end]);
            let name = name
                .trim_end_matches(['（', '('])
                .trim_end_matches("（本级）")
                .to_string();
            if name.chars().count() >= 4 {
                let span = Span::new(l.start + name_start, l.start + name_end);
                let e = counts.entry(name).or_insert((0, span));
                e.0 += 1;
            }
        }
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1 .0.cmp(&b.1 .0).then(b.1 .1.start.cmp(&a.1 .1.start)))
        .map(|(value, (_, span))| Located { value, span })
}

/// The part headings (`第一部分 …`, and 名词解释 where it stands alone).
pub fn parts(src: &str, lines: &[Line]) -> Vec<Part> {
    let mut out = Vec::new();
    for l in lines {
        let t = l.text(src);
        let sq = squeeze(t);
        let kind = if is_part_heading(t) || sq == "名词解释" {
            if sq.contains("概况") {
                Some(PartKind::Overview)
            } else if sq.contains("名词解释") {
                Some(PartKind::Glossary)
            } else if sq.contains("说明") {
                Some(PartKind::Explanation)
            } else if sq.contains('表') {
                Some(PartKind::Tables)
            } else {
                None
            }
        } else {
            None
        };
        if let Some(kind) = kind {
            // Table-of-contents entries repeat the headings: keep the last occurrence of each kind.
            out.retain(|p: &Part| p.kind != kind);
            out.push(Part {
                kind,
                title: sq,
                span: l.span(),
            });
        }
    }
    crate::order::sort_by_key(&mut out, |p| p.span.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_phrases() {
        let (y, _, s, k) = year_phrase("2025 年部门预算公开").unwrap();
        assert_eq!(y, 2025);
        assert_eq!(s.unwrap().0, Scope::Department);
        assert_eq!(k.unwrap().0, DocKind::Budget);
        let (y, _, s, k) = year_phrase("上海市普陀区财政局2024年度部门决算").unwrap();
        assert_eq!(
            (y, s.unwrap().0, k.unwrap().0),
            (2024, Scope::Department, DocKind::FinalAccounts)
        );
        let (_, _, s, _) = year_phrase("2026年预算单位财务收支预算总表").unwrap();
        assert_eq!(s.unwrap().0, Scope::Unit);
        assert!(year_phrase("截至2024年8月31日").is_none());
    }
}
