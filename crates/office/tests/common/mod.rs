//! Test helpers: the reference document 001 of the corpus cut into its narrative and its tables,
//! and real files built from them — an .xlsx written with rust_xlsxwriter (one sheet per table,
//! figures as numbers with number formats and a binary value off the printed one, titles and
//! header cells merged) and a minimal .docx written with the zip crate (paragraphs, and the
//! tab-separated lines of the narrative as Word tables). The CLI's tests use them too.

#![allow(dead_code)]

use rust_xlsxwriter::{Format, Workbook};
use std::io::Write;
use std::path::{Path, PathBuf};

/// `../shared/corpus` beside the repository.
pub fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus")
}

/// The text of corpus document 001 (tables as tab-separated rows), if the corpus is there.
pub fn doc_001() -> Option<String> {
    let dir = corpus_dir();
    let entry = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().starts_with("001_"))?;
    std::fs::read_to_string(entry.path()).ok()
}

/// Document 001 cut in two: the narrative (everything but the tables, in order) and the tables
/// (from the line `表 1` to the line before `第三部分`), each table its own list of lines.
pub struct Parts {
    pub narrative: Vec<String>,
    pub tables: Vec<(String, Vec<String>)>,
}

pub fn parts(text: &str) -> Parts {
    let lines: Vec<&str> = text.lines().collect();
    let first = lines.iter().position(|l| l.trim() == "表 1").expect("表 1");
    let end = first
        + lines[first..]
            .iter()
            .position(|l| l.starts_with("第三部分"))
            .expect("第三部分");
    let mut narrative: Vec<String> = lines[..first].iter().map(|s| s.to_string()).collect();
    narrative.extend(lines[end..].iter().map(|s| s.to_string()));
    let mut tables: Vec<(String, Vec<String>)> = Vec::new();
    for l in &lines[first..end] {
        if let Some(n) = l.trim().strip_prefix("表 ") {
            if n.chars().all(|c| c.is_ascii_digit()) {
                tables.push((format!("表{n}"), Vec::new()));
            }
        }
        tables.last_mut().unwrap().1.push(l.to_string());
    }
    Parts { narrative, tables }
}

/// A printed figure: its value and decimals (`2,104.55` → 2104.55, 2, with separators).
fn figure(s: &str) -> Option<(f64, usize, bool)> {
    let t = s.trim();
    let (int, frac) = t.split_once('.')?;
    let digits = int.replace(',', "");
    if digits.is_empty()
        || !digits.chars().all(|c| c.is_ascii_digit())
        || frac.is_empty()
        || !frac.chars().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let v: f64 = format!("{digits}.{frac}").parse().ok()?;
    Some((v, frac.len(), int.contains(',')))
}

