//! Criterion benchmark: absurd inputs stay bounded (issue 12, "bounded work"). A million tiny
//! lines, one 10 MB line, and a 50 MB paste (over `MAX_TEXT_BYTES`: refused at once with R005).
//! Run: `cargo bench --bench absurd`. Figures (and the CLI's peak memory on the same inputs) go
//! into BENCHMARKS.md.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

/// `lines` short lines cycling through what a table body might hold: a figure, a word, nothing.
fn tiny_lines(lines: usize) -> String {
    const PIECES: [&str; 5] = ["1\n", "合计\n", "\n", "12.50\n", "a\n"];
    (0..lines).map(|i| PIECES[(i * 7 + i / 3) % 5]).collect()
}

/// One line of `bytes` bytes: figures and words with no line break at all.
fn one_line(bytes: usize) -> String {
    "1,234.56 合计 支出 ".repeat(bytes / 24 + 1)
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("absurd");
    g.sample_size(10);
    let inputs = [
        ("million_tiny_lines", tiny_lines(1_000_000)),
        ("one_10mb_line", one_line(10_000_000)),
        ("paste_50mb", one_line(50_000_000)),
    ];
    for (name, text) in &inputs {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(*name, |b| b.iter(|| budget_lint::check(text)));
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
