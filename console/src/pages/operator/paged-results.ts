import { h, replace } from "../../dom";
import { scrollTable } from "../../ui/scroll-table";

/** A page as the find-by-name routes answer it (docs/api.md): a short or empty page may still have a token. */
export interface ResultPage<T> {
  items: T[];
  continuationToken?: string | null;
}

export interface PagedResultsOptions<T> {
  /** What the results are, e.g. "Tenants". */
  noun: string;
  testId: string;
  columns: string[];
  /** One page of matches for the search, or the problem's text. */
  load: (search: string, token: string | null) => Promise<ResultPage<T> | string>;
  row: (item: T) => HTMLElement;
}

/** Results of a search, a page at a time, with Previous and Next (the tokens of pages seen are kept to go back). */
export function pagedResults<T>(options: PagedResultsOptions<T>): { element: HTMLElement; search: (text: string) => Promise<void> } {
  const slot = h("div", { "data-testid": options.testId });
  let text = "";
  let tokens: Array<string | null> = [null];
  let page = 0;

  async function load(): Promise<void> {
    const answer = await options.load(text, tokens[page] ?? null);
    if (typeof answer === "string") {
      replace(slot, h("p", { class: "message error", role: "alert" }, answer));
      return;
    }
    const next = answer.continuationToken ?? null;
    tokens = [...tokens.slice(0, page + 1), next];
    const label = text ? `${options.noun} matching "${text}", page ${page + 1}` : `${options.noun}, page ${page + 1}`;
    replace(slot,
      answer.items.length === 0
        ? h("p", { role: "status" }, next ? `No ${options.noun.toLowerCase()} on page ${page + 1}; more may follow on the next.`
          : page === 0 ? `No ${options.noun.toLowerCase()} match "${text}".` : `No more ${options.noun.toLowerCase()}.`)
        : scrollTable(label, h("table", {},
          h("caption", {}, label),
          h("thead", {}, h("tr", {}, options.columns.map((title) => h("th", { scope: "col" }, title)))),
          h("tbody", {}, answer.items.map(options.row)))),
      h("div", { class: "actions" },
        h("button", { type: "button", disabled: page === 0, "aria-label": `Previous page of ${options.noun.toLowerCase()}`, onclick: () => { page -= 1; void load(); } }, "Previous page"),
        h("button", { type: "button", disabled: !next, "aria-label": `Next page of ${options.noun.toLowerCase()}`, onclick: () => { page += 1; void load(); } }, "Next page")));
  }

  return {
    element: slot,
    search: async (search: string) => {
      text = search;
      tokens = [null];
      page = 0;
      await load();
    },
  };
}
