import type { components } from "../../generated/api";

// Names for the generated schemas (openapi-typescript, from docs/openapi.json).
type Schemas = components["schemas"];

export type Me = Schemas["MeResponse"];
export type PairStatus = Schemas["PairStatusDocument"];
export type SwitchAttempts = Schemas["SwitchAttemptsDocument"];
export type PairRole = NonNullable<Schemas["PairRole"]>;
export type Tenant = Schemas["TenantResponse"];
export type TenantRef = Schemas["TenantRef"];
export type PairEntry = Schemas["PairEntry"];
export type AuditEntry = Schemas["AuditEntryDocument"];
export type SyncSettings = Schemas["SyncSettingsDocument"];
export type SyncSettingsRequest = Schemas["SyncSettingsRequest"];
export type TypeCounts = Schemas["TypeCounts"];
export type SyncWarning = Schemas["SyncWarning"];
export type BcpAccessCounts = Schemas["BcpAccessCounts"];
export type InvalidRow = Schemas["InvalidRow"];
export type BulkResult = Schemas["BulkBcpTypeResponse"];
export type ScriptChecklist = Schemas["ScriptChecklistDocument"];
export type ScriptChecklistItem = Schemas["ScriptChecklistItem"];
export type Webhook = Schemas["WebhookInfo"];
export type WebhookDelivery = Schemas["WebhookDelivery"];
export type CreatedWebhook = Schemas["CreatedWebhookDocument"];

/** The events a webhook can receive (docs/webhooks.md). */
export const webhookEventTypes = [
  "switch.succeeded", "switch.rejected", "switch.locked", "sync.succeeded", "sync.failed", "sync.skipped", "sync.deletes-held", "sync.cancelled", "readiness.changed",
] as const;

/** The 11 entity types that sync (docs/api.md, "Tenant configuration"). */
export const entityTypes = [
  "agent-settings", "business-unit-settings", "dispositions", "hours-of-operation", "points-of-contact", "skills",
  "roles", "teams", "users", "files", "scripts",
] as const;

export const bcpTypes = ["none", "single", "multiple"] as const;
export type BcpType = (typeof bcpTypes)[number];

/** The permissions a token can carry (docs/api.md, "Calling the API"), with what each allows. */
export const permissions = [
  ["bcp.setup", "Operator: create tenants and pairs, rotate passkeys, switch without passkey"],
  ["bcp.activation.edit", "Switch the pair's active side (with the passkey)"],
  ["bcp.sync.edit", "Change sync settings, start a run"],
  ["bcp.access.edit", "Set users' BCP type (one, or a CSV)"],
  ["tenant.config.edit", "Create, change and delete configuration entities"],
  ["bcp.login.read", "The login service and telephony router"],
] as const;

export type RunReport = Schemas["SyncRunReport"];
/** The RFC 9457 problem every 4xx and 5xx carries. */
export type Problem = Schemas["Problem"];

export type Readiness = Schemas["ReadinessDocument"];
export type ReadinessCheck = Schemas["ReadinessCheckDocument"];

export type ApprovalSettings = Schemas["ApprovalDocument"];
export type SwitchRequest = Schemas["SwitchRequestDocument"];
export type FailbackReport = Schemas["FailbackDocument"];
export type FailbackChange = Schemas["FailbackChange"];
export type Drill = Schemas["DrillDocument"];
export type DrillStep = Schemas["DrillStepDocument"];
export type DrillSchedule = Schemas["DrillScheduleDocument"];
export type SwitchReport = Schemas["SwitchReportDocument"];
