/**
 * Ingest benchmark: the parse-only ceiling (bench/parse-only-server.ts) against the full
 * path (`heatfunnel serve`: validate, enrich, spool with fsync, flush into the embedded
 * ClickHouse), with the same closed-loop load generator (this process) and 20-event batches;
 * in between, the same app with a spool whose segments are dropped instead of inserted
 * (bench/spool-only-server.ts), to tell the Node side's cost from the engine's.
 * Prints events/s, p50/p99 latency, the ratio, the server's peak RSS, and for the full
 * path how long the store took to hold every acknowledged event.
 *
 *   pnpm --filter @heatfunnel/server exec tsx bench/ingest.ts [--runs 3] [--seconds 10] [--connections 64]
 *     [--only parse,spool,full] [--cpu-prof DIR] [--client raw|node]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BATCH, batchBody } from './bench-fixtures.js';
import { RawHttpConnection } from './raw-http-client.js';

const here = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '64' },
    only: { type: 'string' },
    'cpu-prof': { type: 'string' },
    client: { type: 'string', default: 'raw' },
  },
});
const RUNS = Number(values.runs);
const SECONDS = Number(values.seconds);
const WARMUP = Number(values.warmup);
const CONNECTIONS = Number(values.connections);
// `--only parse,spool,full` runs some of the servers; `--cpu-prof DIR` profiles them (node --cpu-prof).
const ONLY = new Set((values.only ?? 'parse,spool,full').split(','));
// `--client node` sends with Node's http.request (about 3 µs of generator CPU per event)
// instead of the lean raw-socket client.
const CLIENT = values.client === 'node' ? 'node' : 'raw';
const PROFILE = values['cpu-prof'] ? ['--cpu-prof', '--cpu-prof-dir', values['cpu-prof']] : [];

interface Server {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

async function start(args: string[]): Promise<Server> {
  const child = spawn(process.execPath, [...PROFILE, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`server exited ${code}:\n${output}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url,
    child,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

// CPU seconds (user + system) the process `pid` has used so far: meaningful on a busy
// machine, where wall-clock throughput is not.
const cpuOf = (pid: number, tid?: number) => {
  const path = tid === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${tid}/stat`;
  const fields = readFileSync(path, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
};
// The main thread (its id is the process id) runs all of Node's JavaScript: its share per
// event bounds the throughput of one process, whatever the engine's threads do.
const mainThreadCpuOf = (pid: number) => cpuOf(pid, pid);

const rssOf = (pid: number) => {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? 0) * 1024;
};

interface Result {
  eventsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  peakRss: number;
  accepted: number;
  /** The server's CPU µs per acknowledged event (for the full path: until the store holds them). */
  cpuPerEvent: number;
  /** The part of it on the server's main thread (JavaScript: HTTP, validation, spool). */
  mainCpuPerEvent: number;
  /** The generator's own CPU µs per event. */
  generatorCpuPerEvent: number;
}

async function load(url: string, pid: number, seconds: number): Promise<Result> {
  const target = new URL('/v1/batch', url);
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const connections: RawHttpConnection[] = [];
  const latencies: number[] = [];
  let events = 0;
  let errors = 0;
  let peakRss = 0;
  const rss = setInterval(() => {
    peakRss = Math.max(peakRss, rssOf(pid));
  }, 250);
  const cpuBefore = cpuOf(pid);
  const mainBefore = mainThreadCpuOf(pid);
  const generatorBefore = process.cpuUsage();
  const until = performance.now() + seconds * 1000;
  const viaNode = (payload: string) =>
    new Promise<number>((resolve) => {
      const req = request(
        target,
        {
          method: 'POST',
          agent,
          headers: { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(payload) },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', () => resolve(0));
      req.end(payload);
    });
  const worker = async () => {
    const connection = new RawHttpConnection(target);
    connections.push(connection);
    const send = CLIENT === 'node' ? viaNode : (payload: string) => connection.post(target.pathname, payload);
    while (performance.now() < until) {
      const payload = batchBody();
      const started = performance.now();
      const status = await send(payload);
      latencies.push(performance.now() - started);
      if (status === 200) events += BATCH;
      else errors++;
    }
  };
  const began = performance.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  const elapsed = (performance.now() - began) / 1000;
  const cpuAfter = cpuOf(pid);
  const mainAfter = mainThreadCpuOf(pid);
  const generator = process.cpuUsage(generatorBefore);
  clearInterval(rss);
  agent.destroy();
  for (const connection of connections) connection.close();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    eventsPerSecond: events / elapsed,
    p50: at(0.5),
    p99: at(0.99),
    errors,
    peakRss,
    accepted: events,
    cpuPerEvent: ((cpuAfter - cpuBefore) * 1e6) / Math.max(1, events),
    mainCpuPerEvent: ((mainAfter - mainBefore) * 1e6) / Math.max(1, events),
    generatorCpuPerEvent: (generator.user + generator.system) / Math.max(1, events),
  };
}

const metric = async (url: string, name: string) => {
  const text = await (await fetch(`${url}/metrics`)).text();
  return Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? 0);
};

