// Keyboard: F8 / Shift+F8 walk the findings in text order (wrapping), Enter opens the focused one,
// the severity filter limits the walk, and every control is reachable with Tab and has a name.
import assert from "node:assert/strict";
import { test } from "node:test";
import { cliReport, inView, openPage, referenceDocs, appForThisFile, waitChecked } from "./harness.mjs";

const app = appForThisFile();

const doc = referenceDocs().find((d) => d.file.startsWith("001_"));

test("F8 and Shift+F8 move through the findings; Enter opens one", { timeout: 60_000 }, async (t) => {
  if (!doc) return t.skip("001 not present");
  const expected = cliReport(doc.path);
  const n = expected.diagnostics.length;
  assert.ok(n >= 2, "001 has at least two findings");
  const { page, context, errors } = await openPage(app, `?example=${doc.file}`);
  try {
    await waitChecked(page);
    await page.waitForSelector("#source mark");
    const focused = () => page.evaluate(() => document.activeElement?.id ?? "");
    const selected = () =>
      page.$eval("li.finding.selected", (el) => Number(el.dataset.finding)).catch(() => null);

    // Focus in the text box: F8 still works.
    await page.focus('[data-testid="input"]');
    await page.keyboard.press("F8");
    await page.waitForFunction(() => document.activeElement?.id === "finding-0");
    assert.equal(await selected(), 0);
    const hasLabel = expected.diagnostics[0].labels.some((l) => l.primary);
    if (hasLabel) {
      assert.ok(await inView(page, '#source mark.selected[data-finding="0"]'), "figure of finding 0 in view");
    }

    await page.keyboard.press("F8");
    await page.waitForFunction(() => document.activeElement?.id === "finding-1");
    assert.equal(await selected(), 1);
    if (expected.diagnostics[1].labels.some((l) => l.primary)) {
      assert.ok(await inView(page, '#source mark.selected[data-finding="1"]'), "figure of finding 1 in view");
    }

    // Enter opens it: expected vs actual, related figures, the rule's explanation.
    await page.keyboard.press("Enter");
    assert.equal(await page.getAttribute("#finding-1", "aria-expanded"), "true");
    assert.ok(await page.isVisible("#finding-1-body"));
    assert.ok(await page.isVisible('li.finding[data-finding="1"] details.rule summary'));
    await page.keyboard.press("Enter");
    assert.equal(await page.getAttribute("#finding-1", "aria-expanded"), "false");

    await page.keyboard.press("Shift+F8");
    await page.waitForFunction(() => document.activeElement?.id === "finding-0");
    await page.keyboard.press("Shift+F8");
    await page.waitForFunction((last) => document.activeElement?.id === `finding-${last}`, n - 1);
    assert.equal(await selected(), n - 1, "Shift+F8 wraps to the last finding");
    await page.keyboard.press("F8");
    await page.waitForFunction(() => document.activeElement?.id === "finding-0");

    // Filter: hide a severity, F8 skips its findings.
    const bySev = new Map();
    expected.diagnostics.forEach((d, i) => bySev.set(d.severity, [...(bySev.get(d.severity) ?? []), i]));
    const [hideSev, hidden] = [...bySev.entries()].sort((a, b) => b[1].length - a[1].length)[0];
    if (bySev.size > 1) {
      await page.click(`button.filter[data-severity="${hideSev}"]`);
      assert.equal(await page.getAttribute(`button.filter[data-severity="${hideSev}"]`, "aria-pressed"), "false");
      for (const i of hidden) assert.equal(await page.isVisible(`li.finding[data-finding="${i}"]`), false);
      const seen = new Set();
      for (let k = 0; k < n; k++) {
        await page.keyboard.press("F8");
        seen.add(await selected());
      }
      for (const i of hidden) assert.ok(!seen.has(i), `F8 stopped on hidden finding ${i}`);
      await page.click(`button.filter[data-severity="${hideSev}"]`);
    }
    assert.ok(typeof (await focused()) === "string");
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("every control is reachable by Tab and labelled", { timeout: 60_000 }, async (t) => {
  if (!doc) return t.skip("001 not present");
  const { page, context, errors } = await openPage(app, `?example=${doc.file}`);
  try {
    await waitChecked(page);
    await page.waitForSelector("#source mark");
    await page.click("#finding-0"); // open one entry, so its inner controls exist
    await page.locator("body").focus();
    await page.evaluate(() => document.activeElement?.blur());
    const reached = [];
    for (let k = 0; k < 400; k++) {
      await page.keyboard.press("Tab");
      const info = await page.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return null;
        const name =
          el.getAttribute("aria-label") ||
          (el.getAttribute("aria-labelledby") &&
            document.getElementById(el.getAttribute("aria-labelledby"))?.textContent) ||
          el.textContent?.trim() ||
          el.getAttribute("placeholder") ||
          el.getAttribute("title");
        const key =
          el.id ||
          el.dataset.testid ||
          el.dataset.example ||
          `${el.tagName.toLowerCase()}.${el.className}[${el.dataset.severity ?? el.dataset.label ?? el.dataset.finding ?? ""}]`;
        return { key, tag: el.tagName, name };
      });
      if (!info) continue;
      if (reached.length > 1 && reached[0].key === info.key) break; // went round
      if (!reached.some((r) => r.key === info.key)) reached.push(info);
    }
    const keys = reached.map((r) => r.key);
    for (const want of ["open-file", "export-json", "export-csv", "print", "lang", "input", "tab-source", "finding-0"]) {
      assert.ok(keys.includes(want), `${want} not reachable by Tab (reached: ${keys.join(", ")})`);
    }
    assert.ok(reached.some((r) => r.tag === "MARK"), "the text's marks are reachable (one tab stop)");
    assert.ok(reached.some((r) => r.key.includes("filter")), "the severity filters are reachable");
    assert.ok(reached.some((r) => r.tag === "BUTTON" && r.key.includes("example") || r.key.endsWith(".txt")), "the examples are reachable");
    for (const r of reached) assert.ok(r.name && r.name.trim().length > 0, `unlabelled control ${r.key}`);

    // The tables tab by keyboard: arrow keys move between the tabs.
    await page.focus("#tab-source");
    await page.keyboard.press("ArrowRight");
    await page.waitForSelector("#tables");
    assert.equal(await page.getAttribute("#tab-tables", "aria-selected"), "true");
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
