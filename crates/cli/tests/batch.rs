//! Batch mode as a user runs it: directories walked in sorted order, GBK files, every format,
//! the same output whatever the number of threads, summaries that agree with the full report,
//! exit codes, `--output`.

mod common;

use common::{bin, corpus, corpus_dir, corpus_present, run_in, small_batch, stdout};
use serde_json::Value;

fn jsonl(out: &str) -> Vec<Value> {
    out.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

#[test]
fn a_directory_is_walked_recursively_in_sorted_order() {
    let s = small_batch("walk");
    let extra = s.write("odd.name", b"\xef\xbb\xbf\xe9\xa2\x84\xe7\xae\x97");
    let out = run_in(
        &s.0,
        &["check", "--format", "jsonl", ".", extra.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let lines = jsonl(&stdout(&out));
    let paths: Vec<&str> = lines.iter().map(|l| l["path"].as_str().unwrap()).collect();
    assert_eq!(
        paths,
        [
            "./a/深层/普陀 预算.txt",
            "./b_with_error.txt",
            extra.to_str().unwrap()
        ]
    );
    // The GBK copy is decoded and read like the original.
    assert_eq!(lines[0]["encoding"], "gb18030");
    assert_eq!(lines[0]["unit"], "上海市普陀区人民政府办公室");
    assert_eq!(lines[0]["errors"], 0);
    assert_eq!(lines[1]["encoding"], "UTF-8");
    assert!(lines[1]["errors"].as_u64().unwrap() > 0);
    // An explicit file is taken whatever its extension (here with a byte-order mark).
    assert_eq!(lines[2]["ok"], true);
    assert_eq!(lines[2]["encoding"], "UTF-8");
    assert_eq!(lines[2]["rules"]["R004"], 1);
}

#[test]
fn the_output_does_not_depend_on_the_number_of_threads() {
    if !corpus_present("the_output_does_not_depend_on_the_number_of_threads") {
        return;
    }
    let s = small_batch("jobs");
    let dir = s.0.to_str().unwrap();
    let corpus = corpus_dir();
    let corpus = corpus.to_str().unwrap();
    for format in ["text", "json", "jsonl", "csv", "sarif"] {
        let run = |jobs: &str| {
            let out = bin()
                .args(["check", corpus, dir, "--format", format, "-j", jobs])
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(1), "{format} -j{jobs}: {out:?}");
            without_timings(format, &stdout(&out))
        };
        let one = run("1");
        assert!(one.len() > 1000, "{format}: {one}");
        assert_eq!(one, run("2"), "{format}: -j1 and -j2 differ");
        assert_eq!(one, run("4"), "{format}: -j1 and -j4 differ");
    }
}

/// The output with the per-document times (`elapsed_ms`) blanked, the only part that may differ.
fn without_timings(format: &str, out: &str) -> String {
    match format {
        "jsonl" => out
            .lines()
            .map(|l| {
                let mut v: Value = serde_json::from_str(l).unwrap();
                v["elapsed_ms"] = Value::Null;
                v.to_string() + "\n"
            })
            .collect(),
        "csv" => out
            .lines()
            .map(|l| l.rsplit_once(',').map_or(l, |(rest, _)| rest).to_string() + "\n")
            .collect(),
        _ => out.to_string(),
    }
}

#[test]
fn summaries_agree_with_the_single_document_report() {
    if !corpus_present("summaries_agree_with_the_single_document_report") {
        return;
    }
    let dir = corpus_dir();
    let jsonl_out = bin()
        .args(["check", "--format=jsonl", dir.to_str().unwrap()])
        .output()
        .unwrap();
    let csv_out = bin()
        .args(["check", "--format=csv", dir.to_str().unwrap()])
        .output()
        .unwrap();
    let lines = jsonl(&stdout(&jsonl_out));
    let csv = stdout(&csv_out);
    let mut rows = csv.split("\r\n");
    let header: Vec<&str> = rows.next().unwrap().split(',').collect();
    assert_eq!(
        header,
        [
            "path",
            "ok",
            "error",
            "encoding",
            "unit",
            "year",
            "kind",
            "errors",
            "rounding",
            "warnings",
            "infos",
            "tables",
            "tables_read",
            "tables_empty",
            "tables_unread",
            "unread_tables",
            "rules",
            "elapsed_ms"
        ]
    );
    let rows: Vec<Vec<String>> = rows.filter(|r| !r.is_empty()).map(csv_fields).collect();
    assert!(lines.len() >= 13, "every corpus document: {}", lines.len());
    assert_eq!(rows.len(), lines.len());
    for (line, row) in lines.iter().zip(&rows) {
        let path = line["path"].as_str().unwrap();
        // The parts of a PDF document published in several files are shown joined by ` + `.
        let single = bin()
            .arg("check")
            .args(path.split(" + "))
            .args(["--format", "json"])
            .output()
            .unwrap();
        let report: Value = serde_json::from_slice(&single.stdout).unwrap();
        let summary = &report["summary"];
        assert_eq!(line["ok"], true);
        assert_eq!(line["error"], Value::Null);
        for (key, from) in [
            ("errors", "errors"),
            ("rounding", "rounding"),
            ("warnings", "warnings"),
            ("infos", "infos"),
            ("tables_read", "tables_read"),
            ("tables_empty", "tables_empty"),
            ("tables_unread", "tables_unread"),
        ] {
            assert_eq!(line[key], summary[from], "{path}: {key}");
        }
        let tables = report["tables"].as_array().unwrap();
        assert_eq!(line["tables"], tables.len(), "{path}");
        let unread: Vec<&Value> = tables.iter().filter(|t| t["status"] == "unread").collect();
        assert_eq!(
            line["unread_tables"].as_array().unwrap().len(),
            unread.len()
        );
        let mut rules = serde_json::Map::new();
        for d in report["diagnostics"].as_array().unwrap() {
            let code = d["code"].as_str().unwrap().to_string();
            let n = rules.get(&code).and_then(Value::as_u64).unwrap_or(0);
            rules.insert(code, Value::from(n + 1));
        }
        assert_eq!(line["rules"], Value::Object(rules.clone()), "{path}");
        assert_eq!(line["unit"], report["document"]["unit"]);
        assert_eq!(line["year"], report["document"]["year"]);
        assert!(line["elapsed_ms"].as_f64().unwrap() > 0.0);
        // The CSV row says the same.
        assert_eq!(row.len(), header.len(), "{row:?}");
        assert_eq!(row[0], path);
        assert_eq!(row[1], "true");
        for (i, key) in header.iter().enumerate().skip(7).take(8) {
            assert_eq!(row[i], line[*key].to_string(), "{path}: {key}");
        }
        let csv_rules: Vec<String> = rules.iter().map(|(c, n)| format!("{c}={n}")).collect();
        assert_eq!(row[16], csv_rules.join(" "));
        assert!(row[17].parse::<f64>().is_ok());
    }
}

/// The fields of one RFC 4180 row.
fn csv_fields(row: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    let mut chars = row.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                fields.last_mut().unwrap().push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(String::new()),
            (c, _) => fields.last_mut().unwrap().push(c),
        }
    }
    fields
}

