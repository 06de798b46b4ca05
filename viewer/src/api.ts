/**
 * The viewer's side of the server's query API (docs/contracts.md): typed fetchers that
 * turn every failure into an `ApiError` with a kind the page can put into words.
 */
import type { DeviceClass } from '@heatfunnel/sdk/protocol';

/** A site from `GET /api/sites`. */
export interface Site {
  key: string;
  name: string;
}

/** A page key from `GET /api/pages`. */
export interface PageRow {
  pageKey: string;
  url: string;
  pageviews: number;
  clicks: number;
}

/** One click heat cell: column `x`, row `y`, `n` clicks. */
export interface HeatCell {
  x: number;
  y: number;
  n: number;
}

/** The answer of `GET /api/heatmap/clicks`. */
export interface ClickHeatmap {
  pageKey: string;
  device: DeviceClass;
  columns: number;
  rowHeight: number;
  width: number;
  docHeight: number;
  total: number;
  cells: HeatCell[];
}

/** Why a request failed: unreachable, refused (4xx, with the server's words), failed (5xx), or malformed. */
export type ApiErrorKind = 'network' | 'badRequest' | 'server' | 'format';

/** A failed API request. */
export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly status = 0,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** A date range as the API takes it; null ends fall back to the server's default. */
export interface Range {
  from: string | null;
  to: string | null;
}

type Fetch = typeof fetch;

async function getJson(
  fetchFn: Fetch,
  path: string,
  params: Record<string, string | null>,
  signal?: AbortSignal,
) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const query = q.toString();
  let res: Response;
  try {
    res = await fetchFn(query ? `${path}?${query}` : path, {
      signal,
      headers: { accept: 'application/json' },
    });
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

function arrayField<T>(body: Record<string, unknown>, field: string, path: string): T[] {
  const v = body[field];
  if (!Array.isArray(v)) throw new ApiError('format', `${path} answered without a "${field}" list`);
  return v as T[];
}

/** The API client; `fetchFn` is a seam for tests. Relative paths: the server serves the viewer. */
export const createApi = ({ fetchFn = fetch.bind(globalThis) }: { fetchFn?: Fetch } = {}) => ({
  /** Sites the server knows. */
  async sites(signal?: AbortSignal): Promise<Site[]> {
    return arrayField<Site>(await getJson(fetchFn, '/api/sites', {}, signal), 'sites', '/api/sites');
  },
  /** Page keys of a site with views and clicks in the range, most viewed first. */
  async pages(site: string, range: Range, signal?: AbortSignal): Promise<PageRow[]> {
    const body = await getJson(fetchFn, '/api/pages', { site, ...range }, signal);
    return arrayField<PageRow>(body, 'pages', '/api/pages');
  },
  /** Click heat cells of one page key for a device bucket and range. */
  async clickHeatmap(
    site: string,
    page: string,
    device: DeviceClass,
    range: Range,
    signal?: AbortSignal,
  ): Promise<ClickHeatmap> {
    const path = '/api/heatmap/clicks';
    const body = await getJson(fetchFn, path, { site, page, device, ...range }, signal);
    arrayField<HeatCell>(body, 'cells', path);
    for (const f of ['columns', 'rowHeight', 'width'] as const) {
      if (typeof body[f] !== 'number' || !((body[f] as number) > 0)) {
        throw new ApiError('format', `${path} answered without a positive "${f}"`);
      }
    }
    return body as unknown as ClickHeatmap;
  },
});

/** The API client's type. */
export type Api = ReturnType<typeof createApi>;
