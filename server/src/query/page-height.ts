/** The typical document height of a page key on a device class, to size the heatmap. */
import { select } from '../store/migrations/0007-page-stats.js';
import type { Store } from '../store/store.js';
import { aggregateSource, rangeParams } from './aggregate-source.js';
import type { PageFilter } from './page-filter.js';
import { pageWhere } from './page-where.js';
import { SqlParams } from './sql-params.js';

/** Median document height (px) seen in page views and clicks of `filter`; 0 when none. */
export async function pageHeight(store: Store, filter: PageFilter): Promise<number> {
  const params = new SqlParams();
  const range = rangeParams(filter, params);
  const source = aggregateSource(store, 'page_stats', select, filter.segment, range, params);
  const result = await store.client.query({
    query: `SELECT toUInt32(ifNotFinite(quantileMerge(0.5)(height), 0)) AS height
      FROM ${source} WHERE ${pageWhere(filter, range, params)}`,
    query_params: params.values,
    format: 'JSONEachRow',
  });
  const [row] = await result.json<{ height: number }>();
  return row?.height ?? 0;
}
