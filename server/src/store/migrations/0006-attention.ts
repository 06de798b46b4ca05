/** Attention: seconds each vertical band of the page was seen, summed per page key and day. */
import type { Ddl } from '../ddl.js';
import { materializedView } from '../materialized-view.js';

export const version = 6;
export const name = 'attention';

/** The view's SELECT over `events` (a table, or a subquery of raw events for segments). */
export const select = (events: string): string =>
  `SELECT site, page_key, device, toDate(ts) AS day, platform, channel,
        toUInt64(count()) AS views, sumForEachState(attention) AS seconds
      FROM ${events}
      WHERE type = 'scroll' AND notEmpty(attention)
      GROUP BY site, page_key, device, day, platform, channel`;

/** DDL for the attention table and its view. */
export const statements = (ddl: Ddl): string[] => [
  `CREATE TABLE IF NOT EXISTS ${ddl.local('attention')}${ddl.onCluster} (
    site LowCardinality(String),
    page_key String,
    device LowCardinality(String),
    day Date,
    platform LowCardinality(String),
    channel LowCardinality(String),
    views SimpleAggregateFunction(sum, UInt64),
    seconds AggregateFunction(sumForEach, Array(Float32))
  )
  ENGINE = ${ddl.engine('AggregatingMergeTree')}
  PARTITION BY toYYYYMM(day)
  ORDER BY (site, page_key, device, day, platform, channel)
  ${ddl.ttl('day')}`,
  ...ddl.distributed('attention', 'cityHash64(page_key)'),
  ...materializedView(ddl, { target: 'attention', select }),
];
