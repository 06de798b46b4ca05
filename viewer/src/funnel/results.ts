/**
 * The funnel's answer in words and bars: per step entered, dropped and the share of the
 * previous and first step; the breakdown as a table; time to convert; the daily trend;
 * and, for a step, who left and what they did next, with a link to their heatmap.
 */
import type { Dropoffs, FunnelAnswer, StepCounts } from '../api';
import type { Lang, Translate } from '../i18n';
import { byId, el, setStatus } from '../ui/dom';
import { stepSeries, summarize } from './chart-data';
import { chartFigure, clearCharts, stackedStepsConfig } from './charts';
import { percent, stepLabel } from './format';
import { breakdownSection, timingSection, trendSection } from './sections';
import type { FunnelDraft } from './spec';
import { dataTable } from './table';

/** What the results show. */
export interface ResultsView {
  answer: FunnelAnswer | null;
  draft: FunnelDraft;
  lang: Lang;
  t: Translate;
  message: string;
  error: boolean;
}

/** Binds the results area; `onWhoLeft` asks for the drop-offs after a step (1-based). */
export const createFunnelResults = ({ onWhoLeft }: { onWhoLeft: (step: number) => void }) => {
  const status = byId('funnel-status', HTMLParagraphElement);
  const bars = byId('funnel-bars', HTMLOListElement);
  const stepsChart = byId('funnel-steps-chart', HTMLDivElement);
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
        clearCharts();
        for (const box of [bars, stepsChart, breakdownBox, timingBox, trendBox]) box.replaceChildren();
        return;
      }
      const first = answer.steps[0]?.entered ?? 0;
      const lastStep = answer.steps[answer.steps.length - 1];
      const names = draft.steps.map((s, i) => `${i + 1}. ${stepLabel(s, t)}`);
      const title = t('funnel.stepsChart');
      const series = stepSeries(answer.steps, names, {
        continued: t('funnel.continued'),
        dropped: t('funnel.droppedSeries'),
      });
      stepsChart.replaceChildren(
        chartFigure({
          slot: 'steps',
          title,
          summary: summarize(title, series),
          config: stackedStepsConfig(series),
          height: 48 + 36 * answer.steps.length,
        }),
      );
      bars.replaceChildren(...answer.steps.map((s, i) => bar(s, i === answer.steps.length - 1, view)));
      setStatus(
        status,
        t('funnel.overall', {
          pct: percent(lastStep?.fromFirst ?? 0, lang),
          n: lastStep?.entered ?? 0,
          first,
        }),
      );
      const context = { answer, draft, lang, t, names };
      breakdownBox.replaceChildren(...breakdownSection(context));
      timingBox.replaceChildren(...timingSection(context));
      trendBox.replaceChildren(...trendSection(context));
    },
    /**
     * Shows who left after a step: how many, their next actions, and links to their heatmap
     * alone and beside the heatmap of those who finished (pageview steps only).
     */
    renderDropoffs(
      d: Dropoffs | string,
      draft: FunnelDraft,
      t: Translate,
      links: { left: string | null; compare: string | null } = { left: null, compare: null },
    ) {
      if (typeof d === 'string') {
        dropoffs.replaceChildren(el('p', { class: 'status' }, d));
        return;
      }
      const match = draft.steps[d.step - 1];
      const name = match ? stepLabel(match, t) : String(d.step);
      const page = match?.kind === 'pageview' ? match.pageKey : null;
      const link = (href: string | null, text: string, cls: string) =>
        href && page ? [el('a', { href, class: cls }, text)] : [];
      dropoffs.replaceChildren(
        el('h3', {}, t('funnel.whoLeft', { n: d.step })),
        el('p', {}, t('funnel.leftCount', { n: d.count, step: d.step, name })),
        dataTable(
          t('funnel.nextActions'),
          [t('funnel.nextActions'), ''],
          d.next.map((x) => [x.event === '(nothing)' ? t('funnel.nothing') : x.event, x.count]),
        ),
        ...link(links.left, t('funnel.openHeatmap', { page: page ?? '' }), 'cohort-link'),
        ...link(links.compare, t('funnel.compareFinished', { page: page ?? '' }), 'cohort-link compare-link'),
      );
    },
  };
};
