/**
 * What ingest adds and what it keeps of refused input: user agent → browser, OS, device
 * type and bot flag; the client address truncated (or dropped per site), never whole; every
 * refused event and body in the quarantine with its reason; counters on /metrics.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { quarantine as quarantineOf } from '../src/ingest/quarantine.js';
import { silentLogger } from '../src/log.js';
import { siteRegistry } from '../src/store/sites.js';
import { batch, click, pageview } from './helpers/events.js';
import { freshStore, rows, type TestStore } from './helpers/store.js';

let db: TestStore;
let app: ReturnType<typeof createApp>;
let quarantine: ReturnType<typeof quarantineOf>;
const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
const GOOGLEBOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';

beforeAll(async () => {
  db = await freshStore([
    { key: 'keep', name: 'Keep', origins: [] },
    { key: 'private', name: 'Private', origins: [], ipMode: 'drop' },
  ]);
  quarantine = quarantineOf(db.store, silentLogger, { intervalMs: 60_000 });
  app = createApp({
    store: db.store,
    sites: siteRegistry(db.store),
    log: silentLogger,
    ingest: { quarantine, trustProxy: true },
  });
});
afterAll(async () => {
  await quarantine.close();
  await db.cleanup();
});

const post = (body: string, headers: Record<string, string>) =>
  app.request('/v1/batch', { method: 'POST', body, headers: { 'Content-Type': 'text/plain', ...headers } });

describe('enrichment', () => {
  it('parses the user agent, flags bots and truncates or drops the address', async () => {
    const phone = pageview();
    const bot = pageview();
    const hidden = pageview();
    await post(batch([phone], 'keep'), { 'User-Agent': IPHONE, 'X-Forwarded-For': '203.0.113.77, 10.0.0.1' });
    await post(batch([bot], 'keep'), {
      'User-Agent': GOOGLEBOT,
      'X-Forwarded-For': '2001:db8:85a3::8a2e:370:7334',
    });
    await post(batch([hidden], 'private'), { 'User-Agent': IPHONE, 'X-Forwarded-For': '198.51.100.9' });
    const stored = await rows<Record<string, string | number>>(
      db.store,
      `SELECT toString(id) AS id, browser, os, ua_device, bot, ip FROM ${db.store.table('events')}`,
    );
    const byId = new Map(stored.map((row) => [row.id, row]));
    expect(byId.get(phone.id)).toMatchObject({
      browser: 'Mobile Safari',
      os: 'iOS',
      ua_device: 'mobile',
      bot: 0,
      ip: '203.0.113.0',
    });
    expect(byId.get(bot.id)).toMatchObject({ bot: 1, ip: '2001:db8:85a3::' });
    expect(byId.get(hidden.id)).toMatchObject({ ip: '' });
    expect(JSON.stringify(stored)).not.toContain('203.0.113.77');
  });
});

describe('quarantine', () => {
  it('keeps every refused event and body with its reason, and counts them', async () => {
    const response = await post(batch([click(1, 1), { ...pageview(), vw: -1 }, { t: 'hover' }], 'keep'), {});
    expect(response.status).toBe(200);
    await post('{"k":', {});
    await post(batch([pageview()], 'who'), {});
    await quarantine.flush();
    const kept = await rows<{
      site: string;
      reason: string;
      field: string;
      event_index: number;
      payload: string;
    }>(
      db.store,
      `SELECT site, reason, field, event_index, payload FROM ${db.store.table('quarantine')} ORDER BY event_index, reason`,
    );
    expect(
      kept.map(({ site, reason, field, event_index }) => ({ site, reason, field, event_index })),
    ).toEqual([
      { site: '', reason: 'invalid_json', field: '', event_index: -1 },
      { site: 'who', reason: 'unknown_site', field: '', event_index: -1 },
      { site: 'keep', reason: 'invalid_field', field: 'vw', event_index: 1 },
      { site: 'keep', reason: 'unknown_type', field: 't', event_index: 2 },
    ]);
    expect(kept.find((row) => row.reason === 'invalid_json')?.payload).toBe('{"k":');

    const metrics = await (await app.request('/metrics')).text();
    expect(metrics).toMatch(/heatfunnel_events_rejected_total\{reason="invalid_field"\} 1/);
    expect(metrics).toMatch(/heatfunnel_events_rejected_total\{reason="invalid_json"\} 1/);
    expect(metrics).toMatch(/heatfunnel_events_accepted_total \d+/);
  });
});
