// budget-lint (预算公开校验) as a JavaScript module: checks a disclosure's text and returns its report.
//
//   import { check } from "https://your.site/budget-lint/budget-lint.mjs";
//   const report = await check(text);
//   report.diagnostics.filter((d) => d.severity === "error")
//
// The report is the one `budget-lint check --format json` prints (README: "JavaScript module").
// The text is checked in a web worker that loads the checker's WebAssembly module from the
// folder this file is in: nothing leaves the browser, and the page stays responsive.
//
// From a page of another origin the worker is started from a blob that loads this folder's
// worker.js; that needs this folder served with CORS (Access-Control-Allow-Origin) and the page's
// Content-Security-Policy to allow `worker-src blob:`.
//
// ES2020 only (no class fields, no `??=`), so it runs in Chromium 80.

const workerUrl = new URL("./worker.js", import.meta.url);

function startWorker() {
  if (workerUrl.origin === self.location.origin) {
    return new Worker(workerUrl.href);
  }
  const base = new URL("./", import.meta.url).href;
  const source =
    `self.budgetLintBase = ${JSON.stringify(base)};\n` +
    `importScripts(${JSON.stringify(workerUrl.href)});\n`;
  const blob = new Blob([source], { type: "text/javascript" });
  return new Worker(URL.createObjectURL(blob));
}

/**
 * A checker with its own worker. `check` may be called many times (one text at a time is checked;
 * the others wait); `close` ends the worker.
 */
export function createChecker() {
  const worker = startWorker();
  const waiting = new Map();
  let nextId = 0;
  let broken = null;
  worker.onmessage = (event) => {
    const answer = event.data || {};
    const pending = waiting.get(answer.id);
    if (!pending) return;
    waiting.delete(answer.id);
    if (answer.error !== undefined) pending.reject(new Error(`budget-lint: ${answer.error}`));
    else pending.resolve(answer.report);
  };
  worker.onerror = (event) => {
    event.preventDefault();
    broken = new Error(`budget-lint: the checker could not start (${event.message || "worker error"})`);
    for (const pending of waiting.values()) pending.reject(broken);
    waiting.clear();
  };
  return {
    /** The report of `text` (a string), as a promise. */
    check(text) {
      if (typeof text !== "string") {
        return Promise.reject(new TypeError("budget-lint: check(text) needs a string"));
      }
      if (broken) return Promise.reject(broken);
      nextId += 1;
      const id = nextId;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, text });
      });
    },
    close() {
      worker.terminate();
      const closed = new Error("budget-lint: the checker was closed");
      for (const pending of waiting.values()) pending.reject(closed);
      waiting.clear();
    },
  };
}

let shared = null;

/** The report of `text`, checked by one worker shared by every call. */
export function check(text) {
  if (shared === null) shared = createChecker();
  return shared.check(text);
}
