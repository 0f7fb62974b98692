import { h } from "../dom";

/**
 * A wide table in a container that scrolls sideways on its own, so the page keeps to the window's width. The
 * container is a named, focusable region: keyboard users can scroll it too (axe: scrollable-region-focusable).
 */
export function scrollTable(label: string, table: HTMLTableElement): HTMLElement {
  return h("div", { class: "table-scroll", role: "region", "aria-label": label, tabindex: 0 }, table);
}
