import { describe, expect, it } from 'vitest';
import { trendPoints } from './trend-chart';

describe('trend chart', () => {
  it('spreads periods across the width and scales rates to the top', () => {
    expect(trendPoints([0, 0.5, 0.25], 100, 50, 0.5)).toBe('0.0,50.0 50.0,0.0 100.0,25.0');
  });

  it('centres a single period and draws nothing for none', () => {
    expect(trendPoints([0.2], 100, 50, 0.4)).toBe('50.0,25.0');
    expect(trendPoints([], 100, 50, 1)).toBe('');
  });
});
