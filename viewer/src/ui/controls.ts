/**
 * The header controls: site, device bucket, date range and language. They show a state
 * and report what the analyst changed; they hold no state of their own.
 */
import { DEVICE_CLASSES, type DeviceClass } from '@heatfunnel/sdk/protocol';
import type { Site } from '../api';
import { DEFAULT_RANGE_DAYS, RANGE_PRESETS } from '../dates';
import { LANG_NAMES, LANGS, type Lang, translate } from '../i18n';
import type { ViewState } from '../state';
import { byId, el } from './dom';

/** A change the analyst made in the header. */
export type ControlChange =
  | Partial<Pick<ViewState, 'site' | 'device' | 'from' | 'to' | 'days'>>
  | { lang: Lang };

/** What the controls show. */
export interface ControlsView {
  state: ViewState;
  lang: Lang;
  sites: readonly Site[];
  /** The dates to show when the state leaves them to the default. */
  range: { from: string; to: string };
}

/** Binds the header controls of the page skeleton; `onChange` gets each edit. */
export const createControls = ({ onChange }: { onChange: (change: ControlChange) => void }) => {
  const form = byId('controls', HTMLFormElement);
  const site = byId('site', HTMLSelectElement);
  const device = byId('device', HTMLFieldSetElement);
  const from = byId('from', HTMLInputElement);
  const to = byId('to', HTMLInputElement);
  const preset = byId('preset', HTMLSelectElement);
  const lang = byId('lang', HTMLSelectElement);

  form.addEventListener('submit', (e) => e.preventDefault());
  site.addEventListener('change', () => onChange({ site: site.value || null }));
  lang.addEventListener('change', () => onChange({ lang: lang.value as Lang }));
  // Editing a date fixes the whole range; a half-typed date is empty while invalid.
  const fixRange = () => from.value && to.value && onChange({ from: from.value, to: to.value, days: null });
  from.addEventListener('change', fixRange);
  to.addEventListener('change', fixRange);
  preset.addEventListener('change', () => {
    if (preset.value === 'custom') return fixRange();
    const days = Number(preset.value);
    onChange({ from: null, to: null, days: days === DEFAULT_RANGE_DAYS ? null : days });
  });

  const radios = new Map<DeviceClass, HTMLInputElement>();
  const radioLabels = new Map<DeviceClass, HTMLSpanElement>();
  for (const d of DEVICE_CLASSES) {
    const input = el('input', { type: 'radio', name: 'device', value: d });
    input.addEventListener('change', () => input.checked && onChange({ device: d }));
    const text = el('span');
    radios.set(d, input);
    radioLabels.set(d, text);
    device.append(el('label', {}, input, text));
  }
  for (const l of LANGS) lang.append(el('option', { value: l, lang: l }, LANG_NAMES[l]));

  return {
    /** Shows `view` in the controls. */
    render({ state, lang: current, sites, range }: ControlsView) {
      const options = sites.map((s) => el('option', { value: s.key }, s.name || s.key));
      site.replaceChildren(...options);
      site.disabled = sites.length === 0;
      site.value = state.site ?? '';
      for (const [d, input] of radios) {
        input.checked = d === state.device;
        const label = radioLabels.get(d);
        if (label) label.textContent = translate(current, `device.${d}`);
      }
      const days = state.days ?? DEFAULT_RANGE_DAYS;
      const choices = [...new Set([...RANGE_PRESETS, days])].sort((a, b) => a - b);
      preset.replaceChildren(
        ...choices.map((n) => el('option', { value: String(n) }, translate(current, 'range.days', { n }))),
        el('option', { value: 'custom' }, translate(current, 'range.custom')),
      );
      preset.value = state.from || state.to ? 'custom' : String(days);
      from.value = state.from ?? range.from;
      to.value = state.to ?? range.to;
      from.max = to.value;
      to.min = from.value;
      lang.value = current;
    },
  };
};
