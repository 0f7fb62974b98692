import { api, describe, problemOf, problemSlug } from "../api/client";
import type { Drill, PairRole } from "../api/types";
import { h, replace } from "../dom";
import { getSession, hasPermission } from "../session";
import { utc } from "../ui/format";
import { pageHeading, section } from "../ui/heading";
import { messageArea } from "../ui/message";
import { drillForm } from "./drills/drill-form";
import { drillHistory } from "./drills/drill-history";
import { drillReport } from "./drills/drill-report";
import { lockOf, passkeyStanding } from "./drills/passkey-standing";
import { scheduleForm } from "./drills/schedule-form";
import type { PageContext } from "./page";

const unanswered = "The server did not answer";

/**
 * Drills (docs/drills.md): rehearse a switch to a side with the passkey — every step it would take, nothing changed —, the
 * kept drills newest first (a row opens its steps), and the weekly schedule. A wrong passkey fails the passkey step and
 * counts toward the lockout like a switch's: the page says how many are left, or the lock. The passkey is never kept.
 */
export async function drillsPage(context: PageContext): Promise<HTMLElement> {
  const me = (getSession() ?? context.session).me!;
  const pairId = me.pairId!;
  const operator = hasPermission("bcp.setup");
  const result = messageArea("drill-message");
  const reportSlot = h("div", { "data-testid": "drill-result" });
  const historyMessage = messageArea("drill-history-message");
  const historySlot = h("div", { "data-testid": "drill-history" });
  const openedSlot = h("div", { "data-testid": "drill-opened" });
  const scheduleSlot = h("div", {});
  let running = false;

  async function run(side: PairRole, passkeyInput: HTMLInputElement): Promise<void> {
    const passkey = passkeyInput.value;
    passkeyInput.value = "";
    if (running) {
      return;
    }
    running = true;
    replace(reportSlot);
    result.show("info", "Running the drill…");
    let answer;
    try {
      answer = await api.POST("/tenant-pairs/{pairId}/drills", { params: { path: { pairId } }, body: passkey ? { side, passkey } : { side } });
    } catch {
      // fetch throws when no answer came back: the drill may have run (and been kept) or not; it changed nothing either way.
      result.show("error", h("strong", {}, `${unanswered}. `),
        "Whether the drill ran is not known; a drill never switches anything. If it ran, the history below lists it once the server answers.");
      return;
    } finally {
      running = false;
    }
    if (context.signal.aborted) {
      return;
    }
    if (answer.data) {
      await shown(answer.data);
      void loadHistory();
      return;
    }
    const problem = problemOf(answer);
    if (problemSlug(problem) === "switch-locked") {
      result.show("error", h("strong", {}, "Refused: too many wrong passkeys. "), ...lockOf(problem, context.signal), " The drill did not run and is not kept.");
    } else {
      result.show("error", describe(problem));
    }
  }

  /** A drill's answer: its report, and what the outcome means for the one who ran it. */
  async function shown(drill: Drill): Promise<void> {
    replace(reportSlot, drillReport(drill));
    if (drill.steps.some((step) => step.id === "passkey" && step.status === "failed")) {
      result.show("error", h("strong", {}, "Wrong passkey. "), "The drill's passkey step failed and counts as a wrong passkey of a switch. ",
        ...await passkeyStanding(pairId, context.signal));
    } else if (drill.outcome === "passed") {
      result.show("success", h("strong", {}, "The drill passed. "), "Every step a switch would take passed; nothing was switched.");
    } else {
      result.show("warning", h("strong", {}, "The drill failed. "), "A real switch now would meet the failed steps below; nothing was switched.");
    }
  }

  async function open(drill: Drill): Promise<void> {
    let answer;
    try {
      answer = await api.GET("/tenant-pairs/{pairId}/drills/{drillId}", { params: { path: { pairId, drillId: drill.drillId } } });
    } catch {
      replace(openedSlot, h("p", { class: "message error", role: "alert" }, `${unanswered}: the drill of ${utc(drill.startedAt)} could not be read.`));
      return;
    }
    for (const row of historySlot.querySelectorAll("tr[data-drill]")) {
      row.setAttribute("aria-current", String(row.getAttribute("data-drill") === drill.drillId));
    }
    replace(openedSlot, answer.data
      ? [h("h3", {}, `Drill of ${utc(answer.data.startedAt)}`), drillReport(answer.data)]
      : h("p", { class: "message error", role: "alert" }, describe(problemOf(answer))));
  }

  async function loadHistory(): Promise<void> {
    let answer;
    try {
      answer = await api.GET("/tenant-pairs/{pairId}/drills", { params: { path: { pairId } } });
    } catch {
      historyMessage.show("error", `${unanswered}: the drill history could not be read. Reload the page to try again.`);
      return;
    }
    if (context.signal.aborted) {
      return;
    }
    if (!answer.data) {
      historyMessage.show("error", describe(problemOf(answer)));
      return;
    }
    historyMessage.clear();
    replace(historySlot, drillHistory(answer.data, (drill) => void open(drill)));
  }

  async function loadSchedule(): Promise<void> {
    let answer;
    try {
      answer = await api.GET("/tenant-pairs/{pairId}/drills/schedule", { params: { path: { pairId } } });
    } catch {
      replace(scheduleSlot, h("p", { class: "message error", role: "alert" }, `${unanswered}: the schedule could not be read. Reload the page to try again.`));
      return;
    }
    replace(scheduleSlot, answer.data
      ? scheduleForm(pairId, answer.data, operator || !me.isBcpTenant)
      : h("p", { class: "message error", role: "alert" }, describe(problemOf(answer))));
  }

  await Promise.all([loadHistory(), loadSchedule()]);
  return h("div", {},
    ...pageHeading("Drills", "Rehearse a switch: every step it would take is run and reported, and nothing changes — the active side, the epoch, every login and call stay as they are."),
    section("Run a drill", drillForm(me.activeSide, operator, (side, passkey) => void run(side, passkey)), result.element, reportSlot),
    section("Drill history", historyMessage.element, historySlot, openedSlot),
    section("Weekly drill", scheduleSlot));
}
