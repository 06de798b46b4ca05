import { describe, expect, it } from 'vitest';
import { exclusionsAfterMove, exclusionsAfterRemove } from './exclusions';
import type { StepFilter } from './filters';
import type { Exclusion } from './spec';

const ex = (name: string, from: number, to: number): Exclusion => ({
  match: { kind: 'event', name },
  from,
  to,
});
const cond = (step: number, key: string): StepFilter => ({ step, key, op: 'eq', value: 'v' });

describe('exclusions follow their steps', () => {
  it('keeps naming the same steps when a step moves', () => {
    // Steps A B C D; "chat" between B and D, "refund" between A and B.
    const all = [ex('chat', 2, 4), ex('refund', 1, 2)];
    // D moves up to the second place: A D B C. B is step 3 now, D step 2.
    expect(exclusionsAfterMove(all, 4, 2)).toEqual([ex('chat', 2, 3), ex('refund', 1, 3)]);
    // A moves down one: B A C D.
    expect(exclusionsAfterMove(all, 1, 2)).toEqual([ex('chat', 1, 4), ex('refund', 1, 2)]);
    // A step outside both ranges moving does not change them.
    expect(exclusionsAfterMove([ex('chat', 1, 2)], 3, 4)).toEqual([ex('chat', 1, 2)]);
  });

  it('shifts after a removed step, and drops an exclusion left with nothing between, with its conditions', () => {
    const all = [ex('chat', 2, 4), ex('refund', 1, 2), ex('return', 3, 4)];
    const conditions = [cond(1, 'topic'), cond(2, 'reason'), cond(3, 'store')];
    // Removing step 2: "chat" starts at the step that took its number, "refund" has no steps left.
    expect(exclusionsAfterRemove(all, conditions, 2)).toEqual({
      exclusions: [ex('chat', 2, 3), ex('return', 2, 3)],
      filters: [cond(1, 'topic'), cond(2, 'store')],
    });
    // Removing the last step: an exclusion ending there ends at the step before.
    expect(exclusionsAfterRemove([ex('chat', 1, 4)], [], 4).exclusions).toEqual([ex('chat', 1, 3)]);
  });
});
