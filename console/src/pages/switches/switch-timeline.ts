import type { SwitchReport } from "../../api/types";
import { h } from "../../dom";
import { num, theSide, utc } from "../../ui/format";
import { scrollTable } from "../../ui/scroll-table";
import type { Approval } from "./switch-approval";

/** "12.1 ms"; the report gives them to 0.1 ms. */
export function ms(value: number | string | null | undefined): string {
  return value === null || value === undefined ? "—" : `${num(value).toFixed(1)} ms`;
}

/** From the request to the last step known so far: the recovery time the report has measured (docs/switch-reports.md). */
export function totalMs(report: SwitchReport): number {
  return Math.max(...[report.msToCommit, report.msToEffective, report.msToFirstLogin, report.msToFirstRouting].map(num));
}

/**
 * One switch's timeline: requested, approved (when it was), committed, effective on every node, the first login-options
 * and voice-routing answers with the new side, each with its time and the milliseconds from the request.
 * `approval` is undefined when it could not be looked up.
 */
export function switchTimeline(report: SwitchReport, approval: Approval | null | undefined): HTMLElement {
  const requested = new Date(report.requestedAt).getTime();
  const requester = approval ? `${approval.requestedBy} (tenant ${approval.requestedByTenantId})` : `${report.actor.userId} (tenant ${report.actor.tenantId})`;
  const rows: Array<[string, string, string | null | undefined, string]> = [["requested", `Requested by ${requester}`, report.requestedAt, ms(0)]];
  if (approval) {
    rows.push(["approved", `Approved by ${approval.by} (tenant ${approval.tenantId})`, approval.at, ms(new Date(approval.at).getTime() - requested)]);
  }
  rows.push(
    ["committed", "Committed by the pair", report.committedAt, ms(report.msToCommit)],
    ["effective", effectiveText(report), report.effectiveEverywhereAt, ms(report.msToEffective)],
    ["first-login", "First login-options answer with the new side", report.firstLoginOptionsAt, ms(report.msToFirstLogin)],
    ["first-routing", "First voice-routing answer with the new side", report.firstVoiceRoutingAt, ms(report.msToFirstRouting)]);
  return h("div", { "data-testid": "switch-timeline", "data-epoch": String(num(report.epoch)) },
    h("h3", {}, `Epoch ${num(report.epoch)}: the switch to ${theSide(report.side)}`),
    scrollTable(`Timeline of epoch ${num(report.epoch)}`, h("table", {},
      h("caption", {}, "Each step with the milliseconds from the request (times on different nodes include their clock difference)"),
      h("thead", {}, h("tr", {}, ["Step", "When", "From the request"].map((title) => h("th", { scope: "col" }, title)))),
      h("tbody", {}, rows.map(([id, step, at, after]) => h("tr", { "data-step": id },
        h("th", { scope: "row" }, step), h("td", { class: "nowrap" }, at ? utc(at) : "not yet"), h("td", { class: "nowrap" }, at ? after : "—")))))),
    approval === undefined ? h("p", { class: "hint" }, "Whether a second person approved it could not be read from the audit log.") : null);
}

function effectiveText(report: SwitchReport): string {
  const nodes = report.nodesAcknowledged;
  if (nodes === null || nodes === undefined) {
    return "Effective on every node (nodes still counted)";
  }
  return report.effectiveEverywhereAt
    ? `Effective on every node (${num(nodes)} ${num(nodes) === 1 ? "node" : "nodes"})`
    : `Not effective on every node: ${num(nodes)} acknowledged within 1 s`;
}
