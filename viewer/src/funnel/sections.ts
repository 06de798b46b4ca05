/**
 * The parts of a funnel answer below the steps, each a chart beside a table with the exact
 * numbers: the breakdown (grouped bars), time to convert (histogram) and the trend (line).
 */
import type { FunnelAnswer } from '../api';
import type { Lang, Translate } from '../i18n';
import { el } from '../ui/dom';
import { breakdownSeries, summarize, timingSeries, trendSeries } from './chart-data';
import { chartFigure, groupedBarsConfig, rateLineConfig } from './charts';
import { duration, percent } from './format';
import type { FunnelDraft } from './spec';
import { dataTable } from './table';

/** Words and names every section needs. */
export interface SectionContext {
  answer: FunnelAnswer;
  draft: FunnelDraft;
  lang: Lang;
  t: Translate;
  /** "1. Page view /demo/" per step. */
  names: string[];
}

/** The breakdown by channel, device or platform; nothing when the funnel has none. */
export function breakdownSection({ answer, draft, lang, t, names }: SectionContext): HTMLElement[] {
  if (!draft.breakdown || answer.breakdown.length === 0) return [];
  const by = t(`breakdown.${draft.breakdown}`);
  const title = t('funnel.byValue', { by });
  const series = breakdownSeries(answer.breakdown, names, t('funnel.value.empty'));
  return [
    chartFigure({
      slot: 'breakdown',
      title,
      summary: summarize(title, series),
      config: groupedBarsConfig(series),
      height: 220,
    }),
    dataTable(
      title,
      [by, ...names, t('funnel.converted')],
      answer.breakdown.map((b) => [
        b.value || t('funnel.value.empty'),
        ...b.steps.map((s) => s.entered),
        percent(b.steps[b.steps.length - 1]?.fromFirst ?? 0, lang),
      ]),
    ),
  ];
}

/** How long each step took after the previous one: a histogram per step and the medians. */
export function timingSection({ answer, lang, t, names }: SectionContext): HTMLElement[] {
  const { buckets, steps: timing } = answer.timeToConvert;
  const title = t('funnel.timing');
  if (timing.length === 0) return [el('p', { class: 'hint' }, `${title}: ${t('funnel.noTiming')}`)];
  const bucketNames = buckets.map((b) => t('funnel.bucket', { t: duration(b, lang) }));
  const lastBound = buckets[buckets.length - 1];
  if (lastBound !== undefined) bucketNames.push(t('funnel.bucketLast', { t: duration(lastBound, lang) }));
  const series = timingSeries(timing, bucketNames, names);
  return [
    chartFigure({
      slot: 'timing',
      title,
      summary: summarize(title, series),
      config: groupedBarsConfig(series),
      height: 200,
    }),
    dataTable(
      title,
      [t('funnel.steps'), t('funnel.medianCol'), ...bucketNames],
      timing.map((s) => [
        names[s.step - 1] ?? String(s.step),
        s.medianSeconds === null ? '–' : duration(s.medianSeconds, lang),
        ...s.histogram,
      ]),
    ),
  ];
}

/** Conversion per period: a line when there are two periods or more, and the table. */
export function trendSection({ answer, lang, t }: SectionContext): HTMLElement[] {
  const title = t('funnel.trend');
  const points = answer.trend.points;
  const series = trendSeries(answer.trend, t('funnel.rate'));
  return [
    ...(points.length > 1
      ? [
          chartFigure({
            slot: 'trend',
            title,
            summary: summarize(title, series, (v) => percent(v / 100, lang)),
            config: rateLineConfig(series),
            height: 180,
          }),
        ]
      : []),
    dataTable(
      title,
      [t('funnel.period'), t('funnel.enteredCol'), t('funnel.converted'), t('funnel.rate')],
      points.map((p) => [p.period, p.entered, p.converted, percent(p.rate, lang)]),
    ),
  ];
}
