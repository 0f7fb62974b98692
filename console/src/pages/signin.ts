import { mintDevToken } from "../api/dev-tokens";
import { permissions } from "../api/types";
import { describe } from "../api/client";
import { field, h, uid } from "../dom";
import { readToken, type Session } from "../session";
import { messageArea } from "../ui/message";

/**
 * The sign-in form. In Development the API mints a token for the tenant, user and permissions given
 * (POST /dev/tokens); anywhere else the user pastes a bearer token from their identity provider.
 * Either way the token is kept in memory only.
 */
export function signInPage(reason: string | null, onSignedIn: (session: Omit<Session, "me">) => void): HTMLElement {
  const message = messageArea("signin-message");
  if (reason) {
    message.show("warning", reason);
  }

  const tenant = field("Tenant id", { name: "tenantId", autocomplete: "off", required: true, spellcheck: "false" },
    "The tenant you sign in to. Operators may name any tenant id, e.g. ops.");
  const user = field("User id", { name: "userId", autocomplete: "off", required: true, spellcheck: "false" });
  const boxes = permissions.map(([name, what]) => {
    const id = uid("perm");
    const box = h("input", { type: "checkbox", id, name: "permissions", value: name });
    return { box, row: h("div", { class: "check" }, box, h("label", { for: id }, h("code", {}, name), " — ", what)) };
  });

  const devForm = h("form", { class: "stack", "aria-labelledby": "signin-dev-title", onsubmit: (event) => void submitDev(event) },
    h("h2", { id: "signin-dev-title" }, "Development sign-in"),
    tenant.row, user.row,
    h("fieldset", {}, h("legend", {}, "Permissions"), ...boxes.map((b) => b.row)),
    h("button", { type: "submit", class: "primary" }, "Sign in"));

  const tokenId = uid("token");
  const tokenInput = h("textarea", { id: tokenId, rows: 3, required: true, spellcheck: "false", autocomplete: "off" });
  const tokenForm = h("form", { class: "stack", "aria-labelledby": "signin-token-title", onsubmit: (event) => submitToken(event) },
    h("h2", { id: "signin-token-title" }, "Sign in with a bearer token"),
    h("div", { class: "field" }, h("label", { for: tokenId }, "Bearer token"), tokenInput),
    h("button", { type: "submit" }, "Use this token"));

  async function submitDev(event: Event): Promise<void> {
    event.preventDefault();
    message.clear();
    const chosen = boxes.filter((b) => b.box.checked).map((b) => b.box.value);
    const result = await mintDevToken({ tenantId: tenant.input.value.trim(), userId: user.input.value.trim(), permissions: chosen });
    if (!result.ok) {
      message.show("error", result.status === 404
        ? "The Development sign-in is not available on this server (it exists only in the Development environment). Use a bearer token."
        : result.problem ? describe(result.problem) : `Sign-in failed (${result.status}).`);
      return;
    }
    accept(result.token.token);
  }

  function submitToken(event: Event): void {
    event.preventDefault();
    accept(tokenInput.value.trim());
  }

  function accept(token: string): void {
    const read = readToken(token);
    if (!read) {
      message.show("error", "That is not a bearer token (a JWT).");
      return;
    }
    tokenInput.value = "";
    onSignedIn({ token, expiresAt: read.expiresAt, claims: read.claims });
  }

  return h("main", { id: "main", class: "signin" },
    h("h1", { tabindex: -1, class: "page-title" }, "Sign in to the Orleans.Bcp admin console"),
    h("p", { class: "intro" }, "Your sign-in is kept in this page's memory only: reloading or closing the tab signs you out."),
    message.element,
    h("div", { class: "signin-forms" }, devForm, tokenForm));
}
