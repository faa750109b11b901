//! Small real files: what each kind of cell shows, sheets and merges, and files that cannot be
//! read (each with the error that names its format), and random or damaged bytes (never a panic).

mod common;

use budget_lint::origin::Origin;
use budget_lint_office::{self as office, OfficeError};
use proptest::prelude::*;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use std::io::{Cursor, Write};

fn small_workbook() -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("表3").unwrap();
    let f2 = Format::new().set_num_format("0.00");
    let sep = Format::new().set_num_format("#,##0.00");
    let pct = Format::new().set_num_format("0.00%");
    let neg = Format::new().set_num_format("#,##0.00_);[Red]\\(#,##0.00\\)");
    let date = Format::new().set_num_format("yyyy-mm-dd");
    ws.merge_range(0, 0, 0, 4, "部门支出总体情况表", &Format::new())
        .unwrap();
    ws.write_string(1, 4, "单位：万元").unwrap();
    ws.write_string(2, 0, "项目").unwrap();
    ws.merge_range(2, 1, 2, 2, "支出", &Format::new()).unwrap();
    ws.write_string(2, 3, "比例").unwrap();
    ws.write_string(2, 4, "备注").unwrap();
    ws.write_string(3, 0, "养老保险").unwrap();
    ws.write_number_with_format(3, 1, 57.984999, &f2).unwrap();
    ws.write_number_with_format(3, 2, 1234.5, &sep).unwrap();
    ws.write_number_with_format(3, 3, 0.6599, &pct).unwrap();
    ws.write_string(3, 4, "1,234.50").unwrap();
    ws.write_string(4, 0, "其他\n支出").unwrap();
    ws.write_number(4, 1, 0.1 + 0.2).unwrap();
    ws.write_number_with_format(4, 2, -3.0, &neg).unwrap();
    ws.write_datetime_with_format(4, 3, ExcelDateTime::from_ymd(2025, 1, 10).unwrap(), &date)
        .unwrap();
    ws.write_boolean(4, 4, true).unwrap();
    let hidden = wb.add_worksheet();
    hidden.set_name("代码").unwrap();
    hidden.write_string(0, 0, "隐藏的代码表").unwrap();
    hidden.set_hidden(true);
    let ws = wb.add_worksheet();
    ws.set_name("表4").unwrap();
    ws.write_string(2, 1, "b").unwrap();
    wb.save_to_buffer().unwrap()
}

#[test]
fn cells_show_as_the_sheet_shows_them() {
    let file = office::read_workbook(&small_workbook(), "小.xlsx").unwrap();
    assert_eq!(
        file.text,
        "部门支出总体情况表\n单位：万元\n项目\t支出\t\t比例\t备注\n\
         养老保险\t57.98\t1,234.50\t65.99%\t1,234.50\n\
         其他支出\t0.3\t(3.00)\t2025-01-10\tTRUE\n\u{c}b\n"
    );
    let at = |needle: &str| {
        let start = file.text.find(needle).unwrap();
        file.origins
            .entries()
            .iter()
            .find(|(s, _)| s.start == start)
            .map(|(_, o)| o.clone())
            .unwrap()
    };
    assert_eq!(
        at("57.98"),
        Origin::Cell {
            file: None,
            sheet: "表3".into(),
            cell: "B4".into()
        }
    );
    assert!(matches!(at("单位"), Origin::Cell { cell, .. } if cell == "E2"));
    assert!(
        matches!(at("b\n"), Origin::Cell { sheet, cell, .. } if sheet == "表4" && cell == "B3")
    );
    // The same file through `read`, and inside a zip.
    assert_eq!(
        office::read(&small_workbook(), "x").unwrap()[0].text,
        file.text
    );
}

use common::ole;

#[test]
fn xls_cells_show_their_number_formats() {
    use common::XlsCell::{Number, Text};
    // XF 0 General, 1 "0.00", 2 "#,##0.00", 3 the custom "0.00_ ", 4 "0%".
    let cells = vec![
        (0, 0, Text("部门支出总体情况表")),
        (1, 3, Text("单位：万元")),
        (2, 0, Text("项目")),
        (2, 1, Text("合计")),
        (2, 2, Text("基本支出")),
        (2, 3, Text("比例")),
        (3, 0, Text("养老保险")),
        (3, 1, Number(57.984999, 1)),
        (3, 2, Number(1234.5, 2)),
        (3, 3, Number(0.5, 4)),
        (4, 0, Text("其他")),
        (4, 1, Number(12.0, 3)),
        (4, 2, Number(0.1 + 0.2, 0)),
    ];
    let short = common::xls(&["0.00_ "], &[0, 2, 4, 164, 9], &[("表3", cells.clone())]);
    let file = office::read(&short, "表.xls").unwrap().remove(0);
    let want = "部门支出总体情况表\n单位：万元\n项目\t合计\t基本支出\t比例\n\
                养老保险\t57.98\t1,234.50\t50%\n其他\t12.00\t0.3\t\n";
    assert_eq!(file.text, want);
    assert!(file.origins.entries().iter().any(|(_, o)| matches!(o,
        Origin::Cell { sheet, cell, .. } if sheet == "表3" && cell == "B4")));
    // A Workbook stream over 4096 bytes lives in the file's regular sectors, not the mini stream.
    let mut long = cells;
    for r in 0..400u16 {
        long.push((10 + r, 0, Text("填充行")));
        long.push((10 + r, 1, Number(f64::from(r) + 0.004, 1)));
    }
    let big = common::xls(&["0.00_ "], &[0, 2, 4, 164, 9], &[("表3", long)]);
    let file = office::read(&big, "表.xls").unwrap().remove(0);
    assert!(file.text.starts_with(want), "{}", &file.text[..200]);
    assert!(file.text.contains("填充行\t399.00\t\t\n"));
    // Two cells 65 535 rows and 255 columns apart: refused before a dense grid of 16.7 M cells.
    let far = common::xls(
        &[],
        &[0],
        &[("表", vec![(0, 0, Text("a")), (65535, 255, Number(1.0, 0))])],
    );
    let e = office::read(&far, "远.xls").unwrap_err();
    assert_eq!(
        e,
        OfficeError::TooLarge {
            what: "cells",
            limit: 4_000_000
        }
    );
}

