// Deploying the built folder elsewhere (README, "Deploying"): from a sub-path of a site under the
// strict Content-Security-Policy the README gives, offline; embedded in an iframe on a page of
// another origin and driven by postMessage; and as a JavaScript module, imported from the same
// origin and from another one.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { chromium } from "playwright-core";
import { chromiumArgs, chromiumPath, cliReport, distDir, referenceDocs, screenshot } from "./harness.mjs";
import { startServer } from "./server.mjs";

const PREFIX = "/tools/budget-lint/";
/** The policy of README "Deploying" (frame-ancestors names the host page's origin). */
const csp = (host) =>
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
  "img-src 'self' data: blob:; connect-src 'self'; worker-src 'self'; object-src 'none'; " +
  `base-uri 'none'; frame-ancestors 'self' ${host}`;

let browser;
let host; // another origin: a government site's page that embeds the checker
let checker; // the checker's folder, under a sub-path, with the policy
let corsChecker; // the same folder served with CORS, for a module imported from another origin
const servers = [];

before(async () => {
  browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
  host = await startServer({ root: distDir, prefix: "/site/" });
  checker = await startServer({ root: distDir, prefix: PREFIX, headers: { "content-security-policy": csp(host.origin) } });
  corsChecker = await startServer({ root: distDir, prefix: PREFIX, cors: true });
  servers.push(host, checker, corsChecker);
});

after(async () => {
  await browser?.close();
  for (const s of servers) await s.close();
});

/**
 * A page whose requests may go to the given servers only (everything else is aborted and listed:
 * an intranet without internet), recording page errors, console errors and CSP violations.
 */
