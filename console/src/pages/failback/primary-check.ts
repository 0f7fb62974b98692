import type { FailbackReport } from "../../api/types";
import { h } from "../../dom";

/** Step 1 of returning safely (docs/failback.md): whether the primary region's store answers, and what the report could not know. */
export function primaryCheck(report: FailbackReport): HTMLElement {
  const notes = report.notes.length === 0 ? null : h("ul", { "data-testid": "failback-notes" }, report.notes.map((note) => h("li", {}, note)));
  return report.primaryReachable
    ? h("div", { class: "message success", role: "status", "data-testid": "primary-check", "data-reachable": "true" },
      h("strong", {}, "The primary region answers. "), "Its store was read: the primary's own changes are listed below.", notes)
    : h("div", { class: "message error", role: "alert", "data-testid": "primary-check", "data-reachable": "false" },
      h("strong", {}, "The primary region does not answer. "),
      "Its store did not answer: the primary's changes are unknown, and a return would send logins and traffic to a region that may not serve them. "
      + "Bring it back before returning.", notes);
}