/// Writes the tables into an .xlsx: one sheet per table named `表N`, one row per line, one cell
/// per tab field. Figures are numbers whose stored value is off the printed one by up to four
/// tenths of the last digit (so only the number format gives the printed figure back), formatted
/// `0.00` or `#,##0.00` as printed; small whole numbers (the `※` rows' column numbers) are
/// numbers in the General format; everything else is text. Lines of one field above the header
/// are merged across the table's width (the title) or put in the last column (`单位：`); a
/// header cell followed by empty fields whose columns the next line fills is merged over them.
pub fn xlsx(tables: &[(String, Vec<String>)]) -> Vec<u8> {
    let mut wb = Workbook::new();
    let merged = Format::new();
    let mut k = 0usize;
    for (name, lines) in tables {
        let ws = wb.add_worksheet();
        ws.set_name(name).unwrap();
        let rows: Vec<Vec<&str>> = lines.iter().map(|l| l.split('\t').collect()).collect();
        let width = rows.iter().map(Vec::len).max().unwrap_or(1) as u16;
        let header = rows
            .iter()
            .position(|r| r.iter().filter(|f| !f.trim().is_empty()).count() >= 3);
        let body = rows
            .iter()
            .position(|r| r.first().is_some_and(|f| f.trim() == "※"));
        for (r, fields) in rows.iter().enumerate() {
            let row = r as u32;
            let nonempty = fields.iter().filter(|f| !f.trim().is_empty()).count();
            if nonempty == 1 && header.is_some_and(|h| r < h) && fields.len() == 1 {
                let text = fields[0];
                if text.starts_with("单位") {
                    ws.write_string(row, width - 1, text).unwrap();
                } else if width > 1 && !text.starts_with("表 ") {
                    ws.merge_range(row, 0, row, width - 1, text, &merged)
                        .unwrap();
                } else {
                    ws.write_string(row, 0, text).unwrap();
                }
                continue;
            }
            let in_header = header.is_some_and(|h| r >= h) && body.is_some_and(|b| r < b);
            let mut c = 0usize;
            while c < fields.len() {
                let f = fields[c];
                let col = c as u16;
                if f.is_empty() {
                    c += 1;
                    continue;
                }
                // A header cell over the empty fields after it that the next line fills.
                if in_header {
                    let mut end = c;
                    while end + 1 < fields.len()
                        && fields[end + 1].is_empty()
                        && rows
                            .get(r + 1)
                            .and_then(|n| n.get(end + 1))
                            .is_some_and(|x| !x.is_empty())
                    {
                        end += 1;
                    }
                    if end > c {
                        ws.merge_range(row, col, row, end as u16, f, &merged)
                            .unwrap();
                        c = end + 1;
                        continue;
                    }
                }
                if let Some((v, decimals, sep)) = figure(f) {
                    k += 1;
                    let unit = 10f64.powi(-(decimals as i32));
                    let off = if k.is_multiple_of(2) { 0.4 } else { -0.4 } * unit;
                    let int = if sep { "#,##0" } else { "0" };
                    let code = format!("{int}.{}", "0".repeat(decimals));
                    let fmt = Format::new().set_num_format(&code);
                    ws.write_number_with_format(row, col, v + off, &fmt)
                        .unwrap();
                } else if f.len() <= 2
                    && f.chars().all(|ch| ch.is_ascii_digit())
                    && !f.starts_with('0')
                {
                    ws.write_number(row, col, f.parse::<f64>().unwrap())
                        .unwrap();
                } else {
                    ws.write_string(row, col, f).unwrap();
                }
                c += 1;
            }
        }
    }
    wb.save_to_buffer().unwrap()
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn run(text: &str) -> String {
    if text.is_empty() {
        String::new()
    } else {
        format!(
            r#"<w:r><w:t xml:space="preserve">{}</w:t></w:r>"#,
            escape(text)
        )
    }
}

const CN_NUMERALS: [&str; 12] = [
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二",
];

/// A line's heading number typed as `一、`…`十二、` (and the text after it), if any.
fn typed_number(line: &str) -> Option<(usize, &str)> {
    let (head, rest) = line.split_once('、')?;
    let n = CN_NUMERALS.iter().position(|c| *c == head)?;
    Some((n + 1, rest.trim_start()))
}

/// A minimal .docx: each line a paragraph, runs of lines holding TABs a Word table (one cell per
/// field; a field followed by empty fields at the end of a row spans them).
pub fn docx(lines: &[String]) -> Vec<u8> {
    docx_with(lines, false)
}

/// As [`docx`]; with `numbered`, headings typed `一、`…`十二、` become automatically numbered
/// paragraphs (the number left out of the text, a `numbering.xml` list in Chinese counting with
/// level text `%1、`, a new list wherever the typed numbers restart at 一).
pub fn docx_with(lines: &[String], numbered: bool) -> Vec<u8> {
    let mut body = String::new();
    let mut lists = 0;
    let mut i = 0;
    while i < lines.len() {
        if lines[i].contains('\t') {
            let start = i;
            while i < lines.len() && lines[i].contains('\t') {
                i += 1;
            }
            let rows: Vec<Vec<&str>> = lines[start..i]
                .iter()
                .map(|l| l.split('\t').collect())
                .collect();
            let width = rows.iter().map(Vec::len).max().unwrap_or(1);
            body.push_str("<w:tbl><w:tblGrid>");
            for _ in 0..width {
                body.push_str(r#"<w:gridCol w:w="1000"/>"#);
            }
            body.push_str("</w:tblGrid>");
            for fields in rows {
                body.push_str("<w:tr>");
                for (c, f) in fields.iter().enumerate() {
                    // The last field spans to the grid's width.
                    let span = if c + 1 == fields.len() { width - c } else { 1 };
                    body.push_str("<w:tc>");
                    if span > 1 {
                        body.push_str(&format!(r#"<w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>"#));
                    }
                    body.push_str(&format!("<w:p>{}</w:p></w:tc>", run(f)));
                }
                body.push_str("</w:tr>");
            }
            body.push_str("</w:tbl>");
            continue;
        }
        match typed_number(&lines[i]).filter(|_| numbered) {
            Some((n, rest)) => {
                if n == 1 {
                    lists += 1;
                }
                body.push_str(&format!(
                    r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{lists}"/></w:numPr></w:pPr>{}</w:p>"#,
                    run(rest)
                ));
            }
            None => body.push_str(&format!("<w:p>{}</w:p>", run(&lines[i]))),
        }
        i += 1;
    }
    let mut numbering = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl></w:abstractNum>"#,
    );
    for id in 1..=lists {
        numbering.push_str(&format!(
            r#"<w:num w:numId="{id}"><w:abstractNumId w:val="0"/></w:num>"#
        ));
    }
    numbering.push_str("</w:numbering>");
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}<w:sectPr/></w:body></w:document>"#
    );
    let content_types = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
    let rels = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
    let mut parts: Vec<(&str, &[u8])> = vec![
        ("[Content_Types].xml", content_types.as_bytes()),
        ("_rels/.rels", rels.as_bytes()),
        ("word/document.xml", document.as_bytes()),
    ];
    if lists > 0 {
        parts.push(("word/numbering.xml", numbering.as_bytes()));
    }
    zip_of(&parts)
}

/// An OLE compound file holding the named streams (each 5000 bytes), written with the cfb crate:
/// a `.doc` (`WordDocument`), a password-protected package (`EncryptedPackage`), ….
pub fn ole(streams: &[&str]) -> Vec<u8> {
    let mut c = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
    for s in streams {
        let mut st = c.create_stream(format!("/{s}")).unwrap();
        st.write_all(&[7u8; 5000]).unwrap();
    }
    c.flush().unwrap();
    c.into_inner().into_inner()
}

/// One xls cell: text, or a number with the index of its XF record.
#[derive(Clone)]
pub enum XlsCell<'a> {
    Text(&'a str),
    Number(f64, u16),
}

/// A cell of an xls sheet: row, column, value.
pub type XlsAt<'a> = (u16, u16, XlsCell<'a>);

