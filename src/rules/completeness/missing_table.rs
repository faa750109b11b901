//! C401 missing-table: a table of the document's template is not in the text.

use crate::diag::{Diagnostic, Severity};
use crate::model::{DocKind, Table, TableKind};
use crate::rules::context::kind_name;
use crate::rules::{Context, Family, Rule, RuleDoc, Sink};
use crate::syntax::lex::{lines, squeeze};
use crate::syntax::titles::{table_number, title_kind};

pub static RULE: Rule = Rule {
    code: "C401",
    name: "missing-table",
    family: Family::Completeness,
    doc: RuleDoc {
        summary: "缺少模板规定的公开表",
        summary_en: "A table of the document's template is missing",
        what: doc_text!("按识别出的表格判断文件所用模板：新疆等地的 11 张表（表1 收支总体情况表 … 表10 “三公”经费支出情况表、\
               表11 上年结转结余情况明细表）；上海等地的 9 张预算表（财务收支预算总表 … “三公”经费和机关运行经费预算表）；\
               决算的 9 张表（收入支出决算总表 … 国有资本经营预算财政拨款收入支出决算表）。编了号的表若不在模板中该号的位置\
               （北京的预算07表是政府性基金预算支出表，广州的表11是基本支出表），文件用的是本地自己的模板，\
               不按上述模板查缺表，只查编号的缺号（有表6、表8而没有表7）。模板中的每张表都应出现，\
               没有数据的也要列出并说明为空表。出现了但未能读取的表不算缺少（另由 R001 报告）；仅在说明中声明“××表为空表”而公开表中未列出的，仍报告（空表也须列出）；文中有该表标题却未识别为表格的，不作判断；表格以图片发布的文件不检查；只含少数几张表、又没有说明部分的文本视为节选，不检查。"),
        why: doc_text!("《地方预决算公开操作规程》要求公开全部规定表格，空表也须公开并说明。缺表是公开检查中最常见的扣分项。"),
        example: doc_text!("一份新疆模板的单位预算列出了表1至表10，没有表11“上年结转结余情况明细表”，说明中也未提及：报告缺少该表。"),
    },
    check,
};

/// The template a document follows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Template {
    /// Xinjiang's 11 numbered tables.
    Eleven,
    /// The 9 budget tables (Shanghai) or the 9 final-accounts tables.
    Nine,
}

const NINE: &[TableKind] = &[
    TableKind::IncomeExpenditure,
    TableKind::Income,
    TableKind::Expenditure,
    TableKind::FiscalIncomeExpenditure,
    TableKind::GeneralBudget,
    TableKind::GeneralBudgetBasic,
    TableKind::GovernmentFund,
    TableKind::StateCapital,
    TableKind::ThreePublic,
];

const ELEVEN: &[TableKind] = &[
    TableKind::IncomeExpenditure,
    TableKind::Income,
    TableKind::Expenditure,
    TableKind::FiscalIncomeExpenditure,
    TableKind::GeneralBudget,
    TableKind::GeneralBudgetBasic,
    TableKind::GeneralBudgetProjects,
    TableKind::GovernmentFund,
    TableKind::StateCapital,
    TableKind::ThreePublic,
    TableKind::CarryOver,
];

fn is_financial(t: &Table) -> bool {
    !t.kind.is_performance()
}

impl Template {
    fn kinds(self) -> &'static [TableKind] {
        match self {
            Template::Eleven => ELEVEN,
            Template::Nine => NINE,
        }
    }
}

