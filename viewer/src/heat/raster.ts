/**
 * From the coarse heat field to canvas pixels: bilinear upsampling of intensity, then one
 * palette lookup per pixel for colour and alpha. Rows and spans without heat are skipped,
 * so sparse pages cost little. Pure: writes into a plain RGBA byte array.
 */
import type { HeatField } from './density';
import { PALETTE_SIZE } from './palette';

/** The palette as one 32-bit word per entry in the machine's byte order, for single writes. */
export function packPalette(palette: Uint8ClampedArray): Uint32Array {
  if (palette.length !== PALETTE_SIZE * 4) throw new Error('The heat palette must have 256 RGBA entries.');
  return new Uint32Array(palette.slice().buffer);
}

/**
 * Fills `out` (RGBA, `width` x `height`, zeroed) with the field's heat coloured by `palette`.
 * Grid cell (i, j) is centred on canvas point ((i + 0.5) * cell, (j + 0.5) * cell).
 */
export function rasterize(
  field: HeatField,
  palette: Uint8ClampedArray,
  width: number,
  height: number,
  out: Uint8ClampedArray,
): void {
  if (out.length !== width * height * 4) throw new Error('rasterize needs an RGBA buffer of width x height.');
  const words = packPalette(palette);
  const pixels = new Uint32Array(out.buffer, out.byteOffset, width * height);
  const { cell, values, rowFirst, rowLast } = field;
  const gw = field.width;
  const gh = field.height;
  const top = PALETTE_SIZE - 1;
  // Source column and weight of each canvas column, computed once.
  const col0 = new Int32Array(width);
  const colF = new Float32Array(width);
  for (let px = 0; px < width; px++) {
    const u = Math.min(gw - 1, Math.max(0, (px + 0.5) / cell - 0.5));
    const i = Math.max(0, Math.min(gw - 2, Math.floor(u)));
    col0[px] = i;
    colF[px] = gw === 1 ? 0 : u - i;
  }
  // One grid row blended vertically for the current canvas row (plus a zero pad column).
  const line = new Float32Array(gw + 1);
  for (let py = 0; py < height; py++) {
    const v = Math.min(gh - 1, Math.max(0, (py + 0.5) / cell - 0.5));
    const j0 = Math.max(0, Math.min(gh - 2, Math.floor(v)));
    const j1 = Math.min(gh - 1, j0 + 1);
    const fy = gh === 1 ? 0 : v - j0;
    const first = Math.min(rowFirst[j0] as number, rowFirst[j1] as number);
    const last = Math.max(rowLast[j0] as number, rowLast[j1] as number);
    if (first > last) continue;
    const gFrom = Math.max(0, first - 1);
    const gTo = Math.min(gw - 1, last + 1);
    for (let i = gFrom; i <= gTo; i++) {
      const a = values[j0 * gw + i] as number;
      line[i] = a + ((values[j1 * gw + i] as number) - a) * fy;
    }
    const xFrom = Math.max(0, Math.floor(gFrom * cell));
    const xTo = Math.min(width - 1, Math.ceil((gTo + 1) * cell));
    const row = py * width;
    for (let px = xFrom; px <= xTo; px++) {
      const i = col0[px] as number;
      if (i < gFrom || i >= gTo) continue;
      const a = line[i] as number;
      const s = a + ((line[i + 1] as number) - a) * (colF[px] as number);
      const p = (s * top + 0.5) | 0;
      if (p > 0) pixels[row + px] = words[p] as number;
    }
  }
}