#[test]
fn csv_quotes_fields_and_reports_unreadable_files() {
    let s = common::Scratch::new("csv");
    s.write("x,\"y\".txt", "没有表格的一段话。".as_bytes());
    let missing = s.0.join("missing.txt");
    let out = bin()
        .args(["check", "--format", "csv", s.0.to_str().unwrap()])
        .arg(&missing)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let csv = stdout(&out);
    let rows: Vec<Vec<String>> = csv
        .split("\r\n")
        .skip(1)
        .filter(|r| !r.is_empty())
        .map(csv_fields)
        .collect();
    assert_eq!(rows.len(), 2);
    assert!(rows[0][0].ends_with("x,\"y\".txt"), "{rows:?}");
    assert_eq!(rows[0][16], "R004=1");
    assert_eq!(rows[1][1], "false");
    assert!(rows[1][2].contains("cannot read"), "{rows:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read"));
}

#[test]
fn json_batch_holds_every_report() {
    let s = small_batch("json");
    let missing = s.0.join("missing.txt");
    let out = bin()
        .args(["check", "--format", "json", s.0.to_str().unwrap()])
        .arg(&missing)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "unreadable input: {out:?}");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["schema"], "budget-lint/batch@1");
    let docs = v["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 3);
    assert_eq!(docs[0]["encoding"], "gb18030");
    assert_eq!(docs[0]["report"]["schema"], "budget-lint/report@1");
    let report: budget_lint::report::Report =
        serde_json::from_value(docs[1]["report"].clone()).unwrap();
    assert!(report.summary.errors > 0);
    assert!(docs[2]["error"].as_str().unwrap().contains("cannot read"));
    assert!(docs[2].get("report").is_none());
    // One file named: the report itself, as before.
    let one = bin()
        .args([
            "check",
            "--format",
            "json",
            &corpus("000_799292fe1e9c1d1b.txt"),
        ])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&one.stdout).unwrap();
    assert_eq!(v["schema"], "budget-lint/report@1");
}

#[test]
fn exit_codes() {
    let s = small_batch("exit");
    let dir = s.0.to_str().unwrap();
    let code = |args: &[&str]| bin().args(args).output().unwrap().status.code();
    // An error finding anywhere: 1.
    assert_eq!(code(&["check", dir]), Some(1));
    // None: 0 (the GBK copy of a document without errors).
    let clean = s.0.join("a");
    assert_eq!(code(&["check", clean.to_str().unwrap()]), Some(0));
    // An unreadable input among readable ones: 2, and the others are still written.
    let out = bin()
        .args(["check", clean.to_str().unwrap(), "/nonexistent/file.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let text = stdout(&out);
    assert!(text.contains("上海市普陀区人民政府办公室"), "{text}");
    assert!(text.contains("无法读取 unreadable"), "{text}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/file.txt"));
    // A directory without any *.txt file, and usage errors: 2.
    let empty = s.0.join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    assert_eq!(code(&["check", empty.to_str().unwrap()]), Some(2));
    assert_eq!(code(&["check", dir, "-j", "0"]), Some(2));
    assert_eq!(code(&["check", "-", "-"]), Some(2));
    assert_eq!(code(&["check", dir, "--format", "xml"]), Some(2));
    assert_eq!(code(&["--help"]), Some(0));
}

#[test]
fn output_goes_to_the_named_file() {
    let s = small_batch("output");
    let target = s.0.join("out.sarif");
    let out = bin()
        .args(["check", "--format", "sarif", "-o"])
        .arg(&target)
        .arg(s.0.join("a"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(out.stdout.is_empty());
    let log: Value = serde_json::from_slice(&std::fs::read(&target).unwrap()).unwrap();
    assert_eq!(log["version"], "2.1.0");
    let bad = bin()
        .args([
            "check",
            "-o",
            "/nonexistent/dir/out.txt",
            s.0.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn text_batch_has_a_block_per_document_and_a_total() {
    let s = small_batch("text");
    let out = bin()
        .args(["check", s.0.to_str().unwrap()])
        .output()
        .unwrap();
    let text = stdout(&out);
    assert_eq!(text.matches("主体 body:").count(), 2, "{text}");
    assert!(text.contains("共 2 份 documents: 1 份有错误 with errors, 0 份无法读取 unreadable"));
}
