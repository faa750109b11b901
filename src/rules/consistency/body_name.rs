//! S501 body-name-inconsistent: the publishing body is named differently in places where its name is
//! expected.

use super::text::{is_han, Flow};
use crate::diag::{Diagnostic, Severity};
use crate::model::{Scope, TableKind};
use crate::rules::{Context, Family, Rule, RuleDoc, Sink};
use crate::source::Span;
use crate::syntax::lex::{lines, squeeze, Line};

pub static RULE: Rule = Rule {
    code: "S501",
    name: "body-name-inconsistent",
    family: Family::Consistency,
    doc: RuleDoc {
        summary: "部门（单位）名称前后不一致",
        summary_en: "The body's name differs from one place to another",
        what: doc_text!("在应当写本部门（单位）全称的位置——各表的“编制单位/编制部门/预算主管部门”栏、标题与页眉\
               （“关于××2025年收支预算情况的总体说明”“××2024年度部门决算表”“××主要职能”）、\
               段首的“××2024年度……”——取出所写的名称，与全文通用的名称比较。\
               省去上级地名的简称（“普陀区司法局”）、地名的通行缩写（“克州”）、所属单位（名称中含全称，\
               如“××执法大队”“××（本级）”）以及与本单位名称无共同后段的其他单位都不算不一致；\
               整体绩效目标表是本部门（单位）自己的表：部门预算的表中“部门名称”、单位预算的表中“单位名称”（含“（盖章）”）\
               只能是本部门（单位），写作其他名称（包括与本名称无共同后段的名称，如把“××中心”写成“××管理局”）都报告。\
               其余位置只报告三种确定的写错：漏写了中间一段（如把区局写成市局“上海市规划和自然资源局”）；连接词不同\
               （“规划与自然资源局”）；同名机构换了地名（套用其他地区的模板）。报告为警告。"),
        why: doc_text!("名称写错使读者无法确认公开的是哪个部门的预算；套用其他单位的模板时常留下别的单位名称。"),
        example: doc_text!("全文称“上海市普陀区规划和自然资源局”，而一页表头印“上海市规划和自然资源局 2024 年度部门决算表”，\
                  两段说明写“上海市普陀区规划与自然资源局”：各报告一次。"),
    },
    check,
};

/// Words that begin a clause, not a name: a phrase starting with them is not the body's name.
const LEADING_WORDS: &[&str] = &[
    "根据", "按照", "依据", "经", "由", "纳入", "对", "向", "在", "为", "与", "和", "及", "将",
    "从", "截至", "截止", "本", "该", "其中", "主要", "比", "较", "如", "若", "于", "全", "各",
    "全年",
];

/// Characters no body name contains.
const NOT_IN_NAMES: &str = "是的了把被这那其年月日万元，。、；：";

fn check(ctx: &Context, sink: &mut Sink) {
    let Some(body) = &ctx.doc.facts.body else {
        sink.skip("未能确定部门（单位）名称".to_string());
        return;
    };
    let b = clean(&body.value);
    if b.chars().count() < 4 {
        sink.skip("部门（单位）名称过短，无法比较".to_string());
        return;
    }
    let text = ctx.text;
    let ls = lines(text);
    // Where the headings start, sorted: a line is a heading's when one starts on it.
    let mut headings: Vec<usize> = ctx
        .doc
        .narrative
        .sections
        .iter()
        .map(|s| s.span.start)
        .collect();
    headings.extend(ctx.doc.parts.iter().map(|p| p.span.start));
    crate::order::sort(&mut headings);
    let is_heading = |l: &Line| {
        let first = headings.partition_point(|&h| h < l.start);
        headings.get(first).is_some_and(|&h| h <= l.end)
    };
    let mut found: Vec<(String, Vec<Span>)> = Vec::new();
    let mut note = |x: String, span: Span, sink: &mut Sink| {
        sink.checked += 1;
        if !differs(&x, &b) {
            return;
        }
        match found.iter_mut().find(|(v, _)| *v == x) {
            Some((_, spans)) => spans.push(span),
            None => found.push((x, vec![span])),
        }
    };
    // Names in a field that must hold the body's own name, written otherwise.
    let mut own: Vec<(&str, String, Span)> = Vec::new();
    let mut prev: Option<(usize, bool)> = None; // previous non-empty line: (index, ends a sentence)
    for (li, l) in ls.iter().enumerate() {
        let t = l.text(text);
        if t.trim().is_empty() {
            continue;
        }
        if let Some((key, x, span)) = field_value(text, &ls, li, &b) {
            if own_field(ctx, key, span) && !accepted(&x, &b) {
                sink.checked += 1;
                own.push((key, x, span));
            } else {
                note(x, span, sink);
            }
        } else if let Some((x, span)) = name_at_line_start(text, *l) {
            let sentence_start = prev.is_none_or(|(_, ends)| ends);
            let titled = is_heading(l) || is_title_line(t);
            if sentence_start || titled {
                note(x, span, sink);
            }
        }
        let sq = squeeze(t);
        let ends = sq.ends_with('。')
            || sq.ends_with('：')
            || sq.ends_with(':')
            || is_heading(l)
            || is_title_line(t);
        prev = Some((li, ends));
    }
    for (key, x, span) in own {
        sink.push(
            Diagnostic::new(
                RULE.code,
                RULE.name,
                Severity::Warning,
                format!("整体绩效目标表是本{}的表，其「{key}」应为「{b}」，此处写作「{x}」。", scope_word(key)),
                format!("The overall performance table is the body's own: its {key} should be 「{b}」, here 「{x}」."),
            )
            .primary(span, format!("应为「{b}」"), format!("should be {b}"))
            .expected_actual(b.clone(), x.clone())
            .related(body.span, format!("通用名称「{b}」"), "the name used throughout")
            .note("整体绩效目标表的名称栏填写本部门（单位）全称 / the overall table names the body itself"),
        );
    }
    for (x, spans) in found {
        let mut d = Diagnostic::new(
            RULE.code,
            RULE.name,
            Severity::Warning,
            format!(
                "本文的部门（单位）名称是「{b}」，此处写作「{x}」{}。",
                if spans.len() > 1 {
                    format!("（共 {} 处）", spans.len())
                } else {
                    String::new()
                }
            ),
            format!("The body is 「{b}」 throughout; here it is written 「{x}」."),
        )
        .primary(spans[0], format!("应为「{b}」"), format!("should be {b}"))
        .expected_actual(b.clone(), x.clone());
        for s in &spans[1..] {
            d = d.related(*s, format!("同样写作「{x}」"), "written the same way");
        }
        d = d
            .related(
                body.span,
                format!("通用名称「{b}」"),
                "the name used throughout",
            )
            .note("全文应使用同一部门（单位）名称 / one body name throughout");
        sink.push(d);
    }
}

