//! K602 unknown-code: a classification code that is not in the catalogue.

use super::coded_rows;
use crate::classification::{self, Level, Scheme};
use crate::diag::{Diagnostic, Severity};
use crate::rules::{Context, Family, Rule, RuleDoc, Sink};

pub static RULE: Rule = Rule {
    code: "K602",
    name: "unknown-code",
    family: Family::Classification,
    doc: RuleDoc {
        summary: "科目编码不在分类目录中",
        summary_en: "A classification code that is not in the catalogue",
        what: doc_text!("表中每个科目编码都应是《政府收支分类科目》中的编码。内置目录完整收录的部分——支出功能分类的类（3 位）、\
               部门预算支出经济分类的类及 301、302、303 类下的款（2018 年改革后的经济分类；此前年度的文件用旧分类，其款不作判断）——中查不到的编码报告为警告。\
               功能分类的款、项和其他经济分类款的内置目录并不完整（只收常用的），查不到时不作判断，只在覆盖情况中说明；\
               经济分类全国只到款，已知款下的 7 位编码（重庆“3010201 规范性津补贴”）是地方的细化，也不作判断。"),
        why: doc_text!("自编或印错的编码使支出无法归入统一口径，汇总、比较和审核都会出错。"),
        example: doc_text!("某单位基本支出表按自编顺序印“302 10 车辆运行费”：部门预算经济分类 302 类下没有 30210\
                  （公务用车运行费属 30231 公务用车运行维护费），报告编码不在目录中。"),
    },
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    let mut unverifiable = 0usize;
    let mut local = 0usize;
    // The economic 款 are the 2018 reform's: a document of an earlier year used others (wide/129,
    // 2017: 30312 提租补贴).
    let reformed = ctx
        .doc
        .facts
        .year
        .as_ref()
        .is_none_or(|y| y.value >= classification::ECONOMIC_REFORM_YEAR);
    for t in ctx.checkable_tables() {
        let mut unknown: Vec<(String, &crate::model::Row, String)> = Vec::new();
        for c in coded_rows(t) {
            let Some(scheme) = c.scheme else {
                sink.skip(format!(
                    "{}中的编码「{}」既非功能分类（2 开头）也非经济分类（3 开头），未核对",
                    Context::table_name(t),
                    c.code
                ));
                continue;
            };
            let level = Level::of_code(&c.code);
            // The economic classification stops at 款; a 7-digit code under a known 款 is the
            // locality's own detail of it (Chongqing: 3010201 规范性津补贴 under 30102).
            if scheme == Scheme::Economic
                && level == Some(Level::Xiang)
                && classification::is_known(scheme, &c.code[..5])
            {
                local += 1;
                continue;
            }
            // The dictionary holds every function 类 and every economic 类/款 of the departmental
            // classification, but only the common function 款 and 项.
            // Of the economic 款 only those of 301, 302 and 303 (the basic-expenditure classes,
            // observed and published in full) are taken as complete.
            let complete = level == Some(Level::Lei)
                || (scheme == Scheme::Economic
                    && reformed
                    && ["301", "302", "303"].contains(&&c.code[..3]));
            if !complete {
                if !classification::is_known(scheme, &c.code) {
                    unverifiable += 1;
                }
                continue;
            }
            sink.checked += 1;
            if !classification::is_known(scheme, &c.code) {
                unknown.push((c.code.clone(), c.row, c.name.to_string()));
            }
        }
        if unknown.is_empty() {
            continue;
        }
        let tname = Context::table_name(t);
        let list = unknown
            .iter()
            .map(|(c, _, n)| format!("{c} {n}"))
            .collect::<Vec<_>>()
            .join("、");
        let (code, row, name) = &unknown[0];
        let mut d = Diagnostic::new(
            RULE.code,
            RULE.name,
            Severity::Warning,
            format!(
                "{tname}有 {} 个编码不在分类目录中：{list}。可能是自编的科目或印错的编码。",
                unknown.len()
            ),
            format!(
                "{tname} prints {} code(s) that are not in the classification catalogue: {list}.",
                unknown.len()
            ),
        )
        .primary(
            row.code_span.unwrap_or(row.label_span),
            format!("目录中无编码 {code}（{name}）"),
            format!("no code {code} in the catalogue"),
        );
        for (code, row, _) in &unknown[1..] {
            d = d.related(
                row.code_span.unwrap_or(row.label_span),
                format!("目录中也无编码 {code}"),
                format!("no code {code} either"),
            );
        }
        d = d.note("部门预算支出经济分类的类、款与支出功能分类的类均有统一编码 / departmental economic codes and function classes are fixed by the catalogue");
        sink.push(d);
    }
    if unverifiable > 0 {
        sink.skip(format!(
            "{unverifiable} 个功能分类款、项编码不在内置目录中（内置目录只收常用款项），无法判断是否有效"
        ));
    }
    if local > 0 {
        sink.skip(format!(
            "{local} 个 7 位经济分类编码是地方在款下的细化（全国目录只到款），未核对"
        ));
    }
}
