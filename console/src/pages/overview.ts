import { api, describe, problemOf } from "../api/client";
import { h } from "../dom";
import { getSession } from "../session";
import { bcpCopyFacts } from "../ui/bcp-copy";
import { pageHeading, section } from "../ui/heading";
import { pairStatusList } from "../ui/pair-status";
import type { PageContext } from "./page";

/** "Which tenant am I on" (docs/console.md): the profile, the pair's status, and how old the BCP copy is and how ready, for anyone of either tenant. */
export async function overviewPage(context: PageContext): Promise<HTMLElement> {
  const session = getSession() ?? context.session;
  const me = session.me;
  const profile = section("My profile", me
    ? h("dl", { class: "facts" },
      h("dt", {}, "Account"), h("dd", { "data-testid": "profile-account" }, me.accountName),
      h("dt", {}, "Tenant"), h("dd", {}, `${me.tenantId} · ${me.region} · ${me.isBcpTenant ? "BCP tenant" : me.pairId ? "primary tenant" : "not paired"}`),
      h("dt", {}, "User"), h("dd", { "data-testid": "profile-user", title: `user ${me.userId}` }, me.username ?? me.userId),
      h("dt", {}, "Permissions"), h("dd", {}, me.permissions.length > 0 ? me.permissions.join(", ") : "none"))
    : h("p", {}, `Your token names tenant "${session.claims.tenantId}", which is not a tenant here — as for an operator. `,
      "Pages that belong to a tenant are not offered."));

  const parts: HTMLElement[] = [profile];
  if (me?.pairId) {
    const { data, error, response } = await api.GET("/tenant-pairs/{pairId}", { params: { path: { pairId: me.pairId } } });
    parts.push(section("BCP pair", data
      ? [pairStatusList(data), data.activeSide === "bcp" && !me.isBcpTenant
        ? h("p", { class: "message warning", role: "note" }, `The BCP tenant ${data.bcp.accountName} is active: contact traffic and logins go there.`)
        : null]
      : h("p", { class: "message error", role: "alert" }, describe(problemOf({ error, response })))));
    parts.push(section("BCP copy", await bcpCopyFacts(me.pairId)));
  }
  return h("div", {}, ...pageHeading("Overview", "Which tenant you are signed in to, and which tenant of your pair is active."), ...parts);
}
