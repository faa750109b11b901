//! The output formats: what each document becomes (on a worker thread) and how the pieces are
//! written, in input order, to standard output or `--output`.
//!
//! - `text`: the summary of [`crate::text`] per document; with several documents, a blank line
//!   between them and a closing total.
//! - `json`: one document (one file argument or `-`, or the office files of one document): the
//!   report itself (`budget-lint/report@1`, the contract of ENGINEERING.md). Several (more than one
//!   document, or a directory): one JSON object
//!   `{"schema": "budget-lint/batch@1", "documents": [...]}`, each document on its own line as
//!   `{"path", "encoding", "report"}` or, if it could not be read, `{"path", "error"}`.
//! - `jsonl` / `csv`: one [`crate::summary::Summary`] per document.
//! - `findings-csv`: one row per finding, the web app's CSV export (`budget_lint::view::csv`) led by
//!   the document's path; a document that could not be read is one row with `unreadable` and why.
//! - `sarif`: one SARIF 2.1.0 log ([`crate::sarif`]), written when every document is done.

use crate::args::Format;
use crate::batch::Checked;
use crate::{sarif, summary, text};
use budget_lint::report::Report;
use serde::Serialize;
use std::io::{self, Write};

/// What one document contributes.
pub struct Piece {
    /// Why the input could not be read.
    unreadable: Option<String>,
    counts: Counts,
    body: Result<Body, String>,
}

enum Body {
    Bytes(String),
    Sarif(sarif::Part),
}

/// Findings by severity.
#[derive(Clone, Copy, Default)]
struct Counts {
    errors: usize,
    rounding: usize,
    warnings: usize,
    infos: usize,
}

/// Makes pieces; shared by the worker threads.
pub struct Formatter {
    format: Format,
    /// One document named on the command line (see the module doc for `json`).
    single: bool,
    sarif: Option<sarif::Context>,
}

impl Formatter {
    pub fn new(format: Format, single: bool) -> Formatter {
        Formatter {
            format,
            single,
            sarif: (format == Format::Sarif).then(sarif::Context::new),
        }
    }

    pub fn piece(&self, c: &Checked) -> Piece {
        let counts = c.result.as_ref().map_or(Counts::default(), |d| {
            let s = &d.report.summary;
            Counts {
                errors: s.errors,
                rounding: s.rounding,
                warnings: s.warnings,
                infos: s.infos,
            }
        });
        Piece {
            unreadable: c.result.as_ref().err().cloned(),
            counts,
            body: self.body(c),
        }
    }

    fn body(&self, c: &Checked) -> Result<Body, String> {
        let shown = c.input.shown.as_str();
        let json_err = |e: serde_json::Error| format!("cannot write JSON: {e}");
        Ok(Body::Bytes(match (self.format, &c.result) {
            (Format::Text, Ok(doc)) => text::render(shown, &doc.report),
            (Format::Text, Err(_)) if self.single => String::new(),
            (Format::Text, Err(why)) => format!("{shown}\n  无法读取 unreadable: {why}\n"),
            (Format::Json, Ok(doc)) if self.single => {
                serde_json::to_string_pretty(&doc.report).map_err(json_err)? + "\n"
            }
            (Format::Json, Err(_)) if self.single => String::new(),
            (Format::Json, result) => serde_json::to_string(&BatchEntry {
                path: shown,
                encoding: result.as_ref().ok().map(|d| d.encoding),
                report: result.as_ref().ok().map(|d| &d.report),
                error: result.as_ref().err(),
            })
            .map_err(json_err)?,
            (Format::Jsonl, _) => summary::Summary::of(c).jsonl().map_err(json_err)?,
            (Format::Csv, _) => summary::Summary::of(c).csv(),
            (Format::FindingsCsv, Ok(doc)) => doc
                .report
                .diagnostics
                .iter()
                .map(|d| {
                    let fields = budget_lint::view::finding_fields(&doc.text, d);
                    budget_lint::view::csv_row(&[&[shown.to_string()], &fields[..]].concat())
                })
                .collect(),
            (Format::FindingsCsv, Err(why)) => {
                let mut fields = vec![String::new(); FINDINGS_COLUMNS];
                fields[0] = shown.to_string();
                fields[1] = "unreadable".to_string();
                fields[10] = why.clone();
                budget_lint::view::csv_row(&fields)
            }
            (Format::Sarif, _) => match &self.sarif {
                Some(ctx) => return Ok(Body::Sarif(ctx.part(c))),
                None => return Err("SARIF context missing".to_string()),
            },
        }))
    }
}

