import { describe, expect, it } from 'vitest';
import type { Batch, WireEvent } from '../protocol';
import { createGuard } from './guard';
import { backoff, createOutbox, RETRY_MAX_MS } from './outbox';
import type { KeyValueStore, Platform, SendResult } from './platform';

const event = (n: number, ts = 1_000_000): WireEvent => ({
  id: `0190a6f0-0000-7000-8000-${String(n).padStart(12, '0')}`,
  t: 'custom',
  n: `e${n}`,
  ts,
  a: 'a',
  s: 's',
  p: 'web',
  url: 'https://s.example/',
  pk: '/',
  vw: 1,
  vh: 1,
  dw: 1,
  dh: 1,
});

/** A platform on a manual clock whose server answers with `answers` in turn (then 200). */
function fakePlatform(store = new Map<string, string>()) {
  const sent: { names: string[]; final: boolean }[] = [];
  const answers: SendResult[] = [];
  const timers: { at: number; fn: () => void }[] = [];
  let now = 1_000_000;
  let online = true;
  const storage: KeyValueStore = {
    get: (k) => store.get(k) ?? null,
    set: (k, v) => void store.set(k, v),
    remove: (k) => void store.delete(k),
  };
  const platform: Platform = {
    name: 'web',
    storage,
    send: async (_url, body, final) => {
      sent.push({ names: (JSON.parse(body) as Batch).e.map((e) => (e as { n: string }).n), final });
      return answers.shift() ?? { status: final ? 202 : 200 };
    },
    now: () => now,
    random16: () => crypto.getRandomValues(new Uint16Array(5)),
    setTimer: (fn, ms) => timers.push({ at: now + ms, fn }),
    clearTimer: () => {
      timers.length = 0;
    },
    onHide: () => {},
    page: () => ({ url: '', referrer: '', vw: 1, vh: 1, dw: 1, dh: 1 }),
    online: () => online,
  };
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  return {
    platform,
    store,
    sent,
    answers,
    setOnline: (value: boolean) => {
      online = value;
    },
    /** Advances the clock by `ms`, running due timers, and lets answers arrive. */
    async tick(ms: number) {
      now += ms;
      for (const t of timers.filter((t) => t.at <= now)) {
        timers.splice(timers.indexOf(t), 1);
        t.fn();
      }
      await settle();
    },
    nextTimerIn: () => (timers[0] ? timers[0].at - now : undefined),
    settle,
  };
}

const outboxOn = (fake: ReturnType<typeof fakePlatform>, max = 100) =>
  createOutbox({
    platform: fake.platform,
    endpoint: 'https://hf',
    site: 'demo',
    guard: createGuard(false),
    max,
    debug: false,
  });

