import type { WebhookDelivery } from "../../api/types";
import { h } from "../../dom";
import { utc } from "../../ui/format";
import { scrollTable } from "../../ui/scroll-table";

/** A webhook's deliveries, newest first: the event, attempts, the last answer, and what comes next. */
export function deliveriesTable(url: string, deliveries: WebhookDelivery[]): HTMLElement {
  if (deliveries.length === 0) {
    return h("p", {}, `No event has been sent to ${url} yet.`);
  }
  return scrollTable("Deliveries", h("table", { "data-testid": "deliveries" },
    h("caption", {}, `Deliveries to ${url}, newest first`),
    h("thead", {}, h("tr", {}, ["Event", "Type", "Status", "Attempts", "Last answer", "Next attempt", "Delivered"].map((title) => h("th", { scope: "col" }, title)))),
    h("tbody", {}, deliveries.map((delivery) => h("tr", { "data-status": delivery.status },
      h("td", {}, h("code", {}, delivery.eventId), h("br", {}), h("span", { class: "hint" }, utc(delivery.eventAt))),
      h("td", { class: "nowrap" }, delivery.type),
      h("td", { class: "nowrap" }, delivery.status),
      h("td", {}, String(delivery.attempts)),
      h("td", { class: "nowrap" }, lastAnswer(delivery)),
      h("td", { class: "nowrap" }, delivery.status === "pending" ? utc(delivery.nextAttemptAt) : "—"),
      h("td", { class: "nowrap" }, utc(delivery.deliveredAt)))))));
}

function lastAnswer(delivery: WebhookDelivery): string {
  if (delivery.status === "dropped") {
    // A gap: the queue was full and these events were never sent; eventAt above is the first one's.
    return `${delivery.dropped ?? 0} events dropped unsent (queue full), the last at ${utc(delivery.droppedUntil)}`;
  }
  if (delivery.lastHttpStatus !== null && delivery.lastHttpStatus !== undefined) {
    return `HTTP ${delivery.lastHttpStatus}`;
  }
  return delivery.lastError ?? "—";
}
