import { describe, expect, it } from 'vitest';
import type { FunnelAnswer, StepCounts } from '../api';
import { breakdownSeries, stepSeries, summarize, timingSeries, trendSeries } from './chart-data';

/** Counts of a funnel where `entered` visitors reached each step. */
const counts = (entered: number[]): StepCounts[] =>
  entered.map((n, i) => {
    const next = entered[i + 1] ?? n;
    return {
      step: i + 1,
      entered: n,
      converted: next,
      dropped: n - next,
      fromPrevious: i === 0 ? 1 : n / (entered[i - 1] ?? 1),
      fromFirst: n / (entered[0] ?? 1),
    };
  });

const words = { continued: 'on', dropped: 'off' };

describe('funnel chart series', () => {
  it('stacks who went on and who dropped so each bar is as long as the step entered', () => {
    const steps = counts([40, 25, 10]);
    const s = stepSeries(steps, ['a', 'b', 'c'], words);
    expect(s.labels).toEqual(['a', 'b', 'c']);
    const [on, off] = s.sets;
    expect(steps.map((_, i) => (on?.values[i] ?? 0) + (off?.values[i] ?? 0))).toEqual(
      steps.map((x) => x.entered),
    );
    expect(off?.values).toEqual([15, 15, 0]);
  });

  it('groups the breakdown by value with one series per step, naming an empty value', () => {
    const breakdown: FunnelAnswer['breakdown'] = [
      { value: 'ads', steps: counts([9, 4]) },
      { value: '', steps: counts([3, 3]) },
    ];
    const s = breakdownSeries(breakdown, ['1. home', '2. cart'], '(none)');
    expect(s.labels).toEqual(['ads', '(none)']);
    expect(s.sets).toEqual([
      { name: '1. home', values: [9, 3] },
      { name: '2. cart', values: [4, 3] },
    ]);
  });

  it('puts time buckets on the axis and a series per timed step', () => {
    const s = timingSeries(
      [
        { step: 2, medianSeconds: 5, histogram: [3, 1] },
        { step: 3, medianSeconds: null, histogram: [0, 0] },
      ],
      ['< 10 s', '10 s or more'],
      ['1. a', '2. b', '3. c'],
    );
    expect(s.sets.map((x) => x.name)).toEqual(['2. b', '3. c']);
    expect(s.sets[0]?.values).toEqual([3, 1]);
  });

  it('gives rates as percentages and says every number in the summary', () => {
    const s = trendSeries(
      {
        interval: 'day',
        points: [
          { period: '2026-11-01', entered: 8, converted: 1, rate: 0.125 },
          { period: '2026-11-02', entered: 3, converted: 2, rate: 2 / 3 },
        ],
      },
      'Rate',
    );
    expect(s.sets[0]?.values).toEqual([12.5, 66.67]);
    expect(summarize('Trend', s, (v) => `${v}%`)).toBe(
      'Trend. 2026-11-01: Rate 12.5%; 2026-11-02: Rate 66.67%',
    );
  });
});
