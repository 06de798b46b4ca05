/**
 * Click heat placed by element (see element-points.ts), as an overlay: each element found
 * once in the page shown gets its clicks where it is now; the clicks of elements the page
 * lacks are drawn where they were clicked (their cells fetched by `cellsOf`). When the
 * page shown has no document to search (no backdrop, or a live page that cannot be read),
 * the whole view is drawn by position (`byPoint`) instead of nothing.
 */
import type { ClickHeatmap, ElementRow, HeatCell } from '../api';
import { csvField } from '../export/csv';
import { cellCenter } from '../heat/points';
import { createHeatRenderer } from '../heat/renderer';
import type { Translate } from '../i18n';
import { heatRadius } from '../layout';
import { type DocRect, locate } from '../locate';
import { elementPoints } from './element-points';
import type { Overlay } from './overlay';

/** Most elements whose cells one request asks for (the API's limit). */
const MAX_FALLBACK_ELEMENTS = 500;

/** The overlay placing `elements`' clicks on the elements of the page shown now. */
export function elementOverlay(
  elements: readonly ElementRow[],
  geometry: ClickHeatmap,
  t: Translate,
  cellsOf?: (hashes: string[]) => Promise<HeatCell[]>,
  byPoint?: Overlay,
): Overlay {
  let placed: ReturnType<typeof elementPoints> | null = null;
  // The document-coordinate overlay drawn while the page shown has no document.
  let instead: Overlay | null = null;
  let found = new Map<string, DocRect>();
  let byPosition: { x: number; y: number; n: number }[] = [];
  const withPositions = new Set(elements.filter((e) => e.positions.length > 0).map((e) => e.selector));
  return {
    width: geometry.width,
    docHeight: geometry.docHeight,
    minHeight: 0,
    async prepare(doc) {
      byPosition = [];
      instead = doc ? null : (byPoint ?? null);
      // Elements the page lacks, and clicks recorded without a position inside their element
      // (older or mini-program data): both are drawn where they were clicked.
      const missing = elements.filter(
        (e) => e.clicks > 0 && (e.positions.length === 0 || locate(doc, e.selector).length !== 1),
      );
      if (!doc || !cellsOf || missing.length === 0) return;
      try {
        const cells = await cellsOf(missing.slice(0, MAX_FALLBACK_ELEMENTS).map((e) => e.hash));
        byPosition = cells.map((c) => ({ ...cellCenter(geometry, c.x, c.y), n: c.n }));
      } catch (error) {
        // Without them the placed elements still show; the summary counts the rest as not found.
        console.error(
          'heatfunnel viewer: clicks of elements missing from the page could not be loaded',
          error,
        );
      }
    },
    paint(canvas, scale, height, doc) {
      found = new Map();
      instead = doc ? null : (byPoint ?? null);
      if (instead) {
        placed = null;
        return instead.paint(canvas, scale, height, doc);
      }
      placed = elementPoints(
        elements,
        (selector) => {
          const rects = locate(doc, selector);
          if (rects.length === 1 && rects[0] && withPositions.has(selector)) found.set(selector, rects[0]);
          return rects;
        },
        scale,
        { radius: heatRadius(geometry), byPosition },
      );
      createHeatRenderer(canvas, { radius: heatRadius(geometry) * scale }).draw(placed.points);
    },
    labels: () => [],
    csv: () =>
      instead
        ? instead.csv()
        : `\ufeff${[
            'selector,clicks,visitors,clicks_per_view,placed',
            ...elements.map((e) =>
              [e.selector, e.clicks, e.clickers, e.rate.toFixed(4), found.has(e.selector) ? 'yes' : 'no']
                .map(csvField)
                .join(','),
            ),
          ].join('\r\n')}\r\n`,
    probe(x, y, height) {
      if (instead) return instead.probe?.(x, y, height) ?? null;
      // The smallest placed element under the pointer: a button inside a card wins.
      let best: { e: ElementRow; area: number } | null = null;
      for (const e of elements) {
        const r = found.get(e.selector);
        if (!r || x < r.x || y < r.y || x > r.x + r.width || y > r.y + r.height) continue;
        const area = r.width * r.height;
        if (!best || area < best.area) best = { e, area };
      }
      if (best) return t('probe.element', { selector: best.e.selector, n: best.e.clicks });
      // Off the placed elements: the clicks drawn where they were clicked, near the pointer.
      const r = Math.round(heatRadius(geometry));
      const n = byPosition.reduce((sum, p) => (Math.hypot(p.x - x, p.y - y) <= r ? sum + p.n : sum), 0);
      if (n === 0) return null;
      const share = geometry.total > 0 ? Math.round((n / geometry.total) * 100) : 0;
      return t('probe.clicks', { n, r, share });
    },
    describe: () => {
      if (instead) return t('place.byPosition');
      if (!placed) return '';
      const { placedClicks, unplacedClicks, positionClicks } = placed;
      return positionClicks > 0
        ? t('place.noteMixed', { placed: placedClicks, position: positionClicks })
        : t('place.note', { placed: placedClicks, unplaced: unplacedClicks });
    },
  };
}
