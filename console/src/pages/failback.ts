import type { FailbackReport } from "../api/types";
import { h, replace } from "../dom";
import { getSession } from "../session";
import { num, theSide, utc } from "../ui/format";
import { pageHeading, section } from "../ui/heading";
import { changesTable } from "./failback/changes-table";
import { failbackDownloads } from "./failback/downloads";
import { primaryCheck } from "./failback/primary-check";
import { overwrittenCount, readFailback } from "./failback/read-failback";
import type { PageContext } from "./page";

/**
 * Failback (docs/failback.md): before returning to the primary, what the first sync after the return does to the work
 * done in the BCP tenant — the primary region check, the counts, both sides' changes, and the list as CSV or JSON.
 */
export async function failbackPage(context: PageContext): Promise<HTMLElement> {
  const pairId = (getSession() ?? context.session).me!.pairId!;
  const body = h("div", {});

  async function load(): Promise<void> {
    const report = await readFailback(pairId);
    if (!context.signal.aborted) {
      replace(body, ...(report ? draw(report) : [h("p", { class: "message error", role: "alert" }, "The failback report could not be read. Try again.")]));
    }
  }

  function draw(report: FailbackReport): HTMLElement[] {
    const overwritten = overwrittenCount(report);
    return [
      section("Primary region", primaryCheck(report)),
      section("What the return overwrites",
        h("dl", { class: "facts counts-facts", "data-testid": "failback-counts" },
          h("dt", {}, "Active now"), h("dd", {}, theSide(report.activeSide)),
          h("dt", {}, "Since the switch at"), h("dd", {}, utc(report.since)),
          h("dt", {}, "Overwritten or deleted"), h("dd", { "data-testid": "failback-overwritten" }, String(overwritten)),
          h("dt", {}, "Left as they are"), h("dd", {}, String(num(report.counts.leave)))),
        h("p", { class: "hint" }, "Redo in the primary tenant what you want to keep before returning: the first sync after the return copies the primary over the BCP tenant. "
          + "The stores keep no time or author per entity, so the list cannot say who changed what when."),
        failbackDownloads(report),
        changesTable("Changes in the BCP tenant", "bcp-changes", report.bcpChanges)),
      section("Changes in the primary tenant", report.primaryChanges
        ? changesTable("Changes in the primary tenant", "primary-changes", report.primaryChanges)
        : h("p", { class: "message warning", role: "note", "data-testid": "primary-changes" }, "Unknown: the primary region's store did not answer.")),
    ];
  }

  await load();
  return h("div", {},
    ...pageHeading("Failback", "What returning to the primary tenant does to the work done in the BCP tenant. Read it before you switch back."),
    h("div", { class: "actions" }, h("button", { type: "button", onclick: () => void load() }, "Read again")),
    body);
}
