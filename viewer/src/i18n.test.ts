import { describe, expect, it } from 'vitest';
import { LANGS, messageKeys, pickLang, translate } from './i18n';

describe('i18n', () => {
  it('has every message in every language', () => {
    const en = messageKeys('en');
    for (const lang of LANGS) expect(messageKeys(lang)).toEqual(en);
  });

  it('follows the browser: any Chinese gets zh-CN, anything unknown gets en', () => {
    expect(pickLang(['zh-TW'])).toBe('zh-CN');
    expect(pickLang(['fr-FR', 'zh-CN'])).toBe('zh-CN');
    expect(pickLang(['en-GB', 'zh-CN'])).toBe('en');
    expect(pickLang(['de'])).toBe('en');
    expect(pickLang([])).toBe('en');
  });

  it('fills placeholders and formats numbers for the language', () => {
    expect(translate('en', 'pageStats', { views: 12345, clicks: 7 })).toBe('Views 12,345 · Clicks 7');
    expect(translate('zh-CN', 'pageStats', { views: 3, clicks: 1 })).toBe('浏览 3 · 点击 1');
    expect(translate('en', 'empty.filter', {})).toBe('No page matches “{q}”.');
  });
});
