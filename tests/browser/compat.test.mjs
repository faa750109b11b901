// Old browsers (README, "Browsers"): which WebAssembly features the built module uses, the oldest
// Chromium and Firefox those allow, and what a browser without them shows (never a blank page).
// The module's own run in a real Chromium 80 is tests/browser/chromium80.test.mjs.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { distDir, repoRoot, screenshot, appForThisFile } from "./harness.mjs";

const wasmOpt = path.join(repoRoot, "node_modules", ".bin", "wasm-opt");

/**
 * The first Chromium and Firefox versions with each feature (webassembly.org's feature table,
 * https://webassembly.org/features/, and MDN's compatibility data).
 */
const FIRST = {
  "sign-ext": { chromium: 74, firefox: 62 },
  "mutable-globals": { chromium: 74, firefox: 61 },
  "nontrapping-float-to-int": { chromium: 75, firefox: 64 },
  "bulk-memory": { chromium: 75, firefox: 79 },
  multivalue: { chromium: 85, firefox: 78 },
  "reference-types": { chromium: 96, firefox: 79 },
  simd: { chromium: 91, firefox: 89 },
  "exception-handling": { chromium: 95, firefox: 100 },
  "tail-call": { chromium: 112, firefox: 121 },
  gc: { chromium: 119, firefox: 120 },
};

/** What the module is built for (.cargo/config.toml, index.html's data-wasm-opt-params). */
const NEEDED = ["sign-ext", "nontrapping-float-to-int", "bulk-memory"];

function builtModule() {
  const name = fs.readdirSync(distDir).find((f) => f.endsWith("_bg.wasm"));
  assert.ok(name, `no *_bg.wasm in ${distDir}`);
  return path.join(distDir, name);
}

/** Whether binaryen validates `file` with only the MVP and `features`. */
function validatesWith(file, features) {
  const args = [file, "--mvp-features", ...features.map((f) => `--enable-${f}`), "-o", os.devNull];
  return spawnSync(wasmOpt, args, { encoding: "utf8" }).status === 0;
}

/** The module without its target_features section (binaryen then validates against its flags alone). */
function bareModule() {
  const bare = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "budget-lint-")), "bare.wasm");
  const run = spawnSync(wasmOpt, [builtModule(), "--mvp-features", ...NEEDED.map((f) => `--enable-${f}`),
    "--strip-target-features", "-o", bare], { encoding: "utf8" });
  assert.equal(run.status, 0, `the module does not validate with ${NEEDED.join(", ")}:\n${run.stderr}`);
  return bare;
}

/** The features www/boot.js probes for before it starts the module. */
function featuresProbed() {
  const src = fs.readFileSync(path.join(repoRoot, "www", "boot.js"), "utf8");
  const block = /var FEATURES = \{([\s\S]*?)\n {2}\};/.exec(src);
  assert.ok(block, "FEATURES in boot.js");
  return [...block[1].matchAll(/^\s*"([\w-]+)":/gm)].map((m) => m[1]);
}

test("the module uses only features Chromium 80 has, and boot.js probes exactly those", () => {
  const bare = bareModule();
  assert.ok(validatesWith(bare, NEEDED), `valid with only ${NEEDED.join(", ")}`);
  // Each of them is used: without it the module is not valid.
  for (const f of NEEDED) {
    assert.ok(!validatesWith(bare, NEEDED.filter((g) => g !== f)), `${f} is not used`);
  }
  assert.deepEqual([...NEEDED].sort(), [...featuresProbed()].sort());
  const oldest = (browser) => Math.max(...NEEDED.map((f) => FIRST[f][browser]));
  // README, "Browsers", states these figures.
  assert.equal(oldest("chromium"), 75);
  assert.equal(oldest("firefox"), 79);
});

const app = appForThisFile();

test("a browser without WebAssembly is told why, in Chinese and English", async () => {
  const context = await app.browser.newContext();
  await context.addInitScript(() => {
    delete window.WebAssembly;
  });
  const page = await context.newPage();
  try {
    await page.goto(app.server.url);
    await page.waitForSelector("#boot.boot-unsupported");
    const text = await page.textContent("#boot");
    assert.match(text, /此浏览器无法运行预算公开校验/);
    assert.match(text, /极速模式/);
    assert.match(text, /cannot run budget-lint/);
    assert.match(text, /missing: WebAssembly/);
    assert.equal(await page.locator(".app").count(), 0);
    await screenshot(page, "unsupported-no-webassembly");
  } finally {
    await context.close();
  }
});

test("a browser whose WebAssembly lacks a feature the module uses is told which", async () => {
  const context = await app.browser.newContext();
  await context.addInitScript(() => {
    // An engine from before the sign-extension operators (0xc0–0xc4): it refuses any module with them.
    const validate = WebAssembly.validate;
    WebAssembly.validate = (bytes) => {
      const b = new Uint8Array(bytes.buffer ?? bytes);
      return !b.some((x) => x >= 0xc0 && x <= 0xc4) && validate(bytes);
    };
  });
  const page = await context.newPage();
  try {
    await page.goto(app.server.url);
    await page.waitForSelector("#boot.boot-unsupported");
    assert.match(await page.textContent("#boot"), /missing: WebAssembly sign-ext$/);
  } finally {
    await context.close();
  }
});

test("a module that cannot be loaded leaves a message, not a blank page", async () => {
  const ctx = await app.browser.newContext();
  await ctx.route("**/*_bg.wasm", (route) => route.fulfill({ status: 404, body: "gone" }));
  const broken = await ctx.newPage();
  try {
    await broken.goto(app.server.url);
    await broken.waitForSelector("#boot.boot-failed");
    assert.match(await broken.textContent("#boot"), /预算公开校验未能启动/);
    assert.match(await broken.textContent("#boot"), /could not start/);
  } finally {
    await ctx.close();
  }
});
