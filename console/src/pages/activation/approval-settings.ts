import { api, describe, problemOf } from "../../api/client";
import type { ApprovalSettings } from "../../api/types";
import { h, uid } from "../../dom";
import { messageArea } from "../../ui/message";

/** The window a switch request can be approved in, in minutes (docs/approval.md). */
export const windowRange = { min: 5, max: 60 } as const;

/**
 * Two-person approval (docs/approval.md): whether a passkey switch waits for a second person, and for how long. Editable by
 * an operator or an admin of the primary tenant (the API's rule); everyone else reads it.
 */
export function approvalSettingsForm(pairId: string, settings: ApprovalSettings, canEdit: boolean): HTMLElement {
  const message = messageArea("approval-settings-message");
  const requiredId = uid("approval-required");
  const required = h("input", { type: "checkbox", id: requiredId, checked: settings.required });
  const windowId = uid("approval-window");
  const windowMinutes = h("input", { type: "number", id: windowId, min: windowRange.min, max: windowRange.max, step: 1, required: true,
    value: String(settings.windowMinutes), class: "time-input", "aria-describedby": `${windowId}-hint` });

  async function save(): Promise<void> {
    const answer = await api.PUT("/tenant-pairs/{pairId}/approval", {
      params: { path: { pairId } },
      body: { required: required.checked, windowMinutes: Number(windowMinutes.value) },
    });
    if (answer.data) {
      required.checked = answer.data.required;
      windowMinutes.value = String(answer.data.windowMinutes);
      message.show("success", answer.data.required
        ? `Saved. A passkey switch now waits up to ${answer.data.windowMinutes} minutes for a second person's approval.`
        : "Saved. A passkey switch no longer waits for approval.");
    } else {
      message.show("error", describe(problemOf(answer)));
    }
  }

  return h("form", { class: "stack", "aria-label": "Approval settings", "data-testid": "approval-settings",
    onsubmit: (event) => { event.preventDefault(); void save(); } },
  canEdit ? null : h("p", { class: "hint" }, "Changing these needs bcp.activation.edit of the primary tenant, or an operator."),
  h("fieldset", { class: "stack plain", disabled: !canEdit },
    h("legend", { class: "visually-hidden" }, "Approval settings"),
    h("div", { class: "check" }, required, h("label", { for: requiredId }, "A switch with the passkey needs a second person's approval")),
    h("div", { class: "field" }, h("label", { for: windowId }, "Approval window (minutes)"), windowMinutes,
      h("p", { id: `${windowId}-hint`, class: "hint" },
        `${windowRange.min} to ${windowRange.max}. Another admin of either tenant approves or declines within it; after it the request expires.`)),
    canEdit ? h("button", { type: "submit", class: "primary" }, "Save approval settings") : null),
  message.element);
}

/** The settings read from the API, as a form (or the reason they could not be read). */
export async function approvalSettingsPanel(pairId: string, canEdit: boolean): Promise<HTMLElement> {
  const answer = await api.GET("/tenant-pairs/{pairId}/approval", { params: { path: { pairId } } });
  return answer.data
    ? approvalSettingsForm(pairId, answer.data, canEdit)
    : h("p", { class: "message error", role: "alert" }, describe(problemOf(answer)));
}
