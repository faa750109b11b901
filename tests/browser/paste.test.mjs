// A paste is checked at once; only typing waits for a pause (issue 11).
//
// What is asserted is when the page hands the text to its checker worker, not how long anything
// takes: every `postMessage` to a worker is recorded with the event being dispatched at that moment
// (capture listeners on window note the start of each `paste`, `input` and `keydown`, bubbling
// listeners on window their end; the app's own listeners run in between). A paste must be sent
// from within its own `paste` or `input` event — a debounce, however short, sends from a timer
// afterwards — and sent once. A keystroke must not be sent from within its events (typing is
// debounced), and is sent afterwards.
import assert from "node:assert/strict";
import { test } from "node:test";
import { appForThisFile, openPage, paste, readMarks, referenceDocs, waitChecked } from "./harness.mjs";

const app = appForThisFile();

/** Records every message the page posts to a worker, with the event being dispatched meanwhile. */
async function recordPosts(page) {
  await page.evaluate(() => {
    window.__posts = [];
    let during = null;
    for (const type of ["paste", "input", "keydown"]) {
      window.addEventListener(type, (e) => (during = `${type}${e.inputType ? `:${e.inputType}` : ""}`), true);
      window.addEventListener(type, () => (during = null), false);
    }
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (message, ...rest) {
      const text = message && typeof message.text === "string" ? message.text : null;
      window.__posts.push({ during, text });
      return post.call(this, message, ...rest);
    };
  });
}

const posts = (page) => page.evaluate(() => window.__posts);
const clearPosts = (page) => page.evaluate(() => (window.__posts = []));

/** The text the page shows as checked (the source view holds exactly the checked text). */
const shownText = (page) => page.evaluate(() => document.querySelector("#source")?.textContent ?? null);

/** Waits until the page shows the check of exactly `text`. */
async function waitShown(page, text) {
  await page.waitForFunction((t) => document.querySelector("#source")?.textContent === t, text, {
    timeout: 30_000,
    polling: 50,
  });
  await waitChecked(page);
}

test("a pasted document is sent to the checker during the paste itself, once, and marked", { timeout: 60_000 }, async (t) => {
  const doc = referenceDocs()[0];
  if (!doc) return t.skip("no reference documents");
  const { page, context, errors } = await openPage(app, "?example=none");
  try {
    await waitChecked(page);
    await recordPosts(page);
    await paste(page, doc.text);
    await waitShown(page, doc.text);
    const sent = (await posts(page)).filter((p) => p.text !== null);
    assert.equal(sent.length, 1, `one request, not ${sent.length}: ${JSON.stringify(sent.map((p) => p.during))}`);
    assert.equal(sent[0].text, doc.text, "the request carries the pasted text");
    assert.ok(
      sent[0].during === "paste" || sent[0].during === "input:insertFromPaste",
      `sent during ${sent[0].during ?? "no event (a timer: the paste waited for a debounce)"}`,
    );
    t.diagnostic(`the pasted text was sent during ${sent[0].during}`);
    assert.equal(await shownText(page), doc.text);
    assert.ok((await readMarks(page)).length > 0, "the findings are marked");

    // Typing is still debounced: a keystroke is not sent from its own events, but afterwards.
    await clearPosts(page);
    await page.focus('[data-testid="input"]');
    await page.keyboard.press("End");
    await page.keyboard.type("x");
    await page.waitForFunction(
      () => window.__posts.some((p) => p.text !== null) && document.querySelector('[data-testid="status"]').dataset.checking === "false",
      null,
      { polling: 50 },
    );
    const typed = (await posts(page)).filter((p) => p.text !== null);
    assert.equal(typed.length, 1);
    assert.equal(typed[0].during, null, `a keystroke was sent during its ${typed[0].during} event`);
    assert.equal(typed[0].text, await page.inputValue('[data-testid="input"]'));
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("a paste into the middle of a text, with CR LF line breaks, is sent as the text box then holds it", { timeout: 60_000 }, async () => {
  const { page, context, errors } = await openPage(app, "?example=none");
  try {
    await waitChecked(page);
    const before = "本单位2025年预算收入100万元。\n支出100万元。\n";
    await page.fill('[data-testid="input"]', before);
    await waitShown(page, before);
    await recordPosts(page);
    // The clipboard holds Windows line breaks; the text box's value has only "\n".
    const clip = "其中：\r\n一般公共预算拨款收入80万元，\r\n其他收入20万元。\r";
    await page.evaluate((t) => navigator.clipboard.writeText(t), clip);
    await page.focus('[data-testid="input"]');
    // Replace "支出" (a selection inside the text).
    const at = before.indexOf("支出");
    await page.evaluate(([s, e]) => document.querySelector('[data-testid="input"]').setSelectionRange(s, e), [at, at + 2]);
    await page.keyboard.press("Control+V");
    const value = await page.inputValue('[data-testid="input"]');
    assert.ok(value.includes("其中：\n一般公共预算拨款收入80万元，\n其他收入20万元。\n100万元。"), JSON.stringify(value));
    await waitShown(page, value);
    const sent = (await posts(page)).filter((p) => p.text !== null);
    // Foreseen right, it is sent once, during the paste; foreseen wrong, it would be sent again.
    assert.deepEqual(
      sent.map((p) => p.text),
      [value],
      `sent: ${JSON.stringify(sent)}`,
    );
    assert.equal(await shownText(page), value);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
