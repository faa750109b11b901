//! Criterion benchmark: reading and checking the three reference documents, and large pastes made
//! of them (1 MB and 4 MB) to show that the time grows linearly with the input.
//! Run: `cargo bench --bench read`. Figures go into BENCHMARKS.md.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::path::Path;

const REFERENCE: [&str; 3] = [
    "000_799292fe1e9c1d1b.txt",
    "001_6149e9281c444aee.txt",
    "003_03cb8317ef3ace4d.txt",
];

fn corpus(name: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus")
        .join(name);
    std::fs::read_to_string(p).unwrap_or_default()
}

/// The reference documents repeated until the text reaches `bytes`.
fn paste_of(bytes: usize) -> String {
    let all: String = REFERENCE
        .iter()
        .map(|n| corpus(n))
        .collect::<Vec<_>>()
        .join("\n");
    let mut out = String::with_capacity(bytes + all.len());
    while out.len() < bytes && !all.is_empty() {
        out.push_str(&all);
        out.push('\n');
    }
    out
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("check");
    for name in REFERENCE {
        let text = corpus(name);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(&name[..3], |b| b.iter(|| budget_lint::check(&text)));
    }
    g.sample_size(10);
    for mb in [1, 4] {
        let text = paste_of(mb << 20);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(format!("paste_{mb}mb"), |b| {
            b.iter(|| budget_lint::check(&text))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
