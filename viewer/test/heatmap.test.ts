/**
 * The viewer end to end: the real server CLI on a fresh data directory, a known set of
 * clicks posted through `POST /v1/batch`, then the viewer opened in Chromium from a shared
 * URL, and the heat canvas's pixels sampled where the clicks are and far from them.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser } from '@heatfunnel/sdk/test/browser';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ARTIFACTS,
  canvasPixels,
  type KnownClicks,
  type Point,
  PRODUCT_KEY,
  postKnownClicks,
  WIDTH,
} from './fixture';
import { buildViewer, startServer, type TestServer } from './server';

let server: TestServer;
let browser: Browser;
let known: KnownClicks;

beforeAll(async () => {
  buildViewer();
  server = await startServer();
  browser = await launchBrowser();
  known = await postKnownClicks(browser, server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('click heatmap in the viewer', () => {
  it('draws heat where the posted clicks are and nothing far from them', async () => {
    const { addToCart, products, docHeight, clicks } = known;
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${server.url}/?site=demo&page=${encodeURIComponent(PRODUCT_KEY)}&device=desktop`);
    await page.waitForSelector('#stage[data-state="drawn"]', { timeout: 30_000 });

    await expect.poll(() => page.textContent('#page-list')).toContain('Views 1 · Clicks 40');
    expect(await page.textContent('#summary')).toContain('Clicks 40');
    expect(await page.locator('#stage-status').textContent()).toBe('');
    const backdrop = await page.evaluate(
      () =>
        !!(document.getElementById('frame') as HTMLIFrameElement).contentDocument?.getElementById(
          'add-to-cart',
        ),
    );
    expect(backdrop).toBe(true);

    const far: Point[] = [
      { x: 40, y: docHeight - 30 },
      { x: WIDTH - 40, y: docHeight - 30 },
      { x: WIDTH - 40, y: Math.min(docHeight - 30, addToCart.y + 400) },
    ];
    for (const f of far) {
      const nearest = Math.min(...clicks.map((c) => Math.hypot(c.x - f.x, c.y - f.y)));
      expect(nearest).toBeGreaterThan(150);
    }
    const [hot, warm, ...cold] = await canvasPixels(page, [addToCart, products, ...far]);
    // The hottest spot is the palette's red end, nearly opaque.
    expect(hot?.[3]).toBeGreaterThan(200);
    expect(hot?.[0]).toBeGreaterThan(200);
    expect(hot?.[1]).toBeLessThan(120);
    // A third as many clicks: visible, cooler.
    expect(warm?.[3]).toBeGreaterThan(40);
    expect(warm?.[3]).toBeLessThan(hot?.[3] ?? 0);
    for (const c of cold) expect(c[3]).toBe(0);

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'viewer-heatmap.png'), fullPage: true });
    await context.close();
  });
});
