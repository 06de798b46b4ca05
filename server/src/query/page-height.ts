/** The typical document height of a page key on a device class, to size the heatmap. */
import type { Store } from '../store/store.js';
import type { PageFilter } from './page-filter.js';

/** Median document height (px) seen in page views and clicks of `filter`; 0 when none. */
export async function pageHeight(store: Store, filter: PageFilter): Promise<number> {
  const result = await store.client.query({
    query: `SELECT toUInt32(ifNotFinite(quantileExact(0.5)(dh), 0)) AS height
      FROM ${store.table('events')}
      WHERE site = {site:String} AND type IN ('pageview', 'click') AND page_key = {page:String}
        AND device = {device:String} AND toDate(ts) BETWEEN {from:Date} AND {to:Date}`,
    query_params: { ...filter },
    format: 'JSONEachRow',
  });
  const [row] = await result.json<{ height: number }>();
  return row?.height ?? 0;
}
