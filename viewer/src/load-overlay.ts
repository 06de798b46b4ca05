/**
 * Fetches what one heatmap type needs, for one view or two side by side, and turns each
 * into an overlay and a summary line, or into the words for "nothing to show". Two views
 * share one colour scale, so the busier one looks busier.
 */
import type { Api, ClickHeatmap, ClickLayer, PageQuery } from './api';
import type { Translate } from './i18n';
import { clickOverlay, sharedScale } from './overlays/click-overlay';
import { elementOverlay } from './overlays/element-overlay';
import type { Overlay } from './overlays/overlay';
import { attentionOverlay, scrollOverlay } from './overlays/scroll-overlay';
import type { HeatType, Placement } from './state';

/** An overlay to draw with its summary, or the reason there is none. */
export type Loaded = { overlay: Overlay; summary: string } | { empty: string };

/** Most elements fetched to place clicks by element. */
const PLACEMENT_ELEMENTS = 1000;

const LAYER: Record<'click' | 'rage' | 'dead', ClickLayer> = { click: 'clicks', rage: 'rage', dead: 'dead' };

const words = (q: PageQuery, t: Translate) => ({ device: t(`device.${q.device}`), from: q.from, to: q.to });

/**
 * Loads the overlay of `type` for each of `queries` (one, or two to compare), laid out at
 * `width` when the backdrop has its own (a snapshot's), else at the bucket's reference width;
 * clicks placed as `place` says once the backdrop is known (by position without one).
 */
export async function loadOverlays(
  api: Api,
  queries: readonly PageQuery[],
  type: HeatType,
  place: Placement | Promise<Placement>,
  t: Translate,
  signal: AbortSignal,
  width: Promise<number | null> | number | null = null,
): Promise<Loaded[]> {
  // Cells are fractions of the document's width, so they draw at any width.
  const atWidth = async <G extends { width: number }>(answers: G[]): Promise<G[]> => {
    const w = await width;
    return w && w > 0 ? answers.map((a) => ({ ...a, width: w })) : answers;
  };
  if (type === 'click' || type === 'rage' || type === 'dead') {
    const heatmaps = await atWidth(
      await Promise.all(queries.map((q) => api.clickHeatmap(q, LAYER[type], signal))),
    );
    const byElement = type === 'click' && (await place) === 'element';
    const elements = byElement
      ? await Promise.all(queries.map((q) => api.elements(q, PLACEMENT_ELEMENTS, signal)))
      : [];
    const shared = heatmaps.length > 1 ? sharedScale(heatmaps) : undefined;
    return heatmaps.map((heatmap, i): Loaded => {
      const w = words(queries[i] as PageQuery, t);
      if (heatmap.total === 0 || heatmap.cells.length === 0) {
        return {
          empty:
            type === 'click'
              ? t('empty.heatmap', w)
              : t('empty.layer', { ...w, layer: t(`type.${type}`).toLowerCase() }),
        };
      }
      const summary = t(`summary.${type}`, { device: w.device, total: heatmap.total });
      const rows = elements[i];
      const q = queries[i] as PageQuery;
      const byPoint = clickOverlay(heatmap, t, shared);
      const overlay = rows
        ? elementOverlay(rows, heatmap, t, (hashes) => api.elementCells(q, hashes, signal), byPoint)
        : byPoint;
      return { overlay, summary };
    });
  }
  // Scroll maps need the page's geometry, which the click heatmap answer carries.
  const [scrolls, geometries] = await Promise.all([
    Promise.all(queries.map((q) => api.scroll(q, signal))),
    Promise.all(queries.map((q) => api.clickHeatmap(q, 'clicks', signal))).then(atWidth),
  ]);
  const answers = scrolls.map((scroll, i) => [scroll, geometries[i] as ClickHeatmap] as const);
  const sharedMax =
    answers.length > 1 ? Math.max(0, ...answers.flatMap(([s]) => s.attention.seconds)) : undefined;
  return answers.map(([scroll, geometry], i): Loaded => {
    const w = words(queries[i] as PageQuery, t);
    if (type === 'scroll') {
      if (scroll.views === 0) return { empty: t('empty.scroll', w) };
      return {
        overlay: scrollOverlay(scroll, geometry, t),
        summary: t('summary.scroll', {
          device: w.device,
          views: scroll.views,
          fold: Math.round(scroll.averageFold),
        }),
      };
    }
    if (scroll.attention.views === 0) return { empty: t('empty.scroll', w) };
    const max = Math.max(0, ...scroll.attention.seconds);
    return {
      overlay: attentionOverlay(scroll, geometry, t, sharedMax),
      summary: t('summary.attention', {
        device: w.device,
        views: scroll.attention.views,
        max: max.toFixed(1),
      }),
    };
  });
}
