//! Every rule has documentation, fixtures that trigger it and fixtures that must not.
//!
//! Fixtures live in `tests/fixtures/rules/<CODE>/`: `trigger*.txt` must yield at least one finding of
//! the rule, `clean*.txt` none. A `<fixture>.expect` file beside a trigger lists expected findings, one
//! per line: `<severity>\t<text of the primary label>` — each must be found.

use budget_lint::rules;
use std::path::{Path, PathBuf};

fn dir(code: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/rules")
        .join(code)
}

fn fixtures(code: &str, prefix: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir(code))
        .map(|rd| {
            rd.flatten()
                .map(|e| e.path())
                .filter(|p| {
                    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
                    name.starts_with(prefix) && name.ends_with(".txt")
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

#[test]
fn every_rule_is_documented() {
    let mut codes = Vec::new();
    for r in rules::all() {
        let d = &r.doc;
        for (field, text) in [
            ("summary", d.summary),
            ("summary_en", d.summary_en),
            ("what", d.what),
            ("why", d.why),
            ("example", d.example),
        ] {
            assert!(!text.trim().is_empty(), "{} has no {field}", r.code);
        }
        assert!(
            r.name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
            "{} name {}",
            r.code,
            r.name
        );
        assert!(!codes.contains(&r.code), "duplicate code {}", r.code);
        codes.push(r.code);
    }
}

#[test]
fn every_rule_has_fixtures_that_trigger_it_and_fixtures_that_must_not() {
    for r in rules::all() {
        let triggers = fixtures(r.code, "trigger");
        let cleans = fixtures(r.code, "clean");
        assert!(
            !triggers.is_empty(),
            "{} has no trigger fixture in {}",
            r.code,
            dir(r.code).display()
        );
        assert!(
            !cleans.is_empty(),
            "{} has no clean fixture in {}",
            r.code,
            dir(r.code).display()
        );
        for path in triggers {
            let text = std::fs::read_to_string(&path).unwrap();
            let report = budget_lint::check(&text);
            let mine: Vec<_> = report
                .diagnostics
                .iter()
                .filter(|d| d.code == r.code)
                .collect();
            assert!(
                !mine.is_empty(),
                "{} did not trigger on {}",
                r.code,
                path.display()
            );
            let expect = path.with_extension("expect");
            if let Ok(lines) = std::fs::read_to_string(&expect) {
                for line in lines.lines().filter(|l| !l.trim().is_empty()) {
                    let (severity, primary) =
                        line.split_once('\t').expect("severity<TAB>primary text");
                    let hit = mine.iter().any(|d| {
                        d.severity.as_str() == severity
                            && d.labels
                                .iter()
                                .any(|l| l.primary && &text[l.start..l.end] == primary)
                    });
                    assert!(
                        hit,
                        "{}: expected a {severity} finding on 「{primary}」 in {}; got {:#?}",
                        r.code,
                        path.display(),
                        mine.iter()
                            .map(|d| (&d.severity, &d.message))
                            .collect::<Vec<_>>()
                    );
                }
            }
        }
        for path in cleans {
            let text = std::fs::read_to_string(&path).unwrap();
            let report = budget_lint::check(&text);
            let mine: Vec<_> = report
                .diagnostics
                .iter()
                .filter(|d| d.code == r.code)
                .map(|d| &d.message)
                .collect();
            assert!(
                mine.is_empty(),
                "{} fired on clean fixture {}: {mine:#?}",
                r.code,
                path.display()
            );
        }
    }
}

#[test]
fn rules_md_is_the_generated_catalogue() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("RULES.md");
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    let generated = rules::catalogue::markdown();
    assert!(
        on_disk == generated,
        "RULES.md is out of date: regenerate it with `cargo run -q --bin budget-lint -- rules > RULES.md`"
    );
    for r in rules::all() {
        assert!(generated.contains(&format!("### {} `{}`", r.code, r.name)));
    }
}

/// www/rules.json: the long explanations the web page loads when a finding is opened (the web
/// module is built without them). `BUDGET_LINT_BLESS=1 cargo test --test rule_fixtures` rewrites it.
#[test]
fn rules_json_holds_every_explanation() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("www/rules.json");
    let codes = rules::all()
        .map(|r| r.code)
        .chain(budget_lint::view::READING_CODES);
    let docs: std::collections::BTreeMap<String, serde_json::Value> = codes
        .map(|code| {
            let info = budget_lint::view::rule_info(code).expect("documented");
            assert!(!info.what.is_empty() && !info.why.is_empty() && !info.example.is_empty());
            let doc =
                serde_json::json!({ "what": info.what, "why": info.why, "example": info.example });
            (code.to_string(), doc)
        })
        .collect();
    let generated = serde_json::to_string_pretty(&docs).expect("serialisable") + "\n";
    if std::env::var_os("BUDGET_LINT_BLESS").is_some() {
        std::fs::write(&path, &generated).expect("writable");
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == generated,
        "www/rules.json is out of date: `BUDGET_LINT_BLESS=1 cargo test --test rule_fixtures`"
    );
}
