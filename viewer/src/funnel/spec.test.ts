import { describe, expect, it } from 'vitest';
import { formatExclusion, formatStep, parseExclusion, parseStep, stepValue, toSpec } from './spec';

describe('funnel steps in the URL', () => {
  it('round-trips every kind of step', () => {
    for (const s of [
      'pageview:/demo/product/:id',
      'click:button#add-to-cart',
      'step:purchase/add_to_cart',
      'event:signup',
    ]) {
      const m = parseStep(s);
      expect(m).not.toBeNull();
      if (m) expect(formatStep(m)).toBe(s);
    }
    expect(parseStep('step:purchase/add_to_cart')).toEqual({
      kind: 'step',
      funnel: 'purchase',
      step: 'add_to_cart',
    });
    expect(stepValue({ kind: 'click', selector: 'a.x:hover' })).toBe('a.x:hover');
  });

  it('refuses malformed steps', () => {
    for (const s of ['', 'pageview:', 'nope:/x', ':x', 'step:noslash', 'step:/x', 'step:x/']) {
      expect(parseStep(s)).toBeNull();
    }
  });

  it('builds the API body with a breakdown only when one is chosen', () => {
    const draft = {
      steps: [
        { kind: 'pageview', pageKey: '/a' },
        { kind: 'event', name: 'buy' },
      ] as const,
      exclusions: [],
      windowSeconds: 3600,
      order: 'strict',
      unit: 'session',
      breakdown: null,
    } as const;
    const spec = toSpec(
      { ...draft, steps: [...draft.steps], exclusions: [], exclusionFilters: [], filters: [] },
      'demo',
      {
        from: '2026-11-01',
        to: '2026-11-23',
      },
    );
    expect(spec).toEqual({
      site: 'demo',
      from: '2026-11-01',
      to: '2026-11-23',
      steps: [{ match: { kind: 'pageview', pageKey: '/a' } }, { match: { kind: 'event', name: 'buy' } }],
      windowSeconds: 3600,
      order: 'strict',
      unit: 'session',
      exclusions: [],
    });
    expect(
      toSpec(
        {
          ...draft,
          steps: [...draft.steps],
          exclusions: [],
          exclusionFilters: [],
          filters: [],
          breakdown: 'channel',
        },
        'd',
        {
          from: 'a',
          to: 'b',
        },
      ).breakdown,
    ).toEqual({
      by: 'channel',
      limit: 10,
    });
  });

  it('writes exclusions as from-to:step and drops ones whose steps are gone', () => {
    const e = { match: { kind: 'pageview', pageKey: '/demo/cart' }, from: 1, to: 3 } as const;
    expect(formatExclusion(e)).toBe('1-3:pageview:/demo/cart');
    expect(parseExclusion('1-3:pageview:/demo/cart')).toEqual(e);
    for (const bad of ['3-1:event:x', '1-2:nope:x', 'x-2:event:y', '1-2:'])
      expect(parseExclusion(bad)).toBeNull();
    const steps = [
      { kind: 'pageview', pageKey: '/a' },
      { kind: 'pageview', pageKey: '/b' },
    ] as const;
    const spec = toSpec(
      {
        steps: [...steps],
        filters: [],
        exclusions: [e],
        exclusionFilters: [],
        windowSeconds: 60,
        order: 'ordered',
        unit: 'visitor',
        breakdown: null,
      },
      'd',
      { from: 'a', to: 'b' },
    );
    expect(spec.exclusions).toEqual([]);
  });

  it('sends each step and each exclusion its own conditions', () => {
    const spec = toSpec(
      {
        steps: [
          { kind: 'pageview', pageKey: '/a' },
          { kind: 'step', funnel: 'buy', step: 'pay' },
        ],
        filters: [
          { step: 2, key: 'coupon', op: 'eq', value: 'AUTUMN' },
          { step: 2, key: 'channel', op: 'neq', value: 'ads' },
        ],
        exclusions: [
          { match: { kind: 'event', name: 'refund' }, from: 1, to: 2 },
          { match: { kind: 'event', name: 'chat' }, from: 1, to: 2 },
        ],
        exclusionFilters: [{ step: 2, key: 'topic', op: 'contains', value: 'price' }],
        windowSeconds: 60,
        order: 'ordered',
        unit: 'visitor',
        breakdown: null,
      },
      'd',
      { from: 'a', to: 'b' },
    );
    expect(spec.steps).toEqual([
      { match: { kind: 'pageview', pageKey: '/a' } },
      {
        match: { kind: 'step', funnel: 'buy', step: 'pay' },
        filters: [
          { key: 'coupon', op: 'eq', value: 'AUTUMN' },
          { key: 'channel', op: 'neq', value: 'ads' },
        ],
      },
    ]);
    expect(spec.exclusions).toEqual([
      { match: { kind: 'event', name: 'refund' }, from: 1, to: 2 },
      {
        match: { kind: 'event', name: 'chat' },
        from: 1,
        to: 2,
        filters: [{ key: 'topic', op: 'contains', value: 'price' }],
      },
    ]);
  });
});
