import { api } from "../../api/client";
import type { AuditEntry } from "../../api/types";
import { num } from "../../ui/format";

/** An approved switch's approval: who asked for it (the report's actor is the approver, who made it happen), who approved it, and when. */
export interface Approval {
  requestedBy: string;
  requestedByTenantId: string;
  by: string;
  tenantId: string;
  at: string;
}

/**
 * Where each switch's approval is found (docs/approval.md): the report has none, but the `switch` audit entry of an
 * approved switch names its epoch and approver, written at the approval itself (Grains/Pairs/TenantPairGrain.Approval.cs).
 * The trail is read once per page (a costly read, docs/rate-limits.md). Null: not approved; undefined: not known.
 */
export function approvals(pairId: string): (epoch: number) => Promise<Approval | null | undefined> {
  let entries: Promise<AuditEntry[] | null> | null = null;
  return async (epoch) => {
    entries ??= api.GET("/tenant-pairs/{pairId}/audit", { params: { path: { pairId }, query: { limit: 500 } } })
      .then((answer) => answer.data ?? null, () => null);
    const trail = await entries;
    if (!trail) {
      return undefined;
    }
    const entry = trail.find((e) => e.action === "switch" && e.outcome === "switched" && num(e.details?.["epoch"]) === epoch);
    if (!entry) {
      return undefined; // older than the trail's last 500 entries
    }
    const details = entry.details ?? {};
    return details["approvedBy"]
      ? { requestedBy: details["requestedBy"] ?? "", requestedByTenantId: details["requestedByTenantId"] ?? "", by: details["approvedBy"], tenantId: details["approvedByTenantId"] ?? "", at: entry.at }
      : null;
  };
}
