//! `budget-lint`: checks budget disclosures from the command line.
//!
//! `budget-lint check FILE|- [--format text|json]`
//! Exit status: 0 no error findings, 1 error findings, 2 usage or read error.

mod text;

use std::io::Read;
use std::process::ExitCode;

const USAGE: &str = "用法 usage: budget-lint check FILE|- [--format text|json]\n           budget-lint rules    (the rule catalogue, Markdown)";

enum Format {
    Text,
    Json,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("budget-lint: {msg}");
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<ExitCode, String> {
    let mut it = args.iter();
    match it.next().map(String::as_str) {
        Some("check") => {}
        Some("rules") => {
            print!("{}", budget_lint::rules::catalogue::markdown());
            return Ok(ExitCode::SUCCESS);
        }
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            return Ok(ExitCode::SUCCESS);
        }
        Some(other) => return Err(format!("unknown command `{other}`")),
        None => return Err("missing command".to_string()),
    }
    let mut format = Format::Text;
    let mut input: Option<&str> = None;
    while let Some(a) = it.next() {
        match a.as_str() {
            "--format" => {
                format = match it.next().map(String::as_str) {
                    Some("text") => Format::Text,
                    Some("json") => Format::Json,
                    Some(f) => return Err(format!("unknown format `{f}` (text or json)")),
                    None => return Err("--format needs a value".to_string()),
                }
            }
            s if s.starts_with("--format=") => {
                format = match &s["--format=".len()..] {
                    "text" => Format::Text,
                    "json" => Format::Json,
                    f => return Err(format!("unknown format `{f}` (text or json)")),
                }
            }
            s if s.starts_with('-') && s != "-" => return Err(format!("unknown option `{s}`")),
            s => {
                if input.replace(s).is_some() {
                    return Err("only one input file".to_string());
                }
            }
        }
    }
    let input = input.ok_or("missing input file (or - for standard input)")?;
    let bytes = if input == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        buf
    } else {
        std::fs::read(input).map_err(|e| format!("cannot read `{input}`: {e}"))?
    };
    let (text, _encoding) = budget_lint::decode::decode(&bytes);
    let report = budget_lint::check(&text);
    match format {
        Format::Json => {
            let json = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
            println!("{json}");
        }
        Format::Text => print!("{}", text::render(input, &report)),
    }
    Ok(if report.summary.errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
