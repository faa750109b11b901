//! What the web app draws, computed (and tested) natively (architecture invariant 5):
//!
//! - [`segments`]: the source text cut into runs, each knowing which findings' labels cover it;
//! - [`view`]: the findings panel's data — the diagnostics grouped by rule family, each rule's
//!   bilingual documentation (reading diagnostics `R…` included), coverage, line count for the gutter;
//! - [`tables`]: each table of the report redrawn as a grid, cells placed in their columns, with the
//!   findings that flag them and the other columns an ambiguous figure could be in;
//! - [`grid`]: the stretches of a text read out of a workbook that the source view draws as the
//!   sheet's grid; [`pages`]: where the pages of a PDF start in its text, marked in the source view;
//! - [`csv`]: the findings as CSV (RFC 4180), with where each stands in the file read.
//!
//! The web app's worker calls [`view`] and [`tables`] (they reach the rule catalogue); the page itself
//! only renders what they return.

use crate::diag::Severity;
use crate::model::{RowKind, Side, TableKind};
use crate::origin::Origins;
use crate::report::{DiagnosticOut, DocumentInfo, Report, Summary};
use crate::rules::{Coverage, Family};
use crate::source::floor_char_boundary;
use serde::{Deserialize, Serialize};

pub mod grid;
pub mod pages;
pub use grid::Grid;
pub use pages::PageStart;

/// One label of one finding covering a segment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mark {
    /// Index into the report's diagnostics.
    pub finding: usize,
    /// Index into that diagnostic's labels.
    pub label: usize,
    pub primary: bool,
    pub severity: Severity,
}

/// A run of the text `start..end` (UTF-8 bytes, on char boundaries) covered by the same labels.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    pub start: usize,
    pub end: usize,
    pub marks: Vec<Mark>,
}

impl Segment {
    /// The most severe primary mark, which decides how the segment is highlighted.
    pub fn primary(&self) -> Option<&Mark> {
        self.marks
            .iter()
            .filter(|m| m.primary)
            .max_by_key(|m| (m.severity, std::cmp::Reverse(m.finding)))
    }
}

/// Cuts `text` into segments at every label boundary of the report's findings. The segments cover
/// the whole text, in order, without overlap.
pub fn segments(text: &str, report: &Report) -> Vec<Segment> {
    // (offset, is_start, mark)
    let mut events: Vec<(usize, bool, Mark)> = Vec::new();
    for (fi, d) in report.diagnostics.iter().enumerate() {
        for (li, l) in d.labels.iter().enumerate() {
            let start = floor_char_boundary(text, l.start);
            let end = floor_char_boundary(text, l.end);
            if start >= end {
                continue;
            }
            let mark = Mark {
                finding: fi,
                label: li,
                primary: l.primary,
                severity: d.severity,
            };
            events.push((start, true, mark));
            events.push((end, false, mark));
        }
    }
    crate::order::sort_by_key(&mut events, |e| (e.0, e.1));
    let mut out = Vec::with_capacity(events.len() + 1);
    let mut active: Vec<Mark> = Vec::new();
    let mut at = 0;
    for (offset, is_start, mark) in events {
        if offset > at {
            out.push(Segment {
                start: at,
                end: offset,
                marks: active.clone(),
            });
            at = offset;
        }
        if is_start {
            active.push(mark);
        } else if let Some(i) = active.iter().position(|m| *m == mark) {
            active.remove(i);
        }
    }
    if at < text.len() || out.is_empty() {
        out.push(Segment {
            start: at,
            end: text.len(),
            marks: Vec::new(),
        });
    }
    out
}

/// Everything the findings panel and the source view need besides the text itself.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct View {
    pub document: DocumentInfo,
    pub summary: Summary,
    /// The report's diagnostics, in report order (by position): the order of F8.
    pub diagnostics: Vec<DiagnosticOut>,
    pub coverage: Vec<Coverage>,
    /// The segments of [`segments`], also cut where the source view starts a new block.
    pub segments: Vec<Segment>,
    /// The source view's blocks: whole lines, about [`BLOCK_BYTES`] each.
    pub blocks: Vec<Block>,
    /// The sheets of a text read out of workbooks and the tables of one read out of PDFs, which the
    /// source view draws as grids; in text order.
    pub grids: Vec<Grid>,
    /// Where the pages of a text read out of PDFs start (each starts a block).
    pub pages: Vec<PageStart>,
    /// Lines of the text (at least 1), for placing findings in the gutter.
    pub lines: usize,
    /// The diagnostics by rule family, families in catalogue order, reading issues last.
    pub groups: Vec<Group>,
    /// The documentation of every rule that has a finding or a coverage entry.
    pub rules: Vec<RuleInfo>,
    /// Tables found, by status.
    pub tables_found: usize,
}

/// The findings of one rule family.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    /// Stable key: `arithmetic`, `cross_table`, …, `reading`.
    pub family: String,
    pub name: String,
    pub name_en: String,
    /// Indices into [`View::diagnostics`], in report order.
    pub findings: Vec<usize>,
}

