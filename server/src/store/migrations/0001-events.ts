/**
 * Raw events: one row per accepted event, every type in one wide table.
 *
 * Sorted by (site, event_key, day, anon_id, ts). A funnel step is always one event key
 * (`pageview:/cart`, `step:purchase/order`, `custom:coupon`, `click`), so a funnel reads
 * only the ranges of its steps' keys; heatmaps read their own materialized tables. The
 * measurements behind this choice are in server/ARCHITECTURE.md.
 */
import type { Ddl } from '../ddl.js';

export const version = 1;
export const name = 'events';

/** DDL for the raw events table. */
export const statements = (ddl: Ddl): string[] => [
  `CREATE TABLE IF NOT EXISTS ${ddl.local('events')}${ddl.onCluster} (
    site LowCardinality(String),
    id UUID,
    type LowCardinality(String),
    ts DateTime64(3, 'UTC'),
    received_at DateTime64(3, 'UTC'),
    anon_id String,
    user_id String,
    session_id String,
    platform LowCardinality(String),
    url String,
    page_key String,
    referrer String,
    channel LowCardinality(String),
    device LowCardinality(String),
    vw UInt32, vh UInt32, dw UInt32, dh UInt32,
    x Int32, y Int32,
    selector String,
    selector_hash String,
    ex Float32, ey Float32, ew UInt32, eh UInt32,
    fixed UInt8, rage UInt8, dead UInt8,
    href String,
    max_depth UInt32,
    attention Array(Float32),
    funnel String,
    step String,
    name String,
    props String,
    -- Kept in step with eventKeySql in query/funnel/step-condition.ts (a test checks).
    event_key LowCardinality(String) MATERIALIZED multiIf(
      type = 'pageview', concat('pageview:', page_key),
      type = 'step', concat('step:', funnel, '/', step),
      type = 'custom', concat('custom:', name),
      toString(type))
  )
  ENGINE = ${ddl.engine('MergeTree')}
  PARTITION BY toYYYYMM(ts)
  ORDER BY (site, event_key, toDate(ts), anon_id, ts)
  ${ddl.ttl('ts')}
  SETTINGS non_replicated_deduplication_window = 10000`,
  // Sharded by visitor: all of a visitor's events on one shard keeps funnels shard-local.
  ...ddl.distributed('events', 'cityHash64(anon_id)'),
];
