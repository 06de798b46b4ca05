/**
 * Click heat cells of some elements only (by selector hash), binned as the click heatmap
 * bins them. The viewer places clicks on the elements it finds in the page's snapshot and
 * draws the clicks of the elements it does not find where they were clicked: these cells.
 * The cell tables keep no selector, so this reads the page's raw click events (one key
 * range of the events' sort key per day), filtered to the few elements asked for.
 */
import { select } from '../store/migrations/0003-click-cells.js';
import type { Store } from '../store/store.js';
import { rangeParams } from './aggregate-source.js';
import { type HeatCell, sumCells } from './click-heatmap.js';
import type { PageFilter } from './page-filter.js';
import { visitorConditions } from './segment.js';
import { SqlParams } from './sql-params.js';

/** Most elements one request may name. */
export const MAX_ELEMENT_HASHES = 500;

/** The non-empty click cells of `filter`'s page whose element hash is one of `hashes`. */
export async function elementCells(
  store: Store,
  filter: PageFilter,
  hashes: readonly string[],
): Promise<HeatCell[]> {
  if (hashes.length === 0) return [];
  const params = new SqlParams();
  const range = rangeParams(filter, params);
  // The element clicks view's key: the SDK's hash, or the engine's when an event has none.
  const events = `(SELECT * FROM ${store.table('events')}
    WHERE site = ${range.site} AND event_key = 'click' AND toDate(ts) BETWEEN ${range.from} AND ${range.to}
      AND page_key = ${params.add(filter.page, 'String')}
      AND if(selector_hash != '', selector_hash, lower(hex(xxHash32(selector)))) IN ${params.add(hashes, 'Array(String)')}
      ${visitorConditions(store, filter.segment, params, range)})`;
  return sumCells(store, `(${select(events)})`, 'clicks', filter, range, params);
}
