// Shared set-up for the browser tests: the built dist served on loopback, and Debian's Chromium
// driven by playwright-core (its own browser download does not work here).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { after, before } from "node:test";
import { chromium } from "playwright-core";
import { startServer } from "./server.mjs";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const distDir = process.env.BUDGET_LINT_DIST ?? path.join(repoRoot, "dist");
export const screenshotDir = path.join(repoRoot, "target", "browser-screenshots");
export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

// Without the networking flags Chromium tries to reach the internet and stalls on this network.
// Playwright adds --headless and a fresh temporary --user-data-dir itself.
export const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Starts the server and the browser; returns them with a `close()` that ends both. */
export async function startApp() {
  if (!fs.existsSync(path.join(distDir, "index.html"))) {
    throw new Error(`${distDir}/index.html not found: run \`trunk build --release\` first`);
  }
  const server = await startServer({ root: distDir, port: 0 });
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs,
  });
  return {
    server,
    browser,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/**
 * The app (server and browser) for the tests of one file: started before the first, closed after the
 * last. Use it as the app itself (`app.server`, `app.browser`, `openPage(app, …)`).
 */
export function appForThisFile() {
  let started;
  before(async () => {
    started = await startApp();
  });
  after(async () => {
    await started?.close();
  });
  return {
    get server() {
      return started.server;
    },
    get browser() {
      return started.browser;
    },
  };
}

/**
 * Opens a page that records every request it makes. Requests to any origin other than the local
 * server are aborted and listed in `foreign`; page errors and console errors are listed in `errors`.
 */
export async function openPage(app, pathAndQuery = "", { viewport = { width: 1280, height: 800 }, onContext } = {}) {
  const context = await app.browser.newContext({ viewport, acceptDownloads: true });
  await onContext?.(context);
  const origin = new URL(app.server.url).origin;
  // The clipboard, so that tests paste as a person does (Ctrl+V).
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin });
  const page = await context.newPage();
  const foreign = [];
  const errors = [];
  const requests = [];
  const record = (url) => {
    requests.push(url);
    if (!url.startsWith("data:") && !url.startsWith("blob:") && new URL(url).origin !== origin) {
      foreign.push(url);
    }
  };
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin) return route.continue();
    return route.abort();
  });
  // Every request of the page and of its workers, whatever answers it.
  context.on("request", (req) => record(req.url()));
  page.on("pageerror", (err) => errors.push(`pageerror: ${err.message}`));
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(`console: ${msg.text()}`);
  });
  await page.goto(new URL(pathAndQuery, app.server.url).href, { waitUntil: "load" });
  return { page, context, foreign, errors, requests };
}

/** Waits until the element's text is exactly `text`. */
export async function waitForText(page, selector, text, timeout = 30_000) {
  await page.waitForFunction(
    ([sel, want]) => document.querySelector(sel)?.textContent === want,
    [selector, text],
    { timeout },
  );
}

