// Smoke test of the built web app in real Chromium: it loads in Chinese, loads the first example,
// re-checks as the text changes, shows its empty states, switches to English and back, and asks
// nothing of any other origin (the worker's files come from the page's own server).
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { cliReport, distDir, openPage, referenceDocs, screenshot, appForThisFile, waitChecked } from "./harness.mjs";

const INPUT = '[data-testid="input"]';

const app = appForThisFile();

test("loads, checks the first example, re-checks as you type, stays on its own origin", { timeout: 90_000 }, async () => {
  const { page, context, foreign, errors, requests } = await openPage(app);
  try {
    assert.equal(await page.title(), "预算公开校验 (budget-lint)");
    await page.waitForSelector("h1", { timeout: 30_000 });
    assert.match(await page.textContent("h1"), /预算公开校验/);
    assert.equal(await page.getAttribute("html", "lang"), "zh-CN");

    // The build copies example documents into dist/examples; the first one is preloaded.
    const examples = JSON.parse(fs.readFileSync(path.join(distDir, "examples", "index.json"), "utf8"));
    if (examples.length > 0) {
      const text = fs.readFileSync(path.join(distDir, "examples", examples[0].file), "utf8");
      await page.waitForFunction((n) => document.querySelector("#input").value.length === n, text.length);
      await waitChecked(page);
      assert.equal(await page.textContent("#source"), text);
      assert.equal(await page.locator("button[data-example]").count(), examples.length);
      assert.equal(await page.getAttribute(`button[data-example="${examples[0].file}"]`, "aria-pressed"), "true");
      await screenshot(page, "smoke-example");
    }

    // Typing re-checks (debounced): prose without tables says no table was recognised.
    await page.fill(INPUT, "");
    await page.locator(INPUT).pressSequentially("本单位2025年预算收入100万元。");
    await page.waitForSelector('li.finding[data-code="R004"]');
    await waitChecked(page);
    assert.match(await page.textContent('li.finding[data-code="R004"] .msg'), /^未识别到预算公开表格/);
    assert.match(await page.textContent('[data-testid="not-checked"]'), /未识别到预算公开表格/);

    // Empty text: the empty state, no findings, exports disabled.
    await page.fill(INPUT, "");
    await page.waitForSelector('[data-testid="empty"]');
    await waitChecked(page);
    assert.match(await page.textContent('[data-testid="empty"]'), /^尚无文本/);
    assert.equal(await page.locator("li.finding").count(), 0);
    assert.equal(await page.isDisabled('[data-testid="export-json"]'), true);

    // The worker's files really came from the local server, and nothing else was asked for.
    for (const file of [/\/boot\.js$/, /\/worker\.js$/, /\/budget-lint-web-\w+\.js$/, /\/budget-lint-web-\w+_bg\.wasm$/]) {
      assert.ok(app.server.requests.some((r) => file.test(r.url)), `${file} not served locally`);
    }
    assert.ok(requests.length >= 6, "requests were recorded");
    assert.deepEqual(foreign, [], "requests to other origins");
    assert.deepEqual(errors, [], "page or console errors");
  } finally {
    await context.close();
  }
});

test("English switch and back; nothing is stored", { timeout: 60_000 }, async (t) => {
  const doc = referenceDocs().find((d) => d.file.startsWith("001_"));
  if (!doc) return t.skip("001 not present");
  const expected = cliReport(doc.path);
  const { page, context, foreign, errors } = await openPage(app, `?example=${doc.file}`);
  try {
    await waitChecked(page);
    await page.waitForSelector("li.finding");
    await page.click('[data-testid="lang"]');
    await page.waitForFunction(() => document.documentElement.lang === "en");
    assert.match(await page.textContent("h1"), /Budget disclosure check/);
    assert.match(await page.textContent("#tab-tables"), /How the tables were read/);
    assert.match(await page.textContent('[data-testid="open-file"]'), /Open file/);
    assert.match(await page.textContent("button.filter[data-severity=rounding]"), /Rounding/);
    const entries = await page.$$eval("li.finding", (els) =>
      els.sort((a, b) => a.dataset.finding - b.dataset.finding).map((e) => e.querySelector(".msg").textContent),
    );
    assert.deepEqual(entries, expected.diagnostics.map((d) => d.message_en || d.message));
    await screenshot(page, "smoke-english");
    await page.click('[data-testid="lang"]');
    await page.waitForFunction(() => document.documentElement.lang === "zh-CN");
    assert.match(await page.textContent("h1"), /预算公开校验/);
    const stored = await page.evaluate(() => localStorage.length + sessionStorage.length + document.cookie.length);
    assert.equal(stored, 0, "nothing stored");
    assert.deepEqual(foreign, []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
