import { describe, expect, it } from 'vitest';
import { BATCH_PATH, type ClickEvent, PROTOCOL_VERSION } from '../../src/protocol';
import type { FakeNode } from './fake-runtime';
import { ENDPOINT, start, T0, V7, wait } from './harness';

declare const Page: (def: object) => void;
declare const Component: (def: object) => void;
declare const Behavior: (def: object) => object;

const BUY: FakeNode = {
  id: 'buy',
  dataset: { sku: 'A1' },
  left: 20,
  top: 500,
  width: 335,
  height: 44,
  bind: { tap: 'onBuy' },
};

/** A shop: a home page, a goods page with a buy button, a cart page. */
function shopPages(rt: Awaited<ReturnType<typeof start>>['rt'], calls: string[] = []) {
  rt.page('pages/index/index', () => Page({ onShow: () => calls.push('index.onShow') }));
  rt.page('pages/goods/index', () =>
    Page({
      data: { n: 0 },
      onLoad(q: { id: string }) {
        calls.push(`goods.onLoad ${q.id}`);
      },
      onBuy(this: { setData(d: object): void }, e: { currentTarget: { dataset: { sku: string } } }) {
        calls.push(`buy ${e.currentTarget.dataset.sku}`);
        return 'bought';
      },
    }),
  );
  rt.page('pages/cart/index', () => Page({}));
}

