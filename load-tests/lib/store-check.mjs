/**
 * After a run: counts the run's events in the store (every anonymous id starts with the
 * run's tag), so the report can say whether every acknowledged event is there exactly
 * once. Reads the embedded engine's directory once the server has stopped (libchdb binds
 * one directory per process), or a ClickHouse server over HTTP when `CLICKHOUSE_URL` is set.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { REPO_ROOT } from './server-process.mjs';

const QUERY = `SELECT count() AS stored, uniqExact(id) AS distinct_ids
  FROM {db:Identifier}.events
  WHERE site = {site:String} AND startsWith(anon_id, {prefix:String})`;

/**
 * @typedef {object} StoreCount
 * @property {number} stored rows of the run
 * @property {number} distinct distinct event ids among them
 */

/** @param {string} text JSONEachRow with one row @returns {StoreCount} */
function parseCount(text) {
  const row = JSON.parse(text.trim().split('\n')[0] ?? '{}');
  return { stored: Number(row.stored), distinct: Number(row.distinct_ids) };
}

/**
 * Counts in an embedded engine's data directory; the server using it must have stopped.
 * chdb comes from the server package's dependencies, so this package adds no 500 MB copy.
 * @param {{ dataDir: string, database: string, site: string, tag: string }} options
 * @returns {StoreCount}
 */
export function countEmbedded({ dataDir, database, site, tag }) {
  const require = createRequire(join(REPO_ROOT, 'server', 'package.json'));
  /** @type {{ Session: new (path: string) => { queryBind(q: string, p: object, f: string): string, close(): void } }} */
  const chdb = require('chdb');
  const session = new chdb.Session(dataDir);
  try {
    return parseCount(session.queryBind(QUERY, { db: database, site, prefix: `${tag}:` }, 'JSONEachRow'));
  } finally {
    session.close();
  }
}

/**
 * Counts on a ClickHouse server through its HTTP interface, parameters sent typed.
 * @param {{ url: string, user?: string, password?: string, database: string, site: string, tag: string }} options
 * @returns {Promise<StoreCount>}
 */
export async function countOnServer({ url, user, password, database, site, tag }) {
  const params = new URLSearchParams({
    param_db: database,
    param_site: site,
    param_prefix: `${tag}:`,
    default_format: 'JSONEachRow',
    output_format_json_quote_64bit_integers: '0',
  });
  /** @type {Record<string, string>} */
  const headers = {};
  if (user) headers['X-ClickHouse-User'] = user;
  if (password) headers['X-ClickHouse-Key'] = password;
  const res = await fetch(`${url.replace(/\/+$/, '')}/?${params}`, { method: 'POST', headers, body: QUERY });
  const text = await res.text();
  if (!res.ok) throw new Error(`ClickHouse at ${url} answered ${res.status}: ${text.slice(0, 500)}`);
  return parseCount(text);
}
