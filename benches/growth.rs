//! Criterion benchmark: how the check's time grows with the input (issue 11, "linear everywhere").
//! Generated inputs at 1×, 2× and 4×: one long coded expenditure table (class / kind / item rows
//! whose sums hold) — tab-separated under its known header, under a header no layout names, and
//! one cell per line with one class's codes printed after the figures — and one long narrative of "…万元，比上年增加…万元，增长…%" statements. Doubling
//! the input should at most about double the time (≤ ×2.2).
//! Run: `cargo bench --bench growth`. Figures go into BENCHMARKS.md.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::fmt::Write;

/// A 一般公共预算支出表 with about `rows` coded rows: classes of 10 kinds of 9 items each, every
/// parent the sum of its children in all three columns (合计 = 基本支出 + 项目支出).
fn long_table(rows: usize) -> String {
    let mut body = String::new();
    let (mut total_basic, mut total_project) = (0i64, 0i64);
    let classes = rows.div_ceil(101);
    for class in 0..classes {
        let code = 201 + class;
        let mut class_lines = String::new();
        let (mut class_basic, mut class_project) = (0i64, 0i64);
        for kind in 1..=10 {
            let mut kind_lines = String::new();
            let (mut kind_basic, mut kind_project) = (0i64, 0i64);
            for item in 1..=9 {
                let basic = ((code * 7 + kind * 13 + item * 31) % 9000 + 100) as i64;
                let project = ((code * 11 + kind * 17 + item * 3) % 5000) as i64;
                kind_basic += basic;
                kind_project += project;
                row(
                    &mut kind_lines,
                    &format!("{code}\t{kind:02}\t{item:02}"),
                    &format!("项目{code}{kind:02}{item:02}"),
                    basic,
                    project,
                );
            }
            class_basic += kind_basic;
            class_project += kind_project;
            row(
                &mut class_lines,
                &format!("{code}\t{kind:02}\t"),
                &format!("款{code}{kind:02}"),
                kind_basic,
                kind_project,
            );
            class_lines.push_str(&kind_lines);
        }
        total_basic += class_basic;
        total_project += class_project;
        row(
            &mut body,
            &format!("{code}\t\t"),
            &format!("类{code}"),
            class_basic,
            class_project,
        );
        body.push_str(&class_lines);
    }
    let mut out = String::from(
        "表5\n2025年一般公共预算支出表\n单位：万元\n功能分类科目编码\t\t\t功能分类科目名称\t合计\t基本支出\t项目支出\n类\t款\t项\t\t\t\t\n",
    );
    row(&mut out, "\t\t", "合计", total_basic, total_project);
    out.push_str(&body);
    out
}

/// One table line: code cells, name, 合计, 基本支出, 项目支出 (amounts in hundredths of 万元).
fn row(out: &mut String, code: &str, name: &str, basic: i64, project: i64) {
    let fmt = |v: i64| format!("{}.{:02}", v / 100, v % 100);
    let _ = writeln!(
        out,
        "{code}\t{name}\t{}\t{}\t{}",
        fmt(basic + project),
        fmt(basic),
        fmt(project)
    );
}

/// The same table under a header no known layout describes (总计 and three sources, so four figure
/// columns where the general budget's layout has three): read by its fields (`columns_counted`),
/// confirmed by 总计 = Σ sources in every row and parent = Σ children.
fn long_fielded_table(rows: usize) -> String {
    let text = long_table(rows);
    let mut out = String::with_capacity(text.len() * 5 / 4);
    for line in text.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        let n = fields.len();
        let figures: Option<Vec<i64>> = fields[n.saturating_sub(3)..]
            .iter()
            .map(|f| f.replace('.', "").parse().ok())
            .collect();
        match figures.filter(|_| n >= 3) {
            // 总计 = 合计 + 基本支出; 一般公共预算 = 基本支出, 政府性基金 = 项目支出, 单位资金 =
            // 基本支出 again: every figure stays the sum of its rows', so the table is consistent.
            Some(f) => {
                let fmt = |v: i64| format!("{}.{:02}", v / 100, v % 100);
                let _ = writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{}",
                    fields[..n - 3].join("\t"),
                    fmt(f[0] + f[1]),
                    fmt(f[1]),
                    fmt(f[2]),
                    fmt(f[1]),
                );
            }
            None => {
                out.push_str(&line.replace(
                    "合计\t基本支出\t项目支出",
                    "总计\t一般公共预算\t政府性基金\t单位资金",
                ));
                out.push('\n');
            }
        }
    }
    out
}

/// The same table one cell per line, as a PDF viewer copies it: each row's code, name and three
/// figures on lines of their own — but the codes and names of the last class (类, 款 and 项)
/// printed after the last figure, their rows' figures bare. Read by its streams
/// (`syntax::stream`), its codes taken in code order.
fn long_stream_table(rows: usize) -> String {
    let text = long_table(rows);
    let mut out = String::from(
        "表5\n2025年一般公共预算支出表\n单位：万元\n科目编码\n科目名称\n合计\n基本支出\n项目支出\n",
    );
    let mut moved = String::new();
    let last_class = format!("{}\t", 201 + rows.div_ceil(101) - 1);
    for line in text.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        let n = fields.len();
        if n < 7 || fields[n - 3].parse::<f64>().is_err() {
            continue;
        }
        let label = format!("{}\n{}\n", fields[..3].concat(), fields[3]);
        if line.starts_with(&last_class) {
            moved.push_str(&label);
        } else {
            out.push_str(label.trim_start());
        }
        for f in &fields[n - 3..] {
            let _ = writeln!(out, "{f}");
        }
    }
    out.push_str(&moved);
    out
}

/// A narrative of `statements` year-on-year statements whose percentages agree with their amounts.
fn long_narrative(statements: usize) -> String {
    let mut out = String::from("一、部门预算情况说明\n");
    for i in 0..statements {
        let before = 1000 + (i * 37) % 9000;
        let now = before + 10 + (i * 13) % 500;
        let change = now - before;
        let percent = change * 10_000 / before;
        let _ = write!(
            out,
            "第{i}项支出{now}.00万元，比上年增加{change}.00万元，增长{}.{:02}%。",
            percent / 100,
            percent % 100
        );
        if i % 8 == 7 {
            out.push('\n');
        }
    }
    out
}

/// Makes an input of the given size (rows or statements).
type Generator = fn(usize) -> String;

fn bench(c: &mut Criterion) {
    // The fielded input measures what it says: its table is read, by its fields.
    let fielded = budget_lint::check(&long_fielded_table(200));
    assert!(
        fielded.tables[0].status == "read" && fielded.tables[0].columns_counted,
        "{:?}",
        fielded.tables[0].reason
    );
    // So does the stream input: read, its last class's codes placed by code order.
    let stream = budget_lint::check(&long_stream_table(300));
    assert_eq!(
        stream.tables[0].status, "read",
        "{:?}",
        stream.tables[0].reason
    );
    let mut g = c.benchmark_group("growth");
    g.sample_size(10);
    let inputs: [(&str, usize, Generator); 4] = [
        ("table_rows", 2_500, long_table),
        ("fielded_table_rows", 2_500, long_fielded_table),
        ("stream_table_rows", 2_500, long_stream_table),
        ("narrative_statements", 7_500, long_narrative),
    ];
    for (name, base, generate) in inputs {
        for scale in [1, 2, 4] {
            let text = generate(base * scale);
            g.throughput(Throughput::Bytes(text.len() as u64));
            g.bench_with_input(BenchmarkId::new(name, base * scale), &text, |b, t| {
                b.iter(|| budget_lint::check(t))
            });
        }
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
