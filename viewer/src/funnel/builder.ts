/**
 * The step builder: each step a kind and a value (page keys offered from the site's
 * pages), moved up or down or removed; exclusions (an action between two steps that
 * takes a visitor out); window, order, unit and breakdown.
 * Every committed edit reports a whole new draft.
 */
import type { Translate } from '../i18n';
import { byId, el } from '../ui/dom';
import { exclusionsAfterMove, exclusionsAfterRemove } from './exclusions';
import { filterRows } from './filter-rows';
import { COLUMN_KEYS, filtersAfterMove, filtersAfterRemove } from './filters';
import {
  BREAKDOWNS,
  type Exclusion,
  FUNNEL_ORDERS,
  FUNNEL_UNITS,
  type FunnelDraft,
  formatExclusion,
  formatStep,
  parseStep,
  STEP_KINDS,
  type StepKind,
  type StepMatch,
  stepValue,
  WINDOWS,
} from './spec';

const fill = (select: HTMLSelectElement, items: [string, string][], value: string) => {
  select.replaceChildren(...items.map(([v, label]) => el('option', { value: v }, label)));
  select.value = value;
};

/** Binds the builder; `onChange` gets each new draft. */
export const createFunnelBuilder = ({ onChange }: { onChange: (draft: FunnelDraft) => void }) => {
  const list = byId('funnel-steps', HTMLOListElement);
  const add = byId('add-step', HTMLButtonElement);
  const windowSel = byId('funnel-window', HTMLSelectElement);
  const order = byId('funnel-order', HTMLSelectElement);
  const unit = byId('funnel-unit', HTMLSelectElement);
  const breakdown = byId('funnel-breakdown', HTMLSelectElement);
  const pageKeys = byId('page-keys', HTMLDataListElement);
  // Condition keys offered: the event columns the server reads (any other name is a property).
  const filterKeys = el(
    'datalist',
    { id: 'filter-keys' },
    ...COLUMN_KEYS.map((k) => el('option', { value: k })),
  );
  pageKeys.after(filterKeys);
  const exList = byId('funnel-exclusions', HTMLOListElement);
  const addExclusion = byId('add-exclusion', HTMLButtonElement);
  let draft: FunnelDraft | null = null;

  const emit = (next: Partial<FunnelDraft>) => draft && onChange({ ...draft, ...next });
  windowSel.addEventListener('change', () => emit({ windowSeconds: Number(windowSel.value) }));
  order.addEventListener('change', () => emit({ order: order.value as FunnelDraft['order'] }));
  unit.addEventListener('change', () => emit({ unit: unit.value as FunnelDraft['unit'] }));
  breakdown.addEventListener('change', () =>
    emit({ breakdown: (breakdown.value || null) as FunnelDraft['breakdown'] }),
  );
  add.addEventListener('click', () => {
    if (!draft) return;
    const lastPage = [...pageKeys.options].find(
      (o) => !draft?.steps.some((s) => s.kind === 'pageview' && s.pageKey === o.value),
    );
    emit({ steps: [...draft.steps, { kind: 'pageview', pageKey: lastPage?.value ?? '/' }] });
    list.querySelector<HTMLInputElement>('li:last-child input')?.focus();
  });

  addExclusion.addEventListener('click', () => {
    if (!draft || draft.steps.length < 2) return;
    const match: StepMatch = { kind: 'event', name: 'name' };
    emit({ exclusions: [...draft.exclusions, { match, from: 1, to: draft.steps.length }] });
    exList.querySelector<HTMLInputElement>('li:last-child input')?.focus();
  });

  const matchInputs = (m: StepMatch, labels: { kind: string; value: string }, t: Translate) => {
    const kind = el('select', { 'aria-label': labels.kind });
    fill(
      kind,
      STEP_KINDS.map((k) => [k, t(`kind.${k}`)]),
      m.kind,
    );
    const value = el('input', {
      type: 'text',
      value: stepValue(m),
      'aria-label': labels.value,
      ...(m.kind === 'pageview' ? { list: 'page-keys' } : {}),
    });
    /** The match the inputs describe now (a kind change keeps the text when it still makes sense). */
    const read = (kindChanged: boolean): StepMatch | null => {
      const k = kind.value as StepKind;
      const typed = parseStep(`${k}:${value.value}`);
      if (typed || !kindChanged) return typed;
      return parseStep(`${k}:${k === 'step' ? 'funnel/step' : 'name'}`);
    };
    return { kind, value, read };
  };

  const exclusionRow = (i: number, all: Exclusion[], steps: number, t: Translate) => {
    const n = i + 1;
    const e = all[i] as Exclusion;
    const { kind, value, read } = matchInputs(
      e.match,
      { kind: t('funnel.exKind', { n }), value: t('funnel.exValue', { n }) },
      t,
    );
    const stepSelect = (label: string, v: number) => {
      const sel = el('select', { 'aria-label': label });
      fill(
        sel,
        Array.from({ length: steps }, (_, j): [string, string] => [String(j + 1), String(j + 1)]),
        String(v),
      );
      return sel;
    };
    const from = stepSelect(t('funnel.exFrom', { n }), e.from);
    const to = stepSelect(t('funnel.exTo', { n }), e.to);
    const commit = (kindChanged = false) => {
      const match = read(kindChanged);
      const f = Number(from.value);
      const tt = Number(to.value);
      if (!match || f >= tt) return;
      emit({ exclusions: all.map((x, j) => (j === i ? { match, from: f, to: tt } : x)) });
    };
    kind.addEventListener('change', () => commit(true));
    for (const input of [value, from, to]) input.addEventListener('change', () => commit());
    const remove = el(
      'button',
      { type: 'button', 'aria-label': t('funnel.exRemove', { n }), title: t('funnel.exRemove', { n }) },
      '×',
    );
    const conditions = draft?.exclusionFilters ?? [];
    remove.addEventListener('click', () =>
      emit({
        exclusions: all.filter((_, j) => j !== i),
        exclusionFilters: filtersAfterRemove(conditions, n),
      }),
    );
    return el(
      'li',
      { class: 'exclusion', 'data-exclusion': formatExclusion(e) },
      kind,
      value,
      el('span', { class: 'between' }, t('funnel.between')),
      from,
      el('span', { class: 'between' }, t('funnel.and')),
      to,
      remove,
      filterRows(n, conditions, t, (next) => emit({ exclusionFilters: next }), 'exclusion'),
    );
  };

  const stepRow = (step: StepMatch, i: number, steps: StepMatch[], t: Translate) => {
    const n = i + 1;
    const kind = el('select', { 'aria-label': t('funnel.kind', { n }) });
    fill(
      kind,
      STEP_KINDS.map((k) => [k, t(`kind.${k}`)]),
      step.kind,
    );
    const value = el('input', {
      type: 'text',
      value: stepValue(step),
      'aria-label': t('funnel.value', { n }),
      ...(step.kind === 'pageview' ? { list: 'page-keys' } : {}),
    });
    const replace = (m: StepMatch | null) => {
      if (!m) return;
      emit({ steps: steps.map((s, j) => (j === i ? m : s)) });
    };
    const commit = () => replace(parseStep(`${kind.value}:${value.value}`));
    kind.addEventListener('change', () => {
      const k = kind.value as StepKind;
      // A kind change keeps the text when it still makes sense, else starts from a hint.
      replace(parseStep(`${k}:${value.value}`) ?? parseStep(`${k}:${k === 'step' ? 'funnel/step' : 'name'}`));
    });
    value.addEventListener('change', commit);
    const filters = draft?.filters ?? [];
    const move = (to: number) => {
      const next = [...steps];
      const [moved] = next.splice(i, 1);
      if (moved) next.splice(to, 0, moved);
      emit({
        steps: next,
        filters: filtersAfterMove(filters, i + 1, to + 1),
        exclusions: exclusionsAfterMove(draft?.exclusions ?? [], i + 1, to + 1),
      });
    };
    const button = (label: string, text: string, disabled: boolean, action: () => void) => {
      const b = el('button', { type: 'button', 'aria-label': label, title: label }, text);
      b.disabled = disabled;
      b.addEventListener('click', action);
      return b;
    };
    return el(
      'li',
      { 'data-step': formatStep(step) },
      el('span', { class: 'step-no' }, String(n)),
      kind,
      value,
      button(t('funnel.up', { n }), '↑', i === 0, () => move(i - 1)),
      button(t('funnel.down', { n }), '↓', i === steps.length - 1, () => move(i + 1)),
      button(t('funnel.remove', { n }), '×', false, () => {
        const left = exclusionsAfterRemove(draft?.exclusions ?? [], draft?.exclusionFilters ?? [], n);
        emit({
          steps: steps.filter((_, j) => j !== i),
          filters: filtersAfterRemove(filters, n),
          exclusions: left.exclusions,
          exclusionFilters: left.filters,
        });
      }),
      filterRows(n, filters, t, (next) => emit({ filters: next })),
    );
  };

  return {
    /** Shows `next` and offers `pages` as page keys. */
    render(next: FunnelDraft, pages: readonly string[], t: Translate) {
      draft = next;
      const inBuilder = list.contains(document.activeElement) || exList.contains(document.activeElement);
      const focused = inBuilder ? document.activeElement?.getAttribute('aria-label') : null;
      const refocus = (root: HTMLElement) =>
        focused ? root.querySelector<HTMLElement>(`[aria-label="${CSS.escape(focused)}"]`) : null;
      list.replaceChildren(...next.steps.map((s, i) => stepRow(s, i, next.steps, t)));
      exList.replaceChildren(
        ...next.exclusions.map((_, i) => exclusionRow(i, next.exclusions, next.steps.length, t)),
      );
      addExclusion.disabled = next.steps.length < 2;
      // Re-rendering replaces the inputs; keep keyboard focus on the same one.
      (refocus(list) ?? refocus(exList))?.focus();
      pageKeys.replaceChildren(...pages.map((p) => el('option', { value: p })));
      fill(
        windowSel,
        WINDOWS.map((w) => [String(w), t(`window.${w}`)]),
        String(next.windowSeconds),
      );
      fill(
        order,
        FUNNEL_ORDERS.map((o) => [o, t(`order.${o}`)]),
        next.order,
      );
      fill(
        unit,
        FUNNEL_UNITS.map((u) => [u, t(`unit.${u}`)]),
        next.unit,
      );
      fill(
        breakdown,
        [['', t('breakdown.none')], ...BREAKDOWNS.map((b): [string, string] => [b, t(`breakdown.${b}`)])],
        next.breakdown ?? '',
      );
    },
  };
};
