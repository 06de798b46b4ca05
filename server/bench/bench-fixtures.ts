/**
 * What the ingest benchmarks share: the batch they send and, for servers that run without a
 * store, a one-site registry and a quarantine that discards.
 */
import { randomBytes } from 'node:crypto';
import type { Quarantine } from '../src/ingest/quarantine.js';
import type { Site, SiteRegistry } from '../src/store/sites.js';

/** Events per benchmark batch. */
export const BATCH = 20;

let counter = 0;
const prefix = randomBytes(3).toString('hex');

/**
 * The benchmark's batch body: a page view, then three clicks, over and over, each with a
 * fresh UUIDv7-shaped id; built by string concatenation to keep the generator cheap.
 */
export function batchBody(): string {
  const now = Date.now();
  const hex = now.toString(16).padStart(12, '0');
  const events: string[] = [];
  for (let i = 0; i < BATCH; i++) {
    const n = (counter++).toString(16).padStart(12, '0');
    const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${prefix.slice(0, 3)}-8${prefix.slice(3)}-${n}`;
    const common = `"id":"${id}","ts":${now},"a":"anon-${counter % 5000}","s":"s-${counter % 9000}","p":"web","url":"https://shop.example/product/${i}","pk":"/product/:id","vw":1280,"vh":800,"dw":1280,"dh":3000`;
    events.push(
      i % 4 === 0
        ? `{"t":"pageview",${common}}`
        : `{"t":"click",${common},"x":${100 + i},"y":${200 + i * 7},"sel":"div.card>button.buy","sh":"1a2b3c4d","ex":0.5,"ey":0.5,"ew":120,"eh":40}`,
    );
  }
  return `{"k":"demo","v":1,"e":[${events.join(',')}]}`;
}

const demo: Site = { key: 'demo', name: 'Demo', origins: [] };

/** A registry that knows only the `demo` site, open to every origin. */
export const demoSites: SiteRegistry = {
  find: async (key) => (key === demo.key ? demo : undefined),
  findByWriteKey: async (key) => (key === demo.key ? demo : undefined),
  list: async () => [demo],
  save: async () => {},
};

/** A quarantine that keeps nothing (the benchmarks send only valid events). */
export const discardQuarantine: Quarantine = {
  add: () => {},
  flush: async () => {},
  dropped: () => 0,
  close: async () => {},
};
