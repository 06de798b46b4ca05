/**
 * Funnels on hand-made visitors whose answers are worked out by hand in the comments.
 * Steps: 1 home page view, 2 product page view, 3 add_to_cart step, 4 order step.
 */
import { randomUUID } from 'node:crypto';
import type { WireEvent } from '@heatfunnel/sdk/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventRow } from '../src/ingest/event-row.js';
import { funnelDropoffs } from '../src/query/funnel/funnel-dropoffs.js';
import { type FunnelSpec, parseFunnelSpec } from '../src/query/funnel/funnel-spec.js';
import { funnelSteps } from '../src/query/funnel/funnel-steps.js';
import { funnelTimeToConvert } from '../src/query/funnel/funnel-time-to-convert.js';
import { funnelTrend } from '../src/query/funnel/funnel-trend.js';
import { writeEvents } from '../src/store/write-events.js';
import { freshStore, type TestStore } from './helpers/store.js';

let db: TestStore;
const DAY = 86_400_000;
const t0 = Math.floor(Date.now() / DAY - 4) * DAY + 10 * 3_600_000; // 10:00 UTC four days ago
const day = new Date(t0).toISOString().slice(0, 10);

type Action = [seconds: number, kind: 'home' | 'product' | 'cart' | 'order' | 'list' | 'chat' | 'coupon'];
const visitors: Record<
  string,
  { channel: string; actions: Action[]; session?: (seconds: number) => string }
> = {
  u1: {
    channel: 'wechat',
    actions: [
      [0, 'home'],
      [60, 'product'],
      [120, 'cart'],
      [300, 'order'],
    ],
  }, // 4
  u2: {
    channel: 'wechat',
    actions: [
      [0, 'home'],
      [10, 'product'],
      [20, 'list'],
    ],
  }, // 2, then the list
  u3: {
    channel: 'baidu',
    actions: [
      [0, 'home'],
      [40, 'product'],
      [2 * 86_400, 'cart'],
    ],
  }, // 2: cart outside the window
  u4: {
    channel: 'douyin',
    actions: [
      [0, 'product'],
      [30, 'home'],
    ],
  }, // 1 in order, 2 in any order
  u5: { channel: '', actions: [[0, 'home']] }, // 1
  u6: { channel: 'baidu', actions: [[0, 'product']] }, // never enters in order; 1 in any order
  u7: {
    channel: 'baidu',
    actions: [
      [0, 'home'],
      [20, 'product'],
      [25, 'coupon'],
      [100, 'cart'],
    ],
  }, // 3; strict 2
  u8: {
    channel: 'wechat',
    actions: [
      [0, 'home'],
      [30, 'product'],
      [35, 'chat'],
      [90, 'cart'],
      [200, 'order'],
    ],
  }, // 4; strict 2; excluded by chat
};

function event(visitor: string, channel: string, at: number, kind: Action[1], session: string): WireEvent {
  const base = {
    id: randomUUID(),
    ts: t0 + at * 1000,
    a: visitor,
    s: session,
    p: 'web' as const,
    url: 'http://shop/',
    pk: '/',
    ch: channel,
    vw: 1280,
    vh: 800,
    dw: 1280,
    dh: 2000,
  };
  switch (kind) {
    case 'home':
      return { ...base, t: 'pageview', pk: '/' };
    case 'product':
      return { ...base, t: 'pageview', pk: '/product/:id' };
    case 'list':
      return { ...base, t: 'pageview', pk: '/list' };
    case 'cart':
      return { ...base, t: 'step', f: 'purchase', st: 'add_to_cart', pr: { sku: 'coat' } };
    case 'order':
      return { ...base, t: 'step', f: 'purchase', st: 'order' };
    case 'chat':
      return { ...base, t: 'custom', n: 'support_chat' };
    case 'coupon':
      return { ...base, t: 'custom', n: 'coupon_error' };
  }
}

beforeAll(async () => {
  db = await freshStore([]);
  const events = Object.entries(visitors).flatMap(([visitor, { channel, actions, session }]) =>
    actions.map(([at, kind]) => event(visitor, channel, at, kind, session?.(at) ?? `${visitor}-s`)),
  );
  // u9 spreads the first two steps over two sessions: 2 as a visitor, 1 per session.
  events.push(event('u9', '', 0, 'home', 'u9-a'), event('u9', '', 600, 'product', 'u9-b'));
  await writeEvents(
    db.store,
    events.map((e) => eventRow('f', e, e.ts)),
  );
});
afterAll(() => db.cleanup());

const spec = (extra: Record<string, unknown> = {}): FunnelSpec =>
  parseFunnelSpec({
    site: 'f',
    from: day,
    to: day,
    steps: [
      { match: { kind: 'pageview', pageKey: '/' } },
      { match: { kind: 'pageview', pageKey: '/product/:id' } },
      { match: { kind: 'step', funnel: 'purchase', step: 'add_to_cart' } },
      { match: { kind: 'step', funnel: 'purchase', step: 'order' } },
    ],
    ...extra,
  });
const entered = async (s: FunnelSpec) => (await funnelSteps(db.store, s)).steps.map((step) => step.entered);

