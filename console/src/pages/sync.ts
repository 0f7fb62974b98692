import { api, describe, problemOf, problemSlug } from "../api/client";
import type { RunReport } from "../api/types";
import { h, replace } from "../dom";
import { getSession, hasPermission } from "../session";
import { pageHeading, section } from "../ui/heading";
import { messageArea } from "../ui/message";
import { runDetails, runSummary } from "../ui/run-report";
import type { PageContext } from "./page";
import { settingsForm } from "./sync/settings-form";

const pollMilliseconds = 500;

/** Sync (docs/sync.md): settings, run now with live progress, and the run history with counts, warnings and skip reasons. */
export async function syncPage(context: PageContext): Promise<HTMLElement> {
  const pairId = (getSession() ?? context.session).me!.pairId!;
  const canEdit = hasPermission("bcp.sync.edit");
  const currentSlot = h("div", { "data-testid": "current-run" });
  const historySlot = h("div", { "data-testid": "run-history" });
  const runMessage = messageArea("run-message");
  let polling: string | null = null;

  async function loadHistory(): Promise<RunReport[]> {
    const { data } = await api.GET("/tenant-pairs/{pairId}/sync/runs", { params: { path: { pairId }, query: { limit: 20 } } });
    const runs = (data ?? []) as RunReport[];
    replace(historySlot, runs.length === 0 ? h("p", {}, "No runs yet.") : h("ol", { class: "runs" }, runs.map((run, i) =>
      h("li", {}, h("details", { open: i === 0 }, h("summary", {}, runSummary(run)), runDetails(run, releaser))))));
    return runs;
  }

  /** Follows a run until it ends, redrawing its report each time; then the history. */
  async function follow(runId: string): Promise<void> {
    if (polling === runId) {
      return;
    }
    polling = runId;
    while (!context.signal.aborted && polling === runId) {
      const { data } = await api.GET("/tenant-pairs/{pairId}/sync/runs/{runId}", { params: { path: { pairId, runId } } });
      if (!data || context.signal.aborted) {
        break;
      }
      const run = data as RunReport;
      replace(currentSlot, h("h3", {}, `Run ${run.runId}`), runDetails(run, releaser));
      if (run.outcome !== "running") {
        break;
      }
      await new Promise((resolve) => window.setTimeout(resolve, pollMilliseconds));
    }
    if (polling === runId) {
      polling = null;
    }
    if (!context.signal.aborted) {
      await loadHistory();
    }
  }

  async function runNow(): Promise<void> {
    runMessage.clear();
    const answer = await api.POST("/tenant-pairs/{pairId}/sync/runs", { params: { path: { pairId } } });
    if (answer.data) {
      runMessage.show("info", `Run ${answer.data.runId} started.`);
      await follow(answer.data.runId);
      return;
    }
    const problem = problemOf(answer);
    if (problemSlug(problem) === "sync-running" && problem.runId) {
      runMessage.show("warning", `A run is already running (${problem.runId}): following it.`);
      await follow(problem.runId);
    } else {
      runMessage.show("error", describe(problem));
    }
  }

  /** Releases a run's held deletes (audited) and follows the run that applies them. */
  async function release(run: RunReport): Promise<void> {
    runMessage.clear();
    const answer = await api.POST("/tenant-pairs/{pairId}/sync/runs/{runId}/release-deletes", { params: { path: { pairId, runId: run.runId } } });
    if (answer.data) {
      runMessage.show("info", `Held deletes of run ${run.runId} released: run ${answer.data.applyRunId} applies them.`);
      await follow(answer.data.applyRunId);
      return;
    }
    runMessage.show("error", describe(problemOf(answer)));
  }

  const releaser = canEdit ? (run: RunReport) => void release(run) : undefined;
  const settings = await api.GET("/tenant-pairs/{pairId}/sync", { params: { path: { pairId } } });
  if (!settings.data) {
    return h("div", {}, ...pageHeading("Sync"), h("p", { class: "message error", role: "alert" }, describe(problemOf(settings))));
  }
  const runs = await loadHistory();
  const running = runs.find((run) => run.outcome === "running");
  if (running) {
    void follow(running.runId);
  }

  return h("div", {},
    ...pageHeading("Sync", "Configuration is copied one way, from the primary tenant to the BCP tenant: daily, and on demand."),
    section("Settings", settingsForm(pairId, settings.data, canEdit)),
    section("Run now",
      h("p", {}, "Starts a run at once (one at a time per pair). While the BCP tenant is active, runs are skipped."),
      canEdit ? h("button", { type: "button", class: "primary", onclick: () => void runNow() }, "Run now") : h("p", { class: "hint" }, "Starting a run needs bcp.sync.edit."),
      runMessage.element, currentSlot),
    section("Run history", historySlot));
}
