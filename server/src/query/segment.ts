/**
 * Segments narrow a heatmap to some visitors: by channel or platform (answered from the
 * aggregate tables, which keep both), or by new vs returning visitors, an event property,
 * or a funnel cohort (answered from raw events, which is slower but exact).
 */
import type { Store } from '../store/store.js';
import { type CohortRef, cohortVisitors } from './funnel/funnel-cohort.js';
import type { SqlParams } from './sql-params.js';

export interface Segment {
  channel?: string;
  platform?: string;
  /** New visitors: first seen inside the date range; returning: seen before it. */
  visitor?: 'new' | 'returning';
  /** Visitors who sent an event with this property value in the range. */
  prop?: { key: string; value: string };
  /** Visitors who reached a funnel step but not the next. */
  cohort?: CohortRef;
}

/** True when the aggregate tables can answer for this segment. */
export const aggregatable = (segment: Segment): boolean =>
  segment.visitor === undefined && segment.prop === undefined && segment.cohort === undefined;

/** `AND ...` conditions on the columns every table has (channel, platform). */
export function dimensionConditions(segment: Segment, params: SqlParams): string {
  let sql = '';
  if (segment.channel !== undefined) sql += ` AND channel = ${params.add(segment.channel, 'String')}`;
  if (segment.platform !== undefined) sql += ` AND platform = ${params.add(segment.platform, 'String')}`;
  return sql;
}

/**
 * `AND anon_id IN (...)` conditions for the raw-only parts of a segment, within `site` and
 * the range [`from`, `to`] (placeholders already registered).
 */
export function visitorConditions(
  store: Store,
  segment: Segment,
  params: SqlParams,
  range: { site: string; from: string; to: string },
): string {
  const events = store.table('events');
  let sql = '';
  if (segment.visitor !== undefined) {
    const op = segment.visitor === 'new' ? '>=' : '<';
    sql += ` AND anon_id IN (SELECT anon_id FROM ${store.table('visitor_first_seen')} WHERE site = ${range.site}
      GROUP BY anon_id HAVING toDate(min(first_seen)) ${op} ${range.from})`;
  }
  if (segment.prop !== undefined) {
    sql += ` AND anon_id IN (SELECT anon_id FROM ${events} WHERE site = ${range.site}
      AND toDate(ts) BETWEEN ${range.from} AND ${range.to}
      AND JSONExtractString(props, ${params.add(segment.prop.key, 'String')}) = ${params.add(segment.prop.value, 'String')})`;
  }
  if (segment.cohort !== undefined) {
    sql += ` AND anon_id IN (${cohortVisitors(store, segment.cohort, params)})`;
  }
  return sql;
}