/// A rule's family and documentation, owned (for the wire).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleInfo {
    pub code: String,
    pub name: String,
    pub family: String,
    pub family_name: String,
    pub family_name_en: String,
    pub summary: String,
    pub summary_en: String,
    pub what: String,
    pub why: String,
    pub example: String,
}

/// Family key and names of the reading diagnostics (`R…`, see `crate::reading`).
const READING: (&str, &str, &str) = ("reading", "读取情况", "How the text was read");

fn family_key(f: Family) -> &'static str {
    match f {
        Family::Arithmetic => "arithmetic",
        Family::CrossTable => "cross_table",
        Family::Narrative => "narrative",
        Family::Completeness => "completeness",
        Family::Consistency => "consistency",
        Family::Classification => "classification",
    }
}

/// The codes of the reading diagnostics (documented by [`rule_info`] like the rules).
pub const READING_CODES: [&str; 6] = ["R001", "R002", "R003", "R004", "R005", "R006"];

/// Documentation of the reading diagnostics, which are not rules of the catalogue.
fn reading_doc(code: &str) -> Option<(&'static str, [&'static str; 5])> {
    Some(match code {
        "R001" => (
            "table-unread",
            [
                "未能读取表格",
                "A table could not be read",
                doc_text!("表格的行与列无法可靠还原（例如数字无法对应到列，或表内上下级关系大多不成立）时，该表整张不读、不参与校验，而不是按猜测的结果校验。附注说明怎样可以读出：粘贴的文本，可改贴从原表格复制的制表符分隔文本；PDF，可一并拖入制作它的 Excel 表格；工作表，请核对表头。"),
                doc_text!("没有读取的表不会被当作“没有问题”：其中的数字未经核对。"),
                doc_text!("PDF 转出的文本把一行的数字打散到别处，表内运算无法确定各数所在的行。"),
            ],
        ),
        "R002" => (
            "column-ambiguous",
            [
                "数字所在的列无法唯一确定",
                "The column of a figure is not fixed",
                doc_text!("文本丢失了空单元格时，一个数的位置不能说明它在哪一列；表内运算能排除的列已排除，仍有多种可能时按最常见的列读取，并列出其他可能。"),
                doc_text!("按所选的列核对；若实际在另一列，相关结论可能不同，请对照原表确认。"),
                doc_text!("201 03 01 行政运行 13.38 13.38 在“合计/基本支出/项目支出”表中，第二个数可能是基本支出，也可能是项目支出。"),
            ],
        ),
        "R003" => (
            "tables-as-images",
            [
                "表格以图片形式发布",
                "The tables are images",
                doc_text!("文中的表格位置只有图片（[图片: …]），没有可读的数字；只能校验文字说明。"),
                doc_text!("表格中的数字未经核对；请取得文字版或表格文件。"),
                doc_text!("网页版公开文本中，各表为截图。"),
            ],
        ),
        "R004" => (
            "no-tables",
            [
                "未识别到预算公开表格",
                "No disclosure table recognised",
                doc_text!("文本中没有找到任何预算或决算公开表（按表名及其“单位：”行等特征识别）。"),
                doc_text!("没有表格就无法核对数字；请确认粘贴的是完整的公开文本。"),
                doc_text!("只粘贴了情况说明部分。"),
            ],
        ),
        "R005" => (
            "text-too-large",
            [
                "文本过大，未作校验",
                "The text is too large to check",
                doc_text!("超过 16 MB 的文本不作校验（最大的真实公开文本约 0.4 MB）：校验时间和内存随文本增长，过大的输入会让页面或命令长时间无响应。"),
                doc_text!("这样大的文本通常是多份公开文本拼在一起；拆开后逐份校验，每份的结论才清楚。"),
                doc_text!("把一个区全部单位的预算公开合成一个文件粘贴。"),
            ],
        ),
        "R006" => (
            "table-partly-read",
            [
                "表格只读取了一部分",
                "A table was read in part",
                doc_text!("表格读出了，但其中一部分没有读取或没有核对：收支总表的支出方按功能分类、部门经济分类、政府经济分类并列列示同一笔支出时，只读取第一组（按功能分类，与其他各表对应），其余各组未参与校验；表内按预算单位逐一列示科目（各单位下重复列出同一科目）时，只核对各单位自身的加总，这些科目的金额不与其他各表对照。"),
                doc_text!("未读取的部分中的数字未经核对，不能视为“没有问题”。"),
                doc_text!("西安市部门综合预算收支总表：支出方并列“支出功能分类科目”“部门预算支出经济分类科目”“政府预算支出经济分类科目”三组，各以本年支出合计收尾。"),
            ],
        ),
        _ => return None,
    })
}

/// The family and documentation of a rule or reading diagnostic.
pub fn rule_info(code: &str) -> Option<RuleInfo> {
    if let Some(rule) = crate::rules::find(code) {
        return Some(RuleInfo {
            code: rule.code.to_string(),
            name: rule.name.to_string(),
            family: family_key(rule.family).to_string(),
            family_name: rule.family.name_zh().to_string(),
            family_name_en: rule.family.name_en().to_string(),
            summary: rule.doc.summary.to_string(),
            summary_en: rule.doc.summary_en.to_string(),
            what: rule.doc.what.to_string(),
            why: rule.doc.why.to_string(),
            example: rule.doc.example.to_string(),
        });
    }
    let (name, [summary, summary_en, what, why, example]) = reading_doc(code)?;
    Some(RuleInfo {
        code: code.to_string(),
        name: name.to_string(),
        family: READING.0.to_string(),
        family_name: READING.1.to_string(),
        family_name_en: READING.2.to_string(),
        summary: summary.to_string(),
        summary_en: summary_en.to_string(),
        what: what.to_string(),
        why: why.to_string(),
        example: example.to_string(),
    })
}

