// Smoke test of the built web app in real Chromium: it loads, shows its title, counts the bytes of
// what is typed, loads the first example document, and asks nothing of any other origin.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { distDir, openPage, screenshot, startApp, waitForText } from "./harness.mjs";

const COUNT = '[data-testid="byte-count"]';
const INPUT = '[data-testid="input"]';

let app;
before(async () => {
  app = await startApp();
});
after(async () => {
  await app?.close();
});

test("page loads, counts bytes as you type, stays on its own origin", { timeout: 90_000 }, async () => {
  const { page, context, foreign, errors } = await openPage(app);
  try {
    assert.equal(await page.title(), "预算公开校验 (budget-lint)");
    await page.waitForSelector("h1", { timeout: 30_000 });
    assert.match(await page.textContent("h1"), /预算公开校验/);

    // The build copies example documents into dist/examples; the first one is preloaded.
    const examples = JSON.parse(fs.readFileSync(path.join(distDir, "examples", "index.json"), "utf8"));
    if (examples.length > 0) {
      const bytes = fs.statSync(path.join(distDir, "examples", examples[0].file)).size;
      await waitForText(page, COUNT, `${bytes} 字节 (bytes)`);
      const value = await page.inputValue(INPUT);
      assert.equal(Buffer.byteLength(value, "utf8"), bytes);
      await screenshot(page, "smoke-example");
    } else {
      await waitForText(page, COUNT, "0 字节 (bytes)");
    }

    await page.fill(INPUT, "预算abc"); // 2 × 3 + 3 bytes
    await waitForText(page, COUNT, "9 字节 (bytes)");
    await page.locator(INPUT).pressSequentially("公开1"); // + 3 + 3 + 1
    await waitForText(page, COUNT, "16 字节 (bytes)");
    await page.fill(INPUT, "");
    await waitForText(page, COUNT, "0 字节 (bytes)");

    // The wasm really came from the local server.
    assert.ok(
      app.server.requests.some((r) => r.url.endsWith(".wasm")),
      "no .wasm request reached the local server",
    );
    assert.deepEqual(foreign, [], "requests to other origins");
    assert.deepEqual(errors, [], "page or console errors");
  } finally {
    await context.close();
  }
});
