/**
 * End to end: a visitor opens the demo shop in Chromium (real snippet, real HTTP, the
 * embedded engine). After the page view the SDK asks `/v1/snapshot.js`, the server answers
 * the snapshot entry, and the entry's upload lands in the snapshots table: one per page key
 * and device class, with the page's sizes and an rrweb tree whose hash checks out.
 */
import { fnv1a } from '@heatfunnel/sdk/protocol';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type DemoInBrowser, startDemoInBrowser } from './helpers/demo-in-browser.js';
import { rows } from './helpers/store.js';
import { waitFor } from './helpers/wait.js';

let demo: DemoInBrowser;

beforeAll(async () => {
  demo = await startDemoInBrowser(['heatfunnel.js', 'heatfunnel-snapshot.js']);
});
afterAll(async () => {
  await demo?.close();
});

interface Row {
  page_key: string;
  device: string;
  hash: string;
  url: string;
  viewport_width: number;
  doc_height: number;
  body: string;
}

const snapshots = () =>
  rows<Row>(
    demo.db.store,
    `SELECT page_key, device, hash, url, viewport_width, doc_height, body
      FROM ${demo.db.store.table('snapshots')} ORDER BY device, page_key`,
  );

it('stores a snapshot of each demo page a visitor opens, per device class', async () => {
  const { browser, server } = demo;
  const requests: string[] = [];
  const visit = async (path: string, width: number) => {
    const page = await browser.newPage({ viewport: { width, height: 800 } });
    page.on('request', (r) => {
      if (r.url().includes('/v1/snapshot')) requests.push(`${r.method()} ${new URL(r.url()).pathname}`);
    });
    await page.goto(`${server.url}${path}`, { waitUntil: 'load' });
    return page;
  };
  const desktop = await visit('/demo/product/7', 1280);
  const mobile = await visit('/demo/product/7', 390);
  await waitFor('two snapshots', async () => (await snapshots()).length >= 2, 20_000);
  const dh = await desktop.evaluate(() => document.documentElement.scrollHeight);

  const [desk, phone, ...more] = await snapshots();
  expect(more).toEqual([]);
  expect(desk).toMatchObject({ page_key: '/demo/product/:id', device: 'desktop', viewport_width: 1280 });
  expect(desk?.url).toBe(`${server.url}/demo/product/7`);
  expect(desk?.doc_height).toBe(dh);
  expect(phone).toMatchObject({ page_key: '/demo/product/:id', device: 'mobile', viewport_width: 390 });
  for (const row of [desk, phone]) {
    expect(fnv1a(row?.body ?? '')).toBe(row?.hash);
    const tree = JSON.parse(row?.body ?? '{}') as { type: number };
    expect(tree.type).toBe(0);
    // Scripts are left out of the tree, the snippet's own included.
    expect(row?.body).not.toMatch(/"tagName":"script"/);
  }
  // Each page view asked once; each entry posted once.
  expect(requests.sort()).toEqual([
    'GET /v1/snapshot.js',
    'GET /v1/snapshot.js',
    'POST /v1/snapshot',
    'POST /v1/snapshot',
  ]);
  await desktop.close();
  await mobile.close();
});
