/**
 * The header controls: site, device bucket, date range and language. They show a state
 * and report what the analyst changed; they hold no state of their own.
 */
import { DEVICE_CLASSES, type DeviceClass } from '@heatfunnel/sdk/protocol';
import type { Site } from '../api';
import { LANG_NAMES, LANGS, type Lang, translate } from '../i18n';
import type { ViewState } from '../state';
import { byId, el } from './dom';

/** A change the analyst made in the header. */
export type ControlChange = Partial<Pick<ViewState, 'site' | 'device' | 'from' | 'to'>> | { lang: Lang };

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
  const lang = byId('lang', HTMLSelectElement);

  form.addEventListener('submit', (e) => e.preventDefault());
  site.addEventListener('change', () => onChange({ site: site.value || null }));
  lang.addEventListener('change', () => onChange({ lang: lang.value as Lang }));
  // A half-typed date is empty while invalid; report only complete dates.
  from.addEventListener('change', () => from.value && onChange({ from: from.value }));
  to.addEventListener('change', () => to.value && onChange({ to: to.value }));

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
      from.value = state.from ?? range.from;
      to.value = state.to ?? range.to;
      from.max = to.value;
      to.min = from.value;
      lang.value = current;
    },
  };
};
