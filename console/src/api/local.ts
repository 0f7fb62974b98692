import type { components, paths } from "../../generated/api";
import type { BcpType, SyncSettingsRequest } from "./types";

type SyncRunReport = components["schemas"]["SyncRunReport"];

// LOCAL: what the API document does not describe yet. Each type is as narrow as the console needs, and each
// has a check below that stops compiling once the document describes the real thing: then delete the local
// type and use the generated one.

/** LOCAL: body of PUT /tenants/{tenantId}/users/{userId}/bcp-type (the document has no request body). */
export interface BcpTypeBody {
  bcpType: BcpType;
}

/** LOCAL: the PUT /sync field the API adds (`dailyAt`, "HH:mm" UTC), until the document has it. */
export interface SyncSettingsExtra {
  dailyAt?: string;
}

/** LOCAL: a run's live progress per entity type, and a skipped run's reason, until the document has them. */
export interface RunExtra {
  progress?: Record<string, { planned: number | string; done: number | string }> | null;
  skipReason?: "bcp-active" | "disabled" | string | null;
}

/** LOCAL: the problem body (RFC 9457) every 4xx carries, until the document has its problem schema. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: Record<string, string[]>;
  invalidRows?: Array<{ line: number | string; username?: string | null; error: string; detail: string }>;
  lockedUntil?: string;
  runId?: string;
}

/** Passes what the document does not describe yet (a body, a path parameter): each use is a place to change. */
export function undescribed<T>(value: T): never {
  return value as never;
}

// Compile-time checks: each fails once the document describes what the local type stands in for.
type Undescribed<T extends undefined> = T;
type Lacks<T, K extends string> = K extends keyof T ? never : true;
export type BcpTypeBodyUndescribed = Undescribed<paths["/tenants/{tenantId}/users/{userId}/bcp-type"]["put"]["requestBody"]>;
export type BcpAccessPathUndescribed = Undescribed<paths["/tenant-pairs/{pairId}/bcp-access"]["get"]["parameters"]["path"]>;
export type CsvBodyUndescribed = Undescribed<paths["/tenants/{tenantId}/users/bcp-types"]["post"]["requestBody"]>;
export const stillLocal: [Lacks<SyncRunReport, "progress">, Lacks<SyncRunReport, "skipReason">, Lacks<SyncSettingsRequest, "dailyAt">] =
  [true, true, true];
