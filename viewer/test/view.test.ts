/**
 * The viewer as an analyst uses it, in Chromium against the real server: a shared URL
 * restores the view, the language switches and sticks, everything works from the keyboard,
 * back/forward walk the history, and the drawn view downloads as CSV and PNG.
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser } from '@heatfunnel/sdk/test/browser';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ARTIFACTS,
  CART_KEY,
  type KnownClicks,
  PRODUCT_KEY,
  pngPixels,
  postKnownClicks,
  WIDTH,
} from './fixture';
import { startServer, type TestServer } from './server';

let server: TestServer;
let browser: Browser;
let known: KnownClicks;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  known = await postKnownClicks(browser, server.url);
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function open(query: string, locale = 'en-US'): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1400, height: 900 },
    locale,
    acceptDownloads: true,
  });
  const page = await context.newPage();
  await page.goto(`${server.url}/${query}`);
  return page;
}

/** Waits for the stage to finish drawing; on timeout, says what the page showed instead. */
async function drawn(page: Page): Promise<void> {
  try {
    await page.waitForSelector('#stage[data-state="drawn"]', { timeout: 30_000 });
  } catch (e) {
    const shown = await page.evaluate(() => ({
      state: document.getElementById('stage')?.dataset.state,
      status: document.getElementById('stage-status')?.textContent,
      pages: document.getElementById('pages-status')?.textContent,
      url: location.href,
    }));
    throw new Error(`the stage never drew: ${JSON.stringify(shown)}`, { cause: e });
  }
}
const param = (page: Page, name: string) => new URL(page.url()).searchParams.get(name);

