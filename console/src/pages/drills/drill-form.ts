import type { PairRole } from "../../api/types";
import { h, uid } from "../../dom";
import { sideName } from "../../ui/format";

/**
 * Which side to rehearse a switch to (by default the side not active: the switch that would come next) and the passkey,
 * which an operator (bcp.setup) may leave out (docs/drills.md). The passkey is handed over once and never kept.
 */
export function drillForm(activeSide: PairRole | null | undefined, passkeyOptional: boolean, onSubmit: (side: PairRole, passkey: HTMLInputElement) => void): HTMLFormElement {
  const sideGroup = uid("side");
  const sides = (["bcp", "primary"] as const).map((side) => {
    const id = uid("side");
    const input = h("input", { type: "radio", name: sideGroup, id, value: side, checked: side !== (activeSide ?? "primary") });
    const note = side === activeSide ? " (active now: checks that nothing would break if it stayed)" : "";
    return { side, input, row: h("div", { class: "check" }, input, h("label", { for: id }, `${sideName(side)}${note}`)) };
  });
  const passkeyId = uid("passkey");
  const passkey = h("input", { id: passkeyId, type: "password", autocomplete: "off", required: !passkeyOptional, spellcheck: "false",
    "aria-describedby": `${passkeyId}-hint` });
  const chosen = (): PairRole => sides.find((s) => s.input.checked)?.side ?? "bcp";
  return h("form", { class: "stack switch-form", "aria-label": "Run a drill", onsubmit: (event) => { event.preventDefault(); onSubmit(chosen(), passkey); } },
    h("fieldset", {}, h("legend", {}, "Rehearse a switch to"), sides.map((s) => s.row)),
    h("div", { class: "field" },
      h("label", { for: passkeyId }, passkeyOptional ? "Passkey (optional for an operator)" : "Passkey"), passkey,
      h("p", { id: `${passkeyId}-hint`, class: "hint" },
        "Checked as a switch checks it: a wrong passkey fails the drill's passkey step and counts toward your lockout, as a switch's would.",
        passkeyOptional ? " Left empty, the drill has no passkey step." : "")),
    h("div", { class: "actions" }, h("button", { type: "submit", class: "primary" }, "Run drill")));
}
