import { describe, expect, it } from 'vitest';
import { defaultRange, isIsoDate, previousRange } from './dates';
import { formatState, parseState, type ViewState } from './state';

describe('URL state', () => {
  it('round-trips a full view through the query string', () => {
    const state = {
      view: 'funnel',
      site: 'demo',
      page: '/demo/product/:id',
      type: 'scroll',
      place: 'position',
      backdrop: 'live',
      compare: 'previous',
      device: 'mobile',
      from: '2026-11-01',
      to: '2026-11-23',
      days: null,
      channel: '微信 wechat',
      platform: 'weapp',
      visitor: 'returning',
      cohort: '{"funnel":{},"reached":2}',
      vs: { channel: null, platform: null, visitor: null, cohort: null },
      funnel: {
        steps: [
          { kind: 'pageview', pageKey: '/demo/' },
          { kind: 'step', funnel: 'purchase', step: 'pay' },
        ],
        filters: [
          { step: 1, key: 'channel', op: 'eq', value: 'ads' },
          { step: 2, key: 'coupon', op: 'contains', value: 'a:b c' },
        ],
        exclusions: [{ match: { kind: 'event', name: 'refund' }, from: 1, to: 2 }],
        exclusionFilters: [{ step: 1, key: 'reason', op: 'neq', value: 'late: 2 days' }],
        windowSeconds: 3600,
        order: 'strict',
        unit: 'session',
        breakdown: 'channel',
      },
      lang: 'zh-CN',
    } satisfies ViewState;
    const q = formatState(state);
    expect(q).toContain('page=%2Fdemo%2Fproduct%2F%3Aid');
    expect(parseState(q)).toEqual(state);
  });

  it('falls back to defaults for missing or malformed values', () => {
    expect(
      parseState(
        '?device=fridge&from=2026-02-30&to=yesterday&lang=fr&site=&days=-3&type=x&platform=ios&visitor=old&channel=+',
      ),
    ).toEqual({
      view: 'heatmap',
      site: null,
      page: null,
      type: 'click',
      place: 'element',
      backdrop: 'snapshot',
      compare: null,
      vs: { channel: null, platform: null, visitor: null, cohort: null },
      device: 'desktop',
      from: null,
      to: null,
      days: null,
      channel: null,
      platform: null,
      visitor: null,
      cohort: null,
      funnel: {
        steps: [],
        filters: [],
        exclusions: [],
        exclusionFilters: [],
        windowSeconds: 86_400,
        order: 'ordered',
        unit: 'visitor',
        breakdown: null,
      },
      lang: null,
    });
    expect(parseState('?days=1.5').days).toBeNull();
    expect(parseState('?days=9999').days).toBeNull();
  });

  it('leaves defaults out of the URL', () => {
    expect(formatState(parseState(''))).toBe('');
    expect(formatState({ ...parseState(''), site: 'demo' })).toBe('?site=demo');
    expect(formatState({ ...parseState(''), days: 7 })).toBe('?days=7');
    // Clicks are placed by element unless the link says otherwise.
    expect(parseState('?place=element').place).toBe('element');
    expect(formatState(parseState('?place=element'))).toBe('');
    expect(formatState({ ...parseState(''), place: 'position' })).toBe('?place=position');
  });
});

describe('dates', () => {
  it('defaults to the last 30 UTC days, today included', () => {
    expect(defaultRange(Date.UTC(2026, 10, 23, 23, 59))).toEqual({ from: '2026-10-25', to: '2026-11-23' });
    expect(defaultRange(Date.UTC(2026, 2, 1), 1)).toEqual({ from: '2026-03-01', to: '2026-03-01' });
  });

  it('finds the previous period of the same length', () => {
    expect(previousRange({ from: '2026-11-23', to: '2026-11-23' })).toEqual({
      from: '2026-11-22',
      to: '2026-11-22',
    });
    expect(previousRange({ from: '2026-03-01', to: '2026-03-07' })).toEqual({
      from: '2026-02-22',
      to: '2026-02-28',
    });
  });

  it('accepts only real calendar dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-1-5')).toBe(false);
  });
});
