import { api, describe, problemOf, problemSlug } from "../../api/client";
import { h, replace, uid } from "../../dom";
import { num } from "../../ui/format";
import { messageArea } from "../../ui/message";

const maxRows = 1000;

/**
 * The CSV bulk upload (docs/api.md, "Users' BCP type"): `username,bcpType`, at most 1,000 rows, all or nothing. A rejected file
 * lists every bad row with its line and reason, and says that nothing was applied.
 */
export function csvUpload(tenantId: string, onApplied: () => void): HTMLElement {
  const inputId = uid("csv");
  const file = h("input", { type: "file", id: inputId, accept: ".csv,text/csv", required: true, "aria-describedby": `${inputId}-hint` });
  const message = messageArea("csv-result");
  const rowsSlot = h("div", { "data-testid": "csv-rows" });

  async function upload(): Promise<void> {
    message.clear();
    replace(rowsSlot);
    const chosen = file.files?.[0];
    if (!chosen) {
      message.show("error", "Choose a CSV file first.");
      return;
    }
    const text = await chosen.text();
    const rows = text.split(/\r?\n/).filter((line) => line.trim() !== "").length - 1;
    if (rows > maxRows) {
      message.show("error", `The file has ${rows} rows; at most ${maxRows} are accepted in one upload. Nothing was applied.`);
      return;
    }
    const answer = await api.POST("/tenants/{tenantId}/users/bcp-types", {
      params: { path: { tenantId } },
      body: text,
      bodySerializer: (body: unknown) => body as string,
      headers: { "Content-Type": "text/csv; charset=utf-8" },
    });
    if (answer.data) {
      const skipped = answer.data.skipped ?? [];
      message.show(skipped.length > 0 ? "warning" : "success",
        `Applied: ${num(answer.data.applied)} changed, ${num(answer.data.unchanged)} already had their type`,
        skipped.length > 0 ? `, ${skipped.length} skipped (the user changed meanwhile; upload again).` : ".");
      onApplied();
      return;
    }
    const problem = problemOf(answer);
    if (problemSlug(problem) === "csv-invalid" && problem.invalidRows) {
      const invalid = problem.invalidRows;
      message.show("error", h("strong", {}, "The file was rejected. Nothing was applied. "),
        `${invalid.length} ${invalid.length === 1 ? "row is" : "rows are"} invalid: fix ${invalid.length === 1 ? "it" : "them"} and upload the whole file again.`);
      replace(rowsSlot, h("table", { "data-testid": "invalid-rows" },
        h("caption", {}, "Rejected rows"),
        h("thead", {}, h("tr", {}, ["Line", "Username", "Error", "Detail"].map((title) => h("th", { scope: "col" }, title)))),
        h("tbody", {}, invalid.map((row) => h("tr", {},
          h("td", { "data-testid": "invalid-line" }, String(num(row.line))), h("td", {}, row.username ?? "—"),
          h("td", {}, h("code", {}, row.error)), h("td", {}, row.detail))))));
    } else {
      message.show("error", h("strong", {}, "The file was rejected. Nothing was applied. "), describe(problem));
    }
  }

  return h("form", { class: "stack", "aria-label": "Upload BCP types", onsubmit: (event) => { event.preventDefault(); void upload(); } },
    h("div", { class: "field" },
      h("label", { for: inputId }, "CSV file"), file,
      h("p", { id: `${inputId}-hint`, class: "hint" },
        "Header ", h("code", {}, "username,bcpType"), `, then at most ${maxRows.toLocaleString("en")} rows; types none, single or multiple. `,
        "All or nothing: if any row is wrong, no row is applied.")),
    h("button", { type: "submit", class: "primary" }, "Upload"),
    message.element, rowsSlot);
}
