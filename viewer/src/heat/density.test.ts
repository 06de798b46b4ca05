import { describe, expect, it } from 'vitest';
import {
  blur,
  densityPeak,
  GRID_RADIUS,
  gaussianKernel,
  gridCell,
  heatField,
  intensity,
  splat,
} from './density';
import type { HeatPoints } from './points';

const points = (list: [number, number, number][]): HeatPoints => ({
  x: Float32Array.from(list.map((p) => p[0])),
  y: Float32Array.from(list.map((p) => p[1])),
  w: Float32Array.from(list.map((p) => p[2])),
  length: list.length,
});

describe('heat field', () => {
  it('uses a symmetric kernel, 1 at the centre, falling to near 0 at its edge', () => {
    const k = gaussianKernel(8);
    expect(k.length).toBe(17);
    expect(k[8]).toBeCloseTo(1);
    for (let i = 0; i < 8; i++) {
      expect(k[i]).toBeCloseTo(k[16 - i] ?? Number.NaN);
      expect(k[i]).toBeLessThan(k[i + 1] ?? 0);
    }
    expect(k[0]).toBeGreaterThan(0);
    expect(k[0]).toBeLessThan(0.05);
  });

  it('sizes grid cells so a blob spans GRID_RADIUS cells', () => {
    expect(gridCell(32)).toBe(32 / GRID_RADIUS);
    expect(gridCell(2)).toBe(1);
  });

  it('splats a point bilinearly onto the four nearest cell centres, keeping its weight', () => {
    const g = splat(points([[10, 5, 1]]), 40, 20, 10);
    expect([g.width, g.height]).toEqual([4, 2]);
    expect(g.values[0]).toBeCloseTo(0.5);
    expect(g.values[1]).toBeCloseTo(0.5);
    expect(g.values.reduce((s, v) => s + v, 0)).toBeCloseTo(1);
    const edge = splat(points([[-50, -50, 1]]), 40, 20, 10);
    expect(edge.values.every((v) => v === 0)).toBe(true);
  });

  it('blurs without moving or losing the peak and leaves far cells empty', () => {
    const w = 41;
    const src = new Float32Array(w * w);
    src[20 * w + 20] = 1;
    const out = blur(src, w, w, gaussianKernel(4));
    expect(out[20 * w + 20]).toBeCloseTo(1);
    expect(out[20 * w + 23]).toBeCloseTo(out[23 * w + 20] ?? Number.NaN);
    expect(out[20 * w + 25]).toBe(0);
    expect(out[0]).toBe(0);
  });

  it('normalises so the hottest spot has intensity 1 and marks each row’s span', () => {
    const f = heatField(
      points([
        [100, 100, 1],
        [300, 300, 0.25],
      ]),
      400,
      400,
      32,
    );
    const at = (x: number, y: number) =>
      f.values[Math.floor(y / f.cell) * f.width + Math.floor(x / f.cell)] ?? 0;
    expect(Math.max(...f.values)).toBeCloseTo(1);
    expect(at(100, 100)).toBeGreaterThan(0.9);
    expect(at(300, 300)).toBeGreaterThan(0.3);
    expect(at(300, 300)).toBeLessThan(at(100, 100));
    expect(at(200, 10)).toBe(0);
    const row = Math.floor(100 / f.cell);
    expect(f.rowFirst[row]).toBeLessThan(Math.floor(100 / f.cell));
    expect(f.rowLast[row]).toBeGreaterThan(Math.floor(100 / f.cell));
    expect(f.rowFirst[0]).toBeGreaterThan(f.rowLast[0] ?? 0);
  });

  it('maps density to intensity with a curve from 0 to 1 that lifts faint heat', () => {
    expect(intensity(0)).toBe(0);
    expect(intensity(1)).toBe(1);
    expect(intensity(2)).toBe(1);
    expect(intensity(0.05)).toBeGreaterThan(0.1);
    expect(intensity(0.5)).toBeGreaterThan(intensity(0.25));
  });

  it('normalises by a given peak so two views share one colour scale', () => {
    const pts = points([[100, 100, 1]]);
    const own = heatField(pts, 200, 200, 32);
    const peak = densityPeak(pts, 200, 200, 32);
    const shared = heatField(pts, 200, 200, 32, peak * 2);
    expect(Math.max(...own.values)).toBeCloseTo(1);
    expect(Math.max(...shared.values)).toBeCloseTo(intensity(0.5));
  });
});
