/** POST /api/funnel and /api/funnel/dropoffs over HTTP: the answer's shape and clear 400s. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { silentLogger } from '../src/log.js';
import { siteRegistry } from '../src/store/sites.js';
import { batch, pageview } from './helpers/events.js';
import { freshStore, type TestStore } from './helpers/store.js';

let db: TestStore;
let app: ReturnType<typeof createApp>;
const now = Date.now() - 3_600_000;
const today = new Date(now).toISOString().slice(0, 10);

const funnel = {
  site: 'shop',
  from: today,
  to: today,
  steps: [{ match: { kind: 'pageview', pageKey: '/' } }, { match: { kind: 'pageview', pageKey: '/cart' } }],
  breakdown: { by: 'channel' },
};

beforeAll(async () => {
  db = await freshStore([{ key: 'shop', name: 'Shop', origins: [] }]);
  app = createApp({ store: db.store, sites: siteRegistry(db.store), log: silentLogger });
  const visit = (a: string, ch: string, pk: string, at: number) =>
    pageview(now + at * 1000, { a, ch, pk, s: `${a}-s`, url: `http://shop${pk}` });
  const response = await app.request('/v1/batch', {
    method: 'POST',
    body: batch(
      [
        visit('v1', 'wechat', '/', 0),
        visit('v1', 'wechat', '/cart', 20),
        visit('v2', 'wechat', '/', 0),
        visit('v2', 'wechat', '/list', 5),
        visit('v3', 'baidu', '/', 0),
      ],
      'shop',
    ),
  });
  expect(response.status).toBe(200);
});
afterAll(() => db.cleanup());

const post = async (path: string, body: unknown) => {
  const response = await app.request(path, { method: 'POST', body: JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
};

describe('POST /api/funnel', () => {
  it('answers steps, breakdown, time to convert and the daily trend in one go', async () => {
    const { status, body } = await post('/api/funnel', funnel);
    expect(status).toBe(200);
    expect(body.steps.map((s: { entered: number }) => s.entered)).toEqual([3, 1]);
    expect(body.breakdown).toEqual([
      {
        value: 'wechat',
        steps: [expect.objectContaining({ entered: 2 }), expect.objectContaining({ entered: 1 })],
      },
      {
        value: 'baidu',
        steps: [expect.objectContaining({ entered: 1 }), expect.objectContaining({ entered: 0 })],
      },
    ]);
    expect(body.timeToConvert.steps).toEqual([expect.objectContaining({ step: 2, medianSeconds: 20 })]);
    expect(body.trend).toEqual({
      interval: 'day',
      points: [{ period: today, entered: 3, converted: 1, rate: 1 / 3 }],
    });
  });

  it('explains what is wrong with a funnel', async () => {
    const bad = await post('/api/funnel', { ...funnel, steps: [funnel.steps[0]] });
    expect(bad).toMatchObject({ status: 400, body: { error: 'invalid_parameter' } });
    expect(bad.body.message).toMatch(/steps must be an array of 2 to 20 steps/);
    const notJson = await app.request('/api/funnel', { method: 'POST', body: '{' });
    expect(notJson.status).toBe(400);
  });
});

describe('POST /api/funnel/dropoffs', () => {
  it('names who left after a step and what they did next', async () => {
    const { status, body } = await post('/api/funnel/dropoffs', { funnel, step: 1 });
    expect(status).toBe(200);
    expect(body.count).toBe(2);
    expect([...body.visitors].sort()).toEqual(['v2', 'v3']);
    expect(body.next).toEqual([
      { event: '(nothing)', count: 1 },
      { event: 'pageview /list', count: 1 },
    ]);
  });

  it('refuses the last step, which has no drop-offs', async () => {
    const { status, body } = await post('/api/funnel/dropoffs', { funnel, step: 2 });
    expect(status).toBe(400);
    expect(body.message).toMatch(/step must be a step number from 1 to 1/);
  });
});