export async function screenshot(page, name) {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

// ---------------------------------------------------------------------------------------------
// Expectations from the command-line tool, and reading the page's marks.

export const sharedDir = process.env.BUDGET_LINT_SHARED ?? path.join(repoRoot, "..", "shared");
export const REFERENCE = [
  "000_799292fe1e9c1d1b.txt",
  "001_6149e9281c444aee.txt",
  "003_03cb8317ef3ace4d.txt",
];

/** The reference documents present in ../shared/corpus: [{ file, path, text }]. */
export function referenceDocs() {
  return REFERENCE.map((file) => path.join(sharedDir, "corpus", file))
    .filter((p) => fs.existsSync(p))
    .map((p) => ({ file: path.basename(p), path: p, text: fs.readFileSync(p, "utf8") }));
}

const cliCache = new Map();
/** The CLI's JSON report for a file (`budget-lint check FILE --format json`, exit 0 or 1). */
export function cliReport(file) {
  if (cliCache.has(file)) return cliCache.get(file);
  const run = spawnSync(
    "cargo",
    ["run", "-q", "-p", "budget-lint-cli", "--", "check", file, "--format", "json"],
    { cwd: repoRoot, encoding: "utf8", maxBuffer: 256 << 20 },
  );
  if (run.status !== 0 && run.status !== 1) {
    throw new Error(`budget-lint check ${file}: exit ${run.status}\n${run.stderr}`);
  }
  const report = JSON.parse(run.stdout);
  cliCache.set(file, report);
  return report;
}

/** The text of a UTF-8 byte range of `text` (spans in reports are UTF-8 byte offsets). */
export function byteSlice(text, start, end) {
  return Buffer.from(text, "utf8").subarray(start, end).toString("utf8");
}

/** UTF-16 offset (JavaScript string index) of a UTF-8 byte offset. */
export function utf16Offset(text, byteOffset) {
  return Buffer.from(text, "utf8").subarray(0, byteOffset).toString("utf8").length;
}

/**
 * Every mark of the source view with its position in the text (UTF-16 offsets into the source's
 * text content) and its data attributes.
 */
export async function readMarks(page) {
  return page.evaluate(() => {
    const source = document.querySelector("#source");
    const out = [];
    let offset = 0;
    const walk = (node) => {
      if (node.nodeType === Node.TEXT_NODE) {
        offset += node.data.length;
        return;
      }
      if (node.nodeName === "MARK") {
        const start = offset;
        node.childNodes.forEach(walk);
        out.push({
          start,
          end: offset,
          text: node.textContent,
          code: node.dataset.code,
          severity: node.dataset.severity,
          finding: Number(node.dataset.finding),
          label: Number(node.dataset.label),
          role: node.dataset.role,
          tip: node.dataset.tip ?? null,
          callout: node.dataset.callout ?? null,
          n: node.dataset.n ?? null,
        });
        return;
      }
      node.childNodes.forEach(walk);
    };
    source.childNodes.forEach(walk);
    return out;
  });
}

/** The reference documents repeated until the text reaches `bytes` (as benches/read.rs does). */
export function repeatedReferences(bytes) {
  const all = referenceDocs()
    .map((d) => d.text)
    .join("\n");
  let out = "";
  while (Buffer.byteLength(out) < bytes && all.length > 0) out += all + "\n";
  return out;
}

/** Pastes `text` into the text box with the clipboard and Ctrl+V, as a person does. */
export async function paste(page, text) {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.focus('[data-testid="input"]');
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Control+V");
}

/** Waits until the page shows the answer to the newest text (no check running). */
export async function waitChecked(page, timeout = 30_000) {
  await page.waitForFunction(
    () => {
      const s = document.querySelector('[data-testid="status"]');
      return s && s.dataset.checking === "false" && s.dataset.checkMs !== "";
    },
    null,
    // Not every animation frame: polling by frames makes the page render continuously.
    { timeout, polling: 100 },
  );
}

/** Is the element's box inside its scroll container's visible area (and the window's)? */
export async function inView(page, selector) {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el) return false;
    const r = el.getBoundingClientRect();
    let p = el.parentElement;
    while (p && p !== document.body) {
      const style = getComputedStyle(p);
      if (/(auto|scroll)/.test(style.overflowY)) {
        const c = p.getBoundingClientRect();
        if (r.top < c.top || r.bottom > c.bottom) return false;
      }
      p = p.parentElement;
    }
    return r.top >= 0 && r.bottom <= window.innerHeight;
  }, selector);
}

// ---------------------------------------------------------------------------------------------
// The page's transfer size (README, "Size"; tests/browser/size.test.mjs and scripts/bench-web).

/**
 * The bytes of every file the page and its worker fetch to start and check a text, as they come
 * over the wire (gzip: the test server, like nginx with `gzip_static on`, sends the Zopfli copies
 * the release build writes). Opens `?example=none`, types a short text and waits for its check. A
 * file fetched twice (the module: the page, then its worker) counts once. The example documents
 * are not counted. Returns `{ files: Map(file -> { body, encoding }), total }`.
 */
export async function measureTransfer(app) {
  const origin = new URL(app.server.url).origin;
  const files = new Map();
  const pending = [];
  const record = (response) => {
    const url = new URL(response.url());
    if (url.origin !== origin || url.pathname.startsWith("/examples/")) return;
    const file = url.pathname.slice(1) || "index.html";
    // The body as sent: its Content-Length (the server sends every file whole, never chunked).
    pending.push(
      response.allHeaders().then((h) => {
        if (!files.has(file)) files.set(file, { body: Number(h["content-length"]), encoding: h["content-encoding"] });
      }),
    );
  };
  const { page, context } = await openPage(app, "?example=none", { onContext: (c) => c.on("response", record) });
  try {
    await page.fill('[data-testid="input"]', "本单位2025年预算收入100万元。");
    await waitChecked(page);
    await Promise.all(pending);
  } finally {
    await context.close();
  }
  const total = [...files.values()].reduce((sum, s) => sum + s.body, 0);
  return { files, total };
}
