//! `--format sarif`: one SARIF 2.1.0 log for all documents (OASIS SARIF v2.1.0; validated against the
//! official JSON schema by the tests).
//!
//! - `tool.driver.rules`: the rule catalogue in catalogue order, then the reading notes `R001`–`R004`;
//!   `defaultConfiguration.level` is `error` for the rules comparing figures (arithmetic, across
//!   tables, narrative) and `warning` for the others; every result carries its own level.
//! - One result per finding: level `error` (error), `warning` (rounding 尾差, warning), `note` (info),
//!   the budget-lint severity kept in `properties.severity`. Its location is the finding's primary
//!   figure; the other figures it names are `relatedLocations` with their label messages. A finding
//!   about the whole document (no figure) points at the document without a region.
//! - Regions count in Unicode code points (`run.columnKind` = `unicodeCodePoints`): lines and columns
//!   are 1-based, `charOffset`/`charLength` are code points into the decoded text (byte-order mark
//!   removed; lines end at `\n`).
//! - `artifactLocation.uri` is the path relative to the current directory (`uriBaseId` `SRCROOT`,
//!   itself in `run.originalUriBaseIds` as a `file:` URI), percent-encoded: every byte outside
//!   `A–Z a–z 0–9 - . _ ~` becomes `%XX` of its UTF-8, so Chinese file names are valid URI references.
//!   Standard input has no URI, only a description.
//! - An input that cannot be read becomes an error `toolExecutionNotification`, and then
//!   `executionSuccessful` is false.

use crate::batch::Checked;
use budget_lint::origin::Origin;
use budget_lint::report::{DiagnosticOut, LabelOut};
use budget_lint::source::LineIndex;
use budget_lint::Severity;
use serde_json::{json, Map, Value};
use std::path::{Component, Path};

/// The reading notes (`budget_lint::reading`), which are not rules of the catalogue but are
/// findings all the same.
const READING: [&str; budget_lint::view::READING_CODES.len()] = budget_lint::view::READING_CODES;

const BASE_ID: &str = "SRCROOT";

/// What every document's part of the log needs: the rules and the current directory.
pub struct Context {
    codes: Vec<String>,
    rules: Vec<Value>,
    cwd: Option<std::path::PathBuf>,
}

/// One document's part of the log, made on a worker thread.
pub struct Part {
    artifact: Value,
    results: Vec<Value>,
    notification: Option<Value>,
}

impl Context {
    pub fn new() -> Context {
        let mut codes = Vec::new();
        let mut rules = Vec::new();
        let catalogue = budget_lint::rules::all().map(|r| r.code);
        for code in catalogue.chain(READING) {
            if let Some(info) = budget_lint::view::rule_info(code) {
                let level = match info.family.as_str() {
                    "arithmetic" | "cross_table" | "narrative" => "error",
                    _ => "warning",
                };
                rules.push(json!({
                    "id": info.code,
                    "name": info.name,
                    "shortDescription": { "text": format!("{} / {}", info.summary, info.summary_en) },
                    "fullDescription": { "text": info.what },
                    "help": { "text": format!("{}\n\n示例 example: {}", info.why, info.example) },
                    "defaultConfiguration": { "level": level },
                    "properties": {
                        "family": info.family,
                        "familyName": format!("{} / {}", info.family_name, info.family_name_en),
                    },
                }));
                codes.push(info.code);
            }
        }
        Context {
            codes,
            rules,
            cwd: std::env::current_dir().ok(),
        }
    }

    /// A document's artifact, results and (if it could not be read) notification.
    pub fn part(&self, c: &Checked) -> Part {
        let location = self.artifact_location(c);
        let mut artifact = json!({ "location": location, "roles": ["analysisTarget"] });
        let mut at = location;
        at["index"] = json!(c.index);
        match &c.result {
            Ok(doc) => {
                artifact["length"] = json!(doc.bytes);
                match crate::office::mime(doc.encoding) {
                    Some(mime) => artifact["mimeType"] = json!(mime),
                    None => {
                        artifact["encoding"] = json!(doc.encoding);
                        artifact["mimeType"] = json!("text/plain");
                    }
                }
                let positions = Positions::new(&doc.text);
                let results = doc
                    .report
                    .diagnostics
                    .iter()
                    .map(|d| self.result(d, &at, &positions))
                    .collect();
                Part {
                    artifact,
                    results,
                    notification: None,
                }
            }
            Err(why) => Part {
                artifact,
                results: Vec::new(),
                notification: Some(json!({
                    "level": "error",
                    "message": { "text": why },
                    "locations": [{ "physicalLocation": { "artifactLocation": at } }],
                })),
            },
        }
    }

