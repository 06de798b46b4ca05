/**
 * Fetches what one heatmap type needs and turns it into an overlay and a summary line, or
 * into the words for "nothing to show".
 */
import type { Api, ClickLayer, PageQuery } from './api';
import type { Translate } from './i18n';
import { clickOverlay } from './overlays/click-overlay';
import { elementOverlay } from './overlays/element-overlay';
import type { Overlay } from './overlays/overlay';
import { attentionOverlay, scrollOverlay } from './overlays/scroll-overlay';
import type { HeatType, Placement } from './state';

/** Most elements fetched to place clicks by element. */
const PLACEMENT_ELEMENTS = 1000;

/** An overlay to draw with its summary, or the reason there is none. */
export type Loaded = { overlay: Overlay; summary: string } | { empty: string };

const LAYER: Record<'click' | 'rage' | 'dead', ClickLayer> = { click: 'clicks', rage: 'rage', dead: 'dead' };

/** Loads the overlay of `type` for `q`. */
export async function loadOverlay(
  api: Api,
  q: PageQuery,
  type: HeatType,
  place: Placement,
  t: Translate,
  signal: AbortSignal,
): Promise<Loaded> {
  const device = t(`device.${q.device}`);
  const words = { device, from: q.from, to: q.to };
  if (type === 'click' || type === 'rage' || type === 'dead') {
    const heatmap = await api.clickHeatmap(q, LAYER[type], signal);
    if (heatmap.total === 0 || heatmap.cells.length === 0) {
      return {
        empty:
          type === 'click'
            ? t('empty.heatmap', words)
            : t('empty.layer', { ...words, layer: t(`type.${type}`).toLowerCase() }),
      };
    }
    const summary = t(`summary.${type}`, { device, total: heatmap.total });
    if (type !== 'click' || place === 'position') return { overlay: clickOverlay(heatmap), summary };
    const elements = await api.elements(q, PLACEMENT_ELEMENTS, signal);
    return { overlay: elementOverlay(elements, heatmap, t), summary };
  }
  // Scroll maps need the page's geometry, which the click heatmap answer carries.
  const [scroll, geometry] = await Promise.all([
    api.scroll(q, signal),
    api.clickHeatmap(q, 'clicks', signal),
  ]);
  if (type === 'scroll') {
    if (scroll.views === 0) return { empty: t('empty.scroll', words) };
    return {
      overlay: scrollOverlay(scroll, geometry, t),
      summary: t('summary.scroll', { device, views: scroll.views, fold: Math.round(scroll.averageFold) }),
    };
  }
  if (scroll.attention.views === 0) return { empty: t('empty.scroll', words) };
  const max = Math.max(0, ...scroll.attention.seconds);
  return {
    overlay: attentionOverlay(scroll, geometry, t),
    summary: t('summary.attention', { device, views: scroll.attention.views, max: max.toFixed(1) }),
  };
}
