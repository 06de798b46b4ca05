import { describe, expect, it } from 'vitest';
import type { Batch } from '../../src/protocol';
import { start, wait } from './harness';

declare const Page: (def: object) => void;

const ids = (batch: Batch | undefined) => batch?.e.map((e) => e.id) ?? [];

async function shop(options: Parameters<typeof start>[1] = {}) {
  const env = await start('wx', options);
  env.rt.page('pages/index/index', () => Page({}));
  return env;
}

describe('delivery through the runtime request API', () => {
  it('keeps at most two requests in flight, the rest waiting their turn', async () => {
    const { rt, hf } = await shop({ init: { batchSize: 10 } });
    rt.manual();
    rt.launch('pages/index/index');
    const pad = 'x'.repeat(3500);
    for (let i = 0; i < 60; i++) hf.track('viewed', { i, pad });
    // The core sends one body at a time; on app hide it sends everything that waits at once.
    rt.hide();
    expect(rt.requests).toHaveLength(2);
    rt.requests[0]?.respond(200);
    await wait(0);
    expect(rt.requests).toHaveLength(3);
    expect(rt.requests.filter((r) => !r.answered)).toHaveLength(2);
    for (let i = 1; i < 10 && rt.requests.some((r) => !r.answered); i++) {
      for (const r of rt.requests.filter((x) => !x.answered)) r.respond(200);
      await wait(0);
    }
    const sent = rt.requests.flatMap((r) => ids(r.batch));
    expect(new Set(sent).size).toBe(62);
    for (const r of rt.requests) expect(Buffer.byteLength(r.data)).toBeLessThanOrEqual(60_000);
  });

  it('retries a 503 after its Retry-After and a network failure with backoff, sending the same events', async () => {
    const { rt } = await shop();
    rt.script({ status: 503, headers: { 'Retry-After': '7' } }, 'fail', 200);
    rt.launch('pages/index/index');
    await wait(5000 + 50);
    expect(rt.requests).toHaveLength(1);
    await wait(6900);
    expect(rt.requests).toHaveLength(1);
    await wait(200);
    expect(rt.requests).toHaveLength(2);
    // The failed attempt backs off (the core's exponential backoff, at least 750 ms), then succeeds.
    await wait(700);
    expect(rt.requests).toHaveLength(2);
    await wait(60_000);
    expect(rt.requests).toHaveLength(3);
    expect(ids(rt.requests[2]?.batch)).toEqual(ids(rt.requests[0]?.batch));
    expect(rt.requests.map((r) => r.data)).toEqual(Array(3).fill(rt.requests[0]?.data));
  });

  it('persists what could not be sent and sends it on the next launch', async () => {
    const first = await shop();
    first.rt.script(503, 503, 503);
    first.rt.launch('pages/index/index');
    first.hf.track('added', { sku: 'A1' });
    await wait(5100);
    const unsent = ids(first.rt.requests[0]?.batch);
    expect(unsent).toHaveLength(2);
    const stored = new Map(first.rt.storage);
    expect(JSON.parse(stored.get('hf_q') ?? '[]').map((e: { id: string }) => e.id)).toEqual(unsent);
    first.rt.uninstall();

    const second = await start('wx', { runtime: { stored } });
    await wait(100);
    expect(ids(second.rt.requests[0]?.batch)).toEqual(unsent);
    await wait(100);
    expect(second.rt.storage.has('hf_q')).toBe(false);
  });

  it('waits while offline and sends when the network returns', async () => {
    const { rt } = await shop();
    rt.network(false);
    rt.launch('pages/index/index');
    await wait(30_000);
    expect(rt.requests).toHaveLength(0);
    rt.network(true);
    await wait(100);
    expect(rt.requests).toHaveLength(1);
    expect(rt.requests[0]?.batch.e[0]?.t).toBe('pageview');
  });

  it('with requireConsent collects and stores nothing until consent(true), then starts with a page view', async () => {
    const { rt, hf } = await shop({ init: { requireConsent: true } });
    rt.launch('pages/index/index');
    rt.tap({ id: 'x', left: 0, top: 0, width: 1, height: 1, bind: {} }, 1, 1);
    hf.track('early');
    hf.step('f', 's');
    hf.identify('u1');
    await wait(30_000);
    rt.hide();
    expect(rt.requests).toHaveLength(0);
    expect([...rt.storage.keys()]).toEqual([]);
    rt.show();
    hf.consent(true);
    hf.track('late');
    await wait(6000);
    expect(rt.events().map((e) => e.t)).toEqual(['pageview', 'custom']);
    expect(rt.storage.get('hf_c')).toBe('1');
    expect(rt.events()[0]?.url).toBe('/pages/index/index');
  });

  it('a page shown before consent counts its duration from consent on', async () => {
    const { rt, hf } = await shop({ init: { requireConsent: true } });
    rt.page('pages/b/index', () => Page({}));
    rt.launch('pages/index/index');
    await wait(2000);
    hf.consent(true);
    await wait(3000);
    rt.navigateTo('pages/b/index');
    await wait(6000);
    expect(rt.events().map((e) => [e.t, e.pk, 'pr' in e ? e.pr : undefined])).toEqual([
      ['pageview', '/pages/index/index', undefined],
      ['custom', '/pages/index/index', { ms: 3000 }],
      ['pageview', '/pages/b/index', undefined],
    ]);
  });

  it('calls no privacy-gated API by default', async () => {
    const { rt, hf } = await shop();
    rt.launch('pages/index/index');
    hf.track('x');
    rt.hide();
    await wait(10_000);
    expect(rt.privacyCalls).toEqual([]);
  });
});
