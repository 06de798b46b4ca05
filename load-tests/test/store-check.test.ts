import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForSpoolDrain } from '../lib/spool-drain.mjs';
import { countOnServer, countOverHttp } from '../lib/store-check.mjs';

// A stand-in for ClickHouse's HTTP interface and the server's /metrics and
// /ops/stored-events, on 127.0.0.1 (a real server answers /ops/stored-events in the smoke
// test and in the server's own tests).
let server: Server;
let url: string;
let spoolRows = [3, 1, 0];
// Answers of /ops/stored-events, in turn: the store catching up with the run.
let counts = [
  { stored: 10, distinct_ids: 10, spooled: 30 },
  { stored: 40, distinct_ids: 40, spooled: 0 },
];
const countRequests: { query: URLSearchParams; authorization?: string }[] = [];
const seen: { query: URLSearchParams; body: string; user?: string }[] = [];

const bodyOf = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let text = '';
    req.on('data', (chunk) => {
      text += chunk;
    });
    req.on('end', () => resolve(text));
  });

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const [path, search] = (req.url ?? '/').split('?');
    if (path === '/ops/stored-events') {
      countRequests.push({ query: new URLSearchParams(search), authorization: req.headers.authorization });
      if (req.headers.authorization !== 'Bearer rt_secret') {
        res.writeHead(401, { 'Content-Type': 'application/json' });
        res.end('{"error":"read_token_required"}');
        return;
      }
      const answer = counts.length > 1 ? counts.shift() : counts[0];
      res.end(JSON.stringify({ site: 'shop-1', anon_prefix: 'k6-abc:', ...answer }));
      return;
    }
    if (path === '/metrics') {
      const rows = spoolRows.length > 1 ? spoolRows.shift() : spoolRows[0];
      res.end(`# HELP heatfunnel_spool_rows Events in the spool.\nheatfunnel_spool_rows ${rows}\n`);
      return;
    }
    seen.push({
      query: new URLSearchParams(search),
      body: await bodyOf(req),
      user: req.headers['x-clickhouse-user'] as string,
    });
    res.end('{"stored":41,"distinct_ids":40}\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('store check on a ClickHouse server', () => {
  it('sends the run tag, site and database as typed parameters, never in the SQL', async () => {
    const count = await countOnServer({ url, user: 'loader', database: 'hf', site: 'shop-1', tag: 'k6-abc' });
    expect(count).toEqual({ stored: 41, distinct: 40 });
    const [request] = seen;
    expect(request?.user).toBe('loader');
    expect(request?.query.get('param_prefix')).toBe('k6-abc:');
    expect(request?.query.get('param_site')).toBe('shop-1');
    expect(request?.query.get('param_db')).toBe('hf');
    expect(request?.body).toContain('{prefix:String}');
    expect(request?.body).not.toContain('k6-abc');
  });
});

describe('spool drain', () => {
  it('waits until the server reports an empty spool', async () => {
    const drain = await waitForSpoolDrain(url, { everyMs: 10, timeoutMs: 5000 });
    expect(drain).toMatchObject({ drained: true, rows: 0 });
  });

  it('gives up with the rows left after the timeout', async () => {
    spoolRows = [7];
    const drain = await waitForSpoolDrain(url, { everyMs: 10, timeoutMs: 50 });
    expect(drain).toMatchObject({ drained: false, rows: 7, note: '7 events still spooled' });
  });
});

describe('store check through the server', () => {
  it('asks for the run with the read token and waits until the store has caught up', async () => {
    const count = await countOverHttp({
      target: `${url}/`,
      site: 'shop-1',
      tag: 'k6-abc',
      token: 'rt_secret',
      since: 1_700_000_000_000,
      acknowledged: 40,
      everyMs: 10,
    });
    expect(count).toMatchObject({ stored: 40, distinct: 40 });
    expect(countRequests).toHaveLength(2);
    expect(countRequests[0]?.query.get('anon_prefix')).toBe('k6-abc:');
    expect(countRequests[0]?.query.get('site')).toBe('shop-1');
    expect(countRequests[0]?.query.get('since')).toBe('1700000000000');
  });

  it('stops waiting at the timeout with what the store has', async () => {
    counts = [{ stored: 12, distinct_ids: 12, spooled: 0 }];
    const count = await countOverHttp({
      target: url,
      site: 'shop-1',
      tag: 'k6-abc',
      token: 'rt_secret',
      acknowledged: 40,
      timeoutMs: 50,
      everyMs: 10,
    });
    expect(count).toMatchObject({ stored: 12, distinct: 12 });
  });

  it('says to give the read token when the server wants one', async () => {
    await expect(
      countOverHttp({ target: url, site: 'shop-1', tag: 'k6-abc', acknowledged: 1 }),
    ).rejects.toThrow(/answered 401 \(give the site's read token with --read-token or READ_TOKEN\)/);
  });
});
