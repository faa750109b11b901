//! C402 empty-table-statement: a table declared empty that has figures, an empty table without a
//! statement, or a statement about another table.

use crate::diag::{Diagnostic, Severity};
use crate::model::{Table, TableKind, TableStatus};
use crate::rules::consistency::text::Flow;
use crate::rules::{Context, Family, Rule, RuleDoc, Sink};
use crate::source::Span;
use crate::syntax::lex::squeeze;
use rust_decimal::Decimal;

pub static RULE: Rule = Rule {
    code: "C402",
    name: "empty-table-statement",
    family: Family::Completeness,
    doc: RuleDoc {
        summary: "空表说明与表中数字不符，或空表未作说明",
        summary_en: "An empty-table statement contradicts the table, or an empty table says nothing",
        what: doc_text!("三种情况：（1）表内注明“本表为空表”“本表无数据”，表中却印有非零数字——说明与数字不能同时成立，报告为错误；\
               （2）表中没有任何数字，表内和说明中都没有“为空表”一类的说明——报告为警告；“本部门无当年政府性基金预算收支”\
               “没有使用国有资本经营预算拨款安排的支出”“此表如无数字则表示单位无该项支出”“政府性基金拨款支出预算0万元”\
               这类说明本表所示内容为无或为零的话，也算作说明；\
               （3）空表说明讲的是另一张表的内容（如国有资本经营预算表下注“无政府性基金预算……故本表为空表”）——报告为警告。\
               未能读取的表不作判断。"),
        why: doc_text!("空表须公开并说明原因；说明与数字矛盾时读者无法判断哪一个是真的，套用他表的说明则说明未经核对。"),
        example: doc_text!("“三公”经费和机关运行经费预算表中印有合计 47.91、公务接待费 1.35、机关运行经费 443.18，\
                  表下却注“本部门2024年无“三公”经费和机关运行经费预算，故本表为空表”：报告为错误。"),
    },
    check,
};

/// Words by which a statement names what a table of this kind is about.
fn subject(kind: TableKind) -> Option<&'static str> {
    match kind {
        TableKind::GovernmentFund => Some("政府性基金"),
        TableKind::StateCapital => Some("国有资本经营"),
        TableKind::ThreePublic => Some("三公"),
        TableKind::CarryOver => Some("结转结余"),
        _ => None,
    }
}

const SUBJECTS: &[(&str, &str)] = &[
    ("政府性基金", "政府性基金预算"),
    ("国有资本经营", "国有资本经营预算"),
    ("三公", "“三公”经费"),
    ("结转结余", "上年结转结余"),
];

fn is_statement(sq: &str) -> bool {
    sq.contains("为空表")
        || sq.contains("本表无数据")
        || sq.contains("故本表无")
        || sq.contains("本表为空")
}

/// The statement sentence in a table's text: from the statement's start ("注：", "说明：", a `※`
/// row, a full stop) to its "为空表"/"无数据".
fn statement_in(text: &str, t: &Table) -> Option<(Span, String)> {
    let f = Flow::of(text, t.span.start, t.span.end);
    let s = &f.s;
    const WORDS: [&str; 4] = ["为空表", "本表无数据", "故本表无数据", "本表为空"];
    let at = WORDS.iter().filter_map(|w| s.find(w)).min()?;
    // The statement ends at its full stop, or after the longest statement word found there.
    let word_end = WORDS
        .iter()
        .filter_map(|w| {
            s[at..]
                .find(w)
                .filter(|&i| i <= 12)
                .map(|i| at + i + w.len())
        })
        .max()
        .unwrap_or(at);
    let end_word = s[word_end..]
        .find('。')
        .filter(|&i| s[word_end..word_end + i].chars().count() <= 10)
        .map_or(word_end, |i| word_end + i);
    let head = &s[..end_word];
    let start = ["注：", "注:", "说明：", "说明:", "※", "。"]
        .iter()
        .filter_map(|w| {
            head.rfind(w).map(|i| {
                if w.starts_with('※') || *w == "。" {
                    i + w.len()
                } else {
                    i
                }
            })
        })
        .max()
        .filter(|&i| head[i..].chars().count() <= 120)
        .unwrap_or_else(|| {
            // No marker near: the statement's own line.
            let b = f.span(end_word.saturating_sub(1), end_word);
            let line_start = text[..b.start].rfind('\n').map_or(0, |i| i + 1);
            let sq = Flow::of(text, line_start, b.end);
            end_word - sq.s.len().min(end_word)
        });
    let mut start = start.min(end_word);
    while !s.is_char_boundary(start) {
        start -= 1;
    }
    let start = start
        + s[start..end_word]
            .bytes()
            .take_while(u8::is_ascii_digit)
            .count();
    let end = if s[end_word..].starts_with('。') {
        end_word + '。'.len_utf8()
    } else {
        end_word
    };
    Some((f.span(start, end), s[start..end].to_string()))
}

