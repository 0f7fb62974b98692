import { api, describe, problemOf, problemSlug } from "../api/client";
import type { PairRole, PairStatus, Readiness, SwitchAttempts } from "../api/types";
import { h, replace, uid, type Child } from "../dom";
import { getSession, hasPermission } from "../session";
import { countdown } from "../ui/countdown";
import { num, theSide, utc } from "../ui/format";
import { pageHeading, section } from "../ui/heading";
import { messageArea } from "../ui/message";
import { pairStatusList } from "../ui/pair-status";
import { readUntilAnswered } from "../ui/read-until-answered";
import { readinessPanel, verdictText } from "../ui/readiness-panel";
import { followSwitchEffect } from "../ui/switch-effect";
import { approvalSettingsPanel } from "./activation/approval-settings";
import { attemptsLeftText, switchPrompt } from "./activation/switch-prompt";
import { watchSwitchRequests } from "./activation/switch-request-watch";
import { readFailback } from "./failback/read-failback";
import type { PageContext } from "./page";

/**
 * BC Activation (docs/console.md; the switch's rules: docs/api.md): the tenant admin's switch, from the primary or the BCP tenant,
 * at the top with the readiness verdict beside it; the status and the full readiness report below. The toggle asks for the
 * passkey in a prompt that names what the switch does; wrong passkey, lockout (the toggle disabled, with a live countdown) and
 * success each read differently. Wrong passkeys are counted per signed-in user. When the switch request gets no answer
 * (the server unreachable), the page says the switch may or may not have happened and reads the status until it answers.
 * The passkey is sent once and cleared from the form; it is never kept. When the pair requires two-person approval
 * (docs/approval.md) a switch waits for a second person: the requester sees it waiting with its countdown, every other
 * admin Approve / Decline; the approval settings have their own section.
 */
