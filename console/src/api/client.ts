import createClient, { type Middleware } from "openapi-fetch";
import type { paths } from "../../generated/api";
import { currentToken, endSession } from "../session";
import type { Problem } from "./types";

/** The API client, typed by the OpenAPI document: a contract change that breaks a call breaks the build. */
export const api = createClient<paths>({ baseUrl: window.location.origin });

const bearer: Middleware = {
  onRequest({ request }) {
    const token = currentToken();
    if (token) {
      request.headers.set("Authorization", `Bearer ${token}`);
    }
    return request;
  },
  onResponse({ response }) {
    // The token expired or its key was withdrawn: sign out rather than show every page failing.
    if (response.status === 401 && currentToken()) {
      endSession("The API no longer accepts your sign-in. Sign in again.");
    }
    return response;
  },
};
api.use(bearer);

/** A failed call's problem (or a stand-in when the body is not one), for messages. */
export function problemOf(result: { error?: unknown; response: Response }): Problem {
  const error = result.error;
  if (error && typeof error === "object") {
    return error as Problem;
  }
  return { type: "about:blank", status: result.response.status, title: `${result.response.status} ${result.response.statusText}`, detail: typeof error === "string" ? error : undefined };
}

/** The problem's `type` slug (`/problems/passkey-invalid` → `passkey-invalid`). */
export function problemSlug(problem: Problem): string {
  return (problem.type ?? "").replace(/^.*\/problems\//, "");
}

/** One sentence for people: the detail if the API gave one, else the title. */
export function describe(problem: Problem): string {
  const fields = problem.errors ? Object.values(problem.errors).flat() : [];
  return problem.detail ?? (fields.length > 0 ? fields.join(" ") : problem.title ?? "The request failed.");
}
