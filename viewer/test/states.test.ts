/**
 * Loading, empty and error states in words, in Chromium against the real server: an empty
 * date range, an unreachable API, a failing API, a refused request, a backwards range.
 */
import { launchBrowser } from '@heatfunnel/sdk/test/browser';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRODUCT_KEY, postKnownClicks } from './fixture';
import { buildViewer, startServer, type TestServer } from './server';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  buildViewer();
  server = await startServer();
  browser = await launchBrowser();
  await postKnownClicks(browser, server.url);
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
});
