/**
 * Sites and their keys. Lookups are cached briefly: every batch names its site, and the
 * answer changes only when an operator edits a site.
 */
import type { Store } from './store.js';

export interface Site {
  key: string;
  name: string;
  /** Origins allowed to send; empty means any origin. */
  origins: string[];
}

export interface SiteRegistry {
  /** The site with this key, or undefined when there is none. */
  find(key: string): Promise<Site | undefined>;
  list(): Promise<Site[]>;
  /** Adds or replaces a site. */
  save(site: Site): Promise<void>;
}

/** A registry backed by the `sites` table, caching lookups for `ttlMs`. */
export function siteRegistry(store: Store, { ttlMs = 10_000 }: { ttlMs?: number } = {}): SiteRegistry {
  const table = store.table('sites');
  let cache: { at: number; sites: Map<string, Site> } | undefined;

  const load = async (): Promise<Map<string, Site>> => {
    if (cache && Date.now() - cache.at < ttlMs) return cache.sites;
    const result = await store.client.query({
      query: `SELECT key, argMax(name, version) AS name, argMax(origins, version) AS origins
        FROM ${table} GROUP BY key ORDER BY key`,
      format: 'JSONEachRow',
    });
    const sites = new Map((await result.json<Site>()).map((site) => [site.key, site]));
    cache = { at: Date.now(), sites };
    return sites;
  };

  return {
    find: async (key) => (await load()).get(key),
    list: async () => [...(await load()).values()],
    save: async (site) => {
      await store.client.insert({
        table,
        values: [{ ...site, version: Date.now() }],
        format: 'JSONEachRow',
      });
      cache = undefined;
    },
  };
}
