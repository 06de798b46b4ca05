/**
 * Snapshots from the browser's side: after a page view, once the page has loaded, the core
 * asks for `/v1/snapshot.js` (once per page key per page load, never without consent); the
 * entry the server answers posts the page as rrweb-snapshot serialised it, with inputs
 * masked, scripts, comments, handlers and `data-hf-ignore` content left out.
 */
import { expect, it } from 'vitest';
import { fnv1a } from '../src/protocol';
import { hf, useBrowser } from './harness';

const env = useBrowser();

it('asks after the load event with site key, viewport width and page key, and posts the masked page', async () => {
  env.server.wantSnapshots(true);
  const page = await (await env.context({ viewport: { width: 1280, height: 700 } })).newPage();
  await env.open('/snapshot.html?x=1&utm_source=ad', {}, page);
  const [sent] = await env.server.waitForSnapshots(1);
  const [asked, ...more] = env.server.snapshotScripts;
  expect(more).toEqual([]);
  expect(Object.fromEntries(asked?.query ?? [])).toEqual({ k: 'test', vw: '1280', pk: '/snapshot.html' });
  // Asked only after the slow image let the page's load event fire.
  const loadedAt = await page.evaluate(() => (window as unknown as { loadedAt: number }).loadedAt);
  expect(asked?.at).toBeGreaterThanOrEqual(loadedAt);

  expect(sent?.query).toBe('gz=1');
  expect(sent?.headers['content-type']).toMatch(/^text\/plain/);
  const { sn, ...head } = sent?.upload ?? ({} as NonNullable<typeof sent>['upload']);
  const dh = await page.evaluate(() => document.documentElement.scrollHeight);
  expect(head).toEqual({
    k: 'test',
    v: 1,
    pk: '/snapshot.html',
    url: `${env.server.url}/snapshot.html?utm_source=ad`,
    dc: 'desktop',
    vw: 1280,
    vh: 700,
    dw: 1280,
    dh,
    h: fnv1a(JSON.stringify(sn)),
    ts: expect.any(Number),
  });
  const tree = JSON.stringify(sn);
  expect(tree).toContain('Autumn sale');
  expect(tree).toContain('rgb(10, 120, 200)'); // the stylesheet, inlined
  for (const secret of [
    'Alice Secret',
    'private note',
    'Account 12345',
    'fixtureScriptRan',
    'inlineHandlerRan',
    'linkRan',
    'a comment',
  ]) {
    expect(tree, secret).not.toContain(secret);
  }
  expect(tree).toContain('rr_width'); // the ignored box keeps its size, not its content
  expect(tree).not.toMatch(/"tagName":"script"/);
});

it('asks once per page key in a page load, and sends no snapshot for a page the visitor already left', async () => {
  env.server.wantSnapshots(true);
  const page = await env.open('/product/1');
  await page.waitForFunction(() => document.readyState === 'complete');
  const asked = () => env.server.snapshotScripts.map((s) => s.query.get('pk'));
  await expect.poll(asked).toEqual(['/product/:id']);
  // Within the entry's settling second the visitor moves on: that page is not sent.
  await page.evaluate(() => history.pushState({}, '', '/cart'));
  await page.evaluate(() => history.pushState({}, '', '/product/2'));
  await page.evaluate(() => history.pushState({}, '', '/cart'));
  await expect.poll(asked).toEqual(['/product/:id', '/cart']);
  const [sent] = await env.server.waitForSnapshots(1);
  await page.waitForTimeout(1500);
  expect(env.server.snapshots.map((s) => s.upload.pk)).toEqual(['/cart']);
  expect(sent?.upload.url).toBe(`${env.server.url}/cart`);
  expect(asked()).toEqual(['/product/:id', '/cart']);
});

it('asks nothing while consent is missing, and once it is given', async () => {
  const page = await env.open('/product/1', { requireConsent: true });
  await page.waitForFunction(() => document.readyState === 'complete');
  await page.waitForTimeout(500);
  expect(env.server.snapshotScripts).toEqual([]);
  await hf(page, 'consent', true);
  await expect.poll(() => env.server.snapshotScripts.map((s) => s.query.get('pk'))).toEqual(['/product/:id']);
});

it('asks nothing under Do-Not-Track', async () => {
  const context = await env.context();
  await context.addInitScript("Object.defineProperty(Navigator.prototype, 'doNotTrack', { get: () => '1' })");
  const page = await env.open('/product/1', {}, await context.newPage());
  await page.waitForFunction(() => document.readyState === 'complete');
  await page.waitForTimeout(500);
  expect(env.server.snapshotScripts).toEqual([]);
});
