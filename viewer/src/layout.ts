/** Fitting the page at its reference width into the panel, and sizing the heat canvas. */

/** Largest heat canvas: under Chromium's 32767 px side, and 16M px (64 MB of RGBA) to bound memory. */
export const MAX_CANVAS_SIDE = 32_000;
export const MAX_CANVAS_AREA = 16_000_000;

/** Opacity of the heat over the page, on screen and in exports: the page stays readable under it. */
export const HEAT_OPACITY = 0.8;

/** Where the page and its heat go on screen. */
export interface StageLayout {
  /** CSS px on screen per document px. */
  scale: number;
  /** On-screen size of the page, CSS px. */
  cssWidth: number;
  cssHeight: number;
  /** Canvas backing pixels per CSS px (device pixel ratio, reduced for very long pages). */
  pixelRatio: number;
  /** Canvas backing size, px. */
  canvasWidth: number;
  canvasHeight: number;
}

/**
 * Scales a `width` x `height` document to fit `panelWidth` (never enlarging it), and picks
 * a canvas resolution no larger than the browser allows.
 */
export function fitStage({
  width,
  height,
  panelWidth,
  devicePixelRatio = 1,
}: {
  width: number;
  height: number;
  panelWidth: number;
  devicePixelRatio?: number;
}): StageLayout {
  const scale = width > 0 && panelWidth > 0 ? Math.min(1, panelWidth / width) : 1;
  const cssWidth = Math.max(1, Math.floor(width * scale));
  const cssHeight = Math.max(1, Math.ceil(height * scale));
  const pixelRatio = Math.max(
    0.05,
    Math.min(
      devicePixelRatio || 1,
      MAX_CANVAS_SIDE / cssWidth,
      MAX_CANVAS_SIDE / cssHeight,
      Math.sqrt(MAX_CANVAS_AREA / (cssWidth * cssHeight)),
    ),
  );
  return {
    scale,
    cssWidth,
    cssHeight,
    pixelRatio,
    canvasWidth: Math.max(1, Math.round(cssWidth * pixelRatio)),
    canvasHeight: Math.max(1, Math.round(cssHeight * pixelRatio)),
  };
}

/** Blob radius in document px for a grid: two cells wide, so neighbouring cells merge into one patch. */
export function heatRadius(grid: { columns: number; rowHeight: number; width: number }): number {
  return 2 * Math.max(grid.width / grid.columns, grid.rowHeight);
}
