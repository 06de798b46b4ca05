/** UTC calendar dates as the API speaks them (`YYYY-MM-DD`, both ends inclusive). */

const DAY_MS = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Days in the default range, today included (contracts.md: "the last 30 days"). */
export const DEFAULT_RANGE_DAYS = 30;

/** Relative ranges offered as presets, in days. */
export const RANGE_PRESETS = [7, 30, 90] as const;

/** Longest relative range accepted from a URL, days. */
export const MAX_RANGE_DAYS = 731;

/** The UTC date of `time` as `YYYY-MM-DD`. */
export function utcDate(time: Date | number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** True when `s` is a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(s: string): boolean {
  if (!ISO_DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && utcDate(d) === s;
}

/** The default range ending today (UTC): `days` days, both ends inclusive. */
export function defaultRange(now: Date | number = Date.now(), days = DEFAULT_RANGE_DAYS) {
  const to = utcDate(now);
  const from = utcDate(new Date(`${to}T00:00:00Z`).getTime() - (days - 1) * DAY_MS);
  return { from, to };
}

/** The range of the same length just before `range` (for "compare with the previous period"). */
export function previousRange(range: { from: string; to: string }) {
  const from = new Date(`${range.from}T00:00:00Z`).getTime();
  const to = new Date(`${range.to}T00:00:00Z`).getTime();
  const days = Math.round((to - from) / DAY_MS) + 1;
  return { from: utcDate(from - days * DAY_MS), to: utcDate(from - DAY_MS) };
}
