/**
 * Click heat cells of one page key: clicks binned by their x as a fraction of the
 * document width (so layouts of different widths line up) and their y in pixels.
 */
import type { Store } from '../store/store.js';
import type { PageFilter } from './page-filter.js';

export interface HeatCell {
  /** Column: `floor(x / documentWidth * columns)`. */
  x: number;
  /** Row: `floor(y / rowHeight)`. */
  y: number;
  /** Clicks in the cell. */
  n: number;
}

/** Columns across the document width. */
export const HEATMAP_COLUMNS = 100;
/** Height of a row, CSS px. */
export const HEATMAP_ROW_HEIGHT = 10;

/** The non-empty click cells of `filter`'s page, device and dates. */
export async function clickHeatmap(store: Store, filter: PageFilter): Promise<HeatCell[]> {
  const result = await store.client.query({
    query: `SELECT
        least(toUInt32(floor(x / dw * {columns:UInt32})), {columns:UInt32} - 1) AS x,
        toUInt32(floor(y / {rowHeight:UInt32})) AS y,
        count() AS n
      FROM ${store.table('events')}
      WHERE site = {site:String} AND type = 'click' AND page_key = {page:String}
        AND device = {device:String} AND toDate(ts) BETWEEN {from:Date} AND {to:Date}
        AND dw > 0
      GROUP BY x, y
      ORDER BY y, x`,
    query_params: { ...filter, columns: HEATMAP_COLUMNS, rowHeight: HEATMAP_ROW_HEIGHT },
    format: 'JSONEachRow',
  });
  return result.json<HeatCell>();
}
