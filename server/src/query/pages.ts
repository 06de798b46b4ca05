/**
 * The page keys of a site with page views, clicks and median scroll depth, for the
 * viewer's page picker.
 */
import type { Store } from '../store/store.js';
import { rangeParams } from './aggregate-source.js';
import type { DateRange } from './page-filter.js';
import { SqlParams } from './sql-params.js';

export interface PageSummary {
  pageKey: string;
  /** A recent full URL of the page key, to load as the heatmap's backdrop. */
  url: string;
  pageviews: number;
  clicks: number;
  /** Median deepest point reached, % of the document height; null without scroll data. */
  medianScrollDepth: number | null;
}

/** Page keys seen in `range`, most viewed first (at most `limit`). */
export async function pages(store: Store, range: DateRange, limit = 500): Promise<PageSummary[]> {
  const params = new SqlParams();
  const { site, from, to } = rangeParams(range, params);
  const days = `site = ${site} AND day BETWEEN ${from} AND ${to}`;
  const result = await store.client.query({
    query: `SELECT p.page_key AS pageKey, p.url AS url, p.pageviews AS pageviews, p.clicks AS clicks,
        s.depth AS medianScrollDepth
      FROM (
        SELECT page_key, anyLast(url) AS url, sum(pageviews) AS pageviews, sum(clicks) AS clicks
        FROM ${store.table('page_stats')} WHERE ${days} GROUP BY page_key
      ) AS p
      LEFT JOIN (
        SELECT page_key, toUInt8(quantileExactWeighted(0.5)(depth_pct, views)) AS depth
        FROM ${store.table('scroll_depth')} WHERE ${days} GROUP BY page_key
      ) AS s ON s.page_key = p.page_key
      ORDER BY pageviews DESC, clicks DESC, pageKey
      LIMIT ${params.add(limit, 'UInt32')}
      SETTINGS join_use_nulls = 1`,
    query_params: params.values,
    format: 'JSONEachRow',
  });
  return result.json<PageSummary>();
}
