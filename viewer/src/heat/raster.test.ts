import { describe, expect, it } from 'vitest';
import { heatField } from './density';
import { buildPalette } from './palette';
import type { HeatPoints } from './points';
import { rasterize } from './raster';

const one = (x: number, y: number): HeatPoints => ({
  x: Float32Array.of(x),
  y: Float32Array.of(y),
  w: Float32Array.of(1),
  length: 1,
});

describe('rasterize', () => {
  const width = 200;
  const height = 150;
  const palette = buildPalette();
  const px = (out: Uint8ClampedArray, x: number, y: number) => [
    ...out.slice((y * width + x) * 4, (y * width + x) * 4 + 4),
  ];

  it('paints the hottest spot in the palette’s hot end and far pixels transparent', () => {
    const out = new Uint8ClampedArray(width * height * 4);
    rasterize(heatField(one(60, 50), width, height, 24), palette, width, height, out);
    const [r, g, , a] = px(out, 60, 50);
    expect(a).toBeGreaterThan(240);
    expect(r).toBe(255);
    expect(g).toBeLessThan(40);
    expect(px(out, 190, 140)).toEqual([0, 0, 0, 0]);
    expect(px(out, 60 + 40, 50)).toEqual([0, 0, 0, 0]);
    const edge = px(out, 60 + 14, 50);
    expect(edge[3]).toBeGreaterThan(0);
    expect(edge[3]).toBeLessThan(a ?? 0);
  });

  it('draws nothing for no points and refuses a buffer of the wrong size', () => {
    const out = new Uint8ClampedArray(width * height * 4);
    const empty: HeatPoints = {
      x: new Float32Array(),
      y: new Float32Array(),
      w: new Float32Array(),
      length: 0,
    };
    rasterize(heatField(empty, width, height, 24), palette, width, height, out);
    expect(out.every((v) => v === 0)).toBe(true);
    expect(() =>
      rasterize(heatField(empty, width, height, 24), palette, width, height, new Uint8ClampedArray(4)),
    ).toThrow(/width x height/);
  });
});
