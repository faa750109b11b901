// A 5 MB text: the check runs in the worker, so the page keeps answering input while it runs.
// Measured in the page: from each keypress in another field to the frame that shows it, and the
// longest pause of the main thread (timer ticks every 10 ms) while the worker checks. Then the
// result is awaited for a while and its timings recorded (check in the worker, message, render).
//
// The 5 MB text arrives as a dropped file: a paste is handed to the worker as it is announced,
// while the browser is still putting it into the text box (seconds for 5 MB, the main thread
// busy with the browser's own work), so little of its check would be left to type through. A
// dropped file is checked at once too, but its text goes into a text box folded away first.
import assert from "node:assert/strict";
import { test } from "node:test";
import { openPage, paste, repeatedReferences, appForThisFile, waitChecked } from "./harness.mjs";
import { dropText } from "./drop.mjs";

const app = appForThisFile();

const status = '[data-testid="status"]';
const isChecking = (page) => page.getAttribute(status, "data-checking").then((v) => v === "true");

/** Installs a field to type into and the recorders of keypress-to-paint delays and pauses. */
async function instrument(page) {
  await page.evaluate(() => {
    // Another field to type into: an editable region, not an <input>. (Chromium's autofill reads
    // the value of every text field of the page whenever one changes: with 5 MB in the text box
    // that costs it about 50 ms per keypress in any <input>, a cost of the browser, not the page.)
    const probe = document.createElement("div");
    probe.contentEditable = "true";
    probe.id = "probe";
    probe.setAttribute("aria-label", "probe");
    document.body.append(probe);
    const s = document.querySelector('[data-testid="status"]');
    window.__keys = [];
    probe.addEventListener("keydown", (e) => {
      const checking = s.dataset.checking === "true";
      requestAnimationFrame(() =>
        setTimeout(() => window.__keys.push({ at: e.timeStamp, delay: performance.now() - e.timeStamp, checking }), 0),
      );
    });
    window.__ticks = [];
    setInterval(() => window.__ticks.push([performance.now(), s.dataset.checking === "true"]), 10);
  });
}

/**
 * Longest gap between two timer ticks that both saw a check running: over the whole check, and
 * while the keys were typed (the browser's own work on the just-pasted 5 MB text box, such as
 * dropping its layout and the change event of its losing the focus, comes before).
 */
const longestPause = (page) =>
  page.evaluate(() => {
    const ticks = window.__ticks;
    const keys = window.__keys;
    const [from, to] = keys.length ? [keys[0].at - 50, keys[keys.length - 1].at + 150] : [0, 0];
    let all = 0;
    let typing = 0;
    for (let i = 1; i < ticks.length; i++) {
      if (!(ticks[i - 1][1] && ticks[i][1])) continue;
      const gap = ticks[i][0] - ticks[i - 1][0];
      all = Math.max(all, gap);
      if (ticks[i][0] >= from && ticks[i - 1][0] <= to) typing = Math.max(typing, gap);
    }
    return { all: Math.round(all), typing: Math.round(typing) };
  });

