/**
 * Sites, their write keys and ingest settings. Lookups are cached briefly: every batch
 * names its site, and the answer changes only when an operator edits a site.
 */
import { randomBytes } from 'node:crypto';
import type { Store } from './store.js';

/** What the server keeps of a client's address: truncated (/24, /48) or nothing. */
export type IpMode = 'truncate' | 'drop';

export interface Site {
  /** Stable site key; events are stored under it. */
  key: string;
  name: string;
  /** Origins allowed to send; empty means any origin. */
  origins: string[];
  /** The key the SDK sends (`k`); empty means the site key itself. `rotate-key` sets it. */
  writeKey?: string;
  ipMode?: IpMode;
  /** Batches per second allowed for this site; 0 or unset means the server default. */
  rateLimit?: number;
  /** Share (0..1) of page views asked for a page snapshot when none is recent; unset means 1, 0 turns snapshots off. */
  snapshotRate?: number;
  /** Hex SHA-256 of the site's read token; empty or unset means the read API is open for it. */
  readTokenHash?: string;
}

export interface SiteRegistry {
  /** The site with this key, or undefined when there is none. */
  find(key: string): Promise<Site | undefined>;
  /** The site whose write key (what a batch sends as `k`) is `writeKey`. */
  findByWriteKey(writeKey: string): Promise<Site | undefined>;
  list(): Promise<Site[]>;
  /** Adds or replaces a site. */
  save(site: Site): Promise<void>;
}

interface SiteRow {
  key: string;
  name: string;
  origins: string[];
  write_key: string;
  ip_mode: string;
  rate_limit: number;
  snapshot_rate: number;
  read_token_hash: string;
}

/** A new random write key. */
export const newWriteKey = (): string => `wk_${randomBytes(18).toString('base64url')}`;

/** The key a batch must carry for `site`. */
export const writeKeyOf = (site: Site): string => site.writeKey || site.key;

/** A registry backed by the `sites` table, caching lookups for `ttlMs`. */
export function siteRegistry(store: Store, { ttlMs = 10_000 }: { ttlMs?: number } = {}): SiteRegistry {
  const table = store.table('sites');
  let cache: { at: number; byKey: Map<string, Site>; byWriteKey: Map<string, Site> } | undefined;

  const load = async () => {
    if (cache && Date.now() - cache.at < ttlMs) return cache;
    const result = await store.client.query({
      query: `SELECT key, argMax(name, version) AS name, argMax(origins, version) AS origins,
          argMax(write_key, version) AS write_key, argMax(ip_mode, version) AS ip_mode,
          argMax(rate_limit, version) AS rate_limit, argMax(snapshot_rate, version) AS snapshot_rate,
          argMax(read_token_hash, version) AS read_token_hash
        FROM ${table} GROUP BY key ORDER BY key`,
      format: 'JSONEachRow',
    });
    const sites = (await result.json<SiteRow>()).map(
      (row): Site => ({
        key: row.key,
        name: row.name,
        origins: row.origins,
        writeKey: row.write_key,
        ipMode: row.ip_mode === 'drop' ? 'drop' : 'truncate',
        rateLimit: Number(row.rate_limit),
        snapshotRate: Math.round(Number(row.snapshot_rate) * 1e4) / 1e4,
        readTokenHash: row.read_token_hash,
      }),
    );
    cache = {
      at: Date.now(),
      byKey: new Map(sites.map((site) => [site.key, site])),
      byWriteKey: new Map(sites.map((site) => [writeKeyOf(site), site])),
    };
    return cache;
  };

  return {
    find: async (key) => (await load()).byKey.get(key),
    findByWriteKey: async (writeKey) => (await load()).byWriteKey.get(writeKey),
    list: async () => [...(await load()).byKey.values()],
    save: async (site) => {
      await store.client.insert({
        table,
        values: [
          {
            key: site.key,
            name: site.name,
            origins: site.origins,
            write_key: site.writeKey ?? '',
            ip_mode: site.ipMode ?? 'truncate',
            rate_limit: site.rateLimit ?? 0,
            snapshot_rate: site.snapshotRate ?? 1,
            read_token_hash: site.readTokenHash ?? '',
            version: Date.now(),
          },
        ],
        format: 'JSONEachRow',
      });
      cache = undefined;
    },
  };
}
