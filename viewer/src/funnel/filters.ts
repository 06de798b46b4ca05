/**
 * Conditions on a funnel step's event: a property (or a column: channel, device, platform,
 * url, referrer, page_key, selector) that must equal, differ from or contain a value. In the
 * URL as `filter=N:key:op:value` (N the 1-based step); the API takes them as the step's
 * `filters` (server/src/query/funnel/step-condition.ts). An exclusion's conditions have the
 * same shape, N being the exclusion's number (`xfilter=N:key:op:value`). Pure.
 */

export const FILTER_OPS = ['eq', 'neq', 'contains'] as const;
export type FilterOp = (typeof FILTER_OPS)[number];

/** A condition on the events of step `step` (1-based), or of exclusion `step` among exclusions. */
export interface StepFilter {
  step: number;
  key: string;
  op: FilterOp;
  value: string;
}

/** Keys the server reads from the event's columns; any other key is an event property. */
export const COLUMN_KEYS = [
  'channel',
  'device',
  'platform',
  'url',
  'referrer',
  'page_key',
  'selector',
] as const;

const FILTER = /^(\d{1,2}):([^:]{1,128}):(eq|neq|contains):(.*)$/s;

/** A filter as written in the URL: `2:coupon:eq:AUTUMN`. */
export function formatFilter(f: StepFilter): string {
  return `${f.step}:${f.key}:${f.op}:${f.value}`;
}

/** The filter a URL value describes, or null when it is malformed. */
export function parseFilter(s: string): StepFilter | null {
  const m = FILTER.exec(s);
  if (!m?.[1] || !m[2] || !m[3] || m[4] === undefined) return null;
  const step = Number(m[1]);
  const key = m[2].trim();
  return step >= 1 && key ? { step, key, op: m[3] as FilterOp, value: m[4] } : null;
}

/** The API's `filters` of step `step`, or nothing when it has none. */
export function apiFilters(filters: readonly StepFilter[], step: number) {
  const mine = filters.filter((f) => f.step === step).map(({ key, op, value }) => ({ key, op, value }));
  return mine.length > 0 ? { filters: mine } : {};
}

/** Where the step at position `p` is once step `from` moved to position `to` (all 1-based). */
export function positionAfterMove(p: number, from: number, to: number): number {
  if (p === from) return to;
  if (from < to && p > from && p <= to) return p - 1;
  if (to < from && p >= to && p < from) return p + 1;
  return p;
}

/** The filters once step `from` moved to position `to` (1-based): each keeps its step. */
export function filtersAfterMove(filters: readonly StepFilter[], from: number, to: number): StepFilter[] {
  return filters.map((f) => ({ ...f, step: positionAfterMove(f.step, from, to) }));
}

/** The filters once step `removed` (1-based) is gone: its own are dropped, later ones move up. */
export function filtersAfterRemove(filters: readonly StepFilter[], removed: number): StepFilter[] {
  return filters
    .filter((f) => f.step !== removed)
    .map((f) => (f.step > removed ? { ...f, step: f.step - 1 } : f));
}
