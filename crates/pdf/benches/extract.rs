//! Extraction time per corpus PDF, and extraction + check per document:
//! `cargo bench -p budget-lint-pdf --bench extract` (crates/pdf/README.md has the figures).

use criterion::{criterion_group, criterion_main, Criterion};
use std::path::PathBuf;

fn wide() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/wide")
}

fn bench(c: &mut Criterion) {
    let Ok(dir) = std::fs::read_dir(wide()) else {
        eprintln!("../shared/corpus/wide is missing: nothing to measure");
        return;
    };
    let mut pdfs: Vec<PathBuf> = dir
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    pdfs.sort();
    let mut group = c.benchmark_group("extract");
    group.sample_size(10);
    for p in &pdfs {
        let bytes = std::fs::read(p).unwrap();
        let name = p
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .chars()
            .take(40)
            .collect::<String>();
        group.bench_function(format!("{name}/extract"), |b| {
            b.iter(|| budget_lint_pdf::extract(&bytes, "x.pdf").unwrap())
        });
        group.bench_function(format!("{name}/extract+check"), |b| {
            b.iter(|| {
                let f = budget_lint_pdf::extract(&bytes, "x.pdf").unwrap();
                budget_lint::check_with_origins(&f.text, &f.origins)
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
