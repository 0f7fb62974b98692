import { api } from "../../api/client";
import type { SwitchRequest } from "../../api/types";

/**
 * The pair's latest switch request, whatever its status, or null when approval is off or there is none. The approval
 * read carries it (`latestRequest`, docs/approval.md). Approval off means no request can be pending (turning it off
 * supersedes one).
 */
export async function latestSwitchRequest(pairId: string): Promise<SwitchRequest | null> {
  const settings = await api.GET("/tenant-pairs/{pairId}/approval", { params: { path: { pairId } } });
  return settings.data?.required ? settings.data.latestRequest ?? null : null;
}

/** Whether the signed-in user asked for `request` (the API refuses their approval: 403 self-approval). */
export function isRequester(request: SwitchRequest, claims: { userId: string; tenantId: string }): boolean {
  return request.requestedBy === claims.userId && request.requestedByTenantId === claims.tenantId;
}
