import { hasPermission, type Session } from "../session";
import { accessPage } from "./access";
import { activationPage } from "./activation";
import { auditPage } from "./audit";
import { checklistPage } from "./checklist";
import { failbackPage } from "./failback";
import { drillsPage } from "./drills";
import { notificationsPage } from "./notifications";
import { operatorPage } from "./operator";
import { overviewPage } from "./overview";
import type { Page } from "./page";
import { switchesPage } from "./switches";
import { syncPage } from "./sync";

const paired = (session: Session): boolean => Boolean(session.me?.pairId);

/** Every page, in navigation order; each is offered only to the sessions it can serve. */
export const pages: Page[] = [
  { path: "overview", title: "Overview", visible: () => true, render: overviewPage },
  { path: "activation", title: "BC Activation", visible: (s) => paired(s) && hasPermission("bcp.activation.edit"), render: activationPage },
  { path: "operator", title: "Operator", visible: () => hasPermission("bcp.setup"), render: operatorPage },
  { path: "sync", title: "Sync", visible: paired, render: syncPage },
  { path: "access", title: "BCP access", visible: (s) => Boolean(s.me) && hasPermission("bcp.access.edit"), render: accessPage },
  { path: "checklist", title: "Script checklist", visible: paired, render: checklistPage },
  { path: "audit", title: "Audit log", visible: paired, render: auditPage },
  { path: "failback", title: "Failback", visible: paired, render: failbackPage },
  { path: "notifications", title: "Notifications", visible: (s) => paired(s) && hasPermission("bcp.activation.edit"), render: notificationsPage },
  { path: "drills", title: "Drills", visible: (s) => paired(s) && (hasPermission("bcp.activation.edit") || hasPermission("bcp.setup")), render: drillsPage },
  { path: "switches", title: "Switch reports", visible: paired, render: switchesPage },
];
