import { api } from "./api/client";
import { h, replace } from "./dom";
import { shellSwitchRequests } from "./pages/activation/shell-switch-requests";
import type { Page } from "./pages/page";
import { pages } from "./pages/pages";
import { signInPage } from "./pages/signin";
import { endSession, getSession, onSessionEnd, startSession, updateProfile, type Session } from "./session";
import { createShell } from "./ui/shell";

// The console's entry: the sign-in form until there is a session, then the shell and the page of the hash route.

const root = document.getElementById("app")!;
const shell = createShell(() => endSession());
let leave = new AbortController();

onSessionEnd((reason) => {
  leave.abort();
  window.location.hash = "";
  showSignIn(reason);
});
window.addEventListener("hashchange", () => void route());
showSignIn(null);

function showSignIn(reason: string | null): void {
  replace(root, signInPage(reason, (signedIn) => void begin(signedIn)));
  root.querySelector<HTMLElement>("h1")?.focus();
}

async function begin(signedIn: Omit<Session, "me">): Promise<void> {
  startSession({ ...signedIn, me: null });
  await loadProfile();
  if (!getSession()) {
    return; // the API refused the token (401): the sign-in form is back, saying so
  }
  replace(root, shell.element);
  await route();
}

/** GET /me; an operator's token may name a tenant that does not exist here (404), which is no error for the console. */
async function loadProfile(): Promise<void> {
  const { data } = await api.GET("/me");
  updateProfile(data ?? null);
}

async function route(): Promise<void> {
  const session = getSession();
  if (!session) {
    return;
  }
  const wanted = window.location.hash.replace(/^#\/?/, "");
  const page: Page = pages.find((p) => p.path === wanted && p.visible(session)) ?? pages[0]!;
  leave.abort();
  leave = new AbortController();
  const signal = leave.signal;
  shell.update(session, pages, page);
  document.title = `${page.title} — Orleans.Bcp admin console`;
  replace(shell.main, h("p", { class: "loading", role: "status" }, "Loading…"));
  const refreshProfile = async (): Promise<void> => {
    await loadProfile();
    const now = getSession();
    if (now && !signal.aborted) {
      shell.update(now, pages, page);
    }
  };
  replace(shell.requests, shellSwitchRequests(session, page, signal, () => void refreshProfile()));
  let content: HTMLElement;
  try {
    content = await page.render({ session, signal, refreshProfile });
  } catch (error) {
    content = h("div", { class: "message error", role: "alert" }, `This page could not be loaded: ${String(error)}`);
  }
  if (!signal.aborted) {
    replace(shell.main, content);
    shell.main.querySelector<HTMLElement>("h1")?.focus();
  }
}
