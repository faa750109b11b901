//! Small PDFs written here by hand: text placed where it is drawn (also on a rotated page), and the
//! inputs that cannot be read: not a PDF, truncated, no text layer, a stopped reading.

use budget_lint::origin::Origin;
use budget_lint_pdf::{extract, extract_with, PdfError};

/// A one-page PDF with `content` as its content stream, Helvetica as /F1, and `page_extra` in
/// the page dictionary (e.g. `/Rotate 90`). The cross-reference table is exact.
fn pdf(content: &str, page_extra: &str) -> Vec<u8> {
    pdf_with(content, page_extra, "", None)
}

/// [`pdf`] with `trailer_extra` in the trailer and `sixth` as object 6 (e.g. an /Encrypt entry
/// and its dictionary).
fn pdf_with(content: &str, page_extra: &str, trailer_extra: &str, sixth: Option<&str>) -> Vec<u8> {
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R \
             /Resources << /Font << /F1 5 0 R >> >> {page_extra} >>"
        ),
        format!(
            "<< /Length {} >>\nstream\n{content}\nendstream",
            content.len()
        ),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_string(),
    ]
    .into_iter()
    .chain(sixth.map(str::to_string))
    .collect::<Vec<_>>();
    assemble(&objects, trailer_extra)
}

const TEXT: &str = "BT /F1 12 Tf 72 720 Td (Total 1,234.56) Tj ET";

#[test]
fn text_is_read_with_its_box_in_user_space() {
    let f = extract(&pdf(TEXT, ""), "a.pdf").unwrap();
    assert_eq!(f.text, "Total 1,234.56\n");
    assert_eq!(f.name, "a.pdf");
    // Two runs ("Total", "1,234.56"), each placed on page 1 around the baseline y = 720.
    assert_eq!(f.origins.len(), 2);
    let (span, Origin::Page { page, bbox, file }) = &f.origins.entries()[1] else {
        panic!("not a page origin")
    };
    assert_eq!(&f.text[span.start..span.end], "1,234.56");
    assert_eq!((*page, file.as_deref()), (1, None));
    assert!(bbox[0] > 100.0 && bbox[0] < 130.0, "{bbox:?}");
    assert!(
        bbox[1] < 720.0 && bbox[3] > 720.0 && bbox[3] < 735.0,
        "{bbox:?}"
    );
}

#[test]
fn text_upright_on_a_rotated_page_is_read_and_sideways_text_is_not() {
    // /Rotate 90 shows the page turned clockwise: text drawn turned anticlockwise stands upright.
    let upright = "BT /F1 12 Tf 0 1 -1 0 300 100 Tm (Landscape 42.00) Tj ET";
    let f = extract(&pdf(&format!("{upright} {TEXT}"), "/Rotate 90"), "r.pdf").unwrap();
    assert_eq!(f.text, "Landscape 42.00\n");
}

#[test]
fn fill_and_stroke_text_is_read_once() {
    let f = extract(
        &pdf("BT /F1 12 Tf 2 Tr 72 720 Td (Printed twice 5.00) Tj ET", ""),
        "s.pdf",
    )
    .unwrap();
    assert_eq!(f.text, "Printed twice 5.00\n");
}

#[test]
fn text_outside_the_crop_box_is_dropped() {
    let spill = "BT /F1 12 Tf 72 -40 Td (Below 9.99) Tj ET";
    let f = extract(&pdf(&format!("{TEXT} {spill}"), ""), "c.pdf").unwrap();
    assert_eq!(f.text, "Total 1,234.56\n");
}

