/**
 * A materialized view into an aggregate table, plus the backfill of what the raw table
 * already holds, both from one SELECT so they cannot disagree.
 */
import type { Ddl } from './ddl.js';

export interface ViewSpec {
  /** The aggregate table the view writes to. */
  target: string;
  /** The SELECT, given the quoted raw events table to read from. */
  select: (events: string) => string;
}

/** Statements that create the view (on each node's local events) and backfill it once. */
export function materializedView(ddl: Ddl, { target, select }: ViewSpec): string[] {
  return [
    `CREATE MATERIALIZED VIEW IF NOT EXISTS ${ddl.local(`${target}_mv`)}${ddl.onCluster}
      TO ${ddl.local(target)} AS ${select(ddl.local('events'))}`,
    `INSERT INTO ${ddl.t(target)} ${select(ddl.t('events'))}`,
  ];
}
