/**
 * After a run: counts the run's events in the store (every anonymous id starts with the
 * run's tag), so the report can say whether every acknowledged event is there exactly
 * once. Asks the Heatfunnel server itself (`GET /ops/stored-events`, any server, local or
 * remote, with the site's read token when it has one), or, when `CLICKHOUSE_URL` is set,
 * the ClickHouse server directly.
 */

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

/**
 * Counts through the Heatfunnel server's `GET /ops/stored-events`. Polls until the server's
 * spool is empty and the store holds at least `acknowledged` rows, or `timeoutMs` passed
 * (behind a load balancer each poll may reach another replica; the count is the store's).
 * @param {{ target: string, site: string, tag: string, token?: string, since?: number, acknowledged: number, timeoutMs?: number, everyMs?: number }} options
 * @returns {Promise<StoreCount & { waitedMs: number }>}
 */
export async function countOverHttp({
  target,
  site,
  tag,
  token,
  since,
  acknowledged,
  timeoutMs = 60_000,
  everyMs = 500,
}) {
  const query = new URLSearchParams({ site, anon_prefix: `${tag}:` });
  if (since !== undefined) query.set('since', String(Math.floor(since)));
  /** @type {Record<string, string>} */
  const headers = token ? { Authorization: `Bearer ${token}` } : {};
  const url = `${target.replace(/\/+$/, '')}/ops/stored-events?${query}`;
  const started = Date.now();
  for (;;) {
    const res = await fetch(url, { headers, signal: AbortSignal.timeout(30_000) });
    const text = await res.text();
    if (!res.ok) {
      const hint = res.status === 401 ? " (give the site's read token with --read-token or READ_TOKEN)" : '';
      throw new Error(`GET ${url} answered ${res.status}${hint}: ${text.slice(0, 500)}`);
    }
    /** @type {{ stored: number, distinct_ids: number, spooled: number }} */
    const answer = JSON.parse(text);
    const waitedMs = Date.now() - started;
    const settled = answer.spooled === 0 && answer.stored >= acknowledged;
    if (settled || waitedMs > timeoutMs)
      return { stored: answer.stored, distinct: answer.distinct_ids, waitedMs };
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
