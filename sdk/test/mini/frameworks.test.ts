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
