/**
 * The funnel page in Chromium against the real server: visitors with known paths through
 * the demo shop, a funnel read from a shared URL and one built through the UI, the
 * drop-offs of a step, and the jump to the heatmap of the visitors who left there.
 */
import { join } from 'node:path';
import type { WireEvent } from '@heatfunnel/sdk/protocol';
import { launchBrowser } from '@heatfunnel/sdk/test/browser';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, postBatch, uuidv7, waitUntil } from './fixture';
import { startServer, type TestServer } from './server';

let server: TestServer;
let browser: Browser;

/** Four visitors: all see home, three go on to the list, one reaches the cart. */
const PATHS: Record<string, string[]> = {
  v1: ['/demo/', '/demo/list', '/demo/cart'],
  v2: ['/demo/', '/demo/list', '/demo/checkout'],
  v3: ['/demo/', '/demo/list'],
  v4: ['/demo/'],
};
/** Where each visitor came from (the `channel` column a step condition can test). */
const CHANNEL: Record<string, string> = { v1: 'ads', v2: 'ads', v3: 'mail', v4: 'mail' };
/** Clicks on the list page: v1 once (converted), v2 twice (left after the list). */
const LIST_CLICKS: Record<string, number> = { v1: 1, v2: 2 };

async function postVisits(base: string) {
  const start = Date.now() - 60_000;
  const events: WireEvent[] = [];
  let k = 0;
  for (const [visitor, path] of Object.entries(PATHS)) {
    for (const pk of path) {
      const ts = start + k++ * 1000;
      const common = {
        ts,
        a: `anon-${visitor}`,
        s: `session-${visitor}`,
        p: 'web',
        ch: CHANNEL[visitor] ?? '',
        url: `${base}${pk}`,
        pk,
        vw: 1280,
        vh: 800,
        dw: 1280,
        dh: 1600,
      } as const;
      events.push({ ...common, id: uuidv7(ts), t: 'pageview' });
      if (pk === '/demo/list') {
        for (let c = 0; c < (LIST_CLICKS[visitor] ?? 0); c++) {
          const at = ts + 100 + c;
          events.push({
            ...common,
            id: uuidv7(at),
            ts: at,
            t: 'click',
            x: 300 + c * 4,
            y: 400,
            sel: 'a.product',
          });
        }
      }
    }
  }
  await postBatch(base, 'demo', events);
  await waitUntil(async () => {
    const pages = (await (await fetch(`${base}/api/pages?site=demo`)).json()) as {
      pages: { pageviews: number }[];
    };
    return pages.pages.reduce((s, p) => s + p.pageviews, 0) === Object.values(PATHS).flat().length;
  }, 'the posted visits did not reach the API');
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  await postVisits(server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function open(query: string, locale = 'en-US'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale });
  const page = await context.newPage();
  await page.goto(`${server.url}/${query}`);
  return page;
}

/** How many visitors of PATHS (those `who` keeps) saw each of `steps` in order: what the funnel must count. */
const reached = (steps: readonly string[], who: (visitor: string) => boolean = () => true): number[] =>
  steps.map(
    (_, i) =>
      Object.entries(PATHS).filter(([visitor, path]) => {
        if (!who(visitor)) return false;
        let at = 0;
        for (const pk of path) if (pk === steps[at]) at++;
        return at > i;
      }).length,
  );

/** The numbers a chart's accessible name gives for `label`, in series order. */
const chartNumbers = (summary: string | null, label: string): number[] => {
  const part = (summary ?? '').split('; ').find((p) => p.includes(`${label}: `)) ?? '';
  return [...part.slice(part.indexOf(': ') + 2).matchAll(/ (\d+)(?:,|$)/g)].map((m) => Number(m[1]));
};

/** The "Entered N" of each step row. */
const entered = async (page: Page) =>
  (await figures(page)).map((f) => Number(/^Entered (\d+)/.exec(f ?? '')?.[1]));
const figures = (page: Page) => page.$$eval('#funnel-bars .bar-figures', (n) => n.map((x) => x.textContent));
const FUNNEL =
  '?view=funnel&site=demo&step=pageview:/demo/&step=pageview:/demo/list&step=pageview:/demo/cart';

