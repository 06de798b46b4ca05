/**
 * Elements of a page ranked by clicks, with unique clickers, click rate (clicks ÷ page
 * views), rage and dead clicks, and where inside each element people clicked (10 × 10
 * bins), so the viewer can put the heat on the element wherever the layout moved it.
 */
import { select as elementSelect } from '../store/migrations/0004-element-clicks.js';
import { select as pageSelect } from '../store/migrations/0007-page-stats.js';
import type { Store } from '../store/store.js';
import { aggregateSource, rangeParams } from './aggregate-source.js';
import type { PageFilter } from './page-filter.js';
import { pageWhere } from './page-where.js';
import { SqlParams } from './sql-params.js';

export interface ElementStats {
  /** Selector hash: the element's key. */
  hash: string;
  selector: string;
  clicks: number;
  /** Distinct visitors who clicked it (HyperLogLog estimate, exact for small counts). */
  clickers: number;
  /** Clicks per page view of the page. */
  rate: number;
  rage: number;
  dead: number;
  /**
   * Clicks per bin of the element-relative position: `[column 0..9, row 0..9, clicks]`. Web
   * clicks only: mini-program taps carry no element box (a selector query per tap would cost
   * a round trip), so they count in `clicks` but have no position inside the element.
   */
  positions: [number, number, number][];
  /**
   * A recent click text of the element (any date; `anyLast` keeps whichever text a merge
   * or shard saw last, not the newest by time); only from sites with `captureText`.
   */
  text?: string;
}

/** The `limit` most clicked elements of `filter`'s page. */
export async function elementRanking(store: Store, filter: PageFilter, limit = 100): Promise<ElementStats[]> {
  const params = new SqlParams();
  const range = rangeParams(filter, params);
  const elements = aggregateSource(store, 'element_clicks', elementSelect, filter.segment, range, params);
  const pageStats = aggregateSource(store, 'page_stats', pageSelect, filter.segment, range, params);
  const where = pageWhere(filter, range, params);
  const result = await store.client.query({
    // Aggregates get inner names: an alias equal to a column name would shadow the column.
    query: `SELECT hash, sel AS selector, n AS clicks, u AS clickers, r AS rage, d AS dead,
        if(views = 0, 0, n / views) AS rate,
        arrayMap((bin, count) -> (bin % 10, intDiv(bin, 10), count), bins.1, bins.2) AS positions,
        t.last AS text
      FROM (
        SELECT selector_hash AS hash, anyLast(selector) AS sel, sum(clicks) AS n, uniqMerge(clickers) AS u,
          sum(rage) AS r, sum(dead) AS d,
          sumMapIf([toUInt8(eby * 10 + ebx)], [toUInt64(clicks)], platform = 'web') AS bins
        FROM ${elements}
        WHERE ${where}
        GROUP BY selector_hash
      ) AS e
      CROSS JOIN (SELECT sum(pageviews) AS views FROM ${pageStats} WHERE ${where}) AS v
      LEFT JOIN (
        SELECT hash AS text_hash, anyLast(last_text) AS last
        FROM ${store.table('element_texts')}
        WHERE site = ${range.site} AND page_key = ${params.add(filter.page, 'String')}
        GROUP BY hash
      ) AS t ON e.hash = t.text_hash
      ORDER BY clicks DESC, hash
      LIMIT ${params.add(limit, 'UInt32')}`,
    query_params: params.values,
    format: 'JSONEachRow',
  });
  // At most `limit` rows: the answer leaves out the text of elements that have none.
  return (await result.json<ElementStats>()).map(({ text, ...element }) =>
    text ? { ...element, text } : element,
  );
}