describe('funnel steps', () => {
  it('counts visitors reaching each step in order within the window', async () => {
    // u1..u5, u7, u8, u9 enter; u1 u2 u3 u7 u8 u9 view a product; u1 u7 u8 add to cart; u1 u8 order.
    const { steps } = await funnelSteps(db.store, spec());
    expect(steps.map((s) => s.entered)).toEqual([8, 6, 3, 2]);
    expect(steps[1]).toEqual({
      step: 2,
      entered: 6,
      converted: 3,
      dropped: 3,
      fromPrevious: 0.75,
      fromFirst: 0.75,
    });
    expect(steps[3]).toMatchObject({ entered: 2, converted: 2, dropped: 0, fromFirst: 0.25 });
  });

  it('breaks on any other event between steps in strict order', async () => {
    // u7's coupon error and u8's chat sit between product and cart.
    expect(await entered(spec({ order: 'strict' }))).toEqual([8, 6, 1, 1]);
  });

  it('accepts the steps in any order', async () => {
    // u4 (product, then home) reaches 2 and u6 (product only) enters.
    expect(await entered(spec({ order: 'any' }))).toEqual([9, 7, 3, 2]);
  });

  it('drops visitors who did an exclusion event between two steps', async () => {
    const excluded = spec({
      exclusions: [{ match: { kind: 'event', name: 'support_chat' }, from: 2, to: 3 }],
    });
    expect(await entered(excluded)).toEqual([7, 5, 2, 1]);
  });

  it('counts sessions instead of visitors on request', async () => {
    // u9's product view is in another session than its home view.
    expect(await entered(spec({ unit: 'session' }))).toEqual([8, 5, 3, 2]);
  });

  it('shortens with the window: 30 s keeps u2 (10 s), u7 (20 s) and u8 (30 s, inclusive) at step 2', async () => {
    expect(await entered(spec({ windowSeconds: 30 }))).toEqual([8, 3, 0, 0]);
  });

  it('filters a step by property', async () => {
    const steps = spec().steps.map((step, i) =>
      i === 2 ? { ...step, filters: [{ key: 'sku', op: 'eq' as const, value: 'boots' }] } : step,
    );
    expect(await entered({ ...spec(), steps })).toEqual([8, 6, 0, 0]);
  });

  it('breaks down by channel with top N plus other, summing to the whole funnel', async () => {
    const { steps, breakdown } = await funnelSteps(
      db.store,
      spec({ breakdown: { by: 'channel', limit: 2 } }),
    );
    const byValue = Object.fromEntries(breakdown.map((b) => [b.value, b.steps.map((s) => s.entered)]));
    // wechat: u1 u2 u8 (3 entered); no channel: u5 u9 (2) ties baidu: u3 u7 (2) and wins by name;
    // other: baidu and douyin (u4).
    expect(byValue).toEqual({ wechat: [3, 3, 2, 2], '(none)': [2, 1, 0, 0], '(other)': [3, 2, 1, 0] });
    const sums = steps.map((_, i) => breakdown.reduce((sum, b) => sum + (b.steps[i]?.entered ?? 0), 0));
    expect(sums).toEqual(steps.map((s) => s.entered));
  });

  it('ignores visitors who entered outside the date range', async () => {
    const next = new Date(t0 + DAY).toISOString().slice(0, 10);
    expect(await entered(spec({ from: next, to: next }))).toEqual([0, 0, 0, 0]);
  });
});

describe('time to convert, trend, drop-offs', () => {
  it('gives the median seconds between steps and a histogram', async () => {
    const timing = await funnelTimeToConvert(db.store, spec());
    // home → product: u1 60, u2 10, u3 40, u7 20, u8 30, u9 600 → median 35 (exact median of six)
    expect(timing[0]).toMatchObject({ step: 2 });
    expect(timing[0]?.medianSeconds).toBeGreaterThanOrEqual(30);
    expect(timing[0]?.medianSeconds).toBeLessThanOrEqual(40);
    // buckets <10, <30, <60, <300, <900, ...: 10 and 20 → "<30"; 30 and 40 → "<60"; 60 → "<300"; 600 → "<900"
    expect(timing[0]?.histogram).toEqual([0, 2, 2, 1, 1, 0, 0, 0, 0]);
    // product → cart: u1 60, u7 80, u8 60
    expect(timing[1]?.medianSeconds).toBe(60);
    expect(timing[2]).toMatchObject({ step: 4, histogram: [0, 0, 0, 2, 0, 0, 0, 0, 0] });
  });

  it('counts entries and completions per day of entry', async () => {
    expect(await funnelTrend(db.store, spec(), 'day')).toEqual([
      { period: day, entered: 8, converted: 2, rate: 0.25 },
    ]);
  });

  it('names who left after step 2 and what they did next', async () => {
    const drop = await funnelDropoffs(db.store, spec(), 2);
    expect(drop.count).toBe(3); // u2, u3, u9
    expect([...drop.visitors].sort()).toEqual(['u2', 'u3', 'u9']);
    expect(drop.next).toEqual([
      { event: '(nothing)', count: 2 },
      { event: 'pageview /list', count: 1 },
    ]);
  });
});

describe('parseFunnelSpec', () => {
  it('says which field is wrong', () => {
    expect(() => parseFunnelSpec({ site: 'f', from: day, to: day, steps: [] })).toThrow(
      /steps must be an array of 2 to 20/,
    );
    expect(() =>
      parseFunnelSpec({
        site: 'f',
        from: day,
        to: day,
        steps: [{ match: { kind: 'hover' } }, { match: {} }],
      }),
    ).toThrow(/steps\[0\]\.match\.kind must be one of/);
    expect(() => spec({ windowSeconds: 0 })).toThrow(/windowSeconds/);
  });
});
