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

/** What the client needs: `fetchFn` (a seam for tests) and the read token kept for a site. */
export interface ApiOptions {
  fetchFn?: Fetch;
  tokenFor?: (site: string) => string | null;
}

/** The API client. A site's read token goes as `Authorization: Bearer`, never in the URL. */
export const createApi = ({ fetchFn = fetch.bind(globalThis), tokenFor = () => null }: ApiOptions = {}) => {
  const auth = (site: string | null | undefined): Record<string, string> => {
    const token = site ? tokenFor(site) : null;
    return token ? { authorization: `Bearer ${token}` } : {};
  };
  return {
    /**
     * The sites this viewer may read (open ones, and `as`'s when its read token opens it) and
     * how many others are locked.
     */
    async sites(signal?: AbortSignal, as: string | null = null): Promise<{ sites: Site[]; locked: number }> {
      const body = await getJson(fetchFn, '/api/sites', {}, signal, auth(as));
      return { sites: arrayField<Site>(body, 'sites', '/api/sites'), locked: Number(body.locked) || 0 };
    },
    /** Page keys of a site with views and clicks in the range, most viewed first. */
    async pages(site: string, range: Range, signal?: AbortSignal): Promise<PageRow[]> {
      const body = await getJson(fetchFn, '/api/pages', { site, ...range }, signal, auth(site));
      return arrayField<PageRow>(body, 'pages', '/api/pages');
    },
    /** Click (or rage or dead click) heat cells of one page view query. */
    async clickHeatmap(
      q: PageQuery,
      layer: ClickLayer = 'clicks',
      signal?: AbortSignal,
    ): Promise<ClickHeatmap> {
      const path = '/api/heatmap/clicks';
      const params = { ...pageParams(q), layer: layer === 'clicks' ? null : layer, scale: q.scale ?? null };
      const body = await getJson(fetchFn, path, params, signal, auth(q.site));
      arrayField<HeatCell>(body, 'cells', path);
      positive(body, ['columns', 'rowHeight', 'width'], path);
      return body as unknown as ClickHeatmap;
    },
    /** Scroll reach, average fold and attention per band. */
    async scroll(q: PageQuery, signal?: AbortSignal): Promise<ScrollAnswer> {
      const path = '/api/heatmap/scroll';
      const body = await getJson(fetchFn, path, pageParams(q), signal, auth(q.site));
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
      const body = await getJson(
        fetchFn,
        path,
        { ...pageParams(q), limit: String(limit) },
        signal,
        auth(q.site),
      );
      return arrayField<ElementRow>(body, 'elements', path);
    },
    /** Click cells of the named elements only (hashes from `elements`), binned as the click heatmap's. */
    async elementCells(q: PageQuery, hashes: readonly string[], signal?: AbortSignal): Promise<HeatCell[]> {
      const path = '/api/heatmap/element-cells';
      const params = { ...pageParams(q), elements: hashes.join(',') };
      const body = await getJson(fetchFn, path, params, signal, auth(q.site));
      return arrayField<HeatCell>(body, 'cells', path);
    },
    /** The page's newest snapshot for the device class (or the nearest one), or null when it has none. */
    async snapshot(
      q: Pick<PageQuery, 'site' | 'page' | 'device'>,
      signal?: AbortSignal,
    ): Promise<SnapshotAnswer> {
      const path = '/api/snapshot';
      const params = { site: q.site, page: q.page, device: q.device };
      const body = await getJson(fetchFn, path, params, signal, auth(q.site));
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
      const body = await postJson(fetchFn, '/api/funnel', spec, signal, auth(spec.site));
      arrayField(body, 'steps', '/api/funnel');
      return body as unknown as FunnelAnswer;
    },
    /** Who left the funnel after `step` (1-based) and what they did next. */
    async dropoffs(spec: FunnelSpec, step: number, signal?: AbortSignal): Promise<Dropoffs> {
      const body = await postJson(
        fetchFn,
        '/api/funnel/dropoffs',
        { funnel: spec, step },
        signal,
        auth(spec.site),
      );
      arrayField(body, 'next', '/api/funnel/dropoffs');
      return body as unknown as Dropoffs;
    },
  };
};

/** The API client's type. */
export type Api = ReturnType<typeof createApi>;
