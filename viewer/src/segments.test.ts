import { describe, expect, it } from 'vitest';
import { translate } from './i18n';
import { describeSegment, EVERYONE, formatSegment, parseSegment, toApiSegment } from './segments';
import { formatState, parseState } from './state';

const t = (key: Parameters<typeof translate>[1], p?: Record<string, string | number>) =>
  translate('en', key, p);
const cohort = (reached: number) => JSON.stringify({ funnel: { steps: [{}, {}, {}] }, reached });

describe('segments', () => {
  it('round-trips a second side through the URL, ignoring what it does not know', () => {
    const vs = { channel: 'ads', platform: 'weapp', visitor: 'new', cohort: cohort(3) } as const;
    expect(parseSegment(formatSegment(vs))).toEqual(vs);
    expect(parseSegment(['platform:ios', 'visitor:old', 'colour:red', 'channel:', ':x'])).toEqual(EVERYONE);
    const state = { ...parseState('?site=demo'), compare: 'segments' as const, vs };
    const url = formatState(state);
    expect(new URLSearchParams(url).getAll('vs')).toEqual(formatSegment(vs));
    expect(parseState(url)).toEqual(state);
    // Another comparison keeps no second segment in the link.
    expect(formatState({ ...state, compare: 'previous' })).not.toContain('vs=');
  });

  it('gives the API only the parts that are set', () => {
    expect(toApiSegment({ ...EVERYONE, platform: 'web', cohort: cohort(1) })).toEqual({
      platform: 'web',
      cohort: cohort(1),
    });
    expect(toApiSegment(EVERYONE)).toEqual({});
  });

  it('names a segment for captions, funnel cohorts included', () => {
    expect(describeSegment({}, t)).toBe('Everyone');
    expect(describeSegment({ platform: 'weapp', visitor: 'new', channel: 'ads' }, t)).toBe(
      'WeChat mini-program · New visitors · channel ads',
    );
    expect(describeSegment({ cohort: cohort(3) }, t)).toBe('Finished the funnel');
    expect(describeSegment({ cohort: cohort(2) }, t)).toBe('Left the funnel at step 2');
    expect(describeSegment({ cohort: 'not json' }, t)).toBe('Funnel cohort');
  });
});
