/**
 * The pure half of the heat renderer: the blob stamp's alpha shape and the pass that turns
 * accumulated alpha into palette colours. Both work on plain byte arrays, so Node tests
 * them without a canvas.
 */
import { PALETTE_SIZE } from './palette';

/**
 * The alpha of one blob, a square of side `2 * radius + 1`: a Gaussian-like falloff from
 * 255 at the centre to 0 at `radius`, so overlapping blobs blend into smooth heat.
 */
export function stampAlpha(radius: number): Uint8ClampedArray {
  const r = Math.max(1, Math.round(radius));
  const side = 2 * r + 1;
  const out = new Uint8ClampedArray(side * side);
  for (let j = 0; j < side; j++) {
    for (let i = 0; i < side; i++) {
      const d = Math.hypot(i - r, j - r) / r;
      // exp(-4 d^2) is ~0.018 at the rim; subtracting it makes the edge exactly transparent.
      const a = d >= 1 ? 0 : (Math.exp(-4 * d * d) - Math.exp(-4)) / (1 - Math.exp(-4));
      out[j * side + i] = Math.round(a * 255);
    }
  }
  return out;
}

/**
 * Colourises RGBA pixels in place: each pixel's alpha (the accumulated heat) picks a
 * palette entry, whose colour and alpha replace the pixel's. Transparent pixels stay so.
 */
export function colorize(pixels: Uint8ClampedArray, palette: Uint8ClampedArray): void {
  if (palette.length !== PALETTE_SIZE * 4) throw new Error('colorize needs a 256-entry RGBA palette.');
  for (let i = 3; i < pixels.length; i += 4) {
    const a = pixels[i] ?? 0;
    if (a === 0) continue;
    const p = a * 4;
    pixels[i - 3] = palette[p] ?? 0;
    pixels[i - 2] = palette[p + 1] ?? 0;
    pixels[i - 1] = palette[p + 2] ?? 0;
    pixels[i] = palette[p + 3] ?? 0;
  }
}
