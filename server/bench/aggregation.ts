/**
 * Aggregation benchmark (issue 5): 20M events for 1M visitors over 30 days in the embedded
 * engine, then, median of 5 each:
 * - the baseline: a naive 4-step windowFunnel over a raw table sorted by (site, day, type);
 *   steps are page views (home → list → product → cart → checkout), as a shop defines them;
 * - our 5-step funnel with a channel breakdown (server/src/query/funnel), as the API runs it;
 * - click heatmap, scroll reach and element ranking of one page key over 30 days;
 * - insert throughput into the raw table with and without the materialized views.
 *
 * Run: `pnpm --filter @heatfunnel/server bench:aggregation [-- --events 20000000]`
 * (takes a few minutes and a few GB of disk in a temporary directory, removed afterwards).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { clickHeatmap } from '../src/query/click-heatmap.js';
import { elementRanking } from '../src/query/element-ranking.js';
import { parseFunnelSpec } from '../src/query/funnel/funnel-spec.js';
import { funnelSteps } from '../src/query/funnel/funnel-steps.js';
import type { PageFilter } from '../src/query/page-filter.js';
import { scrollReach } from '../src/query/scroll-reach.js';
import { migrate } from '../src/store/migrate.js';
import { openStore, type Store } from '../src/store/store.js';
import { FUNNEL_PAGES, generate } from './synthetic-shop.js';

const { values } = parseArgs({ options: { events: { type: 'string' }, runs: { type: 'string' } } });
const EVENTS = Number(values.events ?? 20_000_000);
const RUNS = Number(values.runs ?? 5);
const VISITORS = EVENTS / 20;
const DAY = 86_400;
const log = (line: string) => process.stdout.write(`${line}\n`);
interface Timing {
  wall: number;
  cpu: number;
}

/** Wall time and this process's CPU time (the embedded engine runs in-process) of `fn`, ms. */
async function timed(fn: () => Promise<unknown>): Promise<Timing> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  await fn();
  const used = process.cpuUsage(cpu);
  return { wall: performance.now() - start, cpu: (used.user + used.system) / 1000 };
}

const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/**
 * Median wall and CPU time of `RUNS` runs after a warm-up. CPU time counts the work done
 * whatever else the machine is doing, so ratios of it stay meaningful on a busy machine.
 */
async function median(label: string, fn: () => Promise<unknown>): Promise<Timing> {
  await fn();
  const runs: Timing[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await timed(fn));
  const result = { wall: mid(runs.map((r) => r.wall)), cpu: mid(runs.map((r) => r.cpu)) };
  log(
    `${label.padEnd(46)} wall ${result.wall.toFixed(1).padStart(8)} ms   cpu ${result.cpu.toFixed(1).padStart(8)} ms` +
      `   (wall runs: ${runs.map((r) => r.wall.toFixed(0)).join(', ')})`,
  );
  return result;
}

