/**
 * The page-key list: page views and clicks beside each, a filter box, the chosen one marked.
 * Keyboard: `/` focuses the filter, Enter in it opens the first match, arrow keys (and
 * Home/End) move between pages, Enter or Space opens one.
 */
import type { PageRow } from '../api';
import { type Lang, translate } from '../i18n';
import { byId, el, setStatus } from './dom';

/** What the list shows: pages (null while loading), the chosen key, and a message if any. */
export interface PageListView {
  pages: readonly PageRow[] | null;
  selected: string | null;
  lang: Lang;
  message: string;
  error: boolean;
}

const isEditable = (node: Element | null) =>
  node instanceof HTMLInputElement ||
  node instanceof HTMLSelectElement ||
  node instanceof HTMLTextAreaElement;

/** Binds the page list of the skeleton; `onPick` gets the page key the analyst chose. */
export const createPageList = ({ onPick }: { onPick: (pageKey: string) => void }) => {
  const list = byId('page-list', HTMLUListElement);
  const filter = byId('page-filter', HTMLInputElement);
  const status = byId('pages-status', HTMLParagraphElement);
  let last: PageListView | null = null;

  const buttons = () => [...list.querySelectorAll<HTMLButtonElement>('button[data-page]')];

  const render = (view: PageListView) => {
    last = view;
    const focused = list.contains(document.activeElement)
      ? (document.activeElement as HTMLElement).dataset.page
      : undefined;
    const q = filter.value.trim().toLowerCase();
    const pages = (view.pages ?? []).filter((p) => !q || p.pageKey.toLowerCase().includes(q));
    list.replaceChildren(
      ...pages.map((p) => {
        const button = el(
          'button',
          { type: 'button', 'aria-current': String(p.pageKey === view.selected), 'data-page': p.pageKey },
          el('span', { class: 'page-key' }, p.pageKey),
          el(
            'span',
            { class: 'page-stats' },
            translate(view.lang, 'pageStats', { views: p.pageviews, clicks: p.clicks }),
          ),
        );
        button.addEventListener('click', () => onPick(p.pageKey));
        return el('li', {}, button);
      }),
    );
    // Re-rendering replaces the buttons; keep keyboard focus where it was.
    if (focused !== undefined)
      buttons()
        .find((b) => b.dataset.page === focused)
        ?.focus();
    const filteredOut = view.pages && view.pages.length > 0 && pages.length === 0;
    setStatus(
      status,
      filteredOut ? translate(view.lang, 'empty.filter', { q: filter.value }) : view.message,
      {
        error: view.error,
      },
    );
  };

  filter.addEventListener('input', () => last && render(last));
  filter.addEventListener('keydown', (e) => {
    const first = buttons()[0];
    if (e.key === 'Enter' && first?.dataset.page) {
      e.preventDefault();
      onPick(first.dataset.page);
    } else if (e.key === 'ArrowDown' && first) {
      e.preventDefault();
      first.focus();
    }
  });
  list.addEventListener('keydown', (e) => {
    const all = buttons();
    const i = all.indexOf(document.activeElement as HTMLButtonElement);
    if (i < 0) return;
    const next = { ArrowDown: i + 1, ArrowUp: i - 1, Home: 0, End: all.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    if (next < 0) filter.focus();
    else all[Math.min(next, all.length - 1)]?.focus();
  });
  document.addEventListener('keydown', (e) => {
    if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || isEditable(document.activeElement)) return;
    e.preventDefault();
    filter.focus();
    filter.select();
  });
  return { render };
};
