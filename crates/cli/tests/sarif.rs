//! `--format sarif`: the log for the whole corpus is valid SARIF 2.1.0 (the official JSON schema,
//! tests/schemas/), holds every finding of every document, and its regions point at the figures.

mod common;

use common::{corpus_present, repo_root, run_in, small_batch, stdout};
use serde_json::Value;
use std::path::Path;

/// The pattern of `run.language` and `toolComponent.language` in the draft-07 rendering: not a valid
/// ECMA-262 regular expression (a stray `]`; sarif-spec issue 488, fixed in errata 01 as below).
const BAD_LANGUAGE_PATTERN: &str = r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#;
const ERRATA_LANGUAGE_PATTERN: &str = r#""^[a-zA-Z]{2}(-[a-zA-Z]{2})?$""#;

/// Validators for the two official renderings of the SARIF 2.1.0 schema (tests/schemas/README.md):
/// the draft-07 one (its two language patterns replaced by the errata's) and the draft-04 errata 01
/// one as published. Formats (`uri`, `uri-reference`, `date-time`) are checked too.
fn validators() -> Vec<(&'static str, jsonschema::Validator)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas");
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap();
    let draft07 = read("sarif-schema-2.1.0.json");
    assert_eq!(draft07.matches(BAD_LANGUAGE_PATTERN).count(), 2);
    let draft07 = draft07.replace(BAD_LANGUAGE_PATTERN, ERRATA_LANGUAGE_PATTERN);
    let errata = read("sarif-schema-2.1.0-errata01-draft04.json");
    assert_eq!(errata.matches(ERRATA_LANGUAGE_PATTERN).count(), 2);
    [
        ("draft-07", draft07, jsonschema::Draft::Draft7),
        ("errata 01 (draft-04)", errata, jsonschema::Draft::Draft4),
    ]
    .into_iter()
    .map(|(name, text, draft)| {
        let schema: Value = serde_json::from_str(&text).unwrap();
        let validator = jsonschema::options()
            .with_draft(draft)
            .should_validate_formats(true)
            .build(&schema)
            .unwrap_or_else(|e| panic!("the {name} SARIF schema does not compile: {e}"));
        (name, validator)
    })
    .collect()
}

fn assert_valid(log: &Value) {
    for (name, validator) in validators() {
        let errors: Vec<String> = validator
            .iter_errors(log)
            .take(20)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "invalid SARIF ({name} schema):\n{}",
            errors.join("\n")
        );
    }
}

