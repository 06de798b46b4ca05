/**
 * The heat field: points splatted onto a coarse grid, blurred with a separable truncated
 * Gaussian, and normalised so the hottest spot is 1. The cost grows with the points plus
 * the grid, never points x blob area, which is what lets 100k points draw in milliseconds.
 * Pure typed-array code, tested in Node.
 */
import type { HeatPoints } from './points';

/** Blob radius in grid cells the grid is sized for: smooth enough, still cheap. */
export const GRID_RADIUS = 8;

/** A coarse heat field over a canvas: `cell` canvas px per grid cell. */
export interface HeatField {
  width: number;
  height: number;
  cell: number;
  values: Float32Array;
  /** Per grid row, the first and last column holding heat (first > last: an empty row). */
  rowFirst: Int32Array;
  rowLast: Int32Array;
}

/**
 * A 1D truncated Gaussian of `radius` taps either side: 1 at the centre, exactly 0 at
 * `radius + 1` and beyond, so heat never leaks far from a click. Sigma is 0.35 x radius.
 */
export function gaussianKernel(radius: number): Float32Array {
  const r = Math.max(1, Math.round(radius));
  const sigma = 0.35 * (r + 1);
  const edge = Math.exp(-((r + 1) ** 2) / (2 * sigma * sigma));
  const out = new Float32Array(2 * r + 1);
  for (let i = -r; i <= r; i++) {
    out[i + r] = (Math.exp(-(i * i) / (2 * sigma * sigma)) - edge) / (1 - edge);
  }
  return out;
}

/** Grid cell size (canvas px) for a blob `radius` (canvas px): about GRID_RADIUS cells per radius. */
export function gridCell(radius: number): number {
  return Math.max(1, radius / GRID_RADIUS);
}

/**
 * Splats weighted points (canvas px) onto a grid of `cell`-px cells covering
 * `width` x `height`, each point shared bilinearly among its four nearest cell centres.
 */
export function splat(points: HeatPoints, width: number, height: number, cell: number) {
  const gw = Math.max(1, Math.ceil(width / cell));
  const gh = Math.max(1, Math.ceil(height / cell));
  const values = new Float32Array(gw * gh);
  for (let k = 0; k < points.length; k++) {
    const w = points.w[k] as number;
    if (!(w > 0)) continue;
    const gx = (points.x[k] as number) / cell - 0.5;
    const gy = (points.y[k] as number) / cell - 0.5;
    const i0 = Math.floor(gx);
    const j0 = Math.floor(gy);
    const fx = gx - i0;
    const fy = gy - j0;
    for (let dj = 0; dj < 2; dj++) {
      const j = j0 + dj;
      if (j < 0 || j >= gh) continue;
      const wy = dj ? fy : 1 - fy;
      for (let di = 0; di < 2; di++) {
        const i = i0 + di;
        if (i < 0 || i >= gw) continue;
        values[j * gw + i] = (values[j * gw + i] as number) + w * wy * (di ? fx : 1 - fx);
      }
    }
  }
  return { width: gw, height: gh, values };
}

/** Separable blur of a `w` x `h` grid by `kernel` (horizontal, then vertical); rows without heat are skipped. */
export function blur(src: Float32Array, w: number, h: number, kernel: Float32Array): Float32Array {
  const r = (kernel.length - 1) >> 1;
  const tmp = new Float32Array(w * h);
  const rowHas = new Uint8Array(h);
  for (let y = 0; y < h; y++) {
    const row = y * w;
    for (let x = 0; x < w; x++) {
      const v = src[row + x] as number;
      if (v === 0) continue;
      rowHas[y] = 1;
      const lo = Math.max(0, x - r);
      const hi = Math.min(w - 1, x + r);
      for (let t = lo; t <= hi; t++)
        tmp[row + t] = (tmp[row + t] as number) + v * (kernel[t - x + r] as number);
    }
  }
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    if (!rowHas[y]) continue;
    const lo = Math.max(0, y - r);
    const hi = Math.min(h - 1, y + r);
    for (let t = lo; t <= hi; t++) {
      const k = kernel[t - y + r] as number;
      if (k === 0) continue;
      const from = y * w;
      const to = t * w;
      for (let x = 0; x < w; x++) out[to + x] = (out[to + x] as number) + k * (tmp[from + x] as number);
    }
  }
  return out;
}

/**
 * Maps a normalised density (0..1) to heat intensity (0..1): a gentle saturating curve
 * that keeps a lone click visible next to a hotspot and still reaches 1 at the hottest.
 */
export function intensity(d: number, gain = 3): number {
  if (!(d > 0)) return 0;
  if (d >= 1) return 1;
  return (1 - Math.exp(-gain * d)) / (1 - Math.exp(-gain));
}

function density(points: HeatPoints, width: number, height: number, radius: number) {
  const cell = gridCell(radius);
  const grid = splat(points, width, height, cell);
  const values = blur(grid.values, grid.width, grid.height, gaussianKernel(radius / cell));
  let max = 0;
  for (let i = 0; i < values.length; i++) if ((values[i] as number) > max) max = values[i] as number;
  return { cell, grid, values, max };
}

/**
 * The densest spot of `points`' heat. Density barely depends on scale (the blob spans the
 * same number of grid cells at any size), so two views measured at one scale can share a peak.
 */
export function densityPeak(points: HeatPoints, width: number, height: number, radius: number): number {
  return density(points, width, height, radius).max;
}

/**
 * The heat field of `points` over a `width` x `height` canvas with blobs of `radius` canvas
 * px, normalised by its own densest spot, or by `peak` so two views share one scale.
 */
export function heatField(
  points: HeatPoints,
  width: number,
  height: number,
  radius: number,
  peak?: number,
): HeatField {
  const { cell, grid, values, max: own } = density(points, width, height, radius);
  const max = peak && peak > 0 ? peak : own;
  const rowFirst = new Int32Array(grid.height).fill(grid.width);
  const rowLast = new Int32Array(grid.height).fill(-1);
  for (let y = 0; y < grid.height; y++) {
    for (let x = 0; x < grid.width; x++) {
      const i = y * grid.width + x;
      const v = max > 0 ? intensity((values[i] as number) / max) : 0;
      values[i] = v;
      if (v > 0) {
        if (x < (rowFirst[y] as number)) rowFirst[y] = x;
        rowLast[y] = x;
      }
    }
  }
  return { width: grid.width, height: grid.height, cell, values, rowFirst, rowLast };
}
