/**
 * The read-token prompt in Chromium against the real server: a site locked with
 * `heatfunnel sites add demo --read-token` asks for its token, refuses a wrong one, opens
 * with the right one (sent as a bearer header, kept in localStorage, never in the URL) and
 * remembers it; an open site never asks; a kept token the server no longer takes is
 * forgotten.
 */
import { join } from 'node:path';
import type { WireEvent } from '@heatfunnel/sdk/protocol';
import { launchBrowser } from '@heatfunnel/sdk/test/browser';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, postBatch, uuidv7, waitUntil } from './fixture';
import { startServer, type TestServer } from './server';

let server: TestServer;
let browser: Browser;
let token: string;
const PAGES = ['/demo/', '/demo/list'];

/** Posts one page view of each of PAGES for `site`, a minute ago; returns their time. */
async function postPageviews(site: string): Promise<number> {
  const start = Date.now() - 60_000;
  const events: WireEvent[] = PAGES.map((pk, i) => ({
    id: uuidv7(start + i),
    t: 'pageview',
    ts: start + i,
    a: 'anon-1',
    s: 'session-1',
    p: 'web',
    url: `${server.url}${pk}`,
    pk,
    vw: 1280,
    vh: 800,
    dw: 1280,
    dh: 1600,
  }));
  await postBatch(server.url, site, events);
  return start;
}

