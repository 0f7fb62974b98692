import { h } from "../dom";

/**
 * A passkey, shown once: with a copy button and the warning that it will not be shown again. "I have
 * stored it" removes it from the page; nothing keeps it anywhere else.
 */
export function passkeyPanel(pairId: string, passkey: string, onDone: () => void): HTMLElement {
  const copied = h("span", { class: "copied", role: "status" });
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(passkey);
      copied.textContent = "Copied.";
    } catch {
      copied.textContent = "Copying is not allowed here: select the passkey and copy it by hand.";
    }
  };
  return h("div", { class: "passkey-panel", role: "region", "aria-label": "New passkey", "data-testid": "passkey-panel" },
    h("h3", {}, `Passkey of pair ${pairId}`),
    h("p", { class: "passkey-warning" }, h("strong", {}, "Shown once. "),
      "This passkey will not be shown again: store it now (e.g. in your password manager) and give it to the customer's BCP administrators. ",
      "It is needed for every switch."),
    h("p", {}, h("code", { class: "passkey", "data-testid": "passkey" }, passkey)),
    h("div", { class: "actions" },
      h("button", { type: "button", class: "primary", onclick: () => void copy() }, "Copy passkey"),
      h("button", { type: "button", onclick: onDone }, "I have stored it"),
      copied));
}
