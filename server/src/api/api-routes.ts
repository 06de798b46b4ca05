/** The viewer's read API under `/api`: sites, pages, heatmaps, element ranking and funnels. */
import type { DeviceClass } from '@heatfunnel/sdk/protocol';
import { Hono } from 'hono';
import { attention } from '../query/attention.js';
import {
  CLICK_LAYERS,
  type ClickLayer,
  clickHeatmap,
  HEATMAP_COLUMNS,
  HEATMAP_ROW_HEIGHT,
  HEATMAP_SCALES,
  type HeatmapScale,
  WIDTH_REFERENCE,
  widthPageHeight,
} from '../query/click-heatmap.js';
import { elementCells, MAX_ELEMENT_HASHES } from '../query/element-cells.js';
import { elementRanking } from '../query/element-ranking.js';
import { funnelDropoffs } from '../query/funnel/funnel-dropoffs.js';
import { FunnelSpecError, parseFunnelSpec } from '../query/funnel/funnel-spec.js';
import { funnelSteps } from '../query/funnel/funnel-steps.js';
import { funnelTimeToConvert, TIME_BUCKETS } from '../query/funnel/funnel-time-to-convert.js';
import { funnelTrend } from '../query/funnel/funnel-trend.js';
import { pageHeight } from '../query/page-height.js';
import { pages } from '../query/pages.js';
import { scrollReach } from '../query/scroll-reach.js';
import { pageSnapshot } from '../query/snapshot.js';
import type { SiteRegistry } from '../store/sites.js';
import type { Store } from '../store/store.js';
import type {
  ClickHeatmapAnswer,
  DropoffsAnswer,
  ElementCellsAnswer,
  ElementsAnswer,
  FunnelAnswer,
  PagesAnswer,
  ScrollAnswer,
  SitesAnswer,
  SnapshotAnswer,
} from './answers.js';
import { bearerToken, isLocked, opens, readAuth } from './auth.js';
import { dateRangeParams, ParamError, pageFilterParams } from './params.js';

/** Width (CSS px) each device class's heatmap is drawn at. */
export const REFERENCE_WIDTH: Record<DeviceClass, number> = { desktop: 1280, tablet: 820, mobile: 390 };

export interface ApiOptions {
  store: Store;
  sites: SiteRegistry;
}

