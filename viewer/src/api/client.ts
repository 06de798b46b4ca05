/**
 * The viewer's side of the server's query API: one typed fetcher per endpoint. Paths are
 * relative because the server serves the viewer on the same origin.
 */
import type { FunnelSpec } from '../funnel/spec';
import { ApiError, arrayField, type Fetch, getJson, postJson } from './http';
import type {
  ClickHeatmap,
  ClickLayer,
  Dropoffs,
  ElementRow,
  FunnelAnswer,
  HeatCell,
  PageQuery,
  PageRow,
  Range,
  ScrollAnswer,
  Site,
  SnapshotAnswer,
} from './types';

/** A page query as query-string parameters (segment keys only when set). */
export function pageParams(q: PageQuery): Record<string, string | null> {
  return {
    site: q.site,
    page: q.page,
    device: q.device,
    from: q.from,
    to: q.to,
    channel: q.segment.channel ?? null,
    platform: q.segment.platform ?? null,
    visitor: q.segment.visitor ?? null,
    cohort: q.segment.cohort ?? null,
  };
}

function positive(body: Record<string, unknown>, fields: readonly string[], path: string): void {
  for (const f of fields) {
    if (typeof body[f] !== 'number' || !((body[f] as number) > 0)) {
      throw new ApiError('format', `${path} answered without a positive "${f}"`);
    }
  }
}

/** The API client; `fetchFn` is a seam for tests. */
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
  /** Click (or rage or dead click) heat cells of one page view query. */
  async clickHeatmap(
    q: PageQuery,
    layer: ClickLayer = 'clicks',
    signal?: AbortSignal,
  ): Promise<ClickHeatmap> {
    const path = '/api/heatmap/clicks';
    const params = { ...pageParams(q), layer: layer === 'clicks' ? null : layer };
    const body = await getJson(fetchFn, path, params, signal);
    arrayField<HeatCell>(body, 'cells', path);
    positive(body, ['columns', 'rowHeight', 'width'], path);
    return body as unknown as ClickHeatmap;
  },
  /** Scroll reach, average fold and attention per band. */
  async scroll(q: PageQuery, signal?: AbortSignal): Promise<ScrollAnswer> {
    const path = '/api/heatmap/scroll';
    const body = await getJson(fetchFn, path, pageParams(q), signal);
    arrayField<number>(body, 'reach', path);
    positive(body, ['stepPercent'], path);
    const attention = body.attention as Record<string, unknown> | undefined;
    if (!attention || !Array.isArray(attention.seconds)) {
      throw new ApiError('format', `${path} answered without "attention.seconds"`);
    }
    return body as unknown as ScrollAnswer;
  },
  /** The most clicked elements of the page, with clickers, click rate, rage and dead clicks. */
  async elements(q: PageQuery, limit = 50, signal?: AbortSignal): Promise<ElementRow[]> {
    const path = '/api/heatmap/elements';
    const body = await getJson(fetchFn, path, { ...pageParams(q), limit: String(limit) }, signal);
    return arrayField<ElementRow>(body, 'elements', path);
  },
  /** The page's newest snapshot for the device class (or the nearest one), or null when it has none. */
  async snapshot(
    q: Pick<PageQuery, 'site' | 'page' | 'device'>,
    signal?: AbortSignal,
  ): Promise<SnapshotAnswer> {
    const path = '/api/snapshot';
    const body = await getJson(fetchFn, path, { site: q.site, page: q.page, device: q.device }, signal);
    const snapshot = body.snapshot as Record<string, unknown> | null | undefined;
    if (
      snapshot === undefined ||
      (snapshot !== null && (typeof snapshot.node !== 'object' || !snapshot.node))
    ) {
      throw new ApiError('format', `${path} answered without a "snapshot" (null or one with a "node")`);
    }
    if (snapshot) positive(snapshot, ['viewportWidth'], path);
    return body as unknown as SnapshotAnswer;
  },
  /** Runs a funnel: step counts, breakdown, time to convert and the conversion trend. */
  async funnel(spec: FunnelSpec, signal?: AbortSignal): Promise<FunnelAnswer> {
    const body = await postJson(fetchFn, '/api/funnel', spec, signal);
    arrayField(body, 'steps', '/api/funnel');
    return body as unknown as FunnelAnswer;
  },
  /** Who left the funnel after `step` (1-based) and what they did next. */
  async dropoffs(spec: FunnelSpec, step: number, signal?: AbortSignal): Promise<Dropoffs> {
    const body = await postJson(fetchFn, '/api/funnel/dropoffs', { funnel: spec, step }, signal);
    arrayField(body, 'next', '/api/funnel/dropoffs');
    return body as unknown as Dropoffs;
  },
});

/** The API client's type. */
export type Api = ReturnType<typeof createApi>;
