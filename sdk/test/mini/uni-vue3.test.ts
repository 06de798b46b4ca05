/**
 * uni-app's Vue 3 mini-program runtime on each platform, as far as taps go. The template's
 * `<view @tap="onBuy">` compiles to `bindtap="{{a}}"` (Alipay: `onTap="{{a}}"`,
 * packages/uni-mp-alipay/src/compiler/event.ts), and each render calls `vOn(handler)`, which
 * puts an invoker `e<n>` on the mini-program instance (or sets `.value` on the one already
 * there) and returns its name, then hands the data to `setData`
 * (packages/uni-mp-vue/src/helpers/vOn.ts). Where the Vue instance is made, and so where the
 * first render happens, differs per platform (paths in dcloudio/uni-app):
 * - WeChat: pages are `Component`s; `lifetimes.attached` makes it, its first `setData` calls
 *   deferred and replayed through the `setData` found first (uni-mp-core/src/runtime/fixSetData.ts).
 * - Douyin: the same, plus `lifetimes.created` (uni-mp-toutiao/src/runtime/componentLifetimes.ts).
 * - Baidu: `lifetimes.onInit(query)` makes it under fixSetDataStart, `attached` ends the deferral;
 *   `__l` moves from `methods` to `messages` and `methods.__e` dispatches custom components'
 *   events (uni-mp-baidu/src/runtime/parseComponentOptions.ts).
 * - Alipay: pages are `Page`s with `__l` at the top, made in `onLoad`; components make it in
 *   `onInit`/`didMount` (uni-mp-alipay/src/runtime/createPage.ts, createComponent.ts).
 */
import { describe, expect, it } from 'vitest';
import type { ClickEvent } from '../../src/protocol';
import type { ApiName } from './fake-runtime';
import { start, wait } from './harness';

declare const Page: (def: object) => void;
declare const Component: (def: object) => void;

// biome-ignore lint/suspicious/noExplicitAny: mini-program instances are untyped
type Inst = Record<string, any>;
type Render = (vOn: (value: unknown) => string) => Record<string, string>;

const clicks = (events: { t: string }[]) => events.filter((e) => e.t === 'click') as ClickEvent[];

/** uni-app's vm as far as rendering goes: each render names the invokers and ends in setData. */
function makeVm(mp: Inst, render: Render) {
  const vm = {
    rerender: () => {
      let ei = 0;
      const vOn = (value: unknown) => {
        const name = `e${ei++}`;
        const existing = mp[name] as { value: unknown } | undefined;
        if (existing) existing.value = value;
        else {
          // createInvoker: the real handler lives in `.value`, read at the call; taps run it
          // on a timer.
          const invoker = Object.assign(
            (e: object) => {
              const handler = invoker.value as (e: object) => void;
              setTimeout(() => handler(e));
            },
            { value },
          );
          mp[name] = invoker;
        }
        return name;
      };
      mp.setData(render(vOn));
    },
  };
  mp.$vm = vm;
  vm.rerender();
}

/** fixSetDataStart: setData calls wait; fixSetDataEnd puts back the setData found and replays them. */
function fixSetDataStart(mp: Inst) {
  const setData = mp.setData;
  const waiting: object[] = [];
  mp.setData = (d: object) => waiting.push(d);
  mp.__fixInitData = () => {
    mp.setData = setData;
    for (const d of waiting) setData.call(mp, d);
  };
}
const fixSetDataEnd = (mp: Inst) => {
  mp.__fixInitData?.();
  delete mp.__fixInitData;
};

/** Registers a uni-app Vue 3 page at `route` the way uni-app's runtime for `api` does. */
function registerPage(
  rt: { page(route: string, define: () => void, asComponent?: boolean): void },
  api: ApiName,
  route: string,
  render: Render,
) {
  const hooks = { onLoad() {}, onShow() {}, onHide() {}, onUnload() {} };
  if (api === 'my')
    return rt.page(route, () =>
      Page({
        ...hooks,
        onLoad(this: Inst) {
          makeVm(this, render);
        },
        __r() {},
        __l() {},
      }),
    );
  const lifetimes: Record<string, (this: Inst) => void> =
    api === 'swan'
      ? {
          onInit(this: Inst) {
            fixSetDataStart(this);
            makeVm(this, render);
          },
          attached(this: Inst) {
            fixSetDataEnd(this);
          },
        }
      : {
          attached(this: Inst) {
            fixSetDataStart(this);
            makeVm(this, render);
            fixSetDataEnd(this);
          },
        };
  if (api === 'tt') lifetimes.created = () => {};
  const methods = api === 'swan' ? { ...hooks, __e() {} } : { ...hooks, __l() {} };
  rt.page(
    route,
    () => Component({ lifetimes, methods, ...(api === 'swan' ? { messages: { __l() {} } } : {}) }),
    true,
  );
}

