//! X204 three-public-vs-basic: the “三公” table's items against the same items of the 基本支出表
//! (经济分类 302 12 因公出国（境）费用, 302 17 公务接待费, 302 31 公务用车运行维护费, 310 13 公务用车购置).

use super::common::{
    basic_cell, basic_columns, column, column_total, compare, econ_code, find, is_final,
    spaced_code, unit_note, Figure, Found, Verdict,
};
use crate::diag::{Diagnostic, Severity};
use crate::model::{column_period, Period, Table, TableKind};
use crate::rules::{Context, Family, Rule, RuleDoc, Sink};
use rust_decimal::Decimal;

pub static RULE: Rule = Rule {
    code: "X204",
    name: "three-public-vs-basic",
    family: Family::CrossTable,
    doc: RuleDoc {
        summary: "“三公”经费表与基本支出表中的公务接待费、公务用车运行费等不相符",
        summary_en: "The “three public” items disagree with the same items of the basic spending table",
        what: doc_text!("“三公”经费表的因公出国（境）费、公务接待费、公务用车运行费、公务用车购置费，分别与一般公共预算基本支出表\
               经济分类 302 12 因公出国（境）费用、302 17 公务接待费、302 31 公务用车运行维护费、310 13 公务用车购置比较。\
               “三公”经费统计的是全部财政拨款安排的该项支出，既可来自基本支出，也可来自项目支出，因此：\
               （1）基本支出表中的数大于“三公”表的数，不可能成立：报告为错误（能由舍入解释时为尾差）；\
               （2）“三公”表的数大于基本支出表的数，差额只能由项目支出安排：若项目支出总额（“三公”表按一般公共预算列示时为\
               一般公共预算项目支出，否则为各财政拨款的项目支出）也容纳不下这一差额，报告为错误；否则报告为警告，\
               请人工核对项目预算中是否确有这笔支出；\
               （3）两者相等（含元与万元换算后四舍五入一致，如 15,250 元与 1.53 万元）不报告。\
               “三公”表数字所在列不能确定时不作判断；基本支出表列到款级而没有该款时按 0 比较。"),
        why: doc_text!("“三公”经费是公开的重点；表中数字与基本支出的经济分类明细不相符，往往是两张表分别填报、未核对所致。"),
        example: doc_text!("“三公”表公务接待费 28.50 万元，基本支出表 302 17 公务接待费 185,000 元（18.50 万元）：\
                  多出的 10.00 万元只能来自项目支出，报告警告；若基本支出表印为 385,000 元，大于 28.50 万元，报告错误。"),
    },
    check,
};

#[derive(Clone, Copy)]
struct Item {
    name: &'static str,
    name_en: &'static str,
    code: &'static str,
    econ_name: &'static str,
    matches: fn(&str) -> bool,
}

const ITEMS: [Item; 4] = [
    Item {
        name: "因公出国（境）费",
        name_en: "official travel abroad",
        code: "30212",
        econ_name: "因公出国（境）费用",
        matches: |s| s.contains("出国"),
    },
    Item {
        name: "公务接待费",
        name_en: "official reception",
        code: "30217",
        econ_name: "公务接待费",
        matches: |s| s.contains("接待"),
    },
    Item {
        name: "公务用车运行费",
        name_en: "official vehicle running",
        code: "30231",
        econ_name: "公务用车运行维护费",
        matches: |s| s.contains("运行") && !s.contains("购置") && !s.contains("机关"),
    },
    Item {
        name: "公务用车购置费",
        name_en: "official vehicle purchase",
        code: "31013",
        econ_name: "公务用车购置",
        matches: |s| s.contains("购置") && !s.contains("运行"),
    },
];

/// Which appropriations a “三公” figure covers.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scope {
    General,
    All,
}

