import { hasPermission, type Session } from "../../session";
import type { Page } from "../page";
import { watchSwitchRequests } from "./switch-request-watch";

/**
 * The pending switch request on every page but BC Activation (which shows it in its Switch section), for the users who
 * can decide it: bcp.activation.edit of one of the pair's tenants. Null for everyone else.
 */
export function shellSwitchRequests(session: Session, page: Page, signal: AbortSignal, onSwitched: () => void): HTMLElement | null {
  const pairId = session.me?.pairId;
  if (page.path === "activation" || !pairId || !hasPermission("bcp.activation.edit")) {
    return null;
  }
  return watchSwitchRequests(pairId, session.claims, signal, onSwitched).element;
}
