// Files read by the lazily loaded readers (crates/files-web, www/reader.js): a corpus PDF dropped
// and its findings marked on the laid-out text, a selected finding's page; the two PDFs of a
// Beijing disclosure dropped together as one document; staff drafts (an .xlsx and a .docx built
// at test time from a PDF's laid-out text) dropped together; a non-PDF named .pdf and a PDF
// without a text layer get the reader's messages and the text box keeps its text; a long PDF
// stopped. Only the reader a drop needs is fetched.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { appForThisFile, cliReport, openPage, readMarks, screenshot, sharedDir, waitChecked } from "./harness.mjs";
import { dropFiles, pdfWithoutText, status, waitStatus } from "./drop.mjs";
import { drafts } from "./ooxml.mjs";

const app = appForThisFile();
const wide = path.join(sharedDir, "corpus", "wide");
const corpus = (prefix, suffix = ".pdf") => {
  const name = fs.existsSync(wide) && fs.readdirSync(wide).find((f) => f.startsWith(prefix) && f.endsWith(suffix));
  return name ? { name, path: path.join(wide, name), bytes: fs.readFileSync(path.join(wide, name)) } : null;
};

const readerFetches = (requests) => requests.filter((u) => /reader-(pdf|office)-/.test(u)).map((u) => path.basename(new URL(u).pathname));

let laidOut = null; // 102's text as the PDF reader laid it out (for the drafts test)