describe('viewer state, language and keyboard', () => {
  it('restores a shared URL: site, page, device and language', async () => {
    const page = await open(`?site=demo&page=${encodeURIComponent(CART_KEY)}&device=desktop&lang=zh-CN`);
    await drawn(page);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await page.textContent('#pages-title')).toBe('页面');
    expect(await page.getAttribute(`button[data-page="${CART_KEY}"]`, 'aria-current')).toBe('true');
    expect(await page.textContent('#summary')).toContain('共 2 次点击');
    expect(await page.isChecked('input[name="device"][value="desktop"]')).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'viewer-zh-CN.png') });
    await page.context().close();
  });

  it('switches language from the picker, keeps it in the URL and after a reload', async () => {
    const page = await open(`?site=demo&page=${encodeURIComponent(PRODUCT_KEY)}`);
    await drawn(page);
    expect(await page.textContent('#pages-title')).toBe('Pages');
    expect(await page.textContent('label:has(input[value="mobile"])')).toBe('Mobile');
    await page.selectOption('#lang', 'zh-CN');
    await expect.poll(() => page.textContent('#pages-title')).toBe('页面');
    expect(param(page, 'lang')).toBe('zh-CN');
    expect(await page.textContent('label:has(input[value="mobile"])')).toBe('移动端');
    await expect.poll(() => page.textContent('#summary')).toContain('共 40 次点击');
    await page.reload();
    await drawn(page);
    expect(await page.textContent('#export-csv')).toBe('下载 CSV 数据');
    await page.context().close();
  });

  it('works from the keyboard: / to filter, Enter to open, arrows between pages, arrows on devices', async () => {
    const page = await open(`?site=demo&page=${encodeURIComponent(PRODUCT_KEY)}`);
    await drawn(page);
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('page-filter');
    await page.keyboard.type('cart');
    expect(await page.locator('#page-list button').count()).toBe(1);
    await page.keyboard.press('Enter');
    await expect.poll(() => param(page, 'page')).toBe(CART_KEY);
    await drawn(page);
    await expect.poll(() => page.textContent('#summary')).toContain('Clicks 2');

    await page.fill('#page-filter', '');
    await page.focus('#page-filter');
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.page)).toBe(PRODUCT_KEY);
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.page)).toBe(CART_KEY);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await expect.poll(() => param(page, 'page')).toBe(PRODUCT_KEY);
    // Focus stays on the page just opened, so the analyst can keep going.
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.page)).toBe(PRODUCT_KEY);

    await page.focus('input[name="device"][value="desktop"]');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => param(page, 'device')).toBe('tablet');
    await expect.poll(() => page.textContent('#stage-status')).toContain('No clicks on this page for Tablet');
    await page.context().close();
  });

  it('offers relative range presets, and fixes the range when a date is edited', async () => {
    const page = await open(`?site=demo&page=${encodeURIComponent(PRODUCT_KEY)}`);
    await drawn(page);
    const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
    expect(await page.inputValue('#preset')).toBe('30');
    expect(await page.inputValue('#from')).toBe(day(29));
    await page.selectOption('#preset', '7');
    await expect.poll(() => param(page, 'days')).toBe('7');
    expect(await page.inputValue('#from')).toBe(day(6));
    expect(await page.inputValue('#to')).toBe(day(0));
    await expect.poll(() => page.textContent('#summary')).toContain('Clicks 40');
    await page.fill('#from', '2020-01-01');
    await expect.poll(() => param(page, 'from')).toBe('2020-01-01');
    expect(param(page, 'to')).toBe(day(0));
    expect(param(page, 'days')).toBeNull();
    expect(await page.inputValue('#preset')).toBe('custom');
    await page.context().close();
  });

  it('filters by segment (platform, visitors, channel) and keeps it in the URL', async () => {
    const page = await open(`?site=demo&page=${encodeURIComponent(PRODUCT_KEY)}`);
    await drawn(page);
    await page.selectOption('#platform', 'weapp');
    await expect.poll(() => param(page, 'platform')).toBe('weapp');
    await expect
      .poll(() => page.textContent('#stage-status'))
      .toContain('No clicks on this page for Desktop');
    await page.selectOption('#platform', 'web');
    await page.selectOption('#visitor', 'new');
    await expect.poll(() => param(page, 'visitor')).toBe('new');
    await drawn(page);
    await expect.poll(() => page.textContent('#summary')).toContain('Clicks 40');
    await page.fill('#channel', 'wechat');
    await page.press('#channel', 'Enter');
    await expect.poll(() => param(page, 'channel')).toBe('wechat');
    await expect.poll(() => page.textContent('#stage-status')).toContain('No clicks on this page');
    await page.reload();
    expect(await page.inputValue('#channel')).toBe('wechat');
    expect(await page.inputValue('#platform')).toBe('web');
    await page.context().close();
  });

  it('uses an uploaded screenshot as the backdrop (for pages without a URL to frame)', async () => {
    const page = await open(`?site=demo&page=${encodeURIComponent(PRODUCT_KEY)}`);
    await drawn(page);
    const png = await page.evaluate(() => {
      const c = document.createElement('canvas');
      c.width = 640;
      c.height = 1000;
      const ctx = c.getContext('2d') as CanvasRenderingContext2D;
      ctx.fillStyle = '#123456';
      ctx.fillRect(0, 0, 640, 1000);
      return c.toDataURL('image/png').split(',')[1] ?? '';
    });
    await page.setInputFiles('#backdrop-file', {
      name: 'shot.png',
      mimeType: 'image/png',
      buffer: Buffer.from(png, 'base64'),
    });
    await page.waitForSelector('#frame-box img.backdrop-image');
    await drawn(page);
    // 640 px wide drawn at the desktop width of 1280: twice as tall.
    await expect.poll(() => page.textContent('#summary')).toContain('page 2,000 px tall');
    expect(await page.getAttribute('#frame', 'src')).toBeNull();
    await page.setInputFiles('#backdrop-file', {
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('hi'),
    });
    await expect.poll(() => page.textContent('#stage-status')).toContain('not an image');
    await page.context().close();
  });

  it('walks back and forward through views with the browser history', async () => {
    const page = await open(`?site=demo&page=${encodeURIComponent(PRODUCT_KEY)}`);
    await drawn(page);
    await page.click(`button[data-page="${CART_KEY}"]`);
    await expect.poll(() => page.textContent('#summary')).toContain('Clicks 2');
    await page.click('label:has(input[value="mobile"])');
    await expect.poll(() => param(page, 'device')).toBe('mobile');
    await page.goBack();
    await expect.poll(() => page.isChecked('input[name="device"][value="desktop"]')).toBe(true);
    await expect.poll(() => page.textContent('#summary')).toContain('Clicks 2');
    await page.goBack();
    await expect.poll(() => param(page, 'page')).toBe(PRODUCT_KEY);
    await expect.poll(() => page.textContent('#summary')).toContain('Clicks 40');
    await page.goForward();
    await expect
      .poll(() => page.getAttribute(`button[data-page="${CART_KEY}"]`, 'aria-current'))
      .toBe('true');
    await page.context().close();
  });

  it('downloads the drawn view as CSV matching the API and as a PNG with the heat in place', async () => {
    // Placed where they were clicked, the CSV has the heatmap's cells.
    const page = await open(`?site=demo&page=${encodeURIComponent(PRODUCT_KEY)}&place=position`);
    await drawn(page);

    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
    expect(csvDownload.suggestedFilename()).toMatch(
      /^heatfunnel_demo_demo-product-id_desktop_\d{4}-\d\d-\d\d_.*\.csv$/,
    );
    const csv = readFileSync((await csvDownload.path()) as string, 'utf8').replace(/^\ufeff/, '');
    const [header, ...rows] = csv.trim().split('\r\n');
    expect(header).toBe('column,row,clicks,share_pct,x_px,y_px');
    const api = await (
      await fetch(`${server.url}/api/heatmap/clicks?site=demo&page=${encodeURIComponent(PRODUCT_KEY)}`)
    ).json();
    expect(rows.length).toBe(api.cells.length);
    const fromCsv = rows.map((r) => r.split(',').slice(0, 3).map(Number)).sort();
    const fromApi = api.cells.map((c: { x: number; y: number; n: number }) => [c.x, c.y, c.n]).sort();
    expect(fromCsv).toEqual(fromApi);

    const [pngDownload] = await Promise.all([page.waitForEvent('download'), page.click('#export-png')]);
    const file = (await pngDownload.path()) as string;
    const png = readFileSync(file);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(WIDTH);
    const height = png.readUInt32BE(20);
    expect(height).toBeGreaterThan(known.docHeight);
    copyFileSync(file, join(ARTIFACTS, 'viewer-export.png'));
    // Decode the PNG in the page and check the heat sits on "Add to cart" and the page under it.
    const [hot, page0] = await pngPixels(page, png, [
      { x: Math.round(known.addToCart.x), y: Math.round(known.addToCart.y) + (height - known.docHeight) },
      { x: 5, y: height - 5 },
    ]);
    expect(hot?.[0]).toBeGreaterThan(180);
    expect(hot?.[2]).toBeLessThan(100);
    // Far from any click the page itself shows (the shop's dark footer), not blank white.
    expect(page0?.slice(0, 3)).not.toEqual([255, 255, 255]);
    await page.context().close();
  });
});
