/**
 * The benchmark's browser half: times the heat renderer on 100k cells in this page and
 * returns the figures. Bundled by bench/render.mjs and run in Chromium.
 */
import { cellsToPoints } from '../src/heat/points';
import { createHeatRenderer } from '../src/heat/renderer';
import { heatRadius } from '../src/layout';

/** One timing run's settings. */
export interface BenchOptions {
  cells: number;
  width: number;
  docHeight: number;
  runs: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

/** Deterministic pseudo-random numbers, so every run draws the same heat. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Times mapping and drawing `cells` heat cells (skewed counts, like real pages) `runs` times. */
function run({ cells, width, docHeight, runs }: BenchOptions) {
  const rand = random(7);
  const columns = 100;
  const rowHeight = 10;
  const rows = Math.ceil(docHeight / rowHeight);
  const grid = {
    columns,
    rowHeight,
    width,
    cells: Array.from({ length: cells }, () => ({
      x: Math.floor(rand() * columns),
      y: Math.floor(rand() * rows),
      n: Math.ceil(1 / (rand() + 0.001)),
    })),
  };
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = docHeight;
  document.body.append(canvas);
  const renderer = createHeatRenderer(canvas, { radius: heatRadius(grid) });
  const map: number[] = [];
  const draw: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const t0 = performance.now();
    const points = cellsToPoints(grid);
    const t1 = performance.now();
    renderer.draw(points);
    // getImageData forces the draw to finish, so the time includes the pixels landing.
    canvas.getContext('2d')?.getImageData(0, 0, 1, 1);
    const t2 = performance.now();
    if (i === 0) continue; // warm-up
    map.push(t1 - t0);
    draw.push(t2 - t1);
  }
  canvas.remove();
  return {
    cells,
    canvas: `${width}x${docHeight}`,
    runs,
    mapMedianMs: median(map),
    drawMedianMs: median(draw),
    drawMinMs: Math.min(...draw),
    drawMaxMs: Math.max(...draw),
  };
}

(globalThis as unknown as { heatBench: typeof run }).heatBench = run;
