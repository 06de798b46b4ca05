/**
 * Funnels find their events through the raw table's `event_key` column (SQL) using keys
 * made by `eventKey()` (TypeScript); the two definitions must agree for every event type.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eventRow } from '../src/ingest/event-row.js';
import type { StepMatch } from '../src/query/funnel/funnel-spec.js';
import { eventKey } from '../src/query/funnel/step-condition.js';
import { writeEvents } from '../src/store/write-events.js';
import { click, pageview } from './helpers/events.js';
import { freshStore, rows, type TestStore } from './helpers/store.js';

let db: TestStore;
beforeAll(async () => {
  db = await freshStore([]);
});
afterAll(() => db.cleanup());

it('matches the stored event key of every kind of step', async () => {
  const now = Date.now();
  const cases: [
    ReturnType<typeof pageview> | ReturnType<typeof click> | Record<string, unknown>,
    StepMatch,
  ][] = [
    [pageview(now, { pk: '/product/:id' }), { kind: 'pageview', pageKey: '/product/:id' }],
    [
      { ...pageview(now), t: 'step', f: 'purchase', st: 'add_to_cart' },
      { kind: 'step', funnel: 'purchase', step: 'add_to_cart' },
    ],
    [
      { ...pageview(now), t: 'custom', n: 'coupon' },
      { kind: 'event', name: 'coupon' },
    ],
    [click(1, 2, now), { kind: 'click', selector: 'button#add-to-cart' }],
  ];
  await writeEvents(
    db.store,
    cases.map(([event]) => eventRow('s', event as Parameters<typeof eventRow>[1], now)),
  );
  const stored = await rows<{ id: string; key: string }>(
    db.store,
    `SELECT toString(id) AS id, event_key AS key FROM ${db.store.table('events')}`,
  );
  for (const [event, match] of cases) {
    expect(stored.find((row) => row.id === event.id)?.key, match.kind).toBe(eventKey(match));
  }
});
