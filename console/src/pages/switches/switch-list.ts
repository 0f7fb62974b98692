import type { SwitchReport } from "../../api/types";
import { h } from "../../dom";
import { num, sideName, utc } from "../../ui/format";
import { scrollTable } from "../../ui/scroll-table";
import { ms, totalMs } from "./switch-timeline";

/** The pair's switches, newest first: epoch, side, who, when, and the milliseconds from the request to the last step known. */
export function switchList(reports: SwitchReport[], onOpen: (report: SwitchReport) => void): HTMLElement {
  if (reports.length === 0) {
    return h("p", {}, "This pair has not switched yet (a switch that changed nothing, or was refused, has no report).");
  }
  return scrollTable("Switches", h("table", { "data-testid": "switches" },
    h("caption", {}, `${reports.length} ${reports.length === 1 ? "switch" : "switches"}, newest first; total: from the request to the last step known`),
    h("thead", {}, h("tr", {}, ["Epoch", "To", "By", "Requested", "Total"].map((title) => h("th", { scope: "col" }, title)))),
    h("tbody", {}, reports.map((report) => h("tr", { "data-epoch": String(num(report.epoch)), class: "clickable", onclick: () => onOpen(report) },
      // The button is the row's keyboard way in; its click reaches the row's listener.
      h("td", {}, h("button", { type: "button", class: "link", "aria-label": `Timeline of epoch ${num(report.epoch)}` }, String(num(report.epoch)))),
      h("td", { class: "nowrap" }, sideName(report.side)),
      h("td", {}, report.actor.userId, h("br", {}), h("span", { class: "hint" }, `tenant ${report.actor.tenantId}`)),
      h("td", { class: "nowrap" }, utc(report.requestedAt)),
      h("td", { class: "nowrap" }, ms(totalMs(report))))))));
}
