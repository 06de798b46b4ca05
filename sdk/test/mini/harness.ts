/**
 * Test set-up: a fake runtime installed on globalThis, vitest's fake timers and clock, and a
 * fresh import of the mini-program entry (so its import-time wrapping runs against the fake).
 */
import { afterEach, vi } from 'vitest';
import type { MiniOptions } from '../../src/mini/index';
import { type ApiName, installRuntime, type Runtime } from './fake-runtime';

/** Start of the fake clock: 2026-11-23T10:00:00Z. */
export const T0 = Date.UTC(2026, 10, 23, 10);
/** UUIDv7 as the protocol wants it. */
export const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
export const ENDPOINT = 'https://hf.example.com';

let current: Runtime | undefined;
afterEach(() => {
  current?.uninstall();
  current = undefined;
  vi.useRealTimers();
  vi.resetModules();
});

/** A runtime `name` with the SDK imported and `init` called (unless `init: false`). */
export async function start(
  name: ApiName = 'wx',
  { init = {} as Partial<MiniOptions> | false, runtime = {} as Parameters<typeof installRuntime>[1] } = {},
) {
  vi.useFakeTimers({ now: T0 });
  vi.resetModules();
  const rt = installRuntime(name, runtime);
  current = rt;
  const sdk = await import('../../src/mini/index');
  const hf = init === false ? undefined : sdk.init({ site: 'shop', endpoint: ENDPOINT, ...init });
  return { rt, sdk, hf: hf as NonNullable<typeof hf> };
}

/** Lets timers run for `ms` of fake time (batch interval, request latency, backoff). */
export const wait = (ms: number) => vi.advanceTimersByTimeAsync(ms);
