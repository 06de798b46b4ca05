/** Click heat placed by element (see element-points.ts), as an overlay. */
import type { ClickHeatmap, ElementRow } from '../api';
import { csvField } from '../export/csv';
import { createHeatRenderer } from '../heat/renderer';
import type { Translate } from '../i18n';
import { heatRadius } from '../layout';
import { type DocRect, locate } from '../locate';
import { elementPoints } from './element-points';
import type { Overlay } from './overlay';

/** The overlay placing `elements`' clicks on the elements of the page shown now. */
export function elementOverlay(
  elements: readonly ElementRow[],
  geometry: ClickHeatmap,
  t: Translate,
): Overlay {
  let placed: ReturnType<typeof elementPoints> | null = null;
  let found = new Map<string, DocRect>();
  return {
    width: geometry.width,
    docHeight: geometry.docHeight,
    minHeight: 0,
    paint(canvas, scale, _height, doc) {
      found = new Map();
      placed = elementPoints(
        elements,
        (selector) => {
          const rects = locate(doc, selector);
          if (rects.length === 1 && rects[0]) found.set(selector, rects[0]);
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
    probe(x, y) {
      // The smallest placed element under the pointer: a button inside a card wins.
      let best: { e: ElementRow; area: number } | null = null;
      for (const e of elements) {
        const r = found.get(e.selector);
        if (!r || x < r.x || y < r.y || x > r.x + r.width || y > r.y + r.height) continue;
        const area = r.width * r.height;
        if (!best || area < best.area) best = { e, area };
      }
      return best ? t('probe.element', { selector: best.e.selector, n: best.e.clicks }) : null;
    },
    describe: () =>
      placed ? t('place.note', { placed: placed.placedClicks, unplaced: placed.unplacedClicks }) : '',
  };
}
