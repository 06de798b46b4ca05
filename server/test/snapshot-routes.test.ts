/**
 * The snapshot routes on the real app and the embedded engine: the script route answers the
 * entry only when a snapshot is wanted (rate, recent snapshot, one visitor at a time), and
 * the upload route stores a checked upload once per hash, refusing bad ones with clear 4xx.
 */

import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { fnv1a, LIMITS, MAX_SNAPSHOT_BYTES, type SnapshotUpload } from '@heatfunnel/sdk/protocol';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, SDK_DIST } from '../src/app.js';
import { snapshotPolicy } from '../src/ingest/snapshot-policy.js';
import { snapshotRoutes } from '../src/ingest/snapshot-routes.js';
import { snapshotStore } from '../src/ingest/snapshot-store.js';
import { silentLogger } from '../src/log.js';
import { siteRegistry } from '../src/store/sites.js';
import { tree } from './helpers/snapshot-tree.js';
import { freshStore, rows, type TestStore } from './helpers/store.js';

const ENTRY = join(SDK_DIST, 'heatfunnel-snapshot.js');
let db: TestStore;
let app: ReturnType<typeof createApp>;
/** The snapshot routes alone with a generous upload rate: every refusal gets past the limiter. */
let unlimited: Hono;

beforeAll(async () => {
  if (!existsSync(ENTRY))
    throw new Error('the SDK is not built: run `node sdk/build.mjs` (npm test builds it)');
  db = await freshStore([
    { key: 'shop', name: 'Shop', origins: ['https://shop.example'] },
    { key: 'off', name: 'No snapshots', origins: [], snapshotRate: 0 },
    { key: 'gz', name: 'Gzip', origins: [] },
    { key: 'flood', name: 'Flood', origins: [] },
    { key: 'junk', name: 'Junk', origins: [] },
    { key: 'keys', name: 'Keys', origins: [] },
    { key: 'many', name: 'Many pages', origins: [] },
  ]);
  const sites = siteRegistry(db.store);
  app = createApp({ store: db.store, sites, log: silentLogger });
  const store = snapshotStore(db.store);
  unlimited = new Hono().route(
    '/',
    snapshotRoutes({ sites, store, policy: snapshotPolicy({ store }), entryFile: ENTRY, uploadRate: 1_000 }),
  );
});
afterAll(() => db.cleanup());

const script = (query: string, referer = 'https://shop.example/p/1') =>
  app.request(`/v1/snapshot.js?${query}`, { headers: { Referer: referer } });

const upload = (extra: Partial<SnapshotUpload> = {}, sn: unknown = tree('Shoes')): SnapshotUpload => ({
  k: 'shop',
  v: 1,
  pk: '/p/:id',
  url: 'https://shop.example/p/1',
  dc: 'desktop',
  vw: 1280,
  vh: 800,
  dw: 1280,
  dh: 2400,
  h: fnv1a(JSON.stringify(sn)),
  ts: Date.now(),
  sn,
  ...extra,
});

const post = (
  body: BodyInit,
  {
    query = '',
    headers = {},
    to = app,
  }: { query?: string; headers?: Record<string, string>; to?: Pick<Hono, 'request'> } = {},
) =>
  to.request(`/v1/snapshot${query}`, {
    method: 'POST',
    body,
    headers: { 'Content-Type': 'text/plain', Origin: 'https://shop.example', ...headers },
  });

const stored = (pageKey: string) =>
  rows<{ hash: string; device: string; url: string; doc_height: number; body: string }>(
    db.store,
    `SELECT hash, device, url, doc_height, body FROM ${db.store.table('snapshots')} WHERE page_key = {pageKey:String} ORDER BY received_at`,
    { pageKey },
  );