    /// The whole log, parts in input order.
    pub fn log(&self, parts: Vec<Part>, exit_code: u8) -> Value {
        let mut artifacts = Vec::new();
        let mut results = Vec::new();
        let mut notifications = Vec::new();
        for p in parts {
            artifacts.push(p.artifact);
            results.extend(p.results);
            notifications.extend(p.notification);
        }
        let mut invocation = json!({
            "executionSuccessful": notifications.is_empty(),
            "exitCode": exit_code,
        });
        if !notifications.is_empty() {
            invocation["toolExecutionNotifications"] = Value::Array(notifications);
        }
        let mut run = json!({
            "tool": { "driver": {
                "name": "budget-lint",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": self.rules,
            } },
            "invocations": [invocation],
            "language": "zh-CN",
            "columnKind": "unicodeCodePoints",
            "artifacts": artifacts,
            "results": results,
        });
        if let Some(cwd) = self.cwd.as_deref().and_then(directory_uri) {
            run["originalUriBaseIds"] = json!({ BASE_ID: { "uri": cwd } });
        }
        json!({
            "$schema": "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",
            "version": "2.1.0",
            "runs": [run],
        })
    }

    fn path_location(&self, path: &Path) -> Value {
        match relative_uri(path, self.cwd.as_deref()) {
            Some(uri) => json!({ "uri": uri, "uriBaseId": BASE_ID }),
            None => json!({ "uri": absolute_uri(path) }),
        }
    }

    fn artifact_location(&self, c: &Checked) -> Value {
        let Some(path) = c.input.path() else {
            return json!({ "description": { "text": format!("standard input ({})", c.input.shown) } });
        };
        match relative_uri(path, self.cwd.as_deref()) {
            Some(uri) => json!({ "uri": uri, "uriBaseId": BASE_ID }),
            None => json!({ "uri": absolute_uri(path) }),
        }
    }

    fn result(&self, d: &DiagnosticOut, at: &Value, positions: &Positions) -> Value {
        let level = match d.severity {
            Severity::Error => "error",
            Severity::Rounding | Severity::Warning => "warning",
            Severity::Info => "note",
        };
        let primary = d.labels.iter().position(|l| l.primary);
        let location = |label: Option<&LabelOut>| {
            let mut physical = json!({ "artifactLocation": at });
            let mut loc = Map::new();
            if let Some(l) = label {
                match &l.origin {
                    // Read from an office file: the file and cell, no region of the extracted text.
                    Some(o @ Origin::Cell { .. }) => {
                        if let Some(file) = o.file() {
                            physical["artifactLocation"] = self.path_location(Path::new(file));
                        }
                        let (logical, properties) = crate::office::sarif_location(o);
                        loc.insert("logicalLocations".into(), logical);
                        loc.insert("properties".into(), properties);
                    }
                    // Read out of a PDF: the region of the extracted text, and the page and box
                    // (user space) in a property bag.
                    Some(o @ Origin::Page { .. }) => {
                        physical["region"] = positions.region(l.start, l.end);
                        loc.insert("properties".into(), json!({ "origin": o }));
                    }
                    None => physical["region"] = positions.region(l.start, l.end),
                }
                loc.insert("message".into(), json!({ "text": l.message }));
            }
            loc.insert("physicalLocation".into(), physical);
            loc
        };
        let related: Vec<Value> = d
            .labels
            .iter()
            .enumerate()
            .filter(|&(i, _)| Some(i) != primary)
            .enumerate()
            .map(|(id, (_, l))| {
                let mut loc = location(Some(l));
                loc.insert("id".into(), json!(id + 1));
                Value::Object(loc)
            })
            .collect();
        let mut properties = json!({ "severity": d.severity.as_str(), "rule": d.rule });
        for (key, value) in [("expected", &d.expected), ("actual", &d.actual)] {
            if let Some(v) = value {
                properties[key] = json!(v);
            }
        }
        if !d.notes.is_empty() {
            properties["notes"] = json!(d.notes);
        }
        let mut result = json!({
            "ruleId": d.code,
            "level": level,
            "message": { "text": format!("{}\n{}", d.message, d.message_en) },
            "locations": [Value::Object(location(primary.and_then(|i| d.labels.get(i))))],
            "properties": properties,
        });
        if let Some(i) = self.codes.iter().position(|c| *c == d.code) {
            result["ruleIndex"] = json!(i);
        }
        if !related.is_empty() {
            result["relatedLocations"] = Value::Array(related);
        }
        result
    }
}

/// Byte offsets → SARIF regions in code points.
struct Positions<'a> {
    text: &'a str,
    lines: LineIndex,
    /// The code-point offset of each line's start (lines as [`LineIndex`] counts them, at `\n`).
    line_chars: Vec<usize>,
}

impl<'a> Positions<'a> {
    fn new(text: &'a str) -> Self {
        let mut line_chars = vec![0];
        for (n, c) in text.chars().enumerate() {
            if c == '\n' {
                line_chars.push(n + 1);
            }
        }
        Positions {
            text,
            lines: LineIndex::new(text),
            line_chars,
        }
    }