test("a corpus PDF dropped: its laid-out text checked, marks drawn, a selected finding shows its page", { timeout: 120_000 }, async (t) => {
  const pdf = corpus("102_");
  if (!pdf) return t.skip("wide/102 not present");
  const { page, context, foreign, errors, requests } = await openPage(app, "?example=none");
  try {
    await waitChecked(page);
    const t0 = Date.now();
    await dropFiles(page, [pdf]);
    await waitStatus(page, /已读取/);
    await waitChecked(page);
    await page.waitForSelector('#source mark[data-role="primary"]');
    const ms = Date.now() - t0;
    t.diagnostic(`${pdf.name} (${pdf.bytes.length} bytes) dropped → marks drawn: ${ms} ms`);
    const text = await page.inputValue('[data-testid="input"]');
    laidOut = text;
    assert.ok(text.split("\f").length > 5, "pages separated by form feeds");
    assert.match(await status(page), /已读取 102_.*（共 \d+ 页）/);
    const findings = await page.locator("li.finding").count();
    assert.ok(findings > 0, "findings");
    const primaries = (await readMarks(page)).filter((m) => m.role === "primary");
    assert.ok(primaries.length > 0, "marks on the laid-out text");
    for (const m of primaries) assert.equal(m.text, text.slice(m.start, m.end), "each mark on its figure in the text box's text");
    // The pages' tables are drawn in aligned columns, a cell per field of the laid-out line.
    const tabbed = await page.$$eval("#source table.tabs tr", (rows) => rows.map((r) => r.cells.length));
    assert.ok(tabbed.length > 20, `${tabbed.length} table rows drawn as rows`);
    // Select the first finding with a mark: its entry says on which page the figure stands.
    const finding = primaries[0].finding;
    await page.click(`#source mark[data-finding="${finding}"][data-role="primary"]`);
    const origin = page.locator(`li.finding[data-finding="${finding}"] [data-testid="origin"]`);
    const shownPage = Number((await origin.textContent()).match(/第 (\d+) 页/)[1]);
    // Page starts are marked in the text: numbers rising from the first page; the selected mark
    // stands after the mark of its own page and before the next.
    const starts = await page.$$eval("#source .page-start", (bs) => bs.map((b) => Number(b.dataset.page)));
    assert.ok(starts.length >= text.split("\f").length - 2, `${starts.length} page marks`);
    assert.equal(starts[0], 1);
    assert.ok(starts.every((p, i) => i === 0 || p > starts[i - 1]), starts.join(" "));
    const markPage = await page.$eval(`#source mark[data-finding="${finding}"][data-role="primary"]`, (m) => {
      let b = m.closest(".block");
      while (b && !b.classList.contains("page-start")) b = b.previousElementSibling;
      return b ? Number(b.dataset.page) : null;
    });
    assert.equal(markPage, shownPage, "the mark is on the page its entry names");
    assert.equal(await page.$eval("#source .page-start", (b) => getComputedStyle(b, "::before").content), '"第 1 页"');
    await screenshot(page, "pdf-dropped-selected");
    // The tables view: every table holding figures is read from the PDF's layout (those with a
    // header no layout names by their fields, columns 第1列 …, as the CLI's report has them), and a
    // table that could not be read would say what would help.
    await page.click("#tab-tables");
    const views = await page.$$eval("section.table-view", (ss) =>
      ss.map((s) => ({ status: s.dataset.status, heads: [...s.querySelectorAll("thead th")].map((th) => th.textContent) })),
    );
    const cli = cliReport(pdf.path);
    assert.deepEqual(views.map((v) => v.status), cli.tables.map((t) => t.status));
    assert.ok(views.filter((v) => v.status === "read").length >= 8, JSON.stringify(views.map((v) => v.status)));
    assert.ok(views.some((v) => v.heads.includes("第1列")), "a table read by its fields shows its counted columns");
    const advice = await page.$$eval(".reason.advice", (ps) => ps.map((p) => p.textContent));
    assert.equal(advice.length, cli.tables.filter((t) => t.status === "unread").length);
    assert.ok(advice.every((a) => a.startsWith("PDF 中这张表的版式未能读出")), advice.join(" | "));
    await screenshot(page, "pdf-dropped-tables");
    await page.click("#tab-source");
    // Only the PDF reader was fetched.
    assert.deepEqual(readerFetches(requests).map((f) => f.replace(/-[0-9a-f]{16}/, "")).sort(), ["reader-pdf.js", "reader-pdf_bg.wasm"]);

    // Editing the text makes it plain text: findings no longer carry a place in the file.
    await page.focus('[data-testid="input"]');
    await page.keyboard.press("Control+End");
    await page.keyboard.type(" ");
    await page.waitForFunction(() => document.querySelector('[data-testid="status"]').dataset.checking === "true", null, { polling: 20 }).catch(() => {});
    await waitChecked(page);
    assert.equal(await page.locator('[data-testid="origin"]').count(), 0, "no origin after an edit");
    assert.deepEqual(foreign, []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("the two PDFs of a Beijing disclosure dropped together are one document", { timeout: 120_000 }, async (t) => {
  const part1 = corpus("100_", "_part1.pdf");
  const part2 = corpus("100_", "_part2.pdf");
  if (!part1 || !part2) return t.skip("wide/100 parts not present");
  const { page, context, errors } = await openPage(app, "?example=none");
  try {
    await waitChecked(page);
    const t0 = Date.now();
    await dropFiles(page, [part2, part1]); // in the wrong order: read by name
    await waitStatus(page, /已读取/);
    await waitChecked(page);
    await page.waitForSelector('#source mark[data-role="primary"]');
    t.diagnostic(`${part1.name} + part2 dropped → marks drawn: ${Date.now() - t0} ms`);
    assert.match(await status(page), /part1\.pdf \+ .*part2\.pdf（共 \d+ 页）/);
    const text = await page.inputValue('[data-testid="input"]');
    // The narrative (part 1) first, the tables (part 2) after a page break; every page counted.
    assert.ok(text.indexOf("\f") > 0);
    assert.match(await status(page), new RegExp(`（共 ${text.split("\f").length} 页）`));
    await page.waitForSelector("li.finding");
    // Findings on the tables of part 2 name their file and page.
    const origins = await page.$$eval('li.finding [data-testid="origin"]', (els) => els.map((e) => e.textContent));
    assert.ok(origins.length > 0, "findings placed in the files");
    for (const o of origins) assert.match(o, /part[12]\.pdf 第 \d+ 页$/);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("staff drafts (an .xlsx and a .docx) dropped together: one document, findings on their cells", { timeout: 120_000 }, async (t) => {
  if (!laidOut) return t.skip("needs the laid-out text of the first test");
  const { xlsx, docx, sheets, paragraphs } = drafts(laidOut);
  assert.ok(sheets > 0 && paragraphs > 0);
  const { page, context, errors, requests } = await openPage(app, "?example=none");
  try {
    await waitChecked(page);
    await dropFiles(page, [
      { name: "预算表.xlsx", bytes: xlsx },
      { name: "预算说明.docx", bytes: docx },
    ]);
    await waitStatus(page, /已读取/);
    await waitChecked(page);
    assert.match(await page.inputValue('[data-testid="input"]'), /\t/, "sheet rows as tab-separated cells");
    await page.waitForSelector('#source mark[data-role="primary"]');
    const primaries = (await readMarks(page)).filter((m) => m.role === "primary");
    assert.ok(primaries.length > 0, "marks on the drafts' text");
    const origins = await page.$$eval('li.finding [data-testid="origin"]', (els) => els.map((e) => e.textContent));
    assert.ok(origins.some((o) => /\[预算表\.xlsx\]表\d+![A-Z]+\d+$/.test(o)), origins.join(" | "));
    // Each sheet drawn as its grid; the marks in it stand in cells named as the findings name them.
    const grids = await page.$$eval("#source table.sheet", (ts) => ts.map((t) => t.dataset.sheet));
    assert.equal(new Set(grids).size, sheets, grids.join(" "));
    const inCells = await page.$$eval('#source td[data-cell] mark[data-role="primary"]', (ms) =>
      ms.map((m) => ({ at: `${m.closest("table").dataset.sheet}!${m.closest("td").dataset.cell}`, finding: m.dataset.finding })));
    assert.ok(inCells.length > 0, "marks on cells of the grids");
    const inText = await page.$$eval('#source mark[data-role="primary"]', (ms) => ms.filter((m) => !m.closest("table")).length);
    assert.ok(inText > 0, "marks on the narrative, drawn as text");
    for (const { at, finding } of inCells.slice(0, 5)) {
      const shown = await page.textContent(`li.finding[data-finding="${finding}"] [data-testid="origin"]`);
      assert.ok(shown.endsWith(at), `${shown} names ${at}`);
    }
    await page.click(`#source td[data-cell] mark[data-finding="${inCells[0].finding}"]`);
    await page.waitForSelector(`li.finding.selected[data-finding="${inCells[0].finding}"]`);
    await screenshot(page, "drafts-dropped");
    assert.deepEqual(readerFetches(requests).map((f) => f.replace(/-[0-9a-f]{16}/, "")).sort(), ["reader-office.js", "reader-office_bg.wasm"]);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("a non-PDF named .pdf and a PDF without text get the reader's messages; the text stays", { timeout: 60_000 }, async () => {
  const { page, context, errors } = await openPage(app, "?example=none");
  try {
    await page.fill('[data-testid="input"]', "本单位2025年预算收入100万元。");
    await waitChecked(page);
    await dropFiles(page, [{ name: "说明.pdf", bytes: Buffer.from("这其实是文本文件。\n", "utf8") }]);
    await waitStatus(page, /无法读取 说明\.pdf/);
    assert.match(await status(page), /这不是 PDF 文件/);
    assert.equal(await page.inputValue('[data-testid="input"]'), "本单位2025年预算收入100万元。");
    await dropFiles(page, [{ name: "扫描件.pdf", bytes: pdfWithoutText() }]);
    await waitStatus(page, /无法读取 扫描件\.pdf/);
    assert.match(await status(page), /没有文字层/);
    assert.equal(await page.inputValue('[data-testid="input"]'), "本单位2025年预算收入100万元。");
    await screenshot(page, "pdf-no-text");
    // In English, the reader's English message.
    await page.click('[data-testid="lang"]');
    assert.match(await status(page), /has no text layer/);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("reading a long PDF (262 pages) shows its progress and stops on request", { timeout: 120_000 }, async (t) => {
  const pdf = corpus("104_");
  if (!pdf) return t.skip("wide/104 not present");
  const { page, context, errors } = await openPage(app, "?example=none");
  try {
    await page.fill('[data-testid="input"]', "本单位2025年预算收入100万元。");
    await waitChecked(page);
    await dropFiles(page, [pdf]);
    await waitStatus(page, /正在读取 104_.* … 第 [1-9]\d* \/ 262 页/);
    await screenshot(page, "pdf-reading");
    await page.click('[data-testid="stop-reading"]');
    await waitStatus(page, /已停止读取/);
    await page.waitForTimeout(1000);
    assert.match(await status(page), /已停止读取 104_/, "no progress after the stop");
    assert.equal(await page.locator('[data-testid="stop-reading"]').count(), 0);
    assert.equal(await page.inputValue('[data-testid="input"]'), "本单位2025年预算收入100万元。");
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("the JavaScript module checks a PDF's bytes: labels carry their page; a non-PDF is refused with the reader's reason", { timeout: 60_000 }, async (t) => {
  const pdf = corpus("102_");
  if (!pdf) return t.skip("wide/102 not present");
  const { page, context, errors } = await openPage(app, "?example=none");
  try {
    const result = await page.evaluate(async (b64) => {
      const bin = atob(b64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      const mod = await import("./budget-lint.mjs");
      const report = await mod.check(bytes);
      let refused = null;
      try {
        await mod.checkFiles([{ name: "x.pdf", bytes: new TextEncoder().encode("plain text") }]);
      } catch (e) {
        refused = [e.message, e.messageZh];
      }
      return { report, refused };
    }, pdf.bytes.toString("base64"));
    assert.ok(result.report.diagnostics.length > 0);
    const pages = result.report.diagnostics.flatMap((d) => d.labels).map((l) => l.origin && l.origin.page);
    assert.ok(pages.some((p) => Number.isInteger(p) && p > 0), "labels placed on pages");
    assert.match(result.refused[0], /not a PDF/);
    assert.match(result.refused[1], /这不是 PDF 文件/);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