/// A field that can only hold the body's own name: `部门名称` in a 部门's, `单位名称` in a 单位's
/// 整体绩效目标表 (the targets of the whole body whose budget this is). A 部门's document that prints
/// its units' own tables labels them 单位名称, which is not judged this way.
fn own_field(ctx: &Context, key: &str, span: Span) -> bool {
    let scope = ctx.doc.facts.scope.as_ref().map(|s| s.value);
    let fits = matches!(
        (key, scope),
        ("部门名称", Some(Scope::Department)) | ("单位名称", Some(Scope::Unit))
    );
    fits && ctx.doc.tables.iter().any(|t| {
        t.kind == TableKind::PerformanceOverall && (t.span.start..t.span.end).contains(&span.start)
    })
}

fn scope_word(key: &str) -> &'static str {
    if key.starts_with('部') {
        "部门"
    } else {
        "单位"
    }
}

/// `x` is the body's name or a form of it: the same, the body with a suffix (`（本级）`), or its
/// tail without the region.
fn accepted(x: &str, b: &str) -> bool {
    let x = clean(x);
    x == b || x.contains(b) || b.ends_with(x.as_str())
}

/// The name with a trailing "（本级）" and the like removed.
fn clean(name: &str) -> String {
    let mut n = squeeze(name);
    for suffix in ["（本级）", "(本级)", "本级"] {
        if let Some(s) = n.strip_suffix(suffix) {
            n = s.to_string();
        }
    }
    n
}

/// True when `x` names the body differently (not an accepted short form or a subordinate unit).
fn differs(x: &str, b: &str) -> bool {
    if accepted(x, b) {
        return false;
    }
    let x = clean(x);
    if x.chars().any(|c| NOT_IN_NAMES.contains(c))
        || !x.chars().all(|c| is_han(c) || "（）()".contains(c))
    {
        return false;
    }
    let xs: Vec<char> = x.chars().collect();
    let bs: Vec<char> = b.chars().collect();
    let k = xs
        .iter()
        .rev()
        .zip(bs.iter().rev())
        .take_while(|(a, c)| a == c)
        .count();
    let p = xs.iter().zip(bs.iter()).take_while(|(a, c)| a == c).count();
    // Without a common tail of three characters it is another body (a subordinate unit, another
    // department), which this rule does not judge.
    if k < 3 || k >= xs.len() || k >= bs.len() {
        return false;
    }
    let region_level = |c: Option<&char>| c.is_some_and(|c| "省市区县州盟旗镇乡".contains(*c));
    // A region abbreviated: 克州 for 克孜勒苏柯尔克孜自治州 (same first and last characters, the last
    // a level of division, a subsequence of the full name). The split lies somewhere in the common
    // tail (州 is common to both).
    let abbreviated = (xs.len() - k..=xs.len() - 3).any(|i| {
        let px = &xs[..i];
        let pb = &bs[..bs.len() - (xs.len() - i)];
        !px.is_empty()
            && px.len() < pb.len()
            && px[0] == pb[0]
            && px.last() == pb.last()
            && region_level(pb.last())
            && is_subsequence(px, pb)
    });
    if abbreviated {
        return false;
    }
    let px = &xs[..xs.len() - k];
    let pb = &bs[..bs.len() - k];
    // A piece left out in the middle: 上海市规划和自然资源局 for 上海市普陀区规划和自然资源局 names
    // another (here the municipal) body.
    if p > 0 && p + k >= xs.len() && xs.len() < bs.len() {
        return true;
    }
    // One connective changed: 规划与自然资源局 for 规划和自然资源局.
    const CONNECTIVES: &str = "和与及暨、";
    if xs.len() == bs.len()
        && p + k + 1 == xs.len()
        && CONNECTIVES.contains(xs[p])
        && CONNECTIVES.contains(bs[p])
    {
        return true;
    }
    // The same body of another region: a template copied from elsewhere.
    k >= 6 && region_level(px.last()) && region_level(pb.last())
}

