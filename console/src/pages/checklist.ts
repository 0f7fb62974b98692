import { api, describe, problemOf } from "../api/client";
import type { ScriptChecklistItem } from "../api/types";
import { h } from "../dom";
import { getSession } from "../session";
import { pageHeading, section } from "../ui/heading";
import type { PageContext } from "./page";

/** Script checklist (docs/sync.md): per synced script, each primary entity id in its content and the BCP id to use. */
export async function checklistPage(context: PageContext): Promise<HTMLElement> {
  const pairId = (getSession() ?? context.session).me!.pairId!;
  const { data, error, response } = await api.GET("/tenant-pairs/{pairId}/scripts/checklist", { params: { path: { pairId } } });
  const heading = pageHeading("Script checklist",
    "Scripts are copied as they are, so ids of primary entities inside them point nowhere in the BCP tenant. Replace each with the BCP id below, ",
    "or turn on “Rewrite entity ids in BCP copies of scripts” on the Sync page.");
  if (!data) {
    return h("div", {}, ...heading, h("p", { class: "message error", role: "alert" }, describe(problemOf({ error, response }))));
  }
  return h("div", {}, ...heading,
    h("p", { "data-testid": "rewrite-state" }, data.rewriteScriptIds
      ? "Rewriting is on: the sync writes BCP copies with these ids replaced."
      : "Rewriting is off: script developers replace these ids by hand."),
    data.scripts.length === 0 ? h("p", {}, "The primary tenant has no scripts.") : data.scripts.map(script));
}

function script(item: ScriptChecklistItem): HTMLElement {
  const unmapped = item.unmapped ?? [];
  const done = item.ids.filter((id) => id.replaced).length;
  return section(item.name ?? item.primaryId,
    h("p", {}, `Primary id ${item.primaryId}; BCP copy ${item.bcpId ?? "not synced yet"}. `, `${done} of ${item.ids.length} ids replaced.`),
    item.ids.length === 0 ? h("p", {}, "No entity ids found in its content.") : h("table", {},
      h("caption", {}, `Entity ids in ${item.name ?? item.primaryId}`),
      h("thead", {}, h("tr", {}, ["Primary id", "Type", "BCP id to use", "State"].map((title) => h("th", { scope: "col" }, title)))),
      h("tbody", {}, item.ids.map((id) => h("tr", {},
        h("td", {}, h("code", {}, id.primaryId)), h("td", {}, id.type),
        h("td", {}, id.bcpId ? h("code", {}, id.bcpId) : "cannot be mapped"),
        h("td", {}, id.replaced ? "done" : id.bcpId ? "to replace" : "unmapped"))))),
    unmapped.length > 0 ? h("p", { class: "message warning", role: "note" }, `Unmapped ids (no BCP counterpart): ${unmapped.join(", ")}.`) : null);
}
