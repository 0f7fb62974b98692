import { api, describe, problemOf, problemSlug } from "../api/client";
import type { PairRole, PairStatus, SwitchAttempts } from "../api/types";
import { h, replace, uid } from "../dom";
import { getSession } from "../session";
import { countdown } from "../ui/countdown";
import { num, utc } from "../ui/format";
import { pageHeading, section } from "../ui/heading";
import { messageArea } from "../ui/message";
import { pairStatusList } from "../ui/pair-status";
import { readinessPanel } from "../ui/readiness-panel";
import { followSwitchEffect } from "../ui/switch-effect";
import type { PageContext } from "./page";

/**
 * BC Activation (docs/console.md; the switch's rules: docs/api.md): the tenant admin's switch, from the primary or the BCP tenant. The toggle
 * asks for the passkey and submits; wrong passkey, lockout (with a live countdown) and success each read
 * differently. Wrong passkeys are counted per signed-in user: the page shows how many are left before switching is
 * locked for this user, and a lock in force (the user's own, or the pair's after wrong passkeys from several users). The passkey is sent once and cleared from the form; it is never kept.
 */
export async function activationPage(context: PageContext): Promise<HTMLElement> {
  const pairId = (getSession() ?? context.session).me!.pairId!;
  const statusSlot = h("div", {});
  const lockSlot = h("div", { "data-testid": "lock-slot" });
  const attemptsSlot = h("div", {});
  const result = messageArea("switch-result");
  const toggleHint = h("p", { class: "hint", id: uid("toggle-hint") });
  const toggle = h("button", { type: "button", role: "switch", class: "toggle", "aria-checked": "false", "aria-describedby": toggleHint.id });
  const formSlot = h("div", {});
  const readiness = readinessPanel(pairId, context.signal);
  let status: PairStatus | null = null;
  let lockSignal: AbortController | null = null;

  context.signal.addEventListener("abort", () => lockSignal?.abort());
  toggle.addEventListener("click", () => {
    if (status) {
      openForm(status.activeSide === "bcp" ? "primary" : "bcp");
    }
  });

  function show(next: PairStatus): void {
    status = next;
    replace(statusSlot, pairStatusList(next));
    const bcpActive = next.activeSide === "bcp";
    toggle.setAttribute("aria-checked", String(bcpActive));
    replace(toggle, h("span", { class: "toggle-track", "aria-hidden": "true" }, h("span", { class: "toggle-thumb" })),
      h("span", { class: "toggle-label" }, "BCP tenant active"));
    toggleHint.textContent = bcpActive ? "On: turn it off to return to primary." : "Off: turn it on to activate the BCP tenant.";
  }

  /** The signed-in user's wrong passkeys left, or the lock that refuses them (read again after every answer). */
  function showAttempts(attempts: SwitchAttempts): void {
    lockSignal?.abort();
    const until = attempts.lockedUntil ? new Date(attempts.lockedUntil) : null;
    if (!until || until.getTime() <= Date.now()) {
      replace(lockSlot);
      const left = attempts.attemptsLeft;
      replace(attemptsSlot, h("p", { class: "hint", "data-testid": "attempts-left" },
        `${num(left)} wrong passkey${left === 1 ? "" : "s"} left before switching is locked for you.`));
      return;
    }
    replace(attemptsSlot);
    lockSignal = new AbortController();
    const pairWide = attempts.lockScope === "pair";
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
    const { data } = await api.GET("/tenant-pairs/{pairId}", { params: { path: { pairId } } });
    if (data && !context.signal.aborted) {
      show(data);
    }
    await refreshAttempts();
  }

  async function readStatus(): Promise<PairStatus | undefined> {
    return (await api.GET("/tenant-pairs/{pairId}", { params: { path: { pairId } } })).data;
  }

  function openForm(side: PairRole): void {
    const passkeyId = uid("passkey");
    const action = side === "bcp" ? "Activate BCP tenant" : "Return to primary";
    const passkey = h("input", { id: passkeyId, type: "password", autocomplete: "off", required: true, spellcheck: "false",
      "aria-describedby": `${passkeyId}-hint` });
    const form = h("form", { class: "stack switch-form", "aria-label": action, onsubmit: (event) => { event.preventDefault(); void submit(side, passkey); } },
      h("h3", {}, action),
      h("div", { class: "field" },
        h("label", { for: passkeyId }, "Passkey"), passkey,
        h("p", { id: `${passkeyId}-hint`, class: "hint" }, "The passkey generated when BCP was set up. If you do not have it, ask your account representative.")),
      h("div", { class: "actions" },
        h("button", { type: "submit", class: "primary" }, "Submit"),
        h("button", { type: "button", onclick: () => { replace(formSlot); toggle.focus(); } }, "Cancel")));
    replace(formSlot, form);
    passkey.focus();
  }

  async function submit(side: PairRole, passkeyInput: HTMLInputElement): Promise<void> {
    const passkey = passkeyInput.value;
    passkeyInput.value = "";
    result.clear();
    const answer = await api.PUT("/tenant-pairs/{pairId}/active-side", {
      params: { path: { pairId } },
      body: { side, passkey },
    });
    if (context.signal.aborted) {
      return;
    }
    if (answer.data && "requestId" in answer.data) {
      // The pair requires two-person approval (docs/approval.md): nothing switched yet.
      replace(formSlot);
      result.show("info", h("strong", {}, "Approval needed. "),
        `The switch to the ${answer.data.side === "bcp" ? "BCP" : "primary"} tenant waits for another admin to approve request ${answer.data.requestId} (until ${answer.data.expiresAt}).`);
      return;
    }
    if (answer.data) {
      replace(formSlot);
      show(answer.data);
      void refreshAttempts();
      void followSwitchEffect(answer.data, readStatus, context.signal, show);
      const active = answer.data.activeSide === "bcp" ? answer.data.bcp : answer.data.primary;
      if (answer.data.outcome === "already-active") {
        result.show("info", `${active.accountName} was already active: nothing changed.`);
      } else {
        result.show("success", h("strong", {}, "Switched. "),
          `${active.accountName} (${answer.data.activeSide === "bcp" ? "the BCP tenant" : "the primary tenant"}) is now active, epoch ${num(answer.data.epoch)}. `,
          h("strong", { "data-testid": "relogin" }, "Users must log out and log in again."),
          answer.data.notReadyChecks?.length
            ? h("span", { "data-testid": "switched-not-ready" }, ` Switched while not ready (failing: ${answer.data.notReadyChecks.join(", ")}).`)
            : null);
        void readiness.refresh();
        await context.refreshProfile();
      }
      return;
    }

    const problem = problemOf(answer);
    const slug = problemSlug(problem);
    if (slug === "passkey-invalid") {
      result.show("error", h("strong", {}, "Wrong passkey. "), "Nothing was changed.");
      await reload();
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
  void followSwitchEffect(data, readStatus, context.signal, show);
  void readiness.refresh();
  void refreshAttempts();

  return h("div", {},
    ...pageHeading("BC Activation", "Switch which tenant of your pair takes contact traffic and logins. Switching needs the passkey."),
    section("Status", statusSlot, lockSlot),
    section("Switch", h("p", {}, "Turn the BCP tenant on or off. You are asked for the passkey before anything changes."),
      readiness.element, h("div", { class: "actions" }, toggle, toggleHint), attemptsSlot, formSlot, result.element));
}
