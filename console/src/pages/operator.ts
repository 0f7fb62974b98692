import { api, describe, problemOf } from "../api/client";
import type { PairRole, Tenant, TenantRef } from "../api/types";
import { field, h, replace, uid } from "../dom";
import { onSessionEnd } from "../session";
import { pageHeading, section } from "../ui/heading";
import { messageArea } from "../ui/message";
import { pairStatusList } from "../ui/pair-status";
import { passkeyPanel } from "../ui/passkey-panel";
import type { PageContext } from "./page";
import { findByName } from "./operator/find-by-name";

/** Tenants this operator created since signing in (listed apart from the search); gone on reload or sign-out. */
const created: Tenant[] = [];
onSessionEnd(() => created.splice(0));

/**
 * Operator (bcp.setup, docs/console.md): find tenants and pairs by name, create tenants and a pair — the passkey
 * shown once —, rotate a pair's passkey, and switch without passkey, which needs a reason (audited).
 */
export async function operatorPage(context: PageContext): Promise<HTMLElement> {
  const tenantsList = h("div", { "data-testid": "created-tenants" });
  const tenantIds = h("datalist", { id: uid("tenants") });
  const passkeySlot = h("div", {});
  const pairSlot = h("div", { "data-testid": "operator-pair-status" });

  // The pair form offers the tenants created here and the last ones found.
  let found: TenantRef[] = [];
  const showTenants = (): void => {
    const offered = [...created.map((t) => ({ tenantId: t.tenantId, accountName: t.name, region: t.region })),
      ...found.filter((f) => !created.some((t) => t.tenantId === f.tenantId))];
    replace(tenantIds, offered.map((t) => h("option", { value: t.tenantId }, `${t.accountName} (${t.region})`)));
    replace(tenantsList, created.length === 0 ? h("p", {}, "No tenants created in this session yet.") : h("table", {},
      h("caption", {}, "Tenants created in this session"),
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Account name"), h("th", { scope: "col" }, "Region"), h("th", { scope: "col" }, "Tenant id"))),
      h("tbody", {}, created.map((t) => h("tr", {}, h("td", {}, t.name), h("td", {}, t.region), h("td", {}, h("code", {}, t.tenantId)))))));
  };
  const rotatedSlot = h("div", {});
  // A passkey is in the page only while it is shown: leaving the page drops it.
  const showPasskey = (slot: HTMLElement, pairId: string, passkey: string): void => {
    replace(slot, passkeyPanel(pairId, passkey, () => replace(slot)));
    slot.querySelector("button")?.focus();
  };
  context.signal.addEventListener("abort", () => {
    replace(passkeySlot);
    replace(rotatedSlot);
  });

  // Create a tenant.
  const name = field("Account name", { required: true, autocomplete: "off" }, "E.g. Classics Inc., and Classics Inc. BCP for its BCP tenant.");
  const region = field("Region", { required: true, autocomplete: "off", spellcheck: "false" }, "E.g. us-east; a BCP tenant must be in another region.");
  const tenantMessage = messageArea("tenant-message");
  const tenantForm = h("form", { class: "stack", "aria-label": "Create a tenant", onsubmit: (event) => { event.preventDefault(); void createTenant(); } },
    name.row, region.row, h("button", { type: "submit", class: "primary" }, "Create tenant"), tenantMessage.element);
  async function createTenant(): Promise<void> {
    const answer = await api.POST("/tenants", { body: { name: name.input.value, region: region.input.value.trim() } });
    if (answer.data) {
      created.push(answer.data);
      tenantMessage.show("success", `Created ${answer.data.name} (${answer.data.tenantId}).`);
      name.input.value = "";
      region.input.value = "";
      showTenants();
    } else {
      tenantMessage.show("error", describe(problemOf(answer)));
    }
  }

  // Create a pair.
  const primary = field("Primary tenant id", { required: true, list: tenantIds.id, autocomplete: "off", spellcheck: "false", class: "id-input" });
  const bcp = field("BCP tenant id", { required: true, list: tenantIds.id, autocomplete: "off", spellcheck: "false", class: "id-input" });
  const pairMessage = messageArea("pair-message");
  const pairForm = h("form", { class: "stack", "aria-label": "Create a pair", onsubmit: (event) => { event.preventDefault(); void createPair(); } },
    primary.row, bcp.row, h("button", { type: "submit", class: "primary" }, "Create pair"), pairMessage.element);
  async function createPair(): Promise<void> {
    const answer = await api.POST("/tenant-pairs", { body: { primaryTenantId: primary.input.value.trim(), bcpTenantId: bcp.input.value.trim() } });
    if (answer.data) {
      pairMessage.show("success", `Created pair ${answer.data.pairId}: ${answer.data.primary.accountName} → ${answer.data.bcp.accountName}.`);
      pairId.input.value = answer.data.pairId;
      replace(pairSlot, pairStatusList(answer.data));
      showPasskey(passkeySlot, answer.data.pairId, answer.data.passkey ?? "");
    } else {
      pairMessage.show("error", describe(problemOf(answer)));
    }
  }

  // A pair: its status, passkey rotation, a switch without passkey.
  const pairId = field("Pair id", { required: true, autocomplete: "off", spellcheck: "false", class: "id-input" });
  const pairActionMessage = messageArea("pair-action-message");
  const reasonId = uid("reason");
  const reason = h("textarea", { id: reasonId, rows: 2, required: true, maxlength: 500 });
  const sideName = uid("side");
  const sides: Array<[PairRole, string]> = [["bcp", "Activate BCP tenant"], ["primary", "Return to primary"]];
  const sideInputs = sides.map(([side, label], i) => {
    const id = uid("side");
    const input = h("input", { type: "radio", name: sideName, id, value: side, checked: i === 0 });
    return { input, row: h("div", { class: "check" }, input, h("label", { for: id }, label)) };
  });
  const switchForm = h("form", { class: "stack", "aria-label": "Switch without passkey", onsubmit: (event) => { event.preventDefault(); void forceSwitch(); } },
    h("fieldset", {}, h("legend", {}, "Side to make active"), ...sideInputs.map((s) => s.row)),
    h("div", { class: "field" }, h("label", { for: reasonId }, "Reason (required, audited)"), reason),
    h("button", { type: "submit", class: "primary" }, "Switch without passkey"));

  async function showStatus(): Promise<void> {
    const answer = await api.GET("/tenant-pairs/{pairId}", { params: { path: { pairId: pairId.input.value.trim() } } });
    if (answer.data) {
      replace(pairSlot, pairStatusList(answer.data));
      pairActionMessage.clear();
    } else {
      replace(pairSlot);
      pairActionMessage.show("error", describe(problemOf(answer)));
    }
  }
  async function rotate(): Promise<void> {
    const id = pairId.input.value.trim();
    if (!window.confirm(`Rotate the passkey of pair ${id}? The current passkey stops working at once.`)) {
      return;
    }
    const answer = await api.POST("/tenant-pairs/{pairId}/passkey/rotate", { params: { path: { pairId: id } } });
    if (answer.data) {
      pairActionMessage.show("success", "The passkey was rotated: the old one no longer works.");
      showPasskey(rotatedSlot, answer.data.pairId, answer.data.passkey);
    } else {
      pairActionMessage.show("error", describe(problemOf(answer)));
    }
  }
  async function forceSwitch(): Promise<void> {
    const side = sideInputs.find((s) => s.input.checked)?.input.value as PairRole;
    const answer = await api.PUT("/tenant-pairs/{pairId}/active-side", {
      params: { path: { pairId: pairId.input.value.trim() } },
      body: { side, reason: reason.value },
    });
    // A reasoned switch bypasses approval, so its answer is never a switch request (202).
    if (answer.data && !("requestId" in answer.data)) {
      replace(pairSlot, pairStatusList(answer.data));
      pairActionMessage.show("success", answer.data.outcome === "already-active"
        ? "That side was already active: nothing changed."
        : `Switched: ${answer.data.activeAccountName} is now active (epoch ${answer.data.epoch}). Users must log out and log in again.`);
      reason.value = "";
    } else {
      pairActionMessage.show("error", describe(problemOf(answer)));
    }
  }

  const manageSection = section("Manage a pair",
    h("form", { class: "stack", "aria-label": "Find a pair", onsubmit: (event) => { event.preventDefault(); void showStatus(); } },
      pairId.row,
      h("div", { class: "actions" },
        h("button", { type: "submit" }, "Show status"),
        h("button", { type: "button", onclick: () => void rotate() }, "Rotate passkey"))),
    pairActionMessage.element, rotatedSlot, pairSlot,
    h("h3", {}, "Switch without passkey"),
    h("p", {}, "For an account representative when the customer cannot switch (no passkey, a lockout). The reason is audited."),
    switchForm);
  const finder = findByName(
    (tenants) => { found = tenants; showTenants(); },
    (id) => {
      pairId.input.value = id;
      void showStatus();
      pairId.input.focus();
    });

  showTenants();
  return h("div", {},
    ...pageHeading("Operator", "Set up BCP for a customer: two tenants in different regions, then the pair."),
    tenantIds,
    section("Find tenants and pairs", finder),
    section("Create a tenant", tenantForm, tenantsList),
    section("Create a pair", pairForm, passkeySlot),
    manageSection);
}
