/** Conversion over time: per day or week of entry, how many entered and how many finished. */
import type { Store } from '../../store/store.js';
import { SqlParams } from '../sql-params.js';
import { funnelLevels } from './funnel-levels.js';
import type { FunnelSpec } from './funnel-spec.js';

export interface TrendPoint {
  /** First day of the period, `YYYY-MM-DD`. */
  period: string;
  entered: number;
  converted: number;
  rate: number;
}

/** Entries and completions per `interval` of entry time. */
export async function funnelTrend(
  store: Store,
  spec: FunnelSpec,
  interval: 'day' | 'week',
): Promise<TrendPoint[]> {
  const params = new SqlParams();
  const levels = funnelLevels(store, spec, params);
  const period = interval === 'week' ? 'toMonday(entered_at)' : 'toDate(entered_at)';
  const result = await store.client.query({
    query: `SELECT toString(${period}) AS period, count() AS entered, countIf(level = ${spec.steps.length}) AS converted
      FROM (${levels}) GROUP BY period ORDER BY period`,
    query_params: params.values,
    format: 'JSONEachRow',
  });
  const rows = await result.json<Omit<TrendPoint, 'rate'>>();
  return rows.map((row) => ({ ...row, rate: row.entered === 0 ? 0 : row.converted / row.entered }));
}
