import { describe, expect, it } from 'vitest';
import { uuidv7Factory } from './uuid';

const random16 = () => crypto.getRandomValues(new Uint16Array(5));
const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('uuidv7', () => {
  it('has the version 7 and variant bits, and the time in the first 48 bits', () => {
    const id = uuidv7Factory(random16)(1_700_000_000_123);
    expect(id).toMatch(V7);
    expect(Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(1_700_000_000_123);
  });

  it('sorts in creation order within one millisecond and when the clock steps back', () => {
    const next = uuidv7Factory(random16);
    const clock = [...Array(5000).fill(1_700_000_000_000), 1_699_999_999_000, 1_700_000_000_001];
    const ids = clock.map((ms) => next(ms));
    for (const id of ids) expect(id).toMatch(V7);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
