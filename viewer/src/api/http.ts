/**
 * HTTP plumbing of the API client: JSON GET and POST with every failure turned into an `ApiError`
 * whose kind the page can put into words.
 */

/**
 * Why a request failed: unreachable, refused (4xx, with the server's words), a site's read
 * token missing or wrong (401), failed (5xx), or malformed.
 */
export type ApiErrorKind = 'network' | 'badRequest' | 'unauthorized' | 'server' | 'format';

/** A failed API request; `site` names the site whose read token a 401 asked for ('' when none). */
export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly status = 0,
    readonly site = '',
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The fetch function the client uses (a seam for tests). */
export type Fetch = typeof fetch;

/** GETs `path` with the non-empty `params`; resolves with the JSON object answer. */
export function getJson(
  fetchFn: Fetch,
  path: string,
  params: Record<string, string | null>,
  signal?: AbortSignal,
  headers: Record<string, string> = {},
) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const query = q.toString();
  return request(fetchFn, path, query ? `${path}?${query}` : path, { signal, headers }, signal);
}

/** POSTs `body` as JSON to `path`; resolves with the JSON object answer. */
export function postJson(
  fetchFn: Fetch,
  path: string,
  body: unknown,
  signal?: AbortSignal,
  headers: Record<string, string> = {},
) {
  const init = {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...headers },
  };
  return request(fetchFn, path, path, { ...init, signal }, signal);
}

async function request(fetchFn: Fetch, path: string, url: string, init: RequestInit, signal?: AbortSignal) {
  let res: Response;
  try {
    res = await fetchFn(url, { ...init, headers: { accept: 'application/json', ...init.headers } });
  } catch (e) {
    if (signal?.aborted) throw e;
    throw new ApiError('network', e instanceof Error ? e.message : String(e));
  }
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  if (res.status === 401) {
    const { message, site } = (body ?? {}) as { message?: unknown; site?: unknown };
    throw new ApiError(
      'unauthorized',
      typeof message === 'string' ? message : res.statusText,
      401,
      typeof site === 'string' ? site : '',
    );
  }
  if (res.status >= 400 && res.status < 500) {
    const message = (body as { message?: unknown } | undefined)?.message;
    throw new ApiError('badRequest', typeof message === 'string' ? message : res.statusText, res.status);
  }
  if (!res.ok) throw new ApiError('server', res.statusText, res.status);
  if (body === undefined || body === null || typeof body !== 'object') {
    throw new ApiError('format', `${path} did not answer with a JSON object`, res.status);
  }
  return body as Record<string, unknown>;
}

/** The list `field` of an answer; a missing list is a format error. */
export function arrayField<T>(body: Record<string, unknown>, field: string, path: string): T[] {
  const v = body[field];
  if (!Array.isArray(v)) throw new ApiError('format', `${path} answered without a "${field}" list`);
  return v as T[];
}
