//! The interface's wording, in Chinese (the default) and English.

use budget_lint::Severity;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// The value of `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }

    /// `?lang=en` picks English; anything else Chinese.
    pub fn from_query(value: Option<&str>) -> Lang {
        match value {
            Some(v) if v.eq_ignore_ascii_case("en") => Lang::En,
            _ => Lang::Zh,
        }
    }

    pub fn t(self) -> &'static Texts {
        match self {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }

    /// Picks the Chinese or the English one of two strings.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En if en.is_empty() => zh,
            Lang::En => en,
        }
    }

    pub fn severity(self, s: Severity) -> &'static str {
        let t = self.t();
        match s {
            Severity::Error => t.sev_error,
            Severity::Rounding => t.sev_rounding,
            Severity::Warning => t.sev_warning,
            Severity::Info => t.sev_info,
        }
    }

    pub fn line(self, line: usize) -> String {
        match self {
            Lang::Zh => format!("第 {line} 行"),
            Lang::En => format!("line {line}"),
        }
    }

    pub fn timing(self, check_ms: f64, render_ms: Option<f64>) -> String {
        // Whole milliseconds as integers: no float formatting code in the module.
        let check_ms = check_ms.round() as u64;
        let render = render_ms.map(|r| r.round() as u64);
        match (self, render) {
            (Lang::Zh, Some(r)) => format!("检查用时 {check_ms:.0} ms，显示 {r} ms"),
            (Lang::Zh, None) => format!("检查用时 {check_ms:.0} ms"),
            (Lang::En, Some(r)) => format!("checked in {check_ms:.0} ms, shown in {r} ms"),
            (Lang::En, None) => format!("checked in {check_ms:.0} ms"),
        }
    }

    pub fn checks(self, n: usize) -> String {
        match self {
            Lang::Zh => format!("核对 {n} 处"),
            Lang::En if n == 1 => "1 check".to_string(),
            Lang::En => format!("{n} checks"),
        }
    }

    pub fn loaded_example(self, title: &str) -> String {
        match self {
            Lang::Zh => format!("已载入示例：{title}"),
            Lang::En => format!("Loaded example: {title}"),
        }
    }

    pub fn loading(self, name: &str) -> String {
        match self {
            Lang::Zh => format!("正在载入 {name} …"),
            Lang::En => format!("Loading {name} …"),
        }
    }

    pub fn load_failed(self, name: &str, err: &str) -> String {
        match self {
            Lang::Zh => format!("无法载入 {name}：{err}"),
            Lang::En => format!("Could not load {name}: {err}"),
        }
    }

    /// A file being read: `第 n / N 页` of a PDF, files of a draft.
    pub fn reading(self, name: &str, done: u32, total: u32, pdf: bool) -> String {
        match (self, total, pdf) {
            (Lang::Zh, 0, _) => format!("正在读取 {name} …"),
            (Lang::En, 0, _) => format!("Reading {name} …"),
            (Lang::Zh, _, true) => format!("正在读取 {name} … 第 {done} / {total} 页"),
            (Lang::En, _, true) => format!("Reading {name} … page {done} / {total}"),
            (Lang::Zh, _, false) => format!("正在读取 {name} … 第 {done} / {total} 个文件"),
            (Lang::En, _, false) => format!("Reading {name} … file {done} / {total}"),
        }
    }

    pub fn read_done(self, name: &str, total: u32, pdf: bool) -> String {
        match (self, pdf) {
            (Lang::Zh, true) => format!("已读取 {name}（共 {total} 页）"),
            (Lang::En, true) => format!("Read {name} ({total} pages)"),
            (Lang::Zh, false) => format!("已读取 {name}"),
            (Lang::En, false) => format!("Read {name}"),
        }
    }

    pub fn stopped(self, name: &str) -> String {
        match self {
            Lang::Zh => format!("已停止读取 {name}，编辑框保留原有文本。"),
            Lang::En => format!("Stopped reading {name}; the text box keeps its text."),
        }
    }

    pub fn check_stopped(self, earlier: bool) -> String {
        match (self, earlier) {
            (Lang::Zh, true) => "已停止检查；下方仍是上一次检查的文字和结果。".to_string(),
            (Lang::En, true) => {
                "Check stopped; below are the text and findings of the previous check.".to_string()
            }
            (Lang::Zh, false) => "已停止检查。".to_string(),
            (Lang::En, false) => "Check stopped.".to_string(),
        }
    }

    pub fn unreadable(self, file: &str, message: &str, message_en: &str) -> String {
        match self {
            Lang::Zh => format!("无法读取 {file}：{message}"),
            Lang::En => format!("Could not read {file}: {message_en}"),
        }
    }

    /// Where a figure stands in the file it was read from: `第 12 页`, `表3!D12`, with the file's
    /// name when several were read together.
    pub fn origin(self, origin: &budget_lint::origin::Origin) -> String {
        use budget_lint::origin::Origin;
        match origin {
            Origin::Page { file, page, .. } => self.page(file.as_deref(), *page),
            Origin::Cell { file, sheet, cell } => match file {
                Some(f) => format!("[{f}]{sheet}!{cell}"),
                None => format!("{sheet}!{cell}"),
            },
        }
    }

    /// A page of a PDF: `第 12 页`, with the file's name when several were read.
    pub fn page(self, file: Option<&str>, page: u32) -> String {
        match (self, file) {
            (Lang::Zh, Some(f)) => format!("{f} 第 {page} 页"),
            (Lang::Zh, None) => format!("第 {page} 页"),
            (Lang::En, Some(f)) => format!("{f}, page {page}"),
            (Lang::En, None) => format!("page {page}"),
        }
    }

    pub fn opened(self, name: &str, encoding: &str) -> String {
        match self {
            Lang::Zh => format!("已打开 {name}（{encoding} 编码）"),
            Lang::En => format!("Opened {name} ({encoding})"),
        }
    }

    pub fn tables_found(self, read: usize, empty: usize, unread: usize) -> String {
        match self {
            Lang::Zh => {
                let mut s = format!("读取表格 {read} 张");
                if empty > 0 {
                    s.push_str(&format!("，空表 {empty} 张"));
                }
                if unread > 0 {
                    s.push_str(&format!("，未能读取 {unread} 张"));
                }
                s
            }
            Lang::En => {
                let mut s = if read == 1 {
                    "1 table read".to_string()
                } else {
                    format!("{read} tables read")
                };
                if empty > 0 {
                    s.push_str(&format!(", {empty} empty"));
                }
                if unread > 0 {
                    s.push_str(&format!(", {unread} not read"));
                }
                s
            }
        }
    }

    pub fn narrative_figures(self, n: usize) -> String {
        match self {
            Lang::Zh => format!("说明中的数字 {n} 个"),
            Lang::En => format!("{n} figures in the narrative"),
        }
    }

    pub fn rows(self, n: usize) -> String {
        match self {
            Lang::Zh => format!("{n} 行"),
            Lang::En if n == 1 => "1 row".to_string(),
            Lang::En => format!("{n} rows"),
        }
    }

    pub fn findings_in_table(self, n: usize) -> String {
        match self {
            Lang::Zh => format!("{n} 条发现"),
            Lang::En if n == 1 => "1 finding".to_string(),
            Lang::En => format!("{n} findings"),
        }
    }

    pub fn could_be(self, columns: &[String]) -> String {
        match self {
            Lang::Zh => format!(
                "所在列不能唯一确定，也可能在「{}」列",
                columns.join("」或「")
            ),
            Lang::En => format!(
                "The column is not certain: could also be 「{}」",
                columns.join("」 or 「")
            ),
        }
    }

    pub fn year(self, year: u16) -> String {
        match self {
            Lang::Zh => format!("{year} 年"),
            Lang::En => format!("{year}"),
        }
    }

    pub fn money_unit(self, unit: &str) -> String {
        match self {
            Lang::Zh => format!("金额单位：{unit}"),
            Lang::En => format!("amounts in {unit}"),
        }
    }

    /// 部门预算 / unit final accounts …
    pub fn doc_kind(self, scope: Option<&str>, kind: Option<&str>) -> Option<String> {
        let scope = match (self, scope) {
            (Lang::Zh, Some("department")) => "部门",
            (Lang::Zh, Some("unit")) => "单位",
            (Lang::En, Some("department")) => "department ",
            (Lang::En, Some("unit")) => "unit ",
            _ => "",
        };
        let kind = match (self, kind) {
            (Lang::Zh, Some("budget")) => "预算",
            (Lang::Zh, Some("final_accounts")) => "决算",
            (Lang::En, Some("budget")) => "budget",
            (Lang::En, Some("final_accounts")) => "final accounts",
            _ => return None,
        };
        Some(format!("{scope}{kind}"))
    }
}