describe('GET /v1/snapshot.js', () => {
  it('answers the entry to the first page view of a page and device class, then an empty cacheable script', async () => {
    const first = await script('k=shop&vw=1280&pk=%2Fcart');
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toMatch(/javascript/);
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(await first.text()).toBe(readFileSync(ENTRY, 'utf8'));

    // Another visitor meanwhile: the first one's snapshot is on its way.
    const second = await script('k=shop&vw=1400&pk=%2Fcart');
    expect(second.status).toBe(200);
    expect(await second.text()).toBe('');
    expect(second.headers.get('cache-control')).toBe('public, max-age=300');

    // Another device class of the same page is its own backdrop; gzipped when the browser takes it.
    const mobile = await app.request('/v1/snapshot.js?k=shop&vw=390&pk=%2Fcart', {
      headers: { Referer: 'https://shop.example/cart', 'Accept-Encoding': 'gzip, deflate, br' },
    });
    expect(mobile.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await mobile.arrayBuffer())).toString('utf8')).toBe(
      readFileSync(ENTRY, 'utf8'),
    );
  });

  it('asks nothing of a site with snapshot rate 0, nor for a page with a recent snapshot', async () => {
    expect(await (await script('k=off&vw=1280&pk=%2Fcart', 'https://any.example/')).text()).toBe('');
    expect((await post(JSON.stringify(upload({ pk: '/fresh' })))).status).toBe(200);
    expect(await (await script('k=shop&vw=1280&pk=%2Ffresh')).text()).toBe('');
  });

  it('refuses bad parameters, unknown keys and foreign pages with reasons', async () => {
    const bad = async (query: string, referer?: string) => {
      const response = await script(query, referer);
      return { status: response.status, ...((await response.json()) as { error: string; field?: string }) };
    };
    expect(await bad('vw=1280&pk=%2F')).toMatchObject({ status: 400, field: 'k' });
    expect(await bad('k=shop&vw=1280')).toMatchObject({ status: 400, field: 'pk' });
    expect(await bad('k=shop&vw=wide&pk=%2F')).toMatchObject({ status: 400, field: 'vw' });
    expect(await bad('k=nope&vw=1280&pk=%2F')).toMatchObject({ status: 401, error: 'unknown_site' });
    expect(await bad('k=shop&vw=1280&pk=%2F', 'https://evil.example/x')).toMatchObject({
      status: 403,
      error: 'origin_not_allowed',
    });
  });

  it("answers a flood of made-up page keys with empty scripts once the site's query budget is spent", async () => {
    // Each unseen page key costs a store query; the budget is 10 a second per site, bursts of 20.
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        Promise.resolve(script(`k=many&vw=1280&pk=%2Fmade-up-${i}`, 'https://any.example/')).then((r) =>
          r.text(),
        ),
      ),
    );
    const entries = answers.filter((text) => text.length > 0).length;
    expect(entries).toBeGreaterThanOrEqual(20);
    expect(answers.length - entries).toBeGreaterThanOrEqual(10);
    // Another site's pages are still asked for.
    expect(await (await script('k=shop&vw=1280&pk=%2Fafter-flood')).text()).not.toBe('');
  });
});

