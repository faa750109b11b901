//! S504 placeholder: template placeholders left in the text, doubled punctuation, unbalanced quotes
//! and brackets.

use super::text::{is_han, Flow, BREAK};
use crate::diag::{Diagnostic, Severity};
use crate::rules::{Context, Family, Rule, RuleDoc, Sink};
use crate::source::Span;

pub static RULE: Rule = Rule {
    code: "S504",
    name: "placeholder",
    family: Family::Consistency,
    doc: RuleDoc {
        summary: "模板占位符、重复标点或引号括号不配对",
        summary_en: "Template placeholders, doubled punctuation, unbalanced quotes or brackets",
        what: doc_text!("查找未替换的模板占位符（“XX”“××”“XXX单位”“20XX年”“某某”“＊＊”“□□”紧挨着汉字或数字）；\
               未删改的模板用语：备选的两个词都留着（“下降（增长）”“增加（减少）”），给编写人的说明（“公开时请删除”）；\
               说明文字中连续的标点（“。。”“，，”“，。”）；以及一段说明文字（以表格为界；括号内可含整句）之内\
               中文引号“”、圆括号（）（全角半角视为同一种）、书名号《》不配对：多出的右半边、或到句末仍未闭合的左半边。\
               表格内容不查（单元格常把括号拆到两行）。同类问题合为一条，其余位置作为关联标注。"),
        why: doc_text!("占位符和标点错误说明文本未经校对，公开文件的严肃性受损；引号括号错位还可能改变句意。"),
        example: doc_text!("“4.开展“人民调解协议书检查”、优秀调解案例”活动。”——右引号多了一个；\
                  “信息化建设及运行维护等方面的支出。。”——连续两个句号。"),
    },
    check,
};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Placeholder,
    /// Template wording left unedited: both words of a choice, a note to the drafter.
    Residue,
    Doubled,
    Unbalanced,
}

fn check(ctx: &Context, sink: &mut Sink) {
    let mut hits: Vec<(Kind, Span, String)> = Vec::new();
    placeholders(ctx, sink, &mut hits);
    let prose = ctx.prose();
    residue(prose, sink, &mut hits);
    doubled(prose, sink, &mut hits);
    unbalanced(ctx.prose_unbroken(), sink, &mut hits);
    for kind in [
        Kind::Placeholder,
        Kind::Residue,
        Kind::Doubled,
        Kind::Unbalanced,
    ] {
        let hs: Vec<&(Kind, Span, String)> = hits.iter().filter(|h| h.0 == kind).collect();
        let Some(first) = hs.first() else { continue };
        let (what, what_en, note) = match kind {
            Kind::Placeholder => (
                "文中留有模板占位符",
                "template placeholders are left in the text",
                "公开文本中不应留有“XX”“××”等占位符 / no template placeholders in a published text",
            ),
            Kind::Residue => (
                "文中留有模板的备选用词或编写说明",
                "template wording is left unedited",
                "备选用词应择一，编写说明应在公开前删除 / choose one word of a choice; delete notes to the drafter",
            ),
            Kind::Doubled => (
                "文中有连续重复的标点",
                "doubled punctuation",
                "标点不应重复 / punctuation is not doubled",
            ),
            Kind::Unbalanced => (
                "文中引号或括号不配对",
                "unbalanced quotes or brackets",
                "引号、括号、书名号应成对出现 / quotes and brackets come in pairs",
            ),
        };
        let list = hs
            .iter()
            .map(|h| format!("「{}」", h.2))
            .collect::<Vec<_>>()
            .join("、");
        let mut d = Diagnostic::new(
            RULE.code,
            RULE.name,
            Severity::Warning,
            format!("{what}（{} 处）：{list}。", hs.len()),
            format!("{what_en} ({} place(s)): {list}.", hs.len()),
        )
        .primary(first.1, label(kind, &first.2), label_en(kind));
        for h in &hs[1..] {
            d = d.related(h.1, label(kind, &h.2), label_en(kind));
        }
        d = d.note(note);
        sink.push(d);
    }
}