/// Fixed wording of the interface.
#[derive(Debug)]
pub struct Texts {
    pub title: &'static str,
    pub tagline: &'static str,
    pub switch_to: &'static str,
    pub switch_to_label: &'static str,
    pub open_file: &'static str,
    pub export_json: &'static str,
    pub export_csv: &'static str,
    pub print: &'static str,
    pub examples: &'static str,
    pub input_label: &'static str,
    pub placeholder: &'static str,
    pub checking: &'static str,
    pub ready: &'static str,
    pub keys_hint: &'static str,
    pub tab_source: &'static str,
    pub tab_tables: &'static str,
    pub source_label: &'static str,
    /// After a sheet's name when its grid goes on from the block before.
    pub continued: &'static str,
    pub gutter_label: &'static str,
    pub findings: &'static str,
    pub filter_label: &'static str,
    pub sev_error: &'static str,
    pub sev_rounding: &'static str,
    pub sev_warning: &'static str,
    pub sev_info: &'static str,
    pub expected: &'static str,
    pub actual: &'static str,
    pub figure: &'static str,
    pub related: &'static str,
    pub notes: &'static str,
    pub rule: &'static str,
    pub rule_what: &'static str,
    pub rule_why: &'static str,
    pub rule_example: &'static str,
    pub rule_in_chinese: &'static str,
    pub rule_loading: &'static str,
    pub not_checked: &'static str,
    pub nothing_skipped: &'static str,
    pub coverage: &'static str,
    pub empty_text: &'static str,
    pub no_tables: &'static str,
    pub no_findings: &'static str,
    pub all_filtered: &'static str,
    pub waiting: &'static str,
    pub status_read: &'static str,
    pub status_empty: &'static str,
    pub status_unread: &'static str,
    pub unread_tables: &'static str,
    pub col_code: &'static str,
    pub col_item: &'static str,
    pub side_income: &'static str,
    pub side_expenditure: &'static str,
    pub drop_here: &'static str,
    pub file_error: &'static str,
    pub tables_as_images: &'static str,
    pub no_position: &'static str,
    pub folded: &'static str,
    pub show_input: &'static str,
    pub stop_reading: &'static str,
    /// Said when a check has run for long.
    pub check_slow: &'static str,
    pub stop_check: &'static str,
}

