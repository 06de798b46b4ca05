/**
 * When each visitor was first seen, one row per site and visitor, so "new vs returning"
 * segments read a million visitors instead of every event they sent.
 */
import type { Ddl } from '../ddl.js';
import { materializedView } from '../materialized-view.js';

export const version = 8;
export const name = 'visitor-first-seen';

/** The view's SELECT over `events`. */
export const select = (events: string): string =>
  `SELECT site, anon_id, min(ts) AS first_seen FROM ${events} GROUP BY site, anon_id`;

/** DDL for the first-seen table and its view. */
export const statements = (ddl: Ddl): string[] => [
  `CREATE TABLE IF NOT EXISTS ${ddl.local('visitor_first_seen')}${ddl.onCluster} (
    site LowCardinality(String),
    anon_id String,
    first_seen SimpleAggregateFunction(min, DateTime64(3, 'UTC'))
  )
  ENGINE = ${ddl.engine('AggregatingMergeTree')}
  ORDER BY (site, anon_id)`,
  // Sharded like events, so a visitor's row sits on the shard that holds their events.
  ...ddl.distributed('visitor_first_seen', 'cityHash64(anon_id)'),
  ...materializedView(ddl, { target: 'visitor_first_seen', select }),
];
