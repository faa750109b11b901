//! The human-readable summary printed by `--format text`.

use budget_lint::report::Report;
use std::fmt::Write;

pub fn render(path: &str, r: &Report) -> String {
    let mut s = String::new();
    let d = &r.document;
    let _ = writeln!(s, "{path}");
    let _ = writeln!(
        s,
        "  主体 body: {}   年度 year: {}   类型 kind: {} {}   金额单位 unit: {}",
        d.unit.as_deref().unwrap_or("?"),
        d.year.map_or("?".to_string(), |y| y.to_string()),
        d.scope.as_deref().unwrap_or("?"),
        d.kind.as_deref().unwrap_or("?"),
        d.money_unit.as_deref().unwrap_or("?"),
    );
    let _ = writeln!(
        s,
        "  表格 tables: {} 已读 read, {} 空表 empty, {} 未读 unread; 文字数字 narrative figures: {}",
        r.summary.tables_read, r.summary.tables_empty, r.summary.tables_unread, r.summary.narrative_figures
    );
    for t in &r.tables {
        let cells: usize = t.rows.iter().map(|r| r.cells.len()).sum();
        let _ = writeln!(
            s,
            "    {:>4} {:<40} {:<4} {:<6} {:>3} 行 rows {:>4} 数 cells{}",
            t.number.map_or("-".to_string(), |n| format!("表{n}")),
            t.subject
                .as_ref()
                .map_or(t.title.clone(), |p| format!("{}：{p}", t.title)),
            t.unit.as_deref().unwrap_or("-"),
            t.status,
            t.rows.len(),
            cells,
            match (&t.reason, &t.advice) {
                (Some(r), Some(a)) => format!("  ({r}；{a})"),
                (Some(r), None) => format!("  ({r})"),
                _ => String::new(),
            },
        );
    }
    let _ = writeln!(
        s,
        "  发现 findings: {} 错误 error, {} 尾差 rounding, {} 提示 warning, {} 信息 info",
        r.summary.errors, r.summary.rounding, r.summary.warnings, r.summary.infos
    );
    let _ = writeln!(
        s,
        "  校验 checks (规则 rule: 核对 checked / 发现 findings):"
    );
    let ran: Vec<String> = r
        .coverage
        .iter()
        .filter(|c| c.checked > 0)
        .map(|c| format!("{} {}/{}", c.code, c.checked, c.findings))
        .collect();
    let _ = writeln!(s, "    {}", ran.join("  "));
    let idle: Vec<&str> = r
        .coverage
        .iter()
        .filter(|c| c.checked == 0)
        .map(|c| c.code.as_str())
        .collect();
    if !idle.is_empty() {
        let _ = writeln!(
            s,
            "    未运行 not run (nothing to check): {}",
            idle.join(" ")
        );
    }
    for c in r.coverage.iter().filter(|c| !c.skipped.is_empty()) {
        for why in &c.skipped {
            let _ = writeln!(s, "    未能校验 not checked {}: {why}", c.code);
        }
    }
    for diag in &r.diagnostics {
        let at = diag
            .labels
            .iter()
            .find(|l| l.primary)
            .map_or(String::new(), |l| match &l.origin {
                // Read from an office file: the cell, not a place in the extracted text.
                Some(o) => format!("{}: ", o),
                None => format!("{}:{}: ", l.line, l.column),
            });
        let _ = writeln!(
            s,
            "  {at}{} {} [{}] {}",
            diag.severity_str(),
            diag.code,
            diag.rule,
            diag.message
        );
    }
    s
}

trait SeverityStr {
    fn severity_str(&self) -> &'static str;
}

impl SeverityStr for budget_lint::report::DiagnosticOut {
    fn severity_str(&self) -> &'static str {
        self.severity.as_str()
    }
}
