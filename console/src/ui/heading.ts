import { h, type Child } from "../dom";

/** The page's one h1; focusable so that navigation moves focus to it. */
export function pageHeading(title: string, ...intro: Child[]): HTMLElement[] {
  return [h("h1", { tabindex: -1, class: "page-title" }, title), ...(intro.length > 0 ? [h("p", { class: "intro" }, ...intro)] : [])];
}

export function section(title: string, ...content: Child[]): HTMLElement {
  const id = `section-${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  return h("section", { class: "card", "aria-labelledby": id }, h("h2", { id }, title), ...content);
}
