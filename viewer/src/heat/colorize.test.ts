import { describe, expect, it } from 'vitest';
import { colorize, stampAlpha } from './colorize';
import { buildPalette } from './palette';

describe('blob stamp', () => {
  it('is opaque at the centre, transparent at and beyond the radius, and symmetric', () => {
    const r = 10;
    const a = stampAlpha(r);
    const side = 2 * r + 1;
    expect(a.length).toBe(side * side);
    expect(a[r * side + r]).toBe(255);
    expect(a[r * side]).toBe(0);
    expect(a[0]).toBe(0);
    expect(a[r * side + r - 5]).toBe(a[r * side + r + 5]);
    expect(a[(r - 5) * side + r]).toBe(a[r * side + r - 5]);
  });

  it('falls off monotonically from the centre', () => {
    const r = 12;
    const a = stampAlpha(r);
    const row = Array.from({ length: r + 1 }, (_, i) => a[r * (2 * r + 1) + r + i] ?? 0);
    for (let i = 1; i < row.length; i++) expect(row[i]).toBeLessThanOrEqual(row[i - 1] ?? 0);
  });
});

describe('colorize', () => {
  it('maps accumulated alpha through the palette and leaves transparent pixels alone', () => {
    const palette = buildPalette();
    const px = new Uint8ClampedArray([9, 9, 9, 0, 0, 0, 0, 255, 0, 0, 0, 1]);
    colorize(px, palette);
    expect([...px]).toEqual([9, 9, 9, 0, 255, 0, 0, 255, 0, 4, 255, 1]);
  });

  it('refuses a palette of the wrong size', () => {
    expect(() => colorize(new Uint8ClampedArray(4), new Uint8ClampedArray(12))).toThrow(/256-entry/);
  });
});
