/**
 * The funnel's answer in words and bars: per step entered, dropped and the share of the
 * previous and first step; the breakdown as a table; time to convert; the daily trend;
 * and, for a step, who left and what they did next, with a link to their heatmap.
 */
import type { Dropoffs, FunnelAnswer, StepCounts } from '../api';
import type { Lang, Translate } from '../i18n';
import { byId, el, setStatus } from '../ui/dom';
import { duration, percent, stepLabel } from './format';
import { groupedBars } from './grouped-bars';
import type { FunnelDraft } from './spec';
import { trendChart } from './trend-chart';

/** What the results show. */
export interface ResultsView {
  answer: FunnelAnswer | null;
  draft: FunnelDraft;
  lang: Lang;
  t: Translate;
  message: string;
  error: boolean;
}

const table = (caption: string, head: string[], rows: (string | number)[][]) =>
  el(
    'table',
    { class: 'data' },
    el('caption', {}, caption),
    el('thead', {}, el('tr', {}, ...head.map((h) => el('th', { scope: 'col' }, h)))),
    el(
      'tbody',
      {},
      ...rows.map((r) =>
        el(
          'tr',
          {},
          ...r.map((c, i) => el(i === 0 ? 'th' : 'td', i === 0 ? { scope: 'row' } : {}, String(c))),
        ),
      ),
    ),
  );

/** Binds the results area; `onWhoLeft` asks for the drop-offs after a step (1-based). */
export const createFunnelResults = ({ onWhoLeft }: { onWhoLeft: (step: number) => void }) => {
  const status = byId('funnel-status', HTMLParagraphElement);
  const bars = byId('funnel-bars', HTMLOListElement);
  const dropoffs = byId('funnel-dropoffs', HTMLDivElement);
  const breakdownBox = byId('funnel-breakdown-table', HTMLDivElement);
  const timingBox = byId('funnel-timing', HTMLDivElement);
  const trendBox = byId('funnel-trend', HTMLDivElement);

  const bar = (s: StepCounts, last: boolean, view: ResultsView) => {
    const { t, lang, draft } = view;
    const n = new Intl.NumberFormat(lang);
    const match = draft.steps[s.step - 1];
    const figures = [
      t('funnel.entered', { n: n.format(s.entered) }),
      ...(s.step > 1 ? [t('funnel.fromPrevious', { pct: percent(s.fromPrevious, lang) })] : []),
      t('funnel.fromFirst', { pct: percent(s.fromFirst, lang) }),
      ...(last ? [] : [t('funnel.dropped', { n: n.format(s.dropped) })]),
    ];
    const row = el(
      'li',
      { class: 'bar-row', 'data-step': String(s.step) },
      el('div', { class: 'bar-label' }, match ? stepLabel(match, t) : t('funnel.stepN', { n: s.step })),
      el(
        'div',
        { class: 'bar-track' },
        el('div', { class: 'funnel-bar', style: `width:${(s.fromFirst * 100).toFixed(2)}%` }),
      ),
      el('div', { class: 'bar-figures' }, figures.join(' · ')),
    );
    if (!last && s.dropped > 0) {
      const b = el('button', { type: 'button', class: 'who-left' }, t('funnel.whoLeft', { n: s.step }));
      b.addEventListener('click', () => onWhoLeft(s.step));
      row.append(b);
    }
    return row;
  };

  return {
    /** Shows a funnel answer (or only a message while loading, empty or failed). */
    render(view: ResultsView) {
      const { answer, t, lang, draft } = view;
      setStatus(status, view.message, { error: view.error });
      dropoffs.replaceChildren();
      if (!answer) {
        bars.replaceChildren();
        breakdownBox.replaceChildren();
        timingBox.replaceChildren();
        trendBox.replaceChildren();
        return;
      }
      const first = answer.steps[0]?.entered ?? 0;
      const lastStep = answer.steps[answer.steps.length - 1];
      bars.replaceChildren(...answer.steps.map((s, i) => bar(s, i === answer.steps.length - 1, view)));
      setStatus(
        status,
        t('funnel.overall', {
          pct: percent(lastStep?.fromFirst ?? 0, lang),
          n: lastStep?.entered ?? 0,
          first,
        }),
      );
      const names = draft.steps.map((s, i) => `${i + 1}. ${stepLabel(s, t)}`);
      breakdownBox.replaceChildren(
        ...(draft.breakdown && answer.breakdown.length > 0
          ? [
              groupedBars(answer.breakdown, names, lang, t),
              table(
                t('funnel.byValue', { by: t(`breakdown.${draft.breakdown}`) }),
                [t(`breakdown.${draft.breakdown}`), ...names, t('funnel.converted')],
                answer.breakdown.map((b) => [
                  b.value || t('funnel.value.empty'),
                  ...b.steps.map((s) => s.entered),
                  percent(b.steps[b.steps.length - 1]?.fromFirst ?? 0, lang),
                ]),
              ),
            ]
          : []),
      );
      const { buckets, steps: timing } = answer.timeToConvert;
      const bucketNames = buckets.map((b) => t('funnel.bucket', { t: duration(b, lang) }));
      const lastBound = buckets[buckets.length - 1];
      if (lastBound !== undefined) bucketNames.push(t('funnel.bucketLast', { t: duration(lastBound, lang) }));
      timingBox.replaceChildren(
        timing.length === 0
          ? el('p', { class: 'hint' }, `${t('funnel.timing')}: ${t('funnel.noTiming')}`)
          : table(
              t('funnel.timing'),
              [t('funnel.steps'), t('funnel.medianCol'), ...bucketNames],
              timing.map((s) => [
                names[s.step - 1] ?? String(s.step),
                s.medianSeconds === null ? '–' : duration(s.medianSeconds, lang),
                ...s.histogram,
              ]),
            ),
      );
      const points = answer.trend.points;
      const chartLabel = `${t('funnel.trend')}: ${points.map((p) => `${p.period} ${percent(p.rate, lang)}`).join(', ')}`;
      trendBox.replaceChildren(
        ...(points.length > 1
          ? [
              el('h3', { class: 'chart-title' }, t('funnel.trend')),
              trendChart(answer.trend, lang, chartLabel),
            ]
          : []),
        table(
          t('funnel.trend'),
          [t('funnel.period'), t('funnel.enteredCol'), t('funnel.converted'), t('funnel.rate')],
          answer.trend.points.map((p) => [p.period, p.entered, p.converted, percent(p.rate, lang)]),
        ),
      );
    },
    /** Shows who left after a step: how many, their next actions, and a link to their heatmap. */
    renderDropoffs(d: Dropoffs | string, draft: FunnelDraft, t: Translate, heatmapHref: string | null) {
      if (typeof d === 'string') {
        dropoffs.replaceChildren(el('p', { class: 'status' }, d));
        return;
      }
      const match = draft.steps[d.step - 1];
      const name = match ? stepLabel(match, t) : String(d.step);
      dropoffs.replaceChildren(
        el('h3', {}, t('funnel.whoLeft', { n: d.step })),
        el('p', {}, t('funnel.leftCount', { n: d.count, step: d.step, name })),
        table(
          t('funnel.nextActions'),
          [t('funnel.nextActions'), ''],
          d.next.map((x) => [x.event === '(nothing)' ? t('funnel.nothing') : x.event, x.count]),
        ),
        ...(heatmapHref && match?.kind === 'pageview'
          ? [
              el(
                'a',
                { href: heatmapHref, class: 'cohort-link' },
                t('funnel.openHeatmap', { page: match.pageKey }),
              ),
            ]
          : []),
      );
    },
  };
};
