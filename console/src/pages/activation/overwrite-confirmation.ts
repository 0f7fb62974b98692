import type { FailbackReport } from "../../api/types";
import { h, uid } from "../../dom";
import { num } from "../../ui/format";
import { overwrittenCount } from "../failback/read-failback";

/**
 * On the way back to the primary: how many BCP changes the first sync overwrites (docs/failback.md), a link to the list,
 * and, when there are any, a checkbox the form requires before the passkey is sent. `undefined` report: not a return.
 */
export function overwriteConfirmation(report: FailbackReport | null | undefined): HTMLElement | null {
  if (report === undefined) {
    return null;
  }
  const list = h("a", { href: "#/failback" }, "the list of BCP changes");
  if (report === null) {
    return h("p", { "data-testid": "prompt-overwrite-count" }, "The changes made in the BCP tenant could not be counted: read ", list, " before returning.");
  }
  const count = overwrittenCount(report);
  const unreachable = report.primaryReachable ? null
    : h("p", { class: "message warning", role: "note", "data-testid": "prompt-primary-down" },
      h("strong", {}, "The primary region's store does not answer. "), "The return switches logins and traffic to a region that may not serve them.");
  if (count === 0) {
    return h("div", {}, unreachable, h("p", { "data-testid": "prompt-overwrite-count" },
      `No change made in the BCP tenant will be overwritten (${num(report.counts.leave)} left as they are). See `, list, "."));
  }
  const confirmId = uid("confirm-overwrite");
  return h("div", { class: "stack" }, unreachable,
    h("p", { "data-testid": "prompt-overwrite-count" },
      h("strong", {}, `${count} ${count === 1 ? "change" : "changes"} made in the BCP tenant will be lost: `),
      `the first sync after the return overwrites ${num(report.counts.overwrite)} and deletes ${num(report.counts.delete)}. Read `, list,
      " and redo in the primary tenant what you want to keep."),
    h("div", { class: "check" },
      h("input", { type: "checkbox", id: confirmId, required: true, "data-testid": "confirm-overwrite" }),
      h("label", { for: confirmId }, `I have read the list: overwrite ${count} BCP ${count === 1 ? "change" : "changes"}`)));
}