fn check(ctx: &Context, sink: &mut Sink) {
    let text = ctx.text;
    for t in &ctx.doc.tables {
        if t.kind.is_performance() {
            continue;
        }
        let tname = Context::table_name(t);
        match &t.status {
            TableStatus::Unread { .. } => {
                sink.skip(format!("{tname}未能读取，未核对空表说明"));
                continue;
            }
            TableStatus::Read => {
                let Some((span, sentence)) = statement_in(text, t) else {
                    sink.checked += 1;
                    continue;
                };
                sink.checked += 1;
                let nonzero: Vec<_> = t
                    .rows
                    .iter()
                    .flat_map(|r| r.cells.iter())
                    .filter(|c| c.value != Decimal::ZERO)
                    .collect();
                if nonzero.is_empty() {
                    check_subject(t, &tname, span, &sentence, sink);
                    continue;
                }
                let shown: Vec<String> = nonzero
                    .iter()
                    .take(5)
                    .map(|c| c.value.to_string())
                    .collect();
                let mut d = Diagnostic::new(
                    RULE.code,
                    RULE.name,
                    Severity::Error,
                    format!(
                        "{tname}注明为空表（「{sentence}」），但表中印有 {} 个非零数字（{}{}）：说明与数字不能同时成立。",
                        nonzero.len(),
                        shown.join("、"),
                        if nonzero.len() > 5 { "……" } else { "" }
                    ),
                    format!(
                        "{tname} is declared empty but prints {} non-zero figure(s) ({}).",
                        nonzero.len(),
                        shown.join(", ")
                    ),
                )
                .primary(span, format!("声明为空表，但表中有 {} 个非零数字", nonzero.len()), "declared empty, yet the table has figures")
                .expected_actual("0", nonzero[0].value.to_string());
                for c in nonzero.iter().take(5) {
                    d = d.related(
                        c.span,
                        format!("表中数字 {}", c.value),
                        format!("figure {}", c.value),
                    );
                }
                d = d.note(
                    "空表说明只能用于没有数据的表 / only a table without figures is declared empty",
                );
                sink.push(d);
            }
            TableStatus::Empty { statement } => {
                sink.checked += 1;
                let found = statement
                    .map(|s| {
                        // The reader records the statement's last line; take its whole sentence.
                        statement_in(text, t).unwrap_or((s, squeeze(&text[s.start..s.end])))
                    })
                    .or_else(|| statement_in(text, t));
                match found {
                    Some((span, sentence)) => check_subject(t, &tname, span, &sentence, sink),
                    None => {
                        if declared_none(ctx, t) {
                            continue;
                        }
                        sink.push(
                            Diagnostic::new(
                                RULE.code,
                                RULE.name,
                                Severity::Warning,
                                format!("{tname}没有数字，表内和说明中都未说明本表为空表及其原因。"),
                                format!("{tname} has no figures and no statement that it is empty."),
                            )
                            .primary(t.title_span, "空表未作说明", "empty table without a statement")
                            .note("没有数据的表应注明“本表为空表”并说明原因 / an empty table says so and why"),
                        );
                    }
                }
            }
        }
    }
}

