/** Click, rage click and dead click heat as an overlay: the heat renderer over the cells. */
import type { ClickHeatmap } from '../api';
import { heatmapCsv } from '../export/csv';
import { densityPeak } from '../heat/density';
import { cellsToPoints, heatMax } from '../heat/points';
import { createHeatRenderer } from '../heat/renderer';
import type { Translate } from '../i18n';
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

/** Clicks in cells whose centre is within `radius` document px of (x, y). */
export function clicksNear(heatmap: ClickHeatmap, x: number, y: number, radius: number): number {
  const cellW = heatmap.width / heatmap.columns;
  let n = 0;
  for (const c of heatmap.cells) {
    const dx = (c.x + 0.5) * cellW - x;
    const dy = (c.y + 0.5) * heatmap.rowHeight - y;
    if (dx * dx + dy * dy <= radius * radius) n += c.n;
  }
  return n;
}

/** The overlay of a click heatmap answer, on its own scale or on a shared one. */
export function clickOverlay(heatmap: ClickHeatmap, t: Translate, shared?: SharedScale): Overlay {
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
    probe(x, y) {
      const r = Math.round(heatRadius(heatmap));
      const n = clicksNear(heatmap, x, y, r);
      if (n === 0) return null;
      const share = heatmap.total > 0 ? Math.round((n / heatmap.total) * 100) : 0;
      return t('probe.clicks', { n, r, share });
    },
  };
}