    fn region(&self, start: usize, end: usize) -> Value {
        let s = self.lines.line_col(self.text, start);
        let e = self.lines.line_col(self.text, end.max(start));
        let offset = |line: usize, column: usize| {
            self.line_chars
                .get(line.saturating_sub(1))
                .map_or(0, |&l| l + column.saturating_sub(1))
        };
        let (from, to) = (offset(s.line, s.column), offset(e.line, e.column));
        let snippet: String = self
            .text
            .get(budget_lint::source::floor_char_boundary(self.text, start)..)
            .map_or_else(String::new, |t| {
                t.chars().take(to.saturating_sub(from)).collect()
            });
        json!({
            "startLine": s.line,
            "startColumn": s.column,
            "endLine": e.line,
            "endColumn": e.column,
            "charOffset": from,
            "charLength": to.saturating_sub(from),
            "snippet": { "text": snippet },
        })
    }
}

/// `path` relative to `cwd`, as a percent-encoded URI reference; `None` when it has no relative form
/// (another drive or root).
fn relative_uri(path: &Path, cwd: Option<&Path>) -> Option<String> {
    let segments: Vec<Component> = if path.is_absolute() {
        let cwd: Vec<Component> = cwd?.components().collect();
        let path: Vec<Component> = path.components().collect();
        let common = cwd.iter().zip(&path).take_while(|(a, b)| a == b).count();
        if common == 0 {
            return None;
        }
        let up = cwd.len() - common;
        std::iter::repeat_n(Component::ParentDir, up)
            .chain(path[common..].iter().copied())
            .collect()
    } else {
        path.components().collect()
    };
    let parts: Vec<String> = segments
        .iter()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(encode(s)),
            Component::ParentDir => Some("..".to_string()),
            Component::CurDir | Component::RootDir | Component::Prefix(_) => None,
        })
        .collect();
    Some(parts.join("/"))
}

/// A `file:` URI of an absolute path.
fn absolute_uri(path: &Path) -> String {
    let parts: Vec<String> = path
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(encode(s)),
            Component::ParentDir => Some("..".to_string()),
            Component::Prefix(p) => Some(encode(p.as_os_str())),
            Component::CurDir | Component::RootDir => None,
        })
        .collect();
    format!("file:///{}", parts.join("/"))
}

/// A directory's `file:` URI, ending in `/` as `originalUriBaseIds` requires.
fn directory_uri(dir: &Path) -> Option<String> {
    dir.is_absolute().then(|| {
        let uri = absolute_uri(dir);
        if uri.ends_with('/') {
            uri
        } else {
            uri + "/"
        }
    })
}

/// One path segment, percent-encoded (its bytes; UTF-8 for Unicode names).
fn encode(segment: &std::ffi::OsStr) -> String {
    #[cfg(unix)]
    let bytes = std::os::unix::ffi::OsStrExt::as_bytes(segment).to_vec();
    #[cfg(not(unix))]
    let bytes = segment.to_string_lossy().into_owned().into_bytes();
    let mut out = String::new();
    for b in bytes {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_and_percent_encoded() {
        let cwd = Path::new("/work/main");
        assert_eq!(
            relative_uri(Path::new("/work/shared/corpus/预算 1.txt"), Some(cwd)).as_deref(),
            Some("../shared/corpus/%E9%A2%84%E7%AE%97%201.txt")
        );
        assert_eq!(
            relative_uri(Path::new("./a/b:c.txt"), Some(cwd)).as_deref(),
            Some("a/b%3Ac.txt")
        );
        assert_eq!(directory_uri(cwd).as_deref(), Some("file:///work/main/"));
        assert_eq!(directory_uri(Path::new("/")).as_deref(), Some("file:///"));
    }

    #[test]
    fn regions_count_code_points() {
        let text = "一二\n三a 12.5 四\n";
        let p = Positions::new(text);
        let start = text.find("12.5").unwrap();
        let r = p.region(start, start + 4);
        assert_eq!(r["startLine"], 2);
        assert_eq!(r["startColumn"], 4);
        assert_eq!(r["endColumn"], 8);
        assert_eq!(r["charOffset"], 6);
        assert_eq!(r["charLength"], 4);
        assert_eq!(r["snippet"]["text"], "12.5");
    }

    #[test]
    fn every_rule_and_reading_note_is_described() {
        let ctx = Context::new();
        assert_eq!(
            ctx.rules.len(),
            budget_lint::rules::all().count() + READING.len()
        );
        for r in &ctx.rules {
            assert!(!r["shortDescription"]["text"]
                .as_str()
                .unwrap_or("")
                .is_empty());
        }
    }
}
