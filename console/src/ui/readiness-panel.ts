import { api, describe, problemOf } from "../api/client";
import type { Readiness, ReadinessCheck } from "../api/types";
import { h, replace } from "../dom";
import { utc } from "./format";

export const verdictText: Record<string, string> = {
  ready: "Ready: the BCP tenant would carry the calls.",
  degraded: "Degraded: the BCP tenant would carry the calls, with the warnings below.",
  "not-ready": "Not ready: the BCP tenant would not carry all the calls.",
};

const checkNames: Record<string, string> = {
  "last-sync": "Last sync",
  drift: "Changes since the last sync",
  "voice-points-of-contact": "Voice points of contact",
  references: "References",
  scripts: "Scripts",
  "bcp-access": "BCP access",
  stores: "Stores",
};

/**
 * The pair's readiness report next to the switch (docs/readiness.md): the verdict first, then each check with
 * its status and summary, the entities it names behind a disclosure. It informs; it never blocks the switch.
 * `onReport` gets each report read (null when it could not be read), for the verdict beside the switch.
 */
export function readinessPanel(pairId: string, signal: AbortSignal, onReport?: (readiness: Readiness | null) => void): { element: HTMLElement; refresh: () => Promise<void> } {
  const body = h("div", { "data-testid": "readiness-body", "aria-live": "polite" }, h("p", { class: "hint" }, "Checking readiness…"));
  const button = h("button", { type: "button", "data-testid": "readiness-refresh" }, "Refresh");
  const element = h("div", { class: "readiness", "data-testid": "readiness" },
    h("div", { class: "actions" }, h("h3", {}, "Readiness"), button), body);

  async function refresh(): Promise<void> {
    button.disabled = true;
    const { data, error, response } = await api.GET("/tenant-pairs/{pairId}/readiness", { params: { path: { pairId } } });
    button.disabled = false;
    if (signal.aborted) {
      return;
    }
    replace(body, data ? report(data) : h("p", { class: "message error", role: "alert" }, describe(problemOf({ error, response }))));
    onReport?.(data ?? null);
  }

  button.addEventListener("click", () => void refresh());
  return { element, refresh };
}

function report(readiness: Readiness): HTMLElement {
  return h("div", {},
    h("p", { class: `readiness-verdict ${readiness.verdict}`, "data-testid": "readiness-verdict", "data-verdict": readiness.verdict },
      h("strong", {}, verdictText[readiness.verdict] ?? readiness.verdict)),
    h("p", { class: "hint" }, `Checked ${utc(readiness.checkedAt)}. The report never blocks a switch: you decide.`),
    h("ul", { class: "readiness-checks", "aria-label": "Readiness checks" }, readiness.checks.map(check)));
}

function check(item: ReadinessCheck): HTMLElement {
  return h("li", { "data-testid": `readiness-check-${item.id}`, "data-status": item.status },
    h("span", { class: `check-status ${item.status}` }, item.status),
    h("strong", {}, ` ${checkNames[item.id] ?? item.id}: `),
    item.summary,
    item.items.length > 0 ? items(item) : null);
}

function items(item: ReadinessCheck): HTMLElement {
  return h("details", {},
    h("summary", {}, `${item.items.length} ${item.items.length === 1 ? "item" : "items"}`),
    h("table", {},
      h("thead", {}, h("tr", {}, ...["Type", "Primary id", "BCP id", "Name", "Field", "Detail"].map((name) => h("th", { scope: "col" }, name)))),
      h("tbody", {}, item.items.map((entry) => h("tr", {},
        ...[entry.type, entry.primaryId, entry.bcpId, entry.name, entry.field, entry.detail].map((value) => h("td", {}, value ?? "—")))))));
}
