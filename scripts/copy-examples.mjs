#!/usr/bin/env node
// Copies the example documents into <dist>/examples/ and writes <dist>/examples/index.json.
//
// Run by Trunk as a post-build hook (Trunk.toml), so every `trunk build` / `trunk serve` has them;
// the destination is $TRUNK_STAGING_DIR, or the first argument when run by hand.
//
// Sources, read at build time and never copied into the repository:
//   - the reference documents ../shared/corpus/NNN_*.txt (or $BUDGET_LINT_SHARED/corpus), titled
//     from the table in ../shared/corpus/README.md;
//   - any *.txt committed under www/examples/.
// A missing ../shared is not an error: the page then offers no examples.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dest = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!dest) {
  console.error("copy-examples: no destination (set TRUNK_STAGING_DIR or pass a directory)");
  process.exit(2);
}
const shared = process.env.BUDGET_LINT_SHARED ?? path.join(root, "..", "shared");
const corpus = path.join(shared, "corpus");
const outDir = path.join(dest, "examples");
fs.mkdirSync(outDir, { recursive: true });

// "| `000_….txt` | 哈密市… (单位预算) | 2025 | …" -> { "000_….txt": "哈密市… (单位预算) 2025" }
function titlesFromReadme(file) {
  const titles = {};
  let text = "";
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    return titles;
  }
  for (const line of text.split("\n")) {
    const m = line.match(/^\|\s*`([^`/]+\.txt)`\s*\|\s*([^|]+?)\s*\|\s*(\d{4})\s*\|/);
    if (m) titles[m[1]] = `${m[2]} ${m[3]}`;
  }
  return titles;
}

const examples = [];
if (fs.existsSync(corpus)) {
  const titles = titlesFromReadme(path.join(corpus, "README.md"));
  const files = fs
    .readdirSync(corpus)
    .filter((f) => /^\d{3}_.*\.txt$/.test(f))
    .sort();
  for (const f of files) {
    fs.copyFileSync(path.join(corpus, f), path.join(outDir, f));
    examples.push({ file: f, title: titles[f] ? `${f.slice(0, 3)} · ${titles[f]}` : f });
  }
} else {
  console.warn(`copy-examples: ${corpus} not found; the page will offer no examples`);
}

const local = path.join(root, "www", "examples");
if (fs.existsSync(local)) {
  for (const f of fs.readdirSync(local).filter((f) => f.endsWith(".txt")).sort()) {
    fs.copyFileSync(path.join(local, f), path.join(outDir, f));
    examples.push({ file: f, title: f });
  }
}

fs.writeFileSync(path.join(outDir, "index.json"), JSON.stringify(examples, null, 1) + "\n");
console.log(`copy-examples: ${examples.length} example(s) -> ${outDir}`);
