/**
 * The funnel's charts, drawn by Chart.js: the steps as stacked bars (went on / dropped), the
 * breakdown as grouped bars, the time-to-convert histogram and the conversion trend. Each
 * chart is a canvas with `role="img"` and a summary of its numbers as `aria-label`, shown at
 * once; Chart.js arrives in its own chunk (chart-draw.ts) and draws when it is loaded. A table
 * sits beside each chart.
 */
import type { ChartConfiguration } from 'chart.js';
import { el } from '../ui/dom';
import type { Series } from './chart-data';

/** Step colours, darkest first, so later steps read as "fewer"; the dropped share is red. */
const STEP_COLOURS = ['#2f5bea', '#4f86c6', '#2a9d8f', '#8ab17d', '#e9c46a', '#f4a261'];
const DROPPED = '#e4572e';
export const colourOf = (i: number): string => STEP_COLOURS[i % STEP_COLOURS.length] as string;

/** A chart on the page (what chart-draw.ts returns). */
interface Drawn {
  destroy(): void;
}

/** One chart per slot: drawing a slot again destroys its previous chart (and its listeners). */
const live = new Map<string, Drawn>();
/** The newest figure of each slot; a chart whose figure was replaced before Chart.js arrived is not drawn. */
const newest = new Map<string, number>();
let figures = 0;
let drawModule: Promise<typeof import('./chart-draw')> | null = null;

/** What a chart shows. */
export interface ChartSpec {
  /** Slot name; also the figure's `data-chart`. */
  slot: 'steps' | 'breakdown' | 'timing' | 'trend';
  title: string;
  /** The numbers in words: the canvas's accessible name. */
  summary: string;
  config: ChartConfiguration<'bar' | 'line'>;
  /** CSS height of the plot, px. */
  height: number;
}

/**
 * A `<figure>` with the chart's title and canvas. Its `data-state` turns from `loading` to
 * `drawn` once Chart.js has drawn it (or `failed` when Chart.js could not be loaded; the
 * table beside it still has the numbers).
 */
export function chartFigure({ slot, title, summary, config, height }: ChartSpec): HTMLElement {
  live.get(slot)?.destroy();
  live.delete(slot);
  const id = ++figures;
  newest.set(slot, id);
  const canvas = el('canvas', { role: 'img', 'aria-label': summary });
  const frame = el('div', { class: 'chart-frame', style: `height:${height}px` }, canvas);
  const figure = el(
    'figure',
    { class: 'chart', 'data-chart': slot, 'data-state': 'loading' },
    el('figcaption', {}, title),
    frame,
  );
  drawModule ??= import('./chart-draw');
  drawModule.then(
    ({ drawChart }) => {
      if (newest.get(slot) !== id) return;
      live.set(slot, drawChart(canvas, config));
      figure.dataset.state = 'drawn';
    },
    () => {
      drawModule = null;
      figure.dataset.state = 'failed';
    },
  );
  return figure;
}

/** Destroys every chart (results cleared), and any still waiting for Chart.js. */
export function clearCharts(): void {
  for (const chart of live.values()) chart.destroy();
  live.clear();
  newest.clear();
}

const base = {
  responsive: true,
  maintainAspectRatio: false,
  // Numbers appear at once: an animation would only delay reading (and screenshots).
  animation: false,
} as const;

/** Horizontal stacked bars: per step, who went on and who dropped. */
export function stackedStepsConfig(series: Series): ChartConfiguration<'bar'> {
  return {
    type: 'bar',
    data: {
      labels: series.labels,
      datasets: series.sets.map((s, i) => ({
        label: s.name,
        data: s.values,
        backgroundColor: i === 0 ? colourOf(0) : DROPPED,
        stack: 'steps',
      })),
    },
    options: {
      ...base,
      indexAxis: 'y',
      scales: { x: { stacked: true, beginAtZero: true, ticks: { precision: 0 } }, y: { stacked: true } },
    },
  };
}

/** Grouped vertical bars: one group per label, one bar per series. */
export function groupedBarsConfig(series: Series): ChartConfiguration<'bar'> {
  return {
    type: 'bar',
    data: {
      labels: series.labels,
      datasets: series.sets.map((s, i) => ({ label: s.name, data: s.values, backgroundColor: colourOf(i) })),
    },
    options: { ...base, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  };
}

/** A line of percentages over periods. */
export function rateLineConfig(series: Series): ChartConfiguration<'line'> {
  return {
    type: 'line',
    data: {
      labels: series.labels,
      datasets: series.sets.map((s, i) => ({
        label: s.name,
        data: s.values,
        borderColor: colourOf(i),
        backgroundColor: colourOf(i),
        tension: 0.2,
      })),
    },
    options: {
      ...base,
      plugins: { legend: { display: false } },
      scales: { y: { beginAtZero: true, ticks: { callback: (v) => `${v}%` } } },
    },
  };
}
