import type { RunReport } from "../api/types";
import { h } from "../dom";
import { num, utc } from "./format";

type Held = NonNullable<RunReport["heldDeletes"]>[number];

const reasons: Record<string, string> = {
  "deletes-held": "more than the delete guard allows",
  "primary-listing-empty": "the primary showed none of this type while the BCP tenant holds copies — check the primary region's store before releasing",
  "bcp-changed": "copies changed in the BCP tenant while it was active, gone from the primary — check that work is kept before releasing",
};

/**
 * The deletes a run did not make (docs/sync.md, "Deletes need proof"), per type, and the Release button for an admin
 * with bcp.sync.edit; once released, who released them and the run that applied them.
 */
export function heldDeletes(run: RunReport, onRelease?: (run: RunReport) => void): HTMLElement | null {
  const held: Held[] = run.heldDeletes ?? [];
  if (held.length === 0) {
    return null;
  }
  const release = run.release;
  return h("div", { class: "held-deletes message warning", role: "note", "data-testid": "held-deletes" },
    h("h4", {}, "Deletes held: nothing of these types was deleted"),
    h("ul", {}, held.map((type) => h("li", { "data-testid": `held-${type.type}` },
      h("code", {}, type.type), ` ${num(type.count)} of ${num(type.copies)} BCP copies (${type.reason}): ${reasons[type.reason] ?? type.reason}`))),
    release
      ? h("p", { "data-testid": "held-released" }, `Released by ${release.userId} at ${utc(release.at)}; run ${release.applyRunId} applies them.`)
      : onRelease
        ? h("button", { type: "button", class: "primary", onclick: () => onRelease(run) }, "Release held deletes")
        : h("p", { class: "hint" }, "Releasing them needs bcp.sync.edit."));
}