describe('outbox', () => {
  it('retries after the server’s Retry-After, keeping the order, and sends each event once it is taken', async () => {
    const fake = fakePlatform();
    fake.answers.push({ status: 503, retryAfterMs: 30_000 });
    const outbox = outboxOn(fake);
    outbox.push([event(1), event(2)]);
    outbox.pump();
    await fake.settle();
    expect(fake.nextTimerIn()).toBe(30_000);
    outbox.push([event(3)]);
    outbox.pump(); // waits for the retry timer
    await fake.tick(29_999);
    expect(fake.sent).toHaveLength(1);
    await fake.tick(1);
    expect(fake.sent.map((s) => s.names)).toEqual([
      ['e1', 'e2'],
      ['e1', 'e2', 'e3'],
    ]);
    expect(fake.store.has('hf_q')).toBe(false);
  });

  it('backs off exponentially with jitter when no Retry-After is given, up to a cap', async () => {
    expect([1, 2, 3, 4].map((n) => backoff(n, () => 0.5))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoff(2, () => 0)).toBe(1500);
    expect(backoff(2, () => 1)).toBe(2500);
    expect(backoff(40, () => 0.5)).toBe(RETRY_MAX_MS);
    const fake = fakePlatform();
    fake.answers.push({ status: 0 }, { status: 429 });
    const outbox = outboxOn(fake);
    outbox.push([event(1)]);
    outbox.pump();
    await fake.settle();
    expect(fake.nextTimerIn()).toBeGreaterThanOrEqual(750);
    expect(fake.nextTimerIn()).toBeLessThanOrEqual(1250);
    await fake.tick(1250);
    expect(fake.nextTimerIn()).toBeGreaterThanOrEqual(1500);
    expect(fake.nextTimerIn()).toBeLessThanOrEqual(2500);
  });

  it('drops a batch the server refuses as bad (4xx) instead of retrying it forever', async () => {
    const fake = fakePlatform();
    fake.answers.push({ status: 400 });
    const outbox = outboxOn(fake);
    outbox.push([event(1)]);
    outbox.pump();
    await fake.settle();
    expect(fake.nextTimerIn()).toBeUndefined();
    expect(fake.store.has('hf_q')).toBe(false);
  });

  it('persists what is unsent, so the next page load sends it, skipping events too old for the server', async () => {
    const fake = fakePlatform();
    fake.answers.push({ status: 503 });
    const first = outboxOn(fake);
    first.push([event(1), event(2, 1_000_000 - 8 * 24 * 3600 * 1000)]);
    first.pump();
    await fake.settle();
    const next = fakePlatform(fake.store);
    outboxOn(next).pump();
    await next.settle();
    expect(next.sent.map((s) => s.names)).toEqual([['e1']]);
    expect(next.store.has('hf_q')).toBe(false);
  });

  it('keeps at most `max` events, dropping the oldest and counting them across loads', () => {
    const fake = fakePlatform();
    fake.setOnline(false);
    const outbox = outboxOn(fake, 3);
    outbox.push([event(1), event(2)]);
    outbox.push([event(3), event(4), event(5)]);
    outbox.push([event(6)]);
    const kept = (JSON.parse(fake.store.get('hf_q') ?? '[]') as { n: string }[]).map((e) => e.n);
    expect(kept).toEqual(['e4', 'e5', 'e6']);
    expect(fake.store.get('hf_qd')).toBe('3');
  });

  it('sends nothing while offline and everything once back online', async () => {
    const fake = fakePlatform();
    fake.setOnline(false);
    const outbox = outboxOn(fake);
    outbox.push([event(1)]);
    outbox.pump();
    outbox.final();
    await fake.settle();
    expect(fake.sent).toEqual([]);
    fake.setOnline(true);
    outbox.retry();
    await fake.settle();
    expect(fake.sent).toEqual([{ names: ['e1'], final: false }]);
  });

  it('beacons what waits at page hide and forgets it, unless the server was failing', async () => {
    const fake = fakePlatform();
    const outbox = outboxOn(fake);
    outbox.push([event(1)]);
    outbox.final();
    await fake.settle();
    expect(fake.sent).toEqual([{ names: ['e1'], final: true }]);
    expect(fake.store.has('hf_q')).toBe(false);

    const failing = fakePlatform();
    failing.answers.push({ status: 503 });
    const down = outboxOn(failing);
    down.push([event(2)]);
    down.pump();
    await failing.settle();
    down.final();
    await failing.settle();
    expect(failing.sent.map((s) => s.final)).toEqual([false, true]);
    expect(failing.store.has('hf_q')).toBe(true);
  });

  it('beacons at page hide also the events of a request still under way, and forgets each once', async () => {
    const fake = fakePlatform();
    const outbox = outboxOn(fake);
    outbox.push([event(1)]);
    outbox.pump(); // under way: its answer comes after the page hid
    outbox.push([event(2)]);
    outbox.final();
    await fake.settle();
    expect(fake.sent).toEqual([
      { names: ['e1'], final: false },
      { names: ['e1', 'e2'], final: true },
    ]);
    expect(fake.store.has('hf_q')).toBe(false);
  });
});
