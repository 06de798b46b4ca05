/**
 * The viewer's words in zh-CN and en. Every label goes through `t`, so a missing
 * translation is a type error, and the language follows the browser unless chosen.
 */

import { en, type MessageKey } from './messages-en';
import { zhCN } from './messages-zh-cn';

export type { MessageKey };

/** A bound `translate` for one language. */
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** Languages the viewer speaks. */
export const LANGS = ['zh-CN', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** Each language's name in itself, for the language picker. */
export const LANG_NAMES: Record<Lang, string> = { 'zh-CN': '简体中文', en: 'English' };

const tables: Record<Lang, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

/** True when `s` is a language the viewer speaks. */
export function isLang(s: string): s is Lang {
  return (LANGS as readonly string[]).includes(s);
}

/** The viewer language for a browser's language list: zh-CN for any Chinese, else en. */
export function pickLang(languages: readonly string[]): Lang {
  for (const l of languages) {
    const lower = l.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

/** The message `key` in `lang`, with `{name}` placeholders filled from `params`. */
export function translate(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = tables[lang][key] ?? en[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    if (v === undefined) return whole;
    return typeof v === 'number' ? new Intl.NumberFormat(lang).format(v) : v;
  });
}

/** The message keys of every table, for tests that check no table misses one. */
export function messageKeys(lang: Lang): string[] {
  return Object.keys(tables[lang]).sort();
}
