/**
 * The IIFE build the snippet loads: replaces the `window.hf` stub with the real function
 * and replays the calls the stub queued (`hf('init', opts)`, `hf('track', ...)`...).
 */
import type { Client } from './core/client';
import type { InitOptions } from './core/options';
import { splitUrl } from './core/page-key';
import { startWeb } from './web/start';

type Call = [string, ...unknown[]];
interface Stub {
  (...args: unknown[]): void;
  q?: ArrayLike<unknown>[];
}

// The server that served this script is the default endpoint; currentScript is only set now.
const scriptOrigin =
  splitUrl((document.currentScript as HTMLScriptElement | null)?.src ?? '').origin || location.origin;

const COMMANDS = ['pageview', 'track', 'step', 'identify', 'reset', 'consent', 'flush'];
let client: Client | undefined;
const waiting: Call[] = [];

function run(call: Call): void {
  const [command, ...args] = call;
  if (command === 'init') {
    client = startWeb(args[0] as InitOptions, scriptOrigin);
    for (const queued of waiting.splice(0)) run(queued);
  } else if (!client) {
    waiting.push(call);
  } else if (COMMANDS.includes(command)) {
    // biome-ignore lint/style/noNonNullAssertion: COMMANDS are all methods of the client
    (client as unknown as Record<string, (...a: unknown[]) => void>)[command]!(...args);
  } else {
    console.warn('[heatfunnel] unknown command', command, 'use init or', COMMANDS);
  }
}

const hf = function hf(...args: unknown[]): void {
  try {
    run(args as Call);
  } catch {
    // Never throw into the host page.
  }
} as Stub;

const win = window as unknown as { hf?: Stub };
const queued = win.hf?.q ?? [];
win.hf = hf;
for (const args of queued) hf(...Array.from(args));
