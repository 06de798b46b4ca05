/**
 * Page views and clicks per page key and day, for the page picker, with a recent URL and
 * the document height (to size heatmaps).
 */
import type { Ddl } from '../ddl.js';
import { materializedView } from '../materialized-view.js';

export const version = 7;
export const name = 'page-stats';

/** The view's SELECT over `events` (a table, or a subquery of raw events for segments). */
export const select = (events: string): string =>
  `SELECT site, page_key, device, toDate(ts) AS day, platform, channel,
        toUInt64(countIf(type = 'pageview')) AS pageviews, toUInt64(countIf(type = 'click')) AS clicks,
        anyLast(u) AS url, quantileState(0.5)(h) AS height
      FROM (SELECT site, page_key, device, ts, platform, channel, type, url AS u, dh AS h FROM ${events})
      WHERE type IN ('pageview', 'click')
      GROUP BY site, page_key, device, day, platform, channel`;

/** DDL for the page stats table and its view. */
export const statements = (ddl: Ddl): string[] => [
  `CREATE TABLE IF NOT EXISTS ${ddl.local('page_stats')}${ddl.onCluster} (
    site LowCardinality(String),
    page_key String,
    device LowCardinality(String),
    day Date,
    platform LowCardinality(String),
    channel LowCardinality(String),
    pageviews SimpleAggregateFunction(sum, UInt64),
    clicks SimpleAggregateFunction(sum, UInt64),
    url SimpleAggregateFunction(anyLast, String),
    height AggregateFunction(quantile(0.5), UInt32)
  )
  ENGINE = ${ddl.engine('AggregatingMergeTree')}
  PARTITION BY toYYYYMM(day)
  ORDER BY (site, page_key, device, day, platform, channel)
  ${ddl.ttl('day')}`,
  ...ddl.distributed('page_stats', 'cityHash64(page_key)'),
  ...materializedView(ddl, { target: 'page_stats', select }),
];
