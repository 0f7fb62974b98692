import { shownOncePanel } from "./shown-once";

/** A pair's passkey, shown once, with the warning that it will not be shown again. */
export function passkeyPanel(pairId: string, passkey: string, onDone: () => void): HTMLElement {
  return shownOncePanel({
    label: "New passkey",
    testId: "passkey-panel",
    valueTestId: "passkey",
    title: `Passkey of pair ${pairId}`,
    warning: [
      "This passkey will not be shown again: store it now (e.g. in your password manager) and give it to the customer's BCP administrators. ",
      "It is needed for every switch.",
    ],
    value: passkey,
    what: "passkey",
    onDone,
  });
}
