// The transfer size of the page (README, "Size"): every file the page and its worker fetch to start
// and check a text, gzipped (level 9, as a server compressing them would send them), summed.
//
// Issue 5's budget is 350 kB; the module is not there yet (README says how far). Until it is, this
// test holds the line where it stands, so that the size can only go down: LIMIT is lowered with each
// reduction, never raised.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import zlib from "node:zlib";
import { distDir, openPage, startApp, waitChecked } from "./harness.mjs";

const BUDGET = 350_000;
const LIMIT = 385_000;

let app;
before(async () => {
  app = await startApp();
});
after(async () => {
  await app?.close();
});

test(`the page's gzipped transfer stays under ${LIMIT / 1000} kB (budget ${BUDGET / 1000} kB)`, async () => {
  // No example: the page alone, then a text typed in and checked by the worker.
  const { page, context, requests } = await openPage(app, "?example=none");
  try {
    await page.fill('[data-testid="input"]', "本单位2025年预算收入100万元。");
    await waitChecked(page);
    const origin = new URL(app.server.url).origin;
    const files = [...new Set(requests.filter((u) => u.startsWith(origin)).map((u) => new URL(u).pathname.slice(1) || "index.html"))]
      .filter((f) => !f.startsWith("examples/"));
    // What a start costs: the page, its start-up script, the module and its glue, the style sheet,
    // the worker (which loads the module again, from the cache).
    const kinds = files.map((f) => path.extname(f)).sort();
    assert.deepEqual(kinds, [".css", ".html", ".js", ".js", ".js", ".wasm"], files.join(", "));
    let total = 0;
    for (const f of files) total += zlib.gzipSync(fs.readFileSync(path.join(distDir, f)), { level: 9 }).length;
    assert.ok(total <= LIMIT, `${total} bytes gzipped (limit ${LIMIT}, budget ${BUDGET}): ${files.join(", ")}`);
  } finally {
    await context.close();
  }
});
