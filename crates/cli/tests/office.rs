//! Staff drafts on the command line: the tables of corpus document 001 as a real .xlsx and its
//! narrative as a .docx (built by the office crate's test helpers), checked together as one
//! document — the same findings as the text, every label placed on its file and cell in JSON,
//! text and SARIF — and files that cannot be read reported with their format and what to do.

#[path = "../../office/tests/common/mod.rs"]
mod build;
mod common;

use common::{bin, Scratch};
use serde_json::Value;
use std::path::Path;

fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = bin().current_dir(dir).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// A scratch directory holding 001 as `表格.xlsx` + `说明.docx`, and as `001.txt`.
fn drafts(name: &str) -> Option<Scratch> {
    let Some(doc) = build::doc_001() else {
        eprintln!("SKIPPED {name}: corpus document 001 is absent");
        return None;
    };
    let parts = build::parts(&doc);
    let s = Scratch::new(name);
    s.write("表格.xlsx", &build::xlsx(&parts.tables));
    s.write("说明.docx", &build::docx(&parts.narrative));
    s.write("001.txt", doc.as_bytes());
    Some(s)
}

/// Each finding as code, severity, expected, actual (sorted).
fn findings(report: &Value) -> Vec<String> {
    let mut v: Vec<String> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            format!(
                "{} {} {} {}",
                d["code"], d["severity"], d["expected"], d["actual"]
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn a_workbook_and_a_word_file_on_one_command_line_are_one_document() {
    let Some(s) = drafts("office-pair") else {
        return;
    };
    let (code, out, err) = run(
        &s.0,
        &["check", "表格.xlsx", "说明.docx", "--format", "json"],
    );
    assert_eq!(code, 1, "{err}"); // 001 has an error finding
    let pair: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(pair["schema"], "budget-lint/report@1");
    let (_, out, _) = run(&s.0, &["check", "001.txt", "--format", "json"]);
    let text: Value = serde_json::from_str(&out).unwrap();
    assert!(!findings(&text).is_empty());
    assert_eq!(findings(&pair), findings(&text));
    assert_eq!(pair["tables"].as_array().unwrap().len(), 13);
    // Every label stands in a file: table figures in the workbook's sheets, the rest in the Word file.
    for d in pair["diagnostics"].as_array().unwrap() {
        for l in d["labels"].as_array().unwrap() {
            let o = &l["origin"];
            assert!(o["cell"].is_string(), "{l}");
            let file = o["file"].as_str().unwrap();
            let sheet = o["sheet"].as_str().unwrap();
            if file == "表格.xlsx" {
                assert!(sheet.starts_with('表') && !sheet.starts_with("表格"), "{o}");
            } else {
                assert_eq!(file, "说明.docx");
            }
        }
    }
    // Given the other way round, or as a zip, the same.
    let (_, out, _) = run(
        &s.0,
        &["check", "说明.docx", "表格.xlsx", "--format", "json"],
    );
    let swapped: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(findings(&swapped), findings(&pair));
    let zip = build::zip_of(&[
        ("表格.xlsx", &std::fs::read(s.0.join("表格.xlsx")).unwrap()),
        ("说明.docx", &std::fs::read(s.0.join("说明.docx")).unwrap()),
    ]);
    s.write("预算.zip", &zip);
    let (_, out, _) = run(&s.0, &["check", "预算.zip", "--format", "json"]);
    let zipped: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(findings(&zipped), findings(&pair));

    // The text output places findings on cells.
    let (_, out, _) = run(&s.0, &["check", "表格.xlsx", "说明.docx"]);
    assert!(out.starts_with("表格.xlsx + 说明.docx\n"), "{out}");
    assert!(out.contains("  表格.xlsx:表"), "{out}");
    assert!(!out.contains("无法读取"));

    // findings-csv: a row per finding, led by the document, with the cell of its primary label.
    let (_, csv, _) = run(
        &s.0,
        &[
            "check",
            "表格.xlsx",
            "说明.docx",
            "--format",
            "findings-csv",
        ],
    );
    assert!(csv.starts_with("document,severity,code,rule,line,column,place,figure,"));
    let rows: Vec<&str> = csv
        .split("\r\n")
        .filter(|r| r.starts_with("表格.xlsx + 说明.docx,"))
        .collect();
    let diagnostics = pair["diagnostics"].as_array().unwrap();
    assert_eq!(rows.len(), diagnostics.len());
    for (row, d) in rows.iter().zip(diagnostics) {
        let Some(l) = d["labels"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["primary"] == true)
        else {
            continue;
        };
        let o = &l["origin"];
        let place = format!(
            "{}:{}!{}",
            o["file"].as_str().unwrap(),
            o["sheet"].as_str().unwrap(),
            o["cell"].as_str().unwrap()
        );
        assert!(row.contains(&format!(",{place},")), "{row} lacks {place}");
    }
}

#[test]
fn directories_pair_office_files_by_stem_and_csv_jsonl_sarif_name_them() {
    let Some(s) = drafts("office-walk") else {
        return;
    };
    let dir = s.0.join("2025");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::rename(s.0.join("表格.xlsx"), dir.join("部门预算.xlsx")).unwrap();
    std::fs::rename(s.0.join("说明.docx"), dir.join("部门预算.docx")).unwrap();
    std::fs::write(
        dir.join("其他.docx"),
        build::docx(&["一、概况".to_string()]),
    )
    .unwrap();
    let (code, out, err) = run(&s.0, &["check", "2025", "--format", "jsonl"]);
    assert_eq!(code, 1, "{err}");
    let lines: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let paths: Vec<&str> = lines.iter().map(|l| l["path"].as_str().unwrap()).collect();
    assert_eq!(
        paths,
        ["2025/其他.docx", "2025/部门预算.docx + 2025/部门预算.xlsx"]
    );
    assert_eq!(lines[0]["encoding"], "docx");
    assert_eq!(lines[1]["encoding"], "office");
    assert_eq!(lines[1]["tables"], 13);
    let (_, csv, _) = run(&s.0, &["check", "2025", "--format", "csv"]);
    assert!(
        csv.contains("2025/部门预算.docx + 2025/部门预算.xlsx,true,,office,"),
        "{csv}"
    );

    // SARIF: each finding's locations name the file and the cell, without a text region.
    let (_, out, _) = run(&s.0, &["check", "2025", "--format", "sarif"]);
    let log: Value = serde_json::from_str(&out).unwrap();
    assert_valid_sarif(&log);
    let run0 = &log["runs"][0];
    let mime: Vec<&str> = run0["artifacts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["mimeType"].as_str().unwrap())
        .collect();
    assert_eq!(
        mime,
        [
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/octet-stream"
        ]
    );
    let results = run0["results"].as_array().unwrap();
    assert!(!results.is_empty());
    let mut on_sheets = 0;
    for r in results {
        for loc in r["locations"]
            .as_array()
            .unwrap()
            .iter()
            .chain(r["relatedLocations"].as_array().into_iter().flatten())
        {
            let physical = &loc["physicalLocation"];
            if loc.get("properties").is_none() {
                continue; // a finding about the whole document
            }
            assert!(physical.get("region").is_none(), "{loc}");
            let uri = physical["artifactLocation"]["uri"].as_str().unwrap();
            let cell = loc["logicalLocations"][0]["fullyQualifiedName"]
                .as_str()
                .unwrap();
            if uri.ends_with(".xlsx") {
                on_sheets += 1;
                assert!(cell.starts_with('表') && cell.contains('!'), "{cell}");
            } else {
                assert!(
                    uri.ends_with("%E9%83%A8%E9%97%A8%E9%A2%84%E7%AE%97.docx"),
                    "{uri}"
                );
            }
        }
    }
    assert!(on_sheets > 0);
}

#[test]
fn office_files_that_cannot_be_read_are_reported_with_what_to_do() {
    let s = Scratch::new("office-bad");
    s.write("说明.doc", &build::ole(&["WordDocument", "1Table"]));
    s.write(
        "表.xlsx",
        &build::ole(&["EncryptionInfo", "EncryptedPackage"]),
    );
    s.write("坏.xlsx", b"PK\x03\x04 truncated");
    s.write("a.txt", "2025年部门预算".as_bytes());
    let (code, out, err) = run(&s.0, &["check", "坏.xlsx", "a.txt"]);
    assert_eq!(code, 2);
    assert!(
        out.contains("坏.xlsx\n  无法读取 unreadable: cannot read `坏.xlsx`: 文件已损坏"),
        "{out}"
    );
    assert!(out.contains("save it as .xlsx or .docx"), "{out}");
    assert!(err.is_empty() || !err.contains("panicked"), "{err}");
    let (code, out, _) = run(&s.0, &["check", "说明.doc", "--format", "jsonl"]);
    assert_eq!(code, 2);
    let line: Value = serde_json::from_str(out.trim()).unwrap();
    let error = line["error"].as_str().unwrap();
    assert!(
        error.contains("旧版 Word 97-2003 文档（.doc）") && error.contains("另存为 .docx"),
        "{error}"
    );
    assert!(error.contains("save it as .docx"), "{error}");
    let (code, _, err) = run(&s.0, &["check", "表.xlsx", "--format", "json"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("设有打开密码") && err.contains("password-protected"),
        "{err}"
    );
}

fn assert_valid_sarif(log: &Value) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas");
    let text = std::fs::read_to_string(dir.join("sarif-schema-2.1.0.json")).unwrap();
    // The errata's fix of the published schema's language pattern (as tests/sarif.rs does).
    let text = text.replace(
        r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#,
        r#""^[a-zA-Z]{2}(-[a-zA-Z]{2})?$""#,
    );
    let schema: Value = serde_json::from_str(&text).unwrap();
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft7)
        .build(&schema)
        .unwrap();
    let errors: Vec<String> = validator
        .iter_errors(log)
        .take(10)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}
