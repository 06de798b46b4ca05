/**
 * Page keys and cleaned URLs, by string rules only (mini-programs have no `URL` class):
 * `/product/12345?utm_source=x` has the page key `/product/:id`.
 */

/** URL parts without the origin: path, query (no `?`) and hash (no `#`). */
export interface UrlParts {
  origin: string;
  path: string;
  query: string;
  hash: string;
}

const ORIGIN = /^[\w+.-]+:\/\/[^/?#]*/;

/** Splits a full URL or a bare path (mini-program) into its parts. */
export function splitUrl(url: string): UrlParts {
  const origin = ORIGIN.exec(url)?.[0] ?? '';
  let rest = url.slice(origin.length);
  const hashAt = rest.indexOf('#');
  const hash = hashAt < 0 ? '' : rest.slice(hashAt + 1);
  if (hashAt >= 0) rest = rest.slice(0, hashAt);
  const queryAt = rest.indexOf('?');
  const query = queryAt < 0 ? '' : rest.slice(queryAt + 1);
  return { origin, path: (queryAt < 0 ? rest : rest.slice(0, queryAt)) || '/', query, hash };
}

/** The host of a full URL (as browsers give it: lower-case, no user); '' when there is none. */
export const hostOf = (url: string): string => /^[\w+.-]+:\/\/([^/?#:]*)/.exec(url)?.[1] ?? '';

/** Value of query parameter `name` in `query` (no `?`), decoded; undefined when absent. */
export function queryParam(query: string, name: string): string | undefined {
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=');
    if ((eq < 0 ? pair : pair.slice(0, eq)) === name) return decode(eq < 0 ? '' : pair.slice(eq + 1));
  }
  return undefined;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/**
 * True for path segments that name one record rather than a kind of page: numbers, UUIDs,
 * hex ids, and tokens that are mostly digits (`SKU12345`) or long unbroken alphanumerics with digits.
 */
export function isIdLike(segment: string): boolean {
  const digits = segment.replace(/\D/g, '').length;
  return (
    digits > 0 &&
    (digits === segment.length ||
      /^[0-9a-f]{8,}$|^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i.test(segment) ||
      (segment.length > 3 && digits * 2 >= segment.length) ||
      (digits > 1 && /^[a-z0-9]{16,}$/i.test(segment)))
  );
}

/** A path with id-like segments replaced by `:id`. */
export function templatePath(path: string): string {
  return path
    .split('/')
    .map((segment) => (isIdLike(segment) ? ':id' : segment))
    .join('/');
}

const HASH_ROUTE = /^!?\//;

/** Path and hash route of `url` (no query): a change of it is a new page view in an SPA. */
export function routeOf(url: string, template: (path: string) => string = (path) => path): string {
  const { path, hash } = splitUrl(url);
  const route = HASH_ROUTE.test(hash) ? splitUrl(hash.replace(/^!/, '')).path : '';
  return template(path) + (route ? `#${template(route)}` : '');
}

/**
 * The page key of `url`: its path as a template, query dropped. A hash route (`#/cart`,
 * `#!/cart`) is part of the page, so it is kept, templated too.
 */
export const pageKeyOf = (url: string): string => routeOf(url, templatePath);

/** `url` with the query reduced to utm_* and the `keep` parameters, the hash kept only if a route. */
export function cleanUrl(url: string, keep: readonly string[] = []): string {
  if (!url) return '';
  const { origin, path, query, hash } = splitUrl(url);
  const kept = query
    .split('&')
    .filter((pair) => {
      const name = pair.split('=')[0] ?? '';
      return name.startsWith('utm_') || keep.includes(name);
    })
    .join('&');
  return origin + path + (kept ? `?${kept}` : '') + (HASH_ROUTE.test(hash) ? `#${hash}` : '');
}