test("5 MB dropped: the page answers input while the worker checks", { timeout: 120_000 }, async (t) => {
  const text = repeatedReferences(5 << 20);
  if (!text) return t.skip("no reference documents");
  const { page, context, foreign, errors } = await openPage(app, "?example=none");
  try {
    await page.waitForFunction(() => document.querySelector('[data-testid="status"]')?.dataset.checking === "false");
    await instrument(page);

    const t0 = Date.now();
    await dropText(page, "5mb.txt", text);
    // The file is read, put in the (folded) text box and sent to the worker.
    await page.waitForFunction(() => document.querySelector('[data-testid="status"]').dataset.checking === "true", null, {
      polling: 50,
      timeout: 60_000,
    });
    const tCheck = Date.now();
    const pasteMs = tCheck - t0;
    assert.equal(await page.evaluate(() => document.querySelector("#input").value.length), text.length);

    // Type into another field while the worker checks.
    await page.focus("#probe");
    for (let k = 0; k < 12; k++) {
      await page.keyboard.press("x");
      await page.waitForTimeout(150);
    }
    assert.equal(await page.textContent("#probe"), "x".repeat(12));
    const keys = await page.evaluate(() => window.__keys);
    const during = keys.filter((k) => k.checking).map((k) => Math.round(k.delay));
    const pause = await longestPause(page);
    t.diagnostic(
      `5 MB (${text.length} chars): drop to check sent ${pasteMs} ms; keypress to paint while checking: ${during.join(", ")} ms; ` +
        `longest main-thread pause while checking ${pause.all} ms, while typing ${pause.typing} ms`,
    );
    assert.ok(during.length >= 8, `only ${during.length} keys were typed while the check ran`);
    assert.ok(Math.max(...during) < 150, `a keypress took ${Math.max(...during)} ms to show while checking`);
    assert.ok(pause.typing < 250, `the main thread paused ${pause.typing} ms while keys were typed`);

    // The result, if the core checks 5 MB in reasonable time (its speed is benches/read.rs's
    // business; this suite waits at most 20 s more, then records that it was still checking).
    const deadline = Date.now() + 20_000;
    while ((await isChecking(page)) && Date.now() < deadline) await page.waitForTimeout(250);
    if (await isChecking(page)) {
      t.diagnostic(`the worker was still checking 5 MB ${Math.round((Date.now() - tCheck) / 1000)} s after the request`);
    } else {
      const shownMs = Date.now() - tCheck;
      await page.waitForFunction(() => document.querySelector('[data-testid="status"]').dataset.renderMs !== "", null, {
        polling: 100,
      });
      const timing = await page.$eval(status, (s) => ({
        check: Number(s.dataset.checkMs),
        transfer: Number(s.dataset.transferMs),
        render: Number(s.dataset.renderMs),
      }));
      const findings = await page.locator("li.finding").count();
      const marks = await page.locator("#source mark").count();
      t.diagnostic(
        `5 MB result: check ${timing.check.toFixed(0)} ms in the worker, view and message ${timing.transfer.toFixed(0)} ms, ` +
          `render ${timing.render.toFixed(0)} ms; request to result shown ${shownMs} ms; ${findings} findings, ${marks} marks`,
      );
      assert.ok(findings > 0 && marks > 0);
      // Still answers input with the result on the page.
      await page.evaluate(() => (window.__keys = []));
      await page.focus("#probe");
      for (let k = 0; k < 4; k++) {
        await page.keyboard.press("y");
        await page.waitForTimeout(100);
      }
      const after = (await page.evaluate(() => window.__keys)).map((k) => Math.round(k.delay));
      assert.ok((await page.textContent("#probe")).endsWith("yyyy"));
      t.diagnostic(`keypress to paint with the 5 MB result shown: ${after.join(", ")} ms`);
      assert.ok(Math.max(...after) < 500, `a keypress took ${Math.max(...after)} ms with the result shown`);
    }
    assert.deepEqual(foreign, []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("1 MB pasted: the result is shown within 30 s", { timeout: 60_000 }, async (t) => {
  const text = repeatedReferences(1 << 20);
  if (!text) return t.skip("no reference documents");
  const { page, context, errors } = await openPage(app, "?example=none");
  try {
    await waitChecked(page);
    const t0 = Date.now();
    await paste(page, text);
    // The check starts with the paste (often it has ended by the time the text box holds the
    // text): the findings appear in a box that had none.
    await page.waitForFunction(
      () => {
        const s = document.querySelector('[data-testid="status"]');
        return s.dataset.checking === "false" && s.dataset.renderMs !== "" && document.querySelector("li.finding") !== null;
      },
      null,
      { timeout: 30_000, polling: 100 },
    );
    const timing = await page.$eval(status, (s) => ({ ...s.dataset }));
    t.diagnostic(
      `1 MB: check ${timing.checkMs} ms, view and message ${timing.transferMs} ms, render ${timing.renderMs} ms; ` +
        `Ctrl+V to result shown ${Date.now() - t0} ms`,
    );
    assert.equal(await page.evaluate(() => document.querySelector("#input").value.length), text.length);
    assert.ok(await page.evaluate(() => document.querySelector("#source").textContent.length) === text.length);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
