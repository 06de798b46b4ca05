/**
 * When the server asks for a snapshot, on the embedded engine with a controlled clock and
 * dice: the site's rate, one visitor at a time per page and device class, and none while a
 * snapshot younger than `freshDays` is stored.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemoSnapshots } from '../src/demo/demo-snapshots.js';
import { DEMO_PAGES } from '../src/demo/layout.js';
import { snapshotPolicy } from '../src/ingest/snapshot-policy.js';
import { snapshotStore } from '../src/ingest/snapshot-store.js';
import { freshStore, type TestStore } from './helpers/store.js';

let db: TestStore;
beforeAll(async () => {
  db = await freshStore([]);
});
afterAll(() => db.cleanup());

const DAY = 86_400_000;
const key = (pageKey: string) => ({ site: 'shop', pageKey, device: 'desktop' as const });

it('asks as often as the rate says, one visitor at a time, and not while a recent snapshot exists', async () => {
  let now = Date.parse('2026-11-20T12:00:00Z');
  let dice = 0.5;
  const store = snapshotStore(db.store);
  const policy = snapshotPolicy({ store, holdMs: 60_000, cacheMs: 0, random: () => dice, now: () => now });

  expect(await policy.wants(key('/a'), 0.4)).toBe(false); // the dice (0.5) missed the rate
  expect(await policy.wants(key('/a'), 0)).toBe(false);
  expect(await policy.wants(key('/a'), 0.6)).toBe(true);
  dice = 0;
  expect(await policy.wants(key('/a'), 1)).toBe(false); // someone was asked a moment ago
  expect(await policy.wants(key('/b'), 1)).toBe(true); // another page is its own
  expect(await policy.wants({ ...key('/a'), device: 'mobile' }, 1)).toBe(true);
  now += 61_000;
  expect(await policy.wants(key('/a'), 1)).toBe(true); // the first one never sent: ask again

  // A stored snapshot keeps the page from being asked for 7 days.
  await store.save(
    'shop',
    {
      k: 'shop',
      v: 1,
      pk: '/a',
      url: 'https://shop.example/a',
      dc: 'desktop',
      vw: 1280,
      vh: 800,
      dw: 1280,
      dh: 2000,
      h: '00000000',
      ts: now,
      sn: {},
    },
    '{}',
    now,
  );
  now += 61_000;
  expect(await policy.wants(key('/a'), 1)).toBe(false);
  now += 6 * DAY;
  expect(await policy.wants(key('/a'), 1)).toBe(false);
  now += DAY;
  expect(await policy.wants(key('/a'), 1)).toBe(true);
});

it('with freshDays 0 (the demo) asks again once the hold is over, even with a snapshot stored', async () => {
  let now = Date.parse('2026-11-20T12:00:00Z');
  const store = snapshotStore(db.store);
  const policy = snapshotPolicy({ store, freshDays: 0, holdMs: 60_000, random: () => 0, now: () => now });
  expect(await policy.wants(key('/demo'), 1)).toBe(true);
  policy.stored(key('/demo'));
  expect(await policy.wants(key('/demo'), 1)).toBe(false);
  now += 60_000;
  expect(await policy.wants(key('/demo'), 1)).toBe(true);
});

it('forgets the least recently used pages first when full, keeping the hold of the others', async () => {
  const now = Date.parse('2026-11-20T12:00:00Z');
  const store = snapshotStore(db.store);
  const policy = snapshotPolicy({ store, maxEntries: 2, random: () => 0, now: () => now });
  expect(await policy.wants(key('/one'), 1)).toBe(true);
  expect(await policy.wants(key('/two'), 1)).toBe(true);
  expect(await policy.wants(key('/three'), 1)).toBe(true);
  // '/two' was asked a moment ago and is still remembered: its visitor's upload is on its way.
  expect(await policy.wants(key('/two'), 1)).toBe(false);
  expect(await policy.wants(key('/three'), 1)).toBe(false);
  // '/one', the oldest, made room; it may be asked again.
  expect(await policy.wants(key('/one'), 1)).toBe(true);
});

it('answers no without claiming the page when a store query is not allowed', async () => {
  const now = Date.parse('2026-11-20T12:00:00Z');
  const store = snapshotStore(db.store);
  const policy = snapshotPolicy({ store, random: () => 0, now: () => now });
  let queries = 0;
  const budget = (left: number) => () => queries++ < left;
  expect(await policy.wants(key('/flooded'), 1, budget(0))).toBe(false);
  expect(queries).toBe(1);
  // Not held by the refused attempt: the next page view with budget left is asked.
  queries = 0;
  expect(await policy.wants(key('/flooded'), 1, budget(1))).toBe(true);
  // A page whose answer is cached costs no query: the budget is not asked.
  await store.save(
    'shop',
    {
      k: 'shop',
      v: 1,
      pk: '/cached',
      url: 'https://shop.example/cached',
      dc: 'desktop',
      vw: 1280,
      vh: 800,
      dw: 1280,
      dh: 2000,
      h: '00000001',
      ts: now,
      sn: {},
    },
    '{}',
    now,
  );
  queries = 0;
  expect(await policy.wants(key('/cached'), 1, budget(1))).toBe(false);
  expect(queries).toBe(1);
  expect(await policy.wants(key('/cached'), 1, budget(0))).toBe(false);
  expect(queries).toBe(1);
});

it("counts the demo's seeded snapshots as received at seed time, like uploads", async () => {
  let now = Date.parse('2026-11-20T12:00:00.123Z');
  const store = snapshotStore(db.store);
  expect(await seedDemoSnapshots(db.store, { now })).toBeGreaterThan(0);
  const page = { site: 'demo', pageKey: DEMO_PAGES[0]?.pageKey ?? '/', device: 'mobile' as const };
  expect((await store.latest(page)).at).toBe(now);
  const policy = snapshotPolicy({ store, random: () => 0, now: () => now });
  expect(await policy.wants(page, 1)).toBe(false);
  now += 7 * DAY;
  expect(await policy.wants(page, 1)).toBe(true);
});
