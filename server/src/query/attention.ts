/**
 * Attention on a page: the average seconds a page view spent with each vertical band of
 * the document in view while the visitor was active.
 */
import { ATTENTION_BANDS } from '@heatfunnel/sdk/protocol';
import { select } from '../store/migrations/0006-attention.js';
import type { Store } from '../store/store.js';
import { aggregateSource, rangeParams } from './aggregate-source.js';
import type { PageFilter } from './page-filter.js';
import { pageWhere } from './page-where.js';
import { SqlParams } from './sql-params.js';

export interface Attention {
  views: number;
  /** Average seconds per page view for each of the `ATTENTION_BANDS` bands, top first. */
  seconds: number[];
}

/** Attention per band for `filter`. */
export async function attention(store: Store, filter: PageFilter): Promise<Attention> {
  const params = new SqlParams();
  const range = rangeParams(filter, params);
  const source = aggregateSource(store, 'attention', select, filter.segment, range, params);
  const result = await store.client.query({
    query: `SELECT sum(views) AS views, sumForEachMerge(seconds) AS totals
      FROM ${source} WHERE ${pageWhere(filter, range, params)}`,
    query_params: params.values,
    format: 'JSONEachRow',
  });
  const [row] = await result.json<{ views: number; totals: number[] }>();
  const views = row?.views ?? 0;
  const totals = row?.totals ?? [];
  return {
    views,
    seconds: Array.from({ length: ATTENTION_BANDS }, (_, i) => (views === 0 ? 0 : (totals[i] ?? 0) / views)),
  };
}
