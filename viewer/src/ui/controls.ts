/**
 * The header controls: site, heatmap type, device bucket, date range, segment and language.
 * They show a state and report what the analyst changed; they hold no state of their own.
 */
import { DEVICE_CLASSES, type DeviceClass, PLATFORMS, type Platform } from '@heatfunnel/sdk/protocol';
import type { Site } from '../api';
import { DEFAULT_RANGE_DAYS, RANGE_PRESETS } from '../dates';
import { LANG_NAMES, LANGS, type Lang, type MessageKey, translate } from '../i18n';
import { describeSegment, EVERYONE, type SegmentChoice } from '../segments';
import {
  COMPARISONS,
  type Comparison,
  HEAT_TYPES,
  type HeatType,
  PLACEMENTS,
  type Placement,
  VISITOR_KINDS,
  type ViewState,
  type VisitorKind,
} from '../state';
import { byId, el } from './dom';

/** A change the analyst made in the header. */
export type ControlChange =
  | Partial<
      Pick<
        ViewState,
        | 'site'
        | 'type'
        | 'place'
        | 'compare'
        | 'device'
        | 'from'
        | 'to'
        | 'days'
        | 'channel'
        | 'platform'
        | 'visitor'
        | 'vs'
      >
    >
  | { lang: Lang };

/** What the controls show. */
export interface ControlsView {
  state: ViewState;
  lang: Lang;
  sites: readonly Site[];
  /** How many sites need a read token this browser does not have. */
  locked: number;
  /** The dates to show when the state leaves them to the default. */
  range: { from: string; to: string };
}

const options = (select: HTMLSelectElement, items: [string, string][], value: string) => {
  select.replaceChildren(...items.map(([v, label]) => el('option', { value: v }, label)));
  select.value = value;
};

