import { apiFilters, type StepFilter } from './filters';

/**
 * A funnel as the viewer keeps it (in the URL: one `step=kind:value` per step) and as the
 * API takes it (`POST /api/funnel`, server/src/query/funnel/funnel-spec.ts).
 */

/** What an event must be to count as a step (the API's `StepMatch`). */
export type StepMatch =
  | { kind: 'pageview'; pageKey: string }
  | { kind: 'click'; selector: string }
  | { kind: 'step'; funnel: string; step: string }
  | { kind: 'event'; name: string };

export type StepKind = StepMatch['kind'];
export const STEP_KINDS: readonly StepKind[] = ['pageview', 'click', 'step', 'event'];

export const FUNNEL_ORDERS = ['ordered', 'strict', 'any'] as const;
export type FunnelOrder = (typeof FUNNEL_ORDERS)[number];
export const FUNNEL_UNITS = ['visitor', 'session'] as const;
export type FunnelUnit = (typeof FUNNEL_UNITS)[number];
export const BREAKDOWNS = ['channel', 'device', 'platform'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];
/** Conversion windows offered, seconds: 1 hour, 1 day, 7 days, 30 days. */
export const WINDOWS = [3600, 86_400, 604_800, 2_592_000] as const;
export const DEFAULT_WINDOW = 86_400;

/** Visitors who do `match` between step `from` and step `to` (1-based) leave the funnel. */
export interface Exclusion {
  match: StepMatch;
  from: number;
  to: number;
}

/** An exclusion as the API takes it: with its conditions, if any. */
export type ApiExclusion = Exclusion & { filters?: Omit<StepFilter, 'step'>[] };

/** The funnel part of the view state. */
export interface FunnelDraft {
  steps: StepMatch[];
  /** Conditions on the steps' events (`filter=N:key:op:value`). */
  filters: StepFilter[];
  exclusions: Exclusion[];
  /** Conditions on the exclusions' events, `step` being the exclusion's number (`xfilter=N:key:op:value`). */
  exclusionFilters: StepFilter[];
  windowSeconds: number;
  order: FunnelOrder;
  unit: FunnelUnit;
  breakdown: Breakdown | null;
}

/** The body of `POST /api/funnel`. */
export interface FunnelSpec {
  site: string;
  from: string;
  to: string;
  steps: { match: StepMatch; filters?: Omit<StepFilter, 'step'>[] }[];
  windowSeconds: number;
  order: FunnelOrder;
  unit: FunnelUnit;
  exclusions: ApiExclusion[];
  breakdown?: { by: Breakdown; limit: number };
}

/** A step as written in the URL: `pageview:/p`, `click:button#buy`, `step:checkout/pay`, `event:signup`. */
export function formatStep(m: StepMatch): string {
  switch (m.kind) {
    case 'pageview':
      return `pageview:${m.pageKey}`;
    case 'click':
      return `click:${m.selector}`;
    case 'step':
      return `step:${m.funnel}/${m.step}`;
    case 'event':
      return `event:${m.name}`;
  }
}

/** The step a URL value describes, or null when it is malformed or empty. */
export function parseStep(s: string): StepMatch | null {
  const i = s.indexOf(':');
  if (i < 1) return null;
  const kind = s.slice(0, i);
  const value = s.slice(i + 1).trim();
  if (!value) return null;
  switch (kind) {
    case 'pageview':
      return { kind, pageKey: value };
    case 'click':
      return { kind, selector: value };
    case 'event':
      return { kind, name: value };
    case 'step': {
      const slash = value.indexOf('/');
      if (slash < 1 || slash === value.length - 1) return null;
      return { kind, funnel: value.slice(0, slash), step: value.slice(slash + 1) };
    }
    default:
      return null;
  }
}

/** The text an analyst types for a step of `kind` (the part after `kind:`). */
export function stepValue(m: StepMatch): string {
  return formatStep(m).slice(m.kind.length + 1);
}

/** The API body for a draft over a site and date range. */
export function toSpec(draft: FunnelDraft, site: string, range: { from: string; to: string }): FunnelSpec {
  return {
    site,
    ...range,
    steps: draft.steps.map((match, i) => ({ match, ...apiFilters(draft.filters, i + 1) })),
    windowSeconds: draft.windowSeconds,
    order: draft.order,
    unit: draft.unit,
    // An exclusion whose steps no longer exist (steps were removed) is dropped, not sent.
    exclusions: draft.exclusions
      .map((e, i) => ({ ...e, ...apiFilters(draft.exclusionFilters, i + 1) }))
      .filter((e) => e.from >= 1 && e.to <= draft.steps.length && e.from < e.to),
    ...(draft.breakdown ? { breakdown: { by: draft.breakdown, limit: 10 } } : {}),
  };
}

/** An exclusion as written in the URL: `1-3:pageview:/demo/cart`. */
export function formatExclusion(e: Exclusion): string {
  return `${e.from}-${e.to}:${formatStep(e.match)}`;
}

/** The exclusion a URL value describes, or null when it is malformed. */
export function parseExclusion(s: string): Exclusion | null {
  const m = /^(\d{1,2})-(\d{1,2}):(.+)$/.exec(s);
  if (!m?.[1] || !m[2] || !m[3]) return null;
  const from = Number(m[1]);
  const to = Number(m[2]);
  const match = parseStep(m[3]);
  return match && from >= 1 && from < to ? { match, from, to } : null;
}
