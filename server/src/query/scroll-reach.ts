/**
 * Scroll reach of a page: the share of page views that reached each depth (in 5 % steps
 * of the document height), and the average fold as a percentage of the document.
 */
import { select } from '../store/migrations/0005-scroll-depth.js';
import type { Store } from '../store/store.js';
import { aggregateSource, rangeParams } from './aggregate-source.js';
import type { PageFilter } from './page-filter.js';
import { pageWhere } from './page-where.js';
import { SqlParams } from './sql-params.js';

export interface ScrollReach {
  /** Page views with scroll data. */
  views: number;
  /** `reach[i]`: share (0..1) of page views that reached `i * 5` % of the document. */
  reach: number[];
  /** Average viewport height as a percentage of the average document height. */
  foldPercent: number;
  /** Average viewport height, CSS px. */
  averageFold: number;
}

const STEP = 5;

/** Scroll reach for `filter`. */
export async function scrollReach(store: Store, filter: PageFilter): Promise<ScrollReach> {
  const params = new SqlParams();
  const range = rangeParams(filter, params);
  const source = aggregateSource(store, 'scroll_depth', select, filter.segment, range, params);
  const depths = Array.from({ length: 100 / STEP + 1 }, (_, i) => `sumIf(views, depth_pct >= ${i * STEP})`);
  const result = await store.client.query({
    query: `SELECT sum(views) AS total, [${depths.join(', ')}] AS reached, sum(fold_sum) AS fold, sum(height_sum) AS height
      FROM ${source} WHERE ${pageWhere(filter, range, params)}`,
    query_params: params.values,
    format: 'JSONEachRow',
  });
  const [row] = await result.json<{ total: number; reached: number[]; fold: number; height: number }>();
  const views = row?.total ?? 0;
  return {
    views,
    reach: (row?.reached ?? []).map((n) => (views === 0 ? 0 : n / views)),
    foldPercent: row && row.height > 0 ? (row.fold / row.height) * 100 : 0,
    averageFold: views === 0 ? 0 : (row?.fold ?? 0) / views,
  };
}
