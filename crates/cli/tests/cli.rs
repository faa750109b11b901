//! The CLI as a user runs it: formats, exit codes, standard input, GBK files, usage errors.

mod common;

use common::{bin, corpus};
use std::io::Write;
use std::process::Stdio;

#[test]
fn json_follows_the_report_contract() {
    let out = bin()
        .args([
            "check",
            &corpus("001_6149e9281c444aee.txt"),
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.code().is_some_and(|c| c == 0 || c == 1),
        "{out:?}"
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["schema"], "budget-lint/report@1");
    assert_eq!(v["document"]["year"], 2025);
    assert_eq!(v["document"]["kind"], "budget");
    assert_eq!(v["document"]["money_unit"], "万元");
    assert_eq!(
        v["document"]["unit"],
        "昌吉回族自治州政务服务和公共资源交易中心"
    );
    let t3 = v["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["number"] == 3)
        .unwrap();
    assert_eq!(t3["unit"], "万元");
    assert_eq!(
        t3["columns"],
        serde_json::json!(["合计", "基本支出", "项目支出"])
    );
    let row = t3["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "2010301")
        .unwrap();
    assert_eq!(row["label"], "行政运行");
    let cell = &row["cells"][0];
    assert_eq!(cell["column"], "合计");
    assert_eq!(cell["value"], "596.61");
    // The span points at the printed figure in the input.
    let text = std::fs::read_to_string(corpus("001_6149e9281c444aee.txt")).unwrap();
    let (s, e) = (
        cell["span"]["start"].as_u64().unwrap() as usize,
        cell["span"]["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[s..e], "596.61");
    for d in v["diagnostics"].as_array().unwrap() {
        for key in ["code", "rule", "severity", "message", "labels", "notes"] {
            assert!(d.get(key).is_some(), "diagnostic without {key}: {d}");
        }
    }
}

#[test]
fn text_summary_and_exit_code_zero_without_errors() {
    let out = bin()
        .args([
            "check",
            &corpus("real/01_shanghai_putuo_zfb_2025_bumen_yusuan.txt"),
        ])
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("上海市普陀区人民政府办公室"), "{s}");
    assert!(s.contains("部门财务收支预算总表"));
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn reads_gbk_from_standard_input() {
    let text = std::fs::read_to_string(corpus("000_799292fe1e9c1d1b.txt")).unwrap();
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable);
    let mut child = bin()
        .args(["check", "-", "--format", "json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&gbk).unwrap();
    let out = child.wait_with_output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["document"]["unit"], "哈密市政务服务和公共资源交易中心");
}

#[test]
fn usage_and_read_errors_exit_two() {
    for args in [
        vec![],
        vec!["frobnicate"],
        vec!["check"],
        vec!["check", "x", "--format", "xml"],
    ] {
        let out = bin().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(!out.stderr.is_empty());
    }
    let out = bin()
        .args(["check", "/nonexistent/file.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read"));
}

#[test]
fn an_image_or_binary_file_is_refused_with_what_it_is() {
    let dir = std::env::temp_dir().join(format!("budget-lint-not-text-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let photo = dir.join("扫描件.txt");
    std::fs::write(&photo, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0").unwrap();
    let out = bin().arg("check").arg(&photo).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("PNG 图片") && stderr.contains("PNG image"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty() || !String::from_utf8_lossy(&out.stdout).contains("R00"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_json_report_reads_back() {
    let out = bin()
        .args([
            "check",
            &corpus("000_799292fe1e9c1d1b.txt"),
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let report: budget_lint::report::Report = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report.schema, "budget-lint/report@1");
    assert!(report.tables.iter().any(|t| !t.income_columns.is_empty()));
}