/// The template the document follows, if its tables allow one: a numbered table standing at
/// another kind's place in it (Beijing's 预算07表 is 政府性基金预算支出表, Guangzhou's 表11 基本支出表,
/// Chongqing's 表9 政府采购) shows the document follows a template of its own.
fn template(ctx: &Context, tables: &[&Table]) -> Option<(Template, &'static str)> {
    let accounts = ctx
        .doc
        .facts
        .kind
        .as_ref()
        .is_some_and(|k| k.value == DocKind::FinalAccounts)
        || tables.iter().any(|t| t.title.contains("决算"));
    // Xinjiang's titles end in 情况表 / 明细表 and it has the project and carry-over tables; the
    // 9-table budget set says 预算总表 / 分类预算表.
    let eleven_votes = tables
        .iter()
        .filter(|t| {
            t.title.ends_with("情况表")
                || t.title.ends_with("明细表")
                || matches!(
                    t.kind,
                    TableKind::GeneralBudgetProjects | TableKind::CarryOver
                )
        })
        .count();
    let nine_votes = tables
        .iter()
        .filter(|t| t.title.contains("预算总表") || t.title.contains("预算表"))
        .count();
    let (tpl, name) = if accounts {
        (Template::Nine, "决算公开的 9 张表")
    } else if eleven_votes > nine_votes {
        (Template::Eleven, " 11 张表的预算公开模板（表1 至表11）")
    } else {
        (Template::Nine, " 9 张表的预算公开模板")
    };
    let kinds = tpl.kinds();
    let elsewhere = tables.iter().any(|t| {
        t.number
            .is_some_and(|n| kinds.get(n as usize - 1) != Some(&t.kind))
    });
    (!elsewhere).then_some((tpl, name))
}