/// Sort position of a family key: catalogue order, reading issues and unknown codes last.
fn family_rank(key: &str) -> usize {
    crate::rules::FAMILIES
        .iter()
        .position(|f| f.first().is_some_and(|r| family_key(r.family) == key))
        .unwrap_or(usize::MAX - usize::from(key == READING.0))
}

/// The findings panel's and the source view's data for a checked text; `origins`: where the text
/// stands in the files it was read from (empty for a pasted text).
pub fn view(text: &str, report: &Report, origins: &Origins) -> View {
    let mut rules: Vec<RuleInfo> = Vec::new();
    let codes = report
        .diagnostics
        .iter()
        .map(|d| d.code.as_str())
        .chain(report.coverage.iter().map(|c| c.code.as_str()));
    for code in codes {
        if !rules.iter().any(|r| r.code == code) {
            if let Some(info) = rule_info(code) {
                rules.push(info);
            }
        }
    }
    crate::order::sort_by(&mut rules, |a, b| {
        (family_rank(&a.family), &a.code).cmp(&(family_rank(&b.family), &b.code))
    });
    let mut groups: Vec<Group> = Vec::new();
    for (i, d) in report.diagnostics.iter().enumerate() {
        let (family, name, name_en) = match rules.iter().find(|r| r.code == d.code) {
            Some(r) => (
                r.family.clone(),
                r.family_name.clone(),
                r.family_name_en.clone(),
            ),
            None => ("other".to_string(), "其他".to_string(), "Other".to_string()),
        };
        match groups.iter_mut().find(|g| g.family == family) {
            Some(g) => g.findings.push(i),
            None => groups.push(Group {
                family,
                name,
                name_en,
                findings: vec![i],
            }),
        }
    }
    crate::order::sort_by_key(&mut groups, |g| family_rank(&g.family));
    let mut grids = grid::grids(text, origins);
    let tabbed = grid::tab_tables(text, origins, &grids);
    grids.extend(tabbed);
    crate::order::sort_by_key(&mut grids, |g| g.start);
    let pages = pages::pages(text, origins);
    let (segments, blocks) = blocks(text, segments(text, report), BLOCK_BYTES, &grids, &pages);
    View {
        document: report.document.clone(),
        summary: report.summary.clone(),
        diagnostics: report.diagnostics.clone(),
        coverage: report.coverage.clone(),
        segments,
        blocks,
        grids,
        pages,
        lines: text.split('\n').count(),
        groups,
        rules,
        tables_found: report.tables.len(),
    }
}

/// About how many bytes of text one block of the source view holds.
pub const BLOCK_BYTES: usize = 16 * 1024;

/// A run of consecutive segments that the source view draws as one block: whole lines, so that the
/// browser can skip laying out and painting the blocks off screen, and the page can redraw only the
/// blocks a change of selection touches.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    /// Indices into the segments: `first..end`.
    pub first: usize,
    pub end: usize,
    /// Bytes of text and lines it holds (for the size reserved before it is drawn).
    pub bytes: usize,
    pub lines: usize,
    /// The findings with a label in the block, sorted.
    pub findings: Vec<usize>,
    /// The grid (index into [`View::grids`]) whose lines it holds, if any.
    pub grid: Option<usize>,
    /// The page (index into [`View::pages`]) it starts, if it starts one.
    pub page: Option<usize>,
}

/// A sheet drawn as a grid is cut into blocks of up to this many times the target: most sheets
/// then stay one table, with its columns the same width throughout.
const GRID_BLOCK_FACTOR: usize = 4;

