// Selecting a finding: its related figures are highlighted (dashed, numbered, their own message on
// hover), its own figure shows its message, both scroll into view; the tables view marks the same.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  byteSlice,
  cliReport,
  inView,
  openPage,
  readMarks,
  referenceDocs,
  screenshot,
  appForThisFile,
  utf16Offset,
  waitChecked,
} from "./harness.mjs";

const app = appForThisFile();

const doc = referenceDocs().find((d) => d.file.startsWith("001_"));

test("selecting a finding highlights its related figures with their labels", { timeout: 60_000 }, async (t) => {
  if (!doc) return t.skip("001 not present");
  const expected = cliReport(doc.path);
  // The finding with the most related labels: the A101 rounding difference of 210 11.
  const index = expected.diagnostics.reduce(
    (best, d, i) =>
      d.labels.filter((l) => !l.primary).length >
      (best < 0 ? -1 : expected.diagnostics[best].labels.filter((l) => !l.primary).length)
        ? i
        : best,
    -1,
  );
  assert.ok(index >= 0);
  const d = expected.diagnostics[index];
  const related = d.labels.filter((l) => !l.primary);
  assert.ok(related.length > 0, "a finding with related figures");

  const { page, context, foreign, errors } = await openPage(app, `?example=${doc.file}`);
  try {
    await waitChecked(page);
    await page.waitForSelector("#source mark");
    assert.equal(await page.locator('#source mark[data-role="related"]').count(), 0, "nothing selected yet");

    // Click its entry in the findings panel.
    await page.click(`#finding-${index}`);
    await page.waitForSelector(`#source mark.selected[data-finding="${index}"]`);
    assert.equal(await page.getAttribute(`#finding-${index}`, "aria-expanded"), "true");
    assert.equal(await page.getAttribute(`#finding-${index}`, "aria-current"), "true");

    const marks = await readMarks(page);
    const rel = marks.filter((m) => m.role === "related" || (m.n !== null && m.finding !== index));
    // Every related label is drawn over its figure, numbered in label order, with its message.
    const expectedRelated = related.map((l, k) => ({
      start: utf16Offset(doc.text, l.start),
      text: byteSlice(doc.text, l.start, l.end),
      n: String(k + 1),
      message: l.message,
    }));
    for (const e of expectedRelated) {
      const m = marks.find((m) => m.start === e.start && m.n === e.n);
      assert.ok(m, `related figure ${e.n} (${e.text}) is not marked`);
      assert.equal(m.text, e.text);
      assert.ok(m.tip.includes(e.message), `related ${e.n}: tip ${JSON.stringify(m.tip)} lacks ${e.message}`);
      if (m.role === "related") {
        assert.equal(m.code, d.code);
        assert.equal(m.severity, d.severity);
      }
    }
    assert.equal(rel.length, related.length);
    // The finding's own figure carries its label's message, visible under it.
    const own = marks.find((m) => m.finding === index && m.role === "primary");
    assert.equal(own.callout, d.labels.find((l) => l.primary).message);
    assert.ok(await inView(page, `#source mark.selected[data-finding="${index}"]`), "the figure scrolled into view");

    // Hovering a related figure shows its message in the tooltip.
    await page.locator('#source mark[data-n="1"]').hover();
    await page.waitForSelector("#tooltip:not([hidden])");
    assert.ok((await page.textContent("#tooltip")).includes(related[0].message));

    // Each related figure in the entry's list scrolls its figure into view.
    const last = related.length - 1;
    const lastLabel = d.labels.indexOf(related[last]);
    await page.click(`li.finding[data-finding="${index}"] .label-link[data-label="${lastLabel}"]`);
    await page.waitForTimeout(100);
    const sel = `#source mark[data-finding="${index}"][data-label="${lastLabel}"], #source mark[data-n="${last + 1}"]`;
    assert.ok(await inView(page, sel), "the last related figure scrolled into view");

    await screenshot(page, "select-001");

    // Clicking a mark in the text selects its finding and opens its entry.
    await page.click(`#finding-${index}`); // close it
    const other = marks.find((m) => m.role === "primary" && m.finding !== index);
    if (other) {
      await page.click(`#source mark[data-finding="${other.finding}"][data-role="primary"]`);
      await page.waitForSelector(`li.finding.selected[data-finding="${other.finding}"]`);
      assert.equal(await page.getAttribute(`#finding-${other.finding}`, "aria-expanded"), "true");
    }

    // The tables view: the selected finding's figure and its related cells.
    await page.click(`#finding-${index}`);
    await page.click("#tab-tables");
    await page.waitForSelector("#tables table");
    // The selected finding's figure is scrolled into view in the tables too.
    await page.waitForTimeout(100);
    assert.ok(await inView(page, `#tables td[data-finding="${index}"][data-role="primary"]`), "flagged cell in view");
    const flagged = await page.$$eval(`#tables td[data-finding="${index}"]`, (tds) =>
      tds.map((td) => ({ role: td.dataset.role, text: td.textContent })),
    );
    assert.ok(flagged.some((c) => c.role === "primary" && c.text === byteSlice(doc.text, d.labels[0].start, d.labels[0].end)));
    assert.ok(flagged.filter((c) => c.role === "related").length > 0, "related cells marked in the tables");
    await screenshot(page, "select-001-tables");

    assert.deepEqual(foreign, []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
