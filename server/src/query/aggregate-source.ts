/**
 * Where a heatmap query reads from: the aggregate table when the segment allows it, else
 * the same aggregation run over the segment's raw events. Either way the query around it
 * is the same, so the two paths cannot drift apart.
 */
import type { Store } from '../store/store.js';
import type { DateRange } from './page-filter.js';
import { aggregatable, type Segment, visitorConditions } from './segment.js';
import type { SqlParams } from './sql-params.js';

/** Placeholders for the site and the date range, registered once per query. */
export interface RangeParams {
  site: string;
  from: string;
  to: string;
}

/** Registers the site and dates of `range` as parameters. */
export function rangeParams(range: DateRange, params: SqlParams): RangeParams {
  return {
    site: params.add(range.site, 'String'),
    from: params.add(range.from, 'Date'),
    to: params.add(range.to, 'Date'),
  };
}

/** The FROM target for `table`, whose view aggregates raw events with `select`. */
export function aggregateSource(
  store: Store,
  table: string,
  select: (events: string) => string,
  segment: Segment,
  range: RangeParams,
  params: SqlParams,
): string {
  if (aggregatable(segment)) return store.table(table);
  const events = `(SELECT * FROM ${store.table('events')}
    WHERE site = ${range.site} AND toDate(ts) BETWEEN ${range.from} AND ${range.to}
    ${visitorConditions(store, segment, params, range)})`;
  return `(${select(events)})`;
}
