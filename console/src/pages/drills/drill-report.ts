import type { Drill, DrillStep } from "../../api/types";
import { h } from "../../dom";
import { num, theSide, utc } from "../../ui/format";
import { scrollTable } from "../../ui/scroll-table";

const stepNames: Record<string, string> = {
  passkey: "Passkey",
  readiness: "Readiness",
  logins: "Logins",
  routing: "Voice routing",
  nodes: "Nodes",
};

/** Who ran a drill: a user of a tenant, or the weekly schedule (actor `schedule` of tenant `system`, docs/drills.md). */
export function drillActor(actor: Drill["actor"]): string {
  return actor.userId === "schedule" && actor.tenantId === "system" ? "the weekly schedule" : `${actor.userId} (tenant ${actor.tenantId})`;
}

export function stepName(id: string): string {
  return stepNames[id] ?? id;
}

/** A drill (docs/drills.md): its outcome, then every step in the order it ran with its status, summary, time, counts and items. */
export function drillReport(drill: Drill): HTMLElement {
  const failed = drill.steps.filter((step) => step.status === "failed").map((step) => stepName(step.id));
  return h("div", { class: "drill", "data-testid": "drill-report", "data-outcome": drill.outcome },
    h("p", { class: `outcome ${drill.outcome === "passed" ? "succeeded" : "failed"}`, "data-testid": "drill-outcome" },
      drill.outcome === "passed"
        ? `Passed: a switch to ${theSide(drill.side)} would pass every step.`
        : `Failed: a switch to ${theSide(drill.side)} would fail at ${failed.join(", ")}.`),
    h("p", { class: "hint" }, `Drill ${drill.drillId}, started ${utc(drill.startedAt)} by ${drillActor(drill.actor)}, took ${num(drill.tookMs)} ms. Nothing was switched.`),
    h("ol", { class: "drill-steps", "aria-label": "Steps" }, drill.steps.map(step)));
}

function step(item: DrillStep): HTMLElement {
  const counts = Object.entries(item.counts ?? {});
  return h("li", { "data-testid": `drill-step-${item.id}`, "data-status": item.status },
    h("span", { class: `check-status ${item.status === "passed" ? "pass" : "fail"}` }, item.status),
    h("strong", {}, ` ${stepName(item.id)}: `),
    item.summary,
    h("span", { class: "hint" }, ` (${num(item.tookMs)} ms)`),
    counts.length > 0 ? h("p", { class: "hint", "data-testid": "step-counts" }, counts.map(([name, count]) => `${name} ${num(count)}`).join(" · ")) : null,
    item.items.length > 0 ? items(item) : null);
}

/** The items a step names (at most 100; the counts count them all), open when the step failed. */
function items(item: DrillStep): HTMLElement {
  return h("details", { open: item.status === "failed" },
    h("summary", {}, `${item.items.length} ${item.items.length === 1 ? "item" : "items"}`),
    scrollTable(`${stepName(item.id)} items`, h("table", {},
      h("thead", {}, h("tr", {}, ["Id", "Name", "Outcome", "Detail"].map((title) => h("th", { scope: "col" }, title)))),
      h("tbody", {}, item.items.map((entry) => h("tr", {},
        h("td", {}, h("code", {}, entry.id)), h("td", {}, entry.name ?? "—"), h("td", { class: "nowrap" }, entry.outcome), h("td", {}, entry.detail ?? "—")))))));
}