/// Cuts the segments into blocks of whole lines of about `target` bytes: an unmarked segment is cut
/// after the first line end past the target (a marked one never is). Each grid's lines are blocks
/// of their own, and each page starts a block. Returns the segments, cut, and the blocks over them;
/// together they cover the text as before.
pub fn blocks(
    text: &str,
    segments: Vec<Segment>,
    target: usize,
    grids: &[Grid],
    pages: &[PageStart],
) -> (Vec<Segment>, Vec<Block>) {
    let target = target.max(1);
    let grid_at = |at: usize| {
        let i = grids.partition_point(|g| g.end <= at);
        grids.get(i).filter(|g| g.start <= at).map(|_| i)
    };
    // Where a block must start: a grid's first line and the line after its last, a page's first.
    let mut bounds: Vec<usize> = grids
        .iter()
        .flat_map(|g| [g.start, g.end])
        .chain(pages.iter().map(|p| p.start))
        .filter(|&b| b > 0 && b < text.len())
        .collect();
    bounds.sort_unstable();
    bounds.dedup();
    let mut out: Vec<Segment> = Vec::with_capacity(segments.len() + text.len() / target + 1);
    let mut starts: Vec<usize> = vec![0];
    let mut block_start = 0;
    let pieces = segments.into_iter().flat_map(|seg| {
        let inside =
            bounds.partition_point(|&b| b <= seg.start)..bounds.partition_point(|&b| b < seg.end);
        let cuts: Vec<usize> = bounds[inside].to_vec();
        let mut at = seg.start;
        let mut parts = Vec::with_capacity(cuts.len() + 1);
        for cut in cuts.into_iter().chain([seg.end]) {
            parts.push(Segment {
                start: at,
                end: cut,
                marks: seg.marks.clone(),
            });
            at = cut;
        }
        parts
    });
    for seg in pieces {
        if bounds.binary_search(&seg.start).is_ok() && starts.last() != Some(&out.len()) {
            starts.push(out.len());
            block_start = seg.start;
        }
        if !seg.marks.is_empty() || seg.start == seg.end {
            out.push(seg);
            continue;
        }
        let target = match grid_at(seg.start) {
            Some(_) => target * GRID_BLOCK_FACTOR,
            None => target,
        };
        let mut at = seg.start;
        while at < seg.end {
            let mut want = (block_start + target).max(at);
            while want < seg.end && !text.is_char_boundary(want) {
                want += 1;
            }
            let cut = text
                .get(want..seg.end)
                .and_then(|rest| rest.find('\n'))
                .map(|i| want + i + 1);
            match cut {
                Some(cut) => {
                    out.push(Segment {
                        start: at,
                        end: cut,
                        marks: Vec::new(),
                    });
                    starts.push(out.len());
                    block_start = cut;
                    at = cut;
                }
                None => {
                    out.push(Segment {
                        start: at,
                        end: seg.end,
                        marks: Vec::new(),
                    });
                    at = seg.end;
                }
            }
        }
    }
    // A cut at the very end leaves no block behind it.
    if starts.len() > 1 && starts.last() == Some(&out.len()) {
        starts.pop();
    }
    let blocks = starts
        .iter()
        .enumerate()
        .map(|(k, &first)| {
            let end = starts.get(k + 1).copied().unwrap_or(out.len());
            let segs = &out[first..end];
            let (from, to) = (
                segs.first().map_or(0, |s| s.start),
                segs.last().map_or(0, |s| s.end),
            );
            let mut findings: Vec<usize> = segs
                .iter()
                .flat_map(|s| s.marks.iter().map(|m| m.finding))
                .collect();
            findings.sort_unstable();
            findings.dedup();
            Block {
                first,
                end,
                bytes: to - from,
                lines: text.get(from..to).map_or(0, |t| t.matches('\n').count()) + 1,
                findings,
                grid: grid_at(from),
                page: pages.binary_search_by_key(&from, |p| p.start).ok(),
            }
        })
        .collect();
    (out, blocks)
}

/// One table of the report as a grid.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableView {
    pub number: Option<u32>,
    pub kind: TableKind,
    pub title: String,
    pub subject: Option<String>,
    pub unit: Option<String>,
    /// `read`, `empty` or `unread`.
    pub status: String,
    /// Why an unread table was not read, or what of a read table was left out (R006).
    pub reason: Option<String>,
    /// What would help read an unread table.
    pub advice: Option<String>,
    /// Where the table is in the text (UTF-8 bytes).
    pub start: usize,
    pub end: usize,
    /// One section per side of a two-sided table (income, then expenditure), else one.
    pub sections: Vec<SectionView>,
    /// Findings with a label inside the table, in report order.
    pub findings: Vec<usize>,
}