export async function activationPage(context: PageContext): Promise<HTMLElement> {
  const session = getSession() ?? context.session;
  const pairId = session.me!.pairId!;
  const statusSlot = h("div", {});
  const lockSlot = h("div", { "data-testid": "lock-slot" });
  const attemptsSlot = h("div", {});
  const result = messageArea("switch-result");
  const toggleHint = h("p", { class: "hint", id: uid("toggle-hint") });
  const toggle = h("button", { type: "button", role: "switch", class: "toggle", "aria-checked": "false", "aria-describedby": toggleHint.id });
  const verdict = h("p", { class: "readiness-verdict switch-verdict", "data-testid": "switch-readiness" }, "Checking readiness…");
  const formSlot = h("div", {});
  let latestReadiness: Readiness | null = null;
  const readiness = readinessPanel(pairId, context.signal, (report) => {
    latestReadiness = report;
    verdict.className = `readiness-verdict switch-verdict ${report?.verdict ?? ""}`;
    replace(verdict, report ? h("strong", {}, verdictText[report.verdict] ?? report.verdict) : "Readiness could not be read.", " Full report below.");
  });
  let status: PairStatus | null = null;
  let attempts: SwitchAttempts | null = null;
  let lockedHint: Child = null;
  let lockSignal: AbortController | null = null;

  context.signal.addEventListener("abort", () => lockSignal?.abort());
  toggle.addEventListener("click", () => {
    if (status && !toggle.disabled) {
      void openForm(status.activeSide === "bcp" ? "primary" : "bcp");
    }
  });

  /** The toggle's state and hint: disabled with the countdown while switching is locked for this user. */
  function drawToggle(): void {
    const bcpActive = status?.activeSide === "bcp";
    toggle.setAttribute("aria-checked", String(bcpActive));
    toggle.disabled = lockedHint !== null;
    replace(toggle, h("span", { class: "toggle-track", "aria-hidden": "true" }, h("span", { class: "toggle-thumb" })),
      h("span", { class: "toggle-label" }, "BCP tenant active"));
    replace(toggleHint, lockedHint ?? (bcpActive ? "On: turn it off to return to primary." : "Off: turn it on to activate the BCP tenant."));
  }

  function show(next: PairStatus): void {
    status = next;
    replace(statusSlot, pairStatusList(next));
    drawToggle();
  }

  /** The signed-in user's wrong passkeys left, or the lock that refuses them (read again after every answer). */
  function showAttempts(next: SwitchAttempts): void {
    attempts = next;
    lockSignal?.abort();
    const until = next.lockedUntil ? new Date(next.lockedUntil) : null;
    if (!until || until.getTime() <= Date.now()) {
      lockedHint = null;
      drawToggle();
      replace(lockSlot);
      replace(attemptsSlot, h("p", { class: "hint", "data-testid": "attempts-left" }, attemptsLeftText(num(next.attemptsLeft))));
      return;
    }
    replace(attemptsSlot);
    lockSignal = new AbortController();
    const pairWide = next.lockScope === "pair";
    lockedHint = h("span", { "data-testid": "toggle-locked" }, "Locked: switching is possible again in ", countdown(until, lockSignal.signal, () => undefined), ".");
    drawToggle();
    replace(lockSlot, h("div", { class: "message warning", role: "alert", "data-testid": "lockout" },
      h("strong", {}, pairWide ? "Switching is locked for everyone " : "Switching is locked for you "),
      pairWide ? "after too many wrong passkeys from several users. " : "after too many wrong passkeys. ",
      `It unlocks at ${utc(until.toISOString())}, in `, countdown(until, lockSignal.signal, () => void reload()), ". ",
      pairWide
        ? "Even the right passkey is refused until then; an operator can still switch with a reason or rotate the passkey."
        : "Even your right passkey is refused until then; other admins can still switch, and an operator can switch with a reason."));
  }

  async function refreshAttempts(): Promise<void> {
    const { data } = await api.GET("/tenant-pairs/{pairId}/active-side/attempts", { params: { path: { pairId } } });
    if (data && !context.signal.aborted) {
      showAttempts(data);
    }
  }

  async function reload(): Promise<void> {
    const data = await readStatus();
    if (data && !context.signal.aborted) {
      show(data);
    }
    await refreshAttempts();
  }

  async function readStatus(): Promise<PairStatus | undefined> {
    return (await api.GET("/tenant-pairs/{pairId}", { params: { path: { pairId } } })).data;
  }

  async function openForm(side: PairRole): Promise<void> {
    // On the way back, the prompt counts what the first sync overwrites (docs/failback.md).
    const failback = side === "primary" ? await readFailback(pairId) : undefined;
    if (context.signal.aborted) {
      return;
    }
    const facts = { side, status: status!, readiness: latestReadiness, attempts, failback };
    replace(formSlot, switchPrompt(facts, (passkey) => void submit(side, passkey), () => { replace(formSlot); toggle.focus(); }));
    formSlot.querySelector("input")?.focus();
  }

  /** After a switch took place: the status, its effect on the nodes, the readiness and the header follow it. */
  async function switched(next: PairStatus): Promise<void> {
    replace(formSlot);
    show(next);
    void refreshAttempts();
    void followSwitchEffect(next, readStatus, context.signal, show);
    void readiness.refresh();
    await context.refreshProfile();
  }

  function activeNow(next: PairStatus, verb = "is active"): string {
    const active = next.activeSide === "bcp" ? next.bcp : next.primary;
    return `${active.accountName} (${theSide(next.activeSide)}) ${verb}, epoch ${num(next.epoch)}.`;
  }

  /** The switch request got no answer: it may or may not have reached the pair, so read which side is active until the server answers. */
  async function recheck(side: PairRole): Promise<void> {
    result.show("warning", h("strong", {}, "The switch may or may not have happened — checking… "),
      "The server did not answer; reading which side is active until it does.");
    const next = await readUntilAnswered(readStatus, context.signal);
    if (context.signal.aborted) {
      return;
    }
    if (!next) {
      result.show("error", h("strong", {}, "The server still does not answer. "), "Whether the switch happened is unknown: reload this page to check again.");
      return;
    }
    if (next.activeSide === side) {
      result.show("success", h("strong", {}, "The switch happened "), "(its answer was lost on the way). ", activeNow(next), " ",
        h("strong", { "data-testid": "relogin" }, "Users must log out and log in again."));
      await switched(next);
    } else {
      result.show("warning", h("strong", {}, "The switch did not happen. "), activeNow(next), " Try again when the server answers.");
      show(next);
      await refreshAttempts();
    }
  }

  async function submit(side: PairRole, passkeyInput: HTMLInputElement): Promise<void> {
    const passkey = passkeyInput.value;
    passkeyInput.value = "";
    result.clear();
    let answer;
    try {
      answer = await api.PUT("/tenant-pairs/{pairId}/active-side", { params: { path: { pairId } }, body: { side, passkey } });
    } catch {
      // fetch throws when no answer came back (server unreachable, connection cut): not a refusal.
      await recheck(side);
      return;
    }
    if (context.signal.aborted) {
      return;
    }
    if (answer.data && "requestId" in answer.data) {
      // The pair requires two-person approval (docs/approval.md): nothing switched yet; the request is followed below.
      replace(formSlot);
      result.show("info", h("strong", {}, "Approval needed. "), "Nothing has switched yet: your request waits for a second person.");
      requests.follow(answer.data);
      return;
    }
    if (answer.data) {
      if (answer.data.outcome === "already-active") {
        const active = answer.data.activeSide === "bcp" ? answer.data.bcp : answer.data.primary;
        replace(formSlot);
        show(answer.data);
        void refreshAttempts();
        result.show("info", `${active.accountName} was already active: nothing changed.`);
        return;
      }
      result.show("success", h("strong", {}, "Switched. "), activeNow(answer.data, "is now active"), " ",
        h("strong", { "data-testid": "relogin" }, "Users must log out and log in again."),
        answer.data.overwritesBcpChanges == null ? null
          : h("span", { "data-testid": "switched-overwrites" }, ` The first sync overwrites ${num(answer.data.overwritesBcpChanges)} BCP ${num(answer.data.overwritesBcpChanges) === 1 ? "change" : "changes"}.`),
        answer.data.notReadyChecks?.length
          ? h("span", { "data-testid": "switched-not-ready" }, ` Switched while not ready (failing: ${answer.data.notReadyChecks.join(", ")}).`)
          : null);
      await switched(answer.data);
      return;
    }

    const problem = problemOf(answer);
    const slug = problemSlug(problem);
    if (slug === "passkey-invalid") {
      result.show("error", h("strong", {}, "Wrong passkey. "), "Nothing was changed.");
      await reload();
      await openForm(side); // again, with the attempts now left
    } else if (slug === "switch-request-pending") {
      replace(formSlot);
      result.show("warning", h("strong", {}, "A switch request is already pending. "), describe(problem));
      await requests.refresh();
    } else if (slug === "switch-locked") {
      result.show("error", h("strong", {}, "Refused: switching is locked. "), "Nothing was changed.");
      await refreshAttempts();
    } else {
      result.show("error", describe(problem));
    }
  }

  const { data, error, response } = await api.GET("/tenant-pairs/{pairId}", { params: { path: { pairId } } });
  if (!data) {
    return h("div", {}, ...pageHeading("BC Activation"), h("p", { class: "message error", role: "alert" }, describe(problemOf({ error, response }))));
  }
  show(data);
  const requests = watchSwitchRequests(pairId, session.claims, context.signal, (next) => void switched(next),
    () => void reload().then(context.refreshProfile));
  const approval = await approvalSettingsPanel(pairId, hasPermission("bcp.setup") || !session.me!.isBcpTenant);
  void followSwitchEffect(data, readStatus, context.signal, show);
  void readiness.refresh();
  void refreshAttempts();

  return h("div", {},
    ...pageHeading("BC Activation", "Switch which tenant of your pair takes contact traffic and logins. Switching needs the passkey."),
    section("Switch",
      h("div", { class: "switch-row" }, h("div", { class: "switch-control" }, toggle, toggleHint), verdict),
      lockSlot, attemptsSlot, requests.element, formSlot, result.element),
    section("Status", statusSlot),
    section("Two-person approval", approval),
    section("Readiness report", readiness.element));
}
