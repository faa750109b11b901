//! The input limit (issue 12): a text larger than `MAX_TEXT_BYTES` is not read; the report says so
//! with R005 and holds nothing else. (How long checking absurd inputs takes is measured by
//! `benches/absurd.rs`, not asserted here.)

#[test]
fn a_text_over_the_limit_is_refused_with_one_reading_diagnostic() {
    let line = "合计\t1,234.56\t1,000.00\t234.56\n";
    let text = line.repeat(budget_lint::MAX_TEXT_BYTES / line.len() + 1);
    assert!(text.len() > budget_lint::MAX_TEXT_BYTES);
    let report = budget_lint::check(&text);
    let codes: Vec<&str> = report.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, ["R005"]);
    assert!(report.tables.is_empty());
    assert!(report.diagnostics[0].message.contains("16.0 MB"));
}

#[test]
fn a_text_at_the_limit_is_read() {
    // Just under the limit, the text is read as usual (here: a small document padded with blank
    // lines, so the test stays fast in a debug build).
    let doc =
        "一般公共预算支出表\n单位：万元\n科目编码\t科目名称\t合计\n201\t一般公共服务支出\t5.00\n";
    let mut text = String::from(doc);
    text.push_str(&" ".repeat(budget_lint::MAX_TEXT_BYTES - text.len()));
    assert_eq!(text.len(), budget_lint::MAX_TEXT_BYTES);
    let report = budget_lint::check(&text);
    assert!(report.diagnostics.iter().all(|d| d.code != "R005"));
}
