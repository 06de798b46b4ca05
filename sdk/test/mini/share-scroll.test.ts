import { describe, expect, it } from 'vitest';
import type { CustomEvent, ScrollEvent } from '../../src/protocol';
import { start, wait } from './harness';

declare const Page: (def: object) => void;

describe('share', () => {
  it('leaves pages without share handlers alone, so their share menu stays off', async () => {
    const { rt } = await start();
    rt.page('pages/index/index', () => Page({ onShow() {} }));
    const page = rt.launch('pages/index/index');
    expect('onShareAppMessage' in page).toBe(false);
    expect('onShareTimeline' in page).toBe(false);
  });

  it('tags the shared path, records the share, and the open from it is attributed to the share', async () => {
    const first = await start('wx');
    first.rt.page('pages/goods/index', () =>
      Page({ onShareAppMessage: () => ({ title: 'Look', path: '/pages/goods/index?id=5' }) }),
    );
    first.rt.launch('pages/goods/index?id=5');
    const shared = first.rt.share('message', 'button');
    expect(shared).toEqual({
      title: 'Look',
      path: expect.stringMatching(
        /^\/pages\/goods\/index\?id=5&utm_source=share&utm_medium=message&utm_content=[0-9a-f]{6}$/,
      ),
    });
    const sid = /utm_content=(\w+)/.exec(shared.path)?.[1];
    await wait(6000);
    const share = first.rt.events().find((e) => e.t === 'custom') as CustomEvent;
    expect(share).toMatchObject({
      n: '$share',
      pr: { type: 'message', sid, from: 'button' },
      pk: '/pages/goods/index',
    });
    first.rt.uninstall();

    // A friend opens the card: scene 1007, the tagged path as entry.
    const second = await start('wx', { runtime: { enter: { scene: 1007, query: {} } } });
    second.rt.page('pages/goods/index', () => Page({}));
    second.rt.launch(shared.path);
    await wait(6000);
    expect(second.rt.events()[0]).toMatchObject({
      t: 'pageview',
      ch: 'share',
      url: `/pages/goods/index?utm_source=share&utm_medium=message&utm_content=${sid}`,
      r: 'scene://wx_1007/',
    });
  });

  it('tags the current page when the handler returns nothing, the timeline query, and keeps a path that names its own utm_source', async () => {
    const { rt } = await start();
    rt.page('pages/a/index', () =>
      Page({ onShareAppMessage() {}, onShareTimeline: () => ({ title: 'T', query: 'id=3' }) }),
    );
    rt.page('pages/b/index', () =>
      Page({ onShareAppMessage: () => ({ path: '/pages/b/index?utm_source=poster' }) }),
    );
    rt.launch('pages/a/index?id=3');
    expect(rt.share('message').path).toMatch(
      /^\/pages\/a\/index\?id=3&utm_source=share&utm_medium=message&utm_content=\w{6}$/,
    );
    expect(rt.share('timeline').query).toMatch(
      /^id=3&utm_source=share&utm_medium=timeline&utm_content=\w{6}$/,
    );
    rt.navigateTo('pages/b/index');
    expect(rt.share('message')).toEqual({ path: '/pages/b/index?utm_source=poster' });
    await wait(6000);
    const shares = rt.events().filter((e) => e.t === 'custom' && e.n === '$share') as CustomEvent[];
    expect(shares.map((e) => e.pr?.type)).toEqual(['message', 'timeline', 'message']);
  });
});

describe('scroll depth (opt-in)', () => {
  it('is not injected by default: no onPageScroll, no scroll event', async () => {
    const { rt } = await start();
    rt.page('pages/index/index', () => Page({}));
    rt.page('pages/b/index', () => Page({}));
    const page = rt.launch('pages/index/index');
    expect('onPageScroll' in page).toBe(false);
    rt.navigateTo('pages/b/index');
    await wait(6000);
    expect(rt.events().some((e) => e.t === 'scroll')).toBe(false);
  });

  it('with hfScroll: true reports the deepest point, the page height from a selector query and attention per band', async () => {
    const { rt } = await start();
    const seen: number[] = [];
    rt.page('pages/list/index', () =>
      Page({ hfScroll: true, onPageScroll: (e: { scrollTop: number }) => seen.push(e.scrollTop) }),
    );
    rt.page('pages/b/index', () => Page({}));
    rt.launch('pages/list/index');
    // 2000 px tall: attention bands of 100 px; the window (667 px) shows 7 of them.
    rt.setHeight(2000);
    await wait(3000);
    rt.scroll(1000);
    // Idle longer than the 10 s activity window: only 10 s count.
    await wait(30_000);
    rt.navigateTo('pages/b/index');
    await wait(6000);
    expect(seen).toEqual([1000]);
    const scroll = rt.events().find((e) => e.t === 'scroll') as ScrollEvent;
    expect(scroll).toMatchObject({ pk: '/pages/list/index', md: 1000 + 667, dh: 2000, vh: 667 });
    expect(scroll.att).toEqual([3, 3, 3, 3, 3, 3, 3, 0, 0, 0, 10, 10, 10, 10, 10, 10, 10, 0, 0, 0]);
    expect(rt.events().filter((e) => e.t === 'scroll')).toHaveLength(1);
  });
});
