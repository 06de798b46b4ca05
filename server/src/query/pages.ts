/** The page keys of a site with their page views and clicks, for the viewer's page picker. */
import type { Store } from '../store/store.js';
import type { DateRange } from './page-filter.js';

export interface PageSummary {
  pageKey: string;
  /** A recent full URL of the page key, to load as the heatmap's backdrop. */
  url: string;
  pageviews: number;
  clicks: number;
}

/** Page keys seen in `range`, most viewed first (at most `limit`). */
export async function pages(store: Store, range: DateRange, limit = 500): Promise<PageSummary[]> {
  const result = await store.client.query({
    query: `SELECT page_key AS pageKey, argMax(url, ts) AS url,
        countIf(type = 'pageview') AS pageviews, countIf(type = 'click') AS clicks
      FROM ${store.table('events')}
      WHERE site = {site:String} AND toDate(ts) BETWEEN {from:Date} AND {to:Date}
      GROUP BY page_key
      ORDER BY pageviews DESC, clicks DESC, pageKey
      LIMIT {limit:UInt32}`,
    query_params: { ...range, limit },
    format: 'JSONEachRow',
  });
  return result.json<PageSummary>();
}