/// The columns of `findings-csv`: the document, then the finding's.
const FINDINGS_COLUMNS: usize = 1 + budget_lint::view::CSV_COLUMNS.len();

/// A document of a JSON batch.
#[derive(Serialize)]
struct BatchEntry<'a> {
    path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    encoding: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    report: Option<&'a Report>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a String>,
}

/// Writes pieces in order and keeps the tally for the exit status.
pub struct Writer<'f, W: Write> {
    out: W,
    formatter: &'f Formatter,
    documents: usize,
    unreadable: usize,
    with_errors: usize,
    counts: Counts,
    sarif: Vec<sarif::Part>,
}

impl<'f, W: Write> Writer<'f, W> {
    /// Starts the output (the CSV header, the opening of a JSON batch).
    pub fn new(mut out: W, formatter: &'f Formatter) -> io::Result<Self> {
        match formatter.format {
            Format::Csv => out.write_all(summary::CSV_HEADER.as_bytes())?,
            Format::FindingsCsv => {
                let header = [&["document"], &budget_lint::view::CSV_COLUMNS[..]].concat();
                out.write_all(budget_lint::view::csv_row(&header).as_bytes())?
            }
            Format::Json if !formatter.single => {
                out.write_all(b"{\"schema\":\"budget-lint/batch@1\",\"documents\":[")?
            }
            _ => {}
        }
        Ok(Writer {
            out,
            formatter,
            documents: 0,
            unreadable: 0,
            with_errors: 0,
            counts: Counts::default(),
            sarif: Vec::new(),
        })
    }

    pub fn write(&mut self, piece: Piece) -> io::Result<()> {
        let batch = !self.formatter.single;
        if let Some(why) = &piece.unreadable {
            eprintln!("budget-lint: {why}");
            self.unreadable += 1;
        }
        let c = piece.counts;
        self.with_errors += usize::from(c.errors > 0);
        self.counts.errors += c.errors;
        self.counts.rounding += c.rounding;
        self.counts.warnings += c.warnings;
        self.counts.infos += c.infos;
        let first = self.documents == 0;
        self.documents += 1;
        match piece.body.map_err(io::Error::other)? {
            Body::Sarif(part) => self.sarif.push(part),
            Body::Bytes(s) => {
                let separator = match self.formatter.format {
                    Format::Text if batch && !first => "\n",
                    Format::Json if batch => {
                        if first {
                            "\n"
                        } else {
                            ",\n"
                        }
                    }
                    _ => "",
                };
                self.out.write_all(separator.as_bytes())?;
                self.out.write_all(s.as_bytes())?;
            }
        }
        Ok(())
    }

    /// Ends the output; the exit status.
    pub fn finish(mut self) -> io::Result<u8> {
        let status = if self.unreadable > 0 {
            2
        } else {
            u8::from(self.counts.errors > 0)
        };
        let batch = !self.formatter.single;
        match self.formatter.format {
            Format::Text if batch => {
                let c = self.counts;
                writeln!(
                    self.out,
                    "\n共 {} 份 documents: {} 份有错误 with errors, {} 份无法读取 unreadable; \
                     发现 findings: {} 错误 error, {} 尾差 rounding, {} 提示 warning, {} 信息 info",
                    self.documents,
                    self.with_errors,
                    self.unreadable,
                    c.errors,
                    c.rounding,
                    c.warnings,
                    c.infos
                )?;
            }
            Format::Json if batch => self.out.write_all(b"\n]}\n")?,
            Format::Sarif => {
                if let Some(ctx) = &self.formatter.sarif {
                    let log = ctx.log(std::mem::take(&mut self.sarif), status);
                    serde_json::to_writer_pretty(&mut self.out, &log)?;
                    self.out.write_all(b"\n")?;
                }
            }
            _ => {}
        }
        self.out.flush()?;
        Ok(status)
    }
}
