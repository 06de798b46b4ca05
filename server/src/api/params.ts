/**
 * Reads the query-string parameters the API shares (site, dates, device, page) with
 * defaults, and says exactly which one is wrong when one is.
 */
import { DEVICE_CLASSES, type DeviceClass } from '@heatfunnel/sdk/protocol';
import { FunnelSpecError, parseFunnelSpec } from '../query/funnel/funnel-spec.js';
import type { DateRange, PageFilter } from '../query/page-filter.js';
import type { Segment } from '../query/segment.js';

export class ParamError extends Error {}

type Query = (name: string) => string | undefined;

const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Site and date range; `from`/`to` default to the 30 days ending today (UTC). */
export function dateRangeParams(query: Query, now = Date.now()): DateRange {
  const site = query('site');
  if (!site) throw new ParamError('site is required, e.g. ?site=demo');
  const to = query('to') ?? isoDay(now);
  const from = query('from') ?? isoDay(Date.parse(to) - 29 * DAY_MS);
  for (const [name, value] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (!DATE.test(value) || Number.isNaN(Date.parse(value))) {
      throw new ParamError(`${name} must be a date as YYYY-MM-DD, got "${value}"`);
    }
  }
  if (from > to) throw new ParamError(`from (${from}) must not be after to (${to})`);
  return { site, from, to };
}

/** Date range plus page key and device class (default desktop). */
export function pageFilterParams(query: Query, now = Date.now()): PageFilter {
  const range = dateRangeParams(query, now);
  const page = query('page');
  if (!page) throw new ParamError('page is required: a page key such as /product/:id (see /api/pages)');
  const device = (query('device') ?? 'desktop') as DeviceClass;
  if (!DEVICE_CLASSES.includes(device)) {
    throw new ParamError(`device must be one of ${DEVICE_CLASSES.join(', ')}, got "${device}"`);
  }
  return { ...range, page, device, segment: segmentParams(query) };
}

/**
 * The segment: `channel`, `platform`, `visitor=new|returning`, `prop=key:value`, and
 * `cohort={"funnel":{...funnel},"reached":N}` (visitors who reached step N but not N + 1).
 */
export function segmentParams(query: Query): Segment {
  const segment: Segment = {};
  const channel = query('channel');
  const platform = query('platform');
  const visitor = query('visitor');
  const prop = query('prop');
  const cohort = query('cohort');
  if (channel !== undefined) segment.channel = channel;
  if (platform !== undefined) segment.platform = platform;
  if (visitor !== undefined) {
    if (visitor !== 'new' && visitor !== 'returning')
      throw new ParamError('visitor must be new or returning');
    segment.visitor = visitor;
  }
  if (prop !== undefined) {
    const split = prop.indexOf(':');
    if (split < 1) throw new ParamError(`prop must be key:value, got "${prop}"`);
    segment.prop = { key: prop.slice(0, split), value: prop.slice(split + 1) };
  }
  if (cohort !== undefined) {
    try {
      const parsed = JSON.parse(cohort) as { funnel?: unknown; reached?: unknown };
      const funnel = parseFunnelSpec(parsed.funnel);
      const reached = parsed.reached;
      if (
        typeof reached !== 'number' ||
        !Number.isInteger(reached) ||
        reached < 1 ||
        reached > funnel.steps.length
      ) {
        throw new ParamError(`cohort.reached must be a step number from 1 to ${funnel.steps.length}`);
      }
      segment.cohort = { funnel, reached };
    } catch (error) {
      if (error instanceof ParamError) throw error;
      const reason =
        error instanceof FunnelSpecError ? `cohort.funnel.${error.message}` : 'cohort must be JSON';
      throw new ParamError(`${reason}: {"funnel": {...a funnel...}, "reached": N}`);
    }
  }
  return segment;
}
