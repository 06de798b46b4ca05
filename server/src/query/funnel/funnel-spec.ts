/**
 * A funnel as the API receives it, and its validation: every mistake is reported with
 * the path of the field and what was expected.
 */

/** What an event must be to count as a step. */
export type StepMatch =
  | { kind: 'step'; funnel: string; step: string }
  | { kind: 'pageview'; pageKey: string }
  | { kind: 'click'; selector?: string; selectorHash?: string; pageKey?: string }
  | { kind: 'event'; name: string };

/** A condition on an event property (or on a column: channel, device, platform, url, referrer, href). */
export interface PropFilter {
  key: string;
  op: 'eq' | 'neq' | 'contains';
  value: string;
}

export interface FunnelStep {
  match: StepMatch;
  filters?: PropFilter[];
}

/** Visitors who do this between step `from` and step `to` (1-based) leave the funnel. */
export interface Exclusion extends FunnelStep {
  from: number;
  to: number;
}

export type BreakdownBy = 'channel' | 'scene' | 'device' | 'platform' | 'prop';

export interface FunnelSpec {
  site: string;
  /** Entry dates, `YYYY-MM-DD` UTC, inclusive; later steps may complete up to the window after `to`. */
  from: string;
  to: string;
  steps: FunnelStep[];
  /** Conversion window, seconds. */
  windowSeconds: number;
  /** ordered: steps in order, others may come between; strict: nothing else between; any: any order. */
  order: 'ordered' | 'strict' | 'any';
  /** Count visitors (anonymous ids) or sessions. */
  unit: 'visitor' | 'session';
  exclusions: Exclusion[];
  breakdown?: { by: BreakdownBy; key?: string; limit: number };
}

export const MIN_STEPS = 2;
export const MAX_STEPS = 20;
export const DEFAULT_WINDOW_SECONDS = 86_400;
const MAX_WINDOW_SECONDS = 90 * 86_400;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class FunnelSpecError extends Error {}

const fail = (path: string, expected: string): never => {
  throw new FunnelSpecError(`${path} ${expected}`);
};

const text = (value: unknown, path: string, max = 512): string =>
  typeof value === 'string' && value.length > 0 && value.length <= max
    ? value
    : fail(path, `must be a string of 1 to ${max} characters`);

const optionalText = (value: unknown, path: string) => (value === undefined ? undefined : text(value, path));

function parseMatch(value: unknown, path: string): StepMatch {
  if (typeof value !== 'object' || value === null) fail(path, 'must be an object with a "kind"');
  const match = value as Record<string, unknown>;
  switch (match.kind) {
    case 'step':
      return {
        kind: 'step',
        funnel: text(match.funnel, `${path}.funnel`),
        step: text(match.step, `${path}.step`),
      };
    case 'pageview':
      return { kind: 'pageview', pageKey: text(match.pageKey, `${path}.pageKey`) };
    case 'click': {
      const click: StepMatch = {
        kind: 'click',
        selector: optionalText(match.selector, `${path}.selector`),
        selectorHash: optionalText(match.selectorHash, `${path}.selectorHash`),
        pageKey: optionalText(match.pageKey, `${path}.pageKey`),
      };
      if (!click.selector && !click.selectorHash) fail(path, 'needs a selector or a selectorHash');
      return click;
    }
    case 'event':
      return { kind: 'event', name: text(match.name, `${path}.name`) };
    default:
      return fail(`${path}.kind`, 'must be one of step, pageview, click, event');
  }
}

function parseFilters(value: unknown, path: string): PropFilter[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) return fail(path, 'must be an array');
  return value.map((item, i) => {
    const filter = (item ?? {}) as Record<string, unknown>;
    const op = filter.op ?? 'eq';
    if (op !== 'eq' && op !== 'neq' && op !== 'contains')
      fail(`${path}[${i}].op`, 'must be eq, neq or contains');
    return {
      key: text(filter.key, `${path}[${i}].key`, 128),
      op: op as PropFilter['op'],
      value:
        typeof filter.value === 'string' ? filter.value : fail(`${path}[${i}].value`, 'must be a string'),
    };
  });
}

