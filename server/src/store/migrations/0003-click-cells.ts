/**
 * Click heat cells per page key, device, day, platform and channel: x as a fraction of
 * the document width (100 columns), y in 10 px rows; clicks, rage clicks and dead clicks.
 * A heatmap over millions of clicks reads a few thousand of these rows.
 */
import type { Ddl } from '../ddl.js';
import { materializedView } from '../materialized-view.js';

export const version = 3;
export const name = 'click-cells';

// Frozen with the view: changing the grid takes a new migration (see query/click-heatmap.ts).
const COLUMNS = 100;
const ROW_HEIGHT = 10;

/** The view's SELECT over `events` (a table, or a subquery of raw events for segments). */
export const select = (events: string): string =>
  `SELECT site, page_key, device, day, platform, channel, cy, cx,
        count() AS clicks, sum(r) AS rage, sum(d) AS dead
      FROM (
        SELECT site, page_key, device, toDate(ts) AS day, platform, channel,
          toUInt32(floor(y / ${ROW_HEIGHT})) AS cy,
          toUInt8(least(floor(x / dw * ${COLUMNS}), ${COLUMNS - 1})) AS cx,
          rage AS r, dead AS d
        FROM ${events}
        WHERE type = 'click' AND dw > 0 AND x >= 0 AND y >= 0
      )
      GROUP BY site, page_key, device, day, platform, channel, cy, cx`;

/**
 * A cell table named `table` (rows as the view's SELECT makes them, summed by key), and its
 * distributed twin on a cluster; migration 0107's width-normalised cells share the shape.
 */
export const cellTable = (ddl: Ddl, table: string): string[] => [
  `CREATE TABLE IF NOT EXISTS ${ddl.local(table)}${ddl.onCluster} (
    site LowCardinality(String),
    page_key String,
    device LowCardinality(String),
    day Date,
    platform LowCardinality(String),
    channel LowCardinality(String),
    cy UInt32,
    cx UInt8,
    clicks UInt64,
    rage UInt64,
    dead UInt64
  )
  ENGINE = ${ddl.engine('SummingMergeTree')}
  PARTITION BY toYYYYMM(day)
  ORDER BY (site, page_key, device, day, platform, channel, cy, cx)
  ${ddl.ttl('day')}`,
  ...ddl.distributed(table, 'cityHash64(page_key)'),
];

/** DDL for the click cells table and its view. */
export const statements = (ddl: Ddl): string[] => [
  ...cellTable(ddl, 'click_cells'),
  ...materializedView(ddl, { target: 'click_cells', select }),
];
