/**
 * Segments as the analyst picks them (platform, new or returning visitors, channel, a funnel
 * cohort): the second side of a segment comparison in the URL (`vs=key:value`, repeated),
 * as API parameters, and in words for captions. Pure.
 */
import { PLATFORMS, type Platform } from '@heatfunnel/sdk/protocol';
import type { Segment } from './api';
import type { Translate } from './i18n';

/** A segment with every part present (null = not restricted), as the view state keeps it. */
export interface SegmentChoice {
  channel: string | null;
  platform: Platform | null;
  visitor: 'new' | 'returning' | null;
  /** `{"funnel":{…},"reached":N}` as the API takes it. */
  cohort: string | null;
}

export const EVERYONE: SegmentChoice = { channel: null, platform: null, visitor: null, cohort: null };

const KEYS = ['platform', 'visitor', 'channel', 'cohort'] as const;
const MAX_VALUE = 8000;

/** The segment a list of `key:value` URL values describes; unknown keys and values are left out. */
export function parseSegment(values: readonly string[]): SegmentChoice {
  const s: SegmentChoice = { ...EVERYONE };
  for (const v of values) {
    const i = v.indexOf(':');
    const key = v.slice(0, i);
    const value = v.slice(i + 1).trim();
    if (i < 1 || !value || value.length > MAX_VALUE) continue;
    if (key === 'platform') s.platform = PLATFORMS.find((p) => p === value) ?? s.platform;
    else if (key === 'visitor') s.visitor = value === 'new' || value === 'returning' ? value : s.visitor;
    else if (key === 'channel') s.channel = value.slice(0, 128);
    else if (key === 'cohort') s.cohort = value;
  }
  return s;
}

/** The URL values of a segment, in a fixed order (`platform`, `visitor`, `channel`, `cohort`). */
export function formatSegment(s: SegmentChoice): string[] {
  return KEYS.flatMap((k) => (s[k] ? [`${k}:${s[k]}`] : []));
}

/** The API's segment parameters of a choice. */
export function toApiSegment(s: SegmentChoice): Segment {
  return {
    ...(s.channel ? { channel: s.channel } : {}),
    ...(s.platform ? { platform: s.platform } : {}),
    ...(s.visitor ? { visitor: s.visitor } : {}),
    ...(s.cohort ? { cohort: s.cohort } : {}),
  };
}

/** A funnel cohort in words: who left at step N, or who finished. */
function cohortWords(cohort: string, t: Translate): string {
  try {
    const { funnel, reached } = JSON.parse(cohort) as { funnel?: { steps?: unknown[] }; reached?: unknown };
    const n = Number(reached);
    if (funnel?.steps && n === funnel.steps.length) return t('segment.finished');
    if (Number.isInteger(n) && n > 0) return t('segment.leftAt', { n });
  } catch {
    // a hand-edited URL: name it plainly, the server says what is wrong with it
  }
  return t('segment.cohort');
}

/** A segment in words for a caption: "WeChat mini-program · New visitors · channel ads", or "Everyone". */
export function describeSegment(s: Segment, t: Translate): string {
  const parts = [
    ...(s.platform ? [t(`platform.${s.platform}`)] : []),
    ...(s.visitor ? [t(`visitor.${s.visitor}`)] : []),
    ...(s.channel ? [t('segment.channel', { channel: s.channel })] : []),
    ...(s.cohort ? [cohortWords(s.cohort, t)] : []),
  ];
  return parts.length > 0 ? parts.join(' · ') : t('segment.everyone');
}
