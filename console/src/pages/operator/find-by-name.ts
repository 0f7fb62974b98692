import { api, describe, problemOf } from "../../api/client";
import type { PairEntry, TenantRef } from "../../api/types";
import { field, h } from "../../dom";
import { pagedResults } from "./paged-results";

const pageSize = 10;

/**
 * Find tenants and pairs by name or id (GET /tenants?search=, GET /tenant-pairs?search=), a page at a time.
 * A found tenant is offered to the pair form (<paramref name="onTenants"/>); a found pair can be managed.
 */
export function findByName(onTenants: (tenants: TenantRef[]) => void, onManagePair: (pairId: string) => void): HTMLElement {
  const search = field("Search by name or id", { type: "search", autocomplete: "off", spellcheck: "false", maxlength: 200 },
    "Any part of a name, any case, or the start of an id; empty lists every tenant and pair.");

  const tenants = pagedResults<TenantRef>({
    noun: "Tenants",
    testId: "found-tenants",
    columns: ["Account name", "Region", "Tenant id"],
    load: async (text, token) => {
      const answer = await api.GET("/tenants", { params: { query: { search: text, pageSize, ...(token ? { continuationToken: token } : {}) } } });
      if (!answer.data) {
        return describe(problemOf(answer));
      }
      onTenants(answer.data.items);
      return answer.data;
    },
    row: (t) => h("tr", {}, h("td", {}, t.accountName), h("td", {}, t.region), h("td", {}, h("code", {}, t.tenantId))),
  });

  const pairs = pagedResults<PairEntry>({
    noun: "Pairs",
    testId: "found-pairs",
    columns: ["Primary tenant", "BCP tenant", "Pair id", ""],
    load: async (text, token) => {
      const answer = await api.GET("/tenant-pairs", { params: { query: { search: text, pageSize, ...(token ? { continuationToken: token } : {}) } } });
      return answer.data ?? describe(problemOf(answer));
    },
    row: (p) => h("tr", {},
      h("td", { title: p.primary.tenantId }, p.primary.accountName, h("br", {}), h("span", { class: "hint" }, p.primary.region)),
      h("td", { title: p.bcp.tenantId }, p.bcp.accountName, h("br", {}), h("span", { class: "hint" }, p.bcp.region)),
      h("td", {}, h("code", {}, p.pairId)),
      h("td", {}, h("button", { type: "button", "aria-label": `Manage pair ${p.primary.accountName} → ${p.bcp.accountName}`, onclick: () => onManagePair(p.pairId) }, "Manage"))),
  });

  const form = h("form", { class: "stack", role: "search", "aria-label": "Find tenants and pairs", onsubmit: (event) => {
    event.preventDefault();
    const text = search.input.value.trim();
    void Promise.all([tenants.search(text), pairs.search(text)]);
  } }, search.row, h("button", { type: "submit", class: "primary" }, "Find"));

  return h("div", {}, form, h("h3", {}, "Tenants"), tenants.element, h("h3", {}, "Pairs"), pairs.element);
}
