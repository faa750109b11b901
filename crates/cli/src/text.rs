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
            t.reason
                .as_ref()
                .map_or(String::new(), |r| format!("  ({r})")),
        );
    }
    let _ = writeln!(
        s,
        "  发现 findings: {} 错误 error, {} 尾差 rounding, {} 提示 warning, {} 信息 info",
        r.summary.errors, r.summary.rounding, r.summary.warnings, r.summary.infos
    );
    for diag in &r.diagnostics {
        let at = diag
            .labels
            .iter()
            .find(|l| l.primary)
            .map_or(String::new(), |l| format!("{}:{}: ", l.line, l.column));
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
