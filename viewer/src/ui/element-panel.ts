/**
 * The element panel: the page's most clicked elements with clicks, distinct visitors and
 * clicks per page view. Hovering or focusing a row outlines the element on the page.
 */
import type { ElementRow } from '../api';
import { type Lang, translate } from '../i18n';
import { byId, el, setStatus } from './dom';

/** What the panel shows: rows (null while loading or failed) and a message if any. */
export interface ElementPanelView {
  rows: readonly ElementRow[] | null;
  lang: Lang;
  message: string;
  error: boolean;
}

/** Binds the panel; `onHover` gets the hovered or focused selector, or null when it leaves. */
export const createElementPanel = ({
  onHover,
  onFunnel,
}: {
  onHover: (selector: string | null) => void;
  /** Adds a "click on this element" step to the funnel. */
  onFunnel: (selector: string) => void;
}) => {
  const body = byId('element-rows', HTMLTableSectionElement);
  const table = byId('element-table', HTMLTableElement);
  const status = byId('elements-status', HTMLParagraphElement);
  type SortKey = 'clicks' | 'clickers' | 'rate';
  let sortKey: SortKey = 'clicks';
  let descending = true;
  let last: ElementPanelView | null = null;
  const heads = [...table.querySelectorAll<HTMLTableCellElement>('th[data-sort]')];
  for (const th of heads) {
    th.querySelector('button')?.addEventListener('click', () => {
      const key = th.dataset.sort as SortKey;
      descending = key === sortKey ? !descending : true;
      sortKey = key;
      if (last) panel.render(last);
    });
  }

  const funnelButton = (selector: string, lang: Lang) => {
    const label = translate(lang, 'elements.toFunnel', { selector });
    const b = el('button', { type: 'button', class: 'to-funnel', 'aria-label': label, title: label }, '+');
    b.addEventListener('click', () => onFunnel(selector));
    return b;
  };

  const panel = {
    /** Shows `view`, sorted by the chosen column (clicks, most first, by default). */
    render(view: ElementPanelView) {
      last = view;
      const { lang, message, error } = view;
      // Ties keep the API's order (most clicked first).
      const rows = view.rows
        ?.map((row, i) => ({ row, i }))
        .sort((a, b) => (descending ? -1 : 1) * (a.row[sortKey] - b.row[sortKey]) || a.i - b.i)
        .map((x) => x.row);
      for (const th of heads) {
        th.setAttribute(
          'aria-sort',
          th.dataset.sort !== sortKey ? 'none' : descending ? 'descending' : 'ascending',
        );
      }
      const n = new Intl.NumberFormat(lang);
      const rate = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 });
      body.replaceChildren(
        ...(rows ?? []).map((row) => {
          const tr = el(
            'tr',
            { tabindex: '0', 'data-selector': row.selector },
            el('th', { scope: 'row', class: 'selector', title: row.selector }, row.selector),
            el('td', { class: 'num' }, n.format(row.clicks)),
            el('td', { class: 'num' }, n.format(row.clickers)),
            el('td', { class: 'num' }, rate.format(row.rate)),
            el('td', { class: 'act' }, funnelButton(row.selector, lang)),
          );
          const enter = () => onHover(row.selector);
          const leave = () => onHover(null);
          tr.addEventListener('mouseenter', enter);
          tr.addEventListener('focus', enter);
          tr.addEventListener('mouseleave', leave);
          tr.addEventListener('blur', leave);
          return tr;
        }),
      );
      table.hidden = !rows || rows.length === 0;
      setStatus(status, message || (rows && rows.length === 0 ? translate(lang, 'empty.elements') : ''), {
        error,
      });
    },
  };
  return panel;
};
