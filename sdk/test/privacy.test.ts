/** Consent and Do-Not-Track: nothing is sent or stored until allowed. */
import { expect, it } from 'vitest';
import { hf, useBrowser } from './harness';

const env = useBrowser();

const storedKeys = (page: import('playwright-core').Page) =>
  page.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith('hf_'))
      .sort(),
  );

it('with requireConsent, sends and stores nothing until consent, then remembers it', async () => {
  const page = await env.open('/product/1', { requireConsent: true, flushInterval: 200 });
  await page.mouse.click(150, 225);
  await hf(page, 'track', 'too-early');
  await page.waitForTimeout(1500);
  expect(env.server.batches).toEqual([]);
  expect(await storedKeys(page)).toEqual([]);

  await hf(page, 'consent', true);
  const [first] = await env.server.waitForEvents(1);
  expect(first?.t).toBe('pageview');
  // The queue (hf_q) is kept until the server's answer reaches the page, a moment after the
  // server has the batch: then ids, consent and session remain.
  await expect.poll(() => storedKeys(page)).toEqual(['hf_a', 'hf_c', 'hf_s']);

  await page.reload();
  await env.server.waitForEvents(3); // scroll of the first view, then the reloaded page view
  expect(env.server.events().map((e) => e.t)).toEqual(['pageview', 'scroll', 'pageview']);
});

it('withdrawing consent stops sending and forgets the visitor', async () => {
  const page = await env.open('/product/1', { flushInterval: 200 });
  await env.server.waitForEvents(1);
  await hf(page, 'consent', false);
  await hf(page, 'track', 'after-withdrawal');
  await page.goto('about:blank');
  await page.waitForTimeout(500);
  // Not even the scroll event of the page view consent was withdrawn in.
  expect(env.server.events().map((e) => e.t)).toEqual(['pageview']);
  await page.goBack();
  expect(await storedKeys(page)).toEqual(['hf_c']);
});

for (const [signal, script] of [
  ['Do-Not-Track', "Object.defineProperty(Navigator.prototype, 'doNotTrack', { get: () => '1' })"],
  [
    'Global Privacy Control',
    "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true })",
  ],
]) {
  it(`respects ${signal} unless respectDnt is false`, async () => {
    const context = await env.context();
    await context.addInitScript(script as string);
    const page = await env.open('/product/1', { flushInterval: 200 }, await context.newPage());
    await page.mouse.click(150, 225);
    await page.goto('about:blank');
    await page.waitForTimeout(500);
    expect(env.server.batches).toEqual([]);

    await env.open('/product/1', { respectDnt: false, flushInterval: 200 }, page);
    expect((await env.server.waitForEvents(1))[0]?.t).toBe('pageview');
  });
}
