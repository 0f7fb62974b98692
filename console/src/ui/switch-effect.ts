import type { PairStatus } from "../api/types";
import { num } from "./format";

type LastSwitch = NonNullable<PairStatus["lastSwitch"]>;

/** How often, and how many times, a page asks again while a switch is still taking effect (it settles within 1 s). */
const followEveryMs = 200;
const followTimes = 25;

/**
 * When the last switch took effect on every node (docs/api.md, "Effective everywhere"): "effective on 3 of 3 nodes
 * after 42 ms", "effective on 2 of 3 nodes; not acknowledged: …", or "taking effect…" while nodes are counted.
 * Null when the pair has no record of it.
 */
export function switchEffectText(last: LastSwitch | null | undefined): string | null {
  if (!last || last.nodesExpected === null || last.nodesExpected === undefined) {
    return null;
  }
  const of = `${num(last.nodesAcknowledged)} of ${num(last.nodesExpected)} nodes`;
  if (last.effectiveEverywhereAt) {
    return `effective on ${of} after ${Math.round(num(last.effectiveAfterMs))} ms`;
  }
  const silent = last.unacknowledgedNodes ?? [];
  return silent.length > 0 ? `effective on ${of}; not acknowledged: ${silent.join(", ")}` : "taking effect…";
}

/** Whether the last switch's nodes are still being counted. */
export function takingEffect(status: PairStatus): boolean {
  return switchEffectText(status.lastSwitch) === "taking effect…";
}

/**
 * While the last switch is taking effect, reads the status again every 200 ms (at most 5 s) and hands each
 * answer to `show`, until it has settled or `signal` aborts.
 */
export async function followSwitchEffect(
  status: PairStatus, read: () => Promise<PairStatus | undefined>, signal: AbortSignal, show: (next: PairStatus) => void,
): Promise<void> {
  let current = status;
  for (let i = 0; i < followTimes && takingEffect(current) && !signal.aborted; i++) {
    await new Promise((resolve) => window.setTimeout(resolve, followEveryMs));
    const next = signal.aborted ? undefined : await read();
    if (next && !signal.aborted) {
      current = next;
      show(next);
    }
  }
}
