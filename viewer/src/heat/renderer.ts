/**
 * The heat renderer (the simpleheat approach): each point stamps an alpha blob, weighted by
 * its heat, onto an offscreen canvas; the accumulated alpha is then colourised through the
 * palette and copied to the visible canvas in one put.
 */
import { colorize, stampAlpha } from './colorize';
import { buildPalette, type ColorStop, DEFAULT_STOPS } from './palette';
import type { HeatPoints } from './points';

/** Options of a heat renderer. */
export interface HeatRendererOptions {
  /** Blob radius in canvas px. */
  radius?: number;
  /** Colour stops, cold to hot. */
  stops?: readonly ColorStop[];
}

/** Draws heat points onto one canvas; reuse it across redraws. */
export interface HeatRenderer {
  /** Replaces the canvas content with the heat of `points` (canvas px, weight 0..1). */
  draw(points: HeatPoints): void;
  /** Changes the blob radius (canvas px). */
  setRadius(radius: number): void;
  /** Makes the canvas transparent. */
  clear(): void;
}

type Canvas2D = HTMLCanvasElement | OffscreenCanvas;

function makeCanvas(width: number, height: number): Canvas2D {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(width, height);
  const c = document.createElement('canvas');
  c.width = width;
  c.height = height;
  return c;
}

function context(canvas: Canvas2D): CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D {
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('This browser cannot draw on a 2D canvas, so the heatmap cannot be shown.');
  return ctx as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;
}

function makeStamp(radius: number): Canvas2D {
  const alpha = stampAlpha(radius);
  const side = Math.round(Math.sqrt(alpha.length));
  const stamp = makeCanvas(side, side);
  const ctx = context(stamp);
  const img = ctx.createImageData(side, side);
  for (let i = 0; i < alpha.length; i++) img.data[i * 4 + 3] = alpha[i] ?? 0;
  ctx.putImageData(img, 0, 0);
  return stamp;
}

/** Creates a renderer drawing into `canvas` at the canvas's current pixel size. */
export const createHeatRenderer = (
  canvas: HTMLCanvasElement,
  { radius = 20, stops = DEFAULT_STOPS }: HeatRendererOptions = {},
): HeatRenderer => {
  const palette = buildPalette(stops);
  let r = Math.max(1, Math.round(radius));
  let stamp = makeStamp(r);
  const visible = context(canvas);

  return {
    setRadius(next) {
      const rounded = Math.max(1, Math.round(next));
      if (rounded === r) return;
      r = rounded;
      stamp = makeStamp(r);
    },
    clear() {
      visible.clearRect(0, 0, canvas.width, canvas.height);
    },
    draw(points) {
      const { width, height } = canvas;
      if (width === 0 || height === 0) return;
      const off = makeCanvas(width, height);
      const ctx = context(off);
      for (let i = 0; i < points.length; i++) {
        const x = points.x[i] ?? 0;
        const y = points.y[i] ?? 0;
        if (x < -r || y < -r || x > width + r || y > height + r) continue;
        ctx.globalAlpha = points.w[i] ?? 0;
        ctx.drawImage(stamp, Math.round(x) - r, Math.round(y) - r);
      }
      const img = ctx.getImageData(0, 0, width, height);
      colorize(img.data, palette);
      visible.putImageData(img, 0, 0);
    },
  };
};
