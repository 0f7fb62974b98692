import { api } from "../../api/client";
import type { FailbackReport } from "../../api/types";

/** GET /tenant-pairs/{pairId}/failback (docs/failback.md), or null when it could not be read. */
export async function readFailback(pairId: string): Promise<FailbackReport | null> {
  try {
    return (await api.GET("/tenant-pairs/{pairId}/failback", { params: { path: { pairId } } })).data ?? null;
  } catch {
    return null; // no answer: the prompt says the changes could not be counted
  }
}

/** How many BCP changes the first sync after the return overwrites or deletes (the return switch's `overwritesBcpChanges`). */
export function overwrittenCount(report: FailbackReport): number {
  return Number(report.counts.overwrite) + Number(report.counts.delete);
}
