/** The npm (ESM) build: `init` returns the client; site rules for page keys and kept parameters apply. */
import { expect, it } from 'vitest';
import { useBrowser } from './harness';

const env = useBrowser();

it('captures through the ESM build with the site’s pageKey rule and keepParams, to the page origin', async () => {
  const context = await env.context();
  const page = await context.newPage();
  await page.goto(`${env.server.url}/blog/how-we-roast?lang=zh&session=abc`);
  await page.waitForFunction(() => 'client' in window);
  await page.evaluate(() => {
    const { client } = window as unknown as {
      client: { track(n: string): void; step(f: string, s: string): void };
    };
    client.track('read');
    client.step('newsletter', 'open');
    history.pushState({}, '', '/about');
  });
  await page.goto('about:blank');
  const events = await env.server.waitForEvents(6);
  expect(events.map((e) => [e.t, e.pk, e.url.replace(env.server.url, '')])).toEqual([
    ['pageview', '/blog/:slug', '/blog/how-we-roast?lang=zh'],
    ['custom', '/blog/:slug', '/blog/how-we-roast?lang=zh'],
    ['step', '/blog/:slug', '/blog/how-we-roast?lang=zh'],
    ['scroll', '/blog/:slug', '/blog/how-we-roast?lang=zh'],
    ['pageview', '/about', '/about'],
    ['scroll', '/about', '/about'],
  ]);
  expect(env.server.batches.every((b) => b.batch.k === 'esm')).toBe(true);
});
