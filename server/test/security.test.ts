/**
 * Security answers of the batch endpoint, each with a clear body: wrong key 401, foreign
 * Origin 403 (and a correct CORS preflight), oversize 413, rate limit 429 with Retry-After.
 */
import { LIMITS } from '@heatfunnel/sdk/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { silentLogger } from '../src/log.js';
import { siteRegistry } from '../src/store/sites.js';
import { batch, pageview } from './helpers/events.js';
import { freshStore, type TestStore } from './helpers/store.js';

let db: TestStore;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  db = await freshStore([
    { key: 'shop', name: 'Shop', origins: ['https://shop.example', 'https://*.cdn.example'] },
    { key: 'slow', name: 'Slow', origins: [], rateLimit: 2 },
    { key: 'rotated', name: 'Rotated', origins: [], writeKey: 'wk_new' },
  ]);
  app = createApp({ store: db.store, sites: siteRegistry(db.store), log: silentLogger });
});
afterAll(() => db.cleanup());

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  app.request('/v1/batch', { method: 'POST', body, headers: { 'Content-Type': 'text/plain', ...headers } });
const answer = async (response: Response) => ({
  status: response.status,
  body: (await response.json()) as { error: string; message: string },
});

describe('batch endpoint security', () => {
  it('answers a wrong write key with 401 and says where the key goes', async () => {
    const { status, body } = await answer(await post(batch([pageview()], 'nope')));
    expect(status).toBe(401);
    expect(body.error).toBe('unknown_site');
    expect(body.message).toMatch(/hf\('init'/);
    // After rotation only the new write key works; events keep the stable site key.
    expect((await post(batch([pageview()], 'rotated'))).status).toBe(401);
    expect((await post(batch([pageview()], 'wk_new'))).status).toBe(200);
  });

  it('answers a foreign Origin with 403 and lets listed origins and non-browsers in', async () => {
    const foreign = await answer(await post(batch([pageview()], 'shop'), { Origin: 'https://evil.example' }));
    expect(foreign.status).toBe(403);
    expect(foreign.body.error).toBe('origin_not_allowed');
    expect(foreign.body.message).toMatch(/sites add shop --origin/);
    expect((await post(batch([pageview()], 'shop'), { Origin: 'https://shop.example' })).status).toBe(200);
    expect((await post(batch([pageview()], 'shop'), { Origin: 'https://img.cdn.example' })).status).toBe(200);
    expect((await post(batch([pageview()], 'shop'), { Origin: 'https://cdn.example.evil' })).status).toBe(
      403,
    );
    expect((await post(batch([pageview()], 'shop'))).status).toBe(200);
  });

  it('answers a CORS preflight for the page origin', async () => {
    const response = await app.request('/v1/batch', {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://shop.example',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('access-control-allow-headers')).toBe('content-type');
  });

  it('answers an oversize body with 413 and says to send smaller batches', async () => {
    const { status, body } = await answer(await post('x'.repeat(LIMITS.maxBodyBytes + 1)));
    expect(status).toBe(413);
    expect(body).toMatchObject({ error: 'body_too_large' });
    expect(body.message).toMatch(/smaller batches/);
  });

  it('answers a site over its rate with 429 and Retry-After', async () => {
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i < 10; i++) {
      const response = await post(batch([pageview()], 'slow'));
      statuses.push(response.status);
      if (response.status === 429) limited = response;
    }
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(4);
    expect(limited).toBeDefined();
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const body = await limited?.json();
    expect(body).toMatchObject({ error: 'rate_limited' });
    expect(body.message).toMatch(/retry after/);
    // Other sites are not limited by it.
    expect((await post(batch([pageview()], 'shop'))).status).toBe(200);
  });
});
