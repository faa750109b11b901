/* budget-lint start-up: makes sure this browser can run the checker, then starts it.
 *
 * Plain ES5 on purpose: a browser too old for the checker (Internet Explorer, or a domestic browser
 * in its IE "compatibility mode") must still be able to run this file, to say why nothing else
 * runs. scripts/finish-dist.mjs puts it in index.html with the built file names:
 *   <script src="./boot.js" data-glue="./budget-lint-web-….js" data-wasm="./budget-lint-web-…_bg.wasm">
 * The app removes nothing itself: this script removes the #boot notice once the app started.
 */
(function () {
  "use strict";

  var scripts = document.getElementsByTagName("script");
  var me = document.currentScript || scripts[scripts.length - 1];
  var glue = me.getAttribute("data-glue");
  var wasm = me.getAttribute("data-wasm");

  // One tiny module per WebAssembly feature beyond the first version (MVP) that the checker's
  // module uses (tests/browser/compat.test.mjs checks this list against the built module): the
  // header, then the sections that use the feature.
  var HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  var FEATURES = {
    // (func (param i32) (result i32) local.get 0 i32.extend8_s)
    "sign-ext": [0x01, 0x06, 0x01, 0x60, 0x01, 0x7f, 0x01, 0x7f, 0x03, 0x02, 0x01, 0x00,
      0x0a, 0x07, 0x01, 0x05, 0x00, 0x20, 0x00, 0xc0, 0x0b],
    // (func (param f32) (result i32) local.get 0 i32.trunc_sat_f32_s)
    "nontrapping-float-to-int": [0x01, 0x06, 0x01, 0x60, 0x01, 0x7d, 0x01, 0x7f, 0x03, 0x02, 0x01, 0x00,
      0x0a, 0x08, 0x01, 0x06, 0x00, 0x20, 0x00, 0xfc, 0x00, 0x0b],
    // (memory 1) (func i32.const 0 i32.const 0 i32.const 0 memory.fill)
    "bulk-memory": [0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00,
      0x05, 0x03, 0x01, 0x00, 0x01,
      0x0a, 0x0d, 0x01, 0x0b, 0x00, 0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xfc, 0x0b, 0x00, 0x0b]
  };

  function missing() {
    var out = [];
    var apis = ["Promise", "fetch", "Worker", "TextDecoder", "URLSearchParams", "Map", "Symbol"];
    for (var i = 0; i < apis.length; i++) {
      if (typeof window[apis[i]] === "undefined") out.push(apis[i]);
    }
    if (typeof WebAssembly !== "object" || typeof WebAssembly.validate !== "function") {
      out.unshift("WebAssembly");
      return out;
    }
    for (var name in FEATURES) {
      if (!WebAssembly.validate(new Uint8Array(HEADER.concat(FEATURES[name])))) {
        out.push("WebAssembly " + name);
      }
    }
    return out;
  }

  function show(kind, detail) {
    var box = document.getElementById("boot");
    if (!box) {
      box = document.createElement("div");
      box.id = "boot";
      document.body.appendChild(box);
    }
    box.className = "boot boot-" + kind;
    box.setAttribute("role", "alert");
    var lines = kind === "unsupported"
      ? ["此浏览器无法运行预算公开校验。",
        "请使用 Chrome、Edge 或国产浏览器的“极速模式”（Chromium 80 及以上内核），或 Firefox 79 及以上版本。" +
          "若浏览器地址栏显示“兼容模式”或 IE 图标，请切换到“极速模式”。",
        "This browser cannot run budget-lint: use Chrome, Edge, a Chromium 80+ browser (not its IE " +
          "compatibility mode) or Firefox 79+."]
      : ["预算公开校验未能启动。请刷新页面重试；若仍失败，请检查网络或浏览器设置。",
        "budget-lint could not start. Reload the page; if it still fails, check the network or the " +
          "browser's settings."];
    while (box.firstChild) box.removeChild(box.firstChild);
    for (var i = 0; i < lines.length; i++) {
      var p = document.createElement("p");
      p.appendChild(document.createTextNode(lines[i]));
      box.appendChild(p);
    }
    var why = document.createElement("p");
    why.className = "boot-detail";
    why.appendChild(document.createTextNode((kind === "unsupported" ? "缺少 missing: " : "原因 reason: ") + detail));
    box.appendChild(why);
  }

  var lacking = missing();
  if (lacking.length) {
    show("unsupported", lacking.join(", "));
    return;
  }
  var script = document.createElement("script");
  script.src = glue;
  script.onerror = function () {
    show("failed", "cannot load " + glue);
  };
  // An error thrown while the glue runs (an API this browser lacks) is the reason to show.
  var glueError = null;
  function onError(event) {
    glueError = event.message || String(event.error);
  }
  window.addEventListener("error", onError);
  script.onload = function () {
    window.removeEventListener("error", onError);
    // The glue declares `wasm_bindgen` with `let`: a global name, not a property of window; if the
    // glue threw before declaring it, even `typeof` of it throws.
    var start;
    try {
      start = wasm_bindgen;
    } catch (e) {
      start = null;
    }
    if (typeof start !== "function") {
      show("failed", glueError || "no wasm_bindgen in " + glue);
      return;
    }
    start({ module_or_path: wasm }).then(
      function () {
        var box = document.getElementById("boot");
        if (box) box.parentNode.removeChild(box);
      },
      function (error) {
        show("failed", String((error && error.message) || error));
      }
    );
  };
  document.head.appendChild(script);
})();
