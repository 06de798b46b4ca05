import { describe, expect, it } from 'vitest';
import { createBatcher } from './batcher';

/** A batcher on a manual clock: `tick(ms)` runs the timers that are due. */
function setup(size = 3, interval = 5000) {
  const sent: { items: number[]; final: boolean }[] = [];
  let now = 0;
  let timers: { at: number; fn: () => void; id: number }[] = [];
  let nextId = 1;
  const batcher = createBatcher<number>({
    size,
    interval,
    setTimer: (fn, ms) => {
      timers.push({ at: now + ms, fn, id: nextId });
      return nextId++;
    },
    clearTimer: (id) => {
      timers = timers.filter((t) => t.id !== id);
    },
    deliver: (items, final) => sent.push({ items, final }),
  });
  const tick = (ms: number) => {
    now += ms;
    for (const t of timers.filter((t) => t.at <= now)) {
      timers = timers.filter((x) => x !== t);
      t.fn();
    }
  };
  return { batcher, sent, tick, timers: () => timers.length };
}

describe('batcher', () => {
  it('sends as soon as `size` events wait, and not before', () => {
    const { batcher, sent } = setup(3);
    batcher.add(1);
    batcher.add(2);
    expect(sent).toEqual([]);
    batcher.add(3);
    expect(sent).toEqual([{ items: [1, 2, 3], final: false }]);
    batcher.add(4);
    batcher.flush();
    expect(sent[1]).toEqual({ items: [4], final: false });
  });

  it('sends a partial batch `interval` ms after its first event', () => {
    const { batcher, sent, tick } = setup(10, 5000);
    batcher.add(1);
    tick(3000);
    batcher.add(2);
    tick(1999);
    expect(sent).toEqual([]);
    tick(1);
    expect(sent).toEqual([{ items: [1, 2], final: false }]);
    tick(60_000);
    expect(sent).toHaveLength(1);
  });

  it('cancels the timer when a full batch went out, so the next batch gets its own interval', () => {
    const { batcher, sent, tick, timers } = setup(2, 5000);
    batcher.add(1);
    batcher.add(2);
    expect(timers()).toBe(0);
    tick(4000);
    batcher.add(3);
    tick(4999);
    expect(sent).toHaveLength(1);
    tick(1);
    expect(sent[1]).toEqual({ items: [3], final: false });
  });

  it('flushes what waits on demand, marked final for page hide, and sends nothing when empty', () => {
    const { batcher, sent } = setup(10);
    batcher.flush(true);
    expect(sent).toEqual([]);
    batcher.add(1);
    batcher.flush(true);
    expect(sent).toEqual([{ items: [1], final: true }]);
  });
});
