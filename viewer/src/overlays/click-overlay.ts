/** Click, rage click and dead click heat as an overlay: the heat renderer over the cells. */
import type { ClickHeatmap } from '../api';
import { heatmapCsv } from '../export/csv';
import { cellsToPoints } from '../heat/points';
import { createHeatRenderer } from '../heat/renderer';
import { heatRadius } from '../layout';
import type { Overlay } from './overlay';

/** The overlay of a click heatmap answer. */
export function clickOverlay(heatmap: ClickHeatmap): Overlay {
  const cellsBottom = heatmap.cells.reduce((m, c) => Math.max(m, (c.y + 1) * heatmap.rowHeight), 0);
  return {
    width: heatmap.width,
    docHeight: heatmap.docHeight,
    minHeight: cellsBottom,
    paint(canvas, scale) {
      createHeatRenderer(canvas, { radius: heatRadius(heatmap) * scale }).draw(
        cellsToPoints(heatmap, { scale }),
      );
    },
    labels: () => [],
    csv: () => heatmapCsv(heatmap),
  };
}