describe('funnel page', () => {
  it('shows entered, dropped and conversion per step for a shared funnel URL', async () => {
    const page = await open(FUNNEL);
    await expect
      .poll(() => figures(page))
      .toEqual([
        'Entered 4 · 100% of first step · Dropped 1',
        'Entered 3 · 75% of previous step · 75% of first step · Dropped 2',
        'Entered 1 · 33% of previous step · 25% of first step',
      ]);
    expect(await page.textContent('#funnel-status')).toBe('Overall conversion 25% (1 of 4)');
    // Chart.js arrives in its own chunk and draws the steps: the canvas has ink.
    await page.waitForSelector('[data-chart="steps"][data-state="drawn"]');
    const inked = await page.$eval('[data-chart="steps"] canvas', (c) => {
      const canvas = c as HTMLCanvasElement;
      const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? [];
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) n++;
      return n;
    });
    expect(inked).toBeGreaterThan(1000);
    // The stacked bar chart says the same: per step, who went on and who dropped.
    const counts = reached(['/demo/', '/demo/list', '/demo/cart']);
    const summary = await page.getAttribute('[data-chart="steps"] canvas', 'aria-label');
    counts.forEach((entered, i) => {
      const next = counts[i + 1] ?? entered;
      expect(
        chartNumbers(summary, `${i + 1}. Page view ${['/demo/', '/demo/list', '/demo/cart'][i]}`),
      ).toEqual([next, entered - next]);
    });
    expect(await page.getAttribute('#tab-funnel', 'aria-current')).toBe('true');
    expect(await page.isHidden('#type')).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'viewer-funnel.png'), fullPage: true });
    await page.context().close();
  });

  it('builds a funnel through the UI, starting from the most viewed pages', async () => {
    const page = await open('?site=demo');
    await page.click('#tab-funnel');
    // The two most viewed pages, then a third step typed in: counts as the fixture's paths say.
    await expect.poll(() => entered(page)).toEqual(reached(['/demo/', '/demo/list']));
    await page.click('#add-step');
    await page.fill('#funnel-steps > li:nth-child(3) input', '/demo/cart');
    await page.press('#funnel-steps > li:nth-child(3) input', 'Enter');
    await expect
      .poll(() => new URL(page.url()).searchParams.getAll('step'))
      .toEqual(['pageview:/demo/', 'pageview:/demo/list', 'pageview:/demo/cart']);
    await expect.poll(() => entered(page)).toEqual(reached(['/demo/', '/demo/list', '/demo/cart']));
    await page.selectOption('#funnel-breakdown', 'device');
    await expect.poll(() => page.textContent('#funnel-breakdown-table')).toContain('Breakdown by Device');
    // One group per device; all these visitors were on desktop, so it holds everyone.
    const expected = reached(['/demo/', '/demo/list', '/demo/cart']);
    await expect
      .poll(() =>
        page.$$eval('#funnel-breakdown-table tbody tr', (rows) =>
          rows.map((r) => [...r.querySelectorAll('td')].slice(0, -1).map((c) => Number(c.textContent))),
        ),
      )
      .toEqual([expected]);
    const summary = await page.getAttribute('[data-chart="breakdown"] canvas', 'aria-label');
    expect(chartNumbers(summary, 'desktop')).toEqual(expected);
    await page.context().close();
  });

  it('excludes visitors who did something between two steps, with conditions, following moved steps', async () => {
    const page = await open(FUNNEL);
    await expect.poll(() => figures(page)).toHaveLength(3);
    await page.click('#add-exclusion');
    await page.selectOption('#funnel-exclusions li:nth-child(1) select >> nth=0', 'pageview');
    await page.fill('#funnel-exclusions li:nth-child(1) input', '/demo/checkout');
    await page.press('#funnel-exclusions li:nth-child(1) input', 'Enter');
    await expect
      .poll(() => new URL(page.url()).searchParams.getAll('exclude'))
      .toEqual(['1-3:pageview:/demo/checkout']);
    // v2 went home → list → checkout: out of the funnel, so one fewer reaches the list.
    await expect.poll(async () => (await figures(page))[1]).toMatch(/^Entered 2 · /);

    // A condition on the exclusion: only checkouts from mail exclude, and v2 came from ads.
    await page.getByRole('button', { name: 'Add a condition to exclusion 1' }).click();
    const value = page.getByLabel('Value of condition 1 on exclusion 1');
    await value.fill(CHANNEL.v3 as string);
    await value.press('Enter');
    await expect
      .poll(() => new URL(page.url()).searchParams.getAll('xfilter'))
      .toEqual([`1:channel:eq:${CHANNEL.v3}`]);
    await expect.poll(async () => (await figures(page))[1]).toMatch(/^Entered 3 · /);
    await page.getByLabel('Comparison of condition 1 on exclusion 1').selectOption('neq');
    await expect.poll(async () => (await figures(page))[1]).toMatch(/^Entered 2 · /);

    // The exclusion keeps naming the same steps when one moves: the cart, step 3, moves up.
    await page.getByRole('button', { name: 'Move step 3 up' }).click();
    await expect
      .poll(() => new URL(page.url()).searchParams.getAll('exclude'))
      .toEqual(['1-2:pageview:/demo/checkout']);
    expect(new URL(page.url()).searchParams.getAll('xfilter')).toEqual([`1:channel:neq:${CHANNEL.v3}`]);
    await page.context().close();
  });

  it('says who left after a step and opens the heatmap of just those visitors', async () => {
    const page = await open(FUNNEL);
    await page.click('#funnel-bars li[data-step="2"] .who-left');
    await expect
      .poll(() => page.textContent('#funnel-dropoffs'))
      .toContain('2 left after step 2 (Page view /demo/list)');
    await page.click('.cohort-link');
    await page.waitForSelector('#stage[data-state="drawn"]');
    expect(new URL(page.url()).searchParams.get('page')).toBe('/demo/list');
    expect(await page.textContent('#cohort-note')).toContain('reached step 2 of the funnel and left there');
    await expect.poll(() => page.textContent('#summary')).toContain('Clicks 2');
    await page.click('#cohort-clear');
    await expect.poll(() => page.textContent('#summary')).toContain('Clicks 3');
    await page.context().close();
  });

  it('speaks Chinese on the funnel page too', async () => {
    const page = await open(`${FUNNEL}&lang=zh-CN`);
    await expect.poll(() => figures(page)).toContain('进入 4 · 占第一步 100% · 流失 1');
    expect(await page.textContent('#tab-funnel')).toBe('漏斗');
    expect(await page.textContent('#add-step')).toBe('添加步骤');
    await page.context().close();
  });

  it('narrows a step by a condition built in the UI', async () => {
    const page = await open(FUNNEL);
    await expect.poll(() => figures(page)).toHaveLength(3);
    const steps = ['/demo/', '/demo/list', '/demo/cart'];
    await page.getByRole('button', { name: 'Add a condition to step 1' }).click();
    const key = page.getByLabel('Property of condition 1 on step 1');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'Property of condition 1 on step 1',
    );
    expect(await key.inputValue()).toBe('channel');
    await page.getByLabel('Value of condition 1 on step 1').fill('ads');
    await page.getByLabel('Value of condition 1 on step 1').press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.getAll('filter')).toEqual(['1:channel:eq:ads']);
    await expect.poll(() => entered(page)).toEqual(reached(steps, (v) => CHANNEL[v] === 'ads'));
    await page.getByLabel('Comparison of condition 1 on step 1').selectOption('neq');
    await expect.poll(() => entered(page)).toEqual(reached(steps, (v) => CHANNEL[v] !== 'ads'));
    // Moving the step moves its condition with it.
    await page.getByRole('button', { name: 'Move step 1 down' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.getAll('filter')).toEqual(['2:channel:neq:ads']);
    await page.getByRole('button', { name: 'Remove condition 1 of step 2' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.getAll('filter')).toEqual([]);
    await page.context().close();
  });
});
