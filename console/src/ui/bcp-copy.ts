import { api, describe, problemOf } from "../api/client";
import { h } from "../dom";
import { age, utc } from "./format";
import { verdictText } from "./readiness-panel";

/** How many runs back the last successful sync is looked for (as the Sync page's history shows). */
const runsRead = 20;

/**
 * How old the BCP tenant's copy is — the last successful sync run's end and its age — and the readiness verdict:
 * what an admin needs to know before switching, at a glance (the Overview).
 */
export async function bcpCopyFacts(pairId: string): Promise<HTMLElement> {
  const [runs, readiness] = await Promise.all([
    api.GET("/tenant-pairs/{pairId}/sync/runs", { params: { path: { pairId }, query: { limit: runsRead } } }),
    api.GET("/tenant-pairs/{pairId}/readiness", { params: { path: { pairId } } }),
  ]);
  const lastGood = runs.data?.find((run) => run.outcome === "succeeded");
  const finished = lastGood?.finishedAt ?? lastGood?.startedAt;
  return h("dl", { class: "facts", "data-testid": "bcp-copy" },
    h("dt", {}, "Last successful sync"),
    h("dd", { "data-testid": "last-good-sync" }, !runs.data
      ? describe(problemOf(runs))
      : finished
        ? `${utc(finished)} — the BCP copy is ${age(finished)} old`
        : `none in the last ${runsRead} runs: the BCP tenant may hold no copy`),
    h("dt", {}, "Readiness"),
    h("dd", { "data-testid": "overview-readiness", "data-verdict": readiness.data?.verdict ?? null },
      readiness.data ? (verdictText[readiness.data.verdict] ?? readiness.data.verdict) : describe(problemOf(readiness))));
}
