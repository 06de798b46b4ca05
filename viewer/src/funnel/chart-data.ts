/**
 * The funnel answer as chart series and as one-sentence summaries for screen readers
 * (the charts' `aria-label`; the tables beside them carry the same numbers). Pure.
 */
import type { FunnelAnswer, StepCounts } from '../api';

/** Labels and one value list per series, in the order the chart stacks or groups them. */
export interface Series {
  labels: string[];
  sets: { name: string; values: number[] }[];
}

/** Per step: the visitors who went on to the next step and those who dropped (the last step's all converted). */
export function stepSeries(
  steps: readonly StepCounts[],
  names: readonly string[],
  words: { continued: string; dropped: string },
): Series {
  return {
    labels: steps.map((s) => names[s.step - 1] ?? String(s.step)),
    sets: [
      { name: words.continued, values: steps.map((s) => s.converted) },
      { name: words.dropped, values: steps.map((s) => s.dropped) },
    ],
  };
}

/** Breakdown values on the axis, one series per step (visitors who entered it). */
export function breakdownSeries(
  breakdown: FunnelAnswer['breakdown'],
  names: readonly string[],
  empty: string,
): Series {
  return {
    labels: breakdown.map((b) => b.value || empty),
    sets: names.map((name, i) => ({ name, values: breakdown.map((b) => b.steps[i]?.entered ?? 0) })),
  };
}

/** Time buckets on the axis, one series per step that has a time (steps 2..n). */
export function timingSeries(
  timing: FunnelAnswer['timeToConvert']['steps'],
  bucketNames: readonly string[],
  names: readonly string[],
): Series {
  return {
    labels: [...bucketNames],
    sets: timing.map((s) => ({ name: names[s.step - 1] ?? String(s.step), values: [...s.histogram] })),
  };
}

/** Periods on the axis; the conversion rate in percent (0..100). */
export function trendSeries(trend: FunnelAnswer['trend'], rateName: string): Series {
  return {
    labels: trend.points.map((p) => p.period),
    sets: [{ name: rateName, values: trend.points.map((p) => Math.round(p.rate * 10_000) / 100) }],
  };
}

/**
 * The series in words: "Title. Label: name 4, name 1; Label: …". `format` renders a value
 * (counts as they are, rates with a % sign).
 */
export function summarize(title: string, series: Series, format: (v: number) => string = String): string {
  const parts = series.labels.map((label, i) => {
    const values = series.sets.map((s) => `${s.name} ${format(s.values[i] ?? 0)}`);
    return `${label}: ${values.join(', ')}`;
  });
  return `${title}. ${parts.join('; ')}`;
}
