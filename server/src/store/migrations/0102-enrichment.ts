/**
 * What ingest learns from the request: browser, OS and device type from the user agent,
 * a bot flag, and the client address truncated (never whole) or empty.
 */
import type { Ddl } from '../ddl.js';

export const version = 102;
export const name = 'enrichment';

const COLUMNS = `ADD COLUMN IF NOT EXISTS browser LowCardinality(String) DEFAULT '',
  ADD COLUMN IF NOT EXISTS os LowCardinality(String) DEFAULT '',
  ADD COLUMN IF NOT EXISTS ua_device LowCardinality(String) DEFAULT '',
  ADD COLUMN IF NOT EXISTS bot UInt8 DEFAULT 0,
  ADD COLUMN IF NOT EXISTS ip String DEFAULT ''`;

/** Adds the enrichment columns to the raw events (and, in a cluster, its Distributed table). */
export const statements = (ddl: Ddl): string[] => ddl.alter('events', COLUMNS);
