import { describe, expect, it } from 'vitest';
import type { ElementRow } from '../api';
import { elementPoints } from './element-points';

const row = (selector: string, clicks: number, positions: [number, number, number][]): ElementRow => ({
  hash: selector,
  selector,
  clicks,
  clickers: 1,
  rate: 1,
  rage: 0,
  dead: 0,
  positions,
});

describe('element-relative placement', () => {
  const boxes: Record<string, { x: number; y: number; width: number; height: number }[]> = {
    '#buy': [{ x: 100, y: 500, width: 200, height: 40 }],
    '.size': [
      { x: 0, y: 0, width: 10, height: 10 },
      { x: 20, y: 0, width: 10, height: 10 },
    ],
  };
  const find = (s: string) => boxes[s] ?? [];

  it('puts each bin at its place inside the element as laid out now', () => {
    const p = elementPoints(
      [
        row('#buy', 12, [
          [5, 5, 10],
          [0, 9, 2],
        ]),
      ],
      find,
      0.5,
    );
    expect(p.points.length).toBe(2);
    expect(p.points.x[0]).toBeCloseTo((100 + 0.55 * 200) * 0.5);
    expect(p.points.y[0]).toBeCloseTo((500 + 0.55 * 40) * 0.5);
    expect(p.points.x[1]).toBeCloseTo((100 + 0.05 * 200) * 0.5);
    expect(p.points.y[1]).toBeCloseTo((500 + 0.95 * 40) * 0.5);
    expect(p.points.w[0]).toBe(1);
    expect(p.points.w[1]).toBeCloseTo(0.2);
    expect([p.placedClicks, p.unplacedClicks]).toEqual([12, 0]);
  });

  it('counts elements it cannot place once and for sure as unplaced', () => {
    const p = elementPoints(
      [row('#gone', 7, [[1, 1, 7]]), row('.size', 4, [[5, 5, 4]]), row('#buy', 3, [[5, 5, 3]])],
      find,
    );
    expect(p.points.length).toBe(1);
    expect([p.placedClicks, p.unplacedClicks]).toEqual([3, 11]);
  });

  it('spreads a bin wider than the blob over evenly spaced sub-points sharing its count', () => {
    const p = elementPoints([row('#buy', 9, [[5, 5, 9]])], find, 1, { radius: 8 });
    // #buy is 200 x 40: bins are 20 x 4 px, so 3 points across (capped) and 1 down.
    expect(p.points.length).toBe(3);
    expect([...p.points.x]).toEqual(
      [100 + 100 + 20 / 6, 100 + 100 + 10, 100 + 100 + (20 * 5) / 6].map(Math.fround),
    );
    expect([...p.points.w]).toEqual([1, 1, 1]);
  });

  it('draws clicks of missing elements where they were clicked, on the same scale as the placed ones', () => {
    const p = elementPoints([row('#gone', 7, [[1, 1, 7]]), row('#buy', 4, [[5, 5, 4]])], find, 0.5, {
      byPosition: [{ x: 40, y: 60, n: 7 }],
    });
    expect(p.points.length).toBe(2);
    // The drawn-by-position point comes first, at its document point times the scale.
    expect([p.points.x[0], p.points.y[0], p.points.w[0]]).toEqual([20, 30, 1]);
    expect(p.points.w[1]).toBeCloseTo(4 / 7);
    expect([p.placedClicks, p.unplacedClicks, p.positionClicks]).toEqual([4, 7, 7]);
  });
});