beforeAll(async () => {
  server = await startServer({
    before: [
      ['sites', 'add', 'demo', '--name', 'Demo shop', '--read-token'],
      ['sites', 'add', 'open', '--name', 'Open shop'],
    ],
  });
  const printed = /read token for demo: (rt_\S+)/.exec(server.printed[0] ?? '')?.[1];
  if (!printed) throw new Error(`no read token printed:\n${server.printed[0]}`);
  token = printed;
  browser = await launchBrowser();
  const posted = await postPageviews('demo');
  await postPageviews('open');
  // From the events' day to today: a run just after midnight posts them "yesterday".
  const from = new Date(posted).toISOString().slice(0, 10);
  const to = new Date().toISOString().slice(0, 10);
  await waitUntil(async () => {
    const res = await fetch(`${server.url}/api/pages?site=demo&from=${from}&to=${to}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await res.json()) as { pages?: unknown[] };
    return body.pages?.length === PAGES.length;
  }, 'the posted page views did not reach the API');
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A page in a fresh context, recording the authorization header of every API request. */
async function open(query: string, locale = 'en-US') {
  const context = await browser.newContext({ viewport: { width: 1200, height: 800 }, locale });
  const page = await context.newPage();
  const sent: { url: string; authorization: string | undefined }[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.startsWith('/api/'))
      sent.push({ url: r.url(), authorization: r.headers().authorization });
  });
  await page.goto(`${server.url}/${query}`);
  return { page, sent };
}

const pageKeys = (page: Page) =>
  page.$$eval('#page-list [data-page]', (n) => n.map((x) => x.getAttribute('data-page')));
const dialog = (page: Page) => page.getByRole('dialog', { name: 'Read token needed' });

describe('read-token prompt', () => {
  it('asks for a locked site’s token, refuses a wrong one, opens with the right one and remembers it', async () => {
    const { page, sent } = await open('?site=demo');
    await expect.poll(() => dialog(page).isVisible()).toBe(true);
    expect(await page.inputValue('#token-site')).toBe('demo');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('token-value');
    expect(await page.textContent('#token-intro')).toContain('site demo is locked');
    // Behind the prompt, the header names the site asked for.
    expect(await page.inputValue('#site')).toBe('demo');
    expect(await page.textContent('#site option[value="demo"]')).toBe('demo (locked)');

    await page.getByLabel('Read token', { exact: true }).fill('rt_wrong');
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe('That read token does not open demo. Check it and try again.');
    expect(await dialog(page).isVisible()).toBe(true);
    expect(await page.evaluate(() => localStorage.getItem('heatfunnel.readToken.demo'))).toBeNull();

    await page.getByLabel('Read token', { exact: true }).fill(token);
    await page.keyboard.press('Enter');
    await expect.poll(() => pageKeys(page)).toEqual(PAGES);
    expect(await dialog(page).isVisible()).toBe(false);
    expect(await page.evaluate(() => localStorage.getItem('heatfunnel.readToken.demo'))).toBe(token);
    expect(new URL(page.url()).searchParams.get('site')).toBe('demo');
    // The token travels only as a header: never in a URL, the page's or a request's.
    expect(page.url()).not.toContain(token);
    expect(sent.some((r) => r.url.includes(token))).toBe(false);
    const pagesRequests = sent.filter((r) => r.url.includes('/api/pages?site=demo'));
    expect(pagesRequests.at(-1)?.authorization).toBe(`Bearer ${token}`);

    // Next visit, same browser: no prompt, the site is listed and its pages load.
    sent.length = 0;
    await page.goto(`${server.url}/`);
    await expect.poll(() => pageKeys(page)).toEqual(PAGES);
    expect(await dialog(page).isVisible()).toBe(false);
    expect(await page.$$eval('#site option', (o) => o.map((x) => x.getAttribute('value')))).toContain('demo');
    await page.context().close();
  });

  it('never asks for an open site, and sends it no token', async () => {
    const { page, sent } = await open('?site=open');
    await expect.poll(() => pageKeys(page)).toEqual(PAGES);
    expect(await dialog(page).isVisible()).toBe(false);
    expect(sent.every((r) => r.authorization === undefined)).toBe(true);
    await page.context().close();
  });

  it('asks in Chinese, with the form labelled for screen readers', async () => {
    const { page } = await open('?site=demo&lang=zh-CN', 'zh-CN');
    const zh = page.getByRole('dialog', { name: '需要读取令牌' });
    await expect.poll(() => zh.isVisible()).toBe(true);
    expect(await page.getByLabel('站点标识').inputValue()).toBe('demo');
    expect(await page.getByLabel('读取令牌', { exact: true }).getAttribute('type')).toBe('password');
    await page.screenshot({ path: join(ARTIFACTS, 'viewer-token-zh-CN.png') });
    await page.getByRole('button', { name: '取消' }).click();
    await expect.poll(() => page.textContent('#stage-status')).toContain('demo 的数据需要读取令牌');
    await page.context().close();
  });

  it('offers to unlock a site that the list leaves out', async () => {
    const { page } = await open('');
    await expect
      .poll(() => page.$$eval('#site option', (o) => o.map((x) => x.getAttribute('value'))))
      .toEqual(['open']);
    await page.getByRole('button', { name: '1 locked: enter a read token' }).click();
    await expect.poll(() => dialog(page).isVisible()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('token-site');
    await page.getByLabel('Site key').fill('demo');
    await page.getByLabel('Read token', { exact: true }).fill(token);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('site')).toBe('demo');
    await expect.poll(() => pageKeys(page)).toEqual(PAGES);
    // The site list is fetched again with the token, apart from the pages: wait for it too.
    await expect
      .poll(() => page.$$eval('#site option', (o) => o.map((x) => x.getAttribute('value'))))
      .toEqual(['demo', 'open']);
    await expect.poll(() => page.isVisible('#unlock')).toBe(false);
    await page.context().close();
  });

  it('forgets a kept token the server no longer accepts, and says so', async () => {
    const context = await browser.newContext({ viewport: { width: 1200, height: 800 }, locale: 'en-US' });
    // A token kept from before the operator rotated it.
    await context.addInitScript(() => {
      if (!sessionStorage.getItem('seeded')) {
        localStorage.setItem('heatfunnel.readToken.demo', 'rt_rotated_away');
        sessionStorage.setItem('seeded', '1');
      }
    });
    const page = await context.newPage();
    await page.goto(`${server.url}/?site=demo&page=${encodeURIComponent(PAGES[0] ?? '')}`);
    await expect.poll(() => dialog(page).isVisible()).toBe(true);
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe('That read token does not open demo. Check it and try again.');
    expect(await page.evaluate(() => localStorage.getItem('heatfunnel.readToken.demo'))).toBeNull();
    await page.getByLabel('Read token', { exact: true }).fill(token);
    await page.keyboard.press('Enter');
    await expect.poll(() => pageKeys(page)).toEqual(PAGES);
    await context.close();
  });

  it('forgets, without asking, a kept token of a site whose token was cleared', async () => {
    const context = await browser.newContext({ viewport: { width: 1200, height: 800 }, locale: 'en-US' });
    // The token "open" had before an operator ran `sites clear-read-token open`; "demo" is
    // still locked, so /api/sites refuses the token (it opens no locked site).
    await context.addInitScript(() => {
      if (!sessionStorage.getItem('seeded')) {
        localStorage.setItem('heatfunnel.readToken.open', 'rt_cleared');
        localStorage.setItem('heatfunnel.readTokenSite', 'open');
        sessionStorage.setItem('seeded', '1');
      }
    });
    const page = await context.newPage();
    const sites: (string | undefined)[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/sites') sites.push(r.headers().authorization);
    });
    await page.goto(`${server.url}/`);
    await expect.poll(() => pageKeys(page)).toEqual(PAGES);
    expect(new URL(page.url()).searchParams.get('site')).toBe('open');
    expect(await dialog(page).isVisible()).toBe(false);
    expect(await page.evaluate(() => localStorage.getItem('heatfunnel.readToken.open'))).toBeNull();
    expect(sites).toEqual(['Bearer rt_cleared', undefined]);
    // The next visit sends no token at all.
    sites.length = 0;
    await page.reload();
    await expect.poll(() => pageKeys(page)).toEqual(PAGES);
    expect(sites).toEqual([undefined]);
    expect(await dialog(page).isVisible()).toBe(false);
    await context.close();
  });
});
