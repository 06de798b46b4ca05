/**
 * Chart.js itself, in its own chunk: only the funnel page loads it (the heatmap page, the
 * one analysts open first, does not pay for it). Only the bar and line parts are registered.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Legend,
  Tooltip,
);

/** Draws `config` on `canvas` in the page's own font; the chart redraws when its box resizes. */
export function drawChart(canvas: HTMLCanvasElement, config: ChartConfiguration<'bar' | 'line'>): Chart {
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  return new Chart(canvas, config);
}
