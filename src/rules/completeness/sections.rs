//! C405 missing-section: a required topic of the narrative is not covered.

use crate::diag::{Diagnostic, Severity};
use crate::model::{FigureUnit, PartKind};
use crate::rules::{Context, Family, Rule, RuleDoc, Sink};
use crate::source::Span;

pub static RULE: Rule = Rule {
    code: "C405",
    name: "missing-section",
    family: Family::Completeness,
    doc: RuleDoc {
        summary: "情况说明缺少规定的内容",
        summary_en: "The narrative leaves out a required topic",
        what: doc_text!("情况说明应涵盖：收支总体情况、收入、支出、财政拨款收支、一般公共预算（拨款）、“三公”经费、\
               机关运行经费、政府采购、国有资产占用、预算绩效。各地标题写法不同，故宽松判断：某一主题只要\
               出现在说明的标题中，或说明中有关于它的金额、数量（如“政府采购预算 1486.42 万元”“共有车辆 3 辆”），\
               或正文中有“××情况”“××说明”这样的段首小标题，或“（一）机关运行经费：……”这样冒号前的小标题，即视为已说明；名词解释中的定义（“机关运行经费：是指……”）不算。缺少的主题合为一条警告。没有“情况说明”部分标题、说明标题又很少的文本视为节选，不检查。"),
        why: doc_text!("《地方预决算公开操作规程》规定了预决算说明的内容；漏项是公开检查的常见问题。"),
        example: doc_text!("一份部门预算的说明写了收支、“三公”经费和机关运行经费，却没有政府采购、国有资产占用和绩效目标的情况：\
                  报告缺少这三项。"),
    },
    check,
};

/// A topic: its name, the heading words and the figure-subject words that cover it.
struct Topic {
    name: &'static str,
    en: &'static str,
    headings: &'static [&'static str],
    subjects: &'static [&'static str],
}

const TOPICS: &[Topic] = &[
    Topic {
        name: "收支总体情况",
        en: "overall income and expenditure",
        headings: &[
            "收支总体",
            "收支预算",
            "收支总预算",
            "收入支出决算总体",
            "收入支出预算总体",
            "预算编制说明",
            "预算情况说明",
            "收支情况",
            "收支决算",
        ],
        subjects: &[
            "收支总预算",
            "收支总计",
            "收入支出总计",
            "收入预算",
            "收支预算",
            "收入决算",
        ],
    },
    Topic {
        name: "收入",
        en: "income",
        headings: &["收入预算", "收入决算", "收入情况"],
        subjects: &[
            "收入预算",
            "收入决算",
            "本年收入",
            "财政拨款收入",
            "收入合计",
            "总收入",
            "收入",
        ],
    },
    Topic {
        name: "支出",
        en: "expenditure",
        headings: &["支出预算", "支出决算", "支出情况"],
        subjects: &[
            "支出预算",
            "支出决算",
            "本年支出",
            "支出合计",
            "总支出",
            "支出",
        ],
    },
    Topic {
        name: "财政拨款收支",
        en: "fiscal appropriations",
        headings: &["财政拨款"],
        subjects: &["财政拨款"],
    },
    Topic {
        name: "一般公共预算",
        en: "general public budget",
        headings: &["一般公共预算"],
        subjects: &["一般公共预算"],
    },
    Topic {
        name: "“三公”经费",
        en: "“三公” spending",
        headings: &["三公"],
        subjects: &["三公", "因公出国", "公务接待"],
    },
    Topic {
        name: "机关运行经费",
        en: "administrative running costs",
        headings: &["运行经费"],
        subjects: &["运行经费"],
    },
    Topic {
        name: "政府采购",
        en: "government procurement",
        headings: &["政府采购"],
        subjects: &["政府采购"],
    },
    Topic {
        name: "国有资产占用",
        en: "state assets",
        headings: &["国有资产", "资产占用", "资产占有", "资产情况"],
        subjects: &["车辆", "国有资产", "设备", "用车"],
    },
    Topic {
        name: "预算绩效",
        en: "performance targets",
        headings: &["绩效"],
        subjects: &["绩效"],
    },
];

fn check(ctx: &Context, sink: &mut Sink) {
    let n = &ctx.doc.narrative;
    // Judge only a whole narrative: its part heading, or enough sections. A pasted paragraph or a
    // few tables are an excerpt.
    let explanation = ctx
        .doc
        .parts
        .iter()
        .any(|p| p.kind == PartKind::Explanation);
    if !explanation && n.sections.len() < 5 {
        sink.skip("文本中没有完整的情况说明部分（像是节选），不检查说明内容是否齐全".to_string());
        return;
    }
    let headings: Vec<String> = n
        .sections
        .iter()
        .map(|s| {
            s.heading
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
        })
        // Definitions in the glossary ("1．机关运行经费：是指…") and table-of-contents entries are
        // not sections; a run-in heading before its colon is ("（一）机关运行经费：2025 年…",
        // wide/118).
        .filter_map(|h| match h.split_once(['：', ':']) {
            Some((head, rest)) if !rest.starts_with("是指") && !rest.starts_with('指') => {
                Some(head.to_string())
            }
            Some(_) => None,
            None => Some(h),
        })
        .filter(|h| !h.contains('…') && !h.contains("指"))
        .collect();
    // Run-in headings the reader does not take for sections ("３.绩效目标设置情况。…").
    let prose = ctx.prose();
    let run_in = |w: &str| {
        prose.s.match_indices(w).any(|(i, _)| {
            let after: String = prose.s[i + w.len()..].chars().take(10).collect();
            after.contains("情况") || after.contains("说明")
        })
    };
    let mut missing: Vec<&Topic> = Vec::new();
    for topic in TOPICS {
        sink.checked += 1;
        let in_heading = headings
            .iter()
            .any(|h| topic.headings.iter().any(|w| h.contains(w)))
            || topic.headings.iter().any(|w| run_in(w));
        let in_figures = n.figures.iter().any(|f| {
            topic.subjects.iter().any(|w| f.subject.contains(w))
                || (topic.name == "国有资产占用" && f.unit == FigureUnit::Count("辆".to_string()))
        });
        if !(in_heading || in_figures) {
            missing.push(topic);
        }
    }
    if missing.is_empty() {
        return;
    }
    let names: Vec<&str> = missing.iter().map(|t| t.name).collect();
    let names_en: Vec<&str> = missing.iter().map(|t| t.en).collect();
    let at: Span = ctx
        .doc
        .parts
        .iter()
        .find(|p| p.kind == PartKind::Explanation)
        .map(|p| p.span)
        .or_else(|| n.sections.first().map(|s| s.span))
        .unwrap_or_else(|| {
            let end = ctx.text.find('\n').unwrap_or(ctx.text.len());
            Span::new(0, end)
        });
    sink.push(
        Diagnostic::new(
            RULE.code,
            RULE.name,
            Severity::Warning,
            format!(
                "情况说明中未见以下内容：{}（标题和说明中的金额、数量均未涉及）。",
                names.join("、")
            ),
            format!("The narrative does not cover: {}.", names_en.join(", ")),
        )
        .primary(at, format!("缺少：{}", names.join("、")), format!("missing: {}", names_en.join(", ")))
        .note("预决算说明应涵盖收支、财政拨款、一般公共预算、“三公”经费、机关运行经费、政府采购、国有资产、绩效等 / the required topics of a disclosure's narrative"),
    );
}
