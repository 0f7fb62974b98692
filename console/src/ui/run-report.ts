import { entityTypes, type RunReport, type TypeCounts } from "../api/types";
import { h } from "../dom";
import { num, utc } from "./format";
import { heldDeletes } from "./held-deletes";

const countNames = ["created", "updated", "deleted", "unchanged", "skipped"] as const;

const skipReasons: Record<string, string> = {
  "bcp-active": "the BCP tenant is active, so nothing was copied (sync pauses while the BCP side is active)",
  disabled: "sync is disabled for this pair",
};

const cancelReasons: Record<string, string> = {
  "bcp-activated": "the pair switched to the BCP side while the run ran, so it wrote nothing more to the now-live BCP tenant",
  switched: "the pair switched while the run ran; the next run copies what is left",
  "taken-over": "the run stopped reporting and another run took over, so this one wrote nothing more",
};

/** One line about a run: when, why, how it ended. */
export function runSummary(run: RunReport): string {
  const ended = run.finishedAt ? `, ended ${utc(run.finishedAt)}` : "";
  return `${utc(run.startedAt)} · ${run.trigger === "manual" ? "run now" : "daily schedule"} · ${run.outcome}${ended}`;
}

/**
 * Everything a run report says: progress while it runs, why it was skipped or cancelled, per-type counts, held deletes (with
 * `onRelease`, a Release button), warnings, the error.
 */
export function runDetails(run: RunReport, onRelease?: (run: RunReport) => void): HTMLElement {
  return h("div", { class: "run", "data-testid": "run-report", "data-outcome": run.outcome ?? "" },
    h("p", { class: `outcome ${run.outcome ?? ""}`, "data-testid": "run-outcome" }, outcomeText(run)),
    run.outcome === "running" || (run.outcome === "cancelled" && Object.keys(run.progress ?? {}).length > 0) ? progress(run) : null,
    run.error ? h("p", { class: "message error", role: "note" }, `Error: ${run.error}${run.errorCode ? ` (${run.errorCode})` : ""}`) : null,
    Object.keys(run.counts ?? {}).length > 0 ? counts(run.counts) : null,
    heldDeletes(run, onRelease),
    warnings(run));
}

function outcomeText(run: RunReport): string {
  switch (run.outcome) {
    case "running": return "Running…";
    case "succeeded": return "Succeeded.";
    case "failed": return "Failed.";
    case "skipped": {
      const reason = run.skipReason ? skipReasons[run.skipReason] ?? run.skipReason : null;
      return reason ? `Skipped: ${reason}.` : "Skipped.";
    }
    case "cancelled": {
      const reason = run.cancelReason ? cancelReasons[run.cancelReason] ?? run.cancelReason : null;
      return reason ? `Cancelled: ${reason}.` : "Cancelled.";
    }
    default: return String(run.outcome);
  }
}

/** Per type: planned and done so far (where a cancelled run stopped), when the API reports it. */
function progress(run: RunReport): HTMLElement | null {
  const entries = Object.entries(run.progress ?? {});
  if (entries.length === 0) {
    return h("p", { role: "status", "data-testid": "run-running" }, "The run is in progress.");
  }
  return h("ul", { class: "progress-list", "data-testid": "run-progress", "aria-label": "Progress per entity type" },
    entries.map(([type, step]) => {
      const planned = num(step.planned);
      const done = num(step.done);
      return h("li", {},
        h("span", { class: "progress-type" }, type),
        h("progress", { max: Math.max(planned, 1), value: done, "aria-label": `${type}: ${done} of ${planned}` }),
        h("span", { class: "progress-figures" }, `${done} / ${planned}`));
    }));
}

function counts(byType: Record<string, TypeCounts>): HTMLElement {
  const order = (type: string): number => ((entityTypes as readonly string[]).indexOf(type) + 100) % 100;
  const types = Object.keys(byType).sort((a, b) => order(a) - order(b));
  const total = (name: (typeof countNames)[number]): number => types.reduce((sum, type) => sum + num(byType[type]?.[name]), 0);
  return h("table", { class: "counts", "data-testid": "run-counts" },
    h("caption", {}, "What the run did, per entity type"),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Type"), countNames.map((name) => h("th", { scope: "col" }, name)))),
    h("tbody", {}, types.map((type) => h("tr", {}, h("th", { scope: "row" }, type),
      countNames.map((name) => h("td", {}, String(num(byType[type]?.[name]))))))),
    h("tfoot", {}, h("tr", {}, h("th", { scope: "row" }, "total"), countNames.map((name) => h("td", {}, String(total(name)))))));
}

function warnings(run: RunReport): HTMLElement | null {
  if (!run.warnings || run.warnings.length === 0) {
    return null;
  }
  return h("div", { class: "warnings", "data-testid": "run-warnings" },
    h("h4", {}, `Warnings (${run.warnings.length})`),
    h("ul", {}, run.warnings.map((w) => h("li", {},
      h("code", {}, w.type), ` ${w.primaryId}: ${w.code}`,
      w.field ? ` — field ${w.field}` : "", w.missingId ? `, missing id ${w.missingId}` : ""))));
}
