// Host side of the postMessage API (README, "Embedding"): embed, send a text, receive its report.
// A host checks two things on every message: it comes from the checker's frame, and from the
// checker's origin.
(function () {
  "use strict";
  var params = new URLSearchParams(location.search);
  var checkerUrl = new URL(params.get("checker") || "../", location.href);
  var checkerOrigin = checkerUrl.origin;
  var frame = document.getElementById("checker");
  var result = document.getElementById("result");
  var send = document.getElementById("send");
  var nextId = 0;

  frame.src = new URL("index.html?embed=1", checkerUrl).href;

  window.addEventListener("message", function (event) {
    if (event.source !== frame.contentWindow || event.origin !== checkerOrigin) return;
    var data = event.data || {};
    if (data.type === "budget-lint:ready") {
      send.disabled = false;
      result.textContent = "校验工具已就绪 The checker is ready (" + data.version + ")";
      document.body.setAttribute("data-ready", "true");
    } else if (data.type === "budget-lint:report") {
      var counts = { error: 0, warning: 0, info: 0 };
      data.report.diagnostics.forEach(function (d) {
        counts[d.severity] = (counts[d.severity] || 0) + 1;
      });
      result.textContent =
        "#" + data.id + ": " + counts.error + " 错误 errors, " + counts.warning + " 警告 warnings, " +
        (counts.info || 0) + " 提示 notes";
      window.lastReport = data;
    } else if (data.type === "budget-lint:error") {
      result.textContent = "#" + data.id + ": " + data.error;
    }
  });

  document.getElementById("form").addEventListener("submit", function (event) {
    event.preventDefault();
    nextId += 1;
    var text = document.getElementById("text").value;
    frame.contentWindow.postMessage({ type: "budget-lint:check", id: nextId, text: text }, checkerOrigin);
    result.textContent = "#" + nextId + " 校验中… checking…";
  });
})();
