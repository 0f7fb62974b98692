import { api, describe, problemOf } from "../api/client";
import { h, replace } from "../dom";
import { getSession } from "../session";
import { num } from "../ui/format";
import { pageHeading, section } from "../ui/heading";
import type { PageContext } from "./page";
import { csvUpload } from "./access/csv-upload";
import { usersTable } from "./access/users-table";

/** BCP access (docs/api.md, "Users' BCP type"): who may log in to the BCP tenant, one user or a CSV at a time, and the counts billing uses. */
export async function accessPage(context: PageContext): Promise<HTMLElement> {
  const me = (getSession() ?? context.session).me!;
  const countsSlot = h("div", { "data-testid": "bcp-access-counts" });

  async function loadCounts(): Promise<void> {
    if (!me.pairId) {
      replace(countsSlot, h("p", {}, "This tenant is not paired: there is no BCP tenant to count access to."));
      return;
    }
    const { data, error, response } = await api.GET("/tenant-pairs/{pairId}/bcp-access", { params: { path: { pairId: me.pairId } } });
    if (!data) {
      replace(countsSlot, h("p", { class: "message error", role: "alert" }, describe(problemOf({ error, response }))));
      return;
    }
    const fact = (term: string, value: number | string | undefined, testId: string): HTMLElement[] =>
      [h("dt", {}, term), h("dd", { "data-testid": testId }, String(num(value)))];
    replace(countsSlot, h("dl", { class: "facts counts-facts" },
      fact("No access (none)", data.none, "count-none"),
      fact("Single access", data.single, "count-single"),
      fact("Multiple access", data.multiple, "count-multiple"),
      fact("Billable (single + multiple)", data.billable ?? num(data.single) + num(data.multiple), "count-billable")),
    h("p", { class: "hint" }, "Counts of the primary tenant's users; they may lag a change by a few seconds."));
  }

  const users = usersTable(me.tenantId, () => void loadCounts());
  await Promise.all([loadCounts(), users.reload()]);
  return h("div", {},
    ...pageHeading("BCP access", `Who of ${me.accountName} may log in to the BCP tenant: none (default), single (the active tenant) or multiple (a choice of both).`),
    section("Counts", countsSlot),
    section("Users", users.element),
    section("Upload a CSV", csvUpload(me.tenantId, () => void Promise.all([loadCounts(), users.reload()]))));
}