async function fill(store: Store, table: string, total: number) {
  const chunk = 2_000_000;
  const start = performance.now();
  for (let first = 0; first < total; first += chunk) {
    await store.client.command({ query: generate(table, first, Math.min(chunk, total - first)) });
    const done = Math.min(first + chunk, total);
    log(`  ${table}: ${done.toLocaleString('en')} / ${total.toLocaleString('en')} rows`);
  }
  return total / ((performance.now() - start) / 1000);
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'hf-bench-'));
  const store = await openStore({ dataDir, database: 'bench' });
  try {
    await migrate(store);
    const events = store.table('events');
    const naive = store.table('events_naive');
    const plain = store.table('events_plain');
    await store.client.command({
      query: `CREATE TABLE ${naive} AS ${events} ENGINE = MergeTree PARTITION BY toYYYYMM(ts) ORDER BY (site, toDate(ts), type, anon_id, ts)`,
    });
    await store.client.command({ query: `CREATE TABLE ${plain} AS ${naive}` });

    log(
      `Heatfunnel aggregation benchmark: ${EVENTS.toLocaleString('en')} events, ${VISITORS.toLocaleString('en')} visitors, 30 days, median of ${RUNS}`,
    );
    log('\ninsert throughput (1M rows generated in the engine, median of 3):');
    const rates: { plain: number[]; views: number[] } = { plain: [], views: [] };
    for (let i = 0; i < 3; i++) {
      await store.client.command({ query: `TRUNCATE TABLE ${plain}` });
      const insert = (table: string, first: number) => () =>
        store.client.command({ query: generate(table, first, 1_000_000) });
      rates.plain.push(1_000_000 / ((await timed(insert(plain, 0))).wall / 1000));
      rates.views.push(1_000_000 / ((await timed(insert(events, i * 1_000_000))).wall / 1000));
    }
    log(`  raw table alone:            ${(mid(rates.plain) / 1e6).toFixed(2)} M rows/s`);
    log(
      `  raw table + 5 views:        ${(mid(rates.views) / 1e6).toFixed(2)} M rows/s  (${(mid(rates.views) / mid(rates.plain)).toFixed(2)}x)`,
    );
    await store.client.command({ query: `TRUNCATE TABLE ${events}` });
    for (const table of ['click_cells', 'element_clicks', 'scroll_depth', 'attention', 'page_stats']) {
      await store.client.command({ query: `TRUNCATE TABLE ${store.table(table)}` });
    }
    await store.client.command({ query: `DROP TABLE ${plain}` });

    log('\nloading:');
    await fill(store, events, EVENTS);
    await store.client.command({ query: `INSERT INTO ${naive} SELECT * FROM ${events}` });
    for (const table of ['events', 'events_naive']) {
      await store.client.command({ query: `OPTIMIZE TABLE ${store.table(table)} FINAL` });
    }
    const to = new Date().toISOString().slice(0, 10);
    const from = new Date(Date.now() - 30 * DAY * 1000).toISOString().slice(0, 10);

    log('\nfunnels:');
    const cond = (i: number) => `type = 'pageview' AND page_key = '${FUNNEL_PAGES[i]}'`;
    const baselineSql = `SELECT level, count() AS n FROM (
        SELECT anon_id, windowFunnel(86400)(toDateTime(ts), ${[0, 1, 2, 3].map(cond).join(', ')}) AS level
        FROM ${naive} WHERE site = 'bench' AND ts >= toDateTime('${from}') GROUP BY anon_id
      ) GROUP BY level ORDER BY level`;
    const baseline = await median('baseline: naive 4-step windowFunnel', async () =>
      (await store.client.query({ query: baselineSql, format: 'JSONEachRow' })).json(),
    );
    const spec = parseFunnelSpec({
      site: 'bench',
      from,
      to,
      steps: FUNNEL_PAGES.map((pageKey) => ({ match: { kind: 'pageview', pageKey } })),
      breakdown: { by: 'channel', limit: 10 },
    });
    const ours = await median('ours: 5-step funnel + channel breakdown', () => funnelSteps(store, spec));
    const result = await funnelSteps(store, spec);
    log(
      `  ratio ours / baseline: wall ${(ours.wall / baseline.wall).toFixed(2)}, cpu ${(ours.cpu / baseline.cpu).toFixed(2)} (goal <= 0.35)`,
    );
    log(`  entered per step: ${result.steps.map((s) => s.entered.toLocaleString('en')).join(' → ')}`);

    log('\nheatmaps (page key /p/7, 30 days, desktop):');
    const filter: PageFilter = { site: 'bench', from, to, page: '/p/7', device: 'desktop', segment: {} };
    const cells = await clickHeatmap(store, filter);
    await median(`click heatmap (${cells.length} cells)`, () => clickHeatmap(store, filter));
    await median('scroll reach', () => scrollReach(store, filter));
    await median('element ranking', () => elementRanking(store, filter));
    await median('click heatmap, segment new visitors (raw)', () =>
      clickHeatmap(store, { ...filter, segment: { visitor: 'new' } }),
    );
  } finally {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
