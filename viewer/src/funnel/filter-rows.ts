/**
 * A step's (or an exclusion's) conditions in the builder: "where KEY is / is not / contains
 * VALUE" rows (the key offered from the event columns, any other name being an event
 * property) and a button to add one. Each committed edit reports the whole new filter list.
 */
import type { MessageKey, Translate } from '../i18n';
import { el } from '../ui/dom';
import { FILTER_OPS, type FilterOp, type StepFilter } from './filters';

/** The words of a step's conditions, and of an exclusion's. */
const LABELS = {
  step: {
    add: 'funnel.addFilter',
    key: 'funnel.filterKey',
    op: 'funnel.filterOp',
    value: 'funnel.filterValue',
    remove: 'funnel.filterRemove',
  },
  exclusion: {
    add: 'funnel.exAddFilter',
    key: 'funnel.exFilterKey',
    op: 'funnel.exFilterOp',
    value: 'funnel.exFilterValue',
    remove: 'funnel.exFilterRemove',
  },
} as const satisfies Record<string, Record<string, MessageKey>>;

/**
 * The condition rows of step `step` (1-based; or of exclusion `step` when `of` is
 * 'exclusion') among `all`; `emit` gets the new full list.
 */
export function filterRows(
  step: number,
  all: readonly StepFilter[],
  t: Translate,
  emit: (filters: StepFilter[]) => void,
  of: keyof typeof LABELS = 'step',
): HTMLElement {
  const words = LABELS[of];
  const mine = all.map((f, index) => ({ f, index })).filter(({ f }) => f.step === step);
  const rows = mine.map(({ f, index }, j) => {
    const labels = { n: step, c: j + 1 };
    const key = el('input', {
      type: 'text',
      value: f.key,
      list: 'filter-keys',
      maxlength: '128',
      size: '10',
      'aria-label': t(words.key, labels),
    });
    const op = el('select', { 'aria-label': t(words.op, labels) });
    op.replaceChildren(...FILTER_OPS.map((o) => el('option', { value: o }, t(`op.${o}`))));
    op.value = f.op;
    const value = el('input', {
      type: 'text',
      value: f.value,
      size: '10',
      'aria-label': t(words.value, labels),
    });
    const commit = () => {
      const k = key.value.trim();
      if (!k || k.includes(':')) return;
      emit(
        all.map((x, i) => (i === index ? { step, key: k, op: op.value as FilterOp, value: value.value } : x)),
      );
    };
    for (const input of [key, op, value]) input.addEventListener('change', commit);
    const remove = el(
      'button',
      {
        type: 'button',
        'aria-label': t(words.remove, labels),
        title: t(words.remove, labels),
      },
      '×',
    );
    remove.addEventListener('click', () => emit(all.filter((_, i) => i !== index)));
    return el(
      'li',
      { class: 'filter', 'data-filter': `${f.key}:${f.op}:${f.value}` },
      el('span', { class: 'between' }, t('funnel.where')),
      key,
      op,
      value,
      remove,
    );
  });
  const add = el('button', { type: 'button', class: 'add-filter' }, t(words.add, { n: step }));
  add.addEventListener('click', () => {
    emit([...all, { step, key: 'channel', op: 'eq', value: '' }]);
    // The builder drew the rows anew: continue in the new condition's first field.
    const label = t(words.key, { n: step, c: mine.length + 1 });
    document.querySelector<HTMLInputElement>(`[aria-label="${CSS.escape(label)}"]`)?.focus();
  });
  return el('div', { class: 'step-filters' }, el('ul', { class: 'filter-list' }, ...rows), add);
}
