/**
 * Per-site read tokens on the read API: a locked site answers 401 without its token or with
 * a wrong one, 200 with it; an open site stays open; /api/sites lists what the token opens,
 * and refuses a token that opens nothing only while some site is locked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerToken, hashReadToken, newReadToken } from '../src/api/auth.js';
import { createApp } from '../src/app.js';
import { silentLogger } from '../src/log.js';
import { type SiteRegistry, siteRegistry } from '../src/store/sites.js';
import { batch, pageview } from './helpers/events.js';
import { freshStore, type TestStore } from './helpers/store.js';

const TOKEN = newReadToken();
let db: TestStore;
let app: ReturnType<typeof createApp>;
let registry: SiteRegistry;
const now = Date.now() - 60_000;
const today = new Date(now).toISOString().slice(0, 10);

beforeAll(async () => {
  db = await freshStore([
    { key: 'locked', name: 'Locked shop', origins: [], readTokenHash: hashReadToken(TOKEN) },
    { key: 'open', name: 'Open shop', origins: [] },
  ]);
  registry = siteRegistry(db.store);
  app = createApp({ store: db.store, sites: registry, log: silentLogger });
  for (const site of ['locked', 'open']) {
    const events = [pageview(now, { pk: '/' }), pageview(now + 1000, { pk: '/cart' })];
    const response = await app.request('/v1/batch', { method: 'POST', body: batch(events, site) });
    expect(response.status).toBe(200);
  }
});
afterAll(() => db.cleanup());

const auth = (token?: string): Record<string, string> =>
  token === undefined ? {} : { authorization: `Bearer ${token}` };
const get = async (path: string, token?: string) => {
  const response = await app.request(path, { headers: auth(token) });
  return { status: response.status, body: await response.json(), response };
};
const pages = (site: string, token?: string) =>
  get(`/api/pages?site=${site}&from=${today}&to=${today}`, token);
const funnel = (site: string) => ({
  site,
  from: today,
  to: today,
  steps: [{ match: { kind: 'pageview', pageKey: '/' } }, { match: { kind: 'pageview', pageKey: '/cart' } }],
});

describe('the read API with per-site read tokens', () => {
  it('refuses a locked site without a token, saying what to send', async () => {
    const { status, body, response } = await pages('locked');
    expect(status).toBe(401);
    expect(body).toMatchObject({ error: 'read_token_required', site: 'locked' });
    expect(body.message).toMatch(/Authorization: Bearer <token>.*sites rotate-read-token locked/);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="heatfunnel"');
  });

  it('refuses a wrong token', async () => {
    const { status, body, response } = await pages('locked', newReadToken());
    expect(status).toBe(401);
    expect(body.error).toBe('read_token_invalid');
    expect(response.headers.get('www-authenticate')).toContain('error="invalid_token"');
  });

  it('answers a locked site with its token, and an open site without one', async () => {
    const locked = await pages('locked', TOKEN);
    expect(locked.status).toBe(200);
    expect(locked.body.pages.map((p: { pageKey: string }) => p.pageKey).sort()).toEqual(['/', '/cart']);
    const open = await pages('open');
    expect(open.status).toBe(200);
    expect(open.body.pages).toHaveLength(2);
  });

  it('guards funnels by the site in the body, and cohorts by their funnel site', async () => {
    const post = (path: string, body: unknown, token?: string) =>
      app.request(path, {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json', ...auth(token) },
      });
    expect((await post('/api/funnel', funnel('locked'))).status).toBe(401);
    const answered = await post('/api/funnel', funnel('locked'), TOKEN);
    expect(answered.status).toBe(200);
    expect(((await answered.json()) as { steps: { entered: number }[] }).steps[0]?.entered).toBe(1);
    expect((await post('/api/funnel/dropoffs', { funnel: funnel('locked'), step: 1 })).status).toBe(401);
    expect((await post('/api/funnel', funnel('open'))).status).toBe(200);
    // An open site's heatmap segmented by a locked site's funnel cohort needs the locked site's token.
    const cohort = encodeURIComponent(JSON.stringify({ funnel: funnel('locked'), reached: 1 }));
    const heat = `/api/heatmap/clicks?site=open&page=/&from=${today}&to=${today}&cohort=${cohort}`;
    expect((await get(heat)).status).toBe(401);
    expect((await get(heat, TOKEN)).status).toBe(200);
  });

  it('lists open sites, plus the sites the token opens; a token that opens nothing is refused', async () => {
    expect((await get('/api/sites')).body).toEqual({
      sites: [{ key: 'open', name: 'Open shop' }],
      locked: 1,
    });
    expect((await get('/api/sites', TOKEN)).body).toEqual({
      sites: [
        { key: 'locked', name: 'Locked shop' },
        { key: 'open', name: 'Open shop' },
      ],
      locked: 0,
    });
    const wrong = await get('/api/sites', 'rt_nope');
    expect(wrong.status).toBe(401);
    expect(wrong.body.message).toMatch(/opens no site/);
  });

  // Last: it opens the locked site. A viewer keeps sending the token it was given; once the
  // operator clears it (`sites clear-read-token`) nothing is locked and the token is harmless.
  it('lists every site for a kept token once no site is locked any more', async () => {
    const locked = await registry.find('locked');
    if (!locked) throw new Error('the locked site is missing');
    await registry.save({ ...locked, readTokenHash: '' });
    for (const token of [TOKEN, 'rt_nope']) {
      const { status, body } = await get('/api/sites', token);
      expect(status).toBe(200);
      expect(body).toEqual({
        sites: [
          { key: 'locked', name: 'Locked shop' },
          { key: 'open', name: 'Open shop' },
        ],
        locked: 0,
      });
    }
    expect((await pages('locked', TOKEN)).status).toBe(200);
  });

  it('reads only a well-formed bearer header', () => {
    expect(bearerToken('Bearer rt_abc')).toBe('rt_abc');
    expect(bearerToken('bearer  rt_abc ')).toBe('rt_abc');
    expect(bearerToken('Basic dXNlcg==')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});
