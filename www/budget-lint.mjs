// budget-lint (预算公开校验) as a JavaScript module: checks a disclosure's text and returns its report.
//
//   import { check } from "https://your.site/budget-lint/budget-lint.mjs";
//   const report = await check(text);
//   report.diagnostics.filter((d) => d.severity === "error")
//   const fromPdf = await check(new Uint8Array(await file.arrayBuffer()));   // a PDF, .xlsx, .docx
//   const both = await checkFiles([{ name: "a_part1.pdf", bytes }, { name: "a_part2.pdf", bytes: b2 }]);
//
// Bytes are read into text by the file readers (reader.js and its reader modules, loaded only
// then, in a worker of their own): a PDF, or Excel/Word drafts (.xlsx, .xls, .docx, a .zip of
// them), several files as one document; each label and cell of the report then has its `origin`
// (page and box, or sheet and cell). A file the readers cannot read rejects with an Error whose
// message is the reader's English one (`messageZh`: the Chinese one).
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
const readerUrl = new URL("./reader.js", import.meta.url);

function startWorker(url = workerUrl) {
  if (url.origin === self.location.origin) {
    return new Worker(url.href);
  }
  const base = new URL("./", import.meta.url).href;
  const source =
    `self.budgetLintBase = ${JSON.stringify(base)};\n` +
    `importScripts(${JSON.stringify(url.href)});\n`;
  const blob = new Blob([source], { type: "text/javascript" });
  return new Worker(URL.createObjectURL(blob));
}

function asBytes(bytes) {
  if (bytes instanceof Uint8Array) return bytes;
  if (bytes instanceof ArrayBuffer) return new Uint8Array(bytes);
  throw new TypeError("budget-lint: a file's bytes must be a Uint8Array or an ArrayBuffer");
}

/** Which reader a file needs, by its first bytes (else its name): "pdf" or "office". */
function readerKind({ name, bytes }) {
  const head = Array.from(bytes.subarray(0, 8));
  const starts = (...b) => b.every((x, i) => head[i] === x);
  const text = String.fromCharCode.apply(null, Array.from(bytes.subarray(0, 1024)));
  if (text.includes("%PDF-")) return "pdf";
  if (starts(0x50, 0x4b) || starts(0xd0, 0xcf, 0x11, 0xe0)) return "office";
  return /\.pdf$/i.test(name || "") ? "pdf" : "office";
}

/** The text of files read as one document, and its origins (www/reader.js). */
function readFiles(files) {
  let list;
  try {
    list = files.map((f) => ({ name: String(f.name || "document"), bytes: asBytes(f.bytes) }));
  } catch (error) {
    return Promise.reject(error);
  }
  const kinds = new Set(list.map(readerKind));
  if (list.length === 0 || kinds.size !== 1) {
    return Promise.reject(new Error("budget-lint: give one or more PDFs, or Excel/Word files, not both"));
  }
  return new Promise((resolve, reject) => {
    const reader = startWorker(readerUrl);
    reader.onmessage = (event) => {
      const answer = event.data || {};
      if (answer.progress) return;
      reader.terminate();
      if (answer.error) {
        const error = new Error(`budget-lint: ${answer.error.file}: ${answer.error.message_en}`);
        error.messageZh = answer.error.message;
        reject(error);
      } else resolve(answer);
    };
    reader.onerror = (event) => {
      event.preventDefault();
      reader.terminate();
      reject(new Error(`budget-lint: the file reader could not start (${event.message || "worker error"})`));
    };
    reader.postMessage({ kind: [...kinds][0], files: list });
  });
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
  const send = (text, origins) => {
    if (broken) return Promise.reject(broken);
    nextId += 1;
    const id = nextId;
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      worker.postMessage(origins === undefined ? { id, text } : { id, text, origins });
    });
  };
  return {
    /** The report of `text` (a string), or of a file's bytes (a PDF, .xlsx, .docx), as a promise. */
    check(text) {
      if (typeof text !== "string") {
        if (text instanceof Uint8Array || text instanceof ArrayBuffer) {
          return this.checkFiles([{ name: "document", bytes: text }]);
        }
        return Promise.reject(new TypeError("budget-lint: check(text) needs a string or a file's bytes"));
      }
      return send(text, undefined);
    },
    /** The report of files ([{name, bytes}]) checked as one document. */
    checkFiles(files) {
      return readFiles(files).then((read) => send(read.text, read.origins));
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

/** The report of `text` (or of a file's bytes), checked by one worker shared by every call. */
export function check(text) {
  if (shared === null) shared = createChecker();
  return shared.check(text);
}

/** The report of files ([{name, bytes}]: PDFs, or Excel/Word drafts) checked as one document. */
export function checkFiles(files) {
  if (shared === null) shared = createChecker();
  return shared.checkFiles(files);
}
