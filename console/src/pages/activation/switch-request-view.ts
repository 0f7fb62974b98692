import type { SwitchRequest } from "../../api/types";
import { h, type Child } from "../../dom";
import { countdown } from "../../ui/countdown";
import { theSide, utc } from "../../ui/format";

/** What the signed-in user can do with the request shown. */
export interface SwitchRequestActions {
  approve: () => void;
  decline: () => void;
  /** Read it again (when its window has run out on this clock). */
  expired: () => void;
}

/** Why a request is no longer pending, by its status (or a 409's `requestStatus`: docs/approval.md). */
export function closedReason(status: string, request?: SwitchRequest): string {
  const by = request?.decidedBy ? ` by ${request.decidedBy} (tenant ${request.decidedByTenantId})` : "";
  const at = request?.decidedAt ? ` at ${utc(request.decidedAt)}` : "";
  switch (status) {
    case "approved":
      return `It was approved${by}${at}: the pair switched.`;
    case "declined":
      return `It was declined${by}${at}: nothing switched.`;
    case "expired":
      return `It expired: nobody approved it within the approval window${request ? ` (it ended at ${utc(request.expiresAt)})` : ""}. Nothing switched.`;
    case "superseded":
      return `It was superseded${at}: the pair switched another way (an operator's switch), or approval was turned off. It can no longer be approved.`;
    default:
      return `It is ${status}.`;
  }
}

/**
 * A switch request as the signed-in user sees it: the requester waits for a second person (and may withdraw), anyone
 * else with bcp.activation.edit of either tenant approves or declines; a decided or expired request says why it is closed.
 */
export function switchRequestView(request: SwitchRequest, ownRequest: boolean, actions: SwitchRequestActions, signal: AbortSignal): HTMLElement {
  const target = theSide(request.side);
  const frame = (tone: string, role: string, ...content: Child[]): HTMLElement =>
    h("div", { class: `message ${tone} switch-request`, role, "aria-label": "Switch request", "data-testid": "switch-request", "data-status": request.status }, ...content);
  if (request.status !== "pending") {
    return frame(request.status === "approved" ? "success" : "warning", "status",
      h("strong", {}, `The switch request to ${target} is ${request.status}. `), closedReason(request.status, request));
  }
  const expiresAt = new Date(request.expiresAt);
  const left = h("span", {}, " It expires in ", countdown(expiresAt, signal, actions.expired), ` (at ${utc(request.expiresAt)}).`);
  if (ownRequest) {
    return frame("info", "region",
      h("strong", { "data-testid": "waiting-for-approval" }, "Waiting for a second person. "),
      `Your switch to ${target} needs another admin of either tenant to approve it. Nothing has switched yet.`, left,
      h("div", { class: "actions" }, h("button", { type: "button", onclick: actions.decline }, "Withdraw request")));
  }
  return frame("warning", "region",
    h("strong", {}, "A switch waits for your approval. "),
    `${request.requestedBy} (tenant ${request.requestedByTenantId}) asked at ${utc(request.requestedAt)} to switch to ${target}.`, left,
    h("div", { class: "actions" },
      h("button", { type: "button", class: "primary", onclick: actions.approve }, `Approve: switch to ${target}`),
      h("button", { type: "button", onclick: actions.decline }, "Decline")));
}