fn is_subsequence(a: &[char], b: &[char]) -> bool {
    let mut it = b.iter();
    a.iter().all(|c| it.any(|d| d == c))
}

/// The value of a `编制单位：` / `编制部门：` / `预算主管部门：` field on line `li`, joined with the
/// next lines when a long name was wrapped.
fn field_value(
    text: &str,
    ls: &[Line],
    li: usize,
    b: &str,
) -> Option<(&'static str, String, Span)> {
    let l = ls[li];
    let t = l.text(text);
    const KEYS: &[&str] = &[
        "编制单位",
        "编制部门",
        "预算主管部门",
        "部门名称",
        "单位名称",
        "主管部门",
    ];
    // Every key starts with one of these: most lines are passed over with one scan.
    if !t.contains(['编', '预', '部', '单', '主']) {
        return None;
    }
    let (at, key) = KEYS
        .iter()
        .filter_map(|k| t.find(k).map(|i| (i, *k)))
        .min_by_key(|x| x.0)?;
    const SEPARATORS: [char; 5] = ['：', ':', ' ', '\u{3000}', '\t'];
    let rest = t[at + key.len()..].trim_start_matches(SEPARATORS);
    // A remark on the field, not its value: `单位名称（盖章）`.
    let rest_trim = match remark_len(rest) {
        Some(n) => rest[n..].trim_start_matches(SEPARATORS),
        None if rest.starts_with(['（', '(']) => return None,
        None => rest,
    };
    let start = l.start + (t.len() - rest_trim.len());
    let mut len = rest_trim
        .find(|c: char| c.is_whitespace())
        .unwrap_or(rest_trim.len());
    for stop in ["单位：", "单位:", "金额单位"] {
        if let Some(p) = rest_trim[..len].find(stop) {
            len = len.min(p);
        }
    }
    let mut value = squeeze(&rest_trim[..len]);
    let mut end = start + len;
    if value.chars().count() < 4 {
        return None;
    }
    // A wrapped name: the line ends inside the body's name.
    let at_line_end = rest_trim[len..].trim().is_empty();
    if at_line_end && b.starts_with(value.as_str()) && value != b {
        for next in ls
            .iter()
            .skip(li + 1)
            .filter(|n| !n.text(text).trim().is_empty())
            .take(2)
        {
            let nt = next.text(text).trim_start();
            let piece_len = nt.find(|c: char| c.is_whitespace()).unwrap_or(nt.len());
            let joined = format!("{value}{}", &nt[..piece_len]);
            if !b.starts_with(joined.as_str()) && !joined.starts_with(b) {
                break;
            }
            value = joined;
            end = next.start + (next.text(text).len() - nt.len()) + piece_len;
            if value.len() >= b.len() {
                break;
            }
        }
    }
    if b.starts_with(value.as_str()) && value != b {
        // Still cut: nothing to judge.
        return None;
    }
    Some((key, value, Span::new(start, end)))
}

/// The length of a short bracketed remark at the start of `s` (`（盖章）`, `(公章)`): at most four
/// Han characters inside.
fn remark_len(s: &str) -> Option<usize> {
    let inner = s.strip_prefix(['（', '('])?;
    let close = inner.find(['）', ')'])?;
    let words = &inner[..close];
    let n = words.chars().count();
    if !(1..=4).contains(&n) || !words.chars().all(is_han) {
        return None;
    }
    let bracket = inner[close..].chars().next()?;
    Some(s.len() - inner.len() + close + bracket.len_utf8())
}

