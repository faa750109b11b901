#!/usr/bin/env node
// Finishes Trunk's output so the site needs no inline script and works from any sub-path.
//
// Run by Trunk as its post-build hook (Trunk.toml) on $TRUNK_STAGING_DIR (or the first argument):
//   1. index.html: Trunk's inline start script and its module preload are replaced by
//      <script src="./boot.js" data-glue="./NAME.js" data-wasm="./NAME_bg.wasm"> (www/boot.js
//      checks the browser, then starts the module): a Content-Security-Policy need not allow
//      inline scripts.
//   2. worker.js (www/worker.js): the built file names written in for __GLUE__ and __WASM__;
//      reader.js (www/reader.js): the file readers' glue and modules, given a content hash;
//   3. the example documents (scripts/copy-examples.mjs);
//   4. release builds: index.html without its comments, the JavaScript minified with terser and the
//      CSS with clean-css, both for old
//      browsers (ES2017 for the glue, ES5 for boot.js and worker.js; CSS media queries as written) —
//      Trunk's own minifiers write for Chromium 84+/104+ (Trunk.toml) — and the style sheet's
//      integrity hash in index.html updated;
//   5. release builds: a gzip copy of every file, compressed with Zopfli (`NAME.gz`, for servers that
//      send precompressed files: nginx `gzip_static on`; about 5 % smaller than gzip -9).
// Anything unexpected in Trunk's output stops the build, rather than shipping a page that cannot
// start.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const dest = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!dest) {
  console.error("finish-dist: no destination (set TRUNK_STAGING_DIR or pass a directory)");
  process.exit(2);
}

function fail(message) {
  console.error(`finish-dist: ${message}`);
  process.exit(1);
}

const indexPath = path.join(dest, "index.html");
let html = fs.readFileSync(indexPath, "utf8");

// Trunk's output, minified or not (`trunk build --release` minifies: Trunk.toml).
const inline = /<script(?: type=(["']?)module\1)?>\s*([\s\S]*?)<\/script>/.exec(html);
if (!inline) fail("Trunk's start script not found in index.html");
const start = inline[2];
const glue = /from\s*["']\.\/([\w.-]+\.js)["']/.exec(start);
const wasm = /module_or_path:\s*["']\.\/([\w.-]+_bg\.wasm)["']/.exec(start);
if (!glue || !wasm) fail(`file names not found in Trunk's start script:\n${start}`);
for (const name of [glue[1], wasm[1]]) {
  if (!fs.existsSync(path.join(dest, name))) fail(`${name} is not in the output`);
}

html = html.replace(inline[0], "");
html = html.replace(/<link\b[^>]*\brel=["']?modulepreload\b[^>]*>/g, "");
if (/<script(?![^>]*\bsrc=)[^>]*>/.test(html)) fail("index.html still has an inline script");
const boot = `<script src="./boot.js" data-glue="./${glue[1]}" data-wasm="./${wasm[1]}"></script>`;
// At the end of the body (a minified page may leave out </body>).
html = html.includes("</body>") ? html.replace("</body>", `${boot}</body>`) : html.replace("</html>", `${boot}</html>`);
if (!html.includes(boot)) fail("no </body> or </html> in index.html");
fs.writeFileSync(indexPath, html);

const workerPath = path.join(dest, "worker.js");
const worker = fs.readFileSync(workerPath, "utf8");
if (!worker.includes("__GLUE__") || !worker.includes("__WASM__")) fail("worker.js has no placeholders");
fs.writeFileSync(workerPath, worker.replaceAll("__GLUE__", glue[1]).replaceAll("__WASM__", wasm[1]));

// 3. The file readers (index.html: Trunk names worker modules after their binaries, unhashed):
// a content hash added to each reader's glue and module (so a new build is never mixed with a
// cached old one), and the names written into reader.js.
const readerPath = path.join(dest, "reader.js");
let reader = fs.readFileSync(readerPath, "utf8");
const readerGlues = [];
for (const [bin, key] of [["reader-pdf", "PDF"], ["reader-office", "OFFICE"]]) {
  const js = path.join(dest, `${bin}.js`);
  const wasmFile = path.join(dest, `${bin}_bg.wasm`);
  if (!fs.existsSync(js) || !fs.existsSync(wasmFile)) fail(`${bin}.js or ${bin}_bg.wasm is not in the output`);
  const hash = crypto.createHash("sha256").update(fs.readFileSync(js)).update(fs.readFileSync(wasmFile)).digest("hex").slice(0, 16);
  const name = `${bin}-${hash}`;
  fs.renameSync(js, path.join(dest, `${name}.js`));
  fs.renameSync(wasmFile, path.join(dest, `${name}_bg.wasm`));
  if (!reader.includes(`__${key}_GLUE__`) || !reader.includes(`__${key}_WASM__`)) fail(`reader.js has no placeholders for ${bin}`);
  reader = reader.replaceAll(`__${key}_GLUE__`, `${name}.js`).replaceAll(`__${key}_WASM__`, `${name}_bg.wasm`);
  readerGlues.push(`${name}.js`);
}
fs.writeFileSync(readerPath, reader);

await import("./copy-examples.mjs");

if (process.env.TRUNK_PROFILE === "release") {
  const { minify } = await import("terser");
  const { default: CleanCSS } = await import("clean-css");
  const scripts = [[glue[1], 2017], ["boot.js", 5], ["worker.js", 5], ["reader.js", 5], ...readerGlues.map((g) => [g, 2017])];
  for (const [name, ecma] of scripts) {
    const file = path.join(dest, name);
    const out = await minify(fs.readFileSync(file, "utf8"), {
      ecma,
      ie8: ecma === 5,
      compress: { ecma, passes: 2 },
      format: { ecma },
    });
    fs.writeFileSync(file, out.code);
  }
  // The page's comments are for this repository's readers, not for its visitors.
  const page = fs.readFileSync(indexPath, "utf8").replace(/<!--[\s\S]*?-->\s*/g, "");
  const sheet = /<link\b[^>]*\bhref="\.\/(style-[\w-]+\.css)"[^>]*>/.exec(page);
  if (!sheet) fail("no style sheet link in index.html");
  const cssPath = path.join(dest, sheet[1]);
  const css = new CleanCSS({ level: 1 }).minify(fs.readFileSync(cssPath, "utf8"));
  if (css.errors.length) fail(`clean-css: ${css.errors.join("; ")}`);
  fs.writeFileSync(cssPath, css.styles);
  const integrity = `sha384-${crypto.createHash("sha384").update(css.styles).digest("base64")}`;
  const tag = sheet[0].replace(/integrity="[^"]*"/, `integrity="${integrity}"`);
  if (!tag.includes(integrity)) fail("the style sheet link has no integrity attribute");
  fs.writeFileSync(indexPath, page.replace(sheet[0], tag));

  const { gzipAsync } = await import("@gfx/zopfli");
  const COMPRESSIBLE = /\.(html|js|mjs|css|wasm|json|txt)$/;
  const walk = (dir) =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const p = path.join(dir, e.name);
      return e.isDirectory() ? walk(p) : COMPRESSIBLE.test(e.name) ? [p] : [];
    });
  for (const file of walk(dest)) {
    fs.writeFileSync(`${file}.gz`, await gzipAsync(fs.readFileSync(file), { numiterations: 15 }));
  }
}
