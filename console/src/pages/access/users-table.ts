import { api, describe, problemOf } from "../../api/client";
import { bcpTypes, type BcpType } from "../../api/types";
import { field, h, replace, uid } from "../../dom";
import { messageArea } from "../../ui/message";

const pageSize = 50;

/** A user as the listing gives it: the console reads only these fields. */
interface UserRow {
  id: string;
  username: string;
  name: string;
  bcpType: string;
}

function toRow(item: Record<string, unknown>): UserRow {
  const text = (key: string): string => (typeof item[key] === "string" ? (item[key] as string) : "");
  return {
    id: text("id"),
    username: text("username"),
    name: [text("firstName"), text("lastName")].filter(Boolean).join(" "),
    bcpType: text("bcpType") || "none",
  };
}

/** The tenant's users with their BCP type, a page at a time, each editable (PUT …/users/{id}/bcp-type); a search box filters the page by username. */
export function usersTable(tenantId: string, onChanged: () => void): { element: HTMLElement; reload: () => Promise<void> } {
  const slot = h("div", { "data-testid": "users" });
  const search = field("Search by username", { type: "search", autocomplete: "off", spellcheck: "false" },
    "Filters the users of this page as you type (the API has no search).");
  let rows: UserRow[] = [];
  let continuation: string | null | undefined = null;
  const message = messageArea("user-message");
  const tokens: Array<string | null> = [null];
  let page = 0;

  async function load(): Promise<void> {
    const token = tokens[page] ?? null;
    const { data, error, response } = await api.GET("/tenants/{tenantId}/users", {
      params: { path: { tenantId }, query: { pageSize, ...(token ? { continuationToken: token } : {}) } },
    });
    if (!data) {
      replace(slot, h("p", { class: "message error", role: "alert" }, describe(problemOf({ error, response }))));
      return;
    }
    tokens[page + 1] = data.continuationToken;
    continuation = data.continuationToken;
    rows = data.items.map((item) => toRow(item as Record<string, unknown>));
    draw();
  }

  /** The page's users whose username contains the search text (any case). */
  function draw(): void {
    const wanted = search.input.value.trim().toLowerCase();
    const shown = rows.filter((user) => user.username.toLowerCase().includes(wanted));
    replace(slot,
      rows.length === 0 ? h("p", {}, "This tenant has no users.")
        : shown.length === 0 ? h("p", { role: "status" }, `No username on page ${page + 1} contains "${search.input.value.trim()}".`)
          : h("table", {},
            h("caption", {}, wanted ? `Users, page ${page + 1}: ${shown.length} of ${rows.length} match` : `Users, page ${page + 1}`),
            h("thead", {}, h("tr", {}, ["Username", "Name", "BCP type", ""].map((title) => h("th", { scope: "col" }, title)))),
            h("tbody", {}, shown.map(userRow))),
      h("div", { class: "actions" },
        h("button", { type: "button", disabled: page === 0, onclick: () => { page -= 1; void load(); } }, "Previous page"),
        h("button", { type: "button", disabled: !continuation, onclick: () => { page += 1; void load(); } }, "Next page")));
  }

  function userRow(user: UserRow): HTMLElement {
    const id = uid("bcptype");
    const select = h("select", { id, "aria-label": `BCP type of ${user.username}` },
      bcpTypes.map((type) => h("option", { value: type, selected: type === user.bcpType }, type)));
    const save = async (): Promise<void> => {
      const answer = await api.PUT("/tenants/{tenantId}/users/{userId}/bcp-type", {
        params: { path: { tenantId, userId: user.id } },
        body: { bcpType: select.value as BcpType },
      });
      if (answer.data) {
        message.show("success", `${answer.data.username} now has BCP type ${answer.data.bcpType}.`);
        onChanged();
      } else {
        message.show("error", describe(problemOf(answer)));
      }
    };
    return h("tr", {},
      h("td", {}, user.username), h("td", {}, user.name || "—"), h("td", {}, select),
      h("td", {}, h("button", { type: "button", "aria-label": `Save BCP type of ${user.username}`, onclick: () => void save() }, "Save")));
  }

  search.input.addEventListener("input", draw);
  return { element: h("div", {}, search.row, message.element, slot), reload: load };
}
