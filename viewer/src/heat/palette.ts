/**
 * The heat palette: a 256-entry RGBA lookup table built from colour stops, so colourising
 * a pixel is one table read by its intensity. Built in plain arithmetic (no canvas
 * gradient) so it is the same in every browser and testable in Node.
 */

/** A colour stop: `at` in 0..1, colour as `#rrggbb`. */
export interface ColorStop {
  at: number;
  color: string;
}

/** Cold to hot, as analysts expect from other heatmap tools: blue, cyan, lime, yellow, red. */
export const DEFAULT_STOPS: readonly ColorStop[] = [
  { at: 0.0, color: '#0000ff' },
  { at: 0.25, color: '#00ffff' },
  { at: 0.5, color: '#00ff00' },
  { at: 0.75, color: '#ffff00' },
  { at: 1.0, color: '#ff0000' },
];

/** Entries in a palette: one per 8-bit intensity. */
export const PALETTE_SIZE = 256;

/** Parses `#rgb` or `#rrggbb` into [r, g, b]; throws on anything else. */
export function parseHexColor(color: string): [number, number, number] {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (!m?.[1]) throw new Error(`Palette colour "${color}" is not #rgb or #rrggbb.`);
  const hex = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
  return [0, 2, 4].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

/**
 * Builds a palette of `PALETTE_SIZE` RGBA entries (flat, 4 bytes each) by linear
 * interpolation between the stops. Entry i's alpha is i itself, so faint heat stays faint;
 * colourising then keeps the blob's own alpha shape.
 */
export function buildPalette(stops: readonly ColorStop[] = DEFAULT_STOPS): Uint8ClampedArray {
  if (stops.length === 0) throw new Error('A heat palette needs at least one colour stop.');
  const sorted = [...stops]
    .map((s) => ({ at: Math.min(1, Math.max(0, s.at)), rgb: parseHexColor(s.color) }))
    .sort((a, b) => a.at - b.at);
  const out = new Uint8ClampedArray(PALETTE_SIZE * 4);
  for (let i = 0; i < PALETTE_SIZE; i++) {
    const t = i / (PALETTE_SIZE - 1);
    const rgb = interpolate(sorted, t);
    out[i * 4] = rgb[0];
    out[i * 4 + 1] = rgb[1];
    out[i * 4 + 2] = rgb[2];
    out[i * 4 + 3] = i;
  }
  return out;
}

type Rgb = [number, number, number];

function interpolate(stops: { at: number; rgb: Rgb }[], t: number): Rgb {
  const first = stops[0];
  const last = stops[stops.length - 1];
  if (!first || !last) return [0, 0, 0];
  if (t <= first.at) return first.rgb;
  if (t >= last.at) return last.rgb;
  for (let i = 1; i < stops.length; i++) {
    const hi = stops[i];
    const lo = stops[i - 1];
    if (!hi || !lo || t > hi.at) continue;
    const span = hi.at - lo.at;
    const f = span === 0 ? 1 : (t - lo.at) / span;
    const mix = (k: 0 | 1 | 2) => Math.round(lo.rgb[k] + (hi.rgb[k] - lo.rgb[k]) * f);
    return [mix(0), mix(1), mix(2)];
  }
  return last.rgb;
}

/** The palette colour of an intensity in 0..1, as `rgb(r g b)`; used by the legend. */
export function paletteColor(palette: Uint8ClampedArray, intensity: number): string {
  const i = Math.round(Math.min(1, Math.max(0, intensity)) * (PALETTE_SIZE - 1)) * 4;
  return `rgb(${palette[i]} ${palette[i + 1]} ${palette[i + 2]})`;
}
