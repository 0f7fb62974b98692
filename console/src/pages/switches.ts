import { api, describe, problemOf } from "../api/client";
import type { SwitchReport } from "../api/types";
import { h, replace } from "../dom";
import { getSession } from "../session";
import { num } from "../ui/format";
import { pageHeading, section } from "../ui/heading";
import type { PageContext } from "./page";
import { approvals } from "./switches/switch-approval";
import { switchList } from "./switches/switch-list";
import { switchTimeline } from "./switches/switch-timeline";

const unanswered = "The server did not answer";

/**
 * Switch reports (docs/switch-reports.md): the pair's switches, newest first, and per switch its measured timeline from the
 * request to the first login and call that followed. The newest is open at first (the Overview's last switch links here).
 */
export async function switchesPage(context: PageContext): Promise<HTMLElement> {
  const pairId = (getSession() ?? context.session).me!.pairId!;
  const timelineSlot = h("div", { "aria-live": "polite" });
  const approvalOf = approvals(pairId);
  const listSlot = h("div", {});

  async function open(epoch: number): Promise<void> {
    let answer;
    try {
      answer = await api.GET("/tenant-pairs/{pairId}/switches/{epoch}", { params: { path: { pairId, epoch: String(epoch) } } });
    } catch {
      replace(timelineSlot, h("p", { class: "message error", role: "alert" }, `${unanswered}: the report of epoch ${epoch} could not be read.`));
      return;
    }
    if (context.signal.aborted) {
      return;
    }
    if (!answer.data) {
      replace(timelineSlot, h("p", { class: "message error", role: "alert" }, describe(problemOf(answer))));
      return;
    }
    for (const row of listSlot.querySelectorAll("tr[data-epoch]")) {
      row.setAttribute("aria-current", String(row.getAttribute("data-epoch") === String(epoch)));
    }
    replace(timelineSlot, switchTimeline(answer.data, await approvalOf(epoch)));
  }

  let reports: SwitchReport[];
  try {
    const answer = await api.GET("/tenant-pairs/{pairId}/switches", { params: { path: { pairId } } });
    if (!answer.data) {
      return h("div", {}, ...pageHeading("Switch reports"), h("p", { class: "message error", role: "alert" }, describe(problemOf(answer))));
    }
    reports = answer.data;
  } catch {
    return h("div", {}, ...pageHeading("Switch reports"),
      h("p", { class: "message error", role: "alert" }, `${unanswered}: the switch reports could not be read. Reload the page to try again.`));
  }
  replace(listSlot, switchList(reports, (report) => void open(num(report.epoch))));
  if (reports[0]) {
    await open(num(reports[0].epoch));
  }

  return h("div", {},
    ...pageHeading("Switch reports", "How long each switch took to recover, measured: from the request to the commit, every node, and the first login and call on the new side."),
    section("Switches", listSlot),
    section("Timeline", timelineSlot));
}
