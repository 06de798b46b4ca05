/** Words and numbers of the funnel page: step names, percentages, durations. Pure. */
import type { Lang, Translate } from '../i18n';
import type { StepMatch } from './spec';

/** A step as the analyst reads it: "Page view /demo/", "Click on element button#buy". */
export function stepLabel(m: StepMatch, t: Translate): string {
  switch (m.kind) {
    case 'pageview':
      return `${t('kind.pageview')} ${m.pageKey}`;
    case 'click':
      return `${t('kind.click')} ${m.selector}`;
    case 'step':
      return `${m.funnel} / ${m.step}`;
    case 'event':
      return `${t('kind.event')} ${m.name}`;
  }
}

/** A share 0..1 as a percentage with one decimal below 10 %, for example "7.5%" or "42%". */
export function percent(share: number, lang: Lang): string {
  const digits = share > 0 && share < 0.1 ? 1 : 0;
  return new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: digits }).format(share);
}

/** A duration in the largest unit that keeps it readable: "45 s", "3.5 min", "2 h", "3 d". */
export function duration(seconds: number, lang: Lang): string {
  const fmt = (v: number, unit: 'second' | 'minute' | 'hour' | 'day') =>
    new Intl.NumberFormat(lang, {
      style: 'unit',
      unit,
      unitDisplay: 'short',
      maximumFractionDigits: 1,
    }).format(v);
  if (seconds < 60) return fmt(seconds, 'second');
  if (seconds < 3600) return fmt(seconds / 60, 'minute');
  if (seconds < 86_400) return fmt(seconds / 3600, 'hour');
  return fmt(seconds / 86_400, 'day');
}
