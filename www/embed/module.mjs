// Example use of the JavaScript module API (README, "JavaScript module").
import { check } from "../budget-lint.mjs";

const result = document.getElementById("result");
document.getElementById("form").addEventListener("submit", async (event) => {
  event.preventDefault();
  result.textContent = "校验中… checking…";
  try {
    const report = await check(document.getElementById("text").value);
    const lines = report.diagnostics.map(
      (d) => `${d.severity}\t${d.code}\t${d.labels.length ? `line ${d.labels[0].line}` : ""}\t${d.message}`
    );
    result.textContent = `${report.diagnostics.length} findings\n${lines.join("\n")}`;
  } catch (error) {
    result.textContent = String(error);
  }
});
