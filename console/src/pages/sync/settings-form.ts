import { api, describe, problemOf } from "../../api/client";
import { entityTypes, type SyncSettings, type SyncSettingsRequest } from "../../api/types";
import { h, uid } from "../../dom";
import { utc } from "../../ui/format";
import { messageArea } from "../../ui/message";

/** The sync settings (docs/sync.md): on/off, default (all 11 types) or custom, script id rewrite, the daily time (UTC). */
export function settingsForm(pairId: string, settings: SyncSettings, canEdit: boolean): HTMLElement {
  const message = messageArea("sync-settings-message");
  const enabledId = uid("enabled");
  const enabled = h("input", { type: "checkbox", id: enabledId, checked: settings.enabled });
  const modeName = uid("mode");
  const modes = (["default", "custom"] as const).map((mode) => {
    const id = uid("mode");
    const input = h("input", { type: "radio", name: modeName, id, value: mode, checked: settings.mode === mode });
    const label = mode === "default" ? "Default: all 11 types" : "Custom: the types chosen below";
    return { input, row: h("div", { class: "check" }, input, h("label", { for: id }, label)) };
  });
  const chosen = new Set(settings.mode === "custom" ? settings.entityTypes : entityTypes);
  const types = entityTypes.map((type) => {
    const id = uid("type");
    const input = h("input", { type: "checkbox", id, value: type, checked: chosen.has(type) });
    return { input, row: h("div", { class: "check" }, input, h("label", { for: id }, type)) };
  });
  const rewriteId = uid("rewrite");
  const rewrite = h("input", { type: "checkbox", id: rewriteId, checked: settings.rewriteScriptIds });
  const timeId = uid("daily");
  // "HH:mm"; an older API answered "HH:mm:ss.fffffff", whose first five characters are the same.
  // Text, not type="time": a time picker shows the browser's locale (e.g. "11:34 PM"), and this is a UTC time of day.
  const dailyAt = h("input", { type: "text", id: timeId, value: settings.dailyAt ? settings.dailyAt.slice(0, 5) : "", class: "time-input",
    pattern: "([01][0-9]|2[0-3]):[0-5][0-9]", placeholder: "HH:mm", inputmode: "numeric", autocomplete: "off", "aria-describedby": `${timeId}-hint` });

  const custom = (): boolean => modes[1]!.input.checked;
  const syncTypes = (): void => {
    for (const t of types) {
      t.input.disabled = !custom();
      if (!custom()) {
        t.input.checked = true;
      }
    }
  };
  for (const m of modes) {
    m.input.addEventListener("change", syncTypes);
  }
  syncTypes();

  async function save(): Promise<void> {
    const mode = custom() ? "custom" : "default";
    const body: SyncSettingsRequest = {
      enabled: enabled.checked,
      mode,
      ...(mode === "custom" ? { entityTypes: types.filter((t) => t.input.checked).map((t) => t.input.value) } : {}),
      rewriteScriptIds: rewrite.checked,
    };
    if (enabled.checked && dailyAt.value) {
      body.dailyAt = dailyAt.value;
    }
    const answer = await api.PUT("/tenant-pairs/{pairId}/sync", { params: { path: { pairId } }, body });
    if (answer.data) {
      message.show("success", `Saved. ${answer.data.enabled ? `Next daily run: ${utc(answer.data.nextRunAt)}.` : "The daily run is off."}`);
      if (answer.data.dailyAt) {
        dailyAt.value = answer.data.dailyAt.slice(0, 5);
      }
    } else {
      message.show("error", describe(problemOf(answer)));
    }
  }

  const fields = h("fieldset", { class: "stack plain", disabled: !canEdit },
    h("legend", { class: "visually-hidden" }, "Sync settings"),
    h("div", { class: "check" }, enabled, h("label", { for: enabledId }, "Daily sync enabled")),
    h("fieldset", {}, h("legend", {}, "What to sync"), ...modes.map((m) => m.row)),
    h("fieldset", { class: "types" }, h("legend", {}, "Entity types"), ...types.map((t) => t.row)),
    h("div", { class: "check" }, rewrite, h("label", { for: rewriteId }, "Rewrite entity ids in BCP copies of scripts")),
    h("div", { class: "field" }, h("label", { for: timeId }, "Daily run time (UTC)"), dailyAt,
      h("p", { id: `${timeId}-hint`, class: "hint" }, "24-hour UTC, e.g. 02:30. Left empty, enabling fixes it to the time of day of the change.")),
    canEdit ? h("button", { type: "submit", class: "primary" }, "Save settings") : null);

  return h("form", { class: "stack", "aria-label": "Sync settings", onsubmit: (event) => { event.preventDefault(); void save(); } },
    canEdit ? null : h("p", { class: "hint" }, "Changing these needs the permission bcp.sync.edit."),
    fields,
    h("p", {}, `Next daily run: ${settings.enabled ? utc(settings.nextRunAt) : "none (sync is off)"}.`),
    message.element);
}
