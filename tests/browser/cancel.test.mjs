// A check overtaken or taking long: a new paste during a long check gets its own result promptly
// (the obsolete check's worker is ended and a new one started, crates/web/src/app/client.rs), and
// a long check says so and stops on request, the page keeping what it showed. The long check is
// of 5 MB, which folds the text box away: the new text is pasted on the page itself.
import assert from "node:assert/strict";
import { test } from "node:test";
import { appForThisFile, openPage, paste, referenceDocs, repeatedReferences, screenshot, waitChecked } from "./harness.mjs";
import { dropText, status, waitStatus } from "./drop.mjs";

const app = appForThisFile();
const dataset = (page) => page.$eval('[data-testid="status"]', (s) => ({ ...s.dataset }));
const waitData = (page, key, value, timeout = 60_000) =>
  page.waitForFunction(([k, v]) => document.querySelector('[data-testid="status"]')?.dataset[k] === v, [key, value], {
    timeout,
    polling: 25,
  });

/** Pastes `text` with Ctrl+V on the page itself (not into a field), as when the text box is folded away. */
async function pasteOnPage(page, text) {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.evaluate(() => document.activeElement?.blur());
  await page.keyboard.press("Control+V");
}

/** Counts the checker workers the page starts (www/worker.js), from before the page's own script runs. */
const countWorkers = (context) =>
  context.addInitScript(() => {
    const Original = window.Worker;
    window.__checkers = 0;
    window.Worker = function (url, options) {
      if (/worker\.js/.test(String(url))) window.__checkers++;
      return new Original(url, options);
    };
    window.Worker.prototype = Original.prototype;
  });

test("a new paste during a long check gets its own result within the time of its own check", { timeout: 180_000 }, async (t) => {
  const big = repeatedReferences(5 << 20);
  const small = referenceDocs()[0]?.text;
  if (!small) return t.skip("no reference documents");
  const { page, context, errors } = await openPage(app, "?example=none", { onContext: countWorkers });
  try {
    // The long check's own length, for comparison: 5 MB checked to the end.
    await waitData(page, "checking", "false");
    let t0 = Date.now();
    await dropText(page, "5mb.txt", big);
    await waitData(page, "checking", "true");
    await waitChecked(page, 120_000);
    const bigMs = Date.now() - t0;
    const bigCheck = Number((await dataset(page)).checkMs);

    // Again, and this time a short document is pasted while the 5 MB check runs.
    await dropText(page, "5mb-again.txt", big + "\n");
    await waitData(page, "checking", "true");
    await page.waitForTimeout(500);
    // The 5 MB text folded the text box away: the paste goes to the page, as the notice says.
    const workersBefore = await page.evaluate(() => window.__checkers);
    t0 = Date.now();
    await pasteOnPage(page, small);
    await waitChecked(page, 120_000);
    const smallMs = Date.now() - t0;
    const smallCheck = Number((await dataset(page)).checkMs);
    t.diagnostic(
      `5 MB alone: ${bigMs} ms to its result (check ${bigCheck.toFixed(0)} ms in the worker); ` +
        `a short paste during it: ${smallMs} ms to its own result (check ${smallCheck.toFixed(0)} ms)`,
    );
    // Its own result: the marked text is the short document, and findings are listed.
    assert.equal(await page.evaluate(() => document.querySelector("#source").textContent.length), small.length);
    assert.ok((await page.locator("li.finding").count()) > 0);
    // The obsolete check was abandoned: a new checker worker answered.
    assert.equal(await page.evaluate(() => window.__checkers), workersBefore + 1);
    // Promptly: well before the long check could have ended, within its own check and a worker's start.
    assert.ok(smallMs < bigCheck / 2, `${smallMs} ms for the short text; the long check takes ${bigCheck} ms`);
    assert.ok(smallMs < smallCheck + 3_000, `${smallMs} ms for a check of ${smallCheck} ms`);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("a long check says so and stops on request; the page keeps what it showed", { timeout: 120_000 }, async (t) => {
  // 15 MB (under the 16 MiB limit): its check runs several times LONG_CHECK_MS (2 s) even on a fast
  // machine, so the stop button is still there when it is clicked. With 5 MB the check (2.3 s on
  // CI) could end between the notice and the click.
  const big = repeatedReferences(15 << 20);
  const small = referenceDocs()[0]?.text;
  if (!small) return t.skip("no reference documents");
  const { page, context, errors } = await openPage(app, "?example=none");
  try {
    await waitData(page, "checking", "false");
    await paste(page, small);
    await waitChecked(page);
    const findings = await page.locator("li.finding").count();
    await dropText(page, "5mb.txt", big);
    await waitData(page, "slow", "true", 30_000);
    assert.match(await status(page), /检查用时较长/);
    await screenshot(page, "check-slow");
    await page.click('[data-testid="stop-check"]');
    await waitStatus(page, /已停止检查；下方仍是上一次检查的文字和结果/);
    assert.equal((await dataset(page)).checking, "false");
    assert.equal(await page.locator('[data-testid="stop-check"]').count(), 0);
    // The earlier result is still shown, and nothing replaces it afterwards.
    await page.waitForTimeout(1_500);
    assert.equal(await page.evaluate(() => document.querySelector("#source").textContent.length), small.length);
    assert.equal(await page.locator("li.finding").count(), findings);
    assert.match(await status(page), /已停止检查/);
    // English too.
    await page.click('[data-testid="lang"]');
    assert.match(await status(page), /Check stopped/);
    // A new text is checked by a new worker (pasted on the page, as above).
    await pasteOnPage(page, small + "\n");
    await waitChecked(page);
    assert.equal(await page.evaluate(() => document.querySelector("#source").textContent.length), small.length + 1);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
