/** Puts the current language's words into the static page skeleton (`data-i18n*` attributes). */
import { type Lang, type MessageKey, translate } from '../i18n';

/** Fills every `data-i18n` text, `data-i18n-placeholder` and `data-i18n-label` under `root`. */
export function applyLabels(root: ParentNode, lang: Lang): void {
  for (const node of root.querySelectorAll<HTMLElement>('[data-i18n]')) {
    node.textContent = translate(lang, node.dataset.i18n as MessageKey);
  }
  for (const node of root.querySelectorAll<HTMLInputElement>('[data-i18n-placeholder]')) {
    node.placeholder = translate(lang, node.dataset.i18nPlaceholder as MessageKey);
  }
  for (const node of root.querySelectorAll<HTMLElement>('[data-i18n-label]')) {
    node.setAttribute('aria-label', translate(lang, node.dataset.i18nLabel as MessageKey));
  }
  document.documentElement.lang = lang;
  document.title = `${translate(lang, 'heatmap')} · Heatfunnel`;
}
