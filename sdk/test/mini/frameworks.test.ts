import { describe, expect, it } from 'vitest';
import type { ClickEvent } from '../../src/protocol';
import { start, wait } from './harness';

declare const Page: (def: object) => void;
declare const Component: (def: object) => void;

const clicks = (events: { t: string }[]) => events.filter((e) => e.t === 'click') as ClickEvent[];

describe('Taro 3', () => {
  it("recovers the real handler, id and dataset behind Taro's generic `eh` from Taro's document", async () => {
    function handleBuy() {}
    const nodes: Record<string, object> = {
      _n_7: { props: { id: 'buy' }, dataset: { sku: 'T1' }, __handlers: { tap: [handleBuy] } },
    };
    const taro = { getElementById: (id: string) => (nodes[id] as never) ?? null };
    const { rt } = await start('wx', { init: { taro } });
    const dispatched: string[] = [];
    // Taro's page config: every template event is bound to `eh`, which dispatches to the node.
    rt.page('pages/index/index', () =>
      Page({
        eh(event: { currentTarget: { id: string } }) {
          dispatched.push(event.currentTarget.id);
        },
        onShow() {},
      }),
    );
    rt.launch('pages/index/index');
    rt.tap({ id: '_n_7', left: 0, top: 0, width: 9, height: 9, bind: { tap: 'eh' } }, 11, 22);
    rt.tap({ id: '_n_9', left: 0, top: 0, width: 9, height: 9, bind: { tap: 'eh' } }, 33, 44);
    await wait(6000);
    expect(dispatched).toEqual(['_n_7', '_n_9']);
    expect(clicks(rt.events()).map((e) => [e.sel, e.x, e.y])).toEqual([
      ['handleBuy#buy[data-sku=T1]', 11, 22],
      ['eh', 33, 44],
    ]);
  });
});

describe('uni-app', () => {
  it('pages made with Component: page views from methods.onShow, and the real handler from data-event-opts behind `__e`', async () => {
    const { rt } = await start();
    const calls: string[] = [];
    rt.page(
      'pages/goods/detail',
      () =>
        Component({
          methods: {
            __e(event: { currentTarget: { dataset: { eventOpts: unknown[] } } }) {
              calls.push(JSON.stringify(event.currentTarget.dataset.eventOpts));
            },
            onLoad(q: { id: string }) {
              calls.push(`load ${q.id}`);
            },
          },
        }),
      true,
    );
    rt.launch('pages/goods/detail?id=12');
    rt.tap(
      {
        dataset: { eventOpts: [['tap', [['handleBuy', ['$event']]]]], sku: 'U1' },
        left: 0,
        top: 0,
        width: 9,
        height: 9,
        bind: { tap: '__e' },
      },
      5,
      6,
    );
    await wait(6000);
    expect(calls).toEqual(['load 12', '[["tap",[["handleBuy",["$event"]]]]]']);
    expect(rt.events()[0]).toMatchObject({ t: 'pageview', pk: '/pages/goods/detail' });
    expect(clicks(rt.events()).map((e) => e.sel)).toEqual(['handleBuy[data-sku=U1]']);
  });
});

/**
 * uni-app's Vue 3 mini-program runtime, as far as taps go (dcloudio/uni-app
 * packages/uni-mp-vue/src/helpers/vOn.ts and packages/uni-mp-core/src/runtime/page.ts): pages
 * are `Component`s whose methods hold `__l` and the page hooks; the template's
 * `<view @tap="onBuy">` compiles to `bindtap="{{a}}"`, and each render calls `vOn(handler)`,
 * which puts an invoker `e<n>` on the mini-program instance (or sets `.value` on the one
 * already there) and returns its name, then hands the data to `setData`.
 */
function uniVue3Page(render: (vOn: (value: unknown) => string) => Record<string, string>) {
  return {
    lifetimes: {
      attached(this: Record<string, unknown> & { setData(d: object): void }) {
        const vm = {
          rerender: () => {
            let ei = 0;
            const vOn = (value: unknown) => {
              const name = `e${ei++}`;
              const existing = this[name] as { value: unknown } | undefined;
              if (existing) existing.value = value;
              else {
                // createInvoker: the real handler lives in `.value`, read at the call; taps run
                // it on a timer.
                const invoker = Object.assign(
                  (e: object) => {
                    const handler = invoker.value as (e: object) => void;
                    setTimeout(() => handler(e));
                  },
                  { value },
                );
                this[name] = invoker;
              }
              return name;
            };
            this.setData(render(vOn));
          },
        };
        this.$vm = vm;
        // uni-app's fixSetData (packages/uni-mp-core/src/runtime/fixSetData.ts): the first
        // render's setData calls wait, then the setData found at the start is put back and
        // called with them.
        const setData = this.setData;
        const waiting: object[] = [];
        this.setData = (d: object) => waiting.push(d);
        vm.rerender();
        this.setData = setData;
        for (const d of waiting) setData.call(this, d);
      },
    },
    methods: {
      __l() {},
      onLoad() {},
      onShow() {},
    },
  };
}

describe('uni-app (Vue 3)', () => {
  it('recovers the real handler behind the per-node invokers e0, e1... that vOn puts on the instance', async () => {
    const { rt } = await start();
    const calls: string[] = [];
    let showCoupon = false;
    let soldOut = false;
    // <script setup>: function onBuy(e) {...}; options API methods come bound ("bound onPick").
    function onBuy(e: { currentTarget: { dataset: { sku: string } } }) {
      calls.push(`buy ${e.currentTarget.dataset.sku}`);
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
    rt.page(
      'pages/goods/detail',
      () =>
        Component(
          uniVue3Page((vOn) => ({
            // <view id="buy" data-sku="U3" @tap="soldOut ? onNotify : onBuy">, <view @longpress="onPick">,
            // <view @tap="addToCart('U3', $event)">, and <view v-if="showCoupon" @tap="onCoupon">.
            a: vOn(soldOut ? onNotify : onBuy),
            b: vOn(onPick),
            c: vOn(($event: unknown) => ctx.addToCart('U3', $event)),
            ...(showCoupon ? { d: vOn(ctx.onCoupon) } : {}),
          })),
        ),
      true,
    );
    const page = rt.launch('pages/goods/detail?id=3');
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
    expect(rt.events()[0]).toMatchObject({ t: 'pageview', pk: '/pages/goods/detail' });
    expect(clicks(rt.events()).map((e) => [e.sel, e.x, e.y, e.tk])).toEqual([
      ['onBuy#buy[data-sku=U3]', 10, 20, undefined],
      ['onPick', 30, 40, 'longpress'],
      ['addToCart[data-sku=U3]', 50, 60, undefined],
      ['onNotify#buy[data-sku=U3]', 11, 21, undefined],
      ['onCoupon#coupon', 70, 80, undefined],
    ]);
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
