import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForSpoolDrain } from '../lib/spool-drain.mjs';
import { countOnServer } from '../lib/store-check.mjs';

// A stand-in for ClickHouse's HTTP interface and the server's /metrics, on 127.0.0.1.
let server: Server;
let url: string;
let spoolRows = [3, 1, 0];
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