/// `%XX` sequences back to bytes.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 3 <= bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
            out.push(u8::from_str_radix(hex, 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn the_corpus_log_is_valid_sarif_with_every_finding_at_its_figure() {
    if !corpus_present("the_corpus_log_is_valid_sarif_with_every_finding_at_its_figure") {
        return;
    }
    let root = repo_root();
    let out = run_in(&root, &["check", "../shared/corpus", "--format", "sarif"]);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{out:?}");
    let log: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_valid(&log);

    // The reports of the same documents, as `--format json` gives them.
    let json = run_in(&root, &["check", "../shared/corpus", "--format", "json"]);
    let batch: Value = serde_json::from_slice(&json.stdout).unwrap();
    let docs = batch["documents"].as_array().unwrap();

    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    assert_eq!(run["tool"]["driver"]["name"], "budget-lint");
    assert_eq!(run["invocations"][0]["executionSuccessful"], true);
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    for rule in budget_lint::rules::all() {
        let r = rules.iter().find(|r| r["id"] == rule.code).unwrap();
        assert_eq!(r["name"], rule.name);
        for key in ["shortDescription", "fullDescription", "help"] {
            assert!(!r[key]["text"].as_str().unwrap().is_empty(), "{key}");
        }
        assert!(r["defaultConfiguration"]["level"].is_string());
    }
    let artifacts = run["artifacts"].as_array().unwrap();
    assert_eq!(artifacts.len(), docs.len());
    assert!(artifacts.len() >= 13, "the whole corpus, recursively");
    let base = run["originalUriBaseIds"]["SRCROOT"]["uri"]
        .as_str()
        .unwrap();
    assert!(
        base.starts_with("file:///") && base.ends_with('/'),
        "{base}"
    );

    let results = run["results"].as_array().unwrap();
    let total: usize = docs
        .iter()
        .map(|d| d["report"]["diagnostics"].as_array().unwrap().len())
        .sum();
    assert_eq!(results.len(), total, "one result per finding");
    assert!(total > 50, "the corpus has findings: {total}");
    let mut results = results.iter();
    for (index, (doc, artifact)) in docs.iter().zip(artifacts).enumerate() {
        let uri = artifact["location"]["uri"].as_str().unwrap();
        assert_eq!(artifact["location"]["uriBaseId"], "SRCROOT");
        assert!(uri.starts_with("../shared/corpus/"), "{uri}");
        let path = doc["path"].as_str().unwrap();
        // A PDF document in several parts is shown as its parts joined by ` + `; its artifact is
        // the first part.
        let parts: Vec<&str> = path.split(" + ").collect();
        assert_eq!(parts[0], percent_decode(uri));
        // The artifact's text, decoded as the checker decodes it (a PDF's as read out of it), in
        // code points.
        let bytes = std::fs::read(root.join(percent_decode(uri))).unwrap();
        let pdf = budget_lint_pdf::is_pdf(&bytes);
        let text = if pdf {
            let files = parts
                .iter()
                .map(|p| {
                    budget_lint_pdf::extract(&std::fs::read(root.join(p)).unwrap(), p).unwrap()
                })
                .collect();
            budget_lint::origin::join(files).0
        } else {
            budget_lint::decode::decode(&bytes).0
        };
        let chars: Vec<char> = text.chars().collect();
        for d in doc["report"]["diagnostics"].as_array().unwrap() {
            let r = results.next().unwrap();
            assert_eq!(r["ruleId"], d["code"]);
            let rule_index = r["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(rules[rule_index]["id"], d["code"], "ruleIndex");
            let level = match d["severity"].as_str().unwrap() {
                "error" => "error",
                "rounding" | "warning" => "warning",
                _ => "note",
            };
            assert_eq!(r["level"], level);
            assert_eq!(r["properties"]["severity"], d["severity"]);
            assert!(r["message"]["text"]
                .as_str()
                .unwrap()
                .starts_with(d["message"].as_str().unwrap()));
            let physical = &r["locations"][0]["physicalLocation"];
            assert_eq!(physical["artifactLocation"]["index"], index);
            assert_eq!(physical["artifactLocation"]["uri"], uri);
            let labels = d["labels"].as_array().unwrap();
            let primary = labels.iter().find(|l| l["primary"] == true);
            let Some(primary) = primary else {
                assert!(physical.get("region").is_none());
                continue;
            };
            // The region slices the artifact text to the finding's printed figure.
            let figure = &text[primary["start"].as_u64().unwrap() as usize
                ..primary["end"].as_u64().unwrap() as usize];
            let check_region = |region: &Value, label: &Value, figure: &str| {
                let off = region["charOffset"].as_u64().unwrap() as usize;
                let len = region["charLength"].as_u64().unwrap() as usize;
                let sliced: String = chars[off..off + len].iter().collect();
                assert_eq!(sliced, figure, "{uri}: {}", d["code"]);
                assert_eq!(region["snippet"]["text"], figure);
                assert_eq!(region["startLine"], label["line"]);
                assert_eq!(region["startColumn"], label["column"]);
                // Lines and columns say the same as the offsets.
                let line = region["startLine"].as_u64().unwrap() as usize;
                let line_start: usize = text
                    .split_inclusive('\n')
                    .take(line - 1)
                    .map(|l| l.chars().count())
                    .sum();
                assert_eq!(
                    line_start + label["column"].as_u64().unwrap() as usize - 1,
                    off
                );
            };
            check_region(&physical["region"], primary, figure);
            // A figure read out of a PDF also says where it stands on its page.
            if pdf {
                assert!(r["locations"][0]["properties"]["origin"]["page"].is_u64());
            }
            assert_eq!(r["locations"][0]["message"]["text"], primary["message"]);
            let related = r["relatedLocations"].as_array().map_or(&[][..], |v| v);
            assert_eq!(related.len(), labels.len() - 1);
            for (rel, label) in related
                .iter()
                .zip(labels.iter().filter(|l| l["primary"] != true))
            {
                let figure = &text[label["start"].as_u64().unwrap() as usize
                    ..label["end"].as_u64().unwrap() as usize];
                check_region(&rel["physicalLocation"]["region"], label, figure);
                assert_eq!(rel["message"]["text"], label["message"]);
            }
        }
    }
    assert!(results.next().is_none());
}

#[test]
fn the_validator_rejects_an_invalid_log() {
    let s = small_batch("sarif-negative");
    let out = run_in(&s.0, &["check", ".", "--format", "sarif"]);
    let log: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_valid(&log);
    let mut fatal = log.clone();
    fatal["runs"][0]["results"][0]["level"] = Value::from("fatal");
    let mut columns = log.clone();
    columns["runs"][0]["columnKind"] = Value::from("bytes");
    let mut bad_uri = log.clone();
    bad_uri["runs"][0]["artifacts"][0]["location"]["uri"] = Value::from("a b/预算.txt");
    let mut no_version = log.clone();
    no_version.as_object_mut().unwrap().remove("version");
    for (name, validator) in validators() {
        assert!(validator.is_valid(&log));
        assert!(
            !validator.is_valid(&fatal),
            "{name}: level fatal must be rejected"
        );
        assert!(!validator.is_valid(&columns), "{name}: columnKind bytes");
        // Draft-04 knows no `uri-reference` format (draft-06 added it), so only draft-07 checks it.
        if name == "draft-07" {
            assert!(!validator.is_valid(&bad_uri), "{name}: unencoded URI");
        }
        assert!(!validator.is_valid(&no_version), "{name}: no version");
    }
}

#[test]
fn unreadable_inputs_chinese_names_and_standard_input() {
    let s = small_batch("sarif-edge");
    let out = run_in(
        &s.0,
        &[
            "check",
            "--format",
            "sarif",
            "a",
            "missing.txt",
            "b_with_error.txt",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let log: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_valid(&log);
    let run = &log["runs"][0];
    let uris: Vec<&str> = run["artifacts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["location"]["uri"].as_str().unwrap())
        .collect();
    assert_eq!(
        uris,
        [
            "a/%E6%B7%B1%E5%B1%82/%E6%99%AE%E9%99%80%20%E9%A2%84%E7%AE%97.txt",
            "missing.txt",
            "b_with_error.txt"
        ]
    );
    assert_eq!(run["artifacts"][0]["encoding"], "gb18030");
    let invocation = &run["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    assert_eq!(invocation["exitCode"], 2);
    let notes = invocation["toolExecutionNotifications"].as_array().unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0]["level"], "error");
    assert_eq!(
        notes[0]["locations"][0]["physicalLocation"]["artifactLocation"]["index"],
        1
    );
    // A GBK document's regions count code points of the decoded text, as for UTF-8.
    let gbk = std::fs::read(s.0.join("a/深层/普陀 预算.txt")).unwrap();
    let (text, encoding) = budget_lint::decode::decode(&gbk);
    assert_eq!(encoding, "gb18030");
    let chars: Vec<char> = text.chars().collect();
    let mut regions = 0;
    for r in run["results"].as_array().unwrap() {
        let physical = &r["locations"][0]["physicalLocation"];
        if physical["artifactLocation"]["index"] != 0 || physical.get("region").is_none() {
            continue;
        }
        let region = &physical["region"];
        let off = region["charOffset"].as_u64().unwrap() as usize;
        let len = region["charLength"].as_u64().unwrap() as usize;
        let sliced: String = chars[off..off + len].iter().collect();
        assert_eq!(region["snippet"]["text"], sliced);
        assert!(!sliced.is_empty());
        regions += 1;
    }
    assert!(regions > 0, "the GBK document has findings at figures");

    // Standard input: no URI, a description.
    let text = std::fs::read(common::corpus("000_799292fe1e9c1d1b.txt")).unwrap();
    let mut child = common::bin()
        .args(["check", "--format", "sarif", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), &text).unwrap();
    let out = child.wait_with_output().unwrap();
    let log: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_valid(&log);
    let location = &log["runs"][0]["artifacts"][0]["location"];
    assert!(location.get("uri").is_none());
    assert!(location["description"]["text"]
        .as_str()
        .unwrap()
        .contains("standard input"));
}
