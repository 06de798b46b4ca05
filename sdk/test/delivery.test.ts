/** Delivery under trouble: 503 with Retry-After, offline, reloads with a persisted queue, gzip. */
import { expect, it } from 'vitest';
import type { CustomEvent } from '../src/protocol';
import { hf, useBrowser } from './harness';

const env = useBrowser();

const names = (events: { t: string; n?: string }[]) => events.map((e) => e.n ?? e.t);

it('retries a 503 after its Retry-After with the same events, and stops once taken', async () => {
  env.server.answer((n) => (n === 0 ? { status: 503, headers: { 'Retry-After': '2' } } : { status: 200 }));
  await env.open('/product/1', { flushInterval: 100 });
  await env.server.waitForEvents(2, 6000);
  const [failed, retried] = env.server.batches;
  expect(failed?.status).toBe(503);
  expect(retried?.batch.e.map((e) => e.id)).toEqual(failed?.batch.e.map((e) => e.id));
  // 2 s from the server, not the 1 s (±25%) first backoff step.
  expect((retried?.at ?? 0) - (failed?.at ?? 0)).toBeGreaterThanOrEqual(1900);
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(env.server.batches).toHaveLength(2);
});

it('waits while offline and sends what was queued when the browser is back online', async () => {
  const page = await env.open('/product/1', { flushInterval: 100 });
  await env.server.waitForEvents(1);
  await page.context().setOffline(true);
  await page.waitForFunction(() => !navigator.onLine);
  await hf(page, 'track', 'while-offline');
  await page.waitForTimeout(800);
  expect(names(env.server.events())).toEqual(['pageview']);
  await page.context().setOffline(false);
  await env.server.waitForEvents(2);
  expect(names(env.server.accepted())).toEqual(['pageview', 'while-offline']);
});

it('keeps events made offline across leaving the page, and delivers each once back online', async () => {
  const page = await env.open('/product/1', { flushInterval: 100 });
  await env.server.waitForEvents(1);
  await page.context().setOffline(true);
  await page.waitForFunction(() => !navigator.onLine);
  await hf(page, 'track', 'while-offline');
  // Page hide while offline: a beacon would be lost, so the events stay in localStorage.
  await page.goto('about:blank');
  await page.waitForTimeout(300);
  expect(env.server.batches).toHaveLength(1);
  await page.context().setOffline(false);
  await env.open('/product/2', { flushInterval: 100 }, page);
  await env.server.waitForEvents(4);
  await page.waitForTimeout(300);
  const accepted = env.server.accepted();
  expect(names(accepted)).toEqual(['pageview', 'while-offline', 'scroll', 'pageview']);
  expect(new Set(accepted.map((e) => e.id)).size).toBe(accepted.length);
  expect(env.server.events()).toHaveLength(accepted.length);
});

it('keeps events the server could not take across a reload and delivers each exactly once', async () => {
  let down = true;
  env.server.answer(() => (down ? { status: 503, headers: { 'Retry-After': '1' } } : { status: 200 }));
  const page = await env.open('/product/1', { flushInterval: 100 });
  await hf(page, 'track', 'before-reload');
  await page.waitForTimeout(400);
  await page.reload();
  down = false;
  await page.waitForTimeout(2500);
  const accepted = env.server.accepted();
  expect(names(accepted)).toEqual(['pageview', 'before-reload', 'scroll', 'pageview']);
  expect(new Set(accepted.map((e) => e.id)).size).toBe(accepted.length);
  expect(await page.evaluate(() => localStorage.getItem('hf_q'))).toBeNull();
});

it('gzips larger fetch bodies (?gz=1, still text/plain) and leaves small ones plain', async () => {
  const page = await env.open('/product/1', { flushInterval: 100 });
  await env.server.waitForEvents(1);
  await hf(page, 'track', 'big', { text: 'lorem ipsum '.repeat(100) });
  await env.server.waitForEvents(2);
  const [small, big] = env.server.batches;
  if (!small || !big) throw new Error('expected two batches');
  expect(small.query).not.toContain('gz=1');
  expect(big.query).toBe('gz=1');
  expect(big.headers['content-type']).toMatch(/^text\/plain/);
  expect((big.batch.e[0] as CustomEvent).n).toBe('big');
  expect(big.bytes).toBeLessThan(JSON.stringify(big.batch).length / 3);
});
