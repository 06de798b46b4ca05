import { describe, expect, it } from 'vitest';
import { cellCenter, cellsToPoints, heatMax, weight } from './points';

const grid = { columns: 100, rowHeight: 10, width: 1280 };

describe('cell to point mapping', () => {
  it('puts cell (x, y) at ((x + 0.5) / columns * width, (y + 0.5) * rowHeight)', () => {
    expect(cellCenter(grid, 0, 0)).toEqual({ x: 6.4, y: 5 });
    expect(cellCenter(grid, 23, 40).x).toBeCloseTo(300.8);
    expect(cellCenter(grid, 23, 40).y).toBe(405);
    expect(cellCenter(grid, 99, 0).x).toBeCloseTo(1273.6);
  });

  it('inverts the contract binning: a click lands back inside its own cell', () => {
    for (const [px, py] of [
      [300, 400],
      [0, 0],
      [1279, 2399],
      [640.5, 17],
    ] as const) {
      const x = Math.min(grid.columns - 1, Math.floor((px / grid.width) * grid.columns));
      const y = Math.floor(py / grid.rowHeight);
      const c = cellCenter(grid, x, y);
      expect(Math.abs(c.x - px)).toBeLessThanOrEqual(grid.width / grid.columns / 2);
      expect(Math.abs(c.y - py)).toBeLessThanOrEqual(grid.rowHeight / 2);
    }
  });

  it('scales points into canvas pixels and weights them against the hottest cell', () => {
    const pts = cellsToPoints(
      {
        ...grid,
        cells: [
          { x: 23, y: 40, n: 20 },
          { x: 70, y: 120, n: 5 },
        ],
      },
      { scale: 0.5 },
    );
    expect(pts.length).toBe(2);
    expect(pts.x[0]).toBeCloseTo(150.4);
    expect(pts.y[0]).toBeCloseTo(202.5);
    expect(pts.w[0]).toBe(1);
    expect(pts.w[1]).toBeCloseTo(0.25);
  });

  it('drops empty cells and returns no points when nothing was clicked', () => {
    expect(cellsToPoints({ ...grid, cells: [] }).length).toBe(0);
    const pts = cellsToPoints({
      ...grid,
      cells: [
        { x: 1, y: 1, n: 0 },
        { x: 2, y: 2, n: 3 },
      ],
    });
    expect(pts.length).toBe(1);
    expect(pts.x[0]).toBeCloseTo(32);
  });
});

describe('max normalisation', () => {
  it('takes the true max by default and ignores zeros, negatives and NaN', () => {
    expect(heatMax([3, 9, 0, -4, Number.NaN, 2])).toBe(9);
    expect(heatMax([])).toBe(0);
    expect(heatMax([0, 0])).toBe(0);
  });

  it('clips at a quantile so one outlier does not wash out the rest', () => {
    const counts = [...Array.from({ length: 99 }, (_, i) => i + 1), 10_000];
    expect(heatMax(counts, 0.99)).toBe(99);
    expect(heatMax(counts, 0.5)).toBe(50);
    expect(heatMax(counts, 1)).toBe(10_000);
  });

  it('weights a count against the max, clamped to 0..1, with a floor for faint cells', () => {
    expect(weight(5, 10)).toBe(0.5);
    expect(weight(50, 10)).toBe(1);
    expect(weight(1, 1000, 0.05)).toBe(0.05);
    expect(weight(0, 10, 0.05)).toBe(0);
    expect(weight(3, 0)).toBe(0);
  });
});