fn label(kind: Kind, context: &str) -> String {
    match kind {
        Kind::Placeholder => "占位符未替换".to_string(),
        Kind::Residue => "模板用语未删改".to_string(),
        Kind::Doubled => "标点重复".to_string(),
        Kind::Unbalanced => format!("不配对：{context}"),
    }
}

fn label_en(kind: Kind) -> &'static str {
    match kind {
        Kind::Placeholder => "placeholder",
        Kind::Residue => "template wording",
        Kind::Doubled => "doubled punctuation",
        Kind::Unbalanced => "unbalanced",
    }
}

/// Runs of placeholder characters next to a CJK character or a digit, and 某某.
fn placeholders(ctx: &Context, sink: &mut Sink, hits: &mut Vec<(Kind, Span, String)>) {
    let text = ctx.text;
    let mut from = 0;
    for line in text.split_inclusive('\n') {
        let start = from;
        from += line.len();
        // Only a line holding a mark or 某 can hold a placeholder.
        if !line.contains(['X', 'Ｘ', '×', 'x', 'ｘ', '＊', '□', '某'])
            || line.contains("http")
            || line.trim_start().starts_with("[图片")
        {
            continue;
        }
        let f = Flow::of(text, start, start + line.len());
        let chars: Vec<(usize, char)> = f.s.char_indices().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i].1;
            let is_mark = |c: char| matches!(c, 'X' | 'Ｘ' | '×' | 'x' | 'ｘ' | '＊' | '□');
            if is_mark(c) {
                let mut j = i;
                while j < chars.len() && chars[j].1 == c {
                    j += 1;
                }
                if j - i >= 2 {
                    let near = |k: Option<&(usize, char)>| {
                        k.is_some_and(|&(_, c)| is_han(c) || c.is_ascii_digit())
                    };
                    let lower = c == 'x' || c == 'ｘ';
                    // Lower-case x only as "20xx年" style, next to a digit and a CJK character.
                    let ok = if lower {
                        near(i.checked_sub(1).and_then(|k| chars.get(k))) && near(chars.get(j))
                    } else {
                        near(i.checked_sub(1).and_then(|k| chars.get(k))) || near(chars.get(j))
                    };
                    if ok {
                        sink.checked += 1;
                        let end = chars.get(j).map_or(f.s.len(), |x| x.0);
                        let ctx_from = chars[i.saturating_sub(4)].0;
                        let ctx_to = chars.get(j + 4).map_or(f.s.len(), |x| x.0);
                        hits.push((
                            Kind::Placeholder,
                            f.span(chars[i].0, end),
                            f.s[ctx_from..ctx_to].to_string(),
                        ));
                    }
                }
                i = j;
                continue;
            }
            if c == '某' && chars.get(i + 1).is_some_and(|x| x.1 == '某') {
                sink.checked += 1;
                let end = chars.get(i + 2).map_or(f.s.len(), |x| x.0);
                hits.push((
                    Kind::Placeholder,
                    f.span(chars[i].0, end),
                    "某某".to_string(),
                ));
                i += 2;
                continue;
            }
            i += 1;
        }
    }
}

/// "。。", "，，", "，。" … in the prose (whitespace between them ignored).
/// Opposite words a template offers as a choice, printed as "A（B）".
const CHOICES: &[&str] = &[
    "增加", "减少", "增长", "下降", "上升", "提高", "降低", "大于", "小于", "高于", "低于", "多于",
    "少于",
];

/// Notes to the drafter that a template or a reviewer left in the text.
const DRAFTING_NOTES: &[&str] = &["公开时请删除", "公开时删除", "请删除此", "请删除本"];