describe.each(['wx', 'tt', 'swan', 'my'] as const)('uni-app (Vue 3) on %s', (api) => {
  it('recovers the real handler behind the invokers e0, e1... that vOn puts on the page instance', async () => {
    const { rt } = await start(api);
    const calls: string[] = [];
    let showCoupon = false;
    let soldOut = false;
    // <script setup>: function onBuy(e) {...}; options API methods come bound ("bound onPick").
    // (Alipay's events have no currentTarget: the bound node's dataset is on target.)
    type Node = { dataset: { sku: string } };
    function onBuy(e: { currentTarget?: Node; target: Node }) {
      calls.push(`buy ${(e.currentTarget ?? e.target).dataset.sku}`);
    }
    function onNotify() {
      calls.push('notify');
    }
    const onPick = function onPick() {
      calls.push('pick');
    }.bind({});
    const ctx = {
      addToCart(sku: string, _event: unknown) {
        calls.push(`cart ${sku}`);
      },
      onCoupon() {
        calls.push('coupon');
      },
    };
    // <view id="buy" data-sku="U3" @tap="soldOut ? onNotify : onBuy">, <view @longpress="onPick">,
    // <view @tap="addToCart('U3', $event)">, and <view v-if="showCoupon" @tap="onCoupon">.
    registerPage(rt, api, 'pages/goods/detail', (vOn) => ({
      a: vOn(soldOut ? onNotify : onBuy),
      b: vOn(onPick),
      c: vOn(($event: unknown) => ctx.addToCart('U3', $event)),
      ...(showCoupon ? { d: vOn(ctx.onCoupon) } : {}),
    }));
    const page = rt.launch('pages/goods/detail?id=3&utm_source=qr');
    const node = { left: 0, top: 0, width: 9, height: 9 };
    rt.tap({ ...node, id: 'buy', dataset: { sku: 'U3' }, bind: { tap: page.data.a } }, 10, 20);
    rt.tap({ ...node, bind: { longpress: page.data.b } }, 30, 40, { long: true });
    rt.tap({ ...node, dataset: { sku: 'U3' }, bind: { tap: page.data.c } }, 50, 60);
    // A re-render patches the invokers' values, and a v-if adds a node with a new invoker.
    soldOut = true;
    showCoupon = true;
    page.$vm.rerender();
    rt.tap({ ...node, id: 'buy', dataset: { sku: 'U3' }, bind: { tap: page.data.a } }, 11, 21);
    rt.tap({ ...node, id: 'coupon', bind: { tap: page.data.d } }, 70, 80);
    await wait(6000);
    expect(page.data).toMatchObject({ a: 'e0', b: 'e1', c: 'e2', d: 'e3' });
    // The shop's handlers ran as before, with the values of the latest render.
    expect(calls).toEqual(['buy U3', 'pick', 'cart U3', 'notify', 'coupon']);
    // The route and query, wherever the platform keeps them (Baidu: the component's
    // `pageinstance`, the query in lifetimes.onInit, before onShow).
    expect(rt.events()[0]).toMatchObject({ t: 'pageview', pk: '/pages/goods/detail', ch: 'qr' });
    expect(clicks(rt.events()).map((e) => [e.sel, e.x, e.y, e.tk])).toEqual([
      ['onBuy#buy[data-sku=U3]', 10, 20, undefined],
      ['onPick', 30, 40, 'longpress'],
      ['addToCart[data-sku=U3]', 50, 60, undefined],
      ['onNotify#buy[data-sku=U3]', 11, 21, undefined],
      ['onCoupon#coupon', 70, 80, undefined],
    ]);
  });
});

describe('uni-app (Vue 3) components', () => {
  it.each(['wx', 'my'] as const)('on %s: a custom component’s invokers are named too', async (api) => {
    const { rt } = await start(api);
    rt.page('pages/index/index', () => Page({ onShow() {} }));
    const render: Render = (vOn) => ({ a: vOn(function onAdd() {}) });
    rt.component('components/sku-card/sku-card', () =>
      Component(
        api === 'my'
          ? {
              props: { onVI() {} },
              onInit(this: Inst) {
                makeVm(this, render);
              },
              didMount() {},
              methods: { __r() {}, __l() {}, triggerEvent() {} },
            }
          : {
              lifetimes: {
                attached(this: Inst) {
                  makeVm(this, render);
                },
              },
              methods: { __l() {} },
            },
      ),
    );
    rt.launch('pages/index/index');
    const card = rt.mount('components/sku-card/sku-card');
    rt.tap(
      { id: 'add', left: 0, top: 0, width: 9, height: 9, bind: { tap: card.data.a }, owner: card },
      12,
      13,
    );
    await wait(6000);
    expect(clicks(rt.events()).map((e) => e.sel)).toEqual(['onAdd#add']);
  });

  it('leaves native components without uni-app marks unhooked (no setData wrapping)', async () => {
    const { rt } = await start();
    rt.page(
      'pages/plain/index',
      () => Component({ lifetimes: { attached() {} }, methods: { onShow() {} } }),
      true,
    );
    const page = rt.launch('pages/plain/index');
    const own = page.setData;
    page.setData({ a: 1 });
    expect(page.setData).toBe(own);
    expect(page.data).toEqual({ a: 1 });
  });
});
