/**
 * Per-site read tokens: a site with one answers the viewer's read API only to requests that
 * carry it (`Authorization: Bearer`). Only a SHA-256 hash of the token is stored, so reading
 * the sites table does not give the token away.
 */
import type { Ddl } from '../ddl.js';

export const version = 108;
export const name = 'read-token';

/** Adds `read_token_hash` (hex SHA-256 of the token; '' = the site's data is open) to sites. */
export const statements = (ddl: Ddl): string[] =>
  ddl.alter('sites', "ADD COLUMN IF NOT EXISTS read_token_hash String DEFAULT ''");
