// Formats shared by the pages. Times are shown in UTC, as the API gives them, so every reader sees the same.

/** A JSON number the document allows as a string too (int32/int64). */
export function num(value: number | string | null | undefined): number {
  return value === null || value === undefined ? 0 : Number(value);
}

/** "2026-12-01 23:10:05 UTC". */
export function utc(iso: string | null | undefined): string {
  if (!iso) {
    return "—";
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

/** "14:59" or "1:02:03": what is left of a duration in seconds. */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, "0");
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${rest}` : `${minutes}:${rest}`;
}

export function sideName(side: string | null | undefined): string {
  return side === "bcp" ? "BCP tenant" : side === "primary" ? "Primary tenant" : "—";
}

/** The side within a sentence: "the BCP tenant", "the primary tenant". */
export function theSide(side: string | null | undefined): string {
  return side === "bcp" ? "the BCP tenant" : side === "primary" ? "the primary tenant" : "—";
}

/** How long ago `iso` was: "less than a minute", "42 min", "3 h 5 min", "2 days 4 h". */
export function age(iso: string, now: number = Date.now()): string {
  const minutes = Math.max(0, Math.floor((now - new Date(iso).getTime()) / 60_000));
  if (minutes < 1) {
    return "less than a minute";
  }
  if (minutes < 60) {
    return `${minutes} min`;
  }
  const hours = Math.floor(minutes / 60);
  if (hours < 24) {
    return `${hours} h ${minutes % 60} min`;
  }
  const days = Math.floor(hours / 24);
  return `${days} ${days === 1 ? "day" : "days"} ${hours % 24} h`;
}
