// The checker web worker: loads the budget-lint module (the same one the page draws with) and
// answers check requests; crates/web/src/protocol.rs describes the messages.
//
// A classic script (importScripts), so it runs where module workers do not (Firefox before 114).
// __GLUE__ and __WASM__ are the built file names, written in by scripts/finish-dist.mjs. They are
// found next to this script, or under `self.budgetLintBase` when a page of another site started the
// worker from a blob (www/budget-lint.mjs).
"use strict";
var base = self.budgetLintBase || "./";
importScripts(base + "__GLUE__");
var ready = wasm_bindgen({ module_or_path: base + "__WASM__" });

function failure(data, error) {
  return { id: data && data.id, error: String((error && error.message) || error) };
}

self.onmessage = function (event) {
  var data = event.data;
  ready.then(
    function () {
      var answer;
      try {
        answer = wasm_bindgen.answer(data);
      } catch (error) {
        answer = failure(data, error);
      }
      self.postMessage(answer);
    },
    function (error) {
      self.postMessage(failure(data, error));
    }
  );
};
