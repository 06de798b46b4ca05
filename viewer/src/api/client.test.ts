/**
 * The API client over real HTTP (a small server on 127.0.0.1 that records each request and
 * answers the smallest well-formed body): every call about a locked site carries its read
 * token as a bearer header, and a call about another site carries none. A call that forgot
 * the token would be refused by a locked site, and its data (clicks, elements) would vanish.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FunnelSpec } from '../funnel/spec';
import { createApi } from './client';
import type { PageQuery } from './types';

/** The smallest answer each path's fetcher accepts. */
const ANSWERS: Record<string, unknown> = {
  '/api/sites': { sites: [], locked: 0 },
  '/api/pages': { pages: [] },
  '/api/heatmap/clicks': { cells: [], columns: 1, rowHeight: 1, width: 1 },
  '/api/heatmap/scroll': { reach: [], stepPercent: 1, attention: { seconds: [] } },
  '/api/heatmap/elements': { elements: [] },
  '/api/heatmap/element-cells': { cells: [] },
  '/api/snapshot': { snapshot: null },
  '/api/funnel': { steps: [] },
  '/api/funnel/dropoffs': { next: [] },
};

let server: Server;
let base: string;
const seen: { path: string; site: string | null; authorization: string | undefined }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const posted = body ? (JSON.parse(body) as { site?: string; funnel?: { site?: string } }) : {};
      const site = url.searchParams.get('site') ?? posted.site ?? posted.funnel?.site ?? null;
      seen.push({ path: url.pathname, site, authorization: req.headers.authorization });
      const answer = ANSWERS[url.pathname];
      res.writeHead(answer ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer ?? { error: 'not_found' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const TOKEN = 'rt_kept';
const api = createApi({
  // The viewer's paths are relative (same origin); here they resolve against the test server.
  fetchFn: (input, init) => fetch(new URL(String(input), base), init),
  tokenFor: (site) => (site === 'locked' ? TOKEN : null),
});

const query = (site: string): PageQuery => ({
  site,
  page: '/product/:id',
  device: 'desktop',
  from: '2026-11-01',
  to: '2026-11-23',
  segment: {},
});
const funnel = (site: string): FunnelSpec => ({
  site,
  from: '2026-11-01',
  to: '2026-11-23',
  steps: [{ match: { kind: 'pageview', pageKey: '/' } }, { match: { kind: 'pageview', pageKey: '/cart' } }],
  windowSeconds: 3600,
  order: 'strict',
  unit: 'visitor',
  exclusions: [],
});

/** Calls every fetcher about `site`. */
async function callAll(site: string) {
  const q = query(site);
  await api.sites(undefined, site);
  await api.pages(site, { from: q.from, to: q.to });
  await api.clickHeatmap(q);
  await api.scroll(q);
  await api.elements(q);
  await api.elementCells(q, ['1a2b', '3c4d']);
  await api.snapshot(q);
  await api.funnel(funnel(site));
  await api.dropoffs(funnel(site), 1);
}

describe('the API client and read tokens', () => {
  it('sends a locked site’s token with every call about it, element cells included', async () => {
    seen.length = 0;
    await callAll('locked');
    expect(seen.map((r) => r.path)).toEqual(Object.keys(ANSWERS));
    for (const r of seen)
      expect({ path: r.path, authorization: r.authorization }).toEqual({
        path: r.path,
        authorization: `Bearer ${TOKEN}`,
      });
    expect(seen.filter((r) => r.path !== '/api/sites').every((r) => r.site === 'locked')).toBe(true);
  });

  it('sends no token about a site it keeps none for', async () => {
    seen.length = 0;
    await callAll('open');
    expect(seen).toHaveLength(Object.keys(ANSWERS).length);
    expect(seen.every((r) => r.authorization === undefined)).toBe(true);
  });
});
