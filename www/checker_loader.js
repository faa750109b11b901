// Loads the checker web worker (Trunk builds checker.js and checker_bg.wasm from
// crates/web/src/bin/checker.rs; the page spawns this file: crates/web/src/protocol.rs).
// Relative URLs: the worker's own directory, so the site works from any sub-path.
importScripts("./checker.js");
wasm_bindgen({ module_or_path: "./checker_bg.wasm" });
