// Files dropped on the page as a drag from the desktop brings them, and small files built at test
// time: PDFs (a page without text, an encrypted one, a damaged one), an image.
// (Zips: ooxml.mjs.)

/** Run in the page: a DataTransfer holding these files ([{name, b64}], see `encoded`). */
export function dataTransferOf(files) {
  const dt = new DataTransfer();
  for (const { name, b64 } of files) {
    const bin = atob(b64);
    const buf = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) buf[i] = bin.charCodeAt(i);
    dt.items.add(new File([buf], name));
  }
  return dt;
}

/** Files ([{name, bytes}]) as they cross into the page. */
export const encoded = (files) => files.map((f) => ({ name: f.name, b64: Buffer.from(f.bytes).toString("base64") }));

/** Drops these files ([{name, bytes}]) on the page together, as a drag from the desktop does. */
export async function dropFiles(page, files) {
  const dataTransfer = await page.evaluateHandle(dataTransferOf, encoded(files));
  await page.dispatchEvent(".doc-panel", "dragenter", { dataTransfer });
  await page.dispatchEvent(".doc-panel", "dragover", { dataTransfer });
  await page.dispatchEvent(".doc-panel", "drop", { dataTransfer });
}

/** Drops a text file with this text on the page, as a drag from the desktop does. */
export async function dropText(page, name, text) {
  const dataTransfer = await page.evaluateHandle(
    ({ name, text }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], name, { type: "text/plain" }));
      return dt;
    },
    { name, text },
  );
  await page.dispatchEvent(".doc-panel", "dragenter", { dataTransfer });
  await page.dispatchEvent(".doc-panel", "dragover", { dataTransfer });
  await page.dispatchEvent(".doc-panel", "drop", { dataTransfer });
}

/** The status line's text, and a wait for it to match. */
export const status = (page) => page.textContent('[data-testid="status"]');
export const waitStatus = (page, re, timeout = 60_000) =>
  page.waitForFunction((src) => new RegExp(src).test(document.querySelector('[data-testid="status"]').textContent), re.source, {
    timeout,
    polling: 50,
  });

/** A one-page PDF with these page contents, its trailer extended by `trailer` (e.g. an /Encrypt entry). */
export function pdfOf(content, { trailer = "", extra = [] } = {}) {
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>",
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    ...extra,
  ];
  let out = "%PDF-1.4\n";
  const offsets = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailer}>>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

/** A PDF whose page draws a filled rectangle and no text (what a scan looks like to a reader). */
export const pdfWithoutText = () => pdfOf("0 0 0 rg 100 100 400 600 re f");

/** A PDF encrypted with a password nobody knows (a standard security handler, revision 6). */
export const encryptedPdf = () =>
  pdfOf("BT /F1 12 Tf 72 720 Td (secret) Tj ET", {
    trailer: "/Encrypt 5 0 R /ID [<00112233445566778899AABBCCDDEEFF> <00112233445566778899AABBCCDDEEFF>] ",
    extra: [
      `<< /Filter /Standard /V 5 /R 6 /Length 256 /P -4 /O <${"ab".repeat(48)}> /U <${"cd".repeat(48)}> /OE <${"ef".repeat(32)}> /UE <${"12".repeat(32)}> /Perms <${"34".repeat(16)}> >>`,
    ],
  });

/** The first bytes of a PNG image (a photo of a page). */
export const png = () => Buffer.from("89504e470d0a1a0a0000000d49484452000000100000001008060000001ff3ff61", "hex");
