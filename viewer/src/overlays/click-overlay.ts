/** Click, rage click and dead click heat as an overlay: the heat renderer over the cells. */
import type { ClickHeatmap } from '../api';
import { heatmapCsv } from '../export/csv';
import { densityPeak } from '../heat/density';
import { cellsToPoints, heatMax } from '../heat/points';
import { createHeatRenderer } from '../heat/renderer';
import { heatRadius } from '../layout';
import type { Overlay } from './overlay';

/** One colour scale for several heatmaps: the count that is full weight and the densest spot. */
export interface SharedScale {
  cellMax: number;
  peak: number;
}

/** The scale that puts `heatmaps` (same page and bucket) side by side without flattering either. */
export function sharedScale(heatmaps: readonly ClickHeatmap[]): SharedScale {
  const cellMax = Math.max(0, ...heatmaps.map((h) => heatMax(h.cells.map((c) => c.n))));
  const peak = Math.max(
    0,
    ...heatmaps.map((h) => {
      const bottom = h.cells.reduce((m, c) => Math.max(m, (c.y + 1) * h.rowHeight), 0);
      const radius = heatRadius(h);
      return densityPeak(cellsToPoints(h, { max: cellMax }), h.width, bottom + radius, radius);
    }),
  );
  return { cellMax, peak };
}

/** The overlay of a click heatmap answer, on its own scale or on a shared one. */
export function clickOverlay(heatmap: ClickHeatmap, shared?: SharedScale): Overlay {
  const cellsBottom = heatmap.cells.reduce((m, c) => Math.max(m, (c.y + 1) * heatmap.rowHeight), 0);
  return {
    width: heatmap.width,
    docHeight: heatmap.docHeight,
    minHeight: cellsBottom,
    paint(canvas, scale) {
      createHeatRenderer(canvas, { radius: heatRadius(heatmap) * scale }).draw(
        cellsToPoints(heatmap, { scale, max: shared?.cellMax }),
        shared?.peak,
      );
    },
    labels: () => [],
    csv: () => heatmapCsv(heatmap),
  };
}
