//! Prints the text `budget-lint-pdf` reads out of a PDF (`cargo run -p budget-lint-pdf --release
//! --example pdf2text -- FILE.pdf`), with `--time` the time taken on stderr.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let time = args.iter().any(|a| a == "--time");
    for path in args.iter().filter(|a| !a.starts_with("--")) {
        let bytes = std::fs::read(path).expect("readable file");
        let start = std::time::Instant::now();
        match budget_lint_pdf::extract(&bytes, path) {
            Ok(f) => {
                if time {
                    eprintln!("{path}: {:.1} ms", start.elapsed().as_secs_f64() * 1e3);
                } else {
                    print!("{}", f.text);
                }
            }
            Err(e) => eprintln!("{path}: {e}"),
        }
    }
}
