import { shownOncePanel } from "./shown-once";

/** A webhook's signing secret, shown once. */
export function secretPanel(url: string, secret: string, onDone: () => void): HTMLElement {
  return shownOncePanel({
    label: "New webhook secret",
    testId: "secret-panel",
    valueTestId: "secret",
    title: `Signing secret for ${url}`,
    warning: [
      "Configure it in the receiver now: it verifies each delivery's webhook-signature header with it (Standard Webhooks). ",
      "It will not be shown again; to replace it, remove the webhook and register it again.",
    ],
    value: secret,
    what: "secret",
    onDone,
  });
}
