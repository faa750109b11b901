//! The command line: what `budget-lint` was asked to do, parsed by hand (no parser crate) so that the
//! usage text stays bilingual and every mistake is a usage error with exit status 2.

use std::path::PathBuf;

pub const USAGE: &str = "\
用法 usage: budget-lint check [OPTIONS] PATH...
           budget-lint rules    (the rule catalogue, Markdown)

  PATH       a file (any extension), a directory (its *.txt and *.pdf files, recursively, sorted),
             or - for standard input
  --format F text (default) | json | jsonl | csv | findings-csv | sarif
  -j, --jobs N
             documents checked at once (default: the number of cores)
  -o, --output FILE
             write there instead of standard output

退出状态 exit status: 0 no error finding · 1 an error finding in some document ·
                      2 usage error, or an input that could not be read";

/// What to do.
#[derive(Debug, PartialEq, Eq)]
pub enum Command {
    Check(Options),
    Rules,
    Help,
}

/// The output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Jsonl,
    Csv,
    /// One CSV row per finding (of every document), with where it stands.
    FindingsCsv,
    Sarif,
}

impl Format {
    fn parse(s: &str) -> Result<Format, String> {
        Ok(match s {
            "text" => Format::Text,
            "json" => Format::Json,
            "jsonl" => Format::Jsonl,
            "csv" => Format::Csv,
            "findings-csv" => Format::FindingsCsv,
            "sarif" => Format::Sarif,
            f => {
                return Err(format!(
                    "unknown format `{f}` (text, json, jsonl, csv, findings-csv or sarif)"
                ))
            }
        })
    }
}

/// `check`'s options.
#[derive(Debug, PartialEq, Eq)]
pub struct Options {
    pub format: Format,
    /// Worker threads; `None`: as many as there are cores.
    pub jobs: Option<usize>,
    pub output: Option<PathBuf>,
    /// The paths as given, `-` for standard input; at least one.
    pub inputs: Vec<String>,
}

/// Parses the arguments after the program name.
pub fn parse(args: &[String]) -> Result<Command, String> {
    let mut it = args.iter();
    match it.next().map(String::as_str) {
        Some("check") => {}
        Some("rules") => return Ok(Command::Rules),
        Some("-h" | "--help" | "help") => return Ok(Command::Help),
        Some(other) => return Err(format!("unknown command `{other}`")),
        None => return Err("missing command".to_string()),
    }
    let mut opts = Options {
        format: Format::Text,
        jobs: None,
        output: None,
        inputs: Vec::new(),
    };
    let mut only_paths = false;
    while let Some(a) = it.next() {
        if only_paths {
            opts.inputs.push(a.clone());
            continue;
        }
        // `--name=value`, `--name value`, `-jN`, `-j N`.
        let (name, inline) = match a.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n, Some(v)),
            _ => match a.strip_prefix("-j").filter(|v| !v.is_empty()) {
                Some(v) => ("-j", Some(v)),
                None => (a.as_str(), None),
            },
        };
        let mut value = |what: &str| -> Result<&str, String> {
            inline
                .or_else(|| it.next().map(String::as_str))
                .ok_or_else(|| format!("{name} needs {what}"))
        };
        match name {
            "--format" => opts.format = Format::parse(value("a value")?)?,
            "-j" | "--jobs" => {
                let v = value("a number")?;
                opts.jobs = match v.parse::<usize>() {
                    Ok(n) if n > 0 => Some(n),
                    _ => return Err(format!("{name} needs a positive number, not `{v}`")),
                }
            }
            "-o" | "--output" => opts.output = Some(PathBuf::from(value("a file")?)),
            "-h" | "--help" => return Ok(Command::Help),
            "--" => only_paths = true,
            s if s.starts_with('-') && s != "-" => return Err(format!("unknown option `{a}`")),
            _ => opts.inputs.push(a.clone()),
        }
    }
    if opts.inputs.is_empty() {
        return Err("missing input file or directory (or - for standard input)".to_string());
    }
    if opts.inputs.iter().filter(|p| *p == "-").count() > 1 {
        return Err("standard input (-) can be read only once".to_string());
    }
    Ok(Command::Check(opts))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(args: &[&str]) -> Result<Options, String> {
        let mut v = vec!["check".to_string()];
        v.extend(args.iter().map(|s| s.to_string()));
        match parse(&v)? {
            Command::Check(o) => Ok(o),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn options_in_every_spelling() {
        let o = check(&["a", "--format=csv", "-j2", "b", "--output", "out.csv"]).unwrap();
        assert_eq!(o.format, Format::Csv);
        assert_eq!(o.jobs, Some(2));
        assert_eq!(o.output, Some(PathBuf::from("out.csv")));
        assert_eq!(o.inputs, ["a", "b"]);
        let o = check(&["--jobs", "3", "--format", "sarif", "-o", "x", "-"]).unwrap();
        assert_eq!((o.format, o.jobs), (Format::Sarif, Some(3)));
        assert_eq!(o.inputs, ["-"]);
        let o = check(&["-j", "1", "--", "--odd-name.txt"]).unwrap();
        assert_eq!(o.inputs, ["--odd-name.txt"]);
    }

    #[test]
    fn mistakes_are_usage_errors() {
        for args in [
            &[][..],
            &["a", "--format", "xml"],
            &["a", "--format"],
            &["a", "-j", "0"],
            &["a", "--jobs=many"],
            &["a", "--frobnicate"],
            &["-", "-"],
        ] {
            assert!(check(args).is_err(), "{args:?}");
        }
        assert!(parse(&[]).is_err());
        assert!(parse(&["lint".to_string()]).is_err());
    }
}
