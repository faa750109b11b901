// Shared set-up for the browser tests: the built dist served on loopback, and Debian's Chromium
// driven by playwright-core (its own browser download does not work here).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
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
 * Opens a page that records every request it makes. Requests to any origin other than the local
 * server are aborted and listed in `foreign`; page errors and console errors are listed in `errors`.
 */
export async function openPage(app, pathAndQuery = "") {
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const origin = new URL(app.server.url).origin;
  const foreign = [];
  const errors = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin) return route.continue();
    foreign.push(url);
    return route.abort();
  });
  page.on("pageerror", (err) => errors.push(`pageerror: ${err.message}`));
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(`console: ${msg.text()}`);
  });
  await page.goto(new URL(pathAndQuery, app.server.url).href, { waitUntil: "load" });
  return { page, context, foreign, errors };
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