pub static ZH: Texts = Texts {
    title: "预算公开校验",
    tagline: "粘贴、输入或拖入预算、决算公开文本，每一处发现都标在原文上。全部在本机浏览器中完成，文本不会离开本页。",
    switch_to: "English",
    switch_to_label: "Switch to English",
    open_file: "打开文件…",
    export_json: "导出 JSON",
    export_csv: "导出 CSV",
    print: "打印",
    examples: "示例文档",
    input_label: "公开文本",
    placeholder: "在此粘贴或输入预算、决算公开文本，或把 .txt、PDF、Excel（.xlsx/.xls）、Word（.docx）文件拖到页面上…",
    checking: "正在检查…",
    ready: "检查完成",
    keys_hint: "F8 / Shift+F8：下一条 / 上一条发现 · Enter：展开",
    tab_source: "原文与标注",
    tab_tables: "表格读取情况",
    source_label: "原文，发现标注在相关数字上",
    continued: "（续）",
    gutter_label: "发现在原文中的位置",
    findings: "发现",
    filter_label: "按严重程度筛选",
    sev_error: "错误",
    sev_rounding: "尾差",
    sev_warning: "警告",
    sev_info: "提示",
    expected: "应为",
    actual: "实为",
    figure: "所指数字",
    related: "相关数字",
    notes: "依据",
    rule: "规则说明",
    rule_what: "检查什么",
    rule_why: "为什么重要",
    rule_example: "示例",
    rule_in_chinese: "",
    rule_loading: "正在载入规则说明…",
    not_checked: "未能检查的内容",
    nothing_skipped: "各项规则均已执行，没有跳过的检查。",
    coverage: "校验范围",
    empty_text: "尚无文本。请在上方粘贴或输入预算、决算公开文本，把 .txt 文件拖到页面上，或选择一个示例文档。",
    no_tables: "未识别到预算公开表格。请确认粘贴的是完整的公开文本：每张表需带表名（如“部门收支总体情况表”）和“单位：万元”一行。",
    no_findings: "未发现问题。",
    all_filtered: "所选严重程度下没有发现。",
    waiting: "正在检查…",
    status_read: "已读取",
    status_empty: "空表",
    status_unread: "未能读取",
    unread_tables: "未能读取的表",
    col_code: "科目编码",
    col_item: "项目",
    side_income: "收入",
    side_expenditure: "支出",
    drop_here: "松开鼠标即可打开文件",
    file_error: "无法读取文件",
    tables_as_images: "表格以图片形式发布，无法读取表内数字。",
    no_position: "（无具体位置）",
    folded: "文本较大，为使页面保持流畅，编辑框已收起；下方显示全文与标注。在页面上粘贴（Ctrl+V）新文本即可替换它。",
    show_input: "展开编辑框",
    stop_reading: "停止读取",
    check_slow: "检查用时较长（文本很大），可以等待，也可以停止。",
    stop_check: "停止检查",
};