#[test]
fn unreadable_inputs_get_their_error_never_a_panic() {
    assert_eq!(
        extract(b"Hello, not a PDF at all", "x.pdf"),
        Err(PdfError::NotPdf)
    );
    assert_eq!(extract(b"", "x.pdf"), Err(PdfError::NotPdf));
    // Only drawing, no text: a scan has no text layer either.
    let drawing = pdf("0 0 1 rg 10 10 200 200 re f", "");
    assert_eq!(extract(&drawing, "scan.pdf"), Err(PdfError::NoText));
    // Cut short: every prefix of a good file is refused or read, never a panic; the short ones
    // are corrupt.
    let good = pdf(TEXT, "");
    for cut in (9..good.len()).step_by(7) {
        match extract(&good[..cut], "cut.pdf") {
            Ok(_) | Err(PdfError::Corrupt(_) | PdfError::NoText) => {}
            Err(e) => panic!("{cut}: {e:?}"),
        }
    }
    assert!(matches!(
        extract(&good[..40], "cut.pdf"),
        Err(PdfError::Corrupt(_))
    ));
    // Encrypted with a password nobody knows (standard security handler, revision 6): the empty
    // user password does not open it.
    let locked = pdf_with(
        TEXT,
        "",
        "/Encrypt 6 0 R /ID [<00112233445566778899AABBCCDDEEFF> <00112233445566778899AABBCCDDEEFF>] ",
        Some(&format!(
            "<< /Filter /Standard /V 5 /R 6 /Length 256 /P -4 /O <{}> /U <{}> /OE <{}> /UE <{}> /Perms <{}> >>",
            "ab".repeat(48),
            "cd".repeat(48),
            "ef".repeat(32),
            "12".repeat(32),
            "34".repeat(16)
        )),
    );
    assert_eq!(extract(&locked, "locked.pdf"), Err(PdfError::Encrypted));
    for e in [
        PdfError::NotPdf,
        PdfError::Encrypted,
        PdfError::NoText,
        PdfError::Corrupt("x".into()),
        PdfError::Stopped,
        PdfError::TooLarge {
            what: "pages",
            size: 3000,
            limit: 2000,
        },
    ] {
        assert!(!e.message().is_empty() && !e.message_en().is_empty());
        assert!(e
            .message()
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)));
    }
}

#[test]
fn progress_is_reported_per_page_and_can_stop() {
    let doc = pdf(TEXT, "");
    let mut seen = Vec::new();
    extract_with(&doc, "p.pdf", &mut |done, total| {
        seen.push((done, total));
        true
    })
    .unwrap();
    assert_eq!(seen, [(1, 1)]);
    assert_eq!(
        extract_with(&doc, "p.pdf", &mut |_, _| false),
        Err(PdfError::Stopped)
    );
}

/// Absurd structures end in an answer (text or an error), never a stack overflow or minutes of
/// work: deeply nested arrays and dictionaries in the page's resources, graphics states saved
/// thousands of levels deep, a page tree nested thousands of levels deep, more pages than read.
#[test]
fn absurdly_nested_or_large_structures_are_bounded() {
    let depth = 50_000;
    let arrays = format!("/Deep {}1{}", "[".repeat(depth), "]".repeat(depth));
    let dicts = format!("/Deeper {}1{}", "<< /A ".repeat(depth), " >>".repeat(depth));
    // The page's dictionary cannot be parsed that deep: no page, said as a damaged file.
    for extra in [arrays, dicts] {
        let doc = pdf(TEXT, &extra);
        assert!(matches!(
            extract(&doc, "deep.pdf"),
            Err(PdfError::Corrupt(_))
        ));
    }
    let saved = format!("{}{TEXT}{}", "q ".repeat(depth), " Q".repeat(depth));
    assert_eq!(
        extract(&pdf(&saved, ""), "q.pdf").unwrap().text,
        "Total 1,234.56\n"
    );
    // A page tree 5 000 levels deep.
    let levels = 5_000;
    let mut objects = vec!["<< /Type /Catalog /Pages 2 0 R >>".to_string()];
    for i in 0..levels {
        let (me, kid) = (i + 2, i + 3);
        let parent = if i == 0 {
            String::new()
        } else {
            format!("/Parent {} 0 R", me - 1)
        };
        objects.push(format!(
            "<< /Type /Pages /Kids [{kid} 0 R] /Count 1 {parent} >>"
        ));
    }
    let page = levels + 2;
    objects.push(format!(
        "<< /Type /Page /Parent {} 0 R /MediaBox [0 0 612 792] /Contents {} 0 R >>",
        page - 1,
        page + 1
    ));
    objects.push(format!(
        "<< /Length {} >>\nstream\n{TEXT}\nendstream",
        TEXT.len()
    ));
    let tree = assemble(&objects, "");
    assert_eq!(extract(&tree, "tree.pdf").unwrap().text, "Total 1,234.56\n");
    // More pages than the reader takes: refused as too large, not read.
    let many = budget_lint_pdf::MAX_PAGES as usize + 1;
    let mut objects = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        format!(
            "<< /Type /Pages /Kids [{}] /Count {many} >>",
            (0..many)
                .map(|i| format!("{} 0 R", i + 3))
                .collect::<Vec<_>>()
                .join(" ")
        ),
    ];
    objects.extend(
        (0..many).map(|_| "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>".to_string()),
    );
    assert!(matches!(
        extract(&assemble(&objects, ""), "many.pdf"),
        Err(PdfError::TooLarge { what: "pages", .. })
    ));
}

/// A PDF of these objects (numbered from 1, the first the catalog) with an exact xref table and
/// `trailer_extra` in the trailer.
fn assemble(objects: &[String], trailer_extra: &str) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R {trailer_extra}>>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}
