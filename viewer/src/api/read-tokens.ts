/**
 * Read tokens the analyst typed, one per site, kept in this browser's localStorage (never in
 * the URL, so a shared link does not carry them). Storage that throws (private modes,
 * blocked storage) keeps the tokens for this page only.
 */

const PREFIX = 'heatfunnel.readToken.';
const LAST = 'heatfunnel.readTokenSite';

/** The tokens kept in `storage`. */
export function readTokens(storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null) {
  const memory = new Map<string, string>();
  const attempt = <T>(fn: () => T, fallback: T): T => {
    try {
      return storage ? fn() : fallback;
    } catch {
      return fallback;
    }
  };
  const get = (name: string) => memory.get(name) ?? attempt(() => storage?.getItem(name) ?? null, null);
  const put = (name: string, value: string | null) => {
    if (value === null) memory.delete(name);
    else memory.set(name, value);
    attempt(() => (value === null ? storage?.removeItem(name) : storage?.setItem(name, value)), undefined);
  };
  return {
    /** The token kept for `site`, or null. */
    get: (site: string): string | null => get(PREFIX + site),
    /** Keeps `token` for `site` and remembers `site` as the last one opened with a token. */
    set(site: string, token: string): void {
      put(PREFIX + site, token);
      put(LAST, site);
    },
    /** Forgets `site`'s token (the server refused it). */
    forget(site: string): void {
      put(PREFIX + site, null);
      if (get(LAST) === site) put(LAST, null);
    },
    /** The site last opened with a token, so a visit without `?site=` lists it again. */
    lastSite: (): string | null => get(LAST),
  };
}

/** The token store's type. */
export type ReadTokens = ReturnType<typeof readTokens>;
