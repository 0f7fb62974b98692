import { h, type Child } from "../dom";

/** What a shown-once panel says and names (test ids included). */
export interface ShownOnce {
  label: string;
  testId: string;
  valueTestId: string;
  title: string;
  warning: Child[];
  value: string;
  /** The secret's name in "Copy …" and the copy-by-hand hint, e.g. "passkey". */
  what: string;
  onDone: () => void;
}

/**
 * A secret shown once: the warning, the value with a copy button, and "I have stored it", which removes
 * it from the page; nothing keeps it anywhere else.
 */
export function shownOncePanel(panel: ShownOnce): HTMLElement {
  const copied = h("span", { class: "copied", role: "status" });
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(panel.value);
      copied.textContent = "Copied.";
    } catch {
      copied.textContent = `Copying is not allowed here: select the ${panel.what} and copy it by hand.`;
    }
  };
  return h("div", { class: "passkey-panel", role: "region", "aria-label": panel.label, "data-testid": panel.testId },
    h("h3", {}, panel.title),
    h("p", { class: "passkey-warning" }, h("strong", {}, "Shown once. "), ...panel.warning),
    h("p", {}, h("code", { class: "passkey", "data-testid": panel.valueTestId }, panel.value)),
    h("div", { class: "actions" },
      h("button", { type: "button", class: "primary", onclick: () => void copy() }, `Copy ${panel.what}`),
      h("button", { type: "button", onclick: panel.onDone }, "I have stored it"),
      copied));
}