/// Rows under one header.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionView {
    pub side: Option<Side>,
    pub columns: Vec<String>,
    pub rows: Vec<RowView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowView {
    pub code: Option<String>,
    pub label: String,
    pub kind: RowKind,
    /// Nesting for indentation: 0 for totals, classes and items; 1 for 款; 2 for 项.
    pub depth: u8,
    /// One entry per column of the section; `None` where the row has no figure.
    pub cells: Vec<Option<CellView>>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CellView {
    pub value: String,
    pub start: usize,
    pub end: usize,
    /// The labels covering the figure.
    pub marks: Vec<Mark>,
    /// Other columns the figure could be in (an ambiguous placement).
    pub alternatives: Vec<String>,
}

/// Depth of a classification code: 类 (3 digits) 0, 款 (5) 1, 项 (7) 2; economic codes 301 0, 30101 1.
fn code_depth(code: Option<&str>) -> u8 {
    match code.map(str::len) {
        Some(n) if n > 3 => ((n - 3) / 2).min(2) as u8,
        _ => 0,
    }
}

/// Every table of the report as a grid, with the findings' labels on its cells.
pub fn tables(report: &Report) -> Vec<TableView> {
    // Every label, by start, with the longest label's length to bound the search.
    let mut labels: Vec<(usize, usize, Mark)> = Vec::new();
    for (fi, d) in report.diagnostics.iter().enumerate() {
        for (li, l) in d.labels.iter().enumerate() {
            labels.push((
                l.start,
                l.end,
                Mark {
                    finding: fi,
                    label: li,
                    primary: l.primary,
                    severity: d.severity,
                },
            ));
        }
    }
    crate::order::sort_by_key(&mut labels, |l| (l.0, l.1));
    let longest = labels
        .iter()
        .map(|l| l.1.saturating_sub(l.0))
        .max()
        .unwrap_or(0);
    let covering = |start: usize, end: usize| -> Vec<Mark> {
        let from = labels.partition_point(|l| l.0 + longest < start);
        labels[from..]
            .iter()
            .take_while(|l| l.0 < end.max(start + 1))
            .filter(|l| l.0 < end.max(start + 1) && l.1 > start)
            .map(|l| l.2)
            .collect()
    };
    report
        .tables
        .iter()
        .map(|t| {
            let two_sided = t.kind.is_two_sided();
            let sides: Vec<(Option<Side>, &Vec<String>)> = if two_sided {
                let income = if t.income_columns.is_empty() {
                    &t.columns
                } else {
                    &t.income_columns
                };
                vec![
                    (Some(Side::Income), income),
                    (Some(Side::Expenditure), &t.columns),
                ]
            } else {
                vec![(None, &t.columns)]
            };
            let sections: Vec<SectionView> = sides
                .into_iter()
                .map(|(side, columns)| SectionView {
                    side,
                    columns: columns.clone(),
                    rows: t
                        .rows
                        .iter()
                        .filter(|r| {
                            !two_sided
                                || r.side.unwrap_or(Side::Expenditure)
                                    == side.unwrap_or(Side::Expenditure)
                        })
                        .map(|r| {
                            let mut cells: Vec<Option<CellView>> = vec![None; columns.len()];
                            for c in &r.cells {
                                let at = columns
                                    .iter()
                                    .position(|name| *name == c.column)
                                    .filter(|&i| cells[i].is_none());
                                let cell = CellView {
                                    value: c.value.clone(),
                                    start: c.span.start,
                                    end: c.span.end,
                                    marks: covering(c.span.start, c.span.end),
                                    alternatives: c.alternatives.clone(),
                                };
                                match at {
                                    Some(i) => cells[i] = Some(cell),
                                    None => cells.push(Some(cell)),
                                }
                            }
                            RowView {
                                code: r.code.clone(),
                                label: r.label.clone(),
                                kind: r.kind,
                                depth: code_depth(r.code.as_deref()),
                                cells,
                            }
                        })
                        .collect(),
                })
                .filter(|s| !two_sided || !s.rows.is_empty())
                .collect();
            let mut findings: Vec<usize> = covering(t.span.start, t.span.end)
                .into_iter()
                .map(|m| m.finding)
                .collect();
            findings.sort_unstable();
            findings.dedup();
            TableView {
                number: t.number,
                kind: t.kind,
                title: t.title.clone(),
                subject: t.subject.clone(),
                unit: t.unit.clone(),
                status: t.status.clone(),
                reason: t.reason.clone().or_else(|| t.left_unread.clone()),
                advice: t.advice.clone(),
                start: t.span.start,
                end: t.span.end,
                sections,
                findings,
            }
        })
        .collect()
}

/// The columns of the findings CSV ([`csv`]).
pub const CSV_COLUMNS: [&str; 13] = [
    "severity",
    "code",
    "rule",
    "line",
    "column",
    "place",
    "figure",
    "expected",
    "actual",
    "message",
    "message_en",
    "related",
    "notes",
];

/// The findings as CSV (RFC 4180, see [`csv_row`]), one row per finding ([`finding_fields`]), led
/// by a byte-order mark so spreadsheet programs read UTF-8.
pub fn csv(text: &str, diagnostics: &[DiagnosticOut]) -> String {
    let mut out = String::from("\u{feff}");
    out.push_str(&csv_row(&CSV_COLUMNS));
    for d in diagnostics {
        out.push_str(&csv_row(&finding_fields(text, d)));
    }
    out
}

/// A finding's fields, in the order of [`CSV_COLUMNS`]. `place` is where the primary label
/// stands in the file the text was read from (`表3!D12`, `第12页`; empty for a pasted text),
/// `figure` its text; `related` the other labels as `line:column text`, or `place text` when read
/// from a file.
pub fn finding_fields(text: &str, d: &DiagnosticOut) -> [String; 13] {
    let slice = |start: usize, end: usize| -> &str {
        let s = floor_char_boundary(text, start);
        let e = floor_char_boundary(text, end).max(s);
        &text[s..e]
    };
    let primary = d.labels.iter().find(|l| l.primary);
    let related: Vec<String> = d
        .labels
        .iter()
        .filter(|l| !l.primary)
        .map(|l| match &l.origin {
            Some(o) => format!("{o} {}", slice(l.start, l.end)),
            None => format!("{}:{} {}", l.line, l.column, slice(l.start, l.end)),
        })
        .collect();
    [
        d.severity.as_str().to_string(),
        d.code.clone(),
        d.rule.clone(),
        primary.map_or_else(String::new, |l| l.line.to_string()),
        primary.map_or_else(String::new, |l| l.column.to_string()),
        primary
            .and_then(|l| l.origin.as_ref())
            .map_or_else(String::new, ToString::to_string),
        primary.map_or_else(String::new, |l| slice(l.start, l.end).to_string()),
        d.expected.clone().unwrap_or_default(),
        d.actual.clone().unwrap_or_default(),
        d.message.clone(),
        d.message_en.clone(),
        related.join("; "),
        d.notes.join(" | "),
    ]
}

/// One RFC 4180 row: fields holding a comma, quote or line break (or starting or ending with a
/// space) quoted, quotes doubled; CRLF at the end.
pub fn csv_row<S: AsRef<str>>(fields: &[S]) -> String {
    let mut out = String::new();
    for (i, f) in fields.iter().enumerate() {
        let f = f.as_ref();
        if i > 0 {
            out.push(',');
        }
        if f.contains([',', '"', '\n', '\r']) || f.starts_with(' ') || f.ends_with(' ') {
            out.push('"');
            out.push_str(&f.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(f);
        }
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_partition_the_text() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/rules/A101/trigger_rounding.txt"
        ))
        .unwrap();
        let report = crate::check(&text);
        let segs = segments(&text, &report);
        assert_eq!(segs.first().map(|s| s.start), Some(0));
        assert_eq!(segs.last().map(|s| s.end), Some(text.len()));
        assert!(segs
            .windows(2)
            .all(|w| w[0].end == w[1].start && w[0].start < w[0].end));
        // The A101 finding's primary label is drawn on the figure it judges wrong.
        let fi = report
            .diagnostics
            .iter()
            .position(|d| d.code == "A101")
            .unwrap();
        let marked: Vec<&str> = segs
            .iter()
            .filter(|s| s.primary().is_some_and(|m| m.finding == fi))
            .map(|s| &text[s.start..s.end])
            .collect();
        assert_eq!(marked, ["31.03"]);
    }

    fn fixture(path: &str) -> String {
        std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
    }

    /// A reference document of the shared corpus, or `None` when `../shared` is absent.
    fn corpus(name: &str) -> Option<String> {
        std::fs::read_to_string(format!(
            "{}/../shared/corpus/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .ok()
    }

    #[test]
    fn view_groups_findings_by_family_with_their_docs() {
        let text = fixture("tests/fixtures/rules/A101/trigger_rounding.txt");
        let report = crate::check(&text);
        let v = view(&text, &report, &Origins::new());
        assert_eq!(v.diagnostics.len(), report.diagnostics.len());
        assert_eq!(v.lines, text.split('\n').count());
        let a101 = v.diagnostics.iter().position(|d| d.code == "A101").unwrap();
        let group = v
            .groups
            .iter()
            .find(|g| g.findings.contains(&a101))
            .unwrap();
        assert_eq!(
            (group.family.as_str(), group.name.as_str()),
            ("arithmetic", "表内运算")
        );
        // Every finding is in exactly one group.
        let mut all: Vec<usize> = v.groups.iter().flat_map(|g| g.findings.clone()).collect();
        all.sort_unstable();
        assert_eq!(all, (0..v.diagnostics.len()).collect::<Vec<_>>());
        // Every code with a finding or a coverage entry is documented.
        for code in v
            .diagnostics
            .iter()
            .map(|d| &d.code)
            .chain(v.coverage.iter().map(|c| &c.code))
        {
            let info = v.rules.iter().find(|r| &r.code == code).unwrap();
            assert!(!info.summary.is_empty() && !info.what.is_empty(), "{code}");
        }
    }

    #[test]
    fn reading_diagnostics_are_documented_and_grouped_last() {
        for code in READING_CODES {
            let info = rule_info(code).unwrap();
            assert_eq!(info.family, "reading");
            assert!(!info.summary_en.is_empty() && !info.why.is_empty());
        }
        assert!(rule_info("Z999").is_none());
        // Plain prose: only R004 (no tables), in the reading group.
        let text = "本单位2025年预算收入100万元。";
        let v = view(text, &crate::check(text), &Origins::new());
        assert_eq!(v.groups.len(), 1);
        assert_eq!(v.groups[0].family, "reading");
        assert_eq!(v.diagnostics[v.groups[0].findings[0]].code, "R004");
        assert_eq!(v.tables_found, 0);
        assert!(family_rank("reading") > family_rank("arithmetic"));
        assert!(family_rank("other") > family_rank("reading"));
    }

    #[test]
    fn tables_place_cells_in_columns_and_carry_the_findings() {
        let text = fixture("tests/fixtures/rules/A101/trigger_rounding.txt");
        let report = crate::check(&text);
        let grids = tables(&report);
        assert_eq!(grids.len(), 1);
        let t = &grids[0];
        assert_eq!(t.status, "read");
        assert_eq!(t.sections.len(), 1);
        let s = &t.sections[0];
        assert_eq!(s.columns, ["合计", "基本支出", "项目支出"]);
        let a101 = report
            .diagnostics
            .iter()
            .position(|d| d.code == "A101")
            .unwrap();
        assert!(t.findings.contains(&a101));
        let row = s
            .rows
            .iter()
            .find(|r| r.code.as_deref() == Some("21011"))
            .unwrap();
        assert_eq!(row.depth, 1);
        assert_eq!(row.cells.len(), 3);
        let total = row.cells[0].as_ref().unwrap();
        assert_eq!(total.value, "31.03");
        assert_eq!(&text[total.start..total.end], "31.03");
        assert!(total
            .marks
            .iter()
            .any(|m| m.finding == a101 && m.primary && m.severity == Severity::Rounding));
        // The children are related labels of the same finding.
        let child = s
            .rows
            .iter()
            .find(|r| r.code.as_deref() == Some("2101101"))
            .unwrap();
        assert_eq!(child.depth, 2);
        assert!(child
            .cells
            .iter()
            .flatten()
            .any(|c| c.marks.iter().any(|m| m.finding == a101 && !m.primary)));
    }

    #[test]
    fn tables_of_a_reference_document_split_two_sided_tables_and_show_ambiguity() {
        let Some(text) = corpus("000_799292fe1e9c1d1b.txt") else {
            return;
        };
        let report = crate::check(&text);
        let grids = tables(&report);
        assert_eq!(grids.len(), report.tables.len());
        for (g, t) in grids.iter().zip(&report.tables) {
            // Every figure of the report is drawn exactly once, at its own span.
            let drawn: usize = g
                .sections
                .iter()
                .flat_map(|s| &s.rows)
                .map(|r| r.cells.iter().flatten().count())
                .sum();
            let cells: usize = t.rows.iter().map(|r| r.cells.len()).sum();
            assert_eq!(drawn, cells, "{}", t.title);
            if t.kind.is_two_sided() && t.status == "read" {
                let sides: Vec<_> = g.sections.iter().map(|s| s.side).collect();
                assert_eq!(sides, [Some(Side::Income), Some(Side::Expenditure)]);
            }
        }
        // Each R002 finding's figure is drawn with its alternatives and its mark.
        for (fi, d) in report.diagnostics.iter().enumerate() {
            if d.code != "R002" {
                continue;
            }
            let at = d.labels[0].start;
            let cell = grids
                .iter()
                .flat_map(|g| &g.sections)
                .flat_map(|s| &s.rows)
                .flat_map(|r| r.cells.iter().flatten())
                .find(|c| c.start == at)
                .unwrap();
            assert!(!cell.alternatives.is_empty());
            assert!(cell.marks.iter().any(|m| m.finding == fi && m.primary));
        }
    }

    #[test]
    fn blocks_cut_whole_lines_and_keep_the_marks() {
        let Some(one) = corpus("001_6149e9281c444aee.txt") else {
            return;
        };
        let text = one.repeat(4);
        let report = crate::check(&text);
        let before = segments(&text, &report);
        let (segs, blocks) = blocks(&text, before.clone(), 4096, &[], &[]);
        // The segments still partition the text, with the same marks on every byte.
        assert_eq!(segs.first().map(|s| s.start), Some(0));
        assert_eq!(segs.last().map(|s| s.end), Some(text.len()));
        assert!(segs.windows(2).all(|w| w[0].end == w[1].start));
        let marks_at = |segs: &[Segment], at: usize| {
            segs.iter()
                .find(|s| s.start <= at && at < s.end)
                .map(|s| s.marks.clone())
        };
        for at in (0..text.len()).step_by(97) {
            assert_eq!(marks_at(&segs, at), marks_at(&before, at), "at {at}");
        }
        // Blocks cover the segments in order, start at line starts, are about the target long.
        assert!(
            blocks.len() > text.len() / 4096 / 2,
            "{} blocks",
            blocks.len()
        );
        assert_eq!(blocks.first().map(|b| b.first), Some(0));
        assert_eq!(blocks.last().map(|b| b.end), Some(segs.len()));
        assert!(blocks.windows(2).all(|w| w[0].end == w[1].first));
        for b in &blocks {
            let start = segs[b.first].start;
            assert!(start == 0 || text.as_bytes()[start - 1] == b'\n');
            let longest_line = text[start..start + b.bytes]
                .split('\n')
                .map(str::len)
                .max()
                .unwrap_or(0);
            assert!(
                b.bytes <= 4096 + longest_line + 64,
                "block of {} bytes",
                b.bytes
            );
            let inside: Vec<usize> = segs[b.first..b.end]
                .iter()
                .flat_map(|s| s.marks.iter().map(|m| m.finding))
                .collect();
            assert!(inside.iter().all(|f| b.findings.contains(f)));
            assert!(b.findings.iter().all(|f| inside.contains(f)));
        }
        let lines: usize = blocks.iter().map(|b| b.lines - 1).sum::<usize>() + 1;
        assert_eq!(lines, text.split('\n').count());
        // The view uses them.
        let v = view(&text, &report, &Origins::new());
        assert_eq!(v.blocks.last().map(|b| b.end), Some(v.segments.len()));
    }

    #[test]
    fn a_grid_is_a_block_of_its_own() {
        let mut text = "说明\n".repeat(50);
        let mut origins = Origins::new();
        grid::sheet(
            &mut text,
            &mut origins,
            "表1",
            0,
            &[
                (0, &[(0, "项目"), (1, "金额")]),
                (1, &[(0, "合计"), (1, "1.00")]),
            ],
        );
        let (start, end) = (50 * "说明\n".len() + 1, text.len());
        text.push_str("\u{c}后记\n");
        let grids = grid::grids(&text, &origins);
        assert_eq!(grids.len(), 1);
        assert_eq!((grids[0].start, grids[0].end), (start - 1, end));
        let report = crate::check(&text);
        for target in [1, 64, 4096] {
            let (segs, bs) = blocks(&text, segments(&text, &report), target, &grids, &[]);
            assert!(segs.windows(2).all(|w| w[0].end == w[1].start));
            for b in &bs {
                let (from, to) = (segs[b.first].start, segs[b.end - 1].end);
                let inside = grids[0].start <= from && to <= grids[0].end;
                let outside = to <= grids[0].start || grids[0].end <= from;
                assert!(inside || outside, "block {from}..{to} crosses the grid");
                assert_eq!(b.grid.is_some(), inside);
            }
            let in_grid = bs.iter().filter(|b| b.grid.is_some()).count();
            assert_eq!(in_grid, if target == 1 { 2 } else { 1 }, "target {target}");
        }
    }

    #[test]
    fn each_page_starts_a_block_that_knows_it() {
        let page = "第一行\n第二行 12.00\n".repeat(3);
        let text = [page.as_str(); 4].join("\u{c}");
        let pages: Vec<PageStart> = (0..4)
            .map(|k| PageStart {
                start: k * (page.len() + 1),
                page: k as u32 + 1,
                file: None,
            })
            .collect();
        let report = crate::check(&text);
        for target in [1, 4096] {
            let (segs, bs) = blocks(&text, segments(&text, &report), target, &[], &pages);
            for (k, p) in pages.iter().enumerate() {
                let b = bs.iter().find(|b| segs[b.first].start == p.start);
                assert_eq!(b.and_then(|b| b.page), Some(k), "target {target}");
            }
            let marked = bs.iter().filter(|b| b.page.is_some()).count();
            assert_eq!(marked, 4);
        }
    }

    #[test]
    fn blocks_of_short_and_empty_texts() {
        let (segs, bs) = blocks("", segments("", &crate::check("")), 10, &[], &[]);
        assert_eq!(segs.len(), 1);
        assert_eq!(bs.len(), 1);
        assert_eq!((bs[0].first, bs[0].end, bs[0].lines), (0, 1, 1));
        let text = "a\nb\nc\n";
        let (segs, bs) = blocks(text, segments(text, &crate::check(text)), 1, &[], &[]);
        let parts: Vec<&str> = segs.iter().map(|s| &text[s.start..s.end]).collect();
        assert_eq!(parts, ["a\n", "b\n", "c\n"]);
        assert_eq!(bs.len(), 3);
    }

    #[test]
    fn csv_quotes_fields_and_ends_lines_with_crlf() {
        let text = fixture("tests/fixtures/rules/A101/trigger_rounding.txt");
        let report = crate::check(&text);
        let out = csv(&text, &report.diagnostics);
        assert!(out.starts_with("\u{feff}severity,code,rule,line,column,place,figure,"));
        let lines: Vec<&str> = out.trim_end_matches("\r\n").split("\r\n").collect();
        assert_eq!(lines.len(), 1 + report.diagnostics.len());
        let a101 = lines
            .iter()
            .find(|l| l.starts_with("rounding,A101,"))
            .unwrap();
        assert!(a101.contains(",31.03,31.04,31.03,"), "{a101}");

        let mut d = report.diagnostics[0].clone();
        d.message = "含,逗号 \"引号\"\n换行".to_string();
        d.notes = vec!["a".into(), "b".into()];
        let out = csv(&text, &[d]);
        assert!(out.contains(",\"含,逗号 \"\"引号\"\"\n换行\","), "{out}");
        assert!(out.contains(",a | b\r\n"));

        // Read from a workbook: the place of the primary label, and of each related one.
        let mut d = report.diagnostics[0].clone();
        for (k, l) in d.labels.iter_mut().enumerate() {
            l.origin = Some(crate::origin::Origin::Cell {
                file: None,
                sheet: "表3".into(),
                cell: format!("D{}", 12 + k),
            });
        }
        let primary = d.labels.iter().position(|l| l.primary).unwrap();
        let out = csv(&text, &[d.clone()]);
        let row = out.split("\r\n").nth(1).unwrap();
        assert!(row.contains(&format!(",表3!D{},", 12 + primary)), "{row}");
        if let Some(k) = d.labels.iter().position(|l| !l.primary) {
            assert!(row.contains(&format!("表3!D{} ", 12 + k)), "{row}");
        }
    }

    #[test]
    fn csv_rows_quote_what_needs_it() {
        let row = csv_row(&["a,b", "say \"hi\"", "两\n行", "plain", " pad"]);
        assert_eq!(
            row,
            "\"a,b\",\"say \"\"hi\"\"\",\"两\n行\",plain,\" pad\"\r\n"
        );
    }

    #[test]
    fn empty_text_is_one_empty_segment() {
        let report = crate::check("");
        assert_eq!(
            segments("", &report),
            vec![Segment {
                start: 0,
                end: 0,
                marks: Vec::new()
            }]
        );
    }
}
