//! N312 last-year-change: a 三公 item's change from last year ("公务接待费较上年降低 1.17 万元",
//! "与上年持平") against the last year's and this year's figures the 三公 table prints beside each
//! other (Xi'an's 表13: 上年, 本年, 增减 for every item, 会议费 and 培训费 included).

use super::changes::{direction_en, direction_zh, word};
use super::common::{figure_yuan, printed, show_in, unit_word};
use super::link::{clean_label, three_key, three_period_targets, Key, Target};
use crate::amount::Interval;
use crate::diag::{Diagnostic, Severity};
use crate::model::{Change, Direction, FigureUnit, MoneyUnit, Period};
use crate::rules::{Context, Family, Rule, RuleDoc, Sink};
use rust_decimal::Decimal;

pub static RULE: Rule = Rule {
    code: "N312",
    name: "last-year-change",
    family: Family::Narrative,
    doc: RuleDoc {
        summary: "“三公”等经费与上年相比的增减与表中的上年数、本年数不符",
        summary_en: "A 三公 item's change from last year disagrees with the last year's and this year's figures of the table",
        what: doc_text!("“三公”经费表同时列出上年数和本年数时（如西安的表13：上年、当年、增减变化情况，含会议费、培训费），\
               说明中某一项“较上年增加/减少 A 万元”应等于表中本年数减上年数，“与上年持平”“无变化”应是两数相等\
               （“基本持平”允许小的变化，不作判断）。\
               按区间算术判断：印出的数都有四舍五入，差额在舍入范围之内视为相符，不能相等时报告为错误。\
               只核对主语明确是“三公”经费或其中一项（因公出国（境）费、公务用车购置及运行费、购置费、运行费、公务接待费）\
               以及会议费、培训费的句子；表中没有上年数、表未读取、主语不明时不作判断。"),
        why: doc_text!("与上年比较的增减是读者最关注的数字之一；表中已列出上年数时，说明中的增减额必须与之相符，\
               否则两处必有一处写错。"),
        example: doc_text!("“三公”经费表中公务接待费上年 3.57 万元、当年 3.30 万元，说明却写“公务接待费较上年降低 1.17 万元”：\
                  实际减少 0.27 万元，报告为错误。"),
    },
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    let n = &ctx.doc.narrative;
    let mut without_table = 0usize;
    for c in &n.changes {
        let Some(key) = subject_key(&c.subject) else {
            continue;
        };
        let (Some(last), Some(now)) = (
            one(three_period_targets(ctx, key, Period::Last)),
            one(three_period_targets(ctx, key, Period::Current)),
        ) else {
            without_table += 1;
            continue;
        };
        let Some(stated) = stated_change(ctx, c) else {
            continue;
        };
        sink.checked += 1;
        sink.cover(c.span);
        if let Some(i) = c.amount {
            sink.cover(ctx.doc.narrative.figures[i].span);
        }
        let actual = now.amount.interval().minus(last.amount.interval());
        if actual.intersects(stated) {
            continue;
        }
        sink.push(finding(ctx, c, &last, &now));
    }
    if without_table > 0 {
        sink.skip(format!(
            "{without_table} 处“三公”等经费与上年的比较：表中没有上年数（或表未读取），未核对"
        ));
    }
}

/// The 三公 item (or 会议费, 培训费) a change's subject names: the longest ending of the subject
/// that is an item's name, after words that only say what kind of amount it is
/// (`2020年会议费预算` → 会议费, `本部门当年一般公共预算“三公”经费预算支出` → the 三公 total).
fn subject_key(subject: &str) -> Option<Key> {
    let s = clean_label(subject);
    let mut s = s.as_str();
    for suffix in ["预算支出", "支出预算", "预算", "支出"] {
        if let Some(r) = s.strip_suffix(suffix) {
            s = r;
            break;
        }
    }
    if let Some(k) = three_key(s) {
        return Some(k);
    }
    s.char_indices()
        .skip(1)
        .find_map(|(i, _)| three_key(&s[i..]))
}