#[test]
fn files_that_cannot_be_read_say_what_they_are() {
    let xlsx = small_workbook();
    // Truncated: the zip's directory is gone.
    let e = office::read(&xlsx[..xlsx.len() / 2], "坏.xlsx").unwrap_err();
    assert!(matches!(e, OfficeError::Corrupt(_)), "{e:?}");
    assert!(e.message().contains("损坏"));
    // A byte flipped in the middle of the sheet data: the CRC or the inflate fails.
    let mut bad = xlsx.clone();
    let mid = bad.len() / 3;
    for b in &mut bad[mid..mid + 64] {
        *b ^= 0x5A;
    }
    assert!(matches!(
        office::read(&bad, "坏.xlsx"),
        Err(OfficeError::Corrupt(_))
    ));
    // Not an office file at all.
    assert_eq!(
        office::read(b"just some text, not a workbook", "a.xlsx").unwrap_err(),
        OfficeError::NotOffice
    );
    assert_eq!(
        office::read(&[], "a.docx").unwrap_err(),
        OfficeError::NotOffice
    );
    // OLE containers.
    assert_eq!(
        office::read(&ole(&["WordDocument", "1Table"]), "说明.doc").unwrap_err(),
        OfficeError::LegacyWord
    );
    assert_eq!(
        office::read(&ole(&["WordDocument", "1Table"]), "说明.wps").unwrap_err(),
        OfficeError::Wps
    );
    assert_eq!(
        office::read(&ole(&["EncryptionInfo", "EncryptedPackage"]), "表.xlsx").unwrap_err(),
        OfficeError::Encrypted
    );
    assert_eq!(
        office::read(&ole(&["Contents"]), "x.bin").unwrap_err(),
        OfficeError::NotOffice
    );
    let e = office::read(&ole(&["Workbook"]), "表.xls").unwrap_err();
    assert!(matches!(e, OfficeError::Corrupt(_)), "{e:?}");
    // A zip of other files; a zip whose Word file is a .doc.
    let z = common::zip_of(&[("readme.txt", b"hello")]);
    assert_eq!(
        office::read(&z, "a.zip").unwrap_err(),
        OfficeError::NotOffice
    );
    let z = common::zip_of(&[("表.xlsx", &xlsx), ("说明.doc", &ole(&["WordDocument"]))]);
    assert_eq!(
        office::read(&z, "a.zip").unwrap_err(),
        OfficeError::LegacyWord
    );
    // Lock files and resource forks in a zip are skipped.
    let z = common::zip_of(&[
        ("__MACOSX/._表.xlsx", b"junk"),
        ("~$表.xlsx", b"lock"),
        ("表.xlsx", &xlsx),
    ]);
    assert_eq!(office::read(&z, "a.zip").unwrap().len(), 1);
    // A workbook handed to the Word reader and the other way round.
    assert_eq!(
        office::read_docx(&xlsx, "a.docx").unwrap_err(),
        OfficeError::NotOffice
    );
}

#[test]
fn a_zip_bomb_is_refused_before_any_parser_reads_it() {
    // 101 MB of one byte deflates to about 100 kB.
    let chunk = vec![b'0'; 1 << 20];
    let mut buf = Cursor::new(Vec::new());
    {
        let mut w = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(true);
        w.start_file("xl/workbook.xml", opts).unwrap();
        for _ in 0..101 {
            w.write_all(&chunk).unwrap();
        }
        w.finish().unwrap();
    }
    let bomb = buf.into_inner();
    assert!(bomb.len() < 2_000_000, "{}", bomb.len());
    let e = office::read(&bomb, "bomb.xlsx").unwrap_err();
    assert!(
        matches!(
            e,
            OfficeError::TooLarge {
                what: "inflated bytes",
                ..
            }
        ),
        "{e:?}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = office::read(&bytes, "x.xlsx");
        let mut ole_like = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
        ole_like.extend(&bytes);
        let _ = office::read(&ole_like, "x.xls");
        let mut zip_like = b"PK\x03\x04".to_vec();
        zip_like.extend(&bytes);
        let _ = office::read(&zip_like, "x.docx");
    }

    #[test]
    fn damaged_workbooks_and_word_files_never_panic(
        cut in 0usize..100,
        flips in proptest::collection::vec((0usize..100_000, any::<u8>()), 0..8),
    ) {
        let docx = common::docx(&["一、收入 1.00 万元".to_string(), "项目\t合计".to_string()]);
        for file in [small_workbook(), docx] {
            let mut bytes = file.clone();
            for (at, x) in &flips {
                let i = at % bytes.len();
                bytes[i] ^= x;
            }
            let _ = office::read(&bytes, "x");
            let _ = office::read(&file[..file.len() * cut / 100], "x");
        }
    }
}
