/**
 * Time to convert: for each step after the first, the median seconds from the previous
 * step and a histogram over fixed buckets, among the units that reached it.
 */
import type { Store } from '../../store/store.js';
import { SqlParams } from '../sql-params.js';
import { funnelLevels } from './funnel-levels.js';
import type { FunnelSpec } from './funnel-spec.js';

/** Upper bounds (seconds, exclusive) of the histogram buckets; the last bucket is open. */
export const TIME_BUCKETS = [10, 30, 60, 300, 900, 3_600, 14_400, 86_400] as const;

export interface StepTiming {
  /** 1-based step number (2..N). */
  step: number;
  /** Median seconds from the previous step; null when nobody reached the step. */
  medianSeconds: number | null;
  /** Counts per bucket: `[< 10 s, < 30 s, ..., < 1 day, >= 1 day]`. */
  histogram: number[];
}

/** Time-to-convert figures per step (not defined for any-order funnels: returns []). */
export async function funnelTimeToConvert(store: Store, spec: FunnelSpec): Promise<StepTiming[]> {
  if (spec.order === 'any') return [];
  const params = new SqlParams();
  const levels = funnelLevels(store, spec, params, { withTimes: true });
  const buckets = `[${TIME_BUCKETS.join(', ')}]`;
  const histogram = Array.from(
    { length: TIME_BUCKETS.length + 1 },
    (_, i) => `countIf(reached AND bucket = ${i + 1})`,
  );
  const result = await store.client.query({
    query: `SELECT k AS step,
        quantileExactIf(0.5)(d, reached) AS median,
        countIf(reached) AS n,
        [${histogram}] AS histogram
      FROM (
        SELECT arrayJoin(range(2, ${spec.steps.length + 1})) AS k,
          level >= k AS reached,
          times[k] - times[k - 1] AS d,
          arrayFirstIndex(b -> d < b, ${buckets}) AS first_bucket,
          if(first_bucket = 0, ${TIME_BUCKETS.length + 1}, first_bucket) AS bucket
        FROM (${levels})
      )
      GROUP BY k ORDER BY k`,
    query_params: params.values,
    format: 'JSONEachRow',
  });
  const rows = await result.json<{ step: number; median: number; n: number; histogram: number[] }>();
  return rows.map((row) => ({
    step: row.step,
    medianSeconds: row.n > 0 ? row.median : null,
    histogram: row.histogram,
  }));
}
