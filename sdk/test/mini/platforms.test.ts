import { describe, expect, it } from 'vitest';
import type { ClickEvent } from '../../src/protocol';
import type { ApiName } from './fake-runtime';
import { start, wait } from './harness';

declare const Page: (def: object) => void;

const CASES: { api: ApiName; platform: string; scene: number | string }[] = [
  { api: 'wx', platform: 'weapp', scene: 1047 },
  { api: 'my', platform: 'alipay', scene: 1011 },
  { api: 'tt', platform: 'douyin', scene: '011004' },
  { api: 'swan', platform: 'baidu', scene: '1201000000000000' },
];

describe.each(CASES)('$api adapter', ({ api, platform, scene }) => {
  it(`sends page views and taps as ${platform}, with the route field and scene of ${api}`, async () => {
    const { rt } = await start(api, { runtime: { enter: { scene, query: { id: '9' } } } });
    rt.page('pages/goods/index', () => Page({ onBuy() {}, onHold() {} }));
    rt.launch('pages/goods/index?id=9');
    rt.current().__scrollTop = 300;
    rt.tap(
      { id: 'buy', dataset: { sku: 'B2' }, left: 0, top: 0, width: 9, height: 9, bind: { tap: 'onBuy' } },
      50,
      60,
    );
    rt.tap({ id: 'img', left: 0, top: 0, width: 9, height: 9, bind: { longpress: 'onHold' } }, 70, 80, {
      long: true,
    });
    await wait(6000);
    expect(rt.requests).toHaveLength(1);
    const headerKey = api === 'my' ? 'headers' : 'header';
    expect(rt.requests[0]?.headers, `${api}.request takes \`${headerKey}\``).toEqual({
      'content-type': 'text/plain',
    });
    const [view, tap, hold] = rt.events();
    expect(view).toMatchObject({
      t: 'pageview',
      p: platform,
      pk: '/pages/goods/index',
      ch: `${api}_${scene}`,
    });
    // Page point, viewport point and scroll top, from each platform's own event shape
    // (Alipay: touches only, `longTap`).
    expect(tap).toMatchObject({ t: 'click', p: platform, x: 50, y: 360, cx: 50, cy: 60, sy: 300 });
    expect((tap as ClickEvent).sel).toBe('onBuy#buy[data-sku=B2]');
    expect((tap as ClickEvent).tk).toBeUndefined();
    expect(hold).toMatchObject({ sel: 'onHold#img', tk: 'longpress', x: 70, y: 380, cy: 80, sy: 300 });
    // The anonymous id and session were stored through the platform's own storage signature.
    expect(rt.storage.get('hf_a')).toBe(view?.a);
  });
});

describe('Alipay storage bound', () => {
  it('keeps the persisted queue under half of the 200 KB per-key limit, newest events kept', async () => {
    const { rt, hf } = await start('my', { init: { maxQueue: 1000 } });
    rt.page('pages/index/index', () => Page({}));
    rt.script(...Array(100).fill(503));
    rt.launch('pages/index/index');
    const pad = '热'.repeat(600);
    for (let i = 0; i < 300; i++) hf.track('viewed', { i, pad });
    hf.flush();
    await wait(1000);
    const stored = rt.storage.get('hf_q') ?? '';
    expect(Buffer.byteLength(stored)).toBeGreaterThan(50_000);
    expect(Buffer.byteLength(stored)).toBeLessThanOrEqual(100_000);
    const kept = JSON.parse(stored) as { pr?: { i: number } }[];
    expect(kept.at(-1)?.pr?.i).toBe(299);
    // The fake refuses writes over 200 KB, as Alipay does; nothing was refused, nothing thrown.
    expect(rt.storage.get('hf_a')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reads Alipay storage written by an earlier run ({ key, data } signature)', async () => {
    const stored = new Map([['hf_a', '0190a6f0-0000-7000-8000-000000000001']]);
    const { rt } = await start('my', { runtime: { stored } });
    rt.page('pages/index/index', () => Page({}));
    rt.launch('pages/index/index');
    await wait(6000);
    expect(rt.events()[0]?.a).toBe('0190a6f0-0000-7000-8000-000000000001');
  });
});
