import { api, describe, problemOf } from "../api/client";
import type { AuditEntry } from "../api/types";
import { h, replace, uid } from "../dom";
import { getSession } from "../session";
import { num, utc } from "../ui/format";
import { pageHeading } from "../ui/heading";
import { scrollTable } from "../ui/scroll-table";
import type { PageContext } from "./page";

/** Audit log (docs/api.md, "Behaviour worth knowing"): the pair's append-only trail, newest first, filtered by action. */
export async function auditPage(context: PageContext): Promise<HTMLElement> {
  const pairId = (getSession() ?? context.session).me!.pairId!;
  const { data, error, response } = await api.GET("/tenant-pairs/{pairId}/audit", { params: { path: { pairId }, query: { limit: 500 } } });
  if (!data) {
    return h("div", {}, ...pageHeading("Audit log"), h("p", { class: "message error", role: "alert" }, describe(problemOf({ error, response }))));
  }
  const entries = [...data].sort((a, b) => num(b.sequence) - num(a.sequence));
  const actions = [...new Set(entries.map((entry) => entry.action))].sort();
  const filterId = uid("action");
  const filter = h("select", { id: filterId, onchange: () => draw() },
    h("option", { value: "" }, "All actions"), actions.map((action) => h("option", { value: action }, action)));
  const tableSlot = h("div", { "data-testid": "audit" });

  function draw(): void {
    const shown = entries.filter((entry) => !filter.value || entry.action === filter.value);
    replace(tableSlot, scrollTable("Audit entries", h("table", {},
      h("caption", {}, `${shown.length} ${shown.length === 1 ? "entry" : "entries"}, newest first`),
      h("thead", {}, h("tr", {}, ["#", "When", "Who", "Action", "Outcome", "Details"].map((title) => h("th", { scope: "col" }, title)))),
      h("tbody", {}, shown.map(row)))));
  }
  draw();

  return h("div", {},
    ...pageHeading("Audit log", "Every switch attempt, passkey rotation, sync change and run, and BCP type change of this pair."),
    h("div", { class: "field inline" }, h("label", { for: filterId }, "Action"), filter),
    tableSlot);
}

function row(entry: AuditEntry): HTMLElement {
  const details = Object.entries(entry.details ?? {});
  return h("tr", { "data-action": entry.action },
    h("td", {}, String(num(entry.sequence))),
    h("td", { class: "nowrap" }, utc(entry.at)),
    h("td", { "data-testid": "audit-who" },
      h("span", { title: `user ${entry.actorUserId}` }, entry.actorUsername ?? entry.actorUserId), h("br", {}),
      h("span", { class: "hint", title: `tenant ${entry.actorTenantId}` }, entry.actorAccountName ?? `tenant ${entry.actorTenantId}`)),
    h("td", { class: "nowrap" }, entry.action),
    h("td", { class: "nowrap" }, entry.outcome),
    h("td", {}, details.length === 0 ? "—" : h("ul", { class: "details" }, details.map(([key, value]) => h("li", {}, `${key}: ${value}`)))));
}
