import { api, describe, problemOf } from "../../api/client";
import type { DrillSchedule } from "../../api/types";
import { h, uid } from "../../dom";
import { utc } from "../../ui/format";
import { messageArea } from "../../ui/message";

const weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;

/**
 * The weekly drill (docs/drills.md): on/off, the weekday and the time (UTC). Changing it needs an operator or an admin of
 * the primary tenant (the BCP tenant's admin gets 403), so others see it read-only.
 */
export function scheduleForm(pairId: string, schedule: DrillSchedule, canEdit: boolean): HTMLElement {
  const message = messageArea("drill-schedule-message");
  const enabledId = uid("drill-enabled");
  const enabled = h("input", { type: "checkbox", id: enabledId, checked: schedule.enabled });
  const weekdayId = uid("weekday");
  const weekday = h("select", { id: weekdayId },
    weekdays.map((day) => h("option", { value: day, selected: day === schedule.weekday.toLowerCase() }, day[0]!.toUpperCase() + day.slice(1))));
  const atId = uid("drill-at");
  // Text, not type="time": a time picker shows the browser's locale, and this is a UTC time of day (as on the Sync page).
  const at = h("input", { type: "text", id: atId, value: schedule.at.slice(0, 5), class: "time-input", required: true,
    pattern: "([01][0-9]|2[0-3]):[0-5][0-9]", placeholder: "HH:mm", inputmode: "numeric", autocomplete: "off", "aria-describedby": `${atId}-hint` });
  const next = h("p", { "data-testid": "drill-next" });
  const showNext = (value: DrillSchedule): void => {
    next.textContent = `Next scheduled drill: ${value.enabled ? utc(value.nextRunAt) : "none (the weekly drill is off)"}.`;
  };
  showNext(schedule);

  async function save(): Promise<void> {
    message.clear();
    let answer;
    try {
      answer = await api.PUT("/tenant-pairs/{pairId}/drills/schedule", { params: { path: { pairId } }, body: { enabled: enabled.checked, weekday: weekday.value, at: at.value } });
    } catch {
      message.show("error", h("strong", {}, "The server did not answer. "), "The schedule may or may not be saved: reload the page to see the one kept.");
      return;
    }
    if (answer.data) {
      at.value = answer.data.at.slice(0, 5);
      showNext(answer.data);
      message.show("success", `Saved. ${next.textContent}`);
    } else {
      message.show("error", describe(problemOf(answer)));
    }
  }

  return h("form", { class: "stack", "aria-label": "Weekly drill", onsubmit: (event) => { event.preventDefault(); void save(); } },
    canEdit ? null : h("p", { class: "hint" }, "Changing the schedule needs bcp.setup, or bcp.activation.edit of the primary tenant."),
    h("fieldset", { class: "stack plain", disabled: !canEdit },
      h("legend", { class: "visually-hidden" }, "Weekly drill"),
      h("div", { class: "check" }, enabled, h("label", { for: enabledId }, "Weekly drill enabled")),
      h("div", { class: "field" }, h("label", { for: weekdayId }, "Weekday"), weekday),
      h("div", { class: "field" }, h("label", { for: atId }, "Time (UTC)"), at,
        h("p", { id: `${atId}-hint`, class: "hint" }, "24-hour UTC, e.g. 09:00. The drill goes to the side not active, without the passkey step.")),
      canEdit ? h("button", { type: "submit", class: "primary" }, "Save schedule") : null),
    next,
    message.element);
}
