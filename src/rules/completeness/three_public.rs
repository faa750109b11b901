//! C403 three-public-items: the “三公” expenditure split into its four items.

use crate::diag::{Diagnostic, Severity};
use crate::model::TableKind;
use crate::rules::consistency::text::{before, Flow};
use crate::rules::{Context, Family, Rule, RuleDoc, Sink};
use crate::source::Span;

pub static RULE: Rule = Rule {
    code: "C403",
    name: "three-public-items",
    family: Family::Completeness,
    doc: RuleDoc {
        summary: "“三公”经费未细分为四项",
        summary_en: "The “三公” expenditure is not split into its four items",
        what: doc_text!("“三公”经费应分别列明因公出国（境）费、公务用车购置费、公务用车运行（维护）费和公务接待费。\
               在“三公”经费表（各地的表名不同）和说明中的“三公”经费部分里查找这四项；只写合并的\
               “公务用车购置及运行费”而未分出购置与运行的，视为缺项。表或说明任一处列明即可；两处都没有的报告为警告。\
               既无“三公”经费表也无相应说明的，不在此判断（由 C401、C405 报告）；表格以图片发布而说明中未列全的，不作判断。"),
        why: doc_text!("《地方预决算公开操作规程》要求“三公”经费细化公开到因公出国（境）、公务用车购置、公务用车运行、公务接待四项。"),
        example: doc_text!("“三公”经费表只有“因公出国（境）费”“公务接待费”“公务用车购置及运行费”三列，说明中也只写\
                  “公务用车购置及运行费 9.98 万元”：报告未分列公务用车购置费和运行费。"),
    },
    check,
};

const ITEMS: &[(&str, &str)] = &[
    ("因公出国（境）费", "travel abroad"),
    ("公务用车购置费", "vehicle purchase"),
    ("公务用车运行（维护）费", "vehicle operation"),
    ("公务接待费", "official reception"),
];

/// Which of the four items a text states, separately.
fn items_in(s: &str) -> [bool; 4] {
    let abroad = s.contains("出国");
    let reception = s.contains("公务接待") || s.contains("接待费");
    let purchase = s.match_indices("购置").any(|(i, w)| {
        let after = &s[i + w.len()..];
        let near = before(s, i, 6);
        !after.starts_with("及运行")
            && !after.starts_with("和运行")
            && !after.starts_with("及运维")
            && (near.contains('车') || after.starts_with('费'))
    });
    let operation = s.match_indices("运行").any(|(i, w)| {
        let after = &s[i + w.len()..];
        let near = before(s, i, 6);
        !near.ends_with("购置及")
            && !near.ends_with("购置和")
            && !near.ends_with("机关")
            && (near.contains('车') || after.starts_with('费') || after.starts_with("维护费"))
    });
    [abroad, purchase, operation, reception]
}

fn check(ctx: &Context, sink: &mut Sink) {
    let text = ctx.text;
    let mut sources: Vec<(Span, String, String)> = Vec::new();
    for t in ctx
        .doc
        .tables
        .iter()
        .filter(|t| t.kind == TableKind::ThreePublic)
    {
        sources.push((
            t.title_span,
            Context::table_name(t),
            Flow::of(text, t.span.start, t.span.end).s,
        ));
    }
    let has_table = !sources.is_empty();
    let secs = &ctx.doc.narrative.sections;
    for (i, sec) in secs.iter().enumerate() {
        let h: String = sec.heading.chars().filter(|c| !c.is_whitespace()).collect();
        if !h.contains("三公") || h.contains('：') || h.contains(':') {
            continue;
        }
        let end = secs[i + 1..]
            .iter()
            .find(|n| n.level <= sec.level)
            .map_or(text.len(), |n| n.span.start);
        let body = Flow::of(text, sec.span.start, end).s;
        sources.push((sec.span, format!("说明「{h}」"), body));
    }
    if sources.is_empty() {
        sink.skip("文中既无“三公”经费表，也无“三公”经费说明".to_string());
        return;
    }
    let mut present = [false; 4];
    for (_, _, s) in &sources {
        for (p, q) in present.iter_mut().zip(items_in(s)) {
            *p |= q;
        }
    }
    sink.checked += ITEMS.len();
    let missing: Vec<usize> = (0..4).filter(|&k| !present[k]).collect();
    if missing.is_empty() {
        return;
    }
    if !has_table && ctx.doc.tables_as_images {
        sink.skip("表格以图片发布，“三公”经费表可能已列明各项，仅凭说明不作判断".to_string());
        return;
    }
    let names: Vec<&str> = missing.iter().map(|&k| ITEMS[k].0).collect();
    let names_en: Vec<&str> = missing.iter().map(|&k| ITEMS[k].1).collect();
    let where_: Vec<&str> = sources.iter().map(|s| s.1.as_str()).collect();
    let Some((first, rest)) = sources.split_first() else {
        return;
    };
    let mut d = Diagnostic::new(
        RULE.code,
        RULE.name,
        Severity::Warning,
        format!(
            "“三公”经费未分项列明{}（查看了{}）。",
            names
                .iter()
                .map(|n| format!("「{n}」"))
                .collect::<Vec<_>>()
                .join("、"),
            where_.join("、")
        ),
        format!(
            "The “三公” expenditure does not state {} separately.",
            names_en.join(", ")
        ),
    )
    .primary(
        first.0,
        format!("未分列{}", names.join("、")),
        format!("{} not stated", names_en.join(", ")),
    );
    for s in rest {
        d = d.related(s.0, format!("{}也未分列", s.1), "not stated here either");
    }
    d = d.note("“三公”经费 = 因公出国（境）费 + 公务用车购置费 + 公务用车运行费 + 公务接待费 / the four items of “三公” spending");
    sink.push(d);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn combined_vehicle_item_is_not_a_split() {
        assert_eq!(
            items_in("因公出国（境）费公务接待费公务用车购置及运行费机关运行经费"),
            [true, false, false, true]
        );
        assert_eq!(
            items_in("公务用车购置及运行费小计购置费运行费"),
            [false, true, true, false]
        );
        assert_eq!(
            items_in("其中：公务用车购置费0.00万元，公务用车运行费0.50万元"),
            [false, true, true, false]
        );
    }
}
