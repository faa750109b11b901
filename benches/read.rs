//! Criterion benchmark: reading and checking the three reference documents.
//! Run: `cargo bench --bench read`. Figures go into BENCHMARKS.md.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::path::Path;

fn corpus(name: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus")
        .join(name);
    std::fs::read_to_string(p).unwrap_or_default()
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("check");
    for name in [
        "000_799292fe1e9c1d1b.txt",
        "001_6149e9281c444aee.txt",
        "003_03cb8317ef3ace4d.txt",
    ] {
        let text = corpus(name);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(&name[..3], |b| b.iter(|| budget_lint::check(&text)));
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
