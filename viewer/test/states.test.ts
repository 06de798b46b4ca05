/**
 * Loading, empty and error states in words, in Chromium against the real server: an empty
 * date range, an unreachable API, a failing API, a refused request, a backwards range.
 */

import { BATCH_PATH, PROTOCOL_VERSION, type WireEvent } from '@heatfunnel/sdk/protocol';
import { launchBrowser } from '@heatfunnel/sdk/test/browser';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canvasPixels, type KnownClicks, PRODUCT_KEY, postKnownClicks, uuidv7, WIDTH } from './fixture';
import { startServer, type TestServer } from './server';

let server: TestServer;
let browser: Browser;
let known: KnownClicks;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  known = await postKnownClicks(browser, server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function open(query: string, prepare?: (page: Page) => Promise<unknown>): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 800 }, locale: 'en-US' });
  const page = await context.newPage();
  await prepare?.(page);
  await page.goto(`${server.url}/${query}`);
  return page;
}

const product = encodeURIComponent(PRODUCT_KEY);

describe('viewer states', () => {
  it('says when a date range has no visits', async () => {
    const page = await open('?site=demo&from=2020-01-01&to=2020-01-31');
    await expect
      .poll(() => page.textContent('#pages-status'))
      .toBe(
        'No page had visits between 2020-01-01 and 2020-01-31. Widen the date range or check that the snippet is on the shop pages.',
      );
    expect(await page.getAttribute('#stage', 'data-state')).toBe('idle');
    expect(await page.isDisabled('#export-png')).toBe(true);
    await page.context().close();
  });

  it('says the server cannot be reached when the API is down', async () => {
    const page = await open(`?site=demo&page=${product}`, (p) => p.route('**/api/**', (r) => r.abort()));
    await expect
      .poll(() => page.textContent('#stage-status'))
      .toBe('Cannot reach the Heatfunnel server. Check that it is running, then reload the page.');
    expect(await page.getAttribute('#stage-status', 'class')).toContain('error');
    await page.context().close();
  });

  it('shows the status of a failing API and the server’s own words for a refused request', async () => {
    const failing = await open(`?site=demo&page=${product}`, (p) =>
      p.route('**/api/heatmap/**', (r) => r.fulfill({ status: 503, body: 'busy' })),
    );
    await expect
      .poll(() => failing.textContent('#stage-status'))
      .toContain('The server failed to answer (503)');
    await failing.context().close();

    const refused = await open(`?site=demo&page=${product}`, (p) =>
      p.route('**/api/heatmap/**', (r) =>
        r.fulfill({
          status: 400,
          contentType: 'application/json',
          body: JSON.stringify({ error: 'invalid_parameter', message: 'page is required' }),
        }),
      ),
    );
    await expect
      .poll(() => refused.textContent('#stage-status'))
      .toBe('The server refused the request: page is required');
    await refused.context().close();
  });

  it('shows a loading state while the heatmap is on its way', async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    const page = await open(`?site=demo&page=${product}`, (p) =>
      p.route('**/api/heatmap/**', async (r) => {
        await held;
        await r.continue();
      }),
    );
    await expect.poll(() => page.textContent('#stage-status')).toBe('Loading the click heatmap…');
    release();
    await page.waitForSelector('#stage[data-state="drawn"]');
    expect(await page.textContent('#stage-status')).toBe('');
    await page.context().close();
  });

  it('refuses a start date after the end date in words, without asking the server', async () => {
    const page = await open(`?site=demo&page=${product}&from=2026-03-10&to=2026-03-01`);
    await expect
      .poll(() => page.textContent('#stage-status'))
      .toBe('The start date is after the end date. Pick a start date on or before the end date.');
    await page.context().close();
  });

  it('compares with the previous period, then new with returning visitors, side by side on one colour scale', async () => {
    const day = (ago: number) => new Date(Date.now() - ago * 86_400_000).toISOString().slice(0, 10);
    const yesterday = Date.now() - 86_400_000;
    const visit = {
      a: 'anon-yesterday',
      s: 'session-yesterday',
      p: 'web',
      url: `${server.url}/demo/product/1`,
      pk: PRODUCT_KEY,
      vw: WIDTH,
      vh: 800,
      dw: WIDTH,
      dh: known.docHeight,
    } as const;
    const events: WireEvent[] = Array.from({ length: 10 }, (_, i) => ({
      ...visit,
      id: uuidv7(yesterday + i),
      ts: yesterday + i,
      t: 'click',
      x: Math.round(known.addToCart.x),
      y: Math.round(known.addToCart.y),
      sel: 'button#add-to-cart',
    }));
    const posted = await fetch(`${server.url}${BATCH_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ k: 'demo', v: PROTOCOL_VERSION, e: events }),
    });
    expect(posted.status).toBe(200);
    const api = `${server.url}/api/heatmap/clicks?site=demo&page=${product}&from=${day(1)}&to=${day(1)}`;
    await expect.poll(async () => (await (await fetch(api)).json()).total, { timeout: 30_000 }).toBe(10);

    const page = await open(`?site=demo&page=${product}&from=${day(0)}&to=${day(0)}&compare=previous`);
    await page.waitForSelector('#stage[data-state="drawn"]');
    await page.waitForSelector('#stage-b[data-state="drawn"]');
    await expect
      .poll(() => page.textContent('#caption-b'))
      .toBe(`Previous period: ${day(1)} – ${day(1)} · Desktop · Clicks 10`);
    expect(await page.textContent('#caption')).toContain('Both sides share one colour scale.');
    const [today] = await canvasPixels(page, [known.addToCart]);
    const [before] = await canvasPixels(page, [known.addToCart], 'heat-b');
    // 30 clicks today against 10 the day before: both visible, today's hotter on the shared scale.
    expect(today?.[3]).toBeGreaterThan(200);
    expect(before?.[3]).toBeGreaterThan(20);
    expect(before?.[3]).toBeLessThan((today?.[3] ?? 0) - 40);

    // New against returning visitors: today's only visitor is new, so the other side is empty.
    await page.selectOption('#compare', 'visitors');
    await expect
      .poll(() => page.textContent('#caption'))
      .toBe('New visitors · Both sides share one colour scale.');
    await expect
      .poll(() => page.textContent('#caption-b'))
      .toContain('Returning visitors · No clicks on this page');
    await expect.poll(() => page.textContent('#summary')).toContain('Clicks 40');
    await page.context().close();
  });
});
