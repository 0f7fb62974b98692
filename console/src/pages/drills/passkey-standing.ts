import { api } from "../../api/client";
import type { Problem } from "../../api/types";
import { h, type Child } from "../../dom";
import { countdown } from "../../ui/countdown";
import { num, utc } from "../../ui/format";
import { attemptsLeftText } from "../activation/switch-prompt";

/** A lock the API names (the switch-locked problem, or the caller's attempts): until when, and whose it is. */
export function lockText(lockedUntil: string, scope: unknown, signal: AbortSignal): Child[] {
  const until = new Date(lockedUntil);
  const whose = scope === "pair" ? "for everyone giving a passkey (wrong passkeys from several users)" : "for you";
  return [h("span", { "data-testid": "drill-lockout" }, `Drills with a passkey and switches are locked ${whose} until ${utc(until.toISOString())}, in `,
    countdown(until, signal, () => undefined), ".")];
}

/** The switch-locked problem's own facts (docs/drills.md: Retry-After, lockedUntil, lockScope). */
export function lockOf(problem: Problem, signal: AbortSignal): Child[] {
  const scope = (problem as Record<string, unknown>)["lockScope"];
  return problem.lockedUntil ? lockText(problem.lockedUntil, scope, signal) : [problem.detail ?? "Switching is locked."];
}

/** After a wrong passkey: the signed-in user's wrong passkeys left, or the lock it brought, as GET …/active-side/attempts says. */
export async function passkeyStanding(pairId: string, signal: AbortSignal): Promise<Child[]> {
  try {
    const { data } = await api.GET("/tenant-pairs/{pairId}/active-side/attempts", { params: { path: { pairId } } });
    if (!data) {
      return [];
    }
    if (data.lockedUntil && new Date(data.lockedUntil).getTime() > Date.now()) {
      return lockText(data.lockedUntil, data.lockScope, signal);
    }
    return [h("span", { "data-testid": "drill-attempts" }, attemptsLeftText(num(data.attemptsLeft)))];
  } catch {
    return [];
  }
}
