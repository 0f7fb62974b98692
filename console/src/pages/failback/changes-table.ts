import type { FailbackChange } from "../../api/types";
import { h } from "../../dom";
import { scrollTable } from "../../ui/scroll-table";

/** What the first sync after the return does, in words (docs/failback.md). */
const syncWillText: Record<string, string> = {
  overwrite: "overwrite: written again from the primary",
  delete: "delete: held first, its primary entity is gone",
  leave: "leave: not touched",
  create: "create: copied to the BCP tenant",
};

/** One side's changes since the last sync, with what the first sync after the return does to each. */
export function changesTable(label: string, testId: string, changes: FailbackChange[]): HTMLElement {
  return h("div", { "data-testid": testId }, scrollTable(label, h("table", {},
    h("caption", {}, `${label}: ${changes.length} ${changes.length === 1 ? "entity" : "entities"}`),
    h("thead", {}, h("tr", {}, ["Type", "Name", "Change", "The first sync will", "BCP id", "Primary id"].map((title) => h("th", { scope: "col" }, title)))),
    h("tbody", {}, changes.length === 0
      ? h("tr", {}, h("td", { colspan: 6 }, "None."))
      : changes.map((change) => h("tr", { "data-sync-will": change.syncWill },
        h("td", { class: "nowrap" }, change.type),
        h("td", {}, change.name ?? "—"),
        h("td", { class: "nowrap" }, change.change),
        h("td", {}, syncWillText[change.syncWill] ?? change.syncWill),
        h("td", {}, h("code", {}, change.bcpId ?? "—")),
        h("td", {}, h("code", {}, change.primaryId ?? "—"))))))));
}