/// A name written at the start of a line before a year: "上海市普陀区财政局2024年度……",
/// "一、关于××2025年收支预算……", "第二部分 ××2024年度部门决算".
fn name_at_line_start(text: &str, l: Line) -> Option<(String, Span)> {
    let f = Flow::of(text, l.start, l.end);
    let s = f.s.as_str();
    let mut from = strip_numbering(s);
    if let Some(r) = s[from..].strip_prefix("关于") {
        from = s.len() - r.len();
    }
    let rest = &s[from..];
    if LEADING_WORDS.iter().any(|w| rest.starts_with(w)) {
        return None;
    }
    // The name runs to the first digit (a year) or to 主要职能 / 机构设置 / 概况 at the end of a title.
    let to = if let Some(p) = rest.find(|c: char| c.is_ascii_digit()) {
        let tail = &rest[p..];
        let y = tail.bytes().take_while(u8::is_ascii_digit).count();
        if y != 4 || !tail[y..].starts_with('年') {
            return None;
        }
        p
    } else {
        ["主要职能", "机构设置", "部门概况", "单位概况", "概况"]
            .iter()
            .find_map(|w| rest.strip_suffix(w).map(str::len))?
    };
    let name = &rest[..to];
    if name.chars().count() < 4 || !name.chars().all(|c| is_han(c) || "（）()".contains(c)) {
        return None;
    }
    Some((name.to_string(), f.span(from, from + to)))
}

/// Bytes of leading numbering: `第二部分`, `一、`, `（一）`, `1、`, `1.`.
fn strip_numbering(s: &str) -> usize {
    let numerals = "一二三四五六七八九十";
    let mut i = 0;
    if let Some(r) = s.strip_prefix('第') {
        let n: usize = r
            .chars()
            .take_while(|c| numerals.contains(*c))
            .map(char::len_utf8)
            .sum();
        if r[n..].starts_with("部分") {
            return '第'.len_utf8() + n + "部分".len();
        }
    }
    let n: usize = s
        .chars()
        .take_while(|c| numerals.contains(*c))
        .map(char::len_utf8)
        .sum();
    if n > 0 && s[n..].starts_with('、') {
        return n + '、'.len_utf8();
    }
    if s.starts_with(['（', '(']) {
        let open = s.chars().next().map_or(0, char::len_utf8);
        let n: usize = s[open..]
            .chars()
            .take_while(|c| numerals.contains(*c))
            .map(char::len_utf8)
            .sum();
        if n > 0 && s[open + n..].starts_with(['）', ')']) {
            return open + n + s[open + n..].chars().next().map_or(0, char::len_utf8);
        }
    }
    let d = s.bytes().take_while(u8::is_ascii_digit).count();
    if d > 0 && d < 3 && s[d..].starts_with(['、', '.', '．']) {
        i = d + s[d..].chars().next().map_or(0, char::len_utf8);
    }
    i
}

/// A short line that is a title: ends with 表, 说明, 情况, 概况, 预算 or 决算.
fn is_title_line(t: &str) -> bool {
    let sq = squeeze(t);
    sq.chars().count() <= 45
        && !sq.contains('。')
        && ["表", "说明", "情况", "概况", "预算", "决算", "公开"]
            .iter()
            .any(|w| sq.ends_with(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_forms_are_accepted() {
        let b = "克孜勒苏柯尔克孜自治州政务服务和公共资源交易中心";
        assert!(!differs("克州政务服务和公共资源交易中心", b));
        assert!(!differs("政务服务和公共资源交易中心", b));
        let b = "上海市普陀区规划和自然资源局";
        assert!(!differs("上海市普陀区规划和自然资源局执法大队", b));
        assert!(!differs("普陀区规划和自然资源局", b));
        assert!(!differs("上海市普陀区自然资源确权登记事务中心", b));
        assert!(differs("上海市规划和自然资源局", b));
        assert!(differs("上海市普陀区规划与自然资源局", b));
        assert!(!differs(
            "上海市普陀区数据服务中心",
            "上海市普陀区政务服务中心"
        ));
        assert!(differs(
            "昌吉回族自治州政务服务和公共资源交易中心",
            "哈密市政务服务和公共资源交易中心"
        ));
    }

    #[test]
    fn names_at_line_starts() {
        let t = "第二部分 上海市普陀区财政局 2024 年度部门决算表";
        let l = lines(t)[0];
        assert_eq!(name_at_line_start(t, l).unwrap().0, "上海市普陀区财政局");
        let t = "一、关于哈密市政务服务和公共资源交易中心 2025 年收支预算情况总";
        let l = lines(t)[0];
        assert_eq!(
            name_at_line_start(t, l).unwrap().0,
            "哈密市政务服务和公共资源交易中心"
        );
        let t = "主要原因是2025年人员增加";
        let l = lines(t)[0];
        assert!(name_at_line_start(t, l)
            .is_none_or(|(x, _)| !differs(&x, "哈密市政务服务和公共资源交易中心")));
    }
}