/** The `/api` sub-app. */
export const apiRoutes = ({ store, sites }: ApiOptions) => {
  const app = new Hono();
  app.onError((error, c) => {
    if (error instanceof ParamError || error instanceof FunnelSpecError) {
      return c.json({ error: 'invalid_parameter', message: error.message }, 400);
    }
    throw error;
  });
  const query = (c: { req: { query(name: string): string | undefined } }) => (name: string) =>
    c.req.query(name);
  const body = async (c: { req: { json(): Promise<unknown> } }) => {
    try {
      return (await c.req.json()) as Record<string, unknown>;
    } catch {
      throw new ParamError('the body must be JSON');
    }
  };

  app.use('*', readAuth({ sites }));

  app.get('/sites', async (c) => {
    const token = bearerToken(c.req.header('authorization'));
    const list = await sites.list();
    const readable = list.filter((site) => opens(site, token));
    // A token that opens none of the locked sites is a mistake worth saying, not an empty list;
    // with no site locked (its token cleared since) a kept token is merely unneeded.
    if (token !== undefined && list.some(isLocked) && !readable.some(isLocked)) {
      return c.json(
        {
          error: 'read_token_invalid',
          message: "the read token opens no site: check it, or ask an operator for the site's current token",
        },
        401,
      );
    }
    return c.json<SitesAnswer>({
      sites: readable.map(({ key, name }) => ({ key, name })),
      locked: list.length - readable.length,
    });
  });

  app.get('/pages', async (c) =>
    c.json<PagesAnswer>({ pages: await pages(store, dateRangeParams(query(c))) }),
  );

  app.get('/heatmap/clicks', async (c) => {
    const filter = pageFilterParams(query(c));
    const layer = (c.req.query('layer') ?? 'clicks') as ClickLayer;
    if (!CLICK_LAYERS.includes(layer))
      throw new ParamError(`layer must be one of ${CLICK_LAYERS.join(', ')}`);
    const scale = (c.req.query('scale') ?? 'document') as HeatmapScale;
    if (!HEATMAP_SCALES.includes(scale))
      throw new ParamError(`scale must be one of ${HEATMAP_SCALES.join(', ')}`);
    const byWidth = scale === 'width';
    const [cells, docHeight] = await Promise.all([
      clickHeatmap(store, filter, layer, scale),
      byWidth ? widthPageHeight(store, filter) : pageHeight(store, filter),
    ]);
    return c.json<ClickHeatmapAnswer>({
      pageKey: filter.page,
      device: filter.device,
      layer,
      scale,
      columns: HEATMAP_COLUMNS,
      rowHeight: HEATMAP_ROW_HEIGHT,
      width: byWidth ? WIDTH_REFERENCE : REFERENCE_WIDTH[filter.device],
      docHeight,
      total: cells.reduce((sum, cell) => sum + cell.n, 0),
      cells,
    });
  });

  app.get('/heatmap/elements', async (c) => {
    const limit = Number(c.req.query('limit') ?? 100);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
      throw new ParamError('limit must be 1 to 1000');
    return c.json<ElementsAnswer>({
      elements: await elementRanking(store, pageFilterParams(query(c)), limit),
    });
  });

  app.get('/heatmap/element-cells', async (c) => {
    const filter = pageFilterParams(query(c));
    const hashes = (c.req.query('elements') ?? '').split(',').filter((h) => h !== '');
    if (
      hashes.length === 0 ||
      hashes.length > MAX_ELEMENT_HASHES ||
      !hashes.every((h) => /^[0-9a-f]{1,16}$/.test(h))
    ) {
      throw new ParamError(
        `elements must be 1 to ${MAX_ELEMENT_HASHES} element hashes (from /api/heatmap/elements), comma-separated`,
      );
    }
    const cells = await elementCells(store, filter, hashes);
    return c.json<ElementCellsAnswer>({ total: cells.reduce((sum, cell) => sum + cell.n, 0), cells });
  });

  app.get('/heatmap/scroll', async (c) => {
    const filter = pageFilterParams(query(c));
    const [reach, seconds] = await Promise.all([scrollReach(store, filter), attention(store, filter)]);
    return c.json<ScrollAnswer>({ ...reach, stepPercent: 5, attention: seconds });
  });

  app.get('/snapshot', async (c) => {
    const { site, page, device } = pageFilterParams(query(c));
    return c.json<SnapshotAnswer>({
      pageKey: page,
      device,
      snapshot: await pageSnapshot(store, { site, page, device }),
    });
  });

  app.post('/funnel', async (c) => {
    const spec = parseFunnelSpec(await body(c));
    const interval = c.req.query('interval') === 'week' ? 'week' : 'day';
    const [counts, timing, trend] = await Promise.all([
      funnelSteps(store, spec),
      funnelTimeToConvert(store, spec),
      funnelTrend(store, spec, interval),
    ]);
    return c.json<FunnelAnswer>({
      ...counts,
      timeToConvert: { buckets: TIME_BUCKETS, steps: timing },
      trend: { interval, points: trend },
    });
  });

  app.post('/funnel/dropoffs', async (c) => {
    const input = await body(c);
    const spec = parseFunnelSpec(input.funnel);
    const step = input.step;
    if (typeof step !== 'number' || !Number.isInteger(step) || step < 1 || step >= spec.steps.length) {
      throw new ParamError(
        `step must be a step number from 1 to ${spec.steps.length - 1} (the last step has no drop-offs)`,
      );
    }
    return c.json<DropoffsAnswer>(await funnelDropoffs(store, spec, step));
  });
  return app;
};
