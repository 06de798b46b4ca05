import { describe, expect, it } from 'vitest';
import { translate } from '../i18n';
import { duration, percent, stepLabel } from './format';

const t = (key: Parameters<typeof translate>[1], p?: Record<string, string | number>) =>
  translate('en', key, p);

describe('funnel formatting', () => {
  it('names steps as an analyst reads them', () => {
    expect(stepLabel({ kind: 'pageview', pageKey: '/demo/' }, t)).toBe('Page view /demo/');
    expect(stepLabel({ kind: 'step', funnel: 'purchase', step: 'pay' }, t)).toBe('purchase / pay');
    expect(stepLabel({ kind: 'click', selector: 'a.buy' }, translate.bind(null, 'zh-CN'))).toBe(
      '点击元素 a.buy',
    );
  });

  it('writes percentages with a decimal only when small', () => {
    expect(percent(0.75, 'en')).toBe('75%');
    expect(percent(0.075, 'en')).toBe('7.5%');
    expect(percent(0, 'en')).toBe('0%');
  });

  it('writes durations in a readable unit', () => {
    expect(duration(45, 'en')).toBe('45 sec');
    expect(duration(210, 'en')).toBe('3.5 min');
    expect(duration(7200, 'en')).toBe('2 hr');
    expect(duration(3 * 86_400, 'en')).toBe('3 days');
  });
});
