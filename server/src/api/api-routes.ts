/** The viewer's read API under `/api`: sites, pages and click heatmaps. */
import type { DeviceClass } from '@heatfunnel/sdk/protocol';
import { Hono } from 'hono';
import { clickHeatmap, HEATMAP_COLUMNS, HEATMAP_ROW_HEIGHT } from '../query/click-heatmap.js';
import { pageHeight } from '../query/page-height.js';
import { pages } from '../query/pages.js';
import type { SiteRegistry } from '../store/sites.js';
import type { Store } from '../store/store.js';
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
    if (error instanceof ParamError)
      return c.json({ error: 'invalid_parameter', message: error.message }, 400);
    throw error;
  });

  app.get('/sites', async (c) => {
    const list = await sites.list();
    return c.json({ sites: list.map(({ key, name }) => ({ key, name })) });
  });

  app.get('/pages', async (c) => {
    const range = dateRangeParams((name) => c.req.query(name));
    return c.json({ pages: await pages(store, range) });
  });

  app.get('/heatmap/clicks', async (c) => {
    const filter = pageFilterParams((name) => c.req.query(name));
    const [cells, docHeight] = await Promise.all([clickHeatmap(store, filter), pageHeight(store, filter)]);
    return c.json({
      pageKey: filter.page,
      device: filter.device,
      columns: HEATMAP_COLUMNS,
      rowHeight: HEATMAP_ROW_HEIGHT,
      width: REFERENCE_WIDTH[filter.device],
      docHeight,
      total: cells.reduce((sum, cell) => sum + cell.n, 0),
      cells,
    });
  });
  return app;
};
