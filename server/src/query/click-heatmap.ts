/**
 * Click heat cells of one page key: clicks binned by their x as a fraction of the
 * document width (so layouts of different widths line up) and their y in pixels; the
 * rage and dead click layers use the same cells.
 */
import { select } from '../store/migrations/0003-click-cells.js';
import type { Store } from '../store/store.js';
import { aggregateSource, rangeParams } from './aggregate-source.js';
import type { PageFilter } from './page-filter.js';
import { pageWhere } from './page-where.js';
import { SqlParams } from './sql-params.js';

export interface HeatCell {
  /** Column: `floor(x / documentWidth * columns)`. */
  x: number;
  /** Row: `floor(y / rowHeight)`. */
  y: number;
  /** Clicks (or rage or dead clicks) in the cell. */
  n: number;
}

export const CLICK_LAYERS = ['clicks', 'rage', 'dead'] as const;
export type ClickLayer = (typeof CLICK_LAYERS)[number];

/** Columns across the document width (fixed by the click cells view). */
export const HEATMAP_COLUMNS = 100;
/** Height of a row, CSS px (fixed by the click cells view). */
export const HEATMAP_ROW_HEIGHT = 10;

/** The non-empty cells of `layer` for `filter`'s page, device, dates and segment. */
export async function clickHeatmap(
  store: Store,
  filter: PageFilter,
  layer: ClickLayer = 'clicks',
): Promise<HeatCell[]> {
  const params = new SqlParams();
  const range = rangeParams(filter, params);
  const source = aggregateSource(store, 'click_cells', select, filter.segment, range, params);
  const result = await store.client.query({
    query: `SELECT cx AS x, cy AS y, sum(${layer}) AS n
      FROM ${source}
      WHERE ${pageWhere(filter, range, params)}
      GROUP BY x, y
      HAVING n > 0
      ORDER BY y, x`,
    query_params: params.values,
    format: 'JSONEachRow',
  });
  return result.json<HeatCell>();
}
