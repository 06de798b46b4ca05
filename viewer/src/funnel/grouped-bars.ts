/**
 * The breakdown as grouped bars: for each value (channel, device, platform) one bar per
 * step, as a share of the largest group's first step, so both size and drop-off show.
 */
import type { FunnelAnswer } from '../api';
import type { Lang, Translate } from '../i18n';
import { el } from '../ui/dom';
import { percent } from './format';

/** Grouped bars of `breakdown` (the table beside them carries the exact numbers). */
export function groupedBars(
  breakdown: FunnelAnswer['breakdown'],
  stepNames: readonly string[],
  lang: Lang,
  t: Translate,
): HTMLElement {
  const top = Math.max(1, ...breakdown.map((b) => b.steps[0]?.entered ?? 0));
  return el(
    'div',
    { class: 'grouped-bars', 'aria-hidden': 'true' },
    ...breakdown.map((b) =>
      el(
        'div',
        { class: 'group' },
        el('div', { class: 'group-name' }, b.value || t('funnel.value.empty')),
        ...b.steps.map((s, i) =>
          el(
            'div',
            {
              class: 'group-bar-row',
              title: `${stepNames[i] ?? s.step}: ${s.entered} (${percent(s.fromFirst, lang)})`,
            },
            el('div', {
              class: `group-bar step-${i % 6}`,
              style: `width:${((s.entered / top) * 100).toFixed(2)}%`,
            }),
            el('span', { class: 'group-figure' }, String(s.entered)),
          ),
        ),
      ),
    ),
  );
}