pub static EN: Texts = Texts {
    title: "Budget disclosure check",
    tagline: "Paste, type or drop a budget or final-accounts disclosure: every finding is marked on your text. Everything runs in this browser; the text never leaves the page.",
    switch_to: "中文",
    switch_to_label: "切换到中文界面",
    open_file: "Open file…",
    export_json: "Export JSON",
    export_csv: "Export CSV",
    print: "Print",
    examples: "Examples",
    input_label: "Disclosure text",
    placeholder: "Paste or type a disclosure here, or drop a .txt, PDF, Excel (.xlsx/.xls) or Word (.docx) file onto the page…",
    checking: "Checking…",
    ready: "Checked",
    keys_hint: "F8 / Shift+F8: next / previous finding · Enter: open",
    tab_source: "Text and findings",
    tab_tables: "How the tables were read",
    source_label: "The text, with findings marked on their figures",
    continued: "(continued)",
    gutter_label: "Where the findings are in the text",
    findings: "Findings",
    filter_label: "Filter by severity",
    sev_error: "Error",
    sev_rounding: "Rounding",
    sev_warning: "Warning",
    sev_info: "Info",
    expected: "Expected",
    actual: "Actual",
    figure: "Figure",
    related: "Related figures",
    notes: "Notes",
    rule: "About this rule",
    rule_what: "What it checks",
    rule_why: "Why it matters",
    rule_example: "Example",
    rule_in_chinese: "(in Chinese)",
    rule_loading: "Loading the rule's explanation…",
    not_checked: "What could not be checked",
    nothing_skipped: "Every rule ran; no check was skipped.",
    coverage: "What was checked",
    empty_text: "No text yet. Paste or type a disclosure above, drop a .txt file onto the page, or pick an example.",
    no_tables: "No budget disclosure table was recognised. Check that the text is a complete disclosure: each table needs its title (such as 部门收支总体情况表) and its 单位：万元 line.",
    no_findings: "No findings.",
    all_filtered: "No findings of the selected severities.",
    waiting: "Checking…",
    status_read: "read",
    status_empty: "empty",
    status_unread: "not read",
    unread_tables: "Tables not read",
    col_code: "Code",
    col_item: "Item",
    side_income: "Income",
    side_expenditure: "Expenditure",
    drop_here: "Drop to open the file",
    file_error: "Could not read the file",
    tables_as_images: "The tables were published as images; their figures cannot be read.",
    no_position: "(no position)",
    folded: "A large text: the text box is folded away to keep the page responsive; the text is shown, marked, below. Paste (Ctrl+V) a new text anywhere on the page to replace it.",
    show_input: "Show the text box",
    stop_reading: "Stop reading",
    check_slow: "The check is taking long (a large text): wait, or stop it.",
    stop_check: "Stop checking",
};

/// PDFs and office files dropped together (Chinese, English).
pub const MIXED_FILES: (&str, &str) = (
    "PDF 与 Excel/Word 文件不能一起读取，请分别打开。",
    "PDFs and Excel/Word files cannot be read together: open them separately.",
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_by_default_english_on_request() {
        assert_eq!(Lang::default(), Lang::Zh);
        assert_eq!(Lang::from_query(Some("en")), Lang::En);
        assert_eq!(Lang::from_query(Some("zh")), Lang::Zh);
        assert_eq!(Lang::from_query(None), Lang::Zh);
        assert_eq!(Lang::Zh.other(), Lang::En);
    }

    #[test]
    fn english_falls_back_to_chinese_when_missing() {
        assert_eq!(Lang::En.pick("中", ""), "中");
        assert_eq!(Lang::En.pick("中", "en"), "en");
        assert_eq!(Lang::Zh.pick("中", "en"), "中");
    }

    #[test]
    fn wording() {
        assert_eq!(Lang::Zh.severity(Severity::Rounding), "尾差");
        assert_eq!(Lang::Zh.line(136), "第 136 行");
        assert_eq!(Lang::Zh.tables_found(11, 2, 0), "读取表格 11 张，空表 2 张");
        assert_eq!(Lang::En.tables_found(1, 0, 1), "1 table read, 1 not read");
        assert_eq!(
            Lang::Zh
                .doc_kind(Some("department"), Some("budget"))
                .as_deref(),
            Some("部门预算")
        );
        assert_eq!(Lang::Zh.doc_kind(None, None), None);
        assert!(Lang::Zh.t().no_tables.starts_with("未识别到预算公开表格"));
    }
}
