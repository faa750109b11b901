// Files: a reference document encoded in GBK (GB18030) and dropped on the page is decoded and
// checked like the UTF-8 original; UTF-8 with a byte-order mark and UTF-16 open through the button.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { test } from "node:test";
import { cliReport, openPage, readMarks, referenceDocs, appForThisFile, waitChecked } from "./harness.mjs";

const app = appForThisFile();

const doc = referenceDocs().find((d) => d.file.startsWith("001_"));

/** The reference document re-encoded at test time (iconv, else Python). */
function gb18030(path) {
  try {
    return execFileSync("iconv", ["-f", "UTF-8", "-t", "GB18030", path], { maxBuffer: 64 << 20 });
  } catch {
    return execFileSync("python3", [
      "-c",
      "import sys; sys.stdout.buffer.write(open(sys.argv[1], encoding='utf-8').read().encode('gb18030'))",
      path,
    ]);
  }
}

/** Drops a file with these bytes on the page, as a drag from the desktop does. */
async function dropFile(page, name, bytes, selector) {
  const dataTransfer = await page.evaluateHandle(
    ({ name, b64 }) => {
      const bin = atob(b64);
      const buf = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) buf[i] = bin.charCodeAt(i);
      const dt = new DataTransfer();
      dt.items.add(new File([buf], name, { type: "text/plain" }));
      return dt;
    },
    { name, b64: Buffer.from(bytes).toString("base64") },
  );
  await page.dispatchEvent(selector, "dragenter", { dataTransfer });
  await page.dispatchEvent(selector, "dragover", { dataTransfer });
  await page.dispatchEvent(selector, "drop", { dataTransfer });
}

async function markSummary(page) {
  return (await readMarks(page))
    .filter((m) => m.role === "primary")
    .map((m) => `${m.code}/${m.severity}@${m.start}:${m.text}`);
}

test("a GBK-encoded document dropped on the page is decoded and checked", { timeout: 60_000 }, async (t) => {
  if (!doc) return t.skip("001 not present");
  const bytes = gb18030(doc.path);
  assert.notDeepEqual(bytes, Buffer.from(doc.text, "utf8"), "the file really is in another encoding");
  const expected = cliReport(doc.path);
  const { page, context, foreign, errors } = await openPage(app, "?example=none");
  try {
    await waitChecked(page);
    await dropFile(page, "预算公开-gbk.txt", bytes, ".doc-panel");
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid="input"]').value.length === n,
      doc.text.length,
    );
    assert.equal(await page.inputValue('[data-testid="input"]'), doc.text, "decoded exactly");
    await waitChecked(page);
    await page.waitForSelector("li.finding");
    assert.match(await page.textContent('[data-testid="status"]'), /预算公开-gbk\.txt（GB18030\/GBK 编码）/);
    assert.equal(await page.locator("li.finding").count(), expected.diagnostics.length);
    const codes = await page.$$eval("li.finding", (els) =>
      els.sort((a, b) => a.dataset.finding - b.dataset.finding).map((e) => e.dataset.code),
    );
    assert.deepEqual(codes, expected.diagnostics.map((d) => d.code));
    const dropped = await markSummary(page);

    // The same marks as the UTF-8 original loaded as an example.
    await page.click(`button[data-example="${doc.file}"]`);
    await page.waitForFunction(() => document.querySelector('[data-testid="status"]').textContent.includes("已载入示例"));
    await waitChecked(page);
    assert.deepEqual(await markSummary(page), dropped);
    assert.deepEqual(foreign, []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("UTF-8 with BOM and UTF-16 files open through the button", { timeout: 60_000 }, async (t) => {
  if (!doc) return t.skip("001 not present");
  const { page, context, errors } = await openPage(app, "?example=none");
  try {
    await waitChecked(page);
    const utf8bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(doc.text, "utf8")]);
    const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.click('[data-testid="open-file"]')]);
    await chooser.setFiles({ name: "bom.txt", mimeType: "text/plain", buffer: utf8bom });
    await page.waitForFunction(() => document.querySelector('[data-testid="status"]').textContent.includes("bom.txt"));
    assert.equal(await page.inputValue('[data-testid="input"]'), doc.text, "BOM dropped, text intact");
    assert.match(await page.textContent('[data-testid="status"]'), /UTF-8 \(BOM\)/);

    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("本单位2025年预算收入100万元。", "utf16le")]);
    await page.setInputFiles('[data-testid="file-input"]', { name: "u16.txt", mimeType: "text/plain", buffer: utf16 });
    await page.waitForFunction(() => document.querySelector('[data-testid="status"]').textContent.includes("u16.txt"));
    assert.equal(await page.inputValue('[data-testid="input"]'), "本单位2025年预算收入100万元。");
    await waitChecked(page);
    // A text without tables: the empty state of the tables view says so.
    await page.click("#tab-tables");
    assert.match(await page.textContent('[data-testid="no-tables"]'), /^未识别到预算公开表格/);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
