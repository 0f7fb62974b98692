import { h, replace } from "../dom";
import type { Page } from "../pages/page";
import { hasPermission, type Session } from "../session";
import { theSide } from "./format";

/** The frame around every page: who is signed in where, the BCP banner, the navigation, the page itself. */
export interface Shell {
  element: HTMLElement;
  main: HTMLElement;
  /** Above the page: a pending switch request waiting for approval (docs/approval.md). */
  requests: HTMLElement;
  update: (session: Session, pages: Page[], current: Page | null) => void;
}

export function createShell(onSignOut: () => void): Shell {
  const who = h("div", { class: "who", "data-testid": "who" });
  const banner = h("div", { class: "banner-slot" });
  const requests = h("div", { class: "requests-slot" });
  const nav = h("nav", { "aria-label": "Console pages", class: "nav" });
  const main = h("main", { id: "main", class: "page" });
  const header = h("header", { class: "topbar" },
    h("div", { class: "topbar-row" },
      h("span", { class: "brand" }, "Orleans.Bcp admin"),
      who,
      h("button", { type: "button", class: "sign-out", onclick: onSignOut }, "Sign out")),
    banner, requests);
  const element = h("div", { class: "shell" },
    h("a", { class: "skip", href: "#main", onclick: (event) => { event.preventDefault(); main.focus(); } }, "Skip to the page"),
    header,
    h("div", { class: "body" }, nav, main));
  main.tabIndex = -1;

  return {
    element,
    main,
    requests,
    update(session, pages, current) {
      const me = session.me;
      replace(who,
        h("span", { class: "label" }, "Account"), " ",
        h("strong", { "data-testid": "account-name" }, me ? me.accountName : hasPermission("bcp.setup") ? "Operator (no tenant)" : "Unknown tenant"),
        me ? h("span", { class: "tenant-role", "data-testid": "tenant-role" }, me.isBcpTenant ? "BCP tenant" : me.pairId ? "primary tenant" : "unpaired") : null,
        h("span", { class: "user", "data-testid": "user-name", title: `user ${session.claims.userId} · tenant ${session.claims.tenantId}` },
          me?.username ?? session.claims.userId));
      replace(banner, me?.isBcpTenant
        ? h("div", { class: "bcp-banner", role: "region", "aria-label": "BCP tenant", "data-testid": "bcp-banner" },
          h("strong", {}, "BCP TENANT"),
          ` You are signed in to ${me.accountName}, the backup (BCP) tenant. `,
          me.activeSide === "bcp" ? "It is the active tenant now." : `It is on standby: ${theSide(me.activeSide)} is active.`)
        : null);
      replace(nav, h("ul", {}, pages.filter((page) => page.visible(session)).map((page) =>
        h("li", {}, h("a", { href: `#/${page.path}`, "aria-current": page === current ? "page" : null }, page.title)))));
    },
  };
}
