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
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '64' },
  },
});
const RUNS = Number(values.runs);
const SECONDS = Number(values.seconds);
const WARMUP = Number(values.warmup);
const CONNECTIONS = Number(values.connections);
const BATCH = 20;

interface Server {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

async function start(args: string[]): Promise<Server> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
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

const rssOf = (pid: number) => {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? 0) * 1024;
};

// Events with fresh UUIDv7-shaped ids, built by string concatenation to keep the generator cheap.
let counter = 0;
const prefix = randomBytes(3).toString('hex');
function body(): string {
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

interface Result {
  eventsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  peakRss: number;
  accepted: number;
}

async function load(url: string, pid: number, seconds: number): Promise<Result> {
  const target = new URL('/v1/batch', url);
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const latencies: number[] = [];
  let events = 0;
  let errors = 0;
  let peakRss = 0;
  const rss = setInterval(() => {
    peakRss = Math.max(peakRss, rssOf(pid));
  }, 250);
  const until = performance.now() + seconds * 1000;
  const send = (payload: string) =>
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
    while (performance.now() < until) {
      const payload = body();
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
  clearInterval(rss);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    eventsPerSecond: events / elapsed,
    p50: at(0.5),
    p99: at(0.99),
    errors,
    peakRss,
    accepted: events,
  };
}

const metric = async (url: string, name: string) => {
  const text = await (await fetch(`${url}/metrics`)).text();
  return Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? 0);
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

async function main() {
  const rows: { parse: Result; spool: Result; full: Result; drainSeconds: number }[] = [];
  for (let run = 1; run <= RUNS; run++) {
    rows.push(await oneRun(run));
  }
  const pick = (f: (r: (typeof rows)[number]) => number) => median(rows.map(f));
  console.log(
    `\nmedians of ${RUNS} runs, ${SECONDS} s each after ${WARMUP} s warm-up, ${CONNECTIONS} connections, ${BATCH}-event batches`,
  );
  console.log(
    `parse-only: ${fmt(pick((r) => r.parse.eventsPerSecond))} events/s, p50 ${pick((r) => r.parse.p50).toFixed(1)} ms, p99 ${pick((r) => r.parse.p99).toFixed(1)} ms, RSS ${fmt(pick((r) => r.parse.peakRss) / 1048576)} MB`,
  );
  console.log(
    `spool only: ${fmt(pick((r) => r.spool.eventsPerSecond))} events/s, p50 ${pick((r) => r.spool.p50).toFixed(1)} ms, p99 ${pick((r) => r.spool.p99).toFixed(1)} ms, RSS ${fmt(pick((r) => r.spool.peakRss) / 1048576)} MB`,
  );
  console.log(
    `full path:  ${fmt(pick((r) => r.full.eventsPerSecond))} events/s, p50 ${pick((r) => r.full.p50).toFixed(1)} ms, p99 ${pick((r) => r.full.p99).toFixed(1)} ms, RSS ${fmt(pick((r) => r.full.peakRss) / 1048576)} MB`,
  );
  console.log(
    `ratio:      ${pick((r) => r.full.eventsPerSecond / r.parse.eventsPerSecond).toFixed(2)}; store caught up ${pick((r) => r.drainSeconds).toFixed(1)} s after the load stopped`,
  );
}

async function oneRun(run: number) {
  const tsx = join(here, '..', 'bin', 'heatfunnel.mjs');
  const parseServer = await start(['--import', 'tsx', join(here, 'parse-only-server.ts')]);
  await load(parseServer.url, parseServer.child.pid as number, WARMUP);
  const parse = await load(parseServer.url, parseServer.child.pid as number, SECONDS);
  await parseServer.stop();

  const spoolServer = await start(['--import', 'tsx', join(here, 'spool-only-server.ts')]);
  await load(spoolServer.url, spoolServer.child.pid as number, WARMUP);
  const spool = await load(spoolServer.url, spoolServer.child.pid as number, SECONDS);
  await spoolServer.stop();

  const dataDir = mkdtempSync(join(tmpdir(), 'hf-bench-'));
  const full = await start([tsx, 'serve', '--port', '0', '--data-dir', dataDir, '--demo']);
  try {
    const pid = full.child.pid as number;
    await load(full.url, pid, WARMUP);
    const result = await load(full.url, pid, SECONDS);
    const acceptedTotal = await metric(full.url, 'heatfunnel_events_accepted_total');
    const stopped = performance.now();
    const deadline = stopped + 120_000;
    while (
      (await metric(full.url, 'heatfunnel_inserted_rows_total')) < acceptedTotal &&
      performance.now() < deadline
    ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const drainSeconds = (performance.now() - stopped) / 1000;
    console.log(
      `run ${run}: parse-only ${fmt(parse.eventsPerSecond)} ev/s (p50 ${parse.p50.toFixed(1)} ms, p99 ${parse.p99.toFixed(1)} ms); ` +
        `spool only ${fmt(spool.eventsPerSecond)} ev/s (p50 ${spool.p50.toFixed(1)} ms, p99 ${spool.p99.toFixed(1)} ms); ` +
        `full ${fmt(result.eventsPerSecond)} ev/s (p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms, ${result.errors} errors, RSS ${fmt(result.peakRss / 1048576)} MB), ` +
        `ratio ${(result.eventsPerSecond / parse.eventsPerSecond).toFixed(2)}, store caught up in ${drainSeconds.toFixed(1)} s`,
    );
    return { parse, spool, full: result, drainSeconds };
  } finally {
    await full.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