/// A statement, in the narrative or in the table's own text, that this table is empty or that
/// there is none of what it shows: "……政府性基金预算支出情况表为空表", "本部门无当年政府性基金预算收支"
/// (wide/123), "没有使用国有资本经营预算拨款安排的支出，故此表无数据" (wide/117), "本表反映……政府性
/// 基金预算收入支出情况，此表如无数字则表示单位无该项支出" (wide/118), "政府性基金拨款支出预算0万元"
/// (wide/102).
fn declared_none(ctx: &Context, t: &Table) -> bool {
    let Some(word) = subject(t.kind) else {
        return false;
    };
    let own = Flow::of(ctx.text, t.span.start, t.span.end);
    [ctx.prose().s.as_str(), own.s.as_str()]
        .iter()
        .flat_map(|s| s.split(['。', '；', ';', '\n']))
        .any(|sentence| says_none(sentence, word))
}

/// The sentence says the table about `word` is empty, or that there is none of it.
fn says_none(sentence: &str, word: &str) -> bool {
    const OF_THE_TABLE: [&str; 3] = ["此表无数据", "此表如无数字", "无该项支出"];
    sentence.contains(word)
        && (is_statement(sentence)
            || OF_THE_TABLE.iter().any(|w| sentence.contains(w))
            || sentence
                .split(['，', ','])
                .any(|clause| denies(clause, word) || states_zero(clause, word)))
}

/// The clause denies `word` just before naming it: "本单位无政府性基金安排的支出", "没有使用国有资本
/// 经营预算拨款", "（无政府性基金支出）" (无锡, a city, is no denial).
fn denies(clause: &str, word: &str) -> bool {
    clause.match_indices(word).any(|(at, _)| {
        let from = clause[..at]
            .char_indices()
            .rev()
            .nth(15)
            .map_or(0, |(i, _)| i);
        let before = &clause[from..at];
        ["没有", "未安排", "未使用", "不涉及"]
            .iter()
            .any(|w| before.contains(w))
            || before
                .match_indices('无')
                .any(|(i, w)| !before[i + w.len()..].starts_with(['锡', '偿']))
    })
}

/// The first figure after `word` in the clause is zero: "国有资本经营预算拨款收入 0 元",
/// "政府性基金支出预算支出0万元".
fn states_zero(clause: &str, word: &str) -> bool {
    clause.match_indices(word).any(|(at, w)| {
        let rest = &clause[at + w.len()..];
        let Some(start) = rest.find(|c: char| c.is_ascii_digit()) else {
            return false;
        };
        let number: String = rest[start..]
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
            .collect();
        number.parse::<Decimal>().is_ok_and(|v| v.is_zero())
    })
}

/// A statement naming another table's subject and not this one's.
fn check_subject(t: &Table, tname: &str, span: Span, sentence: &str, sink: &mut Sink) {
    let Some(own) = subject(t.kind) else { return };
    if sentence.contains(own) {
        return;
    }
    let Some((_, other)) = SUBJECTS
        .iter()
        .find(|(w, _)| *w != own && sentence.contains(w))
    else {
        return;
    };
    let own_name = SUBJECTS
        .iter()
        .find(|(w, _)| *w == own)
        .map_or(own, |x| x.1);
    sink.push(
        Diagnostic::new(
            RULE.code,
            RULE.name,
            Severity::Warning,
            format!("{tname}的空表说明讲的是{other}（「{sentence}」），而本表是{own_name}表：说明疑为套用其他表。"),
            format!("The empty-table statement of {tname} is about {other}, not about this table."),
        )
        .primary(span, format!("说明讲的是{other}，本表是{own_name}"), "the statement is about another table")
        .related(t.title_span, "本表标题", "this table's title")
        .note("空表说明应说明本表为何无数据 / the statement explains why this table is empty"),
    );
}