/** Binds the header controls of the page skeleton; `onChange` gets each edit, `onUnlock` a request to type a read token. */
export const createControls = ({
  onChange,
  onUnlock,
}: {
  onChange: (change: ControlChange) => void;
  onUnlock: () => void;
}) => {
  const form = byId('controls', HTMLFormElement);
  const site = byId('site', HTMLSelectElement);
  const type = byId('type', HTMLSelectElement);
  const place = byId('place', HTMLSelectElement);
  const compare = byId('compare', HTMLSelectElement);
  const placeControl = byId('place-control', HTMLLabelElement);
  const device = byId('device', HTMLFieldSetElement);
  const preset = byId('preset', HTMLSelectElement);
  const from = byId('from', HTMLInputElement);
  const to = byId('to', HTMLInputElement);
  const platform = byId('platform', HTMLSelectElement);
  const visitor = byId('visitor', HTMLSelectElement);
  const channel = byId('channel', HTMLInputElement);
  const lang = byId('lang', HTMLSelectElement);
  const unlock = byId('unlock', HTMLButtonElement);
  unlock.addEventListener('click', onUnlock);
  const vsBox = byId('vs-segment', HTMLFieldSetElement);
  const vsPlatform = byId('vs-platform', HTMLSelectElement);
  const vsVisitor = byId('vs-visitor', HTMLSelectElement);
  const vsChannel = byId('vs-channel', HTMLInputElement);
  const vsCohort = byId('vs-cohort', HTMLSpanElement);
  const vsCohortText = byId('vs-cohort-text', HTMLSpanElement);
  let vs: SegmentChoice = EVERYONE;
  const changeVs = (part: Partial<SegmentChoice>) => onChange({ vs: { ...vs, ...part } });
  vsPlatform.addEventListener('change', () =>
    changeVs({ platform: (vsPlatform.value || null) as Platform | null }),
  );
  vsVisitor.addEventListener('change', () =>
    changeVs({ visitor: (vsVisitor.value || null) as VisitorKind | null }),
  );
  vsChannel.addEventListener('change', () => changeVs({ channel: vsChannel.value.trim() || null }));
  byId('vs-cohort-clear', HTMLButtonElement).addEventListener('click', () => changeVs({ cohort: null }));

  form.addEventListener('submit', (e) => e.preventDefault());
  site.addEventListener('change', () => onChange({ site: site.value || null }));
  type.addEventListener('change', () => onChange({ type: type.value as HeatType }));
  place.addEventListener('change', () => onChange({ place: place.value as Placement }));
  compare.addEventListener('change', () =>
    onChange({ compare: (compare.value || null) as Comparison | null }),
  );
  lang.addEventListener('change', () => onChange({ lang: lang.value as Lang }));
  platform.addEventListener('change', () =>
    onChange({ platform: (platform.value || null) as Platform | null }),
  );
  visitor.addEventListener('change', () =>
    onChange({ visitor: (visitor.value || null) as VisitorKind | null }),
  );
  // Free text: report on commit (Enter or leaving the box), not on every keystroke.
  channel.addEventListener('change', () => onChange({ channel: channel.value.trim() || null }));
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
    render({ state, lang: current, sites, locked, range }: ControlsView) {
      const t = (key: MessageKey, params?: Record<string, string | number>) =>
        translate(current, key, params);
      // A locked site named in the URL is not listed until its token is given: show it anyway.
      const lockedSite = state.site && !sites.some((s) => s.key === state.site) ? state.site : null;
      options(
        site,
        [
          ...sites.map((s): [string, string] => [s.key, s.name || s.key]),
          ...(lockedSite ? [[lockedSite, t('site.locked', { site: lockedSite })] as [string, string]] : []),
        ],
        state.site ?? '',
      );
      site.disabled = sites.length === 0 && !lockedSite;
      // Sites locked with a read token are not listed; this opens the prompt for one.
      unlock.hidden = locked === 0;
      unlock.textContent = t('token.unlock', { n: locked });
      options(
        type,
        HEAT_TYPES.map((h) => [h, t(`type.${h}`)]),
        state.type,
      );
      options(
        place,
        PLACEMENTS.map((p) => [p, t(`place.${p}`)]),
        state.place,
      );
      options(
        compare,
        [['', t('compare.none')], ...COMPARISONS.map((c): [string, string] => [c, t(`compare.${c}`)])],
        state.compare ?? '',
      );
      // Only clicks have element positions; the other heat types ignore placement, and two
      // sides side by side are placed by position (their one colour scale needs it).
      placeControl.hidden = state.type !== 'click' || state.view !== 'heatmap' || state.compare !== null;
      for (const [d, input] of radios) {
        input.checked = d === state.device;
        const label = radioLabels.get(d);
        if (label) label.textContent = t(`device.${d}`);
      }
      const days = state.days ?? DEFAULT_RANGE_DAYS;
      const choices = [...new Set([...RANGE_PRESETS, days])].sort((a, b) => a - b);
      options(
        preset,
        [
          ...choices.map((n): [string, string] => [String(n), t('range.days', { n })]),
          ['custom', t('range.custom')],
        ],
        state.from || state.to ? 'custom' : String(days),
      );
      from.value = state.from ?? range.from;
      to.value = state.to ?? range.to;
      from.max = to.value;
      to.min = from.value;
      options(
        platform,
        [['', t('platform.all')], ...PLATFORMS.map((p): [string, string] => [p, t(`platform.${p}`)])],
        state.platform ?? '',
      );
      options(
        visitor,
        [['', t('visitor.all')], ...VISITOR_KINDS.map((v): [string, string] => [v, t(`visitor.${v}`)])],
        state.visitor ?? '',
      );
      if (document.activeElement !== channel) channel.value = state.channel ?? '';
      // The second side's segment, shown only while comparing segments.
      vs = state.vs;
      vsBox.hidden = state.view !== 'heatmap' || state.compare !== 'segments';
      options(
        vsPlatform,
        [['', t('platform.all')], ...PLATFORMS.map((p): [string, string] => [p, t(`platform.${p}`)])],
        vs.platform ?? '',
      );
      options(
        vsVisitor,
        [['', t('visitor.all')], ...VISITOR_KINDS.map((v): [string, string] => [v, t(`visitor.${v}`)])],
        vs.visitor ?? '',
      );
      if (document.activeElement !== vsChannel) vsChannel.value = vs.channel ?? '';
      vsCohort.hidden = !vs.cohort;
      vsCohortText.textContent = vs.cohort
        ? t('vs.cohort', { cohort: describeSegment({ cohort: vs.cohort }, t) })
        : '';
      lang.value = current;
    },
  };
};
