/**
 * Scroll reach and attention as overlays: the page coloured by the share of views that
 * reached each depth (with the average fold marked), or by the seconds each band was seen.
 */
import type { ScrollAnswer } from '../api';
import { csvField } from '../export/csv';
import { buildPalette } from '../heat/palette';
import type { Translate } from '../i18n';
import { bandAt, drawColumn, paintColumn, reachAt } from './column';
import type { Overlay, OverlayLabel } from './overlay';

/** Depths labelled on the scroll map, percent of the page. */
const LABEL_STEP = 10;

/** Page geometry from the click heatmap answer: the bucket's width and the median height. */
export interface Geometry {
  width: number;
  docHeight: number;
}

const csv = (header: string[], rows: (string | number)[][]) =>
  `\ufeff${[header.join(','), ...rows.map((r) => r.map(csvField).join(','))].join('\r\n')}\r\n`;

/** The scroll reach overlay: red where everyone looked, blue where few got to. */
export function scrollOverlay(answer: ScrollAnswer, geometry: Geometry, t: Translate): Overlay {
  const palette = buildPalette();
  const { reach, stepPercent } = answer;
  return {
    ...geometry,
    minHeight: 0,
    paint(canvas) {
      drawColumn(
        canvas,
        paintColumn(canvas.height, (f) => reachAt(reach, stepPercent, f * 100), palette),
      );
    },
    labels(height) {
      const labels: OverlayLabel[] = [];
      for (let pct = LABEL_STEP; pct < 100; pct += LABEL_STEP) {
        const share = Math.round(reachAt(reach, stepPercent, pct) * 100);
        labels.push({ y: (pct / 100) * height, kind: 'band', text: t('label.reach', { share }) });
      }
      if (answer.averageFold > 0) {
        labels.push({
          y: answer.averageFold,
          kind: 'fold',
          text: t('label.fold', { px: Math.round(answer.averageFold) }),
        });
      }
      return labels;
    },
    probe: (_x, y, height) =>
      t('probe.reach', { share: Math.round(reachAt(reach, stepPercent, (y / height) * 100) * 100) }),
    csv: () =>
      csv(
        ['depth_pct', 'reached_pct'],
        reach.map((r, i) => [i * stepPercent, (r * 100).toFixed(2)]),
      ),
  };
}

/** The attention overlay: each band coloured by its average seconds in view (hottest red, or against `sharedMax`). */
export function attentionOverlay(
  answer: ScrollAnswer,
  geometry: Geometry,
  t: Translate,
  sharedMax?: number,
): Overlay {
  const palette = buildPalette();
  const seconds = answer.attention.seconds;
  // Side by side, both views are coloured against the larger of their busiest bands.
  const max = sharedMax ?? Math.max(0, ...seconds);
  const n = seconds.length;
  return {
    ...geometry,
    minHeight: 0,
    paint(canvas) {
      drawColumn(
        canvas,
        paintColumn(canvas.height, (f) => (max > 0 ? bandAt(seconds, f) / max : 0), palette),
      );
    },
    labels: (height) =>
      seconds.map((s, i) => ({
        y: ((i + 0.5) / n) * height,
        kind: 'band' as const,
        text: t('label.seconds', { s: s.toFixed(1) }),
      })),
    probe: (_x, y, height) => {
      const band = Math.min(n - 1, Math.max(0, Math.floor((y / height) * n)));
      return t('probe.seconds', { s: (seconds[band] ?? 0).toFixed(1), band: band + 1 });
    },
    csv: () =>
      csv(
        ['band', 'from_pct', 'to_pct', 'seconds_per_view'],
        seconds.map((s, i) => [
          i + 1,
          ((i / n) * 100).toFixed(1),
          (((i + 1) / n) * 100).toFixed(1),
          s.toFixed(2),
        ]),
      ),
  };
}
