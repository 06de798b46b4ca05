import { describe, expect, it } from 'vitest';
import { type Batch, LIMITS, type WireEvent } from '../protocol';
import { splitBodies as split, utf8Length } from './split-bodies';

const splitBodies = (...args: Parameters<typeof split>) =>
  split(...args).map(({ body, count }) => {
    expect((JSON.parse(body) as Batch).e).toHaveLength(count);
    return body;
  });

const event = (i: number, pad = 0): WireEvent => ({
  id: `0190a6f0-0000-7000-8000-${String(i).padStart(12, '0')}`,
  t: 'custom',
  n: `e${i}`,
  pr: { pad: 'x'.repeat(pad) },
  ts: 1_700_000_000_000,
  a: 'anon',
  s: 'sess',
  p: 'web',
  url: 'https://shop.example/',
  pk: '/',
  vw: 1280,
  vh: 800,
  dw: 1280,
  dh: 2000,
});

describe('splitBodies', () => {
  it('puts a small batch in one body that parses to the protocol Batch', () => {
    const events = [event(1), event(2)];
    const bodies = splitBodies('demo', events);
    expect(bodies).toHaveLength(1);
    expect(JSON.parse(bodies[0] ?? '')).toEqual({ k: 'demo', v: 1, e: events } satisfies Batch);
  });

  it('splits over the byte limit, keeps every event once and in order, each body under the limit', () => {
    const events = Array.from({ length: 40 }, (_, i) => event(i, 3000));
    const bodies = splitBodies('demo', events);
    expect(bodies.length).toBeGreaterThan(1);
    for (const body of bodies) expect(utf8Length(body)).toBeLessThanOrEqual(LIMITS.maxBeaconBytes);
    expect(bodies.flatMap((b) => (JSON.parse(b) as Batch).e)).toEqual(events);
  });

  it('fills bodies up to the limit exactly, counting multi-byte characters as bytes', () => {
    const events = Array.from({ length: 10 }, (_, i) => ({ ...event(i), n: '热'.repeat(100) }));
    const one = utf8Length(splitBodies('demo', events.slice(0, 1))[0] ?? '');
    const limit = utf8Length(splitBodies('demo', events.slice(0, 3))[0] ?? '');
    const bodies = splitBodies('demo', events, limit);
    expect(bodies.map((b) => (JSON.parse(b) as Batch).e.length)).toEqual([3, 3, 3, 1]);
    expect(utf8Length(bodies[3] ?? '')).toBe(one);
    expect(Buffer.byteLength(bodies[0] ?? '')).toBe(utf8Length(bodies[0] ?? ''));
    // One byte less and the third event no longer fits.
    expect(splitBodies('demo', events, limit - 1).map((b) => (JSON.parse(b) as Batch).e.length)).toEqual([
      2, 2, 2, 2, 2,
    ]);
  });

  it('caps the number of events per body at the server limit', () => {
    const events = Array.from({ length: 7 }, (_, i) => event(i));
    expect(splitBodies('demo', events, 1e9, 3).map((b) => (JSON.parse(b) as Batch).e.length)).toEqual([
      3, 3, 1,
    ]);
  });

  it('counts a surrogate pair as 4 bytes like UTF-8 does', () => {
    expect(utf8Length('a😀é热')).toBe(Buffer.byteLength('a😀é热'));
  });
});
