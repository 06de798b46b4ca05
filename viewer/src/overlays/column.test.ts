import { describe, expect, it } from 'vitest';
import { buildPalette } from '../heat/palette';
import { bandAt, paintColumn, reachAt } from './column';

describe('scroll and attention columns', () => {
  const reach = [1, 1, 0.5, 0.25, 0];

  it('interpolates reach between the API’s depth steps and holds the last one', () => {
    expect(reachAt(reach, 25, 0)).toBe(1);
    expect(reachAt(reach, 25, 50)).toBe(0.5);
    expect(reachAt(reach, 25, 37.5)).toBeCloseTo(0.75);
    expect(reachAt(reach, 25, 100)).toBe(0);
    expect(reachAt(reach, 25, 140)).toBe(0);
    expect(reachAt([], 5, 10)).toBe(0);
  });

  it('reads band values at band centres and blends between them', () => {
    const bands = [10, 0, 4, 4];
    expect(bandAt(bands, 0.125)).toBe(10);
    expect(bandAt(bands, 0)).toBe(10);
    expect(bandAt(bands, 0.25)).toBeCloseTo(5);
    expect(bandAt(bands, 1)).toBe(4);
  });

  it('paints one palette colour per row at a fixed alpha', () => {
    const palette = buildPalette();
    const col = paintColumn(4, (f) => 1 - f, palette, 0.5);
    expect(col.length).toBe(16);
    expect([...col.slice(0, 4)]).toEqual([255, 128, 0, 128]);
    expect(col[3]).toBe(col[15]);
    expect(col[2]).toBeLessThan(col[14] ?? 0);
  });
});
