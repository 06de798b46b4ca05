/**
 * From the server's click heat cells to weighted points on the canvas: where each cell's
 * centre lands at the bucket's reference width, and how hot it is next to the hottest.
 */

/** The part of a click heatmap answer (contracts.md) that placement needs. */
export interface CellGrid {
  columns: number;
  rowHeight: number;
  width: number;
  cells: readonly { x: number; y: number; n: number }[];
}

/** Points as parallel arrays (canvas px and weight 0..1), cheap to build for 100k cells. */
export interface HeatPoints {
  x: Float32Array;
  y: Float32Array;
  w: Float32Array;
  length: number;
}

/** Document point (CSS px at the reference width) of the centre of cell (x, y). */
export function cellCenter(grid: Pick<CellGrid, 'columns' | 'rowHeight' | 'width'>, x: number, y: number) {
  return { x: ((x + 0.5) / grid.columns) * grid.width, y: (y + 0.5) * grid.rowHeight };
}

/**
 * The count that maps to full heat. `clip` is a quantile in (0, 1]: 1 takes the true max;
 * a lower value stops one hugely popular button from washing the rest of the page out.
 */
export function heatMax(counts: ArrayLike<number>, clip = 1): number {
  const values: number[] = [];
  for (let i = 0; i < counts.length; i++) {
    const v = counts[i] ?? 0;
    if (v > 0 && Number.isFinite(v)) values.push(v);
  }
  if (values.length === 0) return 0;
  if (clip >= 1) return values.reduce((m, v) => Math.max(m, v), 0);
  values.sort((a, b) => a - b);
  const q = Math.max(0, Math.min(values.length - 1, Math.ceil(clip * values.length) - 1));
  return values[q] ?? 0;
}

/** A count's weight in 0..1 against `max`, never below `floor` so one click still shows. */
export function weight(n: number, max: number, floor = 0): number {
  if (!(max > 0) || !(n > 0)) return 0;
  return Math.min(1, Math.max(floor, n / max));
}

/**
 * Maps cells to canvas points: cell centre at the reference width, times `scale` (canvas
 * px per document px), weighted against the (optionally clipped) max count.
 */
export function cellsToPoints(
  grid: CellGrid,
  {
    scale = 1,
    clip = 1,
    floor = 0.05,
    max: fixedMax,
  }: { scale?: number; clip?: number; floor?: number; max?: number } = {},
): HeatPoints {
  const n = grid.cells.length;
  const out: HeatPoints = {
    x: new Float32Array(n),
    y: new Float32Array(n),
    w: new Float32Array(n),
    length: 0,
  };
  // A fixed max puts two answers on one scale (side-by-side comparison).
  const max =
    fixedMax ??
    heatMax(
      grid.cells.map((c) => c.n),
      clip,
    );
  if (max === 0) return out;
  const cellW = grid.width / grid.columns;
  let k = 0;
  for (const c of grid.cells) {
    const w = weight(c.n, max, floor);
    if (w === 0) continue;
    out.x[k] = (c.x + 0.5) * cellW * scale;
    out.y[k] = (c.y + 0.5) * grid.rowHeight * scale;
    out.w[k] = w;
    k++;
  }
  out.length = k;
  return out;
}