describe('POST /v1/snapshot', () => {
  it('stores an upload with its sizes and tree, once per hash', async () => {
    const body = JSON.stringify(upload({ pk: '/p/:id' }));
    const response = await post(body);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ stored: true });
    expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(await (await post(body)).json()).toEqual({ stored: false });

    const [row, ...more] = await stored('/p/:id');
    expect(more).toEqual([]);
    expect(row).toMatchObject({ device: 'desktop', url: 'https://shop.example/p/1', doc_height: 2400 });
    expect(JSON.parse(row?.body ?? '')).toEqual(tree('Shoes'));
    expect(row?.hash).toBe(fnv1a(JSON.stringify(tree('Shoes'))));

    // The page changed: a second hash is a second snapshot.
    expect(await (await post(JSON.stringify(upload({ pk: '/p/:id' }, tree('Boots'))))).json()).toEqual({
      stored: true,
    });
    expect((await stored('/p/:id')).map((r) => r.hash)).toHaveLength(2);
  });

  it('takes gzip marked by ?gz=1, and refuses what expands past the size or ratio limit', async () => {
    const gz = gzipSync(JSON.stringify(upload({ k: 'gz', pk: '/gz' })));
    expect((await post(gz, { query: '?gz=1' })).status).toBe(200);
    expect(await stored('/gz')).toHaveLength(1);

    const refusal = async (body: BodyInit) => {
      const response = await post(body, { query: '?gz=1' });
      return { status: response.status, ...((await response.json()) as { error: string; message: string }) };
    };
    // Random hex compresses about 2:1, so this is no bomb, only too large a page.
    const large = gzipSync(
      `{"k":"gz","pad":"${randomBytes(MAX_SNAPSHOT_BYTES / 2 + 1024).toString('hex')}"}`,
    );
    expect(large.length).toBeLessThan(MAX_SNAPSHOT_BYTES);
    expect(await refusal(large)).toMatchObject({
      status: 413,
      error: 'body_too_large',
      message: expect.stringMatching(/expands past 4194304 bytes/),
    });
    // A small body that inflates a hundredfold is refused as a bomb before it is inflated in full.
    const bomb = gzipSync(`{"k":"gz","pad":"${' '.repeat(MAX_SNAPSHOT_BYTES - 64)}"}`);
    expect(bomb.length * LIMITS.maxCompressionRatio).toBeLessThan(MAX_SNAPSHOT_BYTES);
    expect(await refusal(bomb)).toMatchObject({
      status: 413,
      error: 'body_too_large',
      message: expect.stringMatching(/expands more than 100x/),
    });

    expect(await refusal('not gzip')).toMatchObject({
      status: 400,
      error: 'invalid_gzip',
    });
  });

  it('refuses an unknown write key before reading the rest of the body', async () => {
    const refusal = async (body: BodyInit, query = '') => {
      const response = await post(body, { query });
      return { status: response.status, ...((await response.json()) as { error: string; field?: string }) };
    };
    const unknown = { status: 401, error: 'unknown_site', field: 'k' };
    // Not JSON after the key: without a known key nothing past the first field is read.
    expect(await refusal('{"k":"nope", this is not JSON')).toMatchObject(unknown);
    expect(await refusal('this is not JSON either', '?k=nope')).toMatchObject(unknown);
    expect(await refusal(gzipSync('{"k":"nope", not JSON'), '?gz=1')).toMatchObject(unknown);
    // A gzip bomb with an unknown key is refused by the key, for the price of a few kilobytes.
    expect(
      await refusal(gzipSync(`{"k":"nope","pad":"${' '.repeat(MAX_SNAPSHOT_BYTES - 64)}"}`), '?gz=1'),
    ).toMatchObject(unknown);
    // With a known key the body is read, and its faults named.
    expect(await refusal('{"k":"keys", this is not JSON')).toMatchObject({
      status: 400,
      error: 'invalid_json',
    });
    // No key where it can be found without parsing.
    expect(await refusal(JSON.stringify({ v: 1, k: 'keys' }))).toMatchObject({
      status: 400,
      error: 'missing_field',
      field: 'k',
    });
    // ?k= names the site; a body naming another one is not stored under it.
    expect(await refusal(JSON.stringify(upload({ k: 'nope' })), '?k=keys')).toMatchObject({
      status: 400,
      field: 'k',
    });
    const byQuery = await post(JSON.stringify(upload({ k: 'keys', pk: '/by-query' })), { query: '?k=keys' });
    expect(byQuery.status).toBe(200);
  });

  it("takes from the site's upload rate before parsing, so junk bodies cannot be sent without limit", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await post('{"k":"junk", not JSON')).status);
    // 4 from the burst get as far as the parser (400); the rest are refused before it.
    expect(statuses.slice(0, 4)).toEqual([400, 400, 400, 400]);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(3);
  });

  it('names the field to blame in bad uploads', async () => {
    const refusal = async (body: BodyInit, headers: Record<string, string> = {}) => {
      const response = await post(body, { headers, to: unlimited });
      return { status: response.status, ...((await response.json()) as { error: string; field?: string }) };
    };
    const { sn: _sn, ...noTree } = upload();
    expect(await refusal(JSON.stringify(noTree))).toMatchObject({
      status: 400,
      error: 'missing_field',
      field: 'sn',
    });
    expect(await refusal(JSON.stringify(upload({ dc: 'watch' as 'desktop' })))).toMatchObject({
      field: 'dc',
    });
    expect(await refusal(JSON.stringify(upload({ h: '00000000' })))).toMatchObject({
      status: 400,
      field: 'h',
    });
    expect(await refusal(JSON.stringify(upload({ v: 9 })))).toMatchObject({ error: 'unsupported_version' });
    expect(await refusal(JSON.stringify(upload({ ts: Date.now() - 30 * 86_400_000 })))).toMatchObject({
      field: 'ts',
    });
    expect(await refusal(JSON.stringify(upload({}, { type: 2, tagName: 'div' })))).toMatchObject({
      field: 'sn',
    });
    expect(await refusal('{"k":"shop",')).toMatchObject({ status: 400, error: 'invalid_json' });
    expect(await refusal('{}', { 'Content-Type': 'image/png' })).toMatchObject({
      status: 415,
      error: 'unsupported_media_type',
    });
    expect(await refusal('x'.repeat(MAX_SNAPSHOT_BYTES + 1))).toMatchObject({
      status: 413,
      error: 'body_too_large',
    });
    expect(await refusal(JSON.stringify(upload({ k: 'nope' })))).toMatchObject({
      status: 401,
      error: 'unknown_site',
    });
    expect(await refusal(JSON.stringify(upload()), { Origin: 'https://evil.example' })).toMatchObject({
      status: 403,
      error: 'origin_not_allowed',
    });
    expect(await refusal(JSON.stringify(upload({ k: 'off' })))).toMatchObject({
      status: 403,
      error: 'snapshots_off',
    });
  });

  it('limits uploads per site (2 a second, bursts of 4) with Retry-After', async () => {
    // All at once: the bucket holds 4, and refills far slower than these arrive.
    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, i) => post(JSON.stringify(upload({ k: 'flood', pk: `/page-${i}` })))),
    );
    const statuses = responses.map((r) => r.status);
    expect(new Set(statuses)).toEqual(new Set([200, 429]));
    // 4 from the burst, a fifth only if half a second passed while they arrived.
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(4);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(3);
    const limited = responses.find((r) => r.status === 429);
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await limited?.json()).toMatchObject({ error: 'rate_limited' });
  });

  it('answers a CORS preflight for the page origin', async () => {
    const response = await app.request('/v1/snapshot', {
      method: 'OPTIONS',
      headers: { Origin: 'https://shop.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.example');
  });
});
