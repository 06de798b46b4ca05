import { describe, expect, it } from 'vitest';
import type { ClickHeatmap } from '../api';
import { clicksNear, sharedScale } from './click-overlay';

const heatmap = (cells: ClickHeatmap['cells']): ClickHeatmap => ({
  pageKey: '/p',
  device: 'desktop',
  layer: 'clicks',
  scale: 'document',
  columns: 100,
  rowHeight: 10,
  width: 1280,
  docHeight: 1000,
  total: cells.reduce((s, c) => s + c.n, 0),
  cells,
});

describe('click overlay', () => {
  it('counts the clicks of cells whose centre is near a point', () => {
    const h = heatmap([
      { x: 10, y: 10, n: 5 },
      { x: 11, y: 10, n: 3 },
      { x: 50, y: 50, n: 9 },
    ]);
    // Cell (10, 10) is centred at (134.4, 105).
    expect(clicksNear(h, 134.4, 105, 5)).toBe(5);
    expect(clicksNear(h, 140, 105, 10)).toBe(8);
    expect(clicksNear(h, 900, 900, 20)).toBe(0);
  });

  it('puts two answers on the larger maximum and density peak', () => {
    const busy = heatmap([{ x: 10, y: 10, n: 30 }]);
    const quiet = heatmap([{ x: 10, y: 10, n: 10 }]);
    const both = sharedScale([busy, quiet]);
    expect(both.cellMax).toBe(30);
    expect(both.peak).toBeCloseTo(sharedScale([busy]).peak);
    expect(both.peak).toBeGreaterThan(0);
  });
});
