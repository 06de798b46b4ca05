/** Builders for valid wire events, so each test states only what it is about. */
import { randomUUID } from 'node:crypto';
import type { ClickEvent, PageviewEvent, WireEvent } from '@heatfunnel/sdk/protocol';

const base = (now: number) => ({
  id: randomUUID(),
  ts: now,
  a: 'anon-1',
  s: 'session-1',
  p: 'web' as const,
  url: 'http://127.0.0.1/demo/product/7',
  pk: '/demo/product/:id',
  vw: 1280,
  vh: 800,
  dw: 1280,
  dh: 2000,
});

/** A page view at `now`. */
export const pageview = (now = Date.now(), extra: Partial<PageviewEvent> = {}): PageviewEvent => ({
  ...base(now),
  t: 'pageview',
  ...extra,
});

/** A click at document point (x, y) at `now`. */
export const click = (
  x: number,
  y: number,
  now = Date.now(),
  extra: Partial<ClickEvent> = {},
): ClickEvent => ({
  ...base(now),
  t: 'click',
  x,
  y,
  sel: 'button#add-to-cart',
  sh: '1a2b3c4d',
  ex: 0.5,
  ey: 0.5,
  ew: 120,
  eh: 40,
  ...extra,
});

/** A batch body for `site`. */
export const batch = (events: unknown[], site = 'test-site') => JSON.stringify({ k: site, v: 1, e: events });

export type { WireEvent };
