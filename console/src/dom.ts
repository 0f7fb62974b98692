// Small typed DOM helpers: the console builds its pages from these, with no framework.

export type Child = Node | string | number | null | undefined | false | Child[];
type Handler = (event: Event) => void;
export type Attrs = Record<string, string | number | boolean | null | undefined | Handler>;

/** An element with attributes (`on…` keys add listeners; `true` sets a bare attribute) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (typeof value === "function") {
      element.addEventListener(key.slice(2), value);
    } else if (value === true) {
      element.setAttribute(key, "");
    } else if (value !== false && value !== null && value !== undefined) {
      element.setAttribute(key, String(value));
    }
  }
  append(element, children);
  return element;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (Array.isArray(child)) {
      append(parent, child);
    } else if (child instanceof Node) {
      parent.appendChild(child);
    } else if (child !== null && child !== undefined && child !== false) {
      parent.appendChild(document.createTextNode(String(child)));
    }
  }
}

/** Replaces every child of `parent`. */
export function replace(parent: Node, ...children: Child[]): void {
  while (parent.firstChild) {
    parent.removeChild(parent.firstChild);
  }
  append(parent, children);
}

let nextId = 0;

/** A document-unique id, to tie labels and descriptions to their controls. */
export function uid(stem: string): string {
  nextId += 1;
  return `${stem}-${nextId}`;
}

/** A labelled text input; returns the wrapper and the input. */
export function field(label: string, attrs: Attrs = {}, hint?: string): { row: HTMLElement; input: HTMLInputElement } {
  const id = uid("field");
  const hintId = hint ? `${id}-hint` : undefined;
  const input = h("input", { id, type: "text", "aria-describedby": hintId, ...attrs });
  const row = h("div", { class: "field" }, h("label", { for: id }, label), input, hint ? h("p", { id: hintId, class: "hint" }, hint) : null);
  return { row, input };
}
