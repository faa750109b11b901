// The transfer size of the page (README, "Size"): the bytes of every file the page and its worker
// fetch to start and check a text, as they come over the wire — gzip, as the test server (like nginx
// with `gzip_static on`) sends the Zopfli-compressed copies that `trunk build --release` writes
// (scripts/finish-dist.mjs). A file fetched twice (the module: the page, then its worker) counts
// once: a browser revalidates or takes it from its cache.
//
// The budget: under 365 kB (issue 5 set 350 kB; the general reader of issue 9 — every template's
// titles, the misread-or-misprinted evidence, counted columns, text-damage repair — added 12.4 kB,
// README "Size"). A change that adds to the page must take as much away.
import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import { appForThisFile, measureTransfer } from "./harness.mjs";

const BUDGET = 365_000;

const app = appForThisFile();

test(`the page's gzipped transfer is under ${BUDGET / 1000} kB`, async () => {
  // No example: the page alone, then a text typed in and checked by the worker.
  const { files, total } = await measureTransfer(app);
  const names = [...files.keys()];
  // What a start costs: the page, its start-up script, the module and its glue, the style sheet,
  // the worker (which loads the module again).
  assert.deepEqual(names.map((f) => path.extname(f)).sort(), [".css", ".html", ".js", ".js", ".js", ".wasm"], names.join(", "));
  for (const [file, s] of files) assert.equal(s.encoding, "gzip", `${file} was sent gzipped`);
  const list = [...files].map(([f, s]) => `${f} ${s.body}`).join(", ");
  assert.ok(total < BUDGET, `${total} bytes over the wire (budget ${BUDGET}): ${list}`);
});
