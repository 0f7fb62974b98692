import { api, describe, problemOf } from "../api/client";
import { webhookEventTypes, type Webhook } from "../api/types";
import { field, h, replace, uid } from "../dom";
import { getSession } from "../session";
import { utc } from "../ui/format";
import { pageHeading, section } from "../ui/heading";
import { messageArea } from "../ui/message";
import { scrollTable } from "../ui/scroll-table";
import { secretPanel } from "../ui/secret-panel";
import { deliveriesTable } from "./notifications/deliveries-table";
import type { PageContext } from "./page";

/**
 * Notifications (docs/webhooks.md): the pair's webhooks — register one (its signing secret
 * shown once), see how deliveries went, remove one. The secret is in the page only while it is shown.
 */
export async function notificationsPage(context: PageContext): Promise<HTMLElement> {
  const pairId = (getSession() ?? context.session).me!.pairId!;
  const listSlot = h("div", { "data-testid": "webhooks" });
  const secretSlot = h("div", {});
  const deliveriesSlot = h("div", {});
  const listMessage = messageArea("webhooks-message");
  context.signal.addEventListener("abort", () => replace(secretSlot));

  const url = field("Receiver URL", { required: true, type: "url", autocomplete: "off", spellcheck: "false", class: "id-input" },
    "https on a public address (plain http and loopback only on a Development server).");
  const events = webhookEventTypes.map((type) => {
    const id = uid("event");
    const input = h("input", { type: "checkbox", id, value: type, checked: type.startsWith("switch.") });
    return { input, row: h("div", { class: "check" }, input, h("label", { for: id }, type)) };
  });
  const createMessage = messageArea("webhook-create-message");
  const form = h("form", { class: "stack", "aria-label": "Register a webhook", onsubmit: (event) => { event.preventDefault(); void create(); } },
    url.row,
    h("fieldset", {}, h("legend", {}, "Events"), events.map((e) => e.row)),
    h("button", { type: "submit", class: "primary" }, "Register webhook"),
    createMessage.element);

  async function create(): Promise<void> {
    const body = { url: url.input.value.trim(), events: events.filter((e) => e.input.checked).map((e) => e.input.value) };
    const answer = await api.POST("/tenant-pairs/{pairId}/webhooks", { params: { path: { pairId } }, body });
    if (!answer.data) {
      createMessage.show("error", describe(problemOf(answer)));
      return;
    }
    createMessage.show("success", `Registered ${answer.data.url}.`);
    url.input.value = "";
    replace(secretSlot, secretPanel(answer.data.url, answer.data.secret, () => replace(secretSlot)));
    secretSlot.querySelector("button")?.focus();
    await load();
  }

  async function load(): Promise<void> {
    const answer = await api.GET("/tenant-pairs/{pairId}/webhooks", { params: { path: { pairId } } });
    if (!answer.data) {
      listMessage.show("error", describe(problemOf(answer)));
      return;
    }
    replace(listSlot, answer.data.length === 0 ? h("p", {}, "No webhook is registered: nobody is told of switches or sync runs.") : scrollTable("Webhooks", h("table", {},
      h("caption", {}, `${answer.data.length} ${answer.data.length === 1 ? "webhook" : "webhooks"}`),
      h("thead", {}, h("tr", {}, ["URL", "Events", "Registered", "Last delivery", ""].map((title) => h("th", { scope: "col" }, title)))),
      h("tbody", {}, answer.data.map(row)))));
  }

  function row(webhook: Webhook): HTMLElement {
    const last = webhook.lastDelivery;
    return h("tr", { "data-webhook": webhook.webhookId },
      h("td", {}, h("code", {}, webhook.url)),
      h("td", {}, webhook.events.join(", ")),
      h("td", { class: "nowrap" }, utc(webhook.createdAt)),
      h("td", {}, last ? `${last.type}: ${last.status} after ${last.attempts} ${last.attempts === 1 ? "attempt" : "attempts"}` : "—"),
      h("td", { class: "actions" },
        h("button", { type: "button", onclick: () => void showDeliveries(webhook) }, "Deliveries"),
        h("button", { type: "button", "aria-label": `Remove ${webhook.url}`, onclick: () => void remove(webhook) }, "Remove")));
  }

  async function showDeliveries(webhook: Webhook): Promise<void> {
    const answer = await api.GET("/tenant-pairs/{pairId}/webhooks/{webhookId}/deliveries",
      { params: { path: { pairId, webhookId: webhook.webhookId }, query: { limit: 50 } } });
    replace(deliveriesSlot, answer.data ? deliveriesTable(webhook.url, answer.data) : h("p", { class: "message error", role: "alert" }, describe(problemOf(answer))));
  }

  async function remove(webhook: Webhook): Promise<void> {
    const answer = await api.DELETE("/tenant-pairs/{pairId}/webhooks/{webhookId}", { params: { path: { pairId, webhookId: webhook.webhookId } } });
    if (answer.response.ok) {
      listMessage.show("success", `Removed ${webhook.url}: it gets no more deliveries.`);
      replace(deliveriesSlot);
    } else {
      listMessage.show("error", describe(problemOf(answer)));
    }
    await load();
  }

  await load();
  return h("div", {},
    ...pageHeading("Notifications", "Who is told, at once, when this pair switches or syncs: signed webhooks (Standard Webhooks), retried for up to 24 hours."),
    section("Webhooks", listMessage.element, listSlot, deliveriesSlot),
    section("Register a webhook", form, secretSlot));
}