fn record(out: &mut Vec<u8>, typ: u16, data: &[u8]) {
    out.extend(typ.to_le_bytes());
    out.extend((data.len() as u16).to_le_bytes());
    out.extend(data);
}

fn xl_string(s: &str, short: bool) -> Vec<u8> {
    let units: Vec<u16> = s.encode_utf16().collect();
    let mut v = Vec::new();
    if short {
        v.push(units.len() as u8);
    } else {
        v.extend((units.len() as u16).to_le_bytes());
    }
    v.push(1); // UTF-16LE
    for u in units {
        v.extend(u.to_le_bytes());
    }
    v
}

/// A minimal BIFF8 .xls written record by record (BOF, CODEPAGE, FORMAT, XF, BOUNDSHEET, EOF; per
/// sheet BOF, LABEL and NUMBER records, EOF) into an OLE `Workbook` stream with the cfb crate.
/// `formats` are custom format codes (ids 164…); `xfs` the format id of each XF record (XF 0 is
/// the first).
pub fn xls(formats: &[&str], xfs: &[u16], sheets: &[(&str, Vec<XlsAt>)]) -> Vec<u8> {
    let bof = |dt: u16| {
        let mut d = vec![0u8; 16];
        d[..2].copy_from_slice(&0x0600u16.to_le_bytes());
        d[2..4].copy_from_slice(&dt.to_le_bytes());
        d
    };
    let mut globals = Vec::new();
    record(&mut globals, 0x0809, &bof(0x0005));
    record(&mut globals, 0x0042, &1200u16.to_le_bytes());
    for (i, f) in formats.iter().enumerate() {
        let mut d = (164 + i as u16).to_le_bytes().to_vec();
        d.extend(xl_string(f, false));
        record(&mut globals, 0x041E, &d);
    }
    for ifmt in xfs {
        let mut d = vec![0u8; 20];
        d[2..4].copy_from_slice(&ifmt.to_le_bytes());
        record(&mut globals, 0x00E0, &d);
    }
    // BOUNDSHEET records hold each sheet's offset: lay out the sheets first.
    let mut bodies = Vec::new();
    for (_, cells) in sheets {
        let mut b = Vec::new();
        record(&mut b, 0x0809, &bof(0x0010));
        for (r, c, cell) in cells {
            let mut d = Vec::new();
            d.extend(r.to_le_bytes());
            d.extend(c.to_le_bytes());
            match cell {
                XlsCell::Text(t) => {
                    d.extend(0u16.to_le_bytes());
                    d.extend(xl_string(t, false));
                    record(&mut b, 0x0204, &d);
                }
                XlsCell::Number(v, xf) => {
                    d.extend(xf.to_le_bytes());
                    d.extend(v.to_le_bytes());
                    record(&mut b, 0x0203, &d);
                }
            }
        }
        record(&mut b, 0x000A, &[]);
        bodies.push(b);
    }
    let names: Vec<Vec<u8>> = sheets.iter().map(|(n, _)| xl_string(n, true)).collect();
    let bound_len: usize = names.iter().map(|n| 4 + 6 + n.len()).sum();
    let mut pos = globals.len() + bound_len + 4; // + the globals' EOF
    for (name, body) in names.iter().zip(&bodies) {
        let mut d = (pos as u32).to_le_bytes().to_vec();
        d.extend([0u8, 0u8]); // visible worksheet
        d.extend(name);
        record(&mut globals, 0x0085, &d);
        pos += body.len();
    }
    record(&mut globals, 0x000A, &[]);
    for b in bodies {
        globals.extend(b);
    }
    // Version 3 (512-byte sectors), as Excel writes .xls files.
    let mut c =
        cfb::CompoundFile::create_with_version(cfb::Version::V3, std::io::Cursor::new(Vec::new()))
            .unwrap();
    c.create_stream("/Workbook")
        .unwrap()
        .write_all(&globals)
        .unwrap();
    c.flush().unwrap();
    c.into_inner().into_inner()
}

/// A zip of the named files (deflated).
pub fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut w = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, data) in files {
            w.start_file(*name, opts).unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap();
    }
    buf.into_inner()
}
