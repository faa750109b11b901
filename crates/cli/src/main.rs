//! `budget-lint`: checks budget disclosures from the command line.
//!
//! `budget-lint check [--format text|json|jsonl|csv|sarif] [-j N] [-o FILE] PATH...` checks files,
//! directories (their `*.txt`, `*.pdf`, `*.xlsx`, `*.xls`, `*.docx` files, recursively, in sorted order; [`pdf`], [`office`]) or standard input (`-`), several
//! documents at once, and writes the results in input order (`output` describes the formats).
//! `budget-lint rules` prints the rule catalogue.
//!
//! Exit status: 0 no error finding in any document; 1 an error finding in at least one document;
//! 2 a usage error, or an input that could not be read (the other inputs are still checked and
//! written).
//!
//! Modules: [`args`] the command line, [`inputs`] paths to documents, [`batch`] checking in parallel
//! in order, [`output`] the formats, with [`text`], [`summary`] (jsonl, csv) and [`sarif`].

mod args;
mod batch;
mod inputs;
mod office;
mod output;
mod pdf;
mod sarif;
mod summary;
mod text;

use args::{Command, Options, USAGE};
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args::parse(&args) {
        Ok(Command::Check(opts)) => match check(&opts) {
            Ok(status) => ExitCode::from(status),
            // Standard output closed early (`| head`): stop quietly, as ripgrep does.
            Err(Stop::Closed) => ExitCode::SUCCESS,
            Err(Stop::Failed(msg)) => {
                eprintln!("budget-lint: {msg}");
                ExitCode::from(2)
            }
        },
        Ok(Command::Rules) => {
            print!("{}", budget_lint::rules::catalogue::markdown());
            ExitCode::SUCCESS
        }
        Ok(Command::Help) => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Err(msg) => {
            eprintln!("budget-lint: {msg}");
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// Why `check` stopped before the end.
enum Stop {
    /// The reader of standard output went away.
    Closed,
    Failed(String),
}

impl From<String> for Stop {
    fn from(msg: String) -> Stop {
        Stop::Failed(msg)
    }
}

impl From<std::io::Error> for Stop {
    fn from(e: std::io::Error) -> Stop {
        match e.kind() {
            std::io::ErrorKind::BrokenPipe => Stop::Closed,
            _ => Stop::Failed(format!("cannot write the output: {e}")),
        }
    }
}

/// Runs `check`; the exit status.
fn check(opts: &Options) -> Result<u8, Stop> {
    let (inputs, single) = inputs::expand(&opts.inputs);
    if inputs.is_empty() {
        return Err(Stop::Failed(format!(
            "no document to check: no *.txt, *.pdf, *.xlsx, *.xls or *.docx file under {}",
            opts.inputs.join(", ")
        )));
    }
    // No more threads than documents.
    let jobs = opts
        .jobs
        .unwrap_or_else(|| {
            std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
        })
        .min(inputs.len());
    let out: Box<dyn Write> = match &opts.output {
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path)
                .map_err(|e| format!("cannot write `{}`: {e}", path.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let formatter = output::Formatter::new(opts.format, single);
    let mut writer = output::Writer::new(out, &formatter)?;
    batch::run(
        &inputs,
        jobs,
        |c| formatter.piece(c),
        |piece| writer.write(piece).map_err(Stop::from),
    )?;
    Ok(writer.finish()?)
}
