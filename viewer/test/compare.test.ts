/**
 * Comparing two arbitrary segments side by side in Chromium against the real server: two
 * channels from a shared link, a second side built through the header controls, and the
 * visitors who left a funnel beside those who finished it, from the funnel's drop-offs.
 */
import { join } from 'node:path';
import type { WireEvent } from '@heatfunnel/sdk/protocol';
import { launchBrowser } from '@heatfunnel/sdk/test/browser';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, CART_KEY, postBatch, uuidv7, waitUntil } from './fixture';
import { startServer, type TestServer } from './server';

let server: TestServer;
let browser: Browser;

/** Two visitors: one from "ads" who clicks three times on the cart and checks out, one from "mail" who clicks once and leaves. */
const VISITORS = {
  buyer: { channel: 'ads', clicks: 3, path: [CART_KEY, '/demo/checkout'] },
  leaver: { channel: 'mail', clicks: 1, path: [CART_KEY] },
} as const;
const clicksOf = (channel: string) =>
  Object.values(VISITORS)
    .filter((v) => v.channel === channel)
    .reduce((n, v) => n + v.clicks, 0);
const ALL = Object.values(VISITORS).reduce((n, v) => n + v.clicks, 0);

async function postVisits(base: string) {
  const start = Date.now() - 60_000;
  const events: WireEvent[] = [];
  let k = 0;
  for (const [name, v] of Object.entries(VISITORS)) {
    for (const pk of v.path) {
      const ts = start + k++ * 1000;
      const common = {
        a: `anon-${name}`,
        s: `session-${name}`,
        p: 'web',
        ch: v.channel,
        url: `${base}${pk}`,
        pk,
        vw: 1280,
        vh: 800,
        dw: 1280,
        dh: 1600,
      } as const;
      events.push({ ...common, id: uuidv7(ts), ts, t: 'pageview' });
      if (pk !== CART_KEY) continue;
      for (let c = 0; c < v.clicks; c++) {
        const at = ts + 10 + c;
        events.push({ ...common, id: uuidv7(at), ts: at, t: 'click', x: 200 + 40 * c, y: 300, sel: 'main' });
      }
    }
  }
  await postBatch(base, 'demo', events);
  // From the events' day to today: a run just after midnight posts them "yesterday".
  const from = new Date(start).toISOString().slice(0, 10);
  const to = new Date().toISOString().slice(0, 10);
  const api = `${base}/api/heatmap/clicks?site=demo&page=${encodeURIComponent(CART_KEY)}&from=${from}&to=${to}`;
  await waitUntil(
    async () => ((await (await fetch(api)).json()) as { total: number }).total === ALL,
    'the posted clicks did not reach the API',
  );
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  await postVisits(server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function open(query: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(`${server.url}/${query}`);
  return page;
}

const cart = encodeURIComponent(CART_KEY);
const clicks = (n: number) => (n === 0 ? 'No clicks on this page' : `Clicks ${n}`);

describe('segment comparison', () => {
  it('draws two channels side by side from a shared link', async () => {
    const page = await open(`?site=demo&page=${cart}&channel=ads&compare=segments&vs=channel:mail`);
    await page.waitForSelector('#stage[data-state="drawn"]');
    await page.waitForSelector('#stage-b[data-state="drawn"]');
    expect(await page.textContent('#caption')).toBe('channel ads · Both sides share one colour scale.');
    await expect.poll(() => page.textContent('#caption-b')).toContain(`channel mail · `);
    expect(await page.textContent('#caption-b')).toContain(clicks(clicksOf('mail')));
    expect(await page.textContent('#summary')).toContain(clicks(clicksOf('ads')));
    expect(await page.isVisible('#vs-segment')).toBe(true);
    expect(await page.inputValue('#vs-channel')).toBe('mail');
    // Side by side, clicks are placed by position (one colour scale): no placement choice.
    expect(await page.isVisible('#place')).toBe(false);
    // Hovering an element's row outlines it in both sides' backdrops.
    await page.hover('#element-rows tr[data-selector="main"]');
    await expect.poll(() => page.locator('#highlights .highlight').count()).toBe(1);
    await expect.poll(() => page.locator('#highlights-b .highlight').count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'viewer-compare-segments.png'), fullPage: true });
    await page.mouse.move(0, 0);
    await expect.poll(() => page.locator('#highlights-b .highlight').count()).toBe(0);
    await page.context().close();
  });

  it('builds the second side through the header controls', async () => {
    const page = await open(`?site=demo&page=${cart}`);
    await page.waitForSelector('#stage[data-state="drawn"]');
    expect(await page.isVisible('#vs-segment')).toBe(false);
    await page.selectOption('#compare', 'segments');
    await expect.poll(() => page.isVisible('#vs-segment')).toBe(true);
    await page.fill('#vs-channel', 'ads');
    await page.press('#vs-channel', 'Enter');
    await expect.poll(() => new URL(page.url()).searchParams.getAll('vs')).toEqual(['channel:ads']);
    await expect
      .poll(() => page.textContent('#caption'))
      .toBe('Everyone · Both sides share one colour scale.');
    await expect.poll(() => page.textContent('#caption-b')).toContain(`channel ads · `);
    await expect.poll(() => page.textContent('#caption-b')).toContain(clicks(clicksOf('ads')));
    expect(await page.textContent('#summary')).toContain(clicks(ALL));
    // Narrow the second side to a platform nobody used: it empties, the first side stays.
    await page.selectOption('#vs-platform', 'weapp');
    await expect
      .poll(() => new URL(page.url()).searchParams.getAll('vs'))
      .toEqual(['platform:weapp', 'channel:ads']);
    await expect
      .poll(() => page.textContent('#caption-b'))
      .toContain(`WeChat mini-program · channel ads · ${clicks(0)}`);
    // Back restores the previous second side.
    await page.goBack();
    await expect.poll(() => page.inputValue('#vs-platform')).toBe('');
    await page.context().close();
  });

  it('puts the visitors who left a funnel beside those who finished it', async () => {
    const page = await open(
      `?view=funnel&site=demo&step=pageview:${cart}&step=pageview:${encodeURIComponent('/demo/checkout')}`,
    );
    await page.click('#funnel-bars li[data-step="1"] .who-left');
    await page.click('.compare-link');
    await page.waitForSelector('#stage[data-state="drawn"]');
    await page.waitForSelector('#stage-b[data-state="drawn"]');
    const url = new URL(page.url());
    expect(url.searchParams.get('compare')).toBe('segments');
    expect(url.searchParams.get('page')).toBe(CART_KEY);
    await expect
      .poll(() => page.textContent('#caption'))
      .toBe('Left the funnel at step 1 · Both sides share one colour scale.');
    expect(await page.textContent('#summary')).toContain(clicks(VISITORS.leaver.clicks));
    await expect.poll(() => page.textContent('#caption-b')).toContain(`Finished the funnel · `);
    expect(await page.textContent('#caption-b')).toContain(clicks(VISITORS.buyer.clicks));
    expect(await page.textContent('#vs-cohort-text')).toBe('and a funnel cohort: Finished the funnel');
    await page.context().close();
  });
});
