//! N311 absence-claim: the narrative says a fund or a 三公 item has nothing ("没有使用政府性基金预算
//! 拨款安排的支出", "国有资本经营预算未安排", "未安排因公出国（境）费") while a table prints an amount.

use super::link::{three_key, three_targets};
use crate::diag::{Diagnostic, Severity};
use crate::model::{
    fiscal_fund, RowKind, Side, Table, TableKind, FISCAL_FUNDS, FISCAL_FUND_TABLES,
};
use crate::rules::consistency::text::{years, BREAK};
use crate::rules::{Context, Family, Rule, RuleDoc, Sink};
use crate::source::{ceil_char_boundary, Span};
use rust_decimal::Decimal;

pub static RULE: Rule = Rule {
    code: "N311",
    name: "absence-claim",
    family: Family::Narrative,
    doc: RuleDoc {
        summary: "说明称没有（未安排）的资金或经费，表中却有金额",
        summary_en: "The text says a fund or a cost is absent, but a table prints an amount for it",
        what: doc_text!("说明中“没有使用政府性基金（国有资本经营）预算拨款安排的支出”“无政府性基金预算拨款和国有资本经营预算”\
               “政府性基金预算未安排”等说法，与政府性基金（国有资本经营）预算支出表的合计、财政拨款收支总表中该资金来源的收入和支出总计比较；\
               “未安排因公出国（境）费”“无公务接待费”等说法，与“三公”经费表中该项的金额比较。表中金额大于 0 时两者不能同时成立，报告为错误。\
               说的是别的年度（句中只有其他年份，或“上年”“去年”）时不作判断；“2024 年与 2025 年均未安排”包含本年度，照常判断。\
               金额为 0 或空白、表未读取时不报告（空表说明与表中数字的比较见 C402，说明中的“0 万元”与表格的比较见 N301）。"),
        why: doc_text!("“没有”是最容易被读者直接采信的说法；表中却列了金额，说明文字沿用了旧模板或表格填错，二者必有一处不实。"),
        example: doc_text!("说明写“本部门 2025 年没有使用政府性基金预算拨款安排的支出”，而政府性基金预算支出表合计为 300,000 元：\
                  报告为错误。"),
    },
    check,
};

/// What a claim says is absent.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Absent {
    /// One of [`FISCAL_FUNDS`] (政府性基金, 国有资本经营).
    Fund(usize),
    /// A 三公 item, by its name in the text.
    Item(&'static str),
}

const ITEMS: [&str; 6] = [
    "因公出国（境）费",
    "因公出国(境)费",
    "公务用车购置费",
    "公务用车运行维护费",
    "公务用车运行费",
    "公务接待费",
];

/// Every claim of absence in the prose: the byte range in the prose string and what it denies.
fn claims(s: &str) -> Vec<(usize, usize, Absent)> {
    let mut out = Vec::new();
    for f in [1, 2] {
        let fund = FISCAL_FUNDS[f];
        let before = [
            format!("没有使用{fund}预算"),
            format!("没有{fund}预算"),
            format!("无{fund}预算"),
            format!("未安排{fund}预算"),
        ];
        let after = [format!("{fund}预算未安排"), format!("{fund}预算拨款未安排")];
        for p in before.iter().chain(&after) {
            for (i, _) in s.match_indices(p.as_str()) {
                out.push((i, i + p.len(), Absent::Fund(f)));
            }
        }
        // "无政府性基金预算拨款和国有资本经营预算": the second fund of the same denial.
        for joiner in ["和", "及", "、"] {
            let p = format!("{joiner}{fund}预算");
            for (i, _) in s.match_indices(p.as_str()) {
                let clause = clause_before(s, i);
                let other = FISCAL_FUNDS[3 - f];
                if clause.starts_with(&format!("无{other}"))
                    || clause.contains(&format!("没有{other}"))
                    || clause.contains(&format!("没有使用{other}"))
                {
                    out.push((i + joiner.len(), i + p.len(), Absent::Fund(f)));
                }
            }
        }
    }
    for item in ITEMS {
        for neg in ["未安排", "无", "没有"] {
            let p = format!("{neg}{item}");
            for (i, _) in s.match_indices(p.as_str()) {
                out.push((i, i + p.len(), Absent::Item(item)));
            }
        }
        let p = format!("{item}未安排");
        for (i, _) in s.match_indices(p.as_str()) {
            out.push((i, i + p.len(), Absent::Item(item)));
        }
    }
    out.sort_by_key(|c| c.0);
    out.dedup_by_key(|c| c.0);
    out
}

/// How far back a claim's clause and sentence are looked for (bytes): a bound keeps a text without
/// punctuation from being scanned again for every claim.
const LOOK_BACK: usize = 600;

/// `s[..at]` from its last `stops` character (excluded), at most [`LOOK_BACK`] bytes back.
fn back_to<'s>(s: &'s str, at: usize, stops: &[char]) -> &'s str {
    let lo = ceil_char_boundary(s, at.saturating_sub(LOOK_BACK));
    let window = &s[lo..at];
    let start = window.rfind(stops).map_or(0, |k| {
        k + window[k..].chars().next().map_or(1, char::len_utf8)
    });
    &window[start..]
}

/// The clause of `s` ending at byte `at`: back to the last `，。；：` or break.
fn clause_before(s: &str, at: usize) -> &str {
    back_to(s, at, &['，', '。', '；', '：', BREAK])
}

