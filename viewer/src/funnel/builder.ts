/**
 * The step builder: each step a kind and a value (page keys offered from the site's
 * pages), moved up or down or removed; plus window, order, unit and breakdown.
 * Every committed edit reports a whole new draft.
 */
import type { Translate } from '../i18n';
import { byId, el } from '../ui/dom';
import {
  BREAKDOWNS,
  FUNNEL_ORDERS,
  FUNNEL_UNITS,
  type FunnelDraft,
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
    const move = (to: number) => {
      const next = [...steps];
      const [moved] = next.splice(i, 1);
      if (moved) next.splice(to, 0, moved);
      emit({ steps: next });
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
      button(t('funnel.remove', { n }), '×', false, () => emit({ steps: steps.filter((_, j) => j !== i) })),
    );
  };

  return {
    /** Shows `next` and offers `pages` as page keys. */
    render(next: FunnelDraft, pages: readonly string[], t: Translate) {
      draft = next;
      const focused = list.contains(document.activeElement)
        ? document.activeElement?.getAttribute('aria-label')
        : null;
      list.replaceChildren(...next.steps.map((s, i) => stepRow(s, i, next.steps, t)));
      if (focused) list.querySelector<HTMLElement>(`[aria-label="${CSS.escape(focused)}"]`)?.focus();
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
