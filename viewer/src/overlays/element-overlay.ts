/** Click heat placed by element (see element-points.ts), as an overlay. */
import type { ClickHeatmap, ElementRow } from '../api';
import { csvField } from '../export/csv';
import { createHeatRenderer } from '../heat/renderer';
import type { Translate } from '../i18n';
import { heatRadius } from '../layout';
import { locate } from '../locate';
import { elementPoints } from './element-points';
import type { Overlay } from './overlay';

/** The overlay placing `elements`' clicks on the elements of the page shown now. */
export function elementOverlay(
  elements: readonly ElementRow[],
  geometry: ClickHeatmap,
  t: Translate,
): Overlay {
  let placed: ReturnType<typeof elementPoints> | null = null;
  let found = new Set<string>();
  return {
    width: geometry.width,
    docHeight: geometry.docHeight,
    minHeight: 0,
    paint(canvas, scale, _height, doc) {
      found = new Set();
      placed = elementPoints(
        elements,
        (selector) => {
          const rects = locate(doc, selector);
          if (rects.length === 1) found.add(selector);
          return rects;
        },
        scale,
        { radius: heatRadius(geometry) },
      );
      createHeatRenderer(canvas, { radius: heatRadius(geometry) * scale }).draw(placed.points);
    },
    labels: () => [],
    csv: () =>
      `\ufeff${[
        'selector,clicks,visitors,clicks_per_view,placed',
        ...elements.map((e) =>
          [e.selector, e.clicks, e.clickers, e.rate.toFixed(4), found.has(e.selector) ? 'yes' : 'no']
            .map(csvField)
            .join(','),
        ),
      ].join('\r\n')}\r\n`,
    describe: () =>
      placed ? t('place.note', { placed: placed.placedClicks, unplaced: placed.unplacedClicks }) : '',
  };
}