/// True when the sentence up to the claim is about the document's year: no other year and no
/// 上年/去年 in it, unless "均" puts the document's year among the years named.
fn about_this_year(s: &str, at: usize, year: Option<u16>) -> bool {
    let sentence = back_to(s, at, &['。', BREAK]);
    let named: Vec<u16> = years(sentence).into_iter().map(|y| y.0).collect();
    let both = sentence.contains('均') && year.is_some_and(|y| named.contains(&y));
    if both {
        return true;
    }
    let other = named.iter().any(|y| Some(*y) != year);
    !other && !sentence.contains("上年") && !sentence.contains("去年")
}

/// Whether a table to check the claim against was read, and the printed amount greater than zero
/// it shows, if any: its span, value and where it stands.
type Evidence = (bool, Option<(Span, Decimal, String)>);

fn evidence(ctx: &Context, absent: Absent) -> Evidence {
    match absent {
        Absent::Fund(f) => {
            let kind = FISCAL_FUND_TABLES[f];
            let read = ctx
                .read_tables()
                .any(|t| t.kind == kind || t.kind == TableKind::FiscalIncomeExpenditure);
            (read, fund_amount(ctx, f))
        }
        Absent::Item(item) => {
            let read = ctx.read_tables().any(|t| t.kind == TableKind::ThreePublic);
            let found = three_key(item).and_then(|k| {
                three_targets(ctx, k)
                    .into_iter()
                    .find(|t| t.strong && t.printed > Decimal::ZERO)
                    .map(|t| (t.span, t.printed, t.what))
            });
            (read, found)
        }
    }
}

fn fund_amount(ctx: &Context, f: usize) -> Option<(Span, Decimal, String)> {
    let kind = FISCAL_FUND_TABLES[f];
    let positive = |t: &Table, r: &crate::model::Row, column: usize, what: String| {
        r.cell(column)
            .filter(|c| c.value > Decimal::ZERO)
            .map(|c| (c.span, c.value, format!("{}{what}", Context::table_name(t))))
    };
    for t in ctx.read_tables().filter(|t| t.kind == kind) {
        if let Some(r) = t.rows.iter().find(|r| r.kind == RowKind::Total) {
            if let Some(e) = positive(t, r, 0, format!("「{}」", r.label)) {
                return Some(e);
            }
        }
    }
    for t in ctx
        .read_tables()
        .filter(|t| t.kind == TableKind::FiscalIncomeExpenditure)
    {
        for r in &t.rows {
            let found = match r.side {
                Some(Side::Expenditure) if r.kind == RowKind::Total && r.label.contains("总计") =>
                {
                    let column =
                        (0..t.columns.len()).find(|&c| fiscal_fund(&t.columns[c].name) == Some(f));
                    column.and_then(|c| {
                        positive(t, r, c, format!("「{}」{}列", r.label, t.columns[c].name))
                    })
                }
                Some(Side::Income)
                    if r.kind != RowKind::Total && fiscal_fund(&r.label) == Some(f) =>
                {
                    positive(t, r, 0, format!("收入方「{}」", r.label))
                }
                _ => None,
            };
            if found.is_some() {
                return found;
            }
        }
    }
    None
}

fn check(ctx: &Context, sink: &mut Sink) {
    let prose = ctx.prose();
    let year = ctx.doc.facts.year.as_ref().map(|y| y.value);
    for (from, to, absent) in claims(&prose.s) {
        if !about_this_year(&prose.s, from, year) {
            continue;
        }
        let span = prose.span(from, to);
        let (read, found) = evidence(ctx, absent);
        sink.checked += usize::from(read);
        let Some((at, value, what)) = found else {
            continue;
        };
        let claim = &prose.s[from..to];
        sink.push(
            Diagnostic::new(
                RULE.code,
                RULE.name,
                Severity::Error,
                format!("说明称“{claim}”，而{what}为 {value}：两者不能同时成立。"),
                format!("The text says “{claim}”, but {what} is {value}."),
            )
            .primary(
                span,
                format!("表中为 {value}"),
                format!("the table prints {value}"),
            )
            .related(at, format!("{what} {value}"), format!("{what} {value}"))
            .note("说明中的“没有”应与表中金额一致 / a stated absence agrees with the tables"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claims_of_absence() {
        let s = "收入全部为一般公共预算拨款，无政府性基金预算拨款和国有资本经营预算。";
        let found: Vec<Absent> = claims(s).into_iter().map(|c| c.2).collect();
        assert_eq!(found, vec![Absent::Fund(1), Absent::Fund(2)]);
        let s = "上级政府性基金安排的转移支付资金未安排。政府性基金预算未安排。";
        let found: Vec<Absent> = claims(s).into_iter().map(|c| c.2).collect();
        assert_eq!(found, vec![Absent::Fund(1)]);
        let s = "主要原因是2024年与2025年均未安排因公出国（境）费用；";
        let c = claims(s);
        assert_eq!(c.len(), 1);
        assert!(about_this_year(s, c[0].0, Some(2025)));
        assert!(!about_this_year(s, c[0].0, Some(2026)));
        let s = "2024年无公务接待费";
        assert!(!about_this_year(s, claims(s)[0].0, Some(2025)));
    }
}
