import { api, describe, problemOf, problemSlug } from "../../api/client";
import type { PairStatus, SwitchRequest } from "../../api/types";
import { h, replace } from "../../dom";
import type { Claims } from "../../session";
import { num, theSide } from "../../ui/format";
import { messageArea } from "../../ui/message";
import { isRequester, latestSwitchRequest } from "./latest-switch-request";
import { closedReason, switchRequestView } from "./switch-request-view";

/** How often a pending request is read again, and how often the pair is asked whether one was made. */
const pendingPollMs = 3_000;
const discoverPollMs = 5_000;

export interface SwitchRequestWatch {
  element: HTMLElement;
  /** Shows a request this view just made (a switch's 202) and follows it. */
  follow: (request: SwitchRequest) => void;
  /** Asks the pair again now (e.g. after a 409 switch-request-pending). */
  refresh: () => Promise<void>;
}

/**
 * The pair's pending switch request (docs/approval.md) for a user with bcp.activation.edit, read until it is decided:
 * Approve / Decline for anyone but the requester, "waiting for a second person" for the requester. A request first seen
 * closed is not shown (it is history, in the audit log); one that closes while shown says why. `onSwitched` gets the
 * pair's status when this user's approval switched it; `onDecidedElsewhere` hears of a shown request closed by someone else.
 */
export function watchSwitchRequests(
  pairId: string, claims: Claims, signal: AbortSignal, onSwitched: (status: PairStatus) => void, onDecidedElsewhere?: () => void,
): SwitchRequestWatch {
  const element = h("div", { class: "switch-request-slot" });
  const requestSlot = h("div", {});
  const result = messageArea("switch-request-result");
  element.append(requestSlot, result.element);
  let shown: SwitchRequest | null = null;
  let drawn: AbortController | null = null;
  let timer: number | undefined;
  let reading: Promise<void> | null = null;
  signal.addEventListener("abort", () => { drawn?.abort(); window.clearTimeout(timer); });

  function draw(request: SwitchRequest | null): void {
    shown = request;
    drawn?.abort();
    drawn = new AbortController();
    signal.addEventListener("abort", () => drawn?.abort());
    replace(requestSlot, request ? switchRequestView(request, isRequester(request, claims), {
      approve: () => void approve(request),
      decline: () => void decline(request),
      expired: () => void refresh(),
    }, drawn.signal) : null);
  }

  async function read(): Promise<SwitchRequest | null> {
    if (shown?.status === "pending") {
      const { data } = await api.GET("/tenant-pairs/{pairId}/switch-requests/{requestId}", { params: { path: { pairId, requestId: shown.requestId } } });
      return data ?? shown;
    }
    const latest = await latestSwitchRequest(pairId);
    // A closed request stays shown; a new pending one replaces it.
    return latest?.status === "pending" ? latest : shown;
  }

  /** One read at a time; the next is scheduled when it ends, sooner while a request is pending. */
  function refresh(): Promise<void> {
    reading ??= poll().finally(() => {
      reading = null;
      window.clearTimeout(timer);
      if (!signal.aborted) {
        timer = window.setTimeout(() => void refresh(), shown?.status === "pending" ? pendingPollMs : discoverPollMs);
      }
    });
    return reading;
  }

  async function poll(): Promise<void> {
    const before = shown;
    try {
      const next = await read();
      // Drawn meanwhile (an approval's answer): that is newer than this read.
      if (!signal.aborted && shown === before && (next?.requestId !== shown?.requestId || next?.status !== shown?.status)) {
        draw(next);
        if (before?.status === "pending" && next?.requestId === before.requestId && next.status !== "pending") {
          onDecidedElsewhere?.();
        }
      }
    } catch {
      // No answer (server unreachable): keep what is shown and ask again at the next poll.
    }
  }

  async function approve(request: SwitchRequest): Promise<void> {
    result.clear();
    const answer = await api.POST("/tenant-pairs/{pairId}/switch-requests/{requestId}/approve", { params: { path: { pairId, requestId: request.requestId } } });
    if (answer.data) {
      draw({ ...request, status: "approved", decidedBy: claims.userId, decidedByTenantId: claims.tenantId, decidedAt: new Date().toISOString() });
      const active = answer.data.activeSide === "bcp" ? answer.data.bcp : answer.data.primary;
      result.show("success", h("strong", {}, "Approved: switched. "),
        `${active.accountName} (${theSide(answer.data.activeSide)}) is now active, epoch ${num(answer.data.epoch)}. `,
        h("strong", { "data-testid": "approval-relogin" }, "Users must log out and log in again."));
      onSwitched(answer.data);
      return;
    }
    refused(problemOf(answer), "approved");
  }

  async function decline(request: SwitchRequest): Promise<void> {
    result.clear();
    const answer = await api.POST("/tenant-pairs/{pairId}/switch-requests/{requestId}/decline", { params: { path: { pairId, requestId: request.requestId } } });
    if (answer.data) {
      draw(answer.data);
      return;
    }
    refused(problemOf(answer), "declined");
  }

  /** A refusal: self-approval, or the request closed meanwhile (409 naming why, with `requestStatus`). */
  function refused(problem: ReturnType<typeof problemOf>, verb: string): void {
    const slug = problemSlug(problem);
    const status = (problem as { requestStatus?: unknown }).requestStatus;
    if (slug === "self-approval") {
      result.show("error", h("strong", {}, "You cannot approve your own switch request. "), "Another admin of either tenant approves it.");
    } else if (typeof status === "string") {
      result.show("error", h("strong", { "data-testid": "request-closed" }, `Not ${verb}: the request is ${status}. `), closedReason(status));
      if (shown) {
        draw({ ...shown, status: status as SwitchRequest["status"] });
      }
    } else {
      result.show("error", h("strong", {}, `Not ${verb}. `), describe(problem));
    }
    void refresh();
  }

  void refresh();
  return {
    element,
    follow: (request) => { result.clear(); draw(request); void refresh(); },
    refresh,
  };
}
