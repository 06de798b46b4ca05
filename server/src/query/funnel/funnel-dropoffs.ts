/**
 * Who left at a step and what they did instead: the units that reached step k but not
 * k + 1, and the most common first thing they did next within the window.
 */
import type { Store } from '../../store/store.js';
import { SqlParams } from '../sql-params.js';
import { funnelLevels } from './funnel-levels.js';
import type { FunnelSpec } from './funnel-spec.js';

export interface Dropoffs {
  step: number;
  /** How many reached the step and went no further. */
  count: number;
  /** Up to `sample` of their visitor ids. */
  visitors: string[];
  /** Their most common next events; "(nothing)" for those who did nothing more. */
  next: { event: string; count: number }[];
}

const LABEL = `multiIf(
  type = 'pageview', concat('pageview ', page_key),
  type = 'click', concat('click ', selector, ' on ', page_key),
  type = 'step', concat('step ', funnel, ' / ', step),
  type = 'custom', concat('event ', name),
  type)`;

/** Drop-offs after step `step` (1-based, below the last step). */
export async function funnelDropoffs(
  store: Store,
  spec: FunnelSpec,
  step: number,
  sample = 100,
): Promise<Dropoffs> {
  const params = new SqlParams();
  const levels = funnelLevels(store, spec, params, { withTimes: true });
  const k = params.add(step, 'UInt8');
  const window = params.add(spec.windowSeconds, 'UInt32');
  const unit = spec.unit === 'session' ? 'session_id' : 'anon_id';
  const result = await store.client.query({
    query: `WITH dropped AS (
        SELECT unit, visitor, times[${k}] AS left_at FROM (${levels}) WHERE level = ${k}
      )
      SELECT
        (SELECT count() FROM dropped) AS count,
        (SELECT groupArray(${params.add(sample, 'UInt32')})(visitor) FROM dropped) AS visitors,
        (SELECT groupArray((event, n)) FROM (
          SELECT event, count() AS n FROM (
            SELECT d.unit, if(max(e.ts) = 0, '(nothing)', argMin(${LABEL}, e.ts)) AS event
            FROM dropped AS d
            LEFT JOIN (
              SELECT ${unit} AS unit, ts, type, page_key, selector, funnel, step, name
              FROM ${store.table('events')}
              WHERE site = ${params.add(spec.site, 'String')}
                AND ${unit} IN (SELECT unit FROM dropped)
            ) AS e ON e.unit = d.unit AND toUInt32(toDateTime(e.ts)) > d.left_at
              AND toUInt32(toDateTime(e.ts)) <= d.left_at + ${window}
            GROUP BY d.unit
          ) GROUP BY event ORDER BY n DESC, event LIMIT 10
        )) AS next`,
    query_params: params.values,
    format: 'JSONEachRow',
  });
  const [row] = await result.json<{ count: number; visitors: string[]; next: [string, number][] }>();
  return {
    step,
    count: row?.count ?? 0,
    visitors: row?.visitors ?? [],
    next: (row?.next ?? []).map(([event, count]) => ({ event, count })),
  };
}
