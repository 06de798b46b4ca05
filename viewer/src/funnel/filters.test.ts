import { describe, expect, it } from 'vitest';
import {
  apiFilters,
  filtersAfterMove,
  filtersAfterRemove,
  formatFilter,
  parseFilter,
  type StepFilter,
} from './filters';

const f = (step: number, key = 'k'): StepFilter => ({ step, key, op: 'eq', value: `v${step}` });

describe('funnel step filters', () => {
  it('round-trips through the URL, values with colons and spaces included', () => {
    for (const filter of [
      { step: 2, key: 'coupon', op: 'eq', value: 'AUTUMN' },
      { step: 12, key: 'url', op: 'contains', value: 'https://shop.example/a b' },
      { step: 1, key: 'channel', op: 'neq', value: '' },
    ] as const) {
      expect(parseFilter(formatFilter(filter))).toEqual(filter);
    }
    for (const bad of ['0:k:eq:v', 'x:k:eq:v', '1::eq:v', '1:k:like:v', '1:k:eq', '1: :eq:v'])
      expect(parseFilter(bad)).toBeNull();
  });

  it('gives the API only the step’s own conditions, and none when it has none', () => {
    expect(apiFilters([f(1, 'a'), f(2, 'b')], 2)).toEqual({ filters: [{ key: 'b', op: 'eq', value: 'v2' }] });
    expect(apiFilters([f(1)], 3)).toEqual({});
  });

  it('keeps each condition with its step when steps move or go', () => {
    const all = [f(1, 'one'), f(2, 'two'), f(3, 'three')];
    const stepOf = (list: StepFilter[], key: string) => list.find((x) => x.key === key)?.step;
    const down = filtersAfterMove(all, 1, 3);
    expect([stepOf(down, 'one'), stepOf(down, 'two'), stepOf(down, 'three')]).toEqual([3, 1, 2]);
    const up = filtersAfterMove(all, 3, 2);
    expect([stepOf(up, 'one'), stepOf(up, 'two'), stepOf(up, 'three')]).toEqual([1, 3, 2]);
    const removed = filtersAfterRemove(all, 2);
    expect(removed.map((x) => [x.key, x.step])).toEqual([
      ['one', 1],
      ['three', 2],
    ]);
  });
});