/// The “三公” figure of an item, and what it covers.
fn three_public<'a>(ctx: &Context, t: &'a Table, item: &Item) -> Option<(Figure<'a>, Scope)> {
    // One row of figures with a column per item (Shanghai). A final account printing the budget
    // beside it (`预算数/…`, `决算数/…`, the central template) is compared by what was spent.
    let of_item: Vec<usize> = (0..t.columns.len())
        .filter(|&c| {
            let (period, name) = column_period(&t.columns[c].name);
            period == Period::Current && (item.matches)(name.rsplit('/').next().unwrap_or(name))
        })
        .collect();
    let spent = is_final(ctx)
        .then(|| {
            of_item
                .iter()
                .copied()
                .find(|&c| t.columns[c].name.starts_with("决算"))
        })
        .flatten();
    if let Some(col) = spent.or(of_item.first().copied()) {
        let row = t.rows.iter().find(|r| !r.cells.is_empty())?;
        return Some((Figure::cell(ctx, t, row, col), Scope::All));
    }
    // A row per item, columns by fund (Xinjiang).
    let row = t.rows.iter().find(|r| (item.matches)(&r.label))?;
    if let Some(col) = column(t, None, &["一般公共预算"]) {
        let f = Figure::cell(ctx, t, row, col);
        if !f.ambiguous {
            return Some((f, Scope::General));
        }
    }
    let col = column(t, None, &["合计"]).unwrap_or(0);
    Some((Figure::cell(ctx, t, row, col), Scope::All))
}

fn basic<'a>(ctx: &Context, found: Found<'a>, item: &Item) -> Option<Figure<'a>> {
    match found {
        Found::Read(t) => {
            let cols = basic_columns(t)?;
            if let Some(row) = t
                .rows
                .iter()
                .find(|r| econ_code(r).as_deref() == Some(item.code))
            {
                return Some(basic_cell(ctx, t, row, &cols));
            }
            // Only a table that goes down to 款 says the item is not there.
            t.rows
                .iter()
                .any(|r| econ_code(r).is_some_and(|c| c.len() == 5))
                .then(|| {
                    Figure::zero(
                        ctx,
                        t,
                        Some(item.code),
                        &format!("{} {}", spaced_code(item.code), item.econ_name),
                    )
                })
        }
        Found::Empty(t) => Some(Figure::zero(ctx, t, Some(item.code), item.econ_name)),
        Found::Unusable => None,
    }
}

/// Project spending that could carry the rest: of the general budget, or of every fund.
fn projects<'a>(ctx: &Context<'a>, scope: Scope) -> Option<Figure<'a>> {
    let of = |kind: TableKind| -> Option<Figure<'a>> {
        match find(ctx, kind).0 {
            Found::Read(t) => {
                let col = column(t, None, &["项目支出"])?;
                column_total(ctx, t, col)
            }
            Found::Empty(t) => Some(Figure::zero(ctx, t, None, "总计")),
            Found::Unusable => None,
        }
    };
    let general = of(TableKind::GeneralBudget).or_else(|| {
        match find(ctx, TableKind::GeneralBudgetProjects).0 {
            Found::Read(t) => column(t, None, &["合计"]).and_then(|c| column_total(ctx, t, c)),
            Found::Empty(t) => Some(Figure::zero(ctx, t, None, "总计")),
            Found::Unusable => None,
        }
    })?;
    match scope {
        Scope::General => Some(general),
        Scope::All => {
            let parts = vec![
                general,
                of(TableKind::GovernmentFund)?,
                of(TableKind::StateCapital)?,
            ];
            Figure::sum(
                parts,
                "各财政拨款项目支出之和".to_string(),
                "project spending of every fund".to_string(),
            )
        }
    }
}

fn amount(f: &Figure, yuan: Decimal) -> String {
    f.amount(yuan)
}

/// `表8「…」「302 17 公务接待费」合计 185000.00 元（折合 18.50 万元）`.
fn described(b: &Figure, s: &Figure) -> String {
    if b.cells.is_empty() {
        match b.what().strip_suffix('）') {
            Some(head) => format!("{head}，按 0 计）"),
            None => format!("{}（按 0 计）", b.what()),
        }
    } else if b.unit != s.unit && b.unit.is_some() && s.unit.is_some() {
        format!("{} {}（折合 {}）", b.what(), b.shown(), s.amount(b.value))
    } else {
        format!("{} {}", b.what(), b.shown())
    }
}

