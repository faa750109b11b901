// The app in a real Chromium 80 (80.0.3987.0), the engine of many office browsers: served from a
// sub-path it starts, checks the three reference examples exactly as the CLI does, its JavaScript
// module API works, and under a Content-Security-Policy it either runs or says why it cannot.
//
// The browser is chrome-aws-lambda@2.1.1's headless Chromium 80 driven by puppeteer-core@2.1.1
// (tests/browser/old-chromium.mjs); the other browser tests use Debian's current Chromium.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { cliReport, distDir, referenceDocs, screenshotDir, sharedDir } from "./harness.mjs";
import { chromium80Path, launchChromium80 } from "./old-chromium.mjs";
import { dataTransferOf, encoded } from "./drop.mjs";
import { drafts } from "./ooxml.mjs";
import { startServer } from "./server.mjs";

const PREFIX = "/tools/budget-lint/";
// What a site would send for the app in a current browser: WebAssembly allowed by 'wasm-unsafe-eval'
// (Chromium 95+), which Chromium 80 does not know.
const CSP_WASM =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; " +
  "connect-src 'self'; worker-src 'self'";
const CSP_EVAL = CSP_WASM.replace("'wasm-unsafe-eval'", "'unsafe-eval'");

// Nothing but the loopback servers is reachable.
const BLOCK_OTHER_HOSTS = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1";

// Skip the whole file only if the Chromium 80 binary cannot be had.
let skip = false;
try {
  chromium80Path();
} catch (err) {
  skip = `no Chromium 80: ${err.message}`;
}

const docs = referenceDocs();
const expected = new Map();
let browser;
let plain;
let cspWasm;
let cspEval;

before(async () => {
  if (skip) return;
  if (!fs.existsSync(path.join(distDir, "index.html"))) {
    throw new Error(`${distDir}/index.html not found: run \`trunk build --release\` first`);
  }
  for (const doc of docs) expected.set(doc.file, cliReport(doc.path));
  [plain, cspWasm, cspEval] = await Promise.all([
    startServer({ root: distDir, prefix: PREFIX }),
    startServer({ root: distDir, prefix: PREFIX, headers: { "Content-Security-Policy": CSP_WASM } }),
    startServer({ root: distDir, prefix: PREFIX, headers: { "Content-Security-Policy": CSP_EVAL } }),
  ]);
  browser = await launchChromium80({ args: [BLOCK_OTHER_HOSTS] });
});

after(async () => {
  await browser?.close();
  await Promise.all([plain, cspWasm, cspEval].map((s) => s?.close()));
});

/**
 * A new page that lists requests to other origins (the browser resolves no other host name:
 * BLOCK_OTHER_HOSTS), page errors and console errors. Not puppeteer's request interception: in
 * this single-process Chromium 80 it holds the worker's requests forever.
 */
async function open(server, pathAndQuery, { viewport = { width: 1280, height: 800 } } = {}) {
  const page = await browser.newPage();
  await page.setViewport(viewport);
  const foreign = [];
  const errors = [];
  const console_ = [];
  page.on("request", (req) => {
    const url = req.url();
    if (!url.startsWith("data:") && !url.startsWith("blob:") && new URL(url).origin !== server.origin) {
      foreign.push(url);
    }
  });
  page.on("pageerror", (err) => errors.push(`pageerror: ${err.message}`));
  page.on("error", (err) => errors.push(`crash: ${err.message}`));
  page.on("console", (msg) => {
    console_.push(`${msg.type()}: ${msg.text()}`);
    if (msg.type() === "error") errors.push(`console: ${msg.text()}`);
  });
  const t0 = Date.now();
  await page.goto(server.url + pathAndQuery, { waitUntil: "load", timeout: 30_000 });
  return { page, foreign, errors, console: console_, t0 };
}

/**
 * Waits until the app started (boot notice gone, h1 shown); returns ms since `t0`. Fails at once,
 * with what the page said, if a page error was recorded or the boot notice reports a failure.
 */
