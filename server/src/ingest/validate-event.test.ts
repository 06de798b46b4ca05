import { describe, expect, it } from 'vitest';
import { click, pageview } from '../../test/helpers/events.js';
import { validateEvent } from './validate-event.js';

const now = Date.parse('2026-11-20T12:00:00Z');

describe('validateEvent', () => {
  it('accepts a complete click and keeps it as sent', () => {
    const event = click(100, 200, now);
    expect(validateEvent(event, now)).toEqual({ event });
  });

  it('ignores fields the protocol does not know, so newer SDKs keep working', () => {
    const event = { ...pageview(now), future: 'field' };
    expect('event' in validateEvent(event, now)).toBe(true);
  });

  it('names a missing required field', () => {
    const { sel: _sel, ...event } = click(1, 2, now);
    expect(validateEvent(event, now)).toEqual({
      problem: { reason: 'missing_field', field: 'sel', message: 'sel is required' },
    });
  });

  it('names a field of the wrong type and says what was expected', () => {
    const result = validateEvent({ ...click(1, 2, now), x: '12' }, now);
    expect(result).toMatchObject({ problem: { reason: 'invalid_field', field: 'x' } });
    expect('problem' in result && result.problem.message).toMatch(/number from 0/);
  });

  it('accepts opt-in click text up to 64 characters and names tx past that', () => {
    expect('event' in validateEvent({ ...click(1, 2, now), tx: 'Add to cart' }, now)).toBe(true);
    expect(validateEvent({ ...click(1, 2, now), tx: 'x'.repeat(65) }, now)).toMatchObject({
      problem: { reason: 'invalid_field', field: 'tx' },
    });
  });

  it('rejects an unknown type with the list of known ones', () => {
    expect(validateEvent({ ...pageview(now), t: 'hover' }, now)).toMatchObject({
      problem: { reason: 'unknown_type', field: 't' },
    });
  });

  it('rejects ids that are not UUIDs, element positions outside 0..1 and oversized strings', () => {
    expect(validateEvent({ ...pageview(now), id: 'abc' }, now)).toMatchObject({ problem: { field: 'id' } });
    expect(validateEvent({ ...click(1, 2, now), ex: 1.5 }, now)).toMatchObject({ problem: { field: 'ex' } });
    expect(validateEvent({ ...pageview(now), url: 'x'.repeat(3000) }, now)).toMatchObject({
      problem: { field: 'url' },
    });
  });

  it('rejects timestamps far in the future or the past, and says they were not clamped', () => {
    const future = validateEvent(pageview(now + 3_600_000), now);
    expect(future).toMatchObject({ problem: { reason: 'timestamp_out_of_range', field: 'ts' } });
    expect('problem' in future && future.problem.message).toMatch(/rejected, not clamped/);
    expect(validateEvent(pageview(now - 8 * 86_400_000), now)).toMatchObject({
      problem: { reason: 'timestamp_out_of_range' },
    });
    expect('event' in validateEvent(pageview(now - 86_400_000), now)).toBe(true);
  });

  it('checks properties of steps: flat values only', () => {
    const step = { ...pageview(now), t: 'step', f: 'purchase', st: 'order' };
    expect('event' in validateEvent({ ...step, pr: { total: 828, coupon: 'AUTUMN' } }, now)).toBe(true);
    expect(validateEvent({ ...step, pr: { nested: { a: 1 } } }, now)).toMatchObject({
      problem: { field: 'pr' },
    });
  });

  it('refuses non-objects', () => {
    for (const value of [null, 3, 'event', [1]]) {
      expect(validateEvent(value, now)).toMatchObject({ problem: { reason: 'invalid_field' } });
    }
  });
});
