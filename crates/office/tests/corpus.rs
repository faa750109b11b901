//! Real workbooks and Word files built from corpus document 001 (its tables are a paste from Excel,
//! its narrative plain paragraphs) must read as the text reads: every cell of every table in the
//! same row and column with the same value, the same findings (codes, severities, figures), the
//! narrative's figures likewise, and the pair checked together as the whole document.

mod common;

use budget_lint::origin::{self, Origin};
use budget_lint::report::Report;
use budget_lint_office as office;

fn skip(test: &str) -> Option<String> {
    let doc = common::doc_001();
    if doc.is_none() {
        eprintln!("SKIPPED {test}: corpus document 001 is absent");
    }
    doc
}

/// Lines without trailing TABs, runs of empty lines as one, no empty lines at either end.
fn normalise(lines: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for l in lines {
        let l = l.trim_end_matches(['\t', '\r']).to_string();
        if l.is_empty() && out.last().is_none_or(|p| p.is_empty()) {
            continue;
        }
        out.push(l);
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out
}

/// Every table of a report: number, kind, title, unit, status, columns, and each row's code,
/// label and cells (column, value).
fn tables(r: &Report) -> Vec<String> {
    r.tables
        .iter()
        .map(|t| {
            let mut s = format!(
                "{:?} {:?} {} {:?} {} {:?}\n",
                t.number, t.kind, t.title, t.unit, t.status, t.columns
            );
            for row in &t.rows {
                s.push_str(&format!("  {:?} {}:", row.code, row.label));
                for c in &row.cells {
                    s.push_str(&format!(" {}={}", c.column, c.value));
                }
                s.push('\n');
            }
            s
        })
        .collect()
}

/// Every finding: code, severity, the figures its labels cover (primary first), expected and
/// actual — sorted, so the order of the text's parts does not matter.
fn findings(r: &Report, text: &str) -> Vec<String> {
    let mut out: Vec<String> = r
        .diagnostics
        .iter()
        .map(|d| {
            let labels: Vec<String> = d
                .labels
                .iter()
                .map(|l| {
                    format!(
                        "{}{}",
                        if l.primary { "*" } else { "" },
                        &text[l.start..l.end]
                    )
                })
                .collect();
            format!(
                "{} {:?} {:?} expected={:?} actual={:?}",
                d.code, d.severity, labels, d.expected, d.actual
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn every_cell_of_the_workbook_reads_as_the_pasted_tables() {
    let Some(doc) = skip("every_cell_of_the_workbook_reads_as_the_pasted_tables") else {
        return;
    };
    let parts = common::parts(&doc);
    assert_eq!(parts.tables.len(), 11);
    let bytes = common::xlsx(&parts.tables);
    let file = office::read_workbook(&bytes, "tables.xlsx").unwrap();
    let sheets: Vec<&str> = file.text.split('\u{c}').collect();
    assert_eq!(sheets.len(), parts.tables.len());
    for ((name, lines), sheet) in parts.tables.iter().zip(&sheets) {
        let want = normalise(&lines.iter().map(String::as_str).collect::<Vec<_>>());
        let got = normalise(&sheet.lines().collect::<Vec<_>>());
        assert_eq!(got, want, "sheet {name}");
    }
    // Each non-empty cell has its origin, in text order, naming its sheet.
    let n = file.origins.len();
    assert!(n > 500, "{n} cells");
    for (span, o) in file.origins.entries() {
        let Origin::Cell {
            sheet,
            cell,
            file: None,
        } = o
        else {
            panic!("{o:?}")
        };
        assert!(sheet.starts_with('表') && cell.chars().next().unwrap().is_ascii_uppercase());
        assert!(!file.text[span.start..span.end].contains(['\t', '\n']));
    }

    // The reports of the two texts: the same tables, cell for cell, and the same findings.
    let text: String = parts
        .tables
        .iter()
        .flat_map(|(_, l)| l.iter().map(|x| format!("{x}\n")))
        .collect();
    let from_text = budget_lint::check(&text);
    let from_xlsx = budget_lint::check_with_origins(&file.text, &file.origins);
    assert_eq!(from_text.tables.len(), 11);
    assert_eq!(tables(&from_xlsx), tables(&from_text));
    assert!(from_text.tables.iter().map(|t| t.rows.len()).sum::<usize>() > 60);
    let found = findings(&from_text, &text);
    assert!(found.iter().any(|f| f.starts_with("A101")), "{found:#?}");
    assert_eq!(findings(&from_xlsx, &file.text), found);
    // Every cell of the report stands on the sheet of its table.
    for t in &from_xlsx.tables {
        for row in &t.rows {
            for c in &row.cells {
                let Some(Origin::Cell { sheet, .. }) = &c.origin else {
                    panic!("no origin for {} {:?}", row.label, c.value)
                };
                assert_eq!(
                    Some(sheet.as_str()),
                    t.number.map(|n| format!("表{n}")).as_deref()
                );
            }
        }
    }
}

#[test]
fn the_word_narrative_reads_as_the_pasted_narrative() {
    let Some(doc) = skip("the_word_narrative_reads_as_the_pasted_narrative") else {
        return;
    };
    let parts = common::parts(&doc);
    let bytes = common::docx(&parts.narrative);
    let file = office::read_docx(&bytes, "narrative.docx").unwrap();
    let want = normalise(
        &parts
            .narrative
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
    );
    let got = normalise(&file.text.lines().collect::<Vec<_>>());
    assert_eq!(got, want);
    let text: String = parts.narrative.iter().map(|l| format!("{l}\n")).collect();
    let from_text = budget_lint::check(&text);
    let from_docx = budget_lint::check_with_origins(&file.text, &file.origins);
    assert!(from_text.summary.narrative_figures > 100);
    assert_eq!(
        from_docx.summary.narrative_figures,
        from_text.summary.narrative_figures
    );
    assert_eq!(
        findings(&from_docx, &file.text),
        findings(&from_text, &text)
    );
    // The Word tables (the 绩效 tables) have table-cell origins, the paragraphs body ones.
    let sheets: std::collections::BTreeSet<&str> = file
        .origins
        .entries()
        .iter()
        .map(|(_, o)| match o {
            Origin::Cell { sheet, .. } => sheet.as_str(),
            Origin::Page { .. } => "page",
        })
        .collect();
    assert!(
        sheets.contains("正文") && sheets.contains("表格1"),
        "{sheets:?}"
    );
}

#[test]
fn automatically_numbered_headings_read_as_typed_ones() {
    let Some(doc) = skip("automatically_numbered_headings_read_as_typed_ones") else {
        return;
    };
    let parts = common::parts(&doc);
    let typed = office::read_docx(&common::docx(&parts.narrative), "a.docx").unwrap();
    let bytes = common::docx_with(&parts.narrative, true);
    let numbered = office::read_docx(&bytes, "b.docx").unwrap();
    // The headings' numbers come back (without the space typed after 、).
    assert!(
        numbered.text.contains("\n一、主要职能\n"),
        "{}",
        &numbered.text[..400]
    );
    assert!(numbered.text.contains("\n十二、其他重要事项的情况说明\n"));
    let n = numbered.text.matches("、").count();
    assert_eq!(n, typed.text.matches("、").count());
    let a = budget_lint::check(&typed.text);
    let b = budget_lint::check(&numbered.text);
    assert_eq!(b.summary.narrative_figures, a.summary.narrative_figures);
    assert_eq!(findings(&b, &numbered.text), findings(&a, &typed.text));
}

#[test]
fn the_workbook_and_the_word_file_together_read_as_the_whole_document() {
    let Some(doc) = skip("the_workbook_and_the_word_file_together_read_as_the_whole_document")
    else {
        return;
    };
    let parts = common::parts(&doc);
    let xlsx = common::xlsx(&parts.tables);
    let docx = common::docx(&parts.narrative);
    // Given tables first: `order` puts the narrative first, as the template does.
    let mut files = office::read(&xlsx, "表格.xlsx").unwrap();
    files.extend(office::read(&docx, "说明.docx").unwrap());
    let files = office::order(files);
    assert_eq!(files[0].name, "说明.docx");
    let (text, origins) = origin::join(files);
    let whole = budget_lint::check(&doc);
    let pair = budget_lint::check_with_origins(&text, &origins);
    // The same tables (the narrative's 绩效 tables now come first: sorted).
    let sorted = |r: &Report| {
        let mut t = tables(r);
        t.sort();
        t
    };
    assert_eq!(sorted(&pair), sorted(&whole));
    assert_eq!(pair.tables.len(), 13);
    assert_eq!(findings(&pair, &text), findings(&whole, &doc));
    assert_eq!(
        pair.summary.narrative_figures,
        whole.summary.narrative_figures
    );
    assert!(!whole.diagnostics.is_empty());
    // Labels on table cells name the workbook, sheet and cell; those in the narrative the Word file.
    let mut cells = 0;
    for d in &pair.diagnostics {
        for l in &d.labels {
            match &l.origin {
                Some(Origin::Cell { file, sheet, cell }) => {
                    cells += 1;
                    let file = file.as_deref().unwrap();
                    if sheet == "正文" {
                        assert_eq!(file, "说明.docx");
                        assert!(cell.starts_with('P'));
                    } else if sheet.starts_with("表格") {
                        assert_eq!(file, "说明.docx");
                    } else {
                        assert_eq!(file, "表格.xlsx");
                        assert!(sheet.starts_with('表'));
                    }
                }
                other => panic!("label without a cell origin: {other:?}"),
            }
        }
    }
    assert!(cells > 0);

    // The source view draws each sheet of the workbook as its grid, and nothing of the Word file:
    // a label in a sheet falls in the grid's row and column of its own cell.
    let view = budget_lint::view::view(&text, &pair, &origins);
    let mut sheets: Vec<&str> = origins
        .entries()
        .iter()
        .filter_map(|(_, o)| match o {
            Origin::Cell { file, sheet, .. } if file.as_deref() == Some("表格.xlsx") => {
                Some(sheet.as_str())
            }
            _ => None,
        })
        .collect();
    sheets.dedup();
    let grid_sheets: Vec<&str> = view.grids.iter().map(|g| g.sheet.as_str()).collect();
    assert_eq!(grid_sheets, sheets);
    let mut placed = 0;
    for l in pair.diagnostics.iter().flat_map(|d| &d.labels) {
        let Some(Origin::Cell { file, cell, .. }) = &l.origin else {
            continue;
        };
        let grid = view
            .grids
            .iter()
            .find(|g| g.start <= l.start && l.start < g.end);
        if file.as_deref() != Some("表格.xlsx") {
            assert!(grid.is_none(), "{cell} of {file:?} drawn in a grid");
            continue;
        }
        let grid = grid.unwrap_or_else(|| panic!("{cell} in no grid"));
        let before = &text[grid.start..l.start];
        let line = before.matches('\n').count();
        let field = before
            .rsplit('\n')
            .next()
            .unwrap_or("")
            .matches('\t')
            .count() as u32;
        let place = grid.lines[line].unwrap();
        assert_eq!(
            origin::cell_ref(place.row, place.column + field),
            *cell,
            "label {:?}",
            &text[l.start..l.end]
        );
        placed += 1;
    }
    assert!(placed > 0);
    let blocks_in_grids = view.blocks.iter().filter(|b| b.grid.is_some()).count();
    assert!(blocks_in_grids >= view.grids.len());
    for b in view.blocks.iter().filter(|b| b.grid.is_some()) {
        let g = &view.grids[b.grid.unwrap()];
        let (from, to) = (view.segments[b.first].start, view.segments[b.end - 1].end);
        assert!(
            g.start <= from && to <= g.end,
            "block {from}..{to} outside its grid"
        );
    }

    // The same two files in a .zip read the same.
    let zip = common::zip_of(&[("预算/表格.xlsx", &xlsx), ("预算/说明.docx", &docx)]);
    let files = office::order(office::read(&zip, "预算.zip").unwrap());
    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["预算/说明.docx", "预算/表格.xlsx"]);
    let (zipped, _) = origin::join(files);
    assert_eq!(zipped, text);
}

/// Writes 001's drafts (`表格.xlsx`, `说明.docx`, and both in `预算.zip`) into the directory
/// `$BUDGET_LINT_DRAFTS_DIR`, for trying them by hand or in the browser:
/// `BUDGET_LINT_DRAFTS_DIR=/tmp/drafts cargo test -p budget-lint-office --test corpus -- --ignored`.
#[test]
#[ignore]
fn write_drafts() {
    let dir = std::env::var("BUDGET_LINT_DRAFTS_DIR").expect("BUDGET_LINT_DRAFTS_DIR");
    let doc = common::doc_001().expect("corpus document 001");
    let parts = common::parts(&doc);
    let xlsx = common::xlsx(&parts.tables);
    let docx = common::docx(&parts.narrative);
    let dir = std::path::Path::new(&dir);
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join("表格.xlsx"), &xlsx).unwrap();
    std::fs::write(dir.join("说明.docx"), &docx).unwrap();
    let zip = common::zip_of(&[("表格.xlsx", &xlsx), ("说明.docx", &docx)]);
    std::fs::write(dir.join("预算.zip"), zip).unwrap();
}
