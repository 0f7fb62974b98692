import type { Me } from "./api/types";

// The bearer token lives in this module's memory only: never in localStorage, sessionStorage, cookies or
// IndexedDB. Reloading or closing the tab signs the user out, and nothing about the token is left behind.

/** What the token itself says (read for navigation; the server validates it on every request). */
export interface Claims {
  userId: string;
  tenantId: string;
  permissions: string[];
}

export interface Session {
  token: string;
  expiresAt: Date | null;
  claims: Claims;
  /** The caller's profile, or null when the token's tenant is not a tenant here (e.g. an operator's "ops"). */
  me: Me | null;
}

let current: Session | null = null;
let expiry: number | undefined;
const listeners: Array<(reason: string | null) => void> = [];

export function getSession(): Session | null {
  return current;
}

export function currentToken(): string | null {
  return current?.token ?? null;
}

export function hasPermission(permission: string): boolean {
  return current?.claims.permissions.includes(permission) ?? false;
}

export function startSession(session: Session): void {
  current = session;
  window.clearTimeout(expiry);
  if (session.expiresAt) {
    expiry = window.setTimeout(() => endSession("Your sign-in expired. Sign in again."), Math.max(0, session.expiresAt.getTime() - Date.now()));
  }
}

export function updateProfile(me: Me | null): void {
  if (current) {
    current = { ...current, me };
  }
}

/** Forgets the token; listeners show the sign-in form (with `reason`, if any). */
export function endSession(reason: string | null = null): void {
  current = null;
  window.clearTimeout(expiry);
  for (const listener of listeners) {
    listener(reason);
  }
}

export function onSessionEnd(listener: (reason: string | null) => void): void {
  listeners.push(listener);
}

/** The claims of a JWT's payload and its expiry (no validation: the API does that); null if it is no JWT. */
export function readToken(token: string): { claims: Claims; expiresAt: Date | null } | null {
  try {
    // base64url without padding: atob's forgiving decoder accepts it once the alphabet is standard.
    const payload = JSON.parse(atob((token.split(".")[1] ?? "").replace(/-/g, "+").replace(/_/g, "/"))) as Record<string, unknown>;
    const perm = payload["perm"];
    const permissions = Array.isArray(perm) ? perm.map(String) : typeof perm === "string" ? [perm] : [];
    const exp = payload["exp"];
    return {
      claims: { userId: String(payload["sub"] ?? ""), tenantId: String(payload["tenant"] ?? ""), permissions },
      expiresAt: typeof exp === "number" ? new Date(exp * 1000) : null,
    };
  } catch {
    return null;
  }
}
