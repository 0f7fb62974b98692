import { h, replace, type Child } from "../dom";

export type Tone = "success" | "error" | "warning" | "info";

/**
 * A region for the outcome of an action. Errors and warnings are alerts (read out at once), the rest
 * polite status messages; the region exists before anything is written to it, so screen readers notice.
 */
export function messageArea(testId: string): { element: HTMLElement; show: (tone: Tone, ...content: Child[]) => void; clear: () => void } {
  const element = h("div", { class: "message-area", "data-testid": testId });
  return {
    element,
    show(tone, ...content) {
      const live = tone === "error" || tone === "warning";
      replace(element, h("div", { class: `message ${tone}`, role: live ? "alert" : "status", "data-tone": tone }, ...content));
    },
    clear() {
      replace(element);
    },
  };
}
