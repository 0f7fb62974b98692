import type { Readiness } from "../api/types";

/**
 * How many of the primary tenant's users would be denied a login to the BCP tenant (BCP type none), read from the
 * bcp-access check's summary ("12 of 40 users may log in …", "none of the 40 users has …"; Silo/Readiness/BcpAccessCheck.cs).
 * Null when the report has no such check or its summary gives no counts (e.g. the users could not be read).
 */
export function usersDenied(readiness: Readiness | null): number | null {
  const summary = readiness?.checks.find((check) => check.id === "bcp-access")?.summary ?? "";
  const some = /(\d+) of (\d+) users may log in/.exec(summary);
  if (some) {
    return Number(some[2]) - Number(some[1]);
  }
  const none = /none of the (\d+) users/.exec(summary);
  return none ? Number(none[1]) : null;
}
