import { h } from "../dom";
import { clock } from "./format";

/**
 * A live countdown to `until`, updated every second until it ends (then `onEnd`) or `signal` aborts.
 * A timer role: screen readers do not announce each tick.
 */
export function countdown(until: Date, signal: AbortSignal, onEnd: () => void): HTMLElement {
  const element = h("span", { role: "timer", class: "countdown", "data-testid": "countdown" });
  const tick = (): void => {
    const left = (until.getTime() - Date.now()) / 1000;
    element.textContent = clock(left);
    if (left <= 0) {
      window.clearInterval(timer);
      if (!signal.aborted) {
        onEnd();
      }
    }
  };
  const timer = window.setInterval(tick, 1000);
  signal.addEventListener("abort", () => window.clearInterval(timer));
  tick();
  return element;
}
