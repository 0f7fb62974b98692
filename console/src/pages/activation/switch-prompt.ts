import type { FailbackReport, PairRole, PairStatus, Readiness, SwitchAttempts } from "../../api/types";
import { h, uid } from "../../dom";
import { num, theSide } from "../../ui/format";
import { usersDenied } from "../../ui/readiness-facts";
import { verdictText } from "../../ui/readiness-panel";
import { overwriteConfirmation } from "./overwrite-confirmation";

/** What the passkey prompt names: the switch asked for and what the page knows when it opens. */
export interface SwitchPromptFacts {
  side: PairRole;
  status: PairStatus;
  readiness: Readiness | null;
  attempts: SwitchAttempts | null;
  /** On a return to the primary: the failback report (null: not read); undefined on a switch to the BCP tenant. */
  failback?: FailbackReport | null;
}

/** "3 wrong passkeys left before switching is locked for you." */
export function attemptsLeftText(left: number): string {
  return `${num(left)} wrong passkey${left === 1 ? "" : "s"} left before switching is locked for you.`;
}

/**
 * The passkey prompt: before anything changes it names the tenant that will take the traffic, the readiness verdict,
 * how many users a switch to the BCP tenant leaves without a login there, the wrong passkeys left, and, on the way
 * back, that the sync overwrites what was changed in the BCP tenant meanwhile (it copies the primary over it), how many
 * such changes the failback report counts, and a confirmation the form requires when there are any.
 */
export function switchPrompt(facts: SwitchPromptFacts, onSubmit: (passkey: HTMLInputElement) => void, onCancel: () => void): HTMLFormElement {
  const { side, status } = facts;
  const target = side === "bcp" ? status.bcp : status.primary;
  const action = side === "bcp" ? "Activate BCP tenant" : "Return to primary";
  const passkeyId = uid("passkey");
  const denied = side === "bcp" ? usersDenied(facts.readiness) : null;
  const passkey = h("input", { id: passkeyId, type: "password", autocomplete: "off", required: true, spellcheck: "false",
    "aria-describedby": `${passkeyId}-hint` });
  return h("form", { class: "stack switch-form", "aria-label": action, onsubmit: (event) => { event.preventDefault(); onSubmit(passkey); } },
    h("h3", {}, action),
    h("div", { class: "prompt-facts", "data-testid": "switch-prompt" },
      h("p", { "data-testid": "prompt-target" }, h("strong", {}, `${target.accountName}`),
        ` (${theSide(side)}, tenant ${target.tenantId}) will take contact traffic and logins.`),
      h("p", { "data-testid": "prompt-readiness" }, "Readiness: ",
        facts.readiness ? (verdictText[facts.readiness.verdict] ?? facts.readiness.verdict) : "not known (the report could not be read)."),
      denied === null ? null : h("p", { "data-testid": "prompt-denied" },
        `${denied} ${denied === 1 ? "user" : "users"} of ${status.primary.accountName} will be denied a login to the BCP tenant (BCP type none).`),
      side === "primary" ? h("p", { class: "message warning", role: "note", "data-testid": "prompt-overwrite" },
        h("strong", {}, "Changes made in the BCP tenant will be overwritten "),
        "by the sync after the return: it copies the primary tenant over the BCP tenant again. Make them in the primary tenant too.") : null,
      overwriteConfirmation(facts.failback),
      facts.attempts ? h("p", { "data-testid": "prompt-attempts" }, locked(facts.attempts)
        ? "Switching is locked: even the right passkey is refused until the lock ends."
        : attemptsLeftText(num(facts.attempts.attemptsLeft))) : null),
    h("div", { class: "field" },
      h("label", { for: passkeyId }, "Passkey"), passkey,
      h("p", { id: `${passkeyId}-hint`, class: "hint" }, "The passkey generated when BCP was set up. If you do not have it, ask your account representative.")),
    h("div", { class: "actions" },
      h("button", { type: "submit", class: "primary" }, "Submit"),
      h("button", { type: "button", onclick: onCancel }, "Cancel")));
}

function locked(attempts: SwitchAttempts): boolean {
  return !!attempts.lockedUntil && new Date(attempts.lockedUntil).getTime() > Date.now();
}
