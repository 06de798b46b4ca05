/**
 * Click heat cells of one page key: clicks binned by their x as a fraction of the
 * document width (so layouts of different widths line up) and their y in pixels, or with
 * `scale: 'width'` their y normalised by the document width too (mini-program pages, whose
 * layouts scale with the width); the rage and dead click layers use the same cells.
 */
import { select } from '../store/migrations/0003-click-cells.js';
import { REFERENCE_WIDTH, select as widthSelect } from '../store/migrations/0107-mini-taps.js';
import type { Store } from '../store/store.js';
import { aggregateSource, type RangeParams, rangeParams } from './aggregate-source.js';
import { eventKey } from './funnel/step-condition.js';
import type { PageFilter } from './page-filter.js';
import { pageWhere } from './page-where.js';
import { dimensionConditions, visitorConditions } from './segment.js';
import { SqlParams } from './sql-params.js';

export interface HeatCell {
  /** Column: `floor(x / documentWidth * columns)`. */
  x: number;
  /** Row: `floor(y / rowHeight)`, or `floor(y * widthReference / documentWidth / rowHeight)`. */
  y: number;
  /** Clicks (or rage or dead clicks) in the cell. */
  n: number;
}

export const CLICK_LAYERS = ['clicks', 'rage', 'dead'] as const;
export type ClickLayer = (typeof CLICK_LAYERS)[number];

/**
 * How rows are measured: `document` in CSS px of the page as it was, `width` in CSS px of
 * the page scaled to `WIDTH_REFERENCE` wide (taps from phones of any width line up).
 */
export const HEATMAP_SCALES = ['document', 'width'] as const;
export type HeatmapScale = (typeof HEATMAP_SCALES)[number];

/** Columns across the document width (fixed by the click cells view). */
export const HEATMAP_COLUMNS = 100;
/** Height of a row, CSS px (fixed by the click cells view). */
export const HEATMAP_ROW_HEIGHT = 10;
/** The width `scale: 'width'` scales every page to, CSS px (fixed by the width cells view). */
export const WIDTH_REFERENCE = REFERENCE_WIDTH;

/** The non-empty cells of `layer` for `filter`'s page, device, dates and segment. */
export async function clickHeatmap(
  store: Store,
  filter: PageFilter,
  layer: ClickLayer = 'clicks',
  scale: HeatmapScale = 'document',
): Promise<HeatCell[]> {
  const params = new SqlParams();
  const range = rangeParams(filter, params);
  const source =
    scale === 'width'
      ? aggregateSource(store, 'width_cells', widthSelect, filter.segment, range, params)
      : aggregateSource(store, 'click_cells', select, filter.segment, range, params);
  return sumCells(store, source, layer, filter, range, params);
}

/**
 * The non-empty cells of `source` (rows of a click cells table's shape) on `filter`'s page,
 * summing `column` per cell. Shared with `element-cells.ts`, which bins raw events alike.
 */
export async function sumCells(
  store: Store,
  source: string,
  column: ClickLayer,
  filter: PageFilter,
  range: RangeParams,
  params: SqlParams,
): Promise<HeatCell[]> {
  const result = await store.client.query({
    query: `SELECT cx AS x, cy AS y, sum(${column}) AS n
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

/**
 * Median document height of `filter`'s page views scaled to `WIDTH_REFERENCE` wide, CSS px;
 * 0 without page views. Page views of one page key are one range of the raw events' sort
 * key (`pageview:<page key>`), so this reads them directly.
 */
export async function widthPageHeight(store: Store, filter: PageFilter): Promise<number> {
  const params = new SqlParams();
  const range = rangeParams(filter, params);
  const result = await store.client.query({
    query: `SELECT toUInt32(ifNotFinite(round(quantile(0.5)(dh * ${WIDTH_REFERENCE} / dw)), 0)) AS height
      FROM ${store.table('events')}
      WHERE site = ${range.site} AND event_key = ${params.add(eventKey({ kind: 'pageview', pageKey: filter.page }), 'String')}
        AND toDate(ts) BETWEEN ${range.from} AND ${range.to}
        AND device = ${params.add(filter.device, 'String')} AND dw > 0
        ${dimensionConditions(filter.segment, params)}
        ${visitorConditions(store, filter.segment, params, range)}`,
    query_params: params.values,
    format: 'JSONEachRow',
  });
  const [row] = await result.json<{ height: number }>();
  return row?.height ?? 0;
}