/** Waits until the store holds every event the server acknowledged; returns the seconds it took. */
async function drained(url: string): Promise<number> {
  const acceptedTotal = await metric(url, 'heatfunnel_events_accepted_total');
  const started = performance.now();
  const deadline = started + 120_000;
  while ((await metric(url, 'heatfunnel_inserted_rows_total')) < acceptedTotal) {
    if (performance.now() > deadline) throw new Error('the store did not catch up within 120 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return (performance.now() - started) / 1000;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

type Kind = 'parse' | 'spool' | 'full';
const LABELS: Record<Kind, string> = { parse: 'parse-only', spool: 'spool only', full: 'full path ' };
type RunResult = Partial<Record<Kind, Result>> & { drainSeconds?: number };

const describe = (r: Result) =>
  `${fmt(r.eventsPerSecond)} events/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, ${r.errors} errors, RSS ${fmt(r.peakRss / 1048576)} MB, ${r.cpuPerEvent.toFixed(1)} µs server CPU/event (${r.mainCpuPerEvent.toFixed(1)} on its main thread), generator ${r.generatorCpuPerEvent.toFixed(1)} µs/event`;

async function main() {
  const runs: RunResult[] = [];
  for (let run = 1; run <= RUNS; run++) {
    const result = await oneRun();
    runs.push(result);
    for (const kind of ['parse', 'spool', 'full'] as const) {
      const r = result[kind];
      if (r) console.log(`run ${run} ${LABELS[kind]}: ${describe(r)}`);
    }
    if (result.parse && result.full)
      console.log(
        `run ${run} ratio full / parse-only: ${(result.full.eventsPerSecond / result.parse.eventsPerSecond).toFixed(2)}`,
      );
    if (result.drainSeconds !== undefined)
      console.log(
        `run ${run}: the store held every acknowledged event ${result.drainSeconds.toFixed(1)} s after the load stopped`,
      );
  }
  console.log(
    `\nmedians of ${RUNS} runs, ${SECONDS} s each after ${WARMUP} s warm-up, ${CONNECTIONS} connections, ${BATCH}-event batches (full path CPU includes its flush into the engine)`,
  );
  for (const kind of ['parse', 'spool', 'full'] as const) {
    const all = runs.map((r) => r[kind]).filter((r): r is Result => r !== undefined);
    if (all.length === 0) continue;
    const pick = (f: (r: Result) => number) => median(all.map(f));
    console.log(
      `${LABELS[kind]}: ${describe({
        eventsPerSecond: pick((r) => r.eventsPerSecond),
        p50: pick((r) => r.p50),
        p99: pick((r) => r.p99),
        errors: pick((r) => r.errors),
        peakRss: pick((r) => r.peakRss),
        accepted: pick((r) => r.accepted),
        cpuPerEvent: pick((r) => r.cpuPerEvent),
        mainCpuPerEvent: pick((r) => r.mainCpuPerEvent),
        generatorCpuPerEvent: pick((r) => r.generatorCpuPerEvent),
      })}`,
    );
  }
  const both = runs.filter((r) => r.parse && r.full);
  if (both.length > 0)
    console.log(
      `ratio full / parse-only: ${median(both.map((r) => (r.full?.eventsPerSecond ?? 0) / (r.parse?.eventsPerSecond ?? 1))).toFixed(2)} (median of the runs' ratios)`,
    );
}

async function measure(args: string[]): Promise<Result> {
  const server = await start(args);
  try {
    const pid = server.child.pid as number;
    await load(server.url, pid, WARMUP);
    return await load(server.url, pid, SECONDS);
  } finally {
    await server.stop();
  }
}

async function oneRun(): Promise<RunResult> {
  const result: RunResult = {};
  if (ONLY.has('parse'))
    result.parse = await measure(['--import', 'tsx', join(here, 'parse-only-server.ts')]);
  if (ONLY.has('spool'))
    result.spool = await measure(['--import', 'tsx', join(here, 'spool-only-server.ts')]);
  if (!ONLY.has('full')) return result;
  const dataDir = mkdtempSync(join(tmpdir(), 'hf-bench-'));
  const full = await start([
    join(here, '..', 'bin', 'heatfunnel.mjs'),
    'serve',
    '--port',
    '0',
    '--data-dir',
    dataDir,
    '--demo',
  ]);
  try {
    const pid = full.child.pid as number;
    await load(full.url, pid, WARMUP);
    await drained(full.url);
    const cpuBefore = cpuOf(pid);
    const mainBefore = mainThreadCpuOf(pid);
    result.full = await load(full.url, pid, SECONDS);
    result.drainSeconds = await drained(full.url);
    // The engine runs in the server's process: its CPU for the flush counts too.
    result.full.cpuPerEvent = ((cpuOf(pid) - cpuBefore) * 1e6) / Math.max(1, result.full.accepted);
    result.full.mainCpuPerEvent =
      ((mainThreadCpuOf(pid) - mainBefore) * 1e6) / Math.max(1, result.full.accepted);
    return result;
  } finally {
    await full.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
