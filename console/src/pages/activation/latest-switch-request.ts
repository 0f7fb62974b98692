import { api } from "../../api/client";
import type { SwitchRequest } from "../../api/types";
import { num } from "../../ui/format";

/** Audit entries read to find the latest request: a request lives at most 60 minutes, far fewer entries than these. */
const auditEntriesRead = 200;

/**
 * The pair's latest switch request, whatever its status, or null when approval is off or there is none. The API lists no
 * requests; each one is audited as `switch-request` `requested` with its id (docs/approval.md), so the newest such
 * entry names it. Approval off means no request can be pending (turning it off supersedes one).
 */
export async function latestSwitchRequest(pairId: string): Promise<SwitchRequest | null> {
  const settings = await api.GET("/tenant-pairs/{pairId}/approval", { params: { path: { pairId } } });
  if (!settings.data?.required) {
    return null;
  }
  const audit = await api.GET("/tenant-pairs/{pairId}/audit", { params: { path: { pairId }, query: { limit: auditEntriesRead } } });
  const requested = (audit.data ?? [])
    .filter((entry) => entry.action === "switch-request" && entry.outcome === "requested")
    .sort((a, b) => num(b.sequence) - num(a.sequence))[0];
  const requestId = (requested?.details as Record<string, unknown> | undefined)?.["requestId"];
  if (typeof requestId !== "string") {
    return null;
  }
  return (await api.GET("/tenant-pairs/{pairId}/switch-requests/{requestId}", { params: { path: { pairId, requestId } } })).data ?? null;
}

/** Whether the signed-in user asked for `request` (the API refuses their approval: 403 self-approval). */
export function isRequester(request: SwitchRequest, claims: { userId: string; tenantId: string }): boolean {
  return request.requestedBy === claims.userId && request.requestedByTenantId === claims.tenantId;
}