fn described_en(b: &Figure, s: &Figure) -> String {
    if b.cells.is_empty() {
        format!("{} (taken as 0)", b.what_en())
    } else if b.unit != s.unit && b.unit.is_some() && s.unit.is_some() {
        format!("{} {} (= {})", b.what_en(), b.shown(), s.amount(b.value))
    } else {
        format!("{} {}", b.what_en(), b.shown())
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let (t10, why10) = find(ctx, TableKind::ThreePublic);
    let (t6, why6) = find(ctx, TableKind::GeneralBudgetBasic);
    if let Some(w) = why10 {
        sink.skip(w);
    }
    if let Some(w) = why6 {
        sink.skip(w);
    }
    if !t6.usable() {
        return;
    }
    for item in &ITEMS {
        let s = match t10 {
            Found::Read(t) => three_public(ctx, t, item),
            Found::Empty(t) => Some((Figure::zero(ctx, t, None, item.name), Scope::All)),
            Found::Unusable => None,
        };
        let Some((s, scope)) = s else {
            continue;
        };
        let Some(b) = basic(ctx, t6, item) else {
            sink.skip(format!("基本支出表未列到款级，无法核对{}", item.name));
            continue;
        };
        sink.checked += 1;
        if s.ambiguous || b.ambiguous {
            sink.skip(format!(
                "{}：表中数字所在的列不能确定，未与基本支出表核对",
                item.name
            ));
            continue;
        }
        if compare(&s, &b) == Verdict::Consistent {
            continue;
        }
        let diff = amount(&s, (s.value - b.value).abs());
        let b_in_s = amount(&s, b.value);
        if b.value > s.value {
            let severity = if b.interval.lo < s.interval.hi {
                Severity::Rounding
            } else {
                Severity::Error
            };
            let d = Diagnostic::new(
                RULE.code,
                RULE.name,
                severity,
                format!(
                    "{} 为 {}，小于 {}（相差 {diff}）：“三公”经费包含基本支出中的这项支出，不能比它少。",
                    s.what(),
                    s.shown(),
                    described(&b, &s)
                ),
                format!(
                    "{} is {}, less than {} (difference {diff}): the “three public” figure includes the basic spending on it.",
                    s.what_en(),
                    s.shown(),
                    described_en(&b, &s)
                ),
            )
            .primary(
                s.span,
                format!("{}，不应小于 {b_in_s}", s.shown()),
                format!("{}; cannot be less than {b_in_s}", s.shown()),
            )
            .related(b.span, format!("{} {}", b.what(), b.shown()), format!("{} {}", b.what_en(), b.shown()))
            .expected_actual(b_in_s.clone(), s.printed.to_string())
            .note(format!(
                "“三公”{} ≥ 基本支出 {} {} / the “three public” {} is at least the basic spending on it",
                item.name,
                spaced_code(item.code),
                item.econ_name,
                item.name_en
            ));
            sink.push(unit_note(d, &s, &b));
            continue;
        }
        // More than the basic spending: the rest must come from project spending.
        let p = projects(ctx, scope);
        let impossible = p
            .as_ref()
            .is_some_and(|p| s.interval.lo >= b.interval.hi + p.interval.hi);
        let (severity, tail, tail_en) = if impossible {
            let p = p.as_ref().map_or(String::new(), |p| p.shown());
            (
                Severity::Error,
                format!("而可安排的项目支出只有 {p}，容纳不下这一差额"),
                format!("but project spending is only {p}, which cannot hold the difference"),
            )
        } else {
            (
                Severity::Warning,
                "差额只能由项目支出安排，请核对项目预算中是否列有这笔支出".to_string(),
                "the difference can only come from project spending: check that a project budgets it"
                    .to_string(),
            )
        };
        let mut d = Diagnostic::new(
            RULE.code,
            RULE.name,
            severity,
            format!(
                "{} 为 {}，比 {} 多 {diff}；{tail}。",
                s.what(),
                s.shown(),
                described(&b, &s)
            ),
            format!(
                "{} is {}, {diff} more than {}; {tail_en}.",
                s.what_en(),
                s.shown(),
                described_en(&b, &s)
            ),
        )
        .primary(
            s.span,
            format!("{}，基本支出中只有 {b_in_s}", s.shown()),
            format!("{}; basic spending has {b_in_s}", s.shown()),
        )
        .related(b.span, format!("{} {}", b.what(), b.shown()), format!("{} {}", b.what_en(), b.shown()))
        .expected_actual(b_in_s.clone(), s.printed.to_string())
        .note(format!(
            "“三公”{} = 基本支出 {} {} + 项目支出中的同类支出 / the “three public” {} is the basic spending on it plus any project spending on it",
            item.name,
            spaced_code(item.code),
            item.econ_name,
            item.name_en
        ));
        if let (true, Some(p)) = (impossible, &p) {
            for c in &p.cells {
                d = d.related(
                    c.span,
                    format!("{} {}", p.what(), c.value),
                    format!("{} {}", p.what_en(), c.value),
                );
            }
            if p.cells.is_empty() {
                d = d.related(
                    p.span,
                    format!("{}：0", p.what()),
                    format!("{}: 0", p.what_en()),
                );
            }
        }
        sink.push(unit_note(d, &s, &b));
    }
}
