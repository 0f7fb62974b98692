import type { Drill } from "../../api/types";
import { h } from "../../dom";
import { num, sideName, utc } from "../../ui/format";
import { scrollTable } from "../../ui/scroll-table";
import { drillActor, stepName } from "./drill-report";

/** The kept drills, newest first (as the API lists them); a click on a row, or its button, opens that drill's steps. */
export function drillHistory(drills: Drill[], onOpen: (drill: Drill) => void): HTMLElement {
  if (drills.length === 0) {
    return h("p", {}, "No drill has run yet.");
  }
  return scrollTable("Drill history", h("table", { "data-testid": "drills" },
    h("caption", {}, `${drills.length} ${drills.length === 1 ? "drill" : "drills"}, newest first`),
    h("thead", {}, h("tr", {}, ["Started", "To", "Outcome", "Failed steps", "By", "Took"].map((title) => h("th", { scope: "col" }, title)))),
    h("tbody", {}, drills.map((drill) => h("tr", { "data-drill": drill.drillId, "data-outcome": drill.outcome, class: "clickable", onclick: () => onOpen(drill) },
      // The button is the row's keyboard way in; its click reaches the row's listener.
      h("td", { class: "nowrap" }, h("button", { type: "button", class: "link" }, utc(drill.startedAt))),
      h("td", { class: "nowrap" }, sideName(drill.side)),
      h("td", { class: "nowrap" }, drill.outcome),
      h("td", {}, drill.steps.filter((step) => step.status === "failed").map((step) => stepName(step.id)).join(", ") || "—"),
      h("td", {}, drillActor(drill.actor)),
      h("td", { class: "nowrap" }, `${num(drill.tookMs)} ms`))))));
}
