// Writes small .xlsx and .docx files at test time (no binary fixtures): a zip (stored + deflate,
// node's zlib) of the few XML parts Excel and Word need. Cells are written as inline strings,
// exactly as the text has them, so the workbook reads as the text does.
import zlib from "node:zlib";

const escape = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** A zip of { path: string content }. */
export function zip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const data = Buffer.from(content, "utf8");
    const packed = zlib.deflateRawSync(data);
    const nameBytes = Buffer.from(name, "utf8");
    const crc = zlib.crc32(data);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(0x0800, 6); // UTF-8 names
    head.writeUInt16LE(8, 8); // deflate
    head.writeUInt32LE(crc, 14);
    head.writeUInt32LE(packed.length, 18);
    head.writeUInt32LE(data.length, 22);
    head.writeUInt16LE(nameBytes.length, 26);
    locals.push(head, nameBytes, packed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);
    offset += head.length + nameBytes.length + packed.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

function column(i) {
  let s = "";
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A workbook: sheets as { name, rows: [[cell text]] }. */
export function xlsx(sheets) {
  const parts = {
    "[Content_Types].xml":
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join("") +
      "</Types>",
    "_rels/.rels":
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml":
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>' +
      sheets.map((s, i) => `<sheet name="${escape(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("") +
      "</sheets></workbook>",
    "xl/_rels/workbook.xml.rels":
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join("") +
      "</Relationships>",
  };
  sheets.forEach((s, i) => {
    const rows = s.rows
      .map((cells, r) => {
        const cs = cells
          .map((v, c) => (v === "" ? "" : `<c r="${column(c)}${r + 1}" t="inlineStr"><is><t xml:space="preserve">${escape(v)}</t></is></c>`))
          .join("");
        return `<row r="${r + 1}">${cs}</row>`;
      })
      .join("");
    parts[`xl/worksheets/sheet${i + 1}.xml`] =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      `<sheetData>${rows}</sheetData></worksheet>`;
  });
  return zip(parts);
}

/** A Word document: its paragraphs. */
export function docx(paragraphs) {
  return zip({
    "[Content_Types].xml":
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    "_rels/.rels":
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    "word/document.xml":
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' +
      paragraphs.map((p) => `<w:p><w:r><w:t xml:space="preserve">${escape(p)}</w:t></w:r></w:p>`).join("") +
      "</w:body></w:document>",
  });
}

/** A laid-out line's cells: tab-separated fields, else its words, a classification code's groups kept together. */
function cells(line) {
  if (line.includes("\t")) return line.split("\t");
  const words = line.trim().split(/ +/);
  const out = [];
  while (words.length) {
    let w = words.shift();
    if (out.length === 0 && /^\d{3}$/.test(w)) while (words.length && /^\d{2}$/.test(words[0])) w += ` ${words.shift()}`;
    out.push(w);
  }
  return out;
}

const FIGURE = /^-?[\d,]+(\.\d+)?$/;

/**
 * A disclosure's laid-out text (pages separated by form feeds) as the staff's two drafts: pages
 * holding table rows (lines with two figures or more) become the workbook's sheets (`表1`, …),
 * one row per line, one cell per field (tab-separated) or word; the other pages the Word
 * document's paragraphs, one per line.
 */
export function drafts(text) {
  const sheets = [];
  const paragraphs = [];
  for (const page of text.split("\f")) {
    const lines = page.split("\n").filter((l) => l.trim() !== "");
    const rows = lines.map(cells);
    if (rows.some((r) => r.filter((c) => FIGURE.test(c) && /\d/.test(c)).length >= 2)) {
      sheets.push({ name: `表${sheets.length + 1}`, rows });
    } else {
      paragraphs.push(...lines);
    }
  }
  return { xlsx: xlsx(sheets), docx: docx(paragraphs), sheets: sheets.length, paragraphs: paragraphs.length };
}

/**
 * An OLE compound file (CFB version 3, 512-byte sectors) holding the named streams, 5000 bytes
 * each (above the mini-stream cutoff, so only the FAT is needed): a Word 97–2003 `.doc`
 * (`WordDocument`), or a password-protected workbook (`EncryptionInfo`, `EncryptedPackage`).
 */
export function ole(streams) {
  const SECTOR = 512;
  const FREE = 0xffffffff, END = 0xfffffffe, FATSECT = 0xfffffffd, NONE = 0xffffffff;
  const perStream = Math.ceil(5000 / SECTOR);
  const sectors = 2 + streams.length * perStream; // FAT, directory, then the streams
  const header = Buffer.alloc(SECTOR);
  Buffer.from("d0cf11e0a1b11ae1", "hex").copy(header, 0);
  header.writeUInt16LE(0x3e, 24);
  header.writeUInt16LE(3, 26);
  header.writeUInt16LE(0xfffe, 28);
  header.writeUInt16LE(9, 30);
  header.writeUInt16LE(6, 32);
  header.writeUInt32LE(1, 44); // FAT sectors
  header.writeUInt32LE(1, 48); // first directory sector
  header.writeUInt32LE(4096, 56);
  header.writeUInt32LE(END, 60);
  header.writeUInt32LE(END, 68);
  header.writeUInt32LE(0, 76); // DIFAT[0]: the FAT is sector 0
  for (let i = 1; i < 109; i++) header.writeUInt32LE(FREE, 76 + 4 * i);
  const fat = Buffer.alloc(SECTOR, 0xff);
  fat.writeUInt32LE(FATSECT, 0);
  fat.writeUInt32LE(END, 4);
  for (let s = 0; s < streams.length; s++) {
    const first = 2 + s * perStream;
    for (let k = 0; k < perStream; k++) fat.writeUInt32LE(k + 1 < perStream ? first + k + 1 : END, 4 * (first + k));
  }
  // Directory: the root, then the streams as a chain of right siblings in the tree's order
  // (shorter names first, then by upper-cased name).
  const order = streams
    .map((name, i) => ({ name, i }))
    .sort((a, b) => a.name.length - b.name.length || (a.name.toUpperCase() < b.name.toUpperCase() ? -1 : 1));
  const dir = Buffer.alloc(SECTOR);
  const entry = (at, name, type, child, right, start, size) => {
    const o = at * 128;
    const units = Buffer.from(name + "\0", "utf16le");
    units.copy(dir, o);
    dir.writeUInt16LE(units.length, o + 64);
    dir[o + 66] = type;
    dir[o + 67] = 1; // black
    dir.writeUInt32LE(NONE, o + 68);
    dir.writeUInt32LE(right, o + 72);
    dir.writeUInt32LE(child, o + 76);
    dir.writeUInt32LE(start, o + 116);
    dir.writeUInt32LE(size, o + 120);
  };
  entry(0, "Root Entry", 5, 1 + order[0].i, NONE, END, 0);
  order.forEach(({ name, i }, k) => entry(1 + i, name, 2, NONE, k + 1 < order.length ? 1 + order[k + 1].i : NONE, 2 + i * perStream, 5000));
  for (let at = 1 + streams.length; at < 4; at++) {
    dir.writeUInt32LE(NONE, at * 128 + 68);
    dir.writeUInt32LE(NONE, at * 128 + 72);
    dir.writeUInt32LE(NONE, at * 128 + 76);
  }
  const data = Buffer.alloc((sectors - 2) * SECTOR, 7);
  return Buffer.concat([header, fat, dir, data]);
}
