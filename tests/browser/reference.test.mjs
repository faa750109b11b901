// The three reference documents, pasted into the page: every finding the CLI reports for the same
// text is marked on the right figures (mark elements with the CLI's code and severity, exactly over
// the primary label's span), each finding has its entry, and a screenshot of each is kept.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  byteSlice,
  cliReport,
  openPage,
  paste,
  readMarks,
  referenceDocs,
  screenshot,
  appForThisFile,
  utf16Offset,
  waitChecked,
} from "./harness.mjs";

const app = appForThisFile();

const docs = referenceDocs();

test("the reference documents are present", () => {
  assert.equal(docs.length, 3, "../shared/corpus must hold the three reference documents");
});

for (const doc of docs) {
  test(`${doc.file.slice(0, 3)}: pasted, every finding marked as the CLI reports it`, { timeout: 60_000 }, async () => {
    const expected = cliReport(doc.path);
    const { page, context, foreign, errors } = await openPage(app, "?example=none");
    try {
      await waitChecked(page);
      await paste(page, doc.text);
      await page.waitForFunction(
        (n) => document.querySelector('[data-testid="input"]').value.length === n,
        doc.text.length,
      );
      await waitChecked(page);
      await page.waitForSelector("#source");
      assert.equal(await page.inputValue('[data-testid="input"]'), doc.text);

      const marks = await readMarks(page);
      const primary = marks.filter((m) => m.role === "primary");
      const diags = expected.diagnostics;
      // The source view shows the text itself.
      assert.equal(await page.textContent("#source"), doc.text);

      // (a) Every mark belongs to a CLI finding: same code, same severity, inside its primary label.
      for (const m of primary) {
        const d = diags[m.finding];
        assert.ok(d, `mark of unknown finding ${m.finding}`);
        assert.equal(m.code, d.code);
        assert.equal(m.severity, d.severity);
        const l = d.labels[m.label];
        assert.ok(l?.primary, `mark ${m.code} on a non-primary label`);
        assert.ok(
          m.start >= utf16Offset(doc.text, l.start) && m.end <= utf16Offset(doc.text, l.end),
          `${m.code} mark ${JSON.stringify(m.text)} outside its label`,
        );
      }
      // (b) Every primary label of every finding is covered by marks, and (c) where no other
      // finding's label overlaps it, by marks of that very finding whose text is the figure.
      const ranges = [];
      diags.forEach((d, i) =>
        d.labels.forEach((l) => l.primary && l.end > l.start && ranges.push({ i, d, l })),
      );
      for (const { i, d, l } of ranges) {
        const s = utf16Offset(doc.text, l.start);
        const e = utf16Offset(doc.text, l.end);
        const covering = primary.filter((m) => m.end > s && m.start < e).sort((a, b) => a.start - b.start);
        let at = s;
        for (const m of covering) if (m.start <= at) at = Math.max(at, m.end);
        assert.ok(at >= e, `${d.code} at line ${l.line}: ${JSON.stringify(byteSlice(doc.text, l.start, l.end))} not fully marked`);
        const overlapped = ranges.some((o) => o.i !== i && o.l.start < l.end && o.l.end > l.start);
        if (!overlapped) {
          const own = covering.filter((m) => m.finding === i);
          assert.equal(own.map((m) => m.text).join(""), byteSlice(doc.text, l.start, l.end), `${d.code} line ${l.line}`);
        }
      }

      // Each finding has its entry, in the same order, with its code and severity.
      const entries = await page.$$eval("li.finding", (els) =>
        els.map((el) => ({
          finding: Number(el.dataset.finding),
          code: el.dataset.code,
          severity: el.dataset.severity,
          message: el.querySelector(".msg").textContent,
        })),
      );
      assert.equal(entries.length, diags.length);
      for (const e of entries) {
        assert.equal(e.code, diags[e.finding].code);
        assert.equal(e.severity, diags[e.finding].severity);
        assert.equal(e.message, diags[e.finding].message);
      }
      // Counts by severity.
      const counts = await page.$$eval("button.filter", (els) =>
        Object.fromEntries(els.map((b) => [b.dataset.severity, Number(b.dataset.count)])),
      );
      const s = expected.summary;
      assert.deepEqual(counts, { error: s.errors, rounding: s.rounding, warning: s.warnings, info: s.infos });
      // The document was understood as the CLI understood it.
      const info = await page.textContent('[data-testid="doc-info"]');
      assert.match(info, new RegExp(`读取表格 ${s.tables_read} 张`));
      if (expected.document.unit) assert.ok(info.includes(expected.document.unit));

      // Screenshot, Chinese interface, with the first finding selected.
      if (diags.length > 0) {
        await page.keyboard.press("F8");
        await page.keyboard.press("Enter");
      }
      await screenshot(page, `reference-${doc.file.slice(0, 3)}`);
      assert.deepEqual(foreign, [], "requests to other origins");
      assert.deepEqual(errors, [], "page or console errors");
    } finally {
      await context.close();
    }
  });
}

test("001: 210 11 行政事业单位医疗 31.03 is marked as a rounding difference (A101)", { timeout: 60_000 }, async (t) => {
  const doc = docs.find((d) => d.file.startsWith("001_"));
  if (!doc) return t.skip("001 not present");
  const { page, context, errors } = await openPage(app, "?example=none");
  try {
    await waitChecked(page);
    await paste(page, doc.text);
    await page.waitForSelector('#source mark[data-code="A101"]');
    const marks = await readMarks(page);
    const lineOf = (offset) => doc.text.slice(doc.text.lastIndexOf("\n", offset - 1) + 1, doc.text.indexOf("\n", offset));
    const hit = marks.filter(
      (m) =>
        m.role === "primary" &&
        m.code === "A101" &&
        m.severity === "rounding" &&
        m.text === "31.03" &&
        /^210\s+11\s+行政事业单位医疗/.test(lineOf(m.start)),
    );
    assert.equal(hit.length, 1, "one A101 rounding mark on 31.03 of 210 11 行政事业单位医疗");
    const entry = page.locator(`li.finding[data-finding="${hit[0].finding}"]`);
    assert.equal(await entry.getAttribute("data-code"), "A101");
    assert.match(await entry.locator(".msg").textContent(), /行政事业单位医疗.*31\.03.*31\.04/);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