async function open(url, allowed) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const origins = new Set(allowed.map((s) => s.origin));
  const requests = [];
  const foreign = [];
  await context.route("**/*", (route) => {
    const u = route.request().url();
    requests.push(u);
    if (u.startsWith("blob:") || u.startsWith("data:") || origins.has(new URL(u).origin)) return route.continue();
    foreign.push(u);
    return route.abort();
  });
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()}`);
  });
  await page.goto(url, { waitUntil: "load" });
  return { context, page, requests, foreign, errors };
}

const codes = (diagnostics) => diagnostics.map((d) => `${d.code} ${d.severity} ${d.labels[0]?.span?.start ?? ""}`);

test("from a sub-path, under a strict CSP, with no other origin: checks a reference document", async (t) => {
  const [doc] = referenceDocs().filter((d) => d.file.startsWith("001"));
  if (!doc) return t.skip("../shared/corpus not present");
  const { context, page, requests, foreign, errors } = await open(`${checker.url}?example=${doc.file}`, [checker]);
  try {
    await page.waitForSelector("li.finding");
    await page.waitForFunction(() => document.querySelector('[data-testid="status"]')?.dataset.checking === "false");
    assert.equal(await page.locator("#boot").count(), 0, "the start-up notice is gone");
    const shown = await page.$$eval("li.finding", (els) => els.map((e) => `${e.dataset.code} ${e.dataset.severity}`));
    // The panel groups the findings by family: the same findings, in another order.
    const expected = cliReport(doc.path).diagnostics.map((d) => `${d.code} ${d.severity}`);
    assert.deepEqual(shown.sort(), expected.sort());
    // Printing opens every entry at once: the rules' explanations come from rules.json, under the
    // sub-path too, fetched once for all of them.
    await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
    await page.waitForFunction(
      () => document.querySelectorAll("details.rule dl").length === document.querySelectorAll("li.finding").length,
    );
    const outside = requests.filter((u) => new URL(u).origin === checker.origin && !new URL(u).pathname.startsWith(PREFIX));
    assert.deepEqual(outside, [], "every request stays under the sub-path");
    assert.ok(requests.some((u) => u.endsWith("/worker.js")), "the worker came from the sub-path");
    assert.ok(requests.some((u) => u.endsWith("/rules.json")), "explanations came from the sub-path");
    assert.equal(requests.filter((u) => u.endsWith("/rules.json")).length, 1, "rules.json fetched once");
    assert.deepEqual(foreign, [], "requests to other origins");
    assert.deepEqual(await page.evaluate(() => window.__violations), [], "CSP violations");
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

/** The host example page (www/embed/index.html) on the host origin, embedding `server`'s checker. */
async function openHost(server) {
  const url = `${host.url}embed/index.html?checker=${encodeURIComponent(server.url)}`;
  const opened = await open(url, [host, server]);
  await opened.page.waitForSelector("body[data-ready=true]");
  return opened;
}

/**
 * Puts `text` in the host page's text area. The value is set directly rather than with `page.fill`,
 * which types a large text through the input pipeline and, on a loaded CI machine, ran past its
 * 30 s timeout on a 200 kB document; the host page reads the value only on submit.
 */
const setHostText = (page, text) =>
  page.$eval("#text", (el, t) => {
    el.value = t;
    el.dispatchEvent(new Event("input", { bubbles: true }));
  }, text);

async function sendFromHost(page, text) {
  await setHostText(page, text);
  await page.evaluate(() => {
    window.lastReport = undefined;
  });
  await page.click("#send");
}

test("embedded in an iframe on another origin: a reference document by postMessage, its report back", async (t) => {
  const [doc] = referenceDocs().filter((d) => d.file.startsWith("003"));
  if (!doc) return t.skip("../shared/corpus not present");
  const { context, page, foreign, errors } = await openHost(checker);
  try {
    await sendFromHost(page, doc.text);
    const answer = await page.waitForFunction(() => window.lastReport, null, { timeout: 30_000 }).then((h) => h.jsonValue());
    assert.equal(answer.type, "budget-lint:report");
    assert.equal(answer.id, 1);
    assert.deepEqual(codes(answer.report.diagnostics), codes(cliReport(doc.path).diagnostics));
    assert.equal(answer.report.schema, cliReport(doc.path).schema);
    // The text is shown in the compact checker with its findings marked.
    const frame = page.frameLocator("#checker");
    await frame.locator(".app.embed").waitFor();
    assert.equal(await frame.locator(".brand").isVisible(), false, "compact: no title block");
    await frame.locator("mark[data-code]").first().waitFor();
    assert.match(await page.textContent("#result"), /#1: \d+ 错误 errors/);
    await screenshot(page, "embed-host-003");
    assert.deepEqual(foreign, []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("embedded: a host whose origin is not listed gets no report; a listed one does", async (t) => {
  const [doc] = referenceDocs().filter((d) => d.file.startsWith("000"));
  if (!doc) return t.skip("../shared/corpus not present");
  const listing = (origins) => (file, body) =>
    file === "index.html"
      ? body.toString("utf8").replace(/(name=["']?budget-lint-embed-origins["']?[^>]*content=["']?)\*|(content=["']?)\*(["']?\s+name=["']?budget-lint-embed-origins)/, (m, a, b, c) => (a ? `${a}${origins}` : `${b}${origins}${c}`))
      : body;
  const closed = await startServer({ root: distDir, prefix: PREFIX, transform: listing("https://only.example.gov.cn") });
  const open_ = await startServer({ root: distDir, prefix: PREFIX, transform: listing(host.origin) });
  servers.push(closed, open_);
  {
    const index = await (await fetch(`${closed.url}index.html`)).text();
    assert.match(index, /only\.example\.gov\.cn/, "the test server rewrote the allowed origins");
  }
  for (const [server, allowed] of [[closed, false], [open_, true]]) {
    const { context, page } = await openHost(server);
    try {
      await sendFromHost(page, doc.text);
      // The checker shows a text it takes; a refused one never reaches it.
      const got = await page
        .waitForFunction(() => window.lastReport, null, { timeout: allowed ? 30_000 : 4_000 })
        .then((h) => h.jsonValue())
        .catch(() => null);
      if (allowed) {
        assert.equal(got?.type, "budget-lint:report");
        assert.deepEqual(codes(got.report.diagnostics), codes(cliReport(doc.path).diagnostics));
      } else {
        assert.equal(got, null, "a report went to an origin that is not allowed");
        const frame = page.frameLocator("#checker");
        assert.equal(await frame.locator("textarea").inputValue(), "", "the refused text was not taken");
      }
    } finally {
      await context.close();
    }
  }
});

test("JavaScript module: imported from its own origin and from another one, check(text) gives the report", async (t) => {
  const docs = referenceDocs();
  if (docs.length === 0) return t.skip("../shared/corpus not present");
  // Same origin (a page of the checker's site), under the strict policy.
  {
    const { context, page, errors } = await open(`${checker.url}embed/module.html`, [checker]);
    try {
      for (const doc of docs) {
        const report = await page.evaluate(async ([url, text]) => (await import(url)).check(text), [`${checker.url}budget-lint.mjs`, doc.text]);
        assert.deepEqual(codes(report.diagnostics), codes(cliReport(doc.path).diagnostics), doc.file);
      }
      const refused = await page.evaluate(async (url) => {
        try {
          await (await import(url)).check(42);
          return "accepted";
        } catch (e) {
          return e.name;
        }
      }, `${checker.url}budget-lint.mjs`);
      assert.equal(refused, "TypeError");
      // The example page itself.
      await setHostText(page, docs[0].text);
      await page.click("button[type=submit]");
      await page.waitForFunction(() => /findings/.test(document.querySelector("#result").textContent));
      assert.deepEqual(await page.evaluate(() => window.__violations), []);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  }
  // Another origin: the host page imports the module from the checker's site (served with CORS).
  {
    const { context, page, errors, foreign } = await open(`${host.url}embed/index.html`, [host, corsChecker]);
    try {
      const doc = docs[docs.length - 1];
      const report = await page.evaluate(async ([url, text]) => {
        const { createChecker } = await import(url);
        const c = createChecker();
        const r = await c.check(text);
        c.close();
        return r;
      }, [`${corsChecker.url}budget-lint.mjs`, doc.text]);
      assert.deepEqual(codes(report.diagnostics), codes(cliReport(doc.path).diagnostics));
      assert.deepEqual(foreign, []);
      assert.deepEqual(errors.filter((e) => !e.includes("404")), []);
    } finally {
      await context.close();
    }
  }
});