/// The one figure found, none when the tables give none or several.
fn one(targets: Vec<Target<'_>>) -> Option<Target<'_>> {
    let mut it = targets.into_iter();
    let first = it.next()?;
    it.next().is_none().then_some(first)
}

/// The change as the text states it, signed, as an interval in 元: ± the amount, or zero for
/// "持平". None when the sentence gives no amount and no 持平, or the amount is not money.
fn stated_change(ctx: &Context, c: &Change) -> Option<Interval> {
    let dir = word(c)?;
    // "基本持平" allows a small change (wide/115 writes it for about 1 %): not judged.
    if dir == Direction::Flat && ctx.text[c.span.start..c.span.end].contains("基本") {
        return None;
    }
    if dir == Direction::Flat {
        return Some(Interval {
            lo: Decimal::ZERO,
            hi: Decimal::ZERO,
        });
    }
    let f = &ctx.doc.narrative.figures[c.amount?];
    let a = figure_yuan(f)?.interval();
    Some(match (dir, c.amount_direction) {
        (Direction::Decrease, _) => Interval::exact(Decimal::ZERO).minus(a),
        (_, Some(_)) => a,
        // A percentage's direction with an amount printed without one: the amount's sign is
        // unknown.
        _ => return None,
    })
}

/// A table figure as printed, with the table's unit.
fn in_table_unit(t: &Target) -> String {
    format!(
        "{}{}",
        t.printed,
        t.table.unit.map_or("", MoneyUnit::as_str)
    )
}

fn finding(ctx: &Context, c: &Change, last: &Target, now: &Target) -> Diagnostic {
    let d = now.amount.value - last.amount.value;
    let actual = if d.is_zero() {
        Direction::Flat
    } else if d > Decimal::ZERO {
        Direction::Increase
    } else {
        Direction::Decrease
    };
    let amount = c.amount.map(|i| &ctx.doc.narrative.figures[i]);
    let unit = amount.map_or(FigureUnit::WanYuan, |f| f.unit.clone());
    let shown = format!("{}{}", show_in(d.abs(), &unit), unit_word(&unit));
    let said = match c.amount {
        Some(i) => format!(
            "{}{}",
            direction_zh(word(c).unwrap_or(actual)),
            printed(&ctx.doc.narrative.figures[i])
        ),
        None => "持平".to_string(),
    };
    let real = if actual == Direction::Flat {
        "持平".to_string()
    } else {
        format!("{}{shown}", direction_zh(actual))
    };
    Diagnostic::new(
        RULE.code,
        RULE.name,
        Severity::Error,
        format!(
            "「{}」较上年{said}，而表中上年为 {}、本年为 {}：实际{real}。",
            c.subject,
            in_table_unit(last),
            in_table_unit(now)
        ),
        format!(
            "「{}」 is said to change by {said} from last year, but the table prints {} last year and {} this year: {} {shown}.",
            c.subject,
            in_table_unit(last),
            in_table_unit(now),
            direction_en(actual)
        ),
    )
    .primary(c.span, format!("实际{real}"), format!("actually {}", direction_en(actual)))
    .related(last.span, format!("上年：{}", last.what), "last year")
    .related(now.span, format!("本年：{}", now.what), "this year")
    .note("增减额 = 本年数 − 上年数 / the change is this year's figure minus last year's")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_item_is_the_longest_ending_of_the_subject() {
        assert_eq!(subject_key("2020年会议费预算"), Some(Key::Meeting));
        assert_eq!(
            subject_key("本部门当年一般公共预算“三公”经费预算支出"),
            Some(Key::Total)
        );
        assert_eq!(subject_key("公务用车运行维护费"), Some(Key::CarRun));
        assert_eq!(subject_key("公务接待费较上年降低"), None);
        assert_eq!(subject_key("一般公共服务支出"), None);
    }
}
