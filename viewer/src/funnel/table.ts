/** A captioned data table: a header row, and rows whose first cell names the row. */
import { el } from '../ui/dom';

/** The table of `rows` under `head`, captioned `caption`. */
export const dataTable = (caption: string, head: string[], rows: (string | number)[][]): HTMLTableElement =>
  el(
    'table',
    { class: 'data' },
    el('caption', {}, caption),
    el('thead', {}, el('tr', {}, ...head.map((h) => el('th', { scope: 'col' }, h)))),
    el(
      'tbody',
      {},
      ...rows.map((r) =>
        el(
          'tr',
          {},
          ...r.map((c, i) => el(i === 0 ? 'th' : 'td', i === 0 ? { scope: 'row' } : {}, String(c))),
        ),
      ),
    ),
  );
