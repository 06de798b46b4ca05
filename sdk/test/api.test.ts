/**
 * The public commands: track, step, identify, reset, and calls queued before the SDK loaded
 * (replayed after init's page view).
 */
import { expect, it } from 'vitest';
import type { CustomEvent, StepEvent } from '../src/protocol';
import { hf, useBrowser } from './harness';

const env = useBrowser();

it('sends steps and custom events with cleaned properties, and user ids from identify until reset', async () => {
  const page = await env.open('/product/1?early=1', { batchSize: 100 });
  await hf(page, 'step', 'checkout', 'add_to_cart', { sku: 'A1', qty: 2, gift: false, bad: { x: 1 } });
  await hf(page, 'identify', 'user-42');
  await hf(page, 'track', 'coupon', { code: 'X' });
  await hf(page, 'reset');
  await hf(page, 'track', 'after-reset');
  await hf(page, 'nonsense', 1);
  await page.goto('about:blank');

  const events = await env.server.waitForEvents(7);
  const summary = events.map((e) => ({
    t: e.t,
    u: e.u,
    name: (e as CustomEvent).n ?? (e as StepEvent).st,
    pr: (e as CustomEvent).pr,
  }));
  expect(summary).toEqual([
    { t: 'pageview', u: undefined, name: undefined, pr: undefined },
    { t: 'custom', u: undefined, name: 'before-load', pr: { n: 1 } },
    { t: 'step', u: undefined, name: 'add_to_cart', pr: { sku: 'A1', qty: 2, gift: false } },
    { t: 'identify', u: 'user-42', name: undefined, pr: undefined },
    { t: 'custom', u: 'user-42', name: 'coupon', pr: { code: 'X' } },
    { t: 'custom', u: undefined, name: 'after-reset', pr: undefined },
    { t: 'scroll', u: undefined, name: undefined, pr: undefined },
  ]);
  expect((events[2] as StepEvent).f).toBe('checkout');
  // reset forgets the visitor: a new anonymous id and a new session.
  expect(events[5]?.a).not.toBe(events[4]?.a);
  expect(events[5]?.s).not.toBe(events[4]?.s);
  expect(events[4]?.a).toBe(events[0]?.a);
});
