/** The numbers behind a click heatmap as CSV, for a spreadsheet: one row per cell. */
import type { ClickHeatmap } from '../api';
import { cellCenter } from '../heat/points';

/** CSV header; column/row are the API's cell indexes, x/y the cell centre in page px. */
export const CSV_HEADER = ['column', 'row', 'clicks', 'share_pct', 'x_px', 'y_px'] as const;

/** Quotes a CSV field when it holds a separator, quote or line break (RFC 4180). */
export function csvField(value: string | number): string {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The heatmap's cells as CSV, hottest first, with a BOM so spreadsheet apps read UTF-8
 * (page keys can be Chinese) and CRLF line ends.
 */
export function heatmapCsv(heatmap: ClickHeatmap): string {
  const total = heatmap.cells.reduce((s, c) => s + c.n, 0);
  const rows = [...heatmap.cells]
    .sort((a, b) => b.n - a.n || a.y - b.y || a.x - b.x)
    .map((c) => {
      const centre = cellCenter(heatmap, c.x, c.y);
      const share = total > 0 ? ((c.n / total) * 100).toFixed(2) : '0.00';
      return [c.x, c.y, c.n, share, centre.x.toFixed(1), centre.y.toFixed(1)].map(csvField).join(',');
    });
  return `\ufeff${[CSV_HEADER.join(','), ...rows].join('\r\n')}\r\n`;
}

/** A file name for an export of this view: site, page key, device and dates, safe on every OS. */
export function exportFileName(
  view: { site: string; page: string; type?: string; device: string; from: string; to: string },
  ext: 'csv' | 'png',
): string {
  const slug = (s: string) =>
    s
      .replace(/[:/\\?%*|"<>\s.]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'root';
  const type = view.type && view.type !== 'click' ? `_${view.type}` : '';
  return `heatfunnel_${slug(view.site)}_${slug(view.page)}${type}_${view.device}_${view.from}_${view.to}.${ext}`;
}
