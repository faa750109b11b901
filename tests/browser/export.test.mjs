// Export: the JSON download is the CLI's report for the same text; the CSV has one row per finding;
// the print stylesheet prints the findings (opened) and the marked text, without the controls.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { cliReport, openPage, referenceDocs, screenshotDir, appForThisFile, waitChecked } from "./harness.mjs";

const app = appForThisFile();

const doc = referenceDocs().find((d) => d.file.startsWith("001_"));

async function download(page, selector) {
  const [dl] = await Promise.all([page.waitForEvent("download"), page.click(selector)]);
  return { name: dl.suggestedFilename(), body: fs.readFileSync(await dl.path(), "utf8") };
}

test("JSON and CSV exports, printable page", { timeout: 60_000 }, async (t) => {
  if (!doc) return t.skip("001 not present");
  const expected = cliReport(doc.path);
  const { page, context, foreign, errors } = await openPage(app, `?example=${doc.file}`);
  try {
    await waitChecked(page);
    await page.waitForSelector("li.finding");

    const json = await download(page, '[data-testid="export-json"]');
    assert.equal(json.name, "budget-lint-report.json");
    assert.deepEqual(JSON.parse(json.body), expected, "the JSON export is the CLI's report");

    const csv = await download(page, '[data-testid="export-csv"]');
    assert.equal(csv.name, "budget-lint-report.csv");
    assert.ok(csv.body.startsWith("\ufeffseverity,code,rule,line,column,place,figure,expected,actual,message"));
    const rows = csv.body.replace(/\r\n$/, "").split("\r\n");
    assert.equal(rows.length, expected.diagnostics.length + 1);
    // A pasted text has no place in a file: that column is empty.
    expected.diagnostics.forEach((d, i) => {
      const primary = d.labels.find((l) => l.primary);
      const lead = primary ? `${d.severity},${d.code},${d.rule},${primary.line},${primary.column},,` : `${d.severity},${d.code},${d.rule},`;
      assert.ok(rows[i + 1].startsWith(lead), `${rows[i + 1]} starts with ${lead}`);
    });

    // Printing (the browser tells the page with "beforeprint"): every finding drawn open, the
    // controls hidden, the text in full.
    await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
    await page.waitForFunction(() =>
      [...document.querySelectorAll(".finding-body")].every((b) => !b.hidden && b.childElementCount > 0),
    );
    await page.emulateMedia({ media: "print" });
    const printed = await page.evaluate(() => ({
      actions: getComputedStyle(document.querySelector(".actions")).display,
      input: getComputedStyle(document.querySelector(".input")).display,
      body: getComputedStyle(document.querySelector(".finding-body")).display,
      source: getComputedStyle(document.querySelector(".source-scroll")).overflowY,
    }));
    assert.deepEqual(printed, { actions: "none", input: "none", body: "block", source: "visible" });
    fs.mkdirSync(screenshotDir, { recursive: true });
    const pdf = path.join(screenshotDir, "print-001.pdf");
    await page.pdf({ path: pdf, format: "A4", printBackground: true });
    assert.ok(fs.statSync(pdf).size > 10_000);
    await page.emulateMedia({ media: "screen" });
    await page.evaluate(() => window.dispatchEvent(new Event("afterprint")));
    await page.waitForFunction(() => document.querySelectorAll(".finding-body:not([hidden])").length === 0);
    assert.deepEqual(foreign, []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
