import type { Session } from "../session";

/** What a page gets: the session, and a signal that aborts when the user leaves the page (timers, polls). */
export interface PageContext {
  session: Session;
  signal: AbortSignal;
  /** Reads GET /me again (e.g. after a switch) and redraws the header. */
  refreshProfile: () => Promise<void>;
}

export interface Page {
  /** The hash route, e.g. "activation" for #/activation. */
  path: string;
  title: string;
  /** Whether the navigation offers the page to this session (by the token's permissions and the profile). */
  visible: (session: Session) => boolean;
  render: (context: PageContext) => Promise<HTMLElement>;
}
