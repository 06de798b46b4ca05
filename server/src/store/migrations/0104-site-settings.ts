/**
 * Per-site ingest settings: a write key that can be rotated apart from the site's stable
 * key (which the events carry), what to keep of the client address, and a rate limit.
 */
import type { Ddl } from '../ddl.js';

export const version = 104;
export const name = 'site-settings';

const COLUMNS = `ADD COLUMN IF NOT EXISTS write_key String DEFAULT '',
  ADD COLUMN IF NOT EXISTS ip_mode LowCardinality(String) DEFAULT 'truncate',
  ADD COLUMN IF NOT EXISTS rate_limit UInt32 DEFAULT 0`;

/** Adds `write_key` ('' = the site key), `ip_mode` ('truncate' or 'drop') and `rate_limit` (batches/s, 0 = server default) to sites. */
export const statements = (ddl: Ddl): string[] => ddl.alter('sites', COLUMNS);
