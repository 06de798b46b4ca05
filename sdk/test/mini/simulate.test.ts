// @vitest-environment jsdom
/**
 * Tencent's miniprogram-simulate (j-component + exparser in jsdom) renders a real custom
 * component registered through the SDK-wrapped global `Component`, a real touchstart/touchend
 * pair makes exparser fire its own `tap`, and the SDK must capture it with coordinates.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';
import type { ClickEvent } from '../../src/protocol';
import { installRuntime } from './fake-runtime';

const require = createRequire(import.meta.url);

it('captures a real tap on a rendered custom component, with page coordinates and the handler, id and data-*', async () => {
  vi.resetModules();
  // miniprogram-simulate installs the global Component (j-component's) when it loads.
  const simulate = require('miniprogram-simulate');
  const g = globalThis as unknown as Record<string, unknown>;
  const { Component: simComponent, Behavior: simBehavior } = g;
  // The fake runtime supplies wx (storage, request, app events) and Page; Component stays simulate's.
  const rt = installRuntime('wx', { enter: { scene: 1001, query: {} } });
  Object.assign(g, { Component: simComponent, Behavior: simBehavior });
  afterAll(() => rt.uninstall());

  const { init } = await import('../../src/mini/index');
  const hf = init({ site: 'shop', endpoint: 'https://hf.example.com' });
  expect(g.Component).not.toBe(simComponent);
  rt.page('pages/goods/index', () => (g.Page as (def: object) => void)({}));
  rt.launch('pages/goods/index?id=5');

  const id = simulate.load(join(import.meta.dirname, 'fixtures/buy-button/index'), 'buy-button', {
    compiler: 'simulate',
  });
  const comp = simulate.render(id, { sku: 'A1', title: 'Teapot' });
  comp.attach(document.createElement('parent-wrapper'));
  const bought: unknown[] = [];
  comp.addEventListener('buy', (e: { detail: unknown }) => bought.push(e.detail));

  const buy = comp.querySelector('#buy');
  buy.dispatchEvent('touchstart', { touches: [{ x: 120, y: 340 }], changedTouches: [{ x: 120, y: 340 }] });
  buy.dispatchEvent('touchend', { touches: [], changedTouches: [{ x: 120, y: 340 }] });
  await simulate.sleep(20);
  const secret = comp.querySelector('#secret');
  secret.dispatchEvent('touchstart', { touches: [{ x: 5, y: 6 }], changedTouches: [{ x: 5, y: 6 }] });
  secret.dispatchEvent('touchend', { touches: [], changedTouches: [{ x: 5, y: 6 }] });
  await simulate.sleep(20);

  // The component still works as written: its handler ran and its event reached the parent.
  expect(comp.instance.data.bought).toBe(-1);
  expect(bought).toEqual([{ sku: 'A1' }]);

  hf.flush();
  await vi.waitFor(() => expect(rt.requests.length).toBeGreaterThan(0));
  const taps = rt.events().filter((e) => e.t === 'click') as ClickEvent[];
  expect(taps).toHaveLength(1);
  expect(taps[0]).toMatchObject({
    p: 'weapp',
    pk: '/pages/goods/index',
    x: 120,
    y: 340,
    sel: 'onBuy#buy[data-sku=A1]',
    dw: expect.any(Number),
    // exparser's touches carry the viewport point; the page is not scrolled.
    cx: 120,
    cy: 340,
    sy: 0,
  });
  expect(taps[0]?.tk).toBeUndefined();
});
