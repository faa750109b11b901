// The file reader web worker: reads dropped or opened PDFs, or Excel/Word drafts, into the text
// the checker reads and where its stretches stand in the files (crates/files-web).
//
// The page starts one such worker for each drop and ends it when the answer is in (or when the
// person stops the reading). Its first message says which reader to load: `pdf` (a large module,
// its fonts included) or `office`; only that one is fetched. A classic script: wasm-bindgen's
// no-modules glue declares a global `wasm_bindgen`, so one worker holds one reader.
//
// Request: {kind: "pdf" | "office", files: [{name, bytes: Uint8Array}]}.
// Answers: {progress: [done, total, name]} while reading (pages of a PDF, files of a draft), then
// {text, origins} or {error: {message, message_en, file}}.
// The __…__ names are the built files, written in by scripts/finish-dist.mjs.
"use strict";
var READERS = {
  pdf: ["__PDF_GLUE__", "__PDF_WASM__"],
  office: ["__OFFICE_GLUE__", "__OFFICE_WASM__"]
};

function failed(error) {
  var text = String((error && error.message) || error);
  self.postMessage({
    error: { message: "读取文件时出错：" + text, message_en: "The file could not be read: " + text, file: "" }
  });
}

self.onmessage = function (event) {
  var data = event.data;
  var reader = READERS[data && data.kind];
  if (!reader) return failed("unknown reader " + (data && data.kind));
  var base = self.budgetLintBase || "./";
  try {
    importScripts(base + reader[0]);
  } catch (error) {
    return failed(error);
  }
  wasm_bindgen({ module_or_path: base + reader[1] }).then(function () {
    var answer;
    try {
      answer = wasm_bindgen.read(data.files, function (done, total, name) {
        self.postMessage({ progress: [done, total, name] });
      });
    } catch (error) {
      return failed(error);
    }
    self.postMessage(answer);
  }, failed);
};
