import { h } from "../dom";
import type { PairStatus } from "../api/types";
import { num, sideName, theSide, utc } from "./format";
import { switchEffectText } from "./switch-effect";

/** The pair's status as a description list: which tenant is active, the epoch, the last switch. */
export function pairStatusList(status: PairStatus): HTMLElement {
  const last = status.lastSwitch;
  const effect = switchEffectText(last);
  const row = (term: string, testId: string, ...value: Array<string | Node>): HTMLElement[] =>
    [h("dt", {}, term), h("dd", { "data-testid": testId }, ...value)];
  return h("dl", { class: "facts", "data-testid": "pair-status" },
    row("Active side", "active-side", sideName(status.activeSide)),
    row("Active tenant", "active-tenant", `${status.activeAccountName} (${status.activeTenantId})`),
    row("Epoch", "epoch", String(num(status.epoch))),
    ...(last
      ? row("Last switch", "last-switch", `${utc(last.at)} to ${theSide(last.toSide)} by `,
        h("span", { title: `user ${last.by.userId} · tenant ${last.by.tenantId}`, "data-testid": "last-switch-who" },
          `${last.byUsername ?? last.by.userId} (${last.byAccountName ?? `tenant ${last.by.tenantId}`})`),
        " · ", h("a", { href: "#/switches", "data-testid": "last-switch-report" }, "switch report"))
      : row("Last switch", "last-switch", "never switched")),
    ...(effect ? row("Took effect", "switch-effect", effect) : []),
    row("Primary tenant", "primary-tenant", `${status.primary.accountName} · ${status.primary.region} · ${status.primary.tenantId}`),
    row("BCP tenant", "bcp-tenant", `${status.bcp.accountName} · ${status.bcp.region} · ${status.bcp.tenantId}`));
}
