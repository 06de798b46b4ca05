/**
 * Mini-program taps: the raw events keep the touch's viewport point, the scroll top at the
 * tap and the tap kind (protocol `cx`, `cy`, `sy`, `tk`; NULL when not sent, as 0 is a real
 * scroll top), and a second cell table bins every click by its position normalised by the
 * document width: mini-program layouts scale with the window width (rpx), so a tap on the
 * same spot of a 375 px and a 414 px phone lands in the same cell.
 */
import type { Ddl } from '../ddl.js';
import { materializedView } from '../materialized-view.js';
import { cellTable } from './0003-click-cells.js';

export const version = 107;
export const name = 'mini-taps';

// Frozen with the view: changing the grid takes a new migration (see query/click-heatmap.ts).
// Products before quotients: integer ratios divide exactly, so a point on a cell's edge
// lands in the same cell at every width.
/** The width every position is scaled to, CSS px: the common phone width (750 rpx). */
export const REFERENCE_WIDTH = 375;
const COLUMNS = 100;
const ROW_HEIGHT = 10;

/** The view's SELECT over `events` (a table, or a subquery of raw events for segments). */
export const select = (events: string): string =>
  `SELECT site, page_key, device, day, platform, channel, cy, cx,
        count() AS clicks, sum(r) AS rage, sum(d) AS dead
      FROM (
        SELECT site, page_key, device, toDate(ts) AS day, platform, channel,
          toUInt32(floor(y * ${REFERENCE_WIDTH} / (dw * ${ROW_HEIGHT}))) AS cy,
          toUInt8(least(floor(x * ${COLUMNS} / dw), ${COLUMNS - 1})) AS cx,
          rage AS r, dead AS d
        FROM ${events}
        WHERE type = 'click' AND dw > 0 AND x >= 0 AND y >= 0
      )
      GROUP BY site, page_key, device, day, platform, channel, cy, cx`;

const COLUMNS_SQL = `ADD COLUMN IF NOT EXISTS client_x Nullable(UInt32),
  ADD COLUMN IF NOT EXISTS client_y Nullable(UInt32),
  ADD COLUMN IF NOT EXISTS scroll_top Nullable(UInt32),
  ADD COLUMN IF NOT EXISTS tap_kind LowCardinality(String) DEFAULT ''`;

/** The tap columns on the raw events, and the width-normalised cells with their view. */
export const statements = (ddl: Ddl): string[] => [
  ...ddl.alter('events', COLUMNS_SQL),
  ...cellTable(ddl, 'width_cells'),
  ...materializedView(ddl, { target: 'width_cells', select }),
];
