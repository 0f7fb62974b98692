import type { FailbackChange, FailbackReport } from "../../api/types";
import { h } from "../../dom";

const columns = ["side", "type", "name", "change", "syncWill", "bcpId", "primaryId", "changedAt", "changedBy"] as const;

/** One CSV field: quoted when it needs to be; a leading = + - @ is defused so a spreadsheet does not run it as a formula. */
function csvField(value: string | null | undefined): string {
  const text = value ?? "";
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Both sides' changes, one row each, for people who carry the work over by hand. */
export function failbackCsv(report: FailbackReport): string {
  const rows = (side: string, changes: FailbackChange[] | null | undefined): string[] =>
    (changes ?? []).map((change) => [side, change.type, change.name, change.change, change.syncWill, change.bcpId, change.primaryId, change.changedAt, change.changedBy]
      .map(csvField).join(","));
  return [columns.join(","), ...rows("bcp", report.bcpChanges), ...rows("primary", report.primaryChanges)].join("\r\n") + "\r\n";
}

/** Saves `content` as a file from the browser itself (a Blob): the report holds no secret, and nothing is sent anywhere. */
function save(name: string, type: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = h("a", { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** The two downloads of the report: CSV (both sides' changes) and JSON (the report as the API gave it). */
export function failbackDownloads(report: FailbackReport): HTMLElement {
  const stem = `failback-${report.pairId}`;
  return h("div", { class: "actions", "data-testid": "failback-downloads" },
    h("button", { type: "button", onclick: () => save(`${stem}.csv`, "text/csv", failbackCsv(report)) }, "Download CSV"),
    h("button", { type: "button", onclick: () => save(`${stem}.json`, "application/json", JSON.stringify(report, null, 2)) }, "Download JSON"));
}
