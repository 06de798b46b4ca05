/**
 * Scroll reach: page views by the deepest point reached, as a percentage of the document
 * height, with the folds and document heights summed for averages.
 */
import type { Ddl } from '../ddl.js';
import { materializedView } from '../materialized-view.js';

export const version = 5;
export const name = 'scroll-depth';

/** The view's SELECT over `events` (a table, or a subquery of raw events for segments). */
export const select = (events: string): string =>
  `SELECT site, page_key, device, toDate(ts) AS day, platform, channel,
        toUInt8(least(floor(max_depth / dh * 100), 100)) AS depth_pct,
        count() AS views, sum(vh) AS fold_sum, sum(dh) AS height_sum
      FROM ${events}
      WHERE type = 'scroll' AND dh > 0
      GROUP BY site, page_key, device, day, platform, channel, depth_pct`;

/** DDL for the scroll depth table and its view. */
export const statements = (ddl: Ddl): string[] => [
  `CREATE TABLE IF NOT EXISTS ${ddl.local('scroll_depth')}${ddl.onCluster} (
    site LowCardinality(String),
    page_key String,
    device LowCardinality(String),
    day Date,
    platform LowCardinality(String),
    channel LowCardinality(String),
    depth_pct UInt8,
    views UInt64,
    fold_sum UInt64,
    height_sum UInt64
  )
  ENGINE = ${ddl.engine('SummingMergeTree')}
  PARTITION BY toYYYYMM(day)
  ORDER BY (site, page_key, device, day, platform, channel, depth_pct)
  ${ddl.ttl('day')}`,
  ...ddl.distributed('scroll_depth', 'cityHash64(page_key)'),
  ...materializedView(ddl, { target: 'scroll_depth', select }),
];
