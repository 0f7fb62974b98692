import type { Problem } from "./types";

// POST /dev/tokens is the Development sign-in (Api/AdminConsole): not part of the API document, so typed here.

export interface DevTokenRequest {
  tenantId: string;
  userId: string;
  permissions: string[];
}

export interface DevToken {
  token: string;
  expiresAt: string;
}

export type DevTokenResult = { ok: true; token: DevToken } | { ok: false; status: number; problem: Problem | null };

export async function mintDevToken(request: DevTokenRequest): Promise<DevTokenResult> {
  const response = await fetch("/dev/tokens", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(request),
    credentials: "omit",
  });
  if (response.ok) {
    return { ok: true, token: (await response.json()) as DevToken };
  }
  const problem = response.headers.get("Content-Type")?.includes("json") ? ((await response.json()) as Problem) : null;
  return { ok: false, status: response.status, problem };
}
