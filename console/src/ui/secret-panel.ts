import { h } from "../dom";

/**
 * A webhook's signing secret, shown once with a copy button. "I have stored it" removes it from the
 * page; nothing keeps it anywhere else.
 */
export function secretPanel(url: string, secret: string, onDone: () => void): HTMLElement {
  const copied = h("span", { class: "copied", role: "status" });
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(secret);
      copied.textContent = "Copied.";
    } catch {
      copied.textContent = "Copying is not allowed here: select the secret and copy it by hand.";
    }
  };
  return h("div", { class: "passkey-panel", role: "region", "aria-label": "New webhook secret", "data-testid": "secret-panel" },
    h("h3", {}, `Signing secret for ${url}`),
    h("p", { class: "passkey-warning" }, h("strong", {}, "Shown once. "),
      "Configure it in the receiver now: it verifies each delivery's webhook-signature header with it (Standard Webhooks). ",
      "It will not be shown again; to replace it, remove the webhook and register it again."),
    h("p", {}, h("code", { class: "passkey", "data-testid": "secret" }, secret)),
    h("div", { class: "actions" },
      h("button", { type: "button", class: "primary", onclick: () => void copy() }, "Copy secret"),
      h("button", { type: "button", onclick: onDone }, "I have stored it"),
      copied));
}