async function waitStarted(opened, timeout = 20_000) {
  const { page, errors, t0 } = opened;
  for (;;) {
    const state = await page.evaluate(() => {
      const boot = document.getElementById("boot");
      const h1 = document.querySelector("h1");
      return {
        started: !boot && !!h1 && h1.offsetHeight > 0,
        boot: boot ? `${boot.className}: ${boot.innerText}` : null,
        failed: !!boot && /boot-(failed|unsupported)/.test(boot.className),
      };
    });
    if (state.started) return Date.now() - t0;
    if (state.failed || errors.length > 0 || Date.now() - t0 > timeout) {
      throw new Error(
        `the app did not start in Chromium 80 (${Date.now() - t0} ms)\n` +
          `boot notice: ${JSON.stringify(state.boot)}\nerrors: ${JSON.stringify(errors, null, 1)}`,
      );
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Waits until the page checked the whole of `text` (no check running); returns ms since `t0`. */
async function waitCheckedText(page, text, t0) {
  await page.waitForFunction(
    (n) => {
      const input = document.querySelector('[data-testid="input"]');
      const s = document.querySelector('[data-testid="status"]');
      return input && input.value.length === n && s && s.dataset.checking === "false" && s.dataset.checkMs !== "";
    },
    { timeout: 30_000, polling: 50 },
    text.length,
  );
  return Date.now() - t0;
}

const findings = (page) =>
  page.$$eval("li.finding", (els) =>
    els.map((el) => ({ finding: Number(el.dataset.finding), code: el.dataset.code, severity: el.dataset.severity })),
  );

const summary = (diags) => diags.map((d) => `${d.code}/${d.severity}`);

test("the reference documents are present", { skip }, () => {
  assert.equal(docs.length, 3, "../shared/corpus must hold the three reference documents");
});

for (const doc of docs) {
  const short = doc.file.slice(0, 3);
  test(`Chromium 80, served under ${PREFIX}: ?example=${short} checked as the CLI reports it`, { skip, timeout: 40_000 }, async (t) => {
    const opened = await open(plain, `?example=${doc.file}`);
    const { page, foreign, errors, t0 } = opened;
    try {
      const ua = await page.evaluate(() => navigator.userAgent);
      assert.ok(ua.includes("Chrome/80."), ua);
      const startedMs = await waitStarted(opened);
      const checkedMs = await waitCheckedText(page, doc.text, t0);
      const checkMs = await page.$eval('[data-testid="status"]', (s) => s.dataset.checkMs);
      t.diagnostic(`${short}: started ${startedMs} ms after navigation, checked ${checkedMs} ms (the page's check: ${checkMs} ms)`);

      assert.equal(await page.$eval('[data-testid="input"]', (el) => el.value), doc.text);
      assert.equal(await page.$eval("#source", (el) => el.textContent), doc.text);
      const diags = expected.get(doc.file).diagnostics;
      // One entry per finding of the CLI's report (entries name it by its index, data-finding; the
      // list shows them in the app's own order), with its code and severity.
      const shown = await findings(page);
      assert.deepEqual(
        shown.map((f) => f.finding).sort((a, b) => a - b),
        diags.map((_, i) => i),
        "each finding of the CLI's report listed once",
      );
      for (const f of shown) assert.equal(`${f.code}/${f.severity}`, summary([diags[f.finding]])[0], `finding ${f.finding}`);
      const byIndex = [...shown].sort((a, b) => a.finding - b.finding);
      assert.deepEqual(summary(byIndex), summary(diags));
      // Every finding's figure is marked.
      const marked = await page.$$eval('#source mark[data-role="primary"]', (els) => new Set(els.map((m) => m.dataset.finding)).size);
      const withSpan = diags.filter((d) => d.labels.some((l) => l.primary && l.end > l.start)).length;
      assert.equal(marked, withSpan, "findings with a marked figure");

      if (short === "001") {
        // The findings panel beside the text, not under it, in a 1280 × 800 window.
        const layout = await page.evaluate(() => {
          const box = (sel) => {
            const el = document.querySelector(sel);
            if (!el) return null;
            const r = el.getBoundingClientRect();
            return { left: r.left, right: r.right, top: r.top, width: r.width, height: r.height };
          };
          return { source: box("#source"), finding: box("li.finding"), width: document.documentElement.scrollWidth };
        });
        t.diagnostic(`001 layout: ${JSON.stringify(layout)}`);
        // Flexbox `gap` is Chromium 84+: in 80 the toolbar's buttons touch. Reported, not failed.
        const buttonGap = await page.$$eval(".actions button", (els) => {
          const shown = els.filter((el) => el.offsetWidth > 0);
          return shown.length < 2 ? null : shown[1].getBoundingClientRect().left - shown[0].getBoundingClientRect().right;
        });
        t.diagnostic(`space between the first two toolbar buttons (.actions, flex gap .4rem = 6.4 px): ${buttonGap} px`);
        assert.ok(layout.finding.left >= layout.source.right - 1, "findings to the right of the text");
        assert.ok(layout.width <= 1280, "no horizontal scrolling");
        // The first finding selected (F8, Enter), as the reference screenshots of the other tests.
        await page.keyboard.press("F8");
        await page.keyboard.press("Enter");
        await new Promise((r) => setTimeout(r, 500));
        fs.mkdirSync(screenshotDir, { recursive: true });
        await page.screenshot({ path: path.join(screenshotDir, "chromium80-001.png") });
      }
      assert.deepEqual(foreign, [], "requests to other origins");
      assert.deepEqual(errors, [], "page or console errors");
    } finally {
      await page.close();
    }
  });
}

test("Chromium 80: the JavaScript module API (import budget-lint.mjs, check(text)) gives the CLI's report", { skip, timeout: 30_000 }, async (t) => {
  const doc = docs.find((d) => d.file.startsWith("001_")) ?? docs[0];
  const { page, foreign, errors } = await open(plain, "embed/module.html");
  try {
    const t0 = Date.now();
    const report = await page.evaluate(
      async (url, text) => {
        const mod = await import(url);
        const r = await mod.check(text);
        return { diagnostics: r.diagnostics.map((d) => ({ code: d.code, severity: d.severity })), summary: r.summary };
      },
      `${plain.url}budget-lint.mjs`,
      doc.text,
    );
    t.diagnostic(`module check of ${doc.file.slice(0, 3)}: ${Date.now() - t0} ms (import, worker start, check)`);
    const cli = expected.get(doc.file);
    assert.deepEqual(summary(report.diagnostics), summary(cli.diagnostics));
    assert.deepEqual(report.summary, cli.summary);
    assert.ok(plain.requests.some((r) => r.url === `${PREFIX}worker.js`), "worker.js served from the sub-path");
    assert.deepEqual(foreign, []);
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});

test("Chromium 80 with CSP script-src 'wasm-unsafe-eval': WebAssembly refused, the boot failure notice is shown", { skip, timeout: 30_000 }, async (t) => {
  const { page, foreign, errors, console: log, t0 } = await open(cspWasm, "?example=none");
  try {
    // Not waitForSelector: if boot.js itself throws, the notice never comes; fail with the errors.
    for (;;) {
      if (await page.$("#boot.boot-failed")) break;
      if (errors.some((e) => e.startsWith("pageerror")) || Date.now() - t0 > 20_000) {
        const boot = await page.$eval("#boot", (el) => `${el.className}: ${el.innerText}`).catch(() => null);
        throw new Error(`no boot failure notice; #boot: ${JSON.stringify(boot)}\nerrors: ${JSON.stringify(errors, null, 1)}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    const notice = await page.$eval("#boot", (el) => el.innerText);
    t.diagnostic(`boot notice: ${JSON.stringify(notice)}`);
    t.diagnostic(`console: ${JSON.stringify(log)}`);
    t.diagnostic(`errors: ${JSON.stringify(errors)}`);
    assert.match(notice, /预算公开校验未能启动/);
    assert.match(notice, /budget-lint could not start/);
    // Observed: "原因 reason: WebAssembly.instantiateStreaming(): Wasm code generation disallowed by embedder".
    assert.match(await page.$eval("#boot .boot-detail", (el) => el.textContent), /^原因 reason: .*Wasm code generation disallowed/);
    // The app did not start: no title, no checker.
    assert.equal(await page.$("h1"), null);
    assert.deepEqual(foreign, []);
  } finally {
    await page.close();
  }
});

test("Chromium 80 with CSP script-src 'unsafe-eval': the app starts and checks", { skip, timeout: 30_000 }, async (t) => {
  const doc = docs.find((d) => d.file.startsWith("001_")) ?? docs[0];
  const opened = await open(cspEval, `?example=${doc.file}`);
  const { page, foreign, errors, t0 } = opened;
  try {
    const startedMs = await waitStarted(opened);
    const checkedMs = await waitCheckedText(page, doc.text, t0);
    t.diagnostic(`started ${startedMs} ms, checked ${checkedMs} ms`);
    const byIndex = (await findings(page)).sort((a, b) => a.finding - b.finding);
    assert.deepEqual(summary(byIndex), summary(expected.get(doc.file).diagnostics));
    assert.deepEqual(foreign, []);
    assert.deepEqual(errors, [], "page or console errors (CSP violations among them)");
  } finally {
    await page.close();
  }
});

test("Chromium 80, an 800 px wide window: the findings panel goes under the text (the narrow layout)", { skip, timeout: 30_000 }, async (t) => {
  const doc = docs.find((d) => d.file.startsWith("001_")) ?? docs[0];
  const opened = await open(plain, `?example=${doc.file}`, { viewport: { width: 800, height: 900 } });
  const { page, errors } = opened;
  try {
    await waitStarted(opened);
    await waitCheckedText(page, doc.text, opened.t0);
    const layout = await page.evaluate(() => {
      const r = (sel) => document.querySelector(sel).getBoundingClientRect();
      return {
        sourceRight: r("#source").right,
        sourceBottom: r("#source").bottom,
        findingLeft: r("li.finding").left,
        findingTop: r("li.finding").top,
        // www/style.css has `@media (max-width: 900px)`; the release build's CSS minifier may write it
        // in the range syntax `(width<=900px)`, which Chromium before 104 does not understand.
        media: [...document.styleSheets].flatMap((sh) => [...sh.cssRules]).filter((r) => r.media).map((r) => r.media.mediaText),
        scrollWidth: document.documentElement.scrollWidth,
      };
    });
    t.diagnostic(`800 px layout: ${JSON.stringify(layout)}`);
    assert.ok(
      layout.findingLeft < layout.sourceRight,
      `findings beside the text (left ${layout.findingLeft} ≥ text's right ${layout.sourceRight}), not under it; media rules as Chromium 80 reads them: ${JSON.stringify(layout.media)}`,
    );
    assert.ok(layout.scrollWidth <= 800, "no horizontal scrolling");
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});

test("Chromium 80: a finding's entry and its related figures are laid out in rows (grid in <button>)", { skip, timeout: 30_000 }, async (t) => {
  const doc = docs.find((d) => d.file.startsWith("001_")) ?? docs[0];
  const opened = await open(plain, `?example=${doc.file}`);
  const { page, errors } = opened;
  try {
    await waitStarted(opened);
    await waitCheckedText(page, doc.text, opened.t0);
    await page.keyboard.press("F8");
    await page.keyboard.press("Enter");
    await page.waitForSelector(".label-link .n", { timeout: 10_000 });
    // A grid directly on a <button> is ignored before Chromium 83: the rows are grids in a span inside.
    const rows = await page.evaluate(() => {
      const top = (el) => (el ? Math.round(el.getBoundingClientRect().top) : null);
      const head = document.querySelector("li.finding .finding-head");
      const link = document.querySelector(".label-link .row") ?? document.querySelector(".label-link");
      return {
        headDisplay: getComputedStyle(head).display,
        headChildren: [...head.children].map((c) => `${c.className}@${top(c)}`),
        linkChildren: [...link.children].map((c) => `${c.className}@${top(c)}`),
        badgeWidth: Math.round(link.querySelector(".n").getBoundingClientRect().width),
      };
    });
    t.diagnostic(`entry layout: ${JSON.stringify(rows)}`);
    // One row: the tops differ by less than a line (the badge sits 0.1rem lower by design); stacked,
    // each would start a line (about 18 px) below the one before.
    const tops = rows.linkChildren.map((c) => Number(c.split("@")[1]));
    const spread = Math.max(...tops) - Math.min(...tops);
    assert.ok(spread < 8, `a related figure's badge, figure, text and line on one row: ${JSON.stringify(rows.linkChildren)}`);
    assert.ok(rows.badgeWidth < 40, `the related figure's number badge is ${rows.badgeWidth} px wide`);
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});

/** Drops these files ([{name, bytes}]) on the page, as a drag from the desktop does (DragEvents
 * carrying a DataTransfer: puppeteer 2.1.1 has no drag API). */
async function dropOn(page, files) {
  const dt = await page.evaluateHandle(dataTransferOf, encoded(files));
  await page.evaluate((dt) => {
    const target = document.querySelector(".doc-panel");
    for (const type of ["dragenter", "dragover", "drop"]) {
      target.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
    }
  }, dt);
}

const statusMatches = (page, re, timeout = 60_000) =>
  page.waitForFunction((src) => new RegExp(src).test(document.querySelector('[data-testid="status"]').textContent), { timeout, polling: 100 }, re.source);

test("Chromium 80: a dropped PDF is read in the reader worker, its pages and tables drawn; then an .xlsx + .docx pair", { skip, timeout: 120_000 }, async (t) => {
  const wide = path.join(sharedDir, "corpus", "wide");
  const file = fs.existsSync(wide) && fs.readdirSync(wide).find((f) => f.startsWith("102_") && f.endsWith(".pdf"));
  if (!file) return t.skip("wide/102 not present");
  const opened = await open(plain, "?example=none");
  const { page, foreign, errors } = opened;
  try {
    await waitStarted(opened);
    const t0 = Date.now();
    await dropOn(page, [{ name: file, bytes: fs.readFileSync(path.join(wide, file)) }]);
    await statusMatches(page, /已读取 102_/);
    await page.waitForSelector('#source mark[data-role="primary"]', { timeout: 30_000 });
    t.diagnostic(`${file}: dropped → marks drawn in ${Date.now() - t0} ms`);
    const text = await page.$eval('[data-testid="input"]', (el) => el.value);
    assert.ok(text.split("\f").length > 5, "pages separated by form feeds");
    const pages = await page.$$eval("#source .page-start", (bs) => bs.map((b) => Number(b.dataset.page)));
    assert.equal(pages[0], 1);
    assert.ok(pages.length > 5, `${pages.length} page marks`);
    assert.ok((await page.$$("#source table.tabs")).length > 0, "the pages' tables in aligned columns");
    const origins = await page.$$eval('li.finding [data-testid="origin"]', (els) => els.map((e) => e.textContent));
    assert.ok(origins.some((o) => /第 \d+ 页/.test(o)), origins.join(" | "));
    fs.mkdirSync(screenshotDir, { recursive: true });
    await page.screenshot({ path: path.join(screenshotDir, "chromium80-pdf.png") });

    // Staff drafts built from the laid-out text: the sheets drawn as grids, marks on their cells.
    const { xlsx, docx, sheets } = drafts(text);
    await dropOn(page, [
      { name: "预算表.xlsx", bytes: xlsx },
      { name: "预算说明.docx", bytes: docx },
    ]);
    await statusMatches(page, /已读取 预算表\.xlsx/);
    await page.waitForSelector('#source td[data-cell] mark[data-role="primary"]', { timeout: 30_000 });
    const grids = await page.$$eval("#source table.sheet:not(.tabs)", (ts) => new Set(ts.map((x) => x.dataset.sheet)).size);
    assert.equal(grids, sheets);
    await page.screenshot({ path: path.join(screenshotDir, "chromium80-drafts.png") });
    assert.deepEqual(foreign, [], "requests to other origins");
    assert.deepEqual(errors, [], "page or console errors");
  } finally {
    await page.close();
  }
});
