/** The page-key list: page views and clicks beside each, a filter box, the chosen one marked. */
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

/** Binds the page list of the skeleton; `onPick` gets the page key the analyst chose. */
export const createPageList = ({ onPick }: { onPick: (pageKey: string) => void }) => {
  const list = byId('page-list', HTMLUListElement);
  const filter = byId('page-filter', HTMLInputElement);
  const status = byId('pages-status', HTMLParagraphElement);
  let last: PageListView | null = null;

  const render = (view: PageListView) => {
    last = view;
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
  return { render };
};
