//! One line per document for `--format jsonl` and `--format csv`: what was read and how many
//! findings of each severity and rule, without the findings themselves.

use crate::batch::Checked;
use serde::Serialize;
use std::collections::BTreeMap;

/// A document's summary. The JSON Lines object has these fields; the CSV has one column each
/// ([`CSV_HEADER`]), `unread_tables` and `rules` flattened into one cell.
#[derive(Debug, Serialize)]
pub struct Summary<'a> {
    pub path: &'a str,
    /// Whether the document could be read (and so was checked).
    pub ok: bool,
    /// Why it could not be read.
    pub error: Option<&'a str>,
    pub encoding: Option<&'static str>,
    /// The publishing body, fiscal year and kind (`budget` / `final_accounts`) as read.
    pub unit: Option<&'a str>,
    pub year: Option<u16>,
    pub kind: Option<&'a str>,
    pub errors: usize,
    pub rounding: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Tables recognised, and of them read, empty (declared empty), unread.
    pub tables: usize,
    pub tables_read: usize,
    pub tables_empty: usize,
    pub tables_unread: usize,
    pub unread_tables: Vec<UnreadTable<'a>>,
    /// Findings per rule code (reading notes `R…` included), codes in order.
    pub rules: BTreeMap<&'a str, usize>,
    /// Reading, decoding and checking, in milliseconds (microsecond precision).
    pub elapsed_ms: f64,
}

#[derive(Debug, Serialize)]
pub struct UnreadTable<'a> {
    pub number: Option<u32>,
    pub title: &'a str,
    pub reason: Option<&'a str>,
}

impl<'a> Summary<'a> {
    pub fn of(c: &'a Checked) -> Summary<'a> {
        let elapsed_ms = (c.elapsed.as_micros() as f64) / 1000.0;
        let mut s = Summary {
            path: &c.input.shown,
            ok: c.result.is_ok(),
            error: c.result.as_ref().err().map(String::as_str),
            encoding: None,
            unit: None,
            year: None,
            kind: None,
            errors: 0,
            rounding: 0,
            warnings: 0,
            infos: 0,
            tables: 0,
            tables_read: 0,
            tables_empty: 0,
            tables_unread: 0,
            unread_tables: Vec::new(),
            rules: BTreeMap::new(),
            elapsed_ms,
        };
        let Ok(doc) = &c.result else {
            return s;
        };
        let r = &doc.report;
        s.encoding = Some(doc.encoding);
        s.unit = r.document.unit.as_deref();
        s.year = r.document.year;
        s.kind = r.document.kind.as_deref();
        s.errors = r.summary.errors;
        s.rounding = r.summary.rounding;
        s.warnings = r.summary.warnings;
        s.infos = r.summary.infos;
        s.tables = r.tables.len();
        s.tables_read = r.summary.tables_read;
        s.tables_empty = r.summary.tables_empty;
        s.tables_unread = r.summary.tables_unread;
        s.unread_tables = r
            .tables
            .iter()
            .filter(|t| t.status == "unread")
            .map(|t| UnreadTable {
                number: t.number,
                title: &t.title,
                reason: t.reason.as_deref(),
            })
            .collect();
        for d in &r.diagnostics {
            *s.rules.entry(d.code.as_str()).or_default() += 1;
        }
        s
    }

    /// The JSON Lines line, newline included.
    pub fn jsonl(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string(self).map(|mut line| {
            line.push('\n');
            line
        })
    }

    /// The CSV row (RFC 4180), CRLF included.
    pub fn csv(&self) -> String {
        let opt = |v: Option<&str>| v.unwrap_or_default().to_string();
        let unread: Vec<String> = self
            .unread_tables
            .iter()
            .map(|t| match t.number {
                Some(n) => format!("表{n} {}", t.title),
                None => t.title.to_string(),
            })
            .collect();
        let rules: Vec<String> = self.rules.iter().map(|(c, n)| format!("{c}={n}")).collect();
        let fields = [
            self.path.to_string(),
            self.ok.to_string(),
            opt(self.error),
            opt(self.encoding),
            opt(self.unit),
            self.year.map_or_else(String::new, |y| y.to_string()),
            opt(self.kind),
            self.errors.to_string(),
            self.rounding.to_string(),
            self.warnings.to_string(),
            self.infos.to_string(),
            self.tables.to_string(),
            self.tables_read.to_string(),
            self.tables_empty.to_string(),
            self.tables_unread.to_string(),
            unread.join("; "),
            rules.join(" "),
            format!("{:.3}", self.elapsed_ms),
        ];
        budget_lint::view::csv_row(&fields)
    }
}

/// The CSV header row: the [`Summary`] fields, CRLF included.
pub const CSV_HEADER: &str =
    "path,ok,error,encoding,unit,year,kind,errors,rounding,warnings,infos,\
tables,tables_read,tables_empty,tables_unread,unread_tables,rules,elapsed_ms\r\n";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_names_every_field() {
        assert_eq!(CSV_HEADER.matches(',').count() + 1, 18);
    }
}