const parseStep = (value: unknown, path: string): FunnelStep => {
  const step = (value ?? {}) as Record<string, unknown>;
  return {
    match: parseMatch(step.match, `${path}.match`),
    filters: parseFilters(step.filters, `${path}.filters`),
  };
};

/** Validates a funnel definition from the API; throws `FunnelSpecError` saying what is wrong. */
export function parseFunnelSpec(value: unknown): FunnelSpec {
  if (typeof value !== 'object' || value === null) fail('body', 'must be a JSON object');
  const spec = value as Record<string, unknown>;
  const site = text(spec.site, 'site', 128);
  for (const name of ['from', 'to'] as const) {
    if (typeof spec[name] !== 'string' || !DATE.test(spec[name]) || Number.isNaN(Date.parse(spec[name]))) {
      fail(name, 'must be a date as YYYY-MM-DD');
    }
  }
  const from = spec.from as string;
  const to = spec.to as string;
  if (from > to) fail('from', `(${from}) must not be after to (${to})`);
  if (!Array.isArray(spec.steps) || spec.steps.length < MIN_STEPS || spec.steps.length > MAX_STEPS) {
    fail('steps', `must be an array of ${MIN_STEPS} to ${MAX_STEPS} steps`);
  }
  const steps = (spec.steps as unknown[]).map((step, i) => parseStep(step, `steps[${i}]`));
  const windowSeconds = spec.windowSeconds ?? DEFAULT_WINDOW_SECONDS;
  if (
    typeof windowSeconds !== 'number' ||
    !Number.isInteger(windowSeconds) ||
    windowSeconds < 1 ||
    windowSeconds > MAX_WINDOW_SECONDS
  ) {
    fail('windowSeconds', `must be a whole number of seconds from 1 to ${MAX_WINDOW_SECONDS}`);
  }
  const order = spec.order ?? 'ordered';
  if (order !== 'ordered' && order !== 'strict' && order !== 'any')
    fail('order', 'must be ordered, strict or any');
  const unit = spec.unit ?? 'visitor';
  if (unit !== 'visitor' && unit !== 'session') fail('unit', 'must be visitor or session');
  const exclusions = ((spec.exclusions ?? []) as unknown[]).map((item, i) => {
    const path = `exclusions[${i}]`;
    const exclusion = (item ?? {}) as Record<string, unknown>;
    const stepFrom = exclusion.from ?? 1;
    const stepTo = exclusion.to ?? steps.length;
    if (
      typeof stepFrom !== 'number' ||
      typeof stepTo !== 'number' ||
      stepFrom < 1 ||
      stepTo > steps.length ||
      stepFrom >= stepTo
    ) {
      fail(path, `needs from < to, both step numbers from 1 to ${steps.length}`);
    }
    return { ...parseStep(item, path), from: stepFrom as number, to: stepTo as number };
  });
  let breakdown: FunnelSpec['breakdown'];
  if (spec.breakdown !== undefined) {
    const b = spec.breakdown as Record<string, unknown>;
    if (!['channel', 'scene', 'device', 'platform', 'prop'].includes(b.by as string)) {
      fail('breakdown.by', 'must be channel, scene, device, platform or prop');
    }
    const limit = b.limit ?? 10;
    if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > 50) {
      fail('breakdown.limit', 'must be a whole number from 1 to 50');
    }
    breakdown = {
      by: b.by as BreakdownBy,
      key: b.by === 'prop' ? text(b.key, 'breakdown.key', 128) : undefined,
      limit: limit as number,
    };
  }
  return {
    site,
    from,
    to,
    steps,
    windowSeconds: windowSeconds as number,
    order: order as FunnelSpec['order'],
    unit: unit as FunnelSpec['unit'],
    exclusions,
    breakdown,
  };
}
