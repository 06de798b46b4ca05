/**
 * The conversion trend as a small inline SVG line chart (the table below it carries the
 * exact numbers): rate per period, scaled to the highest rate.
 */
import type { FunnelAnswer } from '../api';
import type { Lang } from '../i18n';
import { percent } from './format';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 480;
const HEIGHT = 120;
const PAD = 24;

/** The polyline points of `rates` in a `width` x `height` box, top = `max`. Pure. */
export function trendPoints(rates: readonly number[], width: number, height: number, max: number): string {
  if (rates.length === 0) return '';
  const step = rates.length > 1 ? width / (rates.length - 1) : 0;
  return rates
    .map((r, i) => {
      const x = rates.length > 1 ? i * step : width / 2;
      const y = max > 0 ? height - (Math.min(r, max) / max) * height : height;
      return `${x.toFixed(1)},${y.toFixed(1)}`;
    })
    .join(' ');
}

const node = (tag: string, attrs: Record<string, string>, text?: string) => {
  const n = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v);
  if (text !== undefined) n.textContent = text;
  return n;
};

/** The chart of `trend`, labelled for screen readers with `label`. */
export function trendChart(trend: FunnelAnswer['trend'], lang: Lang, label: string): SVGSVGElement {
  const rates = trend.points.map((p) => p.rate);
  const max = Math.max(0.01, ...rates);
  const svg = node('svg', {
    class: 'trend-chart',
    viewBox: `0 0 ${WIDTH + PAD * 2} ${HEIGHT + PAD * 2}`,
    role: 'img',
    'aria-label': label,
  }) as SVGSVGElement;
  const plot = node('g', { transform: `translate(${PAD * 1.5},${PAD})` });
  plot.append(
    node('line', { x1: '0', y1: String(HEIGHT), x2: String(WIDTH), y2: String(HEIGHT), class: 'axis' }),
    node('line', { x1: '0', y1: '0', x2: String(WIDTH), y2: '0', class: 'grid' }),
    node('text', { x: '-4', y: '4', 'text-anchor': 'end' }, percent(max, lang)),
    node('text', { x: '-4', y: String(HEIGHT + 4), 'text-anchor': 'end' }, percent(0, lang)),
    node('polyline', { points: trendPoints(rates, WIDTH, HEIGHT, max), class: 'line' }),
  );
  const first = trend.points[0];
  const last = trend.points[trend.points.length - 1];
  if (first && last) {
    plot.append(
      node('text', { x: '0', y: String(HEIGHT + 16) }, first.period),
      node('text', { x: String(WIDTH), y: String(HEIGHT + 16), 'text-anchor': 'end' }, last.period),
    );
  }
  svg.append(plot);
  return svg;
}
