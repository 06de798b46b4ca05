/**
 * The pure half of the scroll and attention overlays: values along the page's height
 * (reach at a depth, attention in a band) and the colour column they are painted from.
 */
import { PALETTE_SIZE } from '../heat/palette';

/** Alpha of depth colours, so the page stays readable under them. */
export const COLUMN_ALPHA = 0.45;

/**
 * Share of page views that reached `pct` % of the document, interpolated linearly between
 * the API's steps (`reach[i]` at `i * step` %).
 */
export function reachAt(reach: readonly number[], step: number, pct: number): number {
  if (reach.length === 0) return 0;
  const at = Math.max(0, pct) / step;
  const i = Math.floor(at);
  if (i >= reach.length - 1) return reach[reach.length - 1] ?? 0;
  const lo = reach[i] ?? 0;
  return lo + ((reach[i + 1] ?? lo) - lo) * (at - i);
}

/**
 * A band value at a fraction `f` (0..1) of the page: linear between band centres, flat
 * in the outer halves of the first and last band.
 */
export function bandAt(values: readonly number[], f: number): number {
  const n = values.length;
  if (n === 0) return 0;
  const at = Math.min(n - 0.5, Math.max(0.5, f * n)) - 0.5;
  const i = Math.floor(at);
  const lo = values[i] ?? 0;
  return lo + ((values[i + 1] ?? lo) - lo) * (at - i);
}

/**
 * RGBA pixels of a 1-px-wide column `rows` tall: each row's value (0..1, from `valueAt` of
 * the row's centre as a fraction of the height) picks its palette colour.
 */
export function paintColumn(
  rows: number,
  valueAt: (fraction: number) => number,
  palette: Uint8ClampedArray,
  alpha = COLUMN_ALPHA,
): Uint8ClampedArray {
  const out = new Uint8ClampedArray(rows * 4);
  const a = Math.round(alpha * 255);
  for (let r = 0; r < rows; r++) {
    const v = Math.min(1, Math.max(0, valueAt((r + 0.5) / rows)));
    const p = Math.round(v * (PALETTE_SIZE - 1)) * 4;
    out[r * 4] = palette[p] ?? 0;
    out[r * 4 + 1] = palette[p + 1] ?? 0;
    out[r * 4 + 2] = palette[p + 2] ?? 0;
    out[r * 4 + 3] = a;
  }
  return out;
}

/** Draws a colour column stretched across the whole canvas. */
export function drawColumn(canvas: HTMLCanvasElement, column: Uint8ClampedArray): void {
  const ctx = canvas.getContext('2d');
  const rows = column.length / 4;
  if (!ctx || rows === 0) return;
  const strip = document.createElement('canvas');
  strip.width = 1;
  strip.height = rows;
  const img = new ImageData(1, rows);
  img.data.set(column);
  strip.getContext('2d')?.putImageData(img, 0, 0);
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(strip, 0, 0, canvas.width, canvas.height);
}