/// Words by which a sentence names a table of this kind.
fn words(kind: TableKind) -> &'static [&'static str] {
    match kind {
        TableKind::GovernmentFund => &["政府性基金"],
        TableKind::StateCapital => &["国有资本经营"],
        TableKind::ThreePublic => &["三公"],
        TableKind::CarryOver => &["结转结余"],
        TableKind::GeneralBudgetProjects => &["项目支出"],
        _ => &[],
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    if ctx.doc.tables_as_images {
        sink.skip("表格以图片发布，文本中没有表格，不检查缺表".to_string());
        return;
    }
    let tables: Vec<&Table> = ctx.doc.tables.iter().filter(|t| is_financial(t)).collect();
    if tables.is_empty() {
        sink.skip("文中未识别出任何公开表（见 R004），不检查缺表".to_string());
        return;
    }
    let Some((tpl, tpl_name)) = template(ctx, &tables) else {
        numbering_gaps(ctx, &tables, sink);
        return;
    };
    let kinds = tpl.kinds();
    // A paste of a few tables is an excerpt, not a document missing tables: judge only a whole
    // disclosure (its part headings or narrative are there) or most of a table set.
    let present = kinds
        .iter()
        .filter(|k| tables.iter().any(|t| t.kind == **k))
        .count();
    let whole = ctx.doc.parts.len() >= 2 || ctx.doc.narrative.sections.len() >= 5;
    if !whole && present * 3 < kinds.len() * 2 {
        sink.skip(format!(
            "文本只含 {present} 张公开表且无完整的说明部分，像是节选，不检查缺表"
        ));
        return;
    }
    let text = ctx.text;
    let ls = lines(text);
    for (i, &kind) in kinds.iter().enumerate() {
        sink.checked += 1;
        if tables.iter().any(|t| t.kind == kind) {
            continue;
        }
        // A title line for it, among the tables (not in the table of contents before them), that the
        // reader did not take for a table (no 单位 line near it): the table may be there in a shape
        // not recognised.
        let tables_start = tables.iter().map(|t| t.span.start).min().unwrap_or(0);
        if ls
            .iter()
            .any(|l| l.start >= tables_start && title_kind(l.text(text)) == Some(kind))
        {
            sink.skip(format!(
                "文中有「{}」的标题，但未识别为表格，未判断是否缺表",
                kind_name(kind)
            ));
            continue;
        }
        // Declared empty in the narrative: "……政府性基金预算支出情况表为空表".
        let declared = ls.iter().any(|l| {
            let sq = squeeze(l.text(text));
            (sq.contains("为空表") || sq.contains("无数据"))
                && words(kind).iter().any(|w| sq.contains(w))
        });
        // Point at the table that should precede it (or follow it, for the first).
        let neighbour = kinds[..i]
            .iter()
            .rev()
            .find_map(|k| tables.iter().find(|t| t.kind == *k))
            .map(|t| (t, true))
            .or_else(|| {
                kinds[i + 1..]
                    .iter()
                    .find_map(|k| tables.iter().find(|t| t.kind == *k))
                    .map(|t| (t, false))
            });
        let Some((near, after)) = neighbour else {
            continue;
        };
        let position = match tpl {
            Template::Eleven => format!("表{}", i + 1),
            Template::Nine => format!("第 {} 张表", i + 1),
        };
        sink.push(
            Diagnostic::new(
                RULE.code,
                RULE.name,
                Severity::Warning,
                if declared {
                    // DOMAIN.md: a table with no data must still appear, with its statement.
                    format!(
                        "文件按{tpl_name}编制，说明中称「{}」为空表，但公开表中没有列出{position}（空表也应列出并注明）。",
                        kind_name(kind)
                    )
                } else {
                    format!(
                        "文件按{tpl_name}编制，但缺少{position}「{}」，也未说明该表为空表。",
                        kind_name(kind)
                    )
                },
                format!(
                    "The document follows the {} template but has no 「{}」 table{}.",
                    match tpl {
                        Template::Eleven => "11-table",
                        Template::Nine => "9-table",
                    },
                    kind_name(kind),
                    if declared {
                        " (the narrative calls it empty, but an empty table must still be listed)"
                    } else {
                        " and does not declare it empty"
                    }
                ),
            )
            .primary(
                near.title_span,
                expected_beside(after, &format!("「{}」", kind_name(kind))),
                expected_beside_en(after, &format!("「{}」", kind_name(kind))),
            )
            .note("规定的公开表都应列出，没有数据的应说明为空表 / every table of the template appears, an empty one with a statement that it is empty"),
        );
    }
}

/// A document on a template of its own still numbers its tables: a number missing between them
/// (表6, 表8 but no 表7) is a table left out, unless a line so labelled stands among the tables
/// (a table printed in a shape not recognised).
fn numbering_gaps(ctx: &Context, tables: &[&Table], sink: &mut Sink) {
    let numbers: Vec<u32> = ctx.doc.tables.iter().filter_map(|t| t.number).collect();
    let Some(&last) = numbers.iter().max() else {
        sink.skip("公开表不属于已知模板，也未编号，不检查缺表".to_string());
        return;
    };
    let text = ctx.text;
    let tables_start = tables.iter().map(|t| t.span.start).min().unwrap_or(0);
    let labels: Vec<u32> = lines(text)
        .iter()
        .filter(|l| l.start >= tables_start)
        .filter_map(|l| table_number(l.text(text)))
        .collect();
    let numbered = |n: u32| ctx.doc.tables.iter().find(|t| t.number == Some(n));
    for n in (1..last).filter(|n| !numbers.contains(n)) {
        sink.checked += 1;
        if labels.contains(&n) {
            sink.skip(format!(
                "文中有标为表{n}的行，但未识别为表格，未判断是否缺表"
            ));
            continue;
        }
        let Some((near, after)) = (1..n)
            .rev()
            .find_map(numbered)
            .map(|t| (t, true))
            .or_else(|| (n + 1..=last).find_map(numbered).map(|t| (t, false)))
        else {
            continue;
        };
        sink.push(
            Diagnostic::new(
                RULE.code,
                RULE.name,
                Severity::Warning,
                format!("公开表编号到表{last}，但没有表{n}，也未说明缺少的原因。"),
                format!("The tables are numbered up to {last}, but there is no table {n}, and no reason is given."),
            )
            .primary(
                near.title_span,
                expected_beside(after, &format!("表{n}")),
                expected_beside_en(after, &format!("table {n}")),
            )
            .note("公开表按编号连续列出，缺号即缺表 / the tables are numbered in sequence: a number missing is a table missing"),
        );
    }
}

/// The label on the table next to a missing one: the missing table `what` should come after it
/// (`after`) or before it.
fn expected_beside(after: bool, what: &str) -> String {
    format!("此表{}应有{what}", if after { "之后" } else { "之前" })
}

fn expected_beside_en(after: bool, what: &str) -> String {
    format!(
        "{what} expected {} this table",
        if after { "after" } else { "before" }
    )
}