/// Both words of a choice left in ("下降（增长）27.78%"), and notes to the drafter ("公开时请删除注释").
fn residue(f: &Flow, sink: &mut Sink, hits: &mut Vec<(Kind, Span, String)>) {
    let s = &f.s;
    let mut push = |from: usize, to: usize, sink: &mut Sink| {
        sink.checked += 1;
        hits.push((Kind::Residue, f.span(from, to), s[from..to].to_string()));
    };
    for (i, _) in s.match_indices(['（', '(']) {
        let Some(a) = CHOICES.iter().find(|w| s[..i].ends_with(*w)) else {
            continue;
        };
        let open = s[i..].chars().next().map_or(1, char::len_utf8);
        let after = &s[i + open..];
        let Some(b) = CHOICES.iter().find(|w| after.starts_with(*w) && *w != a) else {
            continue;
        };
        let close = &after[b.len()..];
        if close.starts_with(['）', ')']) {
            let end = s.len() - close.len() + close.chars().next().map_or(0, char::len_utf8);
            push(i - a.len(), end, sink);
        }
    }
    // One note, however many of the phrases it holds ("公开时请删除此段" holds two).
    let mut notes: Vec<(usize, usize)> = DRAFTING_NOTES
        .iter()
        .flat_map(|note| s.match_indices(note).map(|(i, _)| (i, i + note.len())))
        .collect();
    crate::order::sort_by_key(&mut notes, |n| n.0);
    let mut end = 0;
    for (from, to) in notes {
        if from >= end {
            push(from, to, sink);
            end = to;
        }
    }
}

fn doubled(f: &Flow, sink: &mut Sink, hits: &mut Vec<(Kind, Span, String)>) {
    let marks = "。，、；：";
    let s = &f.s;
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    for w in chars.windows(2) {
        let (a, b) = (w[0].1, w[1].1);
        if marks.contains(a) && marks.contains(b) {
            sink.checked += 1;
            let ctx_from = crate::rules::consistency::text::before(s, w[0].0, 8);
            let from = w[0].0 - ctx_from.len();
            hits.push((
                Kind::Doubled,
                f.span(w[0].0, w[1].0 + b.len_utf8()),
                s[from..w[1].0 + b.len_utf8()].to_string(),
            ));
        }
    }
}

/// Quotes and brackets that do not pair within a sentence.
fn unbalanced(f: &Flow, sink: &mut Sink, hits: &mut Vec<(Kind, Span, String)>) {
    let s = &f.s;
    // Blocks end at tables (a parenthesis may hold whole sentences, and the headings the reader
    // finds may be wrapped lines of a sentence).
    let mut start = 0;
    let mut bounds = Vec::new();
    for (i, c) in s.char_indices() {
        if c == BREAK {
            bounds.push((start, i + c.len_utf8()));
            start = i + c.len_utf8();
        }
    }
    bounds.push((start, s.len()));
    for (a, b) in bounds {
        let sentence = &s[a..b];
        if sentence.chars().count() < 2 {
            continue;
        }
        for (open, close) in [("“", "”"), ("（(", "）)"), ("《", "》")] {
            if !sentence.contains(|c: char| open.contains(c) || close.contains(c)) {
                continue;
            }
            sink.checked += 1;
            let mut stack: Vec<usize> = Vec::new();
            for (i, c) in sentence.char_indices() {
                if open.contains(c) {
                    stack.push(a + i);
                } else if close.contains(c) && stack.pop().is_none() {
                    hits.push((
                        Kind::Unbalanced,
                        f.span(a + i, a + i + c.len_utf8()),
                        context(sentence, i, c),
                    ));
                }
            }
            for at in stack {
                let c = s[at..].chars().next().unwrap_or(' ');
                hits.push((
                    Kind::Unbalanced,
                    f.span(at, at + c.len_utf8()),
                    context(sentence, at - a, c),
                ));
            }
        }
    }
}

fn context(sentence: &str, at: usize, c: char) -> String {
    let pre = crate::rules::consistency::text::before(sentence, at, 12);
    let post: String = sentence[at + c.len_utf8()..].chars().take(8).collect();
    format!("{pre}{c}{post}").replace(BREAK, "")
}