describe('WeChat: page views, taps and delivery through the core', () => {
  it('sends a page view with route, query, scene channel and window size, then a tap, in one batch of the protocol', async () => {
    const { rt } = await start('wx', {
      runtime: { enter: { scene: 1007, query: { id: '42', utm_campaign: 'w' }, path: '' } },
    });
    const calls: string[] = [];
    shopPages(rt, calls);
    rt.launch('pages/goods/index?id=42&utm_campaign=w');
    await wait(1000);
    const results = rt.tap(BUY, 100, 220);
    expect(results).toEqual(['bought']);
    expect(calls).toEqual(['goods.onLoad 42', 'buy A1']);
    expect(rt.requests).toHaveLength(0);
    await wait(5000);
    expect(rt.requests).toHaveLength(1);
    const [req] = rt.requests;
    expect(req?.url).toBe(ENDPOINT + BATCH_PATH);
    expect(req?.method).toBe('POST');
    expect(req?.headers).toEqual({ 'content-type': 'text/plain' });
    const { k, v, e } = req?.batch ?? { e: [] };
    expect({ k, v }).toEqual({ k: 'shop', v: PROTOCOL_VERSION });
    const [view, tap] = e;
    const common = {
      a: view?.a,
      s: view?.s,
      p: 'weapp',
      url: '/pages/goods/index?utm_campaign=w',
      pk: '/pages/goods/index',
      ch: 'wx_1007',
      vw: 375,
      vh: 667,
      dw: 375,
      dh: 667,
    };
    expect(view).toEqual({ id: view?.id, t: 'pageview', ts: T0, r: 'scene://wx_1007/', ...common });
    expect(tap).toEqual({
      id: tap?.id,
      t: 'click',
      ts: T0 + 1000,
      ...common,
      x: 100,
      y: 220,
      sel: 'onBuy#buy[data-sku=A1]',
      sh: expect.stringMatching(/^[0-9a-f]{8}$/),
      cx: 100,
      cy: 220,
      sy: 0,
    });
    for (const event of e) expect(event.id).toMatch(V7);
    expect(view?.a).toMatch(V7);
  });

  it('takes page coordinates from detail.x/y (scroll included), with the window width as dw for normalising', async () => {
    const { rt } = await start();
    shopPages(rt);
    rt.launch('pages/goods/index?id=1');
    rt.current().__scrollTop = 800;
    rt.tap(BUY, 30, 100);
    await wait(6000);
    const tap = rt.events().find((e) => e.t === 'click') as ClickEvent;
    expect([tap.x, tap.y]).toEqual([30, 900]);
    // The viewport point and the scroll top (page minus viewport y), no onPageScroll injected.
    expect([tap.cx, tap.cy, tap.sy]).toEqual([30, 100, 800]);
    expect(rt.current().onPageScroll).toBeUndefined();
    // Normalised by window width, as the server reads it: x / dw, y / dw.
    expect([tap.x / tap.dw, tap.y / tap.dw]).toEqual([30 / 375, 900 / 375]);
  });

  it('records page views on show with the previous page as referrer, and the leave with its duration', async () => {
    const { rt } = await start();
    shopPages(rt);
    rt.launch('pages/index/index');
    await wait(3000);
    rt.navigateTo('pages/goods/index?id=7');
    await wait(2000);
    rt.navigateBack();
    await wait(6000);
    const summary = rt
      .events()
      .map((e) => [e.t, e.pk, 'r' in e ? e.r : undefined, 'pr' in e ? e.pr : undefined]);
    expect(summary).toEqual([
      ['pageview', '/pages/index/index', 'scene://wx_1001/', undefined],
      ['custom', '/pages/index/index', undefined, { ms: 3000 }],
      ['pageview', '/pages/goods/index', '/pages/index/index', undefined],
      ['custom', '/pages/goods/index', undefined, { ms: 2000 }],
      ['pageview', '/pages/index/index', '/pages/goods/index', undefined],
    ]);
    expect(
      rt
        .events()
        .filter((e) => e.t === 'custom')
        .map((e) => (e as { n: string }).n),
    ).toEqual(['$pageleave', '$pageleave']);
  });

  it('attributes the leave to the right page whichever of onHide and the next onShow comes first', async () => {
    const { rt } = await start();
    shopPages(rt);
    rt.launch('pages/index/index');
    await wait(1000);
    rt.navigateTo('pages/cart/index', { hideFirst: false });
    await wait(6000);
    expect(rt.events().map((e) => [e.t, e.pk])).toEqual([
      ['pageview', '/pages/index/index'],
      ['custom', '/pages/index/index'],
      ['pageview', '/pages/cart/index'],
    ]);
  });

  it('flushes on app hide, and a return from the background is a new page view with its scene', async () => {
    const { rt } = await start();
    shopPages(rt);
    rt.launch('pages/cart/index');
    await wait(2000);
    rt.hide();
    expect(rt.requests).toHaveLength(1);
    expect(rt.requests[0]?.batch.e.map((e) => e.t)).toEqual(['pageview', 'custom']);
    await wait(60_000);
    rt.show({ scene: 1089, query: {} });
    await wait(6000);
    const back = rt.requests[1]?.batch.e[0];
    expect(back).toMatchObject({
      t: 'pageview',
      pk: '/pages/cart/index',
      r: 'scene://wx_1089/',
      ch: 'wx_1001',
    });
  });

  it('wraps Component methods and Behavior methods; lifecycles and non-event calls are not taps', async () => {
    const { rt } = await start();
    shopPages(rt);
    const shared = Behavior({
      methods: {
        onShare(e: unknown) {
          return e;
        },
      },
    });
    rt.component('components/card/card', () =>
      Component({
        behaviors: [shared],
        lifetimes: { attached() {} },
        methods: {
          onAdd() {
            return 'added';
          },
          helper(n: number) {
            return n * 2;
          },
        },
      }),
    );
    rt.launch('pages/index/index');
    const card = rt.mount('components/card/card');
    expect(card.helper(21)).toBe(42);
    rt.tap({ id: 'add', left: 0, top: 0, width: 10, height: 10, bind: { tap: 'onAdd' }, owner: card }, 5, 6);
    rt.tap(
      { dataset: { pos: 2 }, left: 0, top: 0, width: 10, height: 10, bind: { tap: 'onShare' }, owner: card },
      7,
      8,
    );
    await wait(6000);
    expect(
      rt
        .events()
        .filter((e) => e.t === 'click')
        .map((e) => (e as ClickEvent).sel),
    ).toEqual(['onAdd#add', 'onShare[data-pos=2]']);
  });

  it('finds the event in the last argument (frameworks pass it last), records long presses, drops repeats within 10 ms and honours data-hf-ignore', async () => {
    const { rt } = await start();
    rt.page('pages/list/index', () =>
      Page({
        pick(this: unknown, ...args: unknown[]) {
          return args.length;
        },
        hold() {},
        outer() {},
        secret() {},
      }),
    );
    rt.launch('pages/list/index');
    expect(
      rt.tap({ id: 'i', left: 0, top: 0, width: 1, height: 1, bind: { tap: 'pick' } }, 10, 10, {
        args: ['sku-1', 3],
      }),
    ).toEqual([3]);
    rt.tap({ id: 'h', left: 0, top: 0, width: 1, height: 1, bind: { longpress: 'hold' } }, 20, 20, {
      long: true,
    });
    // One tap bubbling to a parent handler: the same tap, recorded once (innermost).
    rt.tap(
      {
        id: 'inner',
        left: 0,
        top: 0,
        width: 1,
        height: 1,
        bind: { tap: 'pick' },
        parents: [{ id: 'box', bind: { tap: 'outer' } }],
      },
      30,
      30,
    );
    rt.tap(
      { id: 'pw', dataset: { hfIgnore: '' }, left: 0, top: 0, width: 1, height: 1, bind: { tap: 'secret' } },
      40,
      40,
    );
    await wait(6000);
    expect(
      rt
        .events()
        .filter((e) => e.t === 'click')
        .map((e) => [(e as ClickEvent).sel, (e as ClickEvent).x, (e as ClickEvent).tk]),
    ).toEqual([
      ['pick#i', 10, undefined],
      ['hold#h', 20, 'longpress'],
      ['pick#inner', 30, undefined],
    ]);
  });

  it('step, track and identify go out with the page they happened on', async () => {
    const { rt, hf } = await start();
    shopPages(rt);
    rt.launch('pages/cart/index');
    hf.step('checkout', 'cart', { items: 2 });
    hf.track('coupon', { code: 'X' });
    hf.identify('u-9');
    await wait(6000);
    const [, step, custom, identify] = rt.events();
    expect(step).toMatchObject({
      t: 'step',
      f: 'checkout',
      st: 'cart',
      pr: { items: 2 },
      pk: '/pages/cart/index',
    });
    expect(custom).toMatchObject({ t: 'custom', n: 'coupon', pr: { code: 'X' } });
    expect(identify).toMatchObject({ t: 'identify', u: 'u-9' });
  });

  it('wraps once: a second import or wrap leaves Page as it is, and handlers are not wrapped twice', async () => {
    const { rt } = await start();
    const wrapped = Page;
    const { wrapConstructors } = await import('../../src/mini/wrap');
    expect(wrapConstructors(globalThis)).toBe(false);
    expect(Page).toBe(wrapped);
    rt.page('pages/a/index', () => Page({ go() {} }));
    rt.launch('pages/a/index');
    rt.tap({ id: 'go', left: 0, top: 0, width: 1, height: 1, bind: { tap: 'go' } }, 1, 1);
    await wait(6000);
    expect(rt.events().filter((e) => e.t === 'click')).toHaveLength(1);
  });

  it('a handler that throws still throws to the page as before, and the SDK keeps working', async () => {
    const { rt } = await start();
    rt.page('pages/a/index', () =>
      Page({
        boom() {
          throw new Error('shop bug');
        },
      }),
    );
    rt.launch('pages/a/index');
    expect(() =>
      rt.tap({ id: 'b', left: 0, top: 0, width: 1, height: 1, bind: { tap: 'boom' } }, 1, 1),
    ).toThrow('shop bug');
    await wait(6000);
    expect(rt.events().map((e) => e.t)).toEqual(['pageview', 'click']);
  });
});
